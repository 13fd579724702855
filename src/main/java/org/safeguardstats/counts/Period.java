package org.safeguardstats.counts;

import java.util.ArrayList;
import java.util.List;
import org.safeguardstats.config.JobConfig;

/** A reporting year, or several pooled (counts and populations summed). */
public record Period(int firstYear, int lastYear) {
  public boolean pooled() {
    return firstYear != lastYear;
  }

  public boolean contains(int year) {
    return year >= firstYear && year <= lastYear;
  }

  public String label() {
    return pooled()
        ? JobConfig.yearLabel(firstYear) + " to " + JobConfig.yearLabel(lastYear)
        : JobConfig.yearLabel(firstYear);
  }

  /** The population year(s) used for the period: the row for reporting year Y is used for Y. */
  public String populationYears() {
    return pooled() ? firstYear + " to " + lastYear : String.valueOf(firstYear);
  }

  public String type() {
    return pooled() ? "pooled" : "year";
  }

  /** Each year of the job, then all of them pooled (when there is more than one). */
  public static List<Period> yearsAndPooled(int first, int last) {
    List<Period> periods = new ArrayList<>();
    for (int y = first; y <= last; y++) {
      periods.add(new Period(y, y));
    }
    if (last > first) {
      periods.add(new Period(first, last));
    }
    return periods;
  }
}
