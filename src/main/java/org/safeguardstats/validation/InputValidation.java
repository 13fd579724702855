package org.safeguardstats.validation;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.safeguardstats.validation.Rules.rule;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.safeguardstats.config.JobConfig;
import org.safeguardstats.schema.CodeLists;

/**
 * The columns validation derives (reporting year, first child), age banding and the reporting-years
 * rule every dated input shares. Each input shape's own rules are in its class ({@code
 * org.safeguardstats.input}).
 */
public final class InputValidation {
  public static final String REPORTING_YEAR = "reporting_year";

  /** Derived: true on the first accepted row (by child_ref) of each incident. */
  public static final String FIRST_CHILD = "first_child";

  private InputValidation() {}

  /** Reporting year: the year ending 31 March in which the date falls. */
  public static Column reportingYear(Column date) {
    return functions.year(date).plus(when(functions.month(date).geq(4), 1).otherwise(0));
  }

  /** Reporting year of a yyyy-MM-dd text column. */
  public static Column reportingYearOf(String dateColumn) {
    return reportingYear(functions.to_date(col(dateColumn), "yyyy-MM-dd"));
  }

  /**
   * The rule that quarantines a row whose reporting year, where {@code known}, is outside the
   * job's.
   */
  public static Column outsideReportingYears(
      String field, Column year, Column known, JobConfig job) {
    return rule(
        known.and(year.lt(job.firstYear()).or(year.gt(job.lastYear()))),
        field
            + ": outside the configured reporting years "
            + JobConfig.yearLabel(job.firstYear())
            + " to "
            + JobConfig.yearLabel(job.lastYear()));
  }

  /** Panel age band code for a whole-year age (null when the age is null). */
  public static Column panelAgeBand(Column age) {
    return ageBand(age, "panel");
  }

  /** The code of the band of an {@code age_bands.csv} scheme holding a whole-year age, or null. */
  public static Column ageBand(Column age, String scheme) {
    Column band = lit(null).cast("string");
    List<CodeLists.AgeBand> bands = new ArrayList<>(CodeLists.ageBands(scheme));
    Collections.reverse(bands);
    for (CodeLists.AgeBand b : bands) {
      if (b.minAge() != null) {
        band = when(age.between(b.minAge(), b.maxAge()), lit(b.code())).otherwise(band);
      }
    }
    return band;
  }
}
