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
    return estimate(
        groupCount, groupPopulation, referenceCount, referencePopulation, 1.0, 1.0, METHOD, level);
  }

  /**
   * The relative rate of counts of children clustered in incidents: the variance of each log count
   * is D / x instead of 1 / x (compound Poisson), so SE = √(D_g/x_g + D_r/x_r). With both design
   * effects 1 it is {@link #of}.
   */
  public static Estimate clustered(
      long groupCount,
      double groupPopulation,
      long referenceCount,
      double referencePopulation,
      double groupDesignEffect,
      double referenceDesignEffect,
      double level) {
    DesignEffect.require(groupDesignEffect);
    DesignEffect.require(referenceDesignEffect);
    return estimate(
        groupCount,
        groupPopulation,
        referenceCount,
        referencePopulation,
        groupDesignEffect,
        referenceDesignEffect,
        METHOD + PoissonLimits.DESIGN_EFFECT,
        level);
  }

  private static Estimate estimate(
      long groupCount,
      double groupPopulation,
      long referenceCount,
      double referencePopulation,
      double groupDesignEffect,
      double referenceDesignEffect,
      String method,
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
      return Estimate.missing(method, "no_denominator");
    }
    if (groupCount == 0 || referenceCount == 0) {
      return Estimate.missing(method, "zero_count");
    }
    double ratio = (groupCount / groupPopulation) / (referenceCount / referencePopulation);
    double se = Math.sqrt(groupDesignEffect / groupCount + referenceDesignEffect / referenceCount);
    return Estimate.logScale(ratio, se, z, method, Reliability.low(groupCount, referenceCount));
  }
}
