package org.safeguardstats.analysis;

import java.util.ArrayList;
import java.util.List;
import org.safeguardstats.counts.Breakdown;
import org.safeguardstats.counts.CountTable;
import org.safeguardstats.counts.Margin;
import org.safeguardstats.counts.Period;
import org.safeguardstats.stats.Estimate;
import org.safeguardstats.stats.Reliability;
import org.safeguardstats.tables.CauseDistributionRow;
import org.safeguardstats.tables.LimitColumns;

/**
 * Likely cause among children who died and among those seriously harmed, per reporting year and
 * pooled: count, share of those with a known cause (Wilson) and rank. {@code unknown} and {@code
 * not_recorded} are rows of their own, outside the share's denominator. A period with a reporting
 * year that has no records (not declared complete) has no counts: every row is null with reason
 * {@code no_records}, never a zero. Rows of a period with a partial year are flagged {@code
 * partial_year}.
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
    List<CauseDistributionRow> rows = new ArrayList<>();
    String missing = table.missing(period);
    if (missing != null) {
      List<String> all = new ArrayList<>(breakdown.categories());
      all.addAll(breakdown.countOnly());
      for (String cause : all) {
        rows.add(
            row(
                run, table, period, type, cause, null, null, null, null, null, null, missing,
                level));
      }
      return rows;
    }
    Distribution d = Distribution.of(table, breakdown, period, level);
    for (Distribution.Share s : d.shares()) {
      rows.add(
          row(
              run,
              table,
              period,
              type,
              s.category(),
              s.count(),
              d.recorded(),
              d.total(),
              s.share(),
              s.designEffect(),
              s.rank(),
              s.share().nullReason(),
              level));
    }
    for (String cause : breakdown.countOnly()) {
      rows.add(
          row(
              run,
              table,
              period,
              type,
              cause,
              d.count(cause),
              d.recorded(),
              d.total(),
              null,
              null,
              null,
              d.countOnlyReason(cause),
              level));
    }
    return rows;
  }

  private static CauseDistributionRow row(
      RunContext run,
      CountTable table,
      Period period,
      String type,
      String cause,
      Long count,
      Long recorded,
      Long total,
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
        count != null && Reliability.low(count),
        table.partial(period),
        reason,
        level);
  }
}
