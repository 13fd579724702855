package org.safeguardstats.stats;

/**
 * Normal quantiles computed outside the project: scipy 1.17.1 stats.norm.ppf(0.975) and (0.999).
 */
final class TestZ {
  static final double Z95 = 1.959963984540054;
  static final double Z998 = 3.090232306167813;

  private TestZ() {}

  static double of(double level) {
    if (level == 0.95) {
      return Z95;
    }
    if (level == 0.998) {
      return Z998;
    }
    throw new IllegalArgumentException("no independent z for " + level);
  }
}
