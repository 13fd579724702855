package org.safeguardstats.stats;

/**
 * Difference between two proportions, p2 - p1 (this year's share minus last year's), with
 * Newcombe's hybrid score interval built from the two Wilson intervals.
 *
 * <p>Definition, with (l1, u1) and (l2, u2) the Wilson limits of p1 = x1/n1 and p2 = x2/n2:
 *
 * <pre>{@code
 * D = p2 - p1                                   (a proportion; x 100 for percentage points)
 * L = D - sqrt((p2 - l2)^2 + (u1 - p1)^2)
 * U = D + sqrt((u2 - p2)^2 + (p1 - l1)^2)
 * }</pre>
 *
 * This is Newcombe's method 10, written for p2 - p1. When n1 or n2 is 0 the difference is null with
 * reason {@code no_denominator}. Method name {@code newcombe_wilson}.
 *
 * <p>References:
 *
 * <ol>
 *   <li>Newcombe RG (1998). Interval estimation for the difference between independent proportions:
 *       comparison of eleven methods. Stat Med 17:873-890 (method 10).
 *   <li>Wilson EB (1927). JASA 22:209-212.
 *   <li>Methods contract, {@code statistics.md}, "Change in a share between two years".
 * </ol>
 */
public final class NewcombeDifference {

  public static final String METHOD = "newcombe_wilson";

  private NewcombeDifference() {}

  /** Method of a change in a share of children clustered in incidents. */
  public static final String CLUSTERED = METHOD + PoissonLimits.DESIGN_EFFECT;

  public static Estimate of(long x1, long n1, long x2, long n2, double level) {
    return difference(WilsonInterval.of(x1, n1, level), WilsonInterval.of(x2, n2, level), METHOD);
  }

  /**
   * The difference between two shares of children clustered in incidents: Newcombe's method 10 from
   * the two Wilson intervals on effective sample sizes, x / D out of n / D with each share's own
   * design effect ({@link WilsonInterval#clustered}; Korn and Graubard 1998). D1 = D2 = 1 gives
   * {@link #of}.
   */
  public static Estimate clustered(
      long x1, long n1, double d1, long x2, long n2, double d2, double level) {
    return difference(
        WilsonInterval.clustered(x1, n1, d1, level),
        WilsonInterval.clustered(x2, n2, d2, level),
        CLUSTERED);
  }

  private static Estimate difference(Estimate first, Estimate second, String method) {
    if (first.isMissing() || second.isMissing()) {
      return Estimate.missing(method, "no_denominator");
    }
    double p1 = first.value();
    double p2 = second.value();
    double d = p2 - p1;
    double lower = d - Math.hypot(p2 - second.lower(), first.upper() - p1);
    double upper = d + Math.hypot(second.upper() - p2, p1 - first.lower());
    return new Estimate(d, lower, upper, method, false, null);
  }
}
