package org.safeguardstats.stats;

/**
 * The low-reliability rule: an estimate resting on fewer than {@value #MIN_EVENTS} events is
 * flagged (GSS symbol {@code u}); every table's {@code low_reliability} column uses this.
 *
 * <p>Reference: methods contract, {@code statistics.md}; PHEindicatormethods flags rates from fewer
 * than 10 events.
 */
public final class Reliability {
  public static final long MIN_EVENTS = 10;

  private Reliability() {}

  /** True when any of the counts is below {@value #MIN_EVENTS}. */
  public static boolean low(long... counts) {
    for (long c : counts) {
      if (c < MIN_EVENTS) {
        return true;
      }
    }
    return false;
  }
}
