package org.safeguardstats.stats;

/**
 * Test of association in a 2×2 table {@code {{a, b}, {c, d}}}: Pearson's chi-square (1 df, no
 * continuity correction), or Fisher's exact two-sided test when an expected count is below {@value
 * ChiSquareHomogeneity#RELIABLE_EXPECTED} (Cochran's rule). The switch lives here only.
 *
 * <p>References: Cochran WG (1954) Biometrics 10:417-451; Agresti A (2013) Categorical Data
 * Analysis, 3rd ed., s. 3.5; R {@code chisq.test(correct = FALSE)}, {@code fisher.test}.
 */
public final class TwoByTwoTest {
  public static final String FISHER = "fisher_exact";

  private TwoByTwoTest() {}

  /**
   * @param pValue the p-value of {@code method}; null with {@code nullReason} when the table has an
   *     empty row or column
   * @param asymptoticPValue the chi-square p-value, whatever the method
   * @param reliable false when Fisher's test was used (small expected counts)
   */
  public record Result(
      Double statistic,
      Integer degreesOfFreedom,
      Double pValue,
      Double asymptoticPValue,
      Double smallestExpected,
      Boolean reliable,
      String method,
      String nullReason) {}

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
        null);
  }
}
