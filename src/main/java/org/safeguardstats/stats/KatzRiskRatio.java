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
 * <p>References:
 *
 * <ol>
 *   <li>Katz D, Baptista J, Azen SP, Pike MC (1978). Obtaining confidence intervals for the risk
 *       ratio in cohort studies. Biometrics 34:469-474.
 *   <li>scipy.stats.relative_risk, {@code confidence_interval()} (same formula; source of the
 *       golden test vector).
 *   <li>Methods contract, {@code statistics.md}, "Associations".
 * </ol>
 */
public final class KatzRiskRatio {

  public static final String METHOD = "katz_log";

  private KatzRiskRatio() {}

  public static Estimate of(long a, long n1, long c, long n2, double level) {
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
      return Estimate.missing(METHOD, "no_denominator");
    }
    if (a == 0 || c == 0) {
      return Estimate.missing(METHOD, "zero_count");
    }
    double ratio = ((double) a / n1) / ((double) c / n2);
    double se = Math.sqrt(1.0 / a - 1.0 / n1 + 1.0 / c - 1.0 / n2);
    return Estimate.logScale(ratio, se, z, METHOD, Reliability.low(a, c));
  }
}
