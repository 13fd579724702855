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
    double z2 = z * z;
    double p = (double) x / n;
    double centre = 2.0 * x + z2;
    double halfWidth = z * Math.sqrt(z2 + 4.0 * x * (1.0 - p));
    double denominator = 2.0 * (n + z2);
    double lower = x == 0 ? 0.0 : (centre - halfWidth) / denominator;
    double upper = x == n ? 1.0 : (centre + halfWidth) / denominator;
    return new Estimate(p, lower, upper, METHOD, false, null);
  }
}
