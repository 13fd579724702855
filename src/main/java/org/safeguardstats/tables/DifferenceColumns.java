package org.safeguardstats.tables;

import org.safeguardstats.stats.Estimate;

/**
 * A difference between two shares in percentage points: value, limits, method and why it is null.
 */
public record DifferenceColumns(
    Double value, Double lowerPp, Double upperPp, String method, String nullReason) {

  /** The difference (a proportion) × 100; its method only when it has a value. */
  public static DifferenceColumns of(Estimate d) {
    if (d.isMissing()) {
      return none(d.nullReason());
    }
    return new DifferenceColumns(
        100 * d.value(), 100 * d.lower(), 100 * d.upper(), d.method(), null);
  }

  /** No difference, for the reason given. */
  public static DifferenceColumns none(String reason) {
    return new DifferenceColumns(null, null, null, null, reason);
  }
}
