package org.safeguardstats.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.safeguardstats.testing.Fixtures;

/**
 * Expected values in stats/chi-square-values.csv come from stats/chi_square_values.py:
 * scipy.stats.chi2_contingency(correction=False) for statistic, df, asymptotic p and expected
 * counts, and exact enumeration of every table with the observed margins (rational arithmetic) for
 * the exact conditional p-value that the Monte Carlo p-value estimates. Never the Java code.
 */
class ChiSquareHomogeneityTest {

  private record Case(
      String name,
      long[][] table,
      double statistic,
      int df,
      double p,
      double smallest,
      Double exactP,
      String source) {
    @Override
    public String toString() {
      return name + " [" + source + "]";
    }
  }

  private static final List<Case> CASES = read();

  private static List<Case> read() {
    List<String> lines = Fixtures.resourceLines("/stats/chi-square-values.csv");
    List<Case> cases = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", 8);
      String[] rows = f[1].split("/");
      long[][] table = new long[rows.length][];
      for (int i = 0; i < rows.length; i++) {
        table[i] = Stream.of(rows[i].trim().split(" ")).mapToLong(Long::parseLong).toArray();
      }
      cases.add(
          new Case(
              f[0],
              table,
              Double.parseDouble(f[2]),
              Integer.parseInt(f[3]),
              Double.parseDouble(f[4]),
              Double.parseDouble(f[5]),
              f[6].isBlank() ? null : Double.valueOf(f[6]),
              f[7]));
    }
    return cases;
  }

  private static Case named(String name) {
    return CASES.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void fileIsComplete() {
    assertEquals(9, CASES.size());
    assertEquals(4, CASES.stream().filter(c -> c.exactP() != null).count());
  }

  /** Statistic, df, asymptotic p and smallest expected against scipy, to 1e-9 relative. */
  @TestFactory
  Stream<DynamicTest> agreesWithScipy() {
    return CASES.stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.toString(),
                    () -> {
                      ChiSquareHomogeneity.Result r = ChiSquareHomogeneity.of(c.table());
                      assertNull(r.nullReason());
                      if (c.statistic() == 0.0) {
                        assertEquals(0.0, r.statistic(), 1e-12, "statistic");
                        assertEquals(1.0, r.pValue(), 1e-12, "p-value");
                      } else {
                        VectorFile.assertNear(c.statistic(), r.statistic(), c + " statistic");
                        VectorFile.assertNear(c.p(), r.pValue(), c + " p-value");
                      }
                      assertEquals(c.df(), r.degreesOfFreedom(), c + " df");
                      VectorFile.assertNear(
                          c.smallest(), r.smallestExpected(), c + " smallest expected");
                      boolean reliable = c.smallest() >= 5;
                      assertEquals(reliable, r.reliable(), c + " reliable");
                      assertEquals(
                          reliable ? "pearson_chi_square" : "pearson_chi_square_monte_carlo",
                          r.method());
                      assertEquals(reliable, r.monteCarloPValue() == null);
                      // The methods contract asks for at least 100,000 replicates.
                      assertEquals(reliable ? null : Integer.valueOf(100_000), r.replicates());
                      assertEquals(
                          reliable ? r.pValue() : r.monteCarloPValue(),
                          r.methodPValue(),
                          "p-value of the method named");
                      if (!reliable) {
                        double p = r.monteCarloPValue();
                        assertEquals(
                            Math.sqrt(p * (1 - p) / 100_000), r.monteCarloStandardError(), 1e-15);
                      }
                    }));
  }

  /**
   * The Monte Carlo p-value (default seed, B = 10000) is within 4 Monte Carlo standard errors (plus
   * 1/(B+1) for the "+1") of the exact conditional p-value from full enumeration; with B = 200000
   * the band narrows accordingly.
   */
  @TestFactory
  Stream<DynamicTest> monteCarloAgreesWithExactEnumeration() {
    return CASES.stream()
        .filter(c -> c.exactP() != null)
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.toString(),
                    () -> {
                      for (int b : new int[] {10_000, 200_000}) {
                        ChiSquareHomogeneity.Result r =
                            ChiSquareHomogeneity.of(c.table(), 7L + b, b);
                        double exact = c.exactP();
                        double band = 4 * Math.sqrt(exact * (1 - exact) / b) + 1.0 / (b + 1);
                        assertEquals(exact, r.monteCarloPValue(), band, c + " B=" + b);
                        assertEquals(b, r.replicates());
                      }
                    }));
  }

  /**
   * In the 2x2 case the asymptotic p (0.0117) is far from the exact one (0.0406); Monte Carlo is
   * not.
   */
  @Test
  void monteCarloCorrectsTheAsymptoticPValueOfASmallTable() {
    Case c = named("small_2x2_p_about_0_05");
    ChiSquareHomogeneity.Result r = ChiSquareHomogeneity.of(c.table());
    assertTrue(Math.abs(r.pValue() - c.exactP()) > 0.02);
    assertEquals(c.exactP(), r.monteCarloPValue(), 0.01);
  }

  @Test
  void reproducibleForASeed() {
    long[][] table = named("small_3x4").table();
    ChiSquareHomogeneity.Result a = ChiSquareHomogeneity.of(table, 12345L, 2000);
    ChiSquareHomogeneity.Result b = ChiSquareHomogeneity.of(table, 12345L, 2000);
    assertEquals(a, b);
    assertEquals(
        ChiSquareHomogeneity.of(table), ChiSquareHomogeneity.of(table, 20240331L, 100_000));
    // a different seed gives a different (but consistent) estimate
    ChiSquareHomogeneity.Result other = ChiSquareHomogeneity.of(table, 54321L, 2000);
    assertNotEquals(a.monteCarloPValue(), other.monteCarloPValue());
    // the p-value is (1 + k) / (B + 1) for a whole number k
    double k = a.monteCarloPValue() * 2001 - 1;
    assertEquals(Math.rint(k), k, 1e-9);
  }

  /**
   * The table sampler: every 2x3 table with margins (4, 10) x (4, 5, 5) is drawn with its exact
   * multivariate hypergeometric probability prod R! prod C! / (N! prod n!), computed here with
   * BigInteger factorials, within 5 binomial standard errors over 200000 draws.
   */
  @Test
  void tableSamplerDrawsEachTableWithItsExactProbability() {
    long[] r = {4, 10};
    long[] c = {4, 5, 5};
    int draws = 200_000;
    double[] logFactorial = ChiSquareHomogeneity.logFactorialTable(14);
    SplittableRandom random = new SplittableRandom(99);
    long[][] out = new long[2][3];
    Map<String, Integer> seen = new HashMap<>();
    for (int d = 0; d < draws; d++) {
      ChiSquareHomogeneity.randomTable(r, c, 14, logFactorial, random, out);
      for (int i = 0; i < 2; i++) {
        long sum = 0;
        for (int j = 0; j < 3; j++) {
          assertTrue(out[i][j] >= 0);
          sum += out[i][j];
        }
        assertEquals(r[i], sum);
      }
      for (int j = 0; j < 3; j++) {
        assertEquals(c[j], out[0][j] + out[1][j]);
      }
      seen.merge(out[0][0] + " " + out[0][1] + " " + out[0][2], 1, Integer::sum);
    }
    double totalProbability = 0;
    int tables = 0;
    for (int a = 0; a <= 4; a++) {
      for (int b = 0; a + b <= 4; b++) {
        int e = 4 - a - b;
        if (b > 5 || e > 5) {
          continue;
        }
        long[] cells = {a, b, e, 4 - a, 5 - b, 5 - e};
        BigInteger numerator =
            fact(4).multiply(fact(10)).multiply(fact(4)).multiply(fact(5)).multiply(fact(5));
        BigInteger denominator = fact(14);
        for (long x : cells) {
          denominator = denominator.multiply(fact(x));
        }
        double p = numerator.doubleValue() / denominator.doubleValue();
        totalProbability += p;
        tables++;
        double observed = seen.getOrDefault(a + " " + b + " " + e, 0) / (double) draws;
        assertEquals(
            p,
            observed,
            5 * Math.sqrt(p * (1 - p) / draws) + 1e-9,
            "table " + a + " " + b + " " + e);
      }
    }
    assertEquals(15, tables);
    assertEquals(1.0, totalProbability, 1e-12);
    assertEquals(15, seen.size());
  }

  private static BigInteger fact(long n) {
    BigInteger f = BigInteger.ONE;
    for (long k = 2; k <= n; k++) {
      f = f.multiply(BigInteger.valueOf(k));
    }
    return f;
  }

  @Test
  void zeroRowsAndColumnsAreDropped() {
    ChiSquareHomogeneity.Result withZeros =
        ChiSquareHomogeneity.of(named("zero_row_and_column").table());
    ChiSquareHomogeneity.Result without =
        ChiSquareHomogeneity.of(new long[][] {{30, 20}, {10, 25}});
    assertEquals(without, withZeros);
    assertEquals(1, withZeros.degreesOfFreedom());
    // a year with no events adds no degree of freedom, and cannot make the test unreliable
    ChiSquareHomogeneity.Result emptyYear =
        ChiSquareHomogeneity.of(new long[][] {{30, 0, 20}, {10, 0, 25}});
    assertEquals(without, emptyYear);
  }

  @Test
  void degenerateTablesGiveNullsWithAReason() {
    long[][][] degenerate = {
      {{5, 6, 7}}, // one category
      {{5}, {6}, {7}}, // one year
      {{0, 0}, {0, 0}}, // no events
      {{0, 0, 0}, {3, 4, 5}}, // one non-empty category
      {{3, 0}, {4, 0}, {0, 0}}, // one non-empty year
      {{0}},
    };
    for (long[][] t : degenerate) {
      ChiSquareHomogeneity.Result r = ChiSquareHomogeneity.of(t);
      assertEquals("degenerate_table", r.nullReason());
      assertNull(r.statistic());
      assertNull(r.degreesOfFreedom());
      assertNull(r.pValue());
      assertNull(r.smallestExpected());
      assertNull(r.monteCarloPValue());
      assertNull(r.replicates());
      assertFalse(r.reliable());
      assertEquals("pearson_chi_square", r.method());
    }
  }

  @Test
  void theReliabilitySwitchIsAtAnExpectedCountOfFive() {
    // expected counts exactly 5 everywhere: reliable
    ChiSquareHomogeneity.Result five = ChiSquareHomogeneity.of(new long[][] {{5, 5}, {5, 5}});
    assertTrue(five.reliable());
    assertEquals(5.0, five.smallestExpected(), 0.0);
    assertNull(five.monteCarloPValue());
    // smallest expected 4.9 (row 49 x column 10 / 100): not reliable, Monte Carlo given
    ChiSquareHomogeneity.Result below = ChiSquareHomogeneity.of(new long[][] {{5, 44}, {5, 46}});
    assertEquals(4.9, below.smallestExpected(), 1e-12);
    assertFalse(below.reliable());
    assertNotNull(below.monteCarloPValue());
    assertTrue(below.monteCarloPValue() > 0 && below.monteCarloPValue() <= 1);
  }

  @Test
  void largeTotalsAreSampledWithoutOverflow() {
    // an unreliable row in an otherwise huge table: log-factorials beyond the table use logGamma
    long[][] t = {{3_000_000, 2_000_000, 1_000_000}, {1, 2, 0}};
    ChiSquareHomogeneity.Result r = ChiSquareHomogeneity.of(t, 1L, 500);
    assertFalse(r.reliable());
    assertTrue(r.monteCarloPValue() > 0 && r.monteCarloPValue() <= 1);
    assertTrue(Double.isFinite(r.statistic()));
  }

  @Test
  void invalidArgumentsAreRejectedWithASentence() {
    assertMessage(() -> ChiSquareHomogeneity.of(null));
    assertMessage(() -> ChiSquareHomogeneity.of(new long[0][0]));
    assertMessage(() -> ChiSquareHomogeneity.of(new long[][] {{1, 2}, {3}}));
    assertMessage(() -> ChiSquareHomogeneity.of(new long[][] {{1, -2}, {3, 4}}));
    assertMessage(() -> ChiSquareHomogeneity.of(new long[][] {{1, 2}, {3, 4}}, 1L, 0));
    assertMessage(() -> ChiSquareHomogeneity.of(new long[][] {{Long.MAX_VALUE, 2}, {3, 4}}));
  }

  private static void assertMessage(org.junit.jupiter.api.function.Executable e) {
    IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
    assertTrue(x.getMessage().endsWith("."), x.getMessage());
  }
}
