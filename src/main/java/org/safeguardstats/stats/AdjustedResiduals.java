package org.safeguardstats.stats;

/**
 * Where an r × c table departs from independence: each cell's expected count and Haberman's
 * adjusted standardised residual, for reading beside the chi-square test of the same table (which
 * says whether it departs at all).
 *
 * <p>Definition, for counts O_ij with row totals R_i, column totals C_j and total N:
 *
 * <pre>{@code
 * E_ij = R_i C_j / N
 * r_ij = (O_ij − E_ij) / √(E_ij (1 − R_i / N)(1 − C_j / N))
 * }</pre>
 *
 * Under independence (multinomial or product-multinomial sampling) each r_ij is approximately
 * standard normal, so |r_ij| > z marks a cell with more (r > 0) or fewer (r < 0) than independence
 * would give (Haberman 1973; Agresti 2013, s. 2.4.5). The denominator is the standard error of O −
 * E, not √E (Pearson's residual, whose variance is below 1).
 *
 * <p><b>Children clustered in incidents.</b> The variance of O − E grows with clustering; the
 * residual is divided by √δ, δ the mean design effect of Rao and Scott's first-order correction of
 * the same table ({@link RaoScott}), the factor by which that test divides X². One δ for every
 * cell, as for the test: cells with more siblings than the table's mean are still treated as if
 * they had δ.
 *
 * <p>Degenerate cases: a cell of an empty row or column has E = 0 and no residual (null); a table
 * with fewer than 2 non-empty rows or columns has no residuals at all (1 − R_i / N or 1 − C_j / N
 * is 0), as its chi-square test has no statistic.
 *
 * <p>References: Haberman SJ (1973). The analysis of residuals in cross-classified tables.
 * Biometrics 29:205-220. Agresti A (2013). Categorical Data Analysis, 3rd ed., s. 2.4.5. Rao JNK,
 * Scott AJ (1981), JASA 76:221-230.
 */
public final class AdjustedResiduals {
  private AdjustedResiduals() {}

  /** E_ij = R_i C_j / N; all 0 for an empty table. */
  public static double[][] expected(long[][] table) {
    Margins m = Margins.of(table);
    double[][] e = new double[table.length][m.columns.length];
    for (int i = 0; i < table.length; i++) {
      for (int j = 0; j < m.columns.length; j++) {
        e[i][j] = m.total == 0 ? 0.0 : m.rows[i] * m.columns[j] / m.total;
      }
    }
    return e;
  }

  /**
   * The adjusted residuals divided by √δ ({@code designEffect} 1 for independent units); null for a
   * cell with E = 0 and for every cell of a degenerate table.
   */
  public static Double[][] of(long[][] table, double designEffect) {
    DesignEffect.require(designEffect);
    Margins m = Margins.of(table);
    double[][] e = expected(table);
    Double[][] r = new Double[table.length][m.columns.length];
    if (m.nonEmptyRows < 2 || m.nonEmptyColumns < 2) {
      return r;
    }
    for (int i = 0; i < table.length; i++) {
      for (int j = 0; j < m.columns.length; j++) {
        if (e[i][j] > 0) {
          double variance =
              e[i][j] * (1 - m.rows[i] / m.total) * (1 - m.columns[j] / m.total) * designEffect;
          r[i][j] = (table[i][j] - e[i][j]) / Math.sqrt(variance);
        }
      }
    }
    return r;
  }

  /** Row and column totals, checked: a rectangular table of counts of at least 0. */
  private record Margins(
      double[] rows, double[] columns, double total, int nonEmptyRows, int nonEmptyColumns) {
    static Margins of(long[][] table) {
      if (table == null || table.length == 0 || table[0] == null || table[0].length == 0) {
        throw new IllegalArgumentException("The table must have at least one row and one column.");
      }
      double[] rows = new double[table.length];
      double[] columns = new double[table[0].length];
      double total = 0;
      for (int i = 0; i < table.length; i++) {
        if (table[i] == null || table[i].length != columns.length) {
          throw new IllegalArgumentException(
              "Every row of the table must have "
                  + columns.length
                  + " columns, as the first does.");
        }
        for (int j = 0; j < columns.length; j++) {
          if (table[i][j] < 0) {
            throw new IllegalArgumentException(
                "Table counts must not be negative; cell [" + i + "][" + j + "] is " + table[i][j]);
          }
          rows[i] += table[i][j];
          columns[j] += table[i][j];
          total += table[i][j];
        }
      }
      int r = 0;
      for (double t : rows) {
        r += t > 0 ? 1 : 0;
      }
      int c = 0;
      for (double t : columns) {
        c += t > 0 ? 1 : 0;
      }
      return new Margins(rows, columns, total, r, c);
    }
  }
}
