package org.safeguardstats.stats;

import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;

/**
 * Chi-square and beta quantiles from Apache Commons Math, solved to full precision.
 *
 * <p>Commons Math inverts these distributions with a Brent solver whose default absolute tolerance
 * is 1e-9; for a limit of 0.0025 that is a relative error of 4e-7, far from the 1e-9 the golden
 * values need. With a negligible absolute tolerance the solver's relative tolerance (1e-14)
 * governs, so small limits (e.g. Clopper-Pearson for 1 event in 10 million) keep their significant
 * digits.
 *
 * <p>References:
 *
 * <ol>
 *   <li>Apache Commons Math 3.6 user guide, "Distributions" (inverse cumulative probability by
 *       bracketing and Brent's method).
 *   <li>Brent RP (1973). Algorithms for Minimization without Derivatives, ch. 4.
 * </ol>
 */
final class Quantiles {

  private static final double ABSOLUTE_ACCURACY = 1e-300;

  private Quantiles() {}

  /** The p-quantile of the chi-square distribution with df degrees of freedom. */
  static double chiSquared(double p, double df) {
    return new ChiSquaredDistribution(null, df, ABSOLUTE_ACCURACY).inverseCumulativeProbability(p);
  }

  /** The p-quantile of the Beta(a, b) distribution. */
  static double beta(double p, double a, double b) {
    return new BetaDistribution(null, a, b, ABSOLUTE_ACCURACY).inverseCumulativeProbability(p);
  }
}
