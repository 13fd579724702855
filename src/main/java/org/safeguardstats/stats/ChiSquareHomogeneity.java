package org.safeguardstats.stats;

import java.util.SplittableRandom;
import org.apache.commons.math3.special.Gamma;

/**
 * Pearson's chi-square test of homogeneity for an r x c table of counts, e.g. likely cause (rows)
 * by reporting year (columns): are the category shares the same in every year?
 *
 * <p>Definition, for counts O_ij with row totals R_i, column totals C_j and grand total N:
 *
 * <pre>{@code
 * E_ij = R_i C_j / N                                  (expected count under homogeneity)
 * X^2  = sum_ij (O_ij - E_ij)^2 / E_ij
 * df   = (r - 1)(c - 1)
 * p    = P(chi2_df >= X^2) = Q(df/2, X^2/2)           (asymptotic; Q = regularized upper gamma)
 * smallest expected = min_ij E_ij,     reliable = (smallest expected >= 5)
 * }</pre>
 *
 * The asymptotic p-value is the upper tail of the chi-square distribution with df degrees of
 * freedom (Commons Math {@code ChiSquaredDistribution} is the regularized gamma function); it is
 * taken as the upper regularized gamma function directly rather than as {@code 1 -
 * cumulativeProbability}, so a very small p-value keeps its digits.
 *
 * <p>Method switch. When every expected count is at least 5 the asymptotic p-value is the one to
 * read: method {@code pearson_chi_square}, {@code monteCarloPValue} and {@code replicates} null.
 * When any expected count is below 5 the chi-square approximation is doubtful ({@code reliable =
 * false}); the asymptotic p-value is still reported, and a Monte Carlo p-value with both margins
 * fixed is added, with method {@code pearson_chi_square_monte_carlo}:
 *
 * <pre>{@code
 * draw B tables with the observed row and column totals (Patefield's algorithm AS 159)
 * p_MC = (1 + #{b : X^2_b >= (1 - 64 eps) X^2}) / (B + 1)        eps = 2^-52
 * }</pre>
 *
 * which is R's {@code chisq.test(x, simulate.p.value = TRUE, B)}: the relative tolerance {@code 1 -
 * 64 eps} stops rounding in the sum from dropping simulated tables whose statistic equals the
 * observed one, and adding 1 to both counts keeps p above 0 (the observed table is one of the
 * tables under the null hypothesis). Patefield's algorithm draws each cell of the first r - 1 rows
 * and c - 1 columns in turn from its hypergeometric distribution given the cells already drawn (by
 * inversion, starting at the conditional mean and stepping outwards with the probability
 * recurrence); the last row and column follow from the margins. Each table so drawn has exactly its
 * probability under the null hypothesis given the margins, {@code prod R_i! prod C_j! / (N! prod
 * O_ij!)}. The random numbers come from {@link java.util.SplittableRandom} with the caller's seed,
 * so a given table, seed and B always give the same p-value. The default is B = {@value
 * #DEFAULT_REPLICATES} replicates (Monte Carlo standard error sqrt(p (1 - p) / B): at most 0.0016,
 * about 0.0007 near p = 0.05) and seed {@value #DEFAULT_SEED}; the standard error is part of the
 * result.
 *
 * <p>Degenerate cases. Rows and columns whose total is 0 carry no information and have no expected
 * counts; they are dropped before testing (r and c count the non-empty ones, so a year with no
 * incidents does not add degrees of freedom). A table with fewer than 2 non-empty rows or fewer
 * than 2 non-empty columns (including an all-zero table) has nothing to compare: statistic, df,
 * p-values and smallest expected are null with reason {@code degenerate_table}, and {@code
 * reliable} is false. No field is ever NaN or infinite.
 *
 * <p>References:
 *
 * <ol>
 *   <li>Pearson K (1900). On the criterion that a given system of deviations from the probable in
 *       the case of a correlated system of variables is such that it can be reasonably supposed to
 *       have arisen from random sampling. Phil Mag 50:157-175.
 *   <li>Patefield WM (1981). Algorithm AS 159: An efficient method of generating random R x C
 *       tables with given row and column totals. Appl Stat 30:91-97.
 *   <li>Hope ACA (1968). A simplified Monte Carlo significance test procedure. JRSS B 30:582-598
 *       (the (1 + count) / (B + 1) p-value).
 *   <li>R Core Team, {@code stats::chisq.test} ({@code simulate.p.value}) and {@code
 *       stats::r2dtable}.
 *   <li>Cochran WG (1954). Some methods for strengthening the common chi-square tests. Biometrics
 *       10:417-451 (the expected count of 5 rule).
 *   <li>Methods contract, {@code statistics.md}, "Distributions".
 * </ol>
 */
public final class ChiSquareHomogeneity {

  public static final String METHOD = "pearson_chi_square";
  public static final String MONTE_CARLO = "pearson_chi_square_monte_carlo";

  /** Expected counts below this make the asymptotic test unreliable. */
  public static final double RELIABLE_EXPECTED = 5.0;

  public static final int DEFAULT_REPLICATES = 100_000;
  public static final long DEFAULT_SEED = 20240331L;

  /** R's {@code almost.1 = 1 - 64 * .Machine$double.eps}. */
  private static final double ALMOST_ONE = 1.0 - 64.0 * Math.ulp(1.0);

  /** Log-factorials are tabulated up to this; larger arguments use the log-gamma function. */
  private static final int LOG_FACTORIAL_TABLE = 1 << 20;

  private ChiSquareHomogeneity() {}

  /** The test with the default seed and number of Monte Carlo replicates. */
  public static Result of(long[][] table) {
    return of(table, DEFAULT_SEED, DEFAULT_REPLICATES);
  }

  /**
   * The test of {@code table[row][column]}; {@code seed} and {@code replicates} are used only when
   * the table is not reliable (an expected count below 5).
   */
  public static Result of(long[][] table, long seed, int replicates) {
    if (replicates < 1) {
      throw new IllegalArgumentException(
          "The number of Monte Carlo replicates must be at least 1; got " + replicates + ".");
    }
    if (table == null || table.length == 0 || table[0] == null || table[0].length == 0) {
      throw new IllegalArgumentException("The table must have at least one row and one column.");
    }
    int columns = table[0].length;
    long[] rowTotals = new long[table.length];
    long[] columnTotals = new long[columns];
    long total = 0;
    for (int i = 0; i < table.length; i++) {
      if (table[i] == null || table[i].length != columns) {
        throw new IllegalArgumentException(
            "Every row of the table must have "
                + columns
                + " columns, as the first does; row "
                + i
                + " does not.");
      }
      for (int j = 0; j < columns; j++) {
        long x = table[i][j];
        if (x < 0) {
          throw new IllegalArgumentException(
              "Table counts must not be negative; cell [" + i + "][" + j + "] is " + x + ".");
        }
        try {
          rowTotals[i] = Math.addExact(rowTotals[i], x);
          columnTotals[j] = Math.addExact(columnTotals[j], x);
          total = Math.addExact(total, x);
        } catch (ArithmeticException e) {
          throw new IllegalArgumentException(
              "The table total must not exceed " + Long.MAX_VALUE + ".", e);
        }
      }
    }

    int[] rows = nonZero(rowTotals);
    int[] cols = nonZero(columnTotals);
    if (rows.length < 2 || cols.length < 2) {
      return new Result(null, null, null, null, false, null, null, METHOD, "degenerate_table");
    }
    long[] r = new long[rows.length];
    long[] c = new long[cols.length];
    long[][] observed = new long[rows.length][cols.length];
    for (int i = 0; i < rows.length; i++) {
      r[i] = rowTotals[rows[i]];
      for (int j = 0; j < cols.length; j++) {
        observed[i][j] = table[rows[i]][cols[j]];
      }
    }
    for (int j = 0; j < cols.length; j++) {
      c[j] = columnTotals[cols[j]];
    }

    double[][] expected = expected(r, c, total);
    double smallest = Double.POSITIVE_INFINITY;
    for (double[] row : expected) {
      for (double e : row) {
        smallest = Math.min(smallest, e);
      }
    }
    double statistic = statistic(observed, expected);
    int df = (rows.length - 1) * (cols.length - 1);
    double pValue = statistic <= 0.0 ? 1.0 : Gamma.regularizedGammaQ(df / 2.0, statistic / 2.0);
    boolean reliable = smallest >= RELIABLE_EXPECTED;
    if (reliable) {
      return new Result(statistic, df, pValue, smallest, true, null, null, METHOD, null);
    }
    double monteCarlo = monteCarloPValue(statistic, r, c, total, expected, seed, replicates);
    return new Result(
        statistic, df, pValue, smallest, false, monteCarlo, replicates, MONTE_CARLO, null);
  }

  /** Standard error of a Monte Carlo p-value from B replicates: sqrt(p (1 - p) / B). */
  public static double monteCarloStandardError(double p, int replicates) {
    return Math.sqrt(p * (1 - p) / replicates);
  }

  private static int[] nonZero(long[] totals) {
    return java.util.stream.IntStream.range(0, totals.length).filter(i -> totals[i] > 0).toArray();
  }

  private static double[][] expected(long[] r, long[] c, long total) {
    double[][] e = new double[r.length][c.length];
    for (int i = 0; i < r.length; i++) {
      for (int j = 0; j < c.length; j++) {
        e[i][j] = (double) r[i] * (double) c[j] / (double) total;
      }
    }
    return e;
  }

  private static double statistic(long[][] observed, double[][] expected) {
    double sum = 0.0;
    for (int i = 0; i < observed.length; i++) {
      for (int j = 0; j < observed[i].length; j++) {
        double d = observed[i][j] - expected[i][j];
        sum += d * d / expected[i][j];
      }
    }
    return sum;
  }

  private static double monteCarloPValue(
      double statistic,
      long[] r,
      long[] c,
      long total,
      double[][] expected,
      long seed,
      int replicates) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] logFactorial = logFactorialTable(total);
    long[][] table = new long[r.length][c.length];
    double threshold = ALMOST_ONE * statistic;
    long atLeast = 0;
    for (int b = 0; b < replicates; b++) {
      randomTable(r, c, total, logFactorial, random, table);
      if (statistic(table, expected) >= threshold) {
        atLeast++;
      }
    }
    return (1.0 + atLeast) / (replicates + 1.0);
  }

  static double[] logFactorialTable(long total) {
    int size = (int) Math.min(total, LOG_FACTORIAL_TABLE) + 1;
    double[] f = new double[size];
    for (int k = 2; k < size; k++) {
      f[k] = f[k - 1] + Math.log(k);
    }
    return f;
  }

  private static double logFactorial(double[] table, long k) {
    return k < table.length ? table[(int) k] : Gamma.logGamma(k + 1.0);
  }

  /**
   * One table with row totals r and column totals c (sum total) drawn with probability prod r! prod
   * c! / (total! prod n_ij!) (Patefield 1981, AS 159), written into {@code out}.
   */
  static void randomTable(
      long[] r,
      long[] c,
      long total,
      double[] logFactorial,
      SplittableRandom random,
      long[][] out) {
    int nr = r.length;
    int nc = c.length;
    long[] columnLeft = c.clone(); // column totals still to be filled in rows l..nr-1
    long rowsLeft = total; // sum of r[l..nr-1]
    for (int l = 0; l < nr - 1; l++) {
      long ia = r[l]; // what row l still has to place
      long ie = rowsLeft; // units left in columns m..nc-1 of rows l..nr-1
      rowsLeft -= r[l];
      for (int m = 0; m < nc - 1; m++) {
        long id = columnLeft[m];
        long k = ia == 0 ? 0 : hypergeometric(ie, id, ia, logFactorial, random);
        out[l][m] = k;
        ia -= k;
        ie -= id;
        columnLeft[m] -= k;
      }
      out[l][nc - 1] = ia;
      columnLeft[nc - 1] -= ia;
    }
    for (int m = 0; m < nc; m++) {
      out[nr - 1][m] = columnLeft[m];
    }
  }

  /**
   * A draw from the hypergeometric distribution: ia units taken at random from ie, of which id are
   * in the column; returns how many of those taken are in the column. Inversion, summing the
   * probabilities from the (rounded) mean outwards, alternately up and down, as Patefield's AS 159
   * does; if rounding leaves the total just short of the uniform draw, the draw is rescaled to the
   * total and the search repeated (as R's rcont2 does).
   */
  private static long hypergeometric(
      long ie, long id, long ia, double[] logFactorial, SplittableRandom random) {
    long ib = ie - ia; // units not taken
    long ic = ie - id; // units not in the column
    long ii = ib - id; // so that the cell's complement is ii + k
    long lo = Math.max(0, -ii);
    long hi = Math.min(ia, id);
    if (lo == hi) {
      return lo;
    }
    long start = Math.min(hi, Math.max(lo, (long) (ia * (id / (double) ie) + 0.5)));
    double p0 =
        Math.exp(
            logFactorial(logFactorial, ia)
                + logFactorial(logFactorial, ib)
                + logFactorial(logFactorial, ic)
                + logFactorial(logFactorial, id)
                - logFactorial(logFactorial, ie)
                - logFactorial(logFactorial, start)
                - logFactorial(logFactorial, id - start)
                - logFactorial(logFactorial, ia - start)
                - logFactorial(logFactorial, ii + start));
    double u = random.nextDouble();
    while (true) {
      double sum = p0;
      if (sum >= u) {
        return start;
      }
      long up = start;
      long down = start;
      double pUp = p0;
      double pDown = p0;
      while (up < hi || down > lo) {
        if (up < hi) {
          pUp *=
              (double) (id - up)
                  * (double) (ia - up)
                  / ((double) (up + 1) * (double) (ii + up + 1));
          up++;
          sum += pUp;
          if (sum >= u) {
            return up;
          }
        }
        if (down > lo) {
          pDown *=
              (double) down
                  * (double) (ii + down)
                  / ((double) (id - down + 1) * (double) (ia - down + 1));
          down--;
          sum += pDown;
          if (sum >= u) {
            return down;
          }
        }
      }
      u = sum * random.nextDouble();
    }
  }

  /**
   * The test's result. {@code nullReason} is non-null exactly when the table is degenerate, and
   * then statistic, degrees of freedom, p-values and smallest expected count are null. {@code
   * monteCarloPValue} and {@code replicates} are given exactly when the table is not reliable, and
   * then {@code method} is {@code pearson_chi_square_monte_carlo}: read the Monte Carlo p-value. No
   * field is ever NaN or infinite.
   */
  public record Result(
      Double statistic,
      Integer degreesOfFreedom,
      Double pValue,
      Double smallestExpected,
      boolean reliable,
      Double monteCarloPValue,
      Integer replicates,
      String method,
      String nullReason) {
    public Result {
      Estimate.requireFinite(statistic, "statistic");
      Estimate.requireFinite(pValue, "p-value");
      Estimate.requireFinite(smallestExpected, "smallest expected count");
      Estimate.requireFinite(monteCarloPValue, "Monte Carlo p-value");
      boolean complete =
          statistic != null
              && degreesOfFreedom != null
              && pValue != null
              && smallestExpected != null;
      boolean empty =
          statistic == null
              && degreesOfFreedom == null
              && pValue == null
              && smallestExpected == null
              && monteCarloPValue == null
              && replicates == null;
      if (complete == (nullReason != null) || (!complete && !empty)) {
        throw new IllegalArgumentException(
            "A result has a null reason exactly when its statistic, degrees "
                + "of freedom, p-values and smallest expected count are all null.");
      }
      if ((monteCarloPValue == null) != (replicates == null)
          || (complete && reliable != (monteCarloPValue == null))) {
        throw new IllegalArgumentException(
            "A Monte Carlo p-value and its number of replicates are given exactly when the test is not reliable.");
      }
      if (!(monteCarloPValue == null ? METHOD : MONTE_CARLO).equals(method)) {
        throw new IllegalArgumentException(
            "The method must be "
                + MONTE_CARLO
                + " exactly when a Monte Carlo p-value is given, otherwise "
                + METHOD
                + ".");
      }
    }

    /** The p-value of the method the result names: Monte Carlo when not reliable. */
    public Double methodPValue() {
      return monteCarloPValue != null ? monteCarloPValue : pValue;
    }

    /** The Monte Carlo p-value's standard error, or null when there is none. */
    public Double monteCarloStandardError() {
      return monteCarloPValue == null
          ? null
          : ChiSquareHomogeneity.monteCarloStandardError(monteCarloPValue, replicates);
    }
  }
}
