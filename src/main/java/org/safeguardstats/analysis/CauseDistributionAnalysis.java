package org.safeguardstats.analysis;

import java.util.ArrayList;
import java.util.List;
import org.safeguardstats.counts.Breakdown;
import org.safeguardstats.counts.CountTable;
import org.safeguardstats.counts.Margin;
import org.safeguardstats.counts.Period;
import org.safeguardstats.stats.Estimate;
import org.safeguardstats.stats.Reliability;
import org.safeguardstats.stats.WilsonInterval;

/**
 * Likely cause among children who died and among those seriously harmed, per reporting year and
 * pooled: count, share of those with a known cause (Wilson) and rank. {@code unknown} and {@code
 * not_recorded} are rows of their own, outside the share's denominator.
 */
public final class CauseDistributionAnalysis {
  private CauseDistributionAnalysis() {}

  /** The counts this analysis reads. */
  public static List<Margin> margins() {
    return List.of(Breakdown.LIKELY_CAUSE, Margin.TOTAL);
  }

  public static List<OutputRow> rows(CountTable counts, RunContext run) {
    List<OutputRow> rows = new ArrayList<>();
    for (double level : run.confidenceLevels()) {
      for (Period period : run.periods()) {
        for (Breakdown causes : Breakdown.likelyCauses()) {
          rows.addAll(rows(counts, run, period, causes, level));
        }
      }
    }
    return rows;
  }

  private static List<OutputRow> rows(
      CountTable table, RunContext run, Period period, Breakdown breakdown, double level) {
    String type = breakdown.incidentType();
    List<String> causes = breakdown.categories();
    long[] counts = causes.stream().mapToLong(c -> breakdown.count(table, period, c)).toArray();
    long recorded = breakdown.recorded(table, period);
    long total = table.total(period, type).children();
    List<OutputRow> rows = new ArrayList<>();
    for (int i = 0; i < causes.size(); i++) {
      int rank = 1;
      for (long other : counts) {
        if (other > counts[i]) {
          rank++;
        }
      }
      Estimate share = WilsonInterval.of(counts[i], recorded, level);
      rows.add(
          row(
              run,
              period,
              type,
              causes.get(i),
              counts[i],
              recorded,
              total,
              share,
              rank,
              share.nullReason(),
              level));
    }
    for (String cause : breakdown.countOnly()) {
      long n = breakdown.count(table, period, cause);
      rows.add(
          row(
              run,
              period,
              type,
              cause,
              n,
              recorded,
              total,
              null,
              null,
              "not_recorded_category",
              level));
    }
    return rows;
  }

  private static OutputRow row(
      RunContext run,
      Period period,
      String type,
      String cause,
      long count,
      long recorded,
      long total,
      Estimate share,
      Integer rank,
      String reason,
      double level) {
    OutputRow row =
        run.head(period)
            .put("incident_type", type)
            .put("characteristic", "likely_cause")
            .put("category", cause)
            .put("count", count)
            .put("recorded_total", recorded)
            .put("total", total);
    Shares.putShare(row, share);
    return row.put("rank", rank)
        .put("low_reliability", Reliability.low(count))
        .put("null_reason", reason)
        .put("confidence_level", level);
  }
}
