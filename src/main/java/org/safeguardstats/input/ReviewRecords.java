package org.safeguardstats.input;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.safeguardstats.config.JobConfig;
import org.safeguardstats.counts.CountTable;
import org.safeguardstats.counts.NotificationDates;
import org.safeguardstats.counts.ReviewCounts;
import org.safeguardstats.schema.DeclaredSchema;
import org.safeguardstats.validation.InputValidation;
import org.safeguardstats.validation.Validated;

/**
 * Local child safeguarding practice reviews ({@code data-schemas/inputs/reviews.schema.json}).
 * Yields the accepted reviews counted per reporting year: all of them, those with practice themes
 * recorded, and those with each theme ({@link ReviewCounts}).
 */
public final class ReviewRecords extends InputShape<ReviewCounts> {
  /** Key of the row that counts every review of a year. */
  static final String ALL = "*reviews";

  private final JobConfig job;

  public ReviewRecords(JobConfig job) {
    super("reviews", DeclaredSchema.input("reviews"));
    this.job = job;
  }

  @Override
  public Validated validate(Dataset<Row> raw, DeclaredSchema schema) {
    Column year = InputValidation.reportingYearOf("review_date");
    Validated checked =
        Validated.of(
                input(),
                schema,
                raw,
                List.of(
                    InputValidation.outsideReportingYears(
                        "review_date", year, year.isNotNull(), job)))
            .withDuplicateRule(
                col("review_id").isNotNull(),
                "review_id: duplicate of an earlier row",
                col("review_id"));
    return checked.withRows(checked.rows().withColumn(InputValidation.REPORTING_YEAR, year));
  }

  /**
   * Spark, one aggregation: each review gives the keys {@code *reviews}, and when it has themes
   * {@code *recorded} and each of its distinct themes; the keys are counted per reporting year,
   * with the first and last review dates.
   */
  @Override
  public ReviewCounts from(Validated validated) {
    String separator = declared().column("practice_themes").orElseThrow().separator();
    Column themes = col("practice_themes");
    Column keys =
        when(themes.isNull(), array(lit(ALL)))
            .otherwise(
                functions.concat(
                    array(lit(ALL), lit(CountTable.RECORDED)),
                    functions.array_distinct(functions.split(themes, Pattern.quote(separator)))));
    List<Row> counted =
        validated
            .accepted()
            .select(
                col(InputValidation.REPORTING_YEAR).as("year"),
                functions.explode(keys).as("key"),
                col("review_date").as("date"))
            .groupBy("year", "key")
            .agg(functions.count(lit(1)), functions.min("date"), functions.max("date"))
            .collectAsList();
    ReviewCounts.Builder counts = ReviewCounts.builder().completeYears(job.completeYears());
    for (Row r : counted) {
      int year = r.getInt(0);
      String key = r.getString(1);
      long n = r.getLong(2);
      if (key.equals(ALL)) {
        counts.reviews(new NotificationDates(year, date(r.get(3)), date(r.get(4))), n);
      } else if (key.equals(CountTable.RECORDED)) {
        counts.recorded(year, n);
      } else {
        counts.theme(year, key, n);
      }
    }
    return counts.build();
  }

  private static LocalDate date(Object d) {
    return d instanceof LocalDate l ? l : ((java.sql.Date) d).toLocalDate();
  }
}
