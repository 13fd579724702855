package org.safeguardstats.stats;

import java.math.BigDecimal;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Checks a two-sided confidence level and gives its standard normal quantile.
 *
 * <p>Definition: for a confidence level {@code 1 - alpha}, the two-sided normal quantile is
 *
 * <pre>{@code
 * z = Phi^-1(1 - alpha/2)        e.g. level 0.95 -> z = 1.959963984540054
 *                                      level 0.998 -> z = 3.090232306167813
 * }</pre>
 *
 * taken from the exact normal quantile of Apache Commons Math, never a rounded constant. A level
 * must lie strictly between 0 and 1.
 *
 * <p>References:
 *
 * <ol>
 *   <li>Methods contract, {@code statistics.md}, "General rules".
 *   <li>PHEindicatormethods: {@code qnorm(confidence + (1 - confidence) / 2)}.
 * </ol>
 */
public final class ConfidenceLevel {

  private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0.0, 1.0);

  private ConfidenceLevel() {}

  /** Throws IllegalArgumentException unless 0 &lt; level &lt; 1. */
  public static void check(double level) {
    if (!(level > 0.0 && level < 1.0)) {
      throw new IllegalArgumentException(
          "The confidence level must be strictly between 0 and 1, for example 0.95; it was "
              + level
              + ".");
    }
  }

  /** The two-sided standard normal quantile for the level. */
  public static double z(double level) {
    check(level);
    return STANDARD_NORMAL.inverseCumulativeProbability(1.0 - alpha(level) / 2.0);
  }

  /**
   * Whether a p- or q-value is below α = 1 − level, in decimal arithmetic: in binary 1 − 0.95 is
   * 0.050000000000000044, which would count q = 0.05 as below it.
   */
  public static boolean belowAlpha(double value, double level) {
    check(level);
    BigDecimal alpha = BigDecimal.ONE.subtract(BigDecimal.valueOf(level));
    return BigDecimal.valueOf(value).compareTo(alpha) < 0;
  }

  /** alpha = 1 - level, after checking the level. */
  static double alpha(double level) {
    check(level);
    return 1.0 - level;
  }
}
