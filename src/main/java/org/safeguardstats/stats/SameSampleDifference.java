package org.safeguardstats.stats;

import org.apache.commons.math3.special.Gamma;

/**
 * Difference between two shares of the same total: p1 − p2 with p1 = x1 / n and p2 = x2 / n, two
 * categories of one breakdown among the same children (e.g. the largest age band's share minus the
 * second's). The two shares are not independent (a child in one is not in the other), so Newcombe's
 * interval for independent proportions does not apply; the multinomial variance does.
 *
 * <p>Definition (Wald interval with the variance of a difference of two multinomial proportions,
 * Scott and Seber 1983):
 *
 * <pre>{@code
 * d    = p1 − p2
 * V    = (p1 + p2 − d²) / n                  (= (p1(1 − p1) + p2(1 − p2) + 2 p1 p2) / n)
 * L, U = d ∓ z √(D V)                        z = Φ⁻¹(1 − α/2)
 * }</pre>
 *
 * with D = 1 ({@link #of}, method {@code wald_multinomial}) or the difference's design effect for
 * children clustered in incidents ({@link #clustered}, method {@code
 * wald_multinomial_design_effect}; {@link DesignEffect#ofDifference}, an upper bound). The shares
 * are separated beyond chance at the level when the interval excludes 0, that is when the Wald
 * test's two-sided p-value {@code p = P(χ²₁ > d² / (D V))} ({@link #pValue}) is below α; a table
 * that compares several pairs adjusts those p-values for the family (Benjamini–Hochberg).
 *
 * <p>Degenerate cases: n = 0, null with reason {@code no_denominator}; V = 0 (both counts 0, or one
 * category holds every child and the other none), null with reason {@code zero_variance}: the Wald
 * interval would have no width. Like every Wald interval it can be too narrow for small counts and
 * can reach beyond ±1; rows resting on fewer than 10 children are flagged by the tables. For a
 * multi-valued characteristic (a child in both categories) V is too large by 2 p12 / n (Wild and
 * Seber 1993), so the interval is conservative there.
 *
 * <p>References:
 *
 * <ol>
 *   <li>Scott AJ, Seber GAF (1983). Difference of proportions from the same survey. The American
 *       Statistician 37:319-320.
 *   <li>Wild CJ, Seber GAF (1993). Comparing two proportions from the same survey. The American
 *       Statistician 47:178-181.
 *   <li>Korn EL, Graubard BI (1998). Survey Methodology 24:193-201 (effective sample size n / D).
 * </ol>
 */
public final class SameSampleDifference {
  public static final String METHOD = "wald_multinomial";

  /** Method of a difference of two shares of children clustered in incidents. */
  public static final String CLUSTERED = METHOD + PoissonLimits.DESIGN_EFFECT;

  private SameSampleDifference() {}

  public static Estimate of(long x1, long x2, long n, double level) {
    return interval(x1, x2, n, 1.0, level, METHOD);
  }

  /** The difference of two shares of children: the variance times the design effect D ≥ 1. */
  public static Estimate clustered(long x1, long x2, long n, double designEffect, double level) {
    DesignEffect.require(designEffect);
    return interval(x1, x2, n, designEffect, level, CLUSTERED);
  }

  /**
   * The two-sided p-value of the Wald test of p1 = p2 (with design effect D, 1 for incidents); null
   * in the degenerate cases where the interval is null.
   */
  public static Double pValue(long x1, long x2, long n, double designEffect) {
    DesignEffect.require(designEffect);
    Wald w = Wald.of(x1, x2, n);
    return w.nullReason() != null
        ? null
        : Gamma.regularizedGammaQ(0.5, w.d() * w.d() / (designEffect * w.variance()) / 2);
  }

  private static Estimate interval(
      long x1, long x2, long n, double designEffect, double level, String method) {
    Wald w = Wald.of(x1, x2, n);
    double z = ConfidenceLevel.z(level);
    if (w.nullReason() != null) {
      return Estimate.missing(method, w.nullReason());
    }
    double halfWidth = z * Math.sqrt(designEffect * w.variance());
    return new Estimate(w.d(), w.d() - halfWidth, w.d() + halfWidth, method, false, null);
  }

  /** d = p1 − p2 and V = (p1 + p2 − d²) / n, or why they do not exist. */
  private record Wald(double d, double variance, String nullReason) {
    static Wald of(long x1, long x2, long n) {
      if (x1 < 0 || x2 < 0 || x1 + x2 > n) {
        throw new IllegalArgumentException(
            "Need x1, x2 ≥ 0 and x1 + x2 ≤ n; got " + x1 + ", " + x2 + " and " + n + ".");
      }
      if (n == 0) {
        return new Wald(Double.NaN, Double.NaN, "no_denominator");
      }
      double d = (double) (x1 - x2) / n;
      double variance = ((double) (x1 + x2) / n - d * d) / n;
      return new Wald(d, variance, variance > 0 ? null : "zero_variance");
    }
  }
}
