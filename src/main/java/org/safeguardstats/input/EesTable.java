package org.safeguardstats.input;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;
import static org.safeguardstats.validation.Rules.rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.safeguardstats.config.JobConfig;
import org.safeguardstats.schema.DeclaredSchema;
import org.safeguardstats.validation.InputValidation;
import org.safeguardstats.validation.Validated;

/**
 * A DfE Explore Education Statistics open-data file ({@code data-schemas/inputs/ees.schema.json}):
 * the format's time and geography columns plus the job's filter and indicator columns (counts or
 * GSS symbols); other columns are ignored. Counts and population totals differ only in which
 * columns they read and what they yield.
 */
abstract class EesTable<T> extends InputShape<T> {
  private final JobConfig job;
  private final String filter;
  private final Set<String> filterValues;

  /** {@code filter} may be null (a population file has none). */
  EesTable(String input, JobConfig job, String filter, Set<String> filterValues, String indicator) {
    super(input, schema(filter, indicator));
    this.job = job;
    this.filter = filter;
    this.filterValues = filterValues;
  }

  private static DeclaredSchema schema(String filter, String indicator) {
    List<org.safeguardstats.schema.Column> more = new ArrayList<>();
    if (filter != null) {
      more.add(org.safeguardstats.schema.Column.text(filter, true, null));
    }
    more.add(org.safeguardstats.schema.Column.text(indicator, true, "^([0-9]+|c|x|z|low|u)$"));
    return DeclaredSchema.input("ees").with(more);
  }

  @Override
  public boolean ignoresUndeclaredColumns() {
    return true;
  }

  /** Reporting year of an EES time_period: 2024, or 202324 (consecutive years), is 2024. */
  static Column reportingYear(Column timePeriod) {
    return when(
            functions.length(timePeriod).equalTo(6),
            functions.substring(timePeriod, 1, 4).cast("int").plus(1))
        .otherwise(timePeriod.cast("int"));
  }

  /** The schema's rules, the configured years, and filter values the job maps. */
  @Override
  public Validated validate(Dataset<Row> raw, DeclaredSchema schema) {
    Column year = reportingYear(col("time_period"));
    List<Column> rules = new ArrayList<>();
    rules.add(
        InputValidation.outsideReportingYears(
            "time_period", year, col("time_period").rlike("^[0-9]{4}([0-9]{2})?$"), job));
    if (filter != null) {
      rules.add(
          rule(
              col(filter).isNotNull().and(not(col(filter).isin(filterValues.toArray()))),
              filter
                  + ": not one of the job's categories ("
                  + String.join(", ", new TreeSet<>(filterValues))
                  + ")"));
    }
    Validated v = Validated.of(input(), schema, raw, rules);
    return v.withRows(v.rows().withColumn(InputValidation.REPORTING_YEAR, year));
  }
}
