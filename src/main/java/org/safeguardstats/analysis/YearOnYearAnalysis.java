package org.safeguardstats.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.safeguardstats.counts.Period;
import org.safeguardstats.counts.PopulationBaseline;
import org.safeguardstats.counts.YearlyCounts;
import org.safeguardstats.stats.Estimate;
import org.safeguardstats.stats.PoissonRate;
import org.safeguardstats.stats.Reliability;
import org.safeguardstats.stats.WilsonInterval;
import org.safeguardstats.stats.YearOnYearChange;

/**
 * Counts per reporting year (and pooled over the job's years) by incident type: the count, its
 * share of the period's total, its rate per 100,000 children, and for single years the change on
 * the previous year in the count (equal exposures) and in the rate (exposure = child population),
 * both by the exact conditional method. A missing count (suppressed or not available in a published
 * source) makes every statistic that needs it null with its reason.
 */
public final class YearOnYearAnalysis {

  private YearOnYearAnalysis() {}

  public static List<OutputRow> rows(
      YearlyCounts counts, PopulationBaseline population, RunContext run) {
    List<OutputRow> rows = new ArrayList<>();
    for (double level : run.confidenceLevels()) {
      for (String measure : counts.measures()) {
        for (String category : YearlyCounts.categories()) {
          for (Period period : run.periods()) {
            rows.add(row(counts, population, run, level, measure, category, period));
          }
        }
      }
    }
    return rows;
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

  private static OutputRow row(
      YearlyCounts counts,
      PopulationBaseline population,
      RunContext run,
      double level,
      String measure,
      String category,
      Period period) {
    YearlyCounts.Count count = counts.count(measure, category, period);
    YearlyCounts.Count total = counts.count(measure, "all", period);
    OutputRow row =
        run.head(period)
            .put("measure", measure)
            .put("characteristic", "incident_type")
            .put("category", category)
            .put("count", count.value())
            .put("count_null_reason", count.missingReason())
            .put("total", total.value());
    if (category.equals("all")) {
      Shares.putNoShare(row);
      row.put("share_null_reason", "not_applicable");
    } else if (!count.present() || !total.present()) {
      Shares.putNoShare(row);
      row.put("share_null_reason", count.present() ? total.missingReason() : count.missingReason());
    } else {
      Estimate share = WilsonInterval.of(count.value(), total.value(), level);
      Shares.putShare(row, share);
      row.put("share_null_reason", share.nullReason());
    }
    OptionalLong pop = population(population, period);
    row.put("population", pop.isPresent() ? pop.getAsLong() : null)
        .put(
            "population_year",
            !pop.isPresent()
                ? null
                : period.pooled()
                    ? period.firstYear() + " to " + period.lastYear()
                    : String.valueOf(period.firstYear()));
    if (pop.isPresent() && count.present()) {
      Estimate rate = PoissonRate.of(count.value(), pop.getAsLong(), PoissonRate.PER_100000, level);
      row.put("rate_per_100000", rate.value())
          .put("rate_lower", rate.lower())
          .put("rate_upper", rate.upper())
          .put("rate_method", rate.method())
          .put("rate_null_reason", rate.nullReason());
    } else {
      row.put("rate_per_100000", null)
          .put("rate_lower", null)
          .put("rate_upper", null)
          .put("rate_method", null)
          .put("rate_null_reason", count.present() ? "no_population" : count.missingReason());
    }

    boolean hasPrevious = !period.pooled() && period.firstYear() > run.firstYear();
    Period previousYear =
        hasPrevious ? new Period(period.firstYear() - 1, period.firstYear() - 1) : null;
    YearlyCounts.Count previous =
        hasPrevious ? counts.count(measure, category, previousYear) : null;
    row.put("previous_year", hasPrevious ? previousYear.firstYear() : null)
        .put("previous_count", hasPrevious ? previous.value() : null);
    String missing =
        !hasPrevious
            ? (period.pooled() ? "not_applicable" : "no_previous_year")
            : !count.present()
                ? count.missingReason()
                : !previous.present() ? "previous_" + previous.missingReason() : null;
    putChange(
        row,
        "",
        missing == null ? YearOnYearChange.of(previous.value(), count.value(), 1, 1, level) : null,
        missing);
    OptionalLong previousPop =
        hasPrevious ? population(population, previousYear) : OptionalLong.empty();
    row.put("previous_population", previousPop.isPresent() ? previousPop.getAsLong() : null);
    boolean rates = missing == null && pop.isPresent() && previousPop.isPresent();
    putChange(
        row,
        "rate_",
        rates
            ? YearOnYearChange.of(
                previous.value(), count.value(), previousPop.getAsLong(), pop.getAsLong(), level)
            : null,
        missing != null ? missing : "no_population");
    boolean fewPrevious =
        previous != null && previous.present() && Reliability.low(previous.value());
    return row.put(
            "low_reliability", count.present() && Reliability.low(count.value()) || fewPrevious)
        .put("confidence_level", level);
  }

  /** The change columns, prefixed ("" for counts, "rate_" for rates). */
  private static void putChange(
      OutputRow row, String prefix, YearOnYearChange.Result change, String missingReason) {
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
