package org.safeguardstats.tables;

import org.safeguardstats.stats.Estimate;

/**
 * An estimate's columns: value, limits, method and why it is null. The one way every table writes
 * an estimate ({@code share}, {@code ratio}, {@code rate}, {@code risk_ratio}, ...).
 */
public record EstimateColumns(
    Double value, Double lower, Double upper, String method, String nullReason) {

  /** The estimate; its method only when it has a value. Null estimate: every column null. */
  public static EstimateColumns of(Estimate e) {
    return e == null ? none(null) : of(e, e.value() == null ? null : e.method());
  }

  /** The estimate with its method even when it has no value (the method that was attempted). */
  public static EstimateColumns attempted(Estimate e) {
    return of(e, e.method());
  }

  /** No estimate, for the reason given (null: none needed). */
  public static EstimateColumns none(String reason) {
    return new EstimateColumns(null, null, null, null, reason);
  }

  /** The same columns with another null reason (e.g. a missing input's reason). */
  public EstimateColumns because(String reason) {
    return new EstimateColumns(value, lower, upper, method, reason);
  }

  private static EstimateColumns of(Estimate e, String method) {
    return new EstimateColumns(e.value(), e.lower(), e.upper(), method, e.nullReason());
  }
}
