package org.safeguardstats.tables;

import org.safeguardstats.stats.Estimate;

/** An estimate's value, limits and method, for tables that give the null reason row-wide. */
public record LimitColumns(Double value, Double lower, Double upper, String method) {
  /** The estimate; its method only when it has a value. Null estimate: every column null. */
  public static LimitColumns of(Estimate e) {
    EstimateColumns c = EstimateColumns.of(e);
    return new LimitColumns(c.value(), c.lower(), c.upper(), c.method());
  }
}
