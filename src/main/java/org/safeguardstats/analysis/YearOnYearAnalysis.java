package org.safeguardstats.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Predicate;
import org.safeguardstats.stats.Estimate;
import org.safeguardstats.stats.PoissonRate;
import org.safeguardstats.stats.WilsonInterval;
import org.safeguardstats.stats.YearOnYearChange;

/**
 * Incidents and children per reporting year (and pooled over the job's years) by incident type:
 * the count, its share of the period's total, its rate per 100,000 children, and for single
 * years the change on the previous year in the count (equal exposures) and in the rate (exposure
 * = child population), both by the exact conditional method.
 */
public final class YearOnYearAnalysis {
  static final List<String> CATEGORIES = List.of("all", "death", "serious_harm", "other");
  static final List<String> MEASURES = List.of("incidents", "children");
  static final double PER_100000 = 100_000;

  private YearOnYearAnalysis() {}

  public static List<OutputRow> rows(CountCube cube, PopulationBaseline population, RunContext run) {
    List<OutputRow> rows = new ArrayList<>();
    for (double level : run.confidenceLevels()) {
      for (String measure : MEASURES) {
        for (String category : CATEGORIES) {
          for (Period period : run.periods()) {
            rows.add(row(cube, population, run, level, measure, category, period));
          }
        }
      }
    }
    return rows;
  }

  static long count(CountCube cube, String measure, String category, Period period) {
    Predicate<CountCube.Cell> where =
        c -> period.contains(c.reportingYear()) && (category.equals("all") || c.incidentType().equals(category));
    return measure.equals("incidents") ? cube.incidents(where) : cube.children(where);
  }

  /** Child population summed over the period's years; empty if any year has none. */
  static OptionalLong population(PopulationBaseline population, Period period) {
    long sum = 0;
    for (int y = period.firstYear(); y <= period.lastYear(); y++) {
      OptionalLong p = population.total(y);
      if (p.isEmpty()) {
        return OptionalLong.empty();
      }
      sum += p.getAsLong();
    }
    return OptionalLong.of(sum);
  }

  private static OutputRow row(CountCube cube, PopulationBaseline population, RunContext run, double level,
      String measure, String category, Period period) {
    long count = count(cube, measure, category, period);
    long total = count(cube, measure, "all", period);
    OutputRow row = run.head(period)
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
    OptionalLong pop = population(population, period);
    row.put("population", pop.isPresent() ? pop.getAsLong() : null);
    if (pop.isPresent()) {
      Estimate rate = PoissonRate.of(count, pop.getAsLong(), PER_100000, level);
      row.put("rate_per_100000", rate.value()).put("rate_lower", rate.lower()).put("rate_upper", rate.upper())
          .put("rate_method", rate.method()).put("rate_null_reason", rate.nullReason());
    } else {
      row.put("rate_per_100000", null).put("rate_lower", null).put("rate_upper", null)
          .put("rate_method", null).put("rate_null_reason", "no_population");
    }

    boolean hasPrevious = !period.pooled() && period.firstYear() > run.firstYear();
    Period previousYear = hasPrevious ? new Period(period.firstYear() - 1, period.firstYear() - 1) : null;
    long previous = hasPrevious ? count(cube, measure, category, previousYear) : 0;
    row.put("previous_year", hasPrevious ? previousYear.firstYear() : null)
        .put("previous_count", hasPrevious ? previous : null);
    String noChange = period.pooled() ? "not_applicable" : "no_previous_year";
    putChange(row, "", hasPrevious ? YearOnYearChange.of(previous, count, 1, 1, level) : null, noChange);
    OptionalLong previousPop = hasPrevious ? population(population, previousYear) : OptionalLong.empty();
    row.put("previous_population", previousPop.isPresent() ? previousPop.getAsLong() : null);
    YearOnYearChange.Result rateChange = hasPrevious && pop.isPresent() && previousPop.isPresent()
        ? YearOnYearChange.of(previous, count, previousPop.getAsLong(), pop.getAsLong(), level) : null;
    putChange(row, "rate_", rateChange, hasPrevious ? "no_population" : noChange);
    return row.put("low_reliability", count < 10)
        .put("confidence_level", level);
  }

  /** The change columns, prefixed ("" for counts, "rate_" for rates). */
  private static void putChange(OutputRow row, String prefix, YearOnYearChange.Result change, String missingReason) {
    boolean has = change != null;
    row.put(prefix + "ratio", has ? change.ratio() : null)
        .put(prefix + "ratio_lower", has ? change.ratioLower() : null)
        .put(prefix + "ratio_upper", has ? change.ratioUpper() : null)
        .put(prefix + "percent_change", has ? change.percentChange() : null)
        .put(prefix + "percent_change_lower", has ? change.percentChangeLower() : null)
        .put(prefix + "percent_change_upper", has ? change.percentChangeUpper() : null)
        .put(prefix + "p_value", has ? change.pValue() : null)
        .put(prefix + "change_method", has ? change.method() : null)
        .put(prefix + "change_null_reason", has ? change.nullReason() : missingReason);
  }
}
