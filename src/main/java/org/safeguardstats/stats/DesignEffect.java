package org.safeguardstats.stats;

/**
 * Design effects of children clustered in incidents (siblings share an incident's type, date,
 * ethnicity and parents, so children are not independent events), from incident-level sums kept by
 * the count stage: for incidents i, m_i (or y_i) is the number of the incident's children in the
 * cell and n_i its children in the share's denominator.
 *
 * <pre>{@code
 * count of children X = Σ m_i:   Var(X) = Σ m_i²  (compound Poisson)     D = Σ m_i² / Σ m_i
 * share p = Y / N:               V_lin = Σ (y_i − p n_i)² / N²             D = V_lin / (p (1 − p) / N)
 *                                      = (Σy² − 2p Σyn + p² Σn²) / N²
 * }</pre>
 *
 * Both are floored at 1 (clustering is not allowed to narrow an interval) and are exactly 1 when
 * every incident has one child. The linearised variance is that of a ratio estimator over incidents
 * (Cochran 1977, s. 6.4, without the finite-sample factor k / (k − 1), so that singletons give the
 * binomial variance exactly). The exact, Byar and Wilson methods then use effective counts x / D
 * and n / D (Korn and Graubard 1998).
 *
 * <p>References: Kish L (1965) Survey Sampling, s. 8.2; Cochran WG (1977) Sampling Techniques, 3rd
 * ed., s. 6.4; Korn EL, Graubard BI (1998) Confidence intervals for proportions with small expected
 * number of positive counts estimated from survey data, Survey Methodology 24:193-201; methods
 * contract, {@code statistics.md}, "Children clustered in incidents".
 */
public final class DesignEffect {
  private DesignEffect() {}

  /** Checks a design effect given to an interval: finite and at least 1. */
  static void require(double designEffect) {
    if (!(designEffect >= 1.0) || !Double.isFinite(designEffect)) {
      throw new IllegalArgumentException(
          "A design effect must be a finite number of at least 1; got " + designEffect + ".");
    }
  }

  /** D of a count of children, Σ m_i² / Σ m_i, at least 1 (1 for no children). */
  public static double ofCount(long children, long childrenSquared) {
    if (children < 0 || childrenSquared < children) {
      throw new IllegalArgumentException(
          "Σ m² must be at least Σ m ≥ 0; got " + childrenSquared + " and " + children + ".");
    }
    return children == 0 ? 1.0 : Math.max(1.0, (double) childrenSquared / children);
  }

  /**
   * D of a share Y / N of children, at least 1 (1 when the share is 0 or 1, whose binomial variance
   * is 0, or when N is 0).
   */
  public static double ofShare(long y, long n, long sumY2, long sumYN, long sumN2) {
    if (y < 0 || y > n) {
      throw new IllegalArgumentException("Need 0 ≤ Y ≤ N; got Y = " + y + ", N = " + n + ".");
    }
    if (n == 0 || y == 0 || y == n) {
      return 1.0;
    }
    double p = (double) y / n;
    double linearised = (sumY2 - 2 * p * sumYN + p * p * sumN2) / ((double) n * n);
    double binomial = p * (1 - p) / n;
    return Math.max(1.0, linearised / binomial);
  }

  /**
   * D of the difference d = (Y1 − Y2) / N between two categories' shares of the same children (two
   * categories of a single-valued characteristic: a child is in at most one), against the
   * multinomial variance (p1 + p2 − d²) / N of {@link SameSampleDifference}. The linearised
   * variance over incidents is
   *
   * <pre>{@code
   * Σ (y1_i − y2_i − d n_i)² / N² = (Σy1² + Σy2² − 2 Σy1y2 − 2d (Σy1n − Σy2n) + d² Σn²) / N²
   * }</pre>
   *
   * and the count table keeps every sum but Σ y1 y2 (siblings in both categories). It is taken as
   * 0, its smallest value, so the variance used is an upper bound: exact when no incident has
   * children in both categories (e.g. every incident has one child, when D = 1 exactly), wider
   * otherwise. At least 1; 1 when N = 0 or the multinomial variance is 0.
   */
  public static double ofDifference(
      long y1,
      long y2,
      long n,
      long sumY1Squared,
      long sumY2Squared,
      long sumY1N,
      long sumY2N,
      long sumNSquared) {
    if (y1 < 0 || y2 < 0 || y1 + y2 > n) {
      throw new IllegalArgumentException(
          "Need Y1, Y2 ≥ 0 and Y1 + Y2 ≤ N; got " + y1 + ", " + y2 + " and " + n + ".");
    }
    if (n == 0) {
      return 1.0;
    }
    double d = (double) (y1 - y2) / n;
    double multinomial = ((double) (y1 + y2) / n - d * d) / n;
    if (!(multinomial > 0)) {
      return 1.0;
    }
    double upper =
        (sumY1Squared + sumY2Squared - 2 * d * (sumY1N - sumY2N) + d * d * sumNSquared)
            / ((double) n * n);
    return Math.max(1.0, upper / multinomial);
  }

  /**
   * D of a change between two years' counts of children, x1 = Σ m_i over last year's incidents and
   * x2 over this year's: the exact conditional method treats x2 as a share of x1 + x2, so D is that
   * share's ({@link #ofShare}) with y_i = n_i = m_i for this year's incidents and y_i = 0, n_i =
   * m_i for last year's: Σ y² = Σ y n = this year's Σ m², Σ n² = both years' Σ m².
   */
  public static double ofChange(
      long previous, long previousSquared, long current, long currentSquared) {
    ofCount(previous, previousSquared);
    ofCount(current, currentSquared);
    return ofShare(
        current,
        previous + current,
        currentSquared,
        currentSquared,
        previousSquared + currentSquared);
  }
}
