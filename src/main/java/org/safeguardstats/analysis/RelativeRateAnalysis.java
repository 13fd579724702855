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
import org.safeguardstats.stats.Estimate;
import org.safeguardstats.stats.PoissonRate;
import org.safeguardstats.stats.RelativeRate;
import org.safeguardstats.stats.Reliability;

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

  public static List<OutputRow> rows(
      CountTable counts, PopulationBaseline population, RunContext run, String reference) {
    Breakdown ethnicity = Breakdown.ETHNICITY;
    List<String> groups = ethnicity.categories();
    List<OutputRow> rows = new ArrayList<>();
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
        long refCount = ethnicity.count(counts, period, reference);
        for (int i = 0; i < pops.length; i++) {
          String g = groups.get(i);
          long x = ethnicity.count(counts, period, g);
          OutputRow row =
              run.head(period)
                  .put("characteristic", "ethnicity")
                  .put("category", g)
                  .put("reference_category", reference)
                  .put("count", x)
                  .put("population", complete ? pops[i] : null)
                  .put("reference_count", refCount)
                  .put("reference_population", complete ? pops[r] : null)
                  .put(
                      "population_year",
                      !complete
                          ? null
                          : period.pooled()
                              ? period.firstYear() + " to " + period.lastYear()
                              : String.valueOf(period.firstYear()));
          String reason;
          if (!complete) {
            putRate(row, null);
            putRelative(row, null);
            reason = "no_population";
          } else {
            Estimate rate = PoissonRate.of(x, pops[i], PoissonRate.PER_100000, level);
            putRate(row, rate);
            if (g.equals(reference)) {
              putRelative(row, null);
              reason = "reference_category";
            } else {
              Estimate rr = RelativeRate.of(x, pops[i], refCount, pops[r], level);
              putRelative(row, rr);
              reason = rr.nullReason() != null ? rr.nullReason() : rate.nullReason();
            }
          }
          rows.add(
              row.put("low_reliability", Reliability.low(x, refCount))
                  .put("null_reason", reason)
                  .put(
                      "population_source",
                      complete && !sources.isEmpty() ? String.join("; ", sources) : null)
                  .put("confidence_level", level));
        }
      }
    }
    return rows;
  }

  private static void putRate(OutputRow row, Estimate rate) {
    boolean has = rate != null && rate.value() != null;
    row.put("rate_per_100000", has ? rate.value() : null)
        .put("rate_lower", has ? rate.lower() : null)
        .put("rate_upper", has ? rate.upper() : null)
        .put("rate_method", has ? rate.method() : null);
  }

  private static void putRelative(OutputRow row, Estimate rr) {
    boolean has = rr != null && rr.value() != null;
    row.put("relative_rate", has ? rr.value() : null)
        .put("relative_rate_lower", has ? rr.lower() : null)
        .put("relative_rate_upper", has ? rr.upper() : null)
        .put("relative_rate_method", has ? rr.method() : null);
  }
}
