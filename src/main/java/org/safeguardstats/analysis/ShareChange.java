package org.safeguardstats.analysis;

import org.safeguardstats.counts.Breakdown;
import org.safeguardstats.counts.CountTable;
import org.safeguardstats.counts.Period;
import org.safeguardstats.stats.Estimate;
import org.safeguardstats.stats.NewcombeDifference;

/**
 * The change in one category's share of a breakdown between two periods, in the one way every table
 * computes it: Newcombe's hybrid score interval (method 10) from the two Wilson intervals, for
 * children on effective counts with each share's own design effect (incidents are the independent
 * units). A period with a year that has no records has no counts: they are null, and so is the
 * change, with the reason.
 *
 * @param previous the category's count in the earlier period (null when it is missing)
 * @param previousTotal the earlier period's recorded total
 * @param current the category's count in the later period
 * @param total the later period's recorded total
 * @param previousDesignEffect children: the earlier share's design effect (null for incidents, or
 *     when a count is missing)
 * @param designEffect children: the later share's design effect
 * @param difference p2 − p1 as a proportion with its limits; null when a count is missing
 * @param method {@code newcombe_wilson}, or {@code newcombe_wilson_design_effect} for children
 * @param missing why the counts are missing ({@code no_records}), or null
 */
record ShareChange(
    Long previous,
    Long previousTotal,
    Long current,
    Long total,
    Double previousDesignEffect,
    Double designEffect,
    Estimate difference,
    String method,
    String missing) {

  static ShareChange of(
      CountTable counts, Breakdown s, Period before, Period now, String category, double level) {
    String missingBefore = counts.missing(before);
    String missingNow = counts.missing(now);
    String missing = missingBefore != null ? missingBefore : missingNow;
    Long previousTotal = missingBefore != null ? null : s.recorded(counts, before);
    Long total = missingNow != null ? null : s.recorded(counts, now);
    Long previous = missingBefore != null ? null : s.count(counts, before, category);
    Long current = missingNow != null ? null : s.count(counts, now, category);
    // Children cluster in incidents: each share's design effect; incidents are the units.
    Double d1 = missing != null || s.incidents() ? null : designEffect(counts, s, before, category);
    Double d2 = missing != null || s.incidents() ? null : designEffect(counts, s, now, category);
    Estimate d =
        missing != null
            ? null
            : s.incidents()
                ? NewcombeDifference.of(previous, previousTotal, current, total, level)
                : NewcombeDifference.clustered(
                    previous, previousTotal, d1, current, total, d2, level);
    return new ShareChange(
        previous,
        previousTotal,
        current,
        total,
        d1,
        d2,
        d,
        s.incidents() ? NewcombeDifference.METHOD : NewcombeDifference.CLUSTERED,
        missing);
  }

  private static double designEffect(CountTable counts, Breakdown s, Period p, String category) {
    s.recordedCell(counts, p);
    return s.shareDesignEffect(counts, p, category);
  }
}
