package org.safeguardstats.analysis;

import java.util.ArrayList;
import java.util.List;
import org.safeguardstats.counts.Breakdown;
import org.safeguardstats.counts.Characteristics;
import org.safeguardstats.counts.CountTable;
import org.safeguardstats.counts.Margin;
import org.safeguardstats.counts.Period;
import org.safeguardstats.counts.YearlyCounts;
import org.safeguardstats.stats.Estimate;
import org.safeguardstats.stats.NewcombeDifference;
import org.safeguardstats.stats.Reliability;
import org.safeguardstats.tables.ShareChangeRow;

/**
 * Change in a share between two periods, in percentage points with Newcombe's hybrid score
 * interval: each reporting year against the year before, and the last year against all the earlier
 * years pooled. Shares are of those with the characteristic recorded. A period with a year that has
 * no records has no counts: its rows are null with reason {@code no_records}. Rows are flagged
 * {@code partial_year} when either period has a partial year.
 */
public final class ShareChangeAnalysis {
  private ShareChangeAnalysis() {}

  /** The counts this analysis reads. */
  public static List<Margin> margins() {
    return Breakdown.shareFamilies().stream().map(Breakdown::margin).toList();
  }

  /** Pairs compared: (previous, current). */
  static List<Period[]> comparisons(RunContext run) {
    List<Period[]> pairs = new ArrayList<>();
    for (int y = run.firstYear() + 1; y <= run.lastYear(); y++) {
      pairs.add(new Period[] {new Period(y - 1, y - 1), new Period(y, y)});
    }
    if (run.lastYear() - run.firstYear() >= 2) {
      pairs.add(
          new Period[] {
            new Period(run.firstYear(), run.lastYear() - 1),
            new Period(run.lastYear(), run.lastYear())
          });
    }
    return pairs;
  }

  public static List<ShareChangeRow> rows(CountTable counts, RunContext run) {
    List<ShareChangeRow> rows = new ArrayList<>();
    for (double level : run.confidenceLevels()) {
      for (Period[] pair : comparisons(run)) {
        for (Breakdown s : Breakdown.shareFamilies()) {
          for (String category : s.categories()) {
            ShareChange c = ShareChange.of(counts, s, pair[0], pair[1], category, level);
            rows.add(
                changeRow(
                    run,
                    counts,
                    pair,
                    s.universe(),
                    s.characteristic(),
                    category,
                    c.previous(),
                    c.previousTotal(),
                    c.current(),
                    c.total(),
                    c.difference(),
                    c.method(),
                    c.previousDesignEffect(),
                    c.designEffect(),
                    c.missing(),
                    level));
          }
        }
      }
    }
    return rows;
  }

  /**
   * Shares of incident types among all (the "all" count) from yearly counts, e.g. published
   * notifications; a missing count leaves the change null with its reason.
   */
  public static List<ShareChangeRow> incidentTypeRows(
      YearlyCounts counts, String measure, RunContext run) {
    List<ShareChangeRow> rows = new ArrayList<>();
    for (double level : run.confidenceLevels()) {
      for (Period[] pair : comparisons(run)) {
        YearlyCounts.Count previousTotal = counts.count(measure, "all", pair[0]);
        YearlyCounts.Count total = counts.count(measure, "all", pair[1]);
        for (String category : Characteristics.incidentTypes()) {
          YearlyCounts.Count previous = counts.count(measure, category, pair[0]);
          YearlyCounts.Count current = counts.count(measure, category, pair[1]);
          String missing =
              java.util.stream.Stream.of(previous, previousTotal, current, total)
                  .filter(c -> !c.present())
                  .map(YearlyCounts.Count::missingReason)
                  .findFirst()
                  .orElse(null);
          Estimate d =
              missing != null
                  ? null
                  : NewcombeDifference.of(
                      previous.value(),
                      previousTotal.value(),
                      current.value(),
                      total.value(),
                      level);
          rows.add(
              changeRow(
                  run,
                  counts,
                  pair,
                  measure,
                  "incident_type",
                  category,
                  previous.value(),
                  previousTotal.value(),
                  current.value(),
                  total.value(),
                  d,
                  NewcombeDifference.METHOD,
                  null,
                  null,
                  missing,
                  level));
        }
      }
    }
    return rows;
  }

  private static ShareChangeRow changeRow(
      RunContext run,
      YearlyCounts counts,
      Period[] pair,
      String universe,
      String characteristic,
      String category,
      Long previous,
      Long previousTotal,
      Long current,
      Long total,
      Estimate d,
      String method,
      Double previousDesignEffect,
      Double designEffect,
      String missing,
      double level) {
    boolean has = d != null && d.value() != null;
    return new ShareChangeRow(
        run.run(),
        run.period(pair[1]),
        pair[0].label(),
        universe,
        characteristic,
        category,
        previous,
        previousTotal,
        current,
        total,
        share(previous, previousTotal),
        share(current, total),
        previousDesignEffect,
        designEffect,
        has ? 100 * d.value() : null,
        has ? 100 * d.lower() : null,
        has ? 100 * d.upper() : null,
        method,
        previous == null || current == null || Reliability.low(previous, current),
        counts.partial(pair[0]) || counts.partial(pair[1]),
        missing != null ? missing : d.nullReason(),
        level);
  }

  private static Double share(Long count, Long total) {
    return count == null || total == null || total == 0 ? null : (double) count / total;
  }
}
