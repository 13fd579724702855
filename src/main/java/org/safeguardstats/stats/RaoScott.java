package org.safeguardstats.stats;

import org.apache.commons.math3.special.Gamma;

/**
 * Rao and Scott's first-order correction of Pearson's chi-square test of homogeneity across years
 * for counts of children clustered in incidents: X² is divided by the mean design effect δ and
 * referred to chi-square on the same degrees of freedom.
 *
 * <p>With O_jy children of category j in year y, n_y the year's total, n the table's total, p_j =
 * R_j / n the pooled share of category j, and d_jy the design effect of category j's share in year
 * y ({@link DesignEffect#ofShare}), over the non-empty rows and columns (r categories, c years):
 *
 * <pre>{@code
 * δ    = Σ_j Σ_y (1 − p_j)(1 − n_y / n) d_jy / ((r − 1)(c − 1))        floored at 1
 * X²_RS = X² / δ,    p = P(χ²_df ≥ X²_RS),   df = (r − 1)(c − 1)
 * }</pre>
 *
 * Under homogeneity, with years independent (their incidents are disjoint) and Var(p̂_jy) = d_jy
 * p_j (1 − p_j) / n_y, E[X²] = Σ_j Σ_y (1 − p_j)(1 − n_y / n) d_jy to first order, which is df when
 * every d = 1; δ is E[X²] / df, the mean generalised design effect (Rao and Scott 1981; Lohr 2010,
 * s. 10.3.2). With every d = 1 the test is Pearson's asymptotic one. The Monte Carlo p-value of
 * {@link ChiSquareHomogeneity} assumes independent children and is not used: a table with an
 * expected count below 5 is flagged not reliable and its p-value is still this one.
 *
 * <p>References: Rao JNK, Scott AJ (1981). The analysis of categorical data from complex sample
 * surveys: chi-squared tests for goodness of fit and independence in two-way tables. JASA
 * 76:221-230. Lohr SL (2010). Sampling: Design and Analysis, 2nd ed., s. 10.3.2.
 */
public final class RaoScott {

  public static final String METHOD = "pearson_chi_square_rao_scott";

  private RaoScott() {}

  /**
   * The corrected test of {@code table[category][year]} with {@code designEffects[category][year]}
   * the design effect (at least 1) of each cell's share of its year.
   */
  public static Result of(long[][] table, double[][] designEffects) {
    ChiSquareHomogeneity.Result pearson =
        ChiSquareHomogeneity.of(table, ChiSquareHomogeneity.DEFAULT_SEED, 1);
    if (designEffects == null || designEffects.length != table.length) {
      throw new IllegalArgumentException("One row of design effects per row of the table.");
    }
    if (pearson.nullReason() != null) {
      return new Result(pearson, null, null);
    }
    double delta = meanDesignEffect(table, designEffects);
    double statistic = pearson.statistic() / delta;
    int df = pearson.degreesOfFreedom();
    double p = statistic <= 0.0 ? 1.0 : Gamma.regularizedGammaQ(df / 2.0, statistic / 2.0);
    return new Result(pearson, delta, p);
  }

  /** δ over the non-empty rows and columns, at least 1. */
  static double meanDesignEffect(long[][] table, double[][] d) {
    int rows = table.length;
    int cols = table[0].length;
    double[] rowTotal = new double[rows];
    double[] colTotal = new double[cols];
    double total = 0;
    for (int j = 0; j < rows; j++) {
      if (d[j] == null || d[j].length != cols) {
        throw new IllegalArgumentException("Design effects must have the table's shape.");
      }
      for (int y = 0; y < cols; y++) {
        rowTotal[j] += table[j][y];
        colTotal[y] += table[j][y];
        total += table[j][y];
      }
    }
    double sum = 0;
    int r = 0;
    int c = 0;
    for (double t : rowTotal) {
      r += t > 0 ? 1 : 0;
    }
    for (double t : colTotal) {
      c += t > 0 ? 1 : 0;
    }
    for (int j = 0; j < rows; j++) {
      for (int y = 0; y < cols; y++) {
        if (rowTotal[j] > 0 && colTotal[y] > 0) {
          DesignEffect.require(d[j][y]);
          sum += (1 - rowTotal[j] / total) * (1 - colTotal[y] / total) * d[j][y];
        }
      }
    }
    return Math.max(1.0, sum / ((r - 1) * (c - 1)));
  }

  /**
   * Pearson's test (statistic X², its asymptotic p-value, smallest expected count, reliability) and
   * the corrected one: the mean design effect δ and the p-value of X² / δ; both null when the table
   * is degenerate.
   */
  public record Result(ChiSquareHomogeneity.Result pearson, Double designEffect, Double pValue) {
    public Result {
      Estimate.requireFinite(designEffect, "design effect");
      Estimate.requireFinite(pValue, "p-value");
    }
  }
}
