package org.safeguardstats.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.safeguardstats.counts.CountTable;
import org.safeguardstats.counts.Period;
import org.safeguardstats.counts.PopulationBaseline;
import org.safeguardstats.counts.YearlyCounts;
import org.safeguardstats.stats.BenjaminiHochberg;
import org.safeguardstats.stats.PoissonRate;
import org.safeguardstats.stats.Reliability;
import org.safeguardstats.stats.WilsonInterval;
import org.safeguardstats.stats.YearOnYearChange;
import org.safeguardstats.tables.ChangeColumns;
import org.safeguardstats.tables.EstimateColumns;
import org.safeguardstats.tables.YearOnYearRow;

/**
 * Counts per reporting year (and pooled over the job's years) by incident type: the count, its
 * share of the period's total, its rate per 100,000 children, and for single years the change on
 * the previous year in the count (equal exposures) and in the rate (exposure = child population),
 * both by the exact conditional method. A missing count (suppressed or not available in a published
 * source, or a year with no records) makes every statistic that needs it null with its reason. A
 * row is flagged {@code partial_year} when its period or the previous year is partial.
 */
public final class YearOnYearAnalysis {

  private YearOnYearAnalysis() {}

  public static List<YearOnYearRow> rows(
      YearlyCounts counts, PopulationBaseline population, RunContext run) {
    List<YearOnYearRow> rows = new ArrayList<>();
    for (double level : run.confidenceLevels()) {
      for (String measure : counts.measures()) {
        List<YearOnYearRow> family = new ArrayList<>();
        for (String category : YearlyCounts.categories()) {
          for (Period period : run.periods()) {
            family.add(row(counts, population, run, level, measure, category, period));
          }
        }
        rows.addAll(withQValues(family));
      }
    }
    return rows;
  }

  /**
   * Benjamini-Hochberg q-values within each family of tests: every year-on-year change of one
   * measure (all categories and years), counts and rates separately.
   */
  static List<YearOnYearRow> withQValues(List<YearOnYearRow> family) {
    Double[] p = family.stream().map(r -> r.change().pValue()).toArray(Double[]::new);
    Double[] rateP = family.stream().map(r -> r.rateChange().pValue()).toArray(Double[]::new);
    Double[] q = BenjaminiHochberg.qValues(p);
    Double[] rateQ = BenjaminiHochberg.qValues(rateP);
    List<YearOnYearRow> out = new ArrayList<>();
    for (int i = 0; i < family.size(); i++) {
      YearOnYearRow r = family.get(i);
      out.add(
          r.withChanges(
              r.change().inFamily(BenjaminiHochberg.familySize(p), q[i]),
              r.rateChange().inFamily(BenjaminiHochberg.familySize(rateP), rateQ[i])));
    }
    return out;
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

  /** The exact conditional change; on effective counts when a design effect is given. */
  private static YearOnYearChange.Result change(
      long previous, long current, double t1, double t2, Double designEffect, double level) {
    return designEffect == null
        ? YearOnYearChange.of(previous, current, t1, t2, level)
        : YearOnYearChange.clustered(previous, current, t1, t2, designEffect, level);
  }

  private static YearOnYearRow row(
      YearlyCounts counts,
      PopulationBaseline population,
      RunContext run,
      double level,
      String measure,
      String category,
      Period period) {
    YearlyCounts.Count count = counts.count(measure, category, period);
    YearlyCounts.Count total = counts.count(measure, CountTable.ALL, period);
    // Children cluster in incidents: their shares and rates use design effects; incidents are
    // the independent units.
    boolean designed = measure.equals("children");
    boolean counted = count.present() && total.present();
    Double countEffect =
        designed && count.present() ? counts.designEffect(measure, category, period) : null;
    Double shareEffect =
        designed && counted && !category.equals(CountTable.ALL)
            ? counts.shareDesignEffect(measure, category, period)
            : null;
    EstimateColumns share;
    if (category.equals(CountTable.ALL)) {
      share = EstimateColumns.none("not_applicable");
    } else if (!count.present() || !total.present()) {
      share = EstimateColumns.none(count.present() ? total.missingReason() : count.missingReason());
    } else {
      share =
          EstimateColumns.of(
              designed
                  ? WilsonInterval.clustered(count.value(), total.value(), shareEffect, level)
                  : WilsonInterval.of(count.value(), total.value(), level));
    }
    OptionalLong pop = population(population, period);
    EstimateColumns rate =
        pop.isPresent() && count.present()
            ? EstimateColumns.attempted(
                designed
                    ? PoissonRate.clustered(
                        count.value(), pop.getAsLong(), PoissonRate.PER_100000, countEffect, level)
                    : PoissonRate.of(count.value(), pop.getAsLong(), PoissonRate.PER_100000, level))
            : EstimateColumns.none(count.present() ? "no_population" : count.missingReason());

    boolean hasPrevious = !period.pooled() && period.firstYear() > run.firstYear();
    Period previousYear =
        hasPrevious ? new Period(period.firstYear() - 1, period.firstYear() - 1) : null;
    YearlyCounts.Count previous =
        hasPrevious ? counts.count(measure, category, previousYear) : null;
    String missing =
        !hasPrevious
            ? (period.pooled() ? "not_applicable" : "no_previous_year")
            : !count.present()
                ? count.missingReason()
                : !previous.present() ? "previous_" + previous.missingReason() : null;
    // Children: the changes use effective counts, with the design effect of the change.
    Double changeEffect =
        designed && missing == null
            ? counts.changeDesignEffect(measure, category, previousYear, period)
            : null;
    YearOnYearChange.Result change =
        missing == null ? change(previous.value(), count.value(), 1, 1, changeEffect, level) : null;
    OptionalLong previousPop =
        hasPrevious ? population(population, previousYear) : OptionalLong.empty();
    boolean rates = missing == null && pop.isPresent() && previousPop.isPresent();
    YearOnYearChange.Result rateChange =
        rates
            ? change(
                previous.value(),
                count.value(),
                previousPop.getAsLong(),
                pop.getAsLong(),
                changeEffect,
                level)
            : null;
    boolean fewPrevious =
        previous != null && previous.present() && Reliability.low(previous.value());
    return new YearOnYearRow(
        run.run(),
        run.period(period),
        measure,
        "incident_type",
        category,
        count.value(),
        count.missingReason(),
        total.value(),
        share,
        shareEffect,
        pop.isPresent() ? pop.getAsLong() : null,
        pop.isPresent() ? period.populationYears() : null,
        rate,
        countEffect,
        hasPrevious ? previousYear.firstYear() : null,
        hasPrevious ? previous.value() : null,
        ChangeColumns.of(change, missing),
        changeEffect,
        previousPop.isPresent() ? previousPop.getAsLong() : null,
        ChangeColumns.of(rateChange, missing != null ? missing : "no_population"),
        count.present() && Reliability.low(count.value()) || fewPrevious,
        counts.partial(period) || hasPrevious && counts.partial(previousYear),
        level);
  }
}
