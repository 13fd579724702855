package org.safeguardstats.stats;

import org.apache.commons.math3.distribution.HypergeometricDistribution;

/**
 * Fisher's exact test for a 2x2 table, two-sided.
 *
 * <p>Definition, for the table
 *
 * <pre>{@code
 *          event   no event
 * group 1    a        b
 * group 2    c        d
 * }</pre>
 *
 * with all margins fixed, a follows the hypergeometric distribution H(N = a+b+c+d, K = a+c, n =
 * a+b). The two-sided p-value sums the probabilities of every table no more likely than the
 * observed one:
 *
 * <pre>{@code
 * p = sum over k of P(H = k) for P(H = k) <= (1 + 1e-7) P(H = a)
 * }</pre>
 *
 * The relative tolerance 1e-7 is R's {@code fisher.test} convention. When the margins allow only
 * one table (a zero margin, or an empty table) p = 1. Used instead of Pearson's chi-square when any
 * expected count is below 5.
 *
 * <p>References:
 *
 * <ol>
 *   <li>Fisher RA (1935). The logic of inductive inference. JRSS 98:39-82.
 *   <li>R Core Team, {@code stats::fisher.test} (two-sided "minlike" p-value).
 *   <li>Methods contract, {@code statistics.md}, "Associations".
 * </ol>
 */
public final class FisherExact {

  private static final double RELATIVE_TOLERANCE = 1 + 1e-7;

  private FisherExact() {}

  /** Two-sided p-value for the table [[a, b], [c, d]]. */
  public static double twoSidedPValue(long a, long b, long c, long d) {
    if (a < 0 || b < 0 || c < 0 || d < 0) {
      throw new IllegalArgumentException(
          "Table counts must not be negative; got " + a + ", " + b + ", " + c + ", " + d + ".");
    }
    long total = a + b + c + d;
    if (total > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "The table total must not exceed " + Integer.MAX_VALUE + ".");
    }
    if (total == 0) {
      return 1.0;
    }
    HypergeometricDistribution h =
        new HypergeometricDistribution(null, (int) total, (int) (a + c), (int) (a + b));
    if (h.getSupportLowerBound() == h.getSupportUpperBound()) {
      // a zero margin: the observed table is the only one (Commons Math returns P = 0 here, not 1)
      return 1.0;
    }
    double observed = h.probability((int) a) * RELATIVE_TOLERANCE;
    double p = 0.0;
    for (int k = h.getSupportLowerBound(); k <= h.getSupportUpperBound(); k++) {
      double pk = h.probability(k);
      if (pk <= observed) {
        p += pk;
      }
    }
    return Math.min(1.0, p);
  }
}
