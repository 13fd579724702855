package org.safeguardstats.stats;

/**
 * Relative rate index of a group against a reference group (default White), with a log-Wald
 * interval.
 *
 * <p>Definition (x events over population P in group g and reference group r):
 *
 * <pre>{@code
 * RRI  = (x_g / P_g) / (x_r / P_r)
 * L, U = exp(ln RRI -/+ z sqrt(1/x_g + 1/x_r)),      z = Phi^-1(1 - alpha/2)
 * }</pre>
 *
 * The log interval does not exist when either count is 0: value and limits are then null with
 * reason {@code zero_count}; a population of 0 gives reason {@code no_denominator}. Method name
 * {@code log_wald}. Flagged low reliability when either count is below 10, where the normal
 * approximation on the log scale is poor.
 *
 * <p>References:
 *
 * <ol>
 *   <li>Rothman KJ, Greenland S, Lash TL (2008). Modern Epidemiology, 3rd ed., ch. 14 (Wald
 *       interval for the log rate ratio).
 *   <li>Methods contract, {@code statistics.md}, "Relative rate against a reference group".
 * </ol>
 */
public final class RelativeRate {

  public static final String METHOD = "log_wald";

  private RelativeRate() {}

  public static Estimate of(
      long groupCount,
      double groupPopulation,
      long referenceCount,
      double referencePopulation,
      double level) {
    if (groupCount < 0 || referenceCount < 0) {
      throw new IllegalArgumentException(
          "Counts must not be negative; got " + groupCount + " and " + referenceCount + ".");
    }
    if (!(groupPopulation >= 0.0)
        || !(referencePopulation >= 0.0)
        || !Double.isFinite(groupPopulation)
        || !Double.isFinite(referencePopulation)) {
      throw new IllegalArgumentException(
          "Populations must be finite numbers of at least 0; got "
              + groupPopulation
              + " and "
              + referencePopulation
              + ".");
    }
    double z = ConfidenceLevel.z(level);
    if (groupPopulation == 0.0 || referencePopulation == 0.0) {
      return Estimate.missing(METHOD, "no_denominator");
    }
    if (groupCount == 0 || referenceCount == 0) {
      return Estimate.missing(METHOD, "zero_count");
    }
    double ratio = (groupCount / groupPopulation) / (referenceCount / referencePopulation);
    double se = Math.sqrt(1.0 / groupCount + 1.0 / referenceCount);
    return Estimate.logScale(ratio, se, z, METHOD, Reliability.low(groupCount, referenceCount));
  }
}
