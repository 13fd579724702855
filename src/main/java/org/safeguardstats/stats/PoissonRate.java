package org.safeguardstats.stats;

/**
 * A crude rate, e.g. incidents per 100,000 children, with Poisson limits.
 *
 * <p>Definition:
 *
 * <pre>{@code
 * rate = O / population * multiplier
 * L, U = (Poisson limits of O) / population * multiplier
 * }</pre>
 *
 * The limits of O are those of {@link PoissonLimits}: exact below 10 events (method {@code
 * exact_poisson}, flagged low reliability), Byar's approximation from 10 (method {@code byar}). A
 * population of 0 gives null value and limits with reason {@code no_denominator}.
 *
 * <p>References:
 *
 * <ol>
 *   <li>Breslow NE, Day NE (1987). Statistical Methods in Cancer Research, vol. II.
 *   <li>PHEindicatormethods {@code phe_rate}.
 * </ol>
 */
public final class PoissonRate {

  private PoissonRate() {}

  /** Rates are published per 100,000 children. */
  public static final double PER_100000 = 100_000;

  public static Estimate of(long observed, double population, double multiplier, double level) {
    return rate(PoissonLimits.of(observed, level), population, multiplier);
  }

  /** The rate of a count of children clustered in incidents ({@link PoissonLimits#clustered}). */
  public static Estimate clustered(
      long observed, double population, double multiplier, double designEffect, double level) {
    return rate(PoissonLimits.clustered(observed, designEffect, level), population, multiplier);
  }

  private static Estimate rate(Estimate count, double population, double multiplier) {
    if (!(population >= 0.0) || !Double.isFinite(population)) {
      throw new IllegalArgumentException(
          "The population must be a finite number of at least 0; got " + population + ".");
    }
    if (!(multiplier > 0.0) || !Double.isFinite(multiplier)) {
      throw new IllegalArgumentException(
          "The multiplier must be a finite positive number, e.g. 100000; got " + multiplier + ".");
    }
    if (population == 0.0) {
      return Estimate.missing(count.method(), "no_denominator");
    }
    return Estimate.finiteOr(
        count.value() / population * multiplier,
        count.lower() / population * multiplier,
        count.upper() / population * multiplier,
        count.method(),
        count.lowReliability(),
        "outside_double_range");
  }
}
