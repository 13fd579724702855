package org.safeguardstats.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.safeguardstats.config.JobConfig;
import org.safeguardstats.stats.Estimate;
import org.safeguardstats.stats.WilsonInterval;
import org.safeguardstats.stats.YearOnYearChange;

/**
 * Incidents and children per reporting year by incident type, each with its share of the year
 * and its change on the previous year (exact conditional rate ratio with equal exposures).
 */
public final class YearOnYearAnalysis {
  static final List<String> CATEGORIES = List.of("all", "death", "serious_harm", "other");
  static final List<String> MEASURES = List.of("incidents", "children");

  private YearOnYearAnalysis() {}

  public static List<OutputRow> rows(CountCube cube, RunContext run) {
    List<OutputRow> rows = new ArrayList<>();
    for (double level : run.confidenceLevels()) {
      for (String measure : MEASURES) {
        for (String category : CATEGORIES) {
          for (int year = run.firstYear(); year <= run.lastYear(); year++) {
            rows.add(row(cube, run, level, measure, category, year));
          }
        }
      }
    }
    return rows;
  }

  static long count(CountCube cube, String measure, String category, int year) {
    Predicate<CountCube.Cell> where =
        c -> c.reportingYear() == year && (category.equals("all") || c.incidentType().equals(category));
    return measure.equals("incidents") ? cube.incidents(where) : cube.children(where);
  }

  private static OutputRow row(CountCube cube, RunContext run, double level, String measure, String category, int year) {
    long count = count(cube, measure, category, year);
    long total = count(cube, measure, "all", year);
    OutputRow row = run.head()
        .put("reporting_year", year)
        .put("time_period", JobConfig.yearLabel(year))
        .put("measure", measure)
        .put("characteristic", "incident_type")
        .put("category", category)
        .put("count", count)
        .put("total", total);
    if (category.equals("all")) {
      Shares.putNoShare(row);
      row.put("share_null_reason", "not_applicable");
    } else {
      Estimate share = WilsonInterval.of(count, total, level);
      Shares.putShare(row, share);
      row.put("share_null_reason", share.nullReason());
    }
    boolean hasPrevious = year > run.firstYear();
    row.put("previous_year", hasPrevious ? year - 1 : null);
    if (hasPrevious) {
      long previous = count(cube, measure, category, year - 1);
      YearOnYearChange.Result change = YearOnYearChange.of(previous, count, 1, 1, level);
      row.put("previous_count", previous)
          .put("ratio", change.ratio())
          .put("ratio_lower", change.ratioLower())
          .put("ratio_upper", change.ratioUpper())
          .put("percent_change", change.percentChange())
          .put("percent_change_lower", change.percentChangeLower())
          .put("percent_change_upper", change.percentChangeUpper())
          .put("p_value", change.pValue())
          .put("change_method", change.method())
          .put("change_null_reason", change.nullReason());
    } else {
      row.put("previous_count", null)
          .put("ratio", null)
          .put("ratio_lower", null)
          .put("ratio_upper", null)
          .put("percent_change", null)
          .put("percent_change_lower", null)
          .put("percent_change_upper", null)
          .put("p_value", null)
          .put("change_method", null)
          .put("change_null_reason", "no_previous_year");
    }
    return row.put("low_reliability", count < 10)
        .put("null_reason", null)
        .put("confidence_level", level);
  }
}
