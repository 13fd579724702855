package org.safeguardstats.stats;

/**
 * Wilson score interval for a proportion (a share): x events out of n.
 *
 * <p>Definition: value = x / n with limits
 *
 * <pre>{@code
 * L, U = (2x + z^2 -/+ z * sqrt(z^2 + 4x(1 - x/n))) / (2(n + z^2)),    z = Phi^-1(1 - alpha/2)
 * }</pre>
 *
 * At x = 0 the lower limit is exactly 0 and at x = n the upper limit is exactly 1; they are set so,
 * because the formula's rounding can land either side (e.g. 0.9999999999999999 &lt; x/n).
 *
 * <p>When n = 0 there is no share: value and limits are null with reason {@code no_denominator}
 * (GSS symbol {@code z}). Method name {@code wilson}. A share is never flagged low reliability
 * here; its denominator is shown beside it.
 *
 * <p>References:
 *
 * <ol>
 *   <li>Wilson EB (1927). Probable inference, the law of succession, and statistical inference.
 *       JASA 22:209-212.
 *   <li>Newcombe RG (1998). Two-sided confidence intervals for the single proportion. Stat Med
 *       17:857-872 (method 3).
 *   <li>PHEindicatormethods {@code phe_proportion} / {@code wilson_lower}, {@code wilson_upper}.
 * </ol>
 */
public final class WilsonInterval {

  public static final String METHOD = "wilson";

  private WilsonInterval() {}

  public static Estimate of(long x, long n, double level) {
    if (x < 0 || n < 0) {
      throw new IllegalArgumentException(
          "Counts must not be negative; got x = " + x + ", n = " + n + ".");
    }
    if (x > n) {
      throw new IllegalArgumentException(
          "The number of events x = " + x + " exceeds the denominator n = " + n + ".");
    }
    double z = ConfidenceLevel.z(level);
    if (n == 0) {
      return Estimate.missing(METHOD, "no_denominator");
    }
    return interval(x, n, z, METHOD);
  }

  /**
   * A share of children clustered in incidents: Wilson's interval on the effective counts x / D and
   * n / D (Korn and Graubard 1998's effective sample size); the share itself is x / n. D = 1 gives
   * {@link #of}'s limits.
   */
  public static Estimate clustered(long x, long n, double designEffect, double level) {
    Estimate plain = of(x, n, level);
    DesignEffect.require(designEffect);
    String method = METHOD + PoissonLimits.DESIGN_EFFECT;
    if (plain.isMissing()) {
      return Estimate.missing(method, plain.nullReason());
    }
    Estimate e = interval(x / designEffect, n / designEffect, ConfidenceLevel.z(level), method);
    return new Estimate(plain.value(), e.lower(), e.upper(), method, false, null);
  }

  private static Estimate interval(double x, double n, double z, String method) {
    double z2 = z * z;
    double p = x / n;
    double centre = 2.0 * x + z2;
    double halfWidth = z * Math.sqrt(z2 + 4.0 * x * (1.0 - p));
    double denominator = 2.0 * (n + z2);
    double lower = x == 0 ? 0.0 : (centre - halfWidth) / denominator;
    double upper = x == n ? 1.0 : (centre + halfWidth) / denominator;
    return new Estimate(p, lower, upper, method, false, null);
  }
}
