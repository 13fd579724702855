package org.safeguardstats.stats;

/**
 * A point estimate with its confidence limits, the method that produced them and, when they cannot
 * be computed, the reason why.
 *
 * <p>Definition: {@code value} is the estimate, {@code lower} and {@code upper} its confidence
 * limits at the level the caller asked for, {@code method} the name published in the {@code
 * ci_method} column (e.g. {@code wilson}, {@code exact_poisson}, {@code byar}).
 *
 * <pre>{@code
 * nullReason == null  <=>  value, lower and upper are all non-null and finite
 * }</pre>
 *
 * <p>The record never holds NaN or Infinity: a degenerate input (no denominator, no expected count)
 * gives null value and limits plus a short machine-readable {@code nullReason}, e.g. {@code
 * no_denominator} (GSS symbol {@code z}) or {@code no_expected}. {@code lowReliability} is true
 * when the estimate rests on fewer than 10 events (GSS symbol {@code u}).
 *
 * <p>References:
 *
 * <ol>
 *   <li>Methods contract, {@code statistics.md}: "Division by zero never produces NaN or Infinity
 *       in an output: the value is null and a reason is given."
 *   <li>Government Statistical Service, symbols in tables (u = low reliability, z = not
 *       applicable).
 * </ol>
 */
public record Estimate(
    Double value,
    Double lower,
    Double upper,
    String method,
    boolean lowReliability,
    String nullReason) {

  public Estimate {
    if (method == null || method.isBlank()) {
      throw new IllegalArgumentException("An estimate must name the method that produced it.");
    }
    requireFinite(value, "value");
    requireFinite(lower, "lower limit");
    requireFinite(upper, "upper limit");
    boolean complete = value != null && lower != null && upper != null;
    if (complete == (nullReason != null)) {
      throw new IllegalArgumentException(
          "An estimate has a null reason exactly when its value and limits are null.");
    }
    if (!complete && (value != null || lower != null || upper != null)) {
      throw new IllegalArgumentException(
          "A missing estimate has value and both limits null together.");
    }
  }

  /** A missing estimate: value and limits null, with the reason. */
  public static Estimate missing(String method, String reason) {
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("A missing estimate must say why it is missing.");
    }
    return new Estimate(null, null, null, method, false, reason);
  }

  /**
   * A ratio with limits symmetric on the log scale: exp(ln ratio ∓ z·se), for the log-Wald and Katz
   * intervals.
   */
  static Estimate logScale(double ratio, double se, double z, String method, boolean low) {
    double logRatio = Math.log(ratio);
    return finiteOr(
        ratio,
        Math.exp(logRatio - z * se),
        Math.exp(logRatio + z * se),
        method,
        low,
        "outside_double_range");
  }

  /**
   * The estimate, or, when a value or limit is beyond what a double holds (e.g. a rate over a
   * subnormal population), a missing one with the reason: never an exception, never Infinity.
   */
  static Estimate finiteOr(
      double value, double lower, double upper, String method, boolean low, String reason) {
    if (Double.isFinite(value) && Double.isFinite(lower) && Double.isFinite(upper)) {
      return new Estimate(value, lower, upper, method, low, null);
    }
    return missing(method, reason);
  }

  /** True when value and limits are null (see {@link #nullReason()}). */
  public boolean isMissing() {
    return nullReason != null;
  }

  static void requireFinite(Double x, String what) {
    if (x != null && !Double.isFinite(x)) {
      throw new IllegalArgumentException(
          "The " + what + " must be a finite number, not " + x + ".");
    }
  }
}
