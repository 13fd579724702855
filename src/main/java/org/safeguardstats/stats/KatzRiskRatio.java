package org.safeguardstats.stats;

/**
 * Risk ratio of two proportions, a/n1 against c/n2, with Katz's log interval.
 *
 * <p>Definition (a events among n1 in the group of interest, c among n2 in the comparison group):
 *
 * <pre>{@code
 * RR    = (a/n1) / (c/n2)
 * SE    = sqrt(1/a - 1/n1 + 1/c - 1/n2)         (standard error of ln RR)
 * L, U  = exp(ln RR -/+ z SE),                  z = Phi^-1(1 - alpha/2)
 * }</pre>
 *
 * The log interval does not exist when a or c is 0: value and limits are then null with reason
 * {@code zero_count}; when n1 or n2 is 0 the reason is {@code no_denominator}. Method name {@code
 * katz_log}. Flagged low reliability when a or c is below 10.
 *
 * <p><b>Children clustered in incidents</b> ({@link #clustered}, method {@code
 * katz_log_design_effect}): Katz's interval on the effective counts of each group (Korn and
 * Graubard 1998), a/D1 of n1/D1 and c/D2 of n2/D2, with D1 and D2 the design effects of the two
 * shares ({@link DesignEffect#ofShare}); the ratio stays (a/n1) / (c/n2):
 *
 * <pre>{@code
 * SE = sqrt(D1 (1/a - 1/n1) + D2 (1/c - 1/n2))
 * }</pre>
 *
 * This treats the two shares as independent. When both groups come from the same clusters (a boy
 * and a girl of one incident) their shares covary: Var(ln RR) = V1/p1² + V2/p2² − 2 Cov/(p1 p2).
 * The covariance is left out; it is positive when siblings share the outcome (brother and sister
 * harmed in the same way), which makes the interval conservative (wider than it needs to be), and
 * negative only if, within incidents, the outcome of one sex goes with its absence in the other.
 *
 * <p>References:
 *
 * <ol>
 *   <li>Katz D, Baptista J, Azen SP, Pike MC (1978). Obtaining confidence intervals for the risk
 *       ratio in cohort studies. Biometrics 34:469-474.
 *   <li>scipy.stats.relative_risk, {@code confidence_interval()} (same formula; source of the
 *       golden test vector).
 *   <li>Korn EL, Graubard BI (1998). Confidence intervals for proportions with small expected
 *       number of positive counts estimated from survey data. Survey Methodology 24:193-201
 *       (effective counts).
 *   <li>Methods contract, {@code statistics.md}, "Associations" and "Children clustered in
 *       incidents".
 * </ol>
 */
public final class KatzRiskRatio {

  public static final String METHOD = "katz_log";

  private KatzRiskRatio() {}

  public static Estimate of(long a, long n1, long c, long n2, double level) {
    return interval(a, n1, 1.0, c, n2, 1.0, level, METHOD);
  }

  /**
   * Children clustered in incidents: Katz's interval on the effective counts a/D1 of n1/D1 and c/D2
   * of n2/D2; the ratio is that of the real counts. D1 = D2 = 1 gives {@link #of}'s limits.
   */
  public static Estimate clustered(
      long a, long n1, double designEffect1, long c, long n2, double designEffect2, double level) {
    DesignEffect.require(designEffect1);
    DesignEffect.require(designEffect2);
    return interval(
        a, n1, designEffect1, c, n2, designEffect2, level, METHOD + PoissonLimits.DESIGN_EFFECT);
  }

  private static Estimate interval(
      long a, long n1, double d1, long c, long n2, double d2, double level, String method) {
    if (a < 0 || c < 0 || a > n1 || c > n2) {
      throw new IllegalArgumentException(
          "Each count must be between 0 and its group size; got a = "
              + a
              + " of n1 = "
              + n1
              + " and c = "
              + c
              + " of n2 = "
              + n2
              + ".");
    }
    double z = ConfidenceLevel.z(level);
    if (n1 == 0 || n2 == 0) {
      return Estimate.missing(method, "no_denominator");
    }
    if (a == 0 || c == 0) {
      return Estimate.missing(method, "zero_count");
    }
    double ratio = ((double) a / n1) / ((double) c / n2);
    double se = Math.sqrt(d1 * (1.0 / a - 1.0 / n1) + d2 * (1.0 / c - 1.0 / n2));
    return Estimate.logScale(ratio, se, z, method, Reliability.low(a, c));
  }
}
