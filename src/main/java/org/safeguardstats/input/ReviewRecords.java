package org.safeguardstats.input;

import static org.apache.spark.sql.functions.col;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.safeguardstats.config.JobConfig;
import org.safeguardstats.schema.DeclaredSchema;
import org.safeguardstats.validation.InputValidation;
import org.safeguardstats.validation.Validated;

/**
 * Local child safeguarding practice reviews ({@code data-schemas/inputs/reviews.schema.json}).
 * Yields the number of accepted reviews per reporting year.
 */
public final class ReviewRecords extends InputShape<Map<Integer, Long>> {
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

  @Override
  public Map<Integer, Long> from(Validated validated) {
    Map<Integer, Long> byYear = new LinkedHashMap<>();
    validated
        .accepted()
        .groupBy(InputValidation.REPORTING_YEAR)
        .count()
        .collectAsList()
        .forEach(r -> byYear.put(r.getInt(0), r.getLong(1)));
    return byYear;
  }
}
