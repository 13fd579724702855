package org.safeguardstats.analysis;

import org.safeguardstats.stats.Estimate;

/** Puts a share estimate into the share columns every analysis table has. */
final class Shares {
  private Shares() {}

  /** For rows where a share does not apply (totals, not-recorded categories). */
  static void putNoShare(OutputRow row) {
    row.put("share", null)
        .put("share_lower", null)
        .put("share_upper", null)
        .put("share_method", null);
  }

  static void putShare(OutputRow row, Estimate share) {
    if (share == null) {
      putNoShare(row);
      return;
    }
    row.put("share", share.value())
        .put("share_lower", share.lower())
        .put("share_upper", share.upper())
        .put("share_method", share.value() == null ? null : share.method());
  }
}
