package org.safeguardstats.stats;

import org.apache.commons.math3.special.Gamma;

/**
 * Chi-square test for trend in proportions across ordered groups (the Cochran-Armitage test): x_j
 * events out of n_j in group j with score s_j (e.g. reporting years, or age bands in order). Does
 * the proportion rise or fall steadily with the score?
 *
 * <p>Definition, over the groups with n_j &gt; 0 (N = Σ n_j, p = Σ x_j / N, s̄ = Σ n_j s_j / N):
 *
 * <pre>{@code
 * T     = Σ x_j (s_j − s̄)                    S = Σ n_j (s_j − s̄)²
 * slope = T / S                              (weighted least-squares slope of x_j / n_j on s_j)
 * X²    = T² / (p (1 − p) S),   df = 1,   p-value = P(χ²₁ ≥ X²)
 * }</pre>
 *
 * This is Armitage's (1955) statistic as R's {@code prop.trend.test} computes it (the regression
 * sum of squares of the weighted fit of the proportions on the scores), without the factor (N − 1)
 * / N of the exact-permutation variance. The slope is the change in the proportion per unit of
 * score (per year, or per age band with scores 1, 2, 3, ...); its sign gives the direction.
 *
 * <p><b>Children clustered in incidents</b> ({@link #clustered}, method {@value #CLUSTERED}): with
 * d_j the design effect of group j's share ({@link DesignEffect#ofShare}), the variance of T is p
 * (1 − p) Σ d_j n_j (s_j − s̄)² to first order when the groups are independent (years: their
 * incidents are disjoint), so
 *
 * <pre>{@code
 * δ = Σ d_j n_j (s_j − s̄)² / S       (at least 1),        p = P(χ²₁ ≥ X² / δ)
 * }</pre>
 *
 * The result keeps X² as its statistic and δ beside it, as {@link RaoScott} does. Rao and Scott's
 * first-order correction of a 1-df contrast (Rao and Scott 1981; Lohr 2010 s. 10.3), the same
 * correction as {@link RaoScott} for homogeneity. With every d_j = 1 it is {@link #of}. When the
 * groups are not disjoint sets of incidents (age bands: siblings of one incident in two bands), the
 * covariance between groups is left out: conservative when siblings share the outcome.
 *
 * <p>Degenerate cases: fewer than two non-empty groups, scores all equal among them, or p = 0 or 1
 * (no variation to test): statistic, slope and p-value null with reason {@code degenerate_table}.
 * Never NaN.
 *
 * <p>References:
 *
 * <ol>
 *   <li>Armitage P (1955). Tests for linear trends in proportions and frequencies. Biometrics
 *       11:375-386.
 *   <li>Cochran WG (1954). Some methods for strengthening the common χ² tests. Biometrics
 *       10:417-451.
 *   <li>R Core Team, {@code stats::prop.trend.test} (its example: smokers 83, 90, 129, 70 of 86,
 *       93, 136, 82 patients, X² = 8.2249, p = 0.004132).
 *   <li>Rao JNK, Scott AJ (1981). JASA 76:221-230; Lohr SL (2010). Sampling: Design and Analysis,
 *       2nd ed., s. 10.3.
 * </ol>
 */
public final class TrendInProportions {
  public static final String METHOD = "chi_square_trend";
  public static final String CLUSTERED = METHOD + PoissonLimits.DESIGN_EFFECT;

  private TrendInProportions() {}

  /**
   * The test's result; every number null with {@code nullReason} when the table is degenerate.
   *
   * @param statistic Armitage's X², uncorrected
   * @param designEffect δ for clustered children ({@link #clustered}; the p-value is that of X² /
   *     δ); null for {@link #of}
   */
  public record Result(
      Double statistic,
      Integer degreesOfFreedom,
      Double slope,
      Double designEffect,
      Double pValue,
      String method,
      String nullReason) {
    public Result {
      Estimate.requireFinite(statistic, "statistic");
      Estimate.requireFinite(slope, "slope");
      Estimate.requireFinite(designEffect, "design effect");
      Estimate.requireFinite(pValue, "p-value");
    }
  }

  /** Independent units (e.g. incidents). */
  public static Result of(long[] x, long[] n, double[] scores) {
    double[] ones = new double[x.length];
    java.util.Arrays.fill(ones, 1.0);
    return test(x, n, ones, scores, METHOD, false);
  }

  /** Children clustered in incidents, {@code designEffects[j]} that of group j's share. */
  public static Result clustered(long[] x, long[] n, double[] designEffects, double[] scores) {
    return test(x, n, designEffects, scores, CLUSTERED, true);
  }

  private static Result test(
      long[] x, long[] n, double[] d, double[] scores, String method, boolean clustered) {
    if (x.length != n.length || x.length != scores.length || x.length != d.length) {
      throw new IllegalArgumentException(
          "Counts, denominators, design effects and scores need one entry per group.");
    }
    long events = 0;
    long total = 0;
    double weightedScore = 0;
    int groups = 0;
    for (int j = 0; j < x.length; j++) {
      if (x[j] < 0 || x[j] > n[j]) {
        throw new IllegalArgumentException(
            "Need 0 ≤ x ≤ n in every group; group " + j + " has " + x[j] + " of " + n[j] + ".");
      }
      if (n[j] > 0) {
        DesignEffect.require(d[j]);
        events += x[j];
        total += n[j];
        weightedScore += n[j] * scores[j];
        groups++;
      }
    }
    if (groups < 2 || events == 0 || events == total) {
      return degenerate(method);
    }
    double p = (double) events / total;
    double mean = weightedScore / total;
    double t = 0;
    double s = 0;
    double sd = 0;
    for (int j = 0; j < x.length; j++) {
      if (n[j] > 0) {
        double c = scores[j] - mean;
        t += x[j] * c;
        s += n[j] * c * c;
        sd += d[j] * n[j] * c * c;
      }
    }
    if (!(s > 0)) {
      return degenerate(method);
    }
    double delta = clustered ? Math.max(1.0, sd / s) : 1.0;
    double statistic = t * t / (p * (1 - p) * s);
    double corrected = statistic / delta;
    double pValue = corrected <= 0 ? 1.0 : Gamma.regularizedGammaQ(0.5, corrected / 2);
    return new Result(statistic, 1, t / s, clustered ? delta : null, pValue, method, null);
  }

  private static Result degenerate(String method) {
    return new Result(null, null, null, null, null, method, "degenerate_table");
  }
}
