package org.safeguardstats.analysis;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.safeguardstats.counts.Breakdown;
import org.safeguardstats.counts.CountTable;
import org.safeguardstats.counts.Margin;
import org.safeguardstats.counts.Period;
import org.safeguardstats.counts.PopulationBaseline;
import org.safeguardstats.stats.DesignEffect;
import org.safeguardstats.stats.Estimate;
import org.safeguardstats.stats.PoissonRate;
import org.safeguardstats.stats.RelativeRate;
import org.safeguardstats.stats.Reliability;
import org.safeguardstats.tables.LimitColumns;
import org.safeguardstats.tables.RelativeRateRow;

/**
 * Children per 100,000 children of each ethnic major group, and each group's rate relative to the
 * reference group (default White; the job's {@code reference_group}), per reporting year and
 * pooled. Children with ethnicity not recorded are in no group's numerator, so every group's rate
 * is a lower bound; the relative rates are unaffected if recording does not differ by group.
 */
public final class RelativeRateAnalysis {
  private RelativeRateAnalysis() {}

  /** The counts this analysis reads. */
  public static List<Margin> margins() {
    return List.of(Breakdown.ETHNICITY.margin());
  }

  public static List<RelativeRateRow> rows(
      CountTable counts, PopulationBaseline population, RunContext run, String reference) {
    Breakdown ethnicity = Breakdown.ETHNICITY;
    List<String> groups = ethnicity.categories();
    List<RelativeRateRow> rows = new ArrayList<>();
    for (double level : run.confidenceLevels()) {
      for (Period period : run.periods()) {
        Long[] pops = new Long[groups.size()];
        Set<String> sources = new LinkedHashSet<>();
        boolean complete = true;
        java.util.Arrays.fill(pops, 0L);
        for (int y = period.firstYear(); y <= period.lastYear() && complete; y++) {
          PopulationBaseline.Breakdown b = population.breakdown(y, "ethnicity");
          complete = b.byCategory().keySet().containsAll(groups);
          if (complete) {
            sources.addAll(b.sources());
            for (int i = 0; i < pops.length; i++) {
              pops[i] += b.byCategory().get(groups.get(i));
            }
          }
        }
        int r = groups.indexOf(reference);
        String missing = counts.missing(period);
        if (missing != null) {
          // A year with no records: no counts, never zeros.
          for (String g : groups) {
            rows.add(
                new RelativeRateRow(
                    run.run(),
                    run.period(period),
                    "ethnicity",
                    g,
                    reference,
                    null,
                    complete ? pops[groups.indexOf(g)] : null,
                    null,
                    complete ? pops[r] : null,
                    complete ? period.populationYears() : null,
                    LimitColumns.of(null),
                    null,
                    null,
                    LimitColumns.of(null),
                    false,
                    counts.partial(period),
                    missing,
                    complete && !sources.isEmpty() ? String.join("; ", sources) : null,
                    level));
          }
          continue;
        }
        long refCount = ethnicity.count(counts, period, reference);
        double refDesignEffect = countDesignEffect(ethnicity.cell(counts, period, reference));
        for (int i = 0; i < pops.length; i++) {
          String g = groups.get(i);
          long x = ethnicity.count(counts, period, g);
          // Children cluster in incidents: each count's design effect widens its limits.
          double designEffect = countDesignEffect(ethnicity.cell(counts, period, g));
          Estimate rate = null;
          Estimate rr = null;
          String reason;
          if (!complete) {
            reason = "no_population";
          } else {
            rate = PoissonRate.clustered(x, pops[i], PoissonRate.PER_100000, designEffect, level);
            if (g.equals(reference)) {
              reason = "reference_category";
            } else {
              rr =
                  RelativeRate.clustered(
                      x, pops[i], refCount, pops[r], designEffect, refDesignEffect, level);
              reason = rr.nullReason() != null ? rr.nullReason() : rate.nullReason();
            }
          }
          rows.add(
              new RelativeRateRow(
                  run.run(),
                  run.period(period),
                  "ethnicity",
                  g,
                  reference,
                  x,
                  complete ? pops[i] : null,
                  refCount,
                  complete ? pops[r] : null,
                  complete ? period.populationYears() : null,
                  LimitColumns.of(rate),
                  designEffect,
                  refDesignEffect,
                  LimitColumns.of(rr),
                  Reliability.low(x, refCount),
                  counts.partial(period),
                  reason,
                  complete && !sources.isEmpty() ? String.join("; ", sources) : null,
                  level));
        }
      }
    }
    return rows;
  }

  private static double countDesignEffect(CountTable.Cell cell) {
    return DesignEffect.ofCount(cell.children(), cell.childrenSquared());
  }
}
