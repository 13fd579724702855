package org.safeguardstats.stats;

/**
 * Test of association in a 2×2 table {@code {{a, b}, {c, d}}}: Pearson's chi-square (1 df, no
 * continuity correction), or Fisher's exact two-sided test when an expected count is below {@value
 * ChiSquareHomogeneity#RELIABLE_EXPECTED} (Cochran's rule). The switch lives here only.
 *
 * <p><b>Children clustered in incidents</b> ({@link #clustered}, method {@value RaoScott#METHOD}):
 * x1 of n1 in group 1 against x2 of n2 in group 2, each share with its design effect D1, D2 ({@link
 * DesignEffect#ofShare}), is Rao and Scott's first-order correction of the table {@code {{x1, x2},
 * {n1 − x1, n2 − x2}}} ({@link RaoScott#of}, the design effect of a share of "without" being that
 * of its share "with"). With two rows and two columns it reduces to
 *
 * <pre>{@code
 * δ = (n2 D1 + n1 D2) / (n1 + n2),    p = P(χ²₁ ≥ X² / δ)
 * }</pre>
 *
 * the ratio of the variance of p1 − p2 under independence, p(1 − p)(D1/n1 + D2/n2), to the binomial
 * one, p(1 − p)(1/n1 + 1/n2). It treats the two groups' shares as independent (as for years, whose
 * incidents are disjoint); a boy and a girl of one incident are not: the covariance of their shares
 * is left out, which is conservative when it is positive (siblings share the outcome). When an
 * expected count is below 5 the table is flagged not reliable and the p-value is still Rao and
 * Scott's: Fisher's exact test assumes independent children.
 *
 * <p>References: Cochran WG (1954) Biometrics 10:417-451; Agresti A (2013) Categorical Data
 * Analysis, 3rd ed., s. 3.5; R {@code chisq.test(correct = FALSE)}, {@code fisher.test}; Rao JNK,
 * Scott AJ (1981) JASA 76:221-230 (see {@link RaoScott}).
 */
public final class TwoByTwoTest {
  public static final String FISHER = "fisher_exact";

  private TwoByTwoTest() {}

  /**
   * @param pValue the p-value of {@code method}; null with {@code nullReason} when the table has an
   *     empty row or column
   * @param asymptoticPValue the chi-square p-value, whatever the method
   * @param reliable false when an expected count is below 5 (Fisher's test was used, or, for
   *     clustered children, the Rao-Scott p-value rests on small counts)
   * @param designEffect Rao and Scott's δ for clustered children ({@link #clustered}); null
   *     otherwise and when the table is degenerate
   */
  public record Result(
      Double statistic,
      Integer degreesOfFreedom,
      Double pValue,
      Double asymptoticPValue,
      Double smallestExpected,
      Boolean reliable,
      String method,
      Double designEffect,
      String nullReason) {
    /** No test: every field null (a period with no counts). */
    public static final Result NONE =
        new Result(null, null, null, null, null, null, null, null, null);

    /**
     * A Rao-Scott corrected test's result, of any r × c table ({@link RaoScott#of}): Pearson's
     * statistic and asymptotic p-value beside the corrected p-value and δ.
     */
    public static Result raoScott(RaoScott.Result rs) {
      ChiSquareHomogeneity.Result chi = rs.pearson();
      boolean degenerate = chi.nullReason() != null;
      return new Result(
          chi.statistic(),
          chi.degreesOfFreedom(),
          rs.pValue(),
          chi.pValue(),
          chi.smallestExpected(),
          degenerate ? null : chi.reliable(),
          degenerate ? null : RaoScott.METHOD,
          rs.designEffect(),
          chi.nullReason());
    }
  }

  public static Result of(long a, long b, long c, long d) {
    ChiSquareHomogeneity.Result chi = ChiSquareHomogeneity.of(new long[][] {{a, b}, {c, d}});
    if (chi.nullReason() != null) {
      return new Result(
          chi.statistic(),
          chi.degreesOfFreedom(),
          null,
          null,
          chi.smallestExpected(),
          null,
          null,
          null,
          chi.nullReason());
    }
    boolean small = chi.smallestExpected() < ChiSquareHomogeneity.RELIABLE_EXPECTED;
    return new Result(
        chi.statistic(),
        chi.degreesOfFreedom(),
        small ? FisherExact.twoSidedPValue(a, b, c, d) : chi.pValue(),
        chi.pValue(),
        chi.smallestExpected(),
        !small,
        small ? FISHER : ChiSquareHomogeneity.METHOD,
        null,
        null);
  }

  /**
   * Children clustered in incidents: x1 of n1 against x2 of n2, with the design effects of the two
   * shares, by Rao and Scott's first-order correction; see the class comment.
   */
  public static Result clustered(
      long x1, long n1, double designEffect1, long x2, long n2, double designEffect2) {
    // A count outside 0 to its group size makes a negative cell, which the table test refuses.
    DesignEffect.require(designEffect1);
    DesignEffect.require(designEffect2);
    return Result.raoScott(
        RaoScott.of(
            new long[][] {{x1, x2}, {n1 - x1, n2 - x2}},
            new double[][] {{designEffect1, designEffect2}, {designEffect1, designEffect2}}));
  }
}
