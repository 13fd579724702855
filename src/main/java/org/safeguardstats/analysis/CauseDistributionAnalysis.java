package org.safeguardstats.analysis;

import java.util.ArrayList;
import java.util.List;
import org.safeguardstats.counts.Breakdown;
import org.safeguardstats.counts.CountTable;
import org.safeguardstats.counts.Margin;
import org.safeguardstats.counts.Period;
import org.safeguardstats.stats.DesignEffect;
import org.safeguardstats.stats.Estimate;
import org.safeguardstats.stats.Reliability;
import org.safeguardstats.stats.WilsonInterval;
import org.safeguardstats.tables.CauseDistributionRow;
import org.safeguardstats.tables.LimitColumns;

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

  public static List<CauseDistributionRow> rows(CountTable counts, RunContext run) {
    List<CauseDistributionRow> rows = new ArrayList<>();
    for (double level : run.confidenceLevels()) {
      for (Period period : run.periods()) {
        for (Breakdown causes : Breakdown.likelyCauses()) {
          rows.addAll(rows(counts, run, period, causes, level));
        }
      }
    }
    return rows;
  }

  private static List<CauseDistributionRow> rows(
      CountTable table, RunContext run, Period period, Breakdown breakdown, double level) {
    String type = breakdown.incidentType();
    List<String> causes = breakdown.categories();
    long[] counts = causes.stream().mapToLong(c -> breakdown.count(table, period, c)).toArray();
    long recorded = breakdown.recorded(table, period);
    long total = table.total(period, type).children();
    // Children cluster in incidents: the share's interval uses its design effect, from the
    // incident-level sums of the cause's cell and of all children with a known cause.
    CountTable.Cell known = table.sum(breakdown.margin(), period, type, CountTable.RECORDED);
    if (known.children() != recorded) {
      throw new IllegalStateException(
          "Children with a known cause ("
              + known.children()
              + ") differ from the causes' total "
              + recorded
              + " for "
              + type);
    }
    List<CauseDistributionRow> rows = new ArrayList<>();
    for (int i = 0; i < causes.size(); i++) {
      int rank = 1;
      for (long other : counts) {
        if (other > counts[i]) {
          rank++;
        }
      }
      CountTable.Cell cell = breakdown.cell(table, period, causes.get(i));
      double designEffect =
          DesignEffect.ofShare(
              counts[i],
              recorded,
              cell.childrenSquared(),
              cell.childrenCross(),
              known.childrenSquared());
      Estimate share = WilsonInterval.clustered(counts[i], recorded, designEffect, level);
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
              designEffect,
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
              null,
              "not_recorded_category",
              level));
    }
    return rows;
  }

  private static CauseDistributionRow row(
      RunContext run,
      Period period,
      String type,
      String cause,
      long count,
      long recorded,
      long total,
      Estimate share,
      Double designEffect,
      Integer rank,
      String reason,
      double level) {
    return new CauseDistributionRow(
        run.run(),
        run.period(period),
        type,
        "likely_cause",
        cause,
        count,
        recorded,
        total,
        LimitColumns.of(share),
        designEffect,
        rank,
        Reliability.low(count),
        reason,
        level);
  }
}
