package org.safeguardstats.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;
import org.safeguardstats.testing.Fixtures;
import org.safeguardstats.testing.SparkTestBase;

/**
 * PoissonTrend on Spark (one local[2] session for the class, 4 shuffle partitions, no UI). Expected
 * values in stats/poisson-trend-values.csv come from stats/poisson_trend_values.py: an IRLS written
 * separately in Python with 50-digit mpmath arithmetic (statsmodels is not installed here), never
 * the Java code or Spark.
 */
class PoissonTrendTest extends SparkTestBase {

  private record Case(
      String name,
      int[] years,
      long[] counts,
      double[] exposures,
      double level,
      double slope,
      double se,
      double apc,
      double lower,
      double upper,
      double p,
      double dispersion,
      String method,
      String source) {
    @Override
    public String toString() {
      return name + " @" + level + " [" + source + "]";
    }
  }

  private static List<Case> read() {
    List<String> lines = Fixtures.resourceLines("/stats/poisson-trend-values.csv");
    List<Case> cases = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", 14);
      cases.add(
          new Case(
              f[0],
              Stream.of(f[1].split(";")).mapToInt(Integer::parseInt).toArray(),
              Stream.of(f[2].split(";")).mapToLong(Long::parseLong).toArray(),
              f[3].isBlank()
                  ? null
                  : Stream.of(f[3].split(";")).mapToDouble(Double::parseDouble).toArray(),
              Double.parseDouble(f[4]),
              Double.parseDouble(f[5]),
              Double.parseDouble(f[6]),
              Double.parseDouble(f[7]),
              Double.parseDouble(f[8]),
              Double.parseDouble(f[9]),
              Double.parseDouble(f[10]),
              Double.parseDouble(f[11]),
              f[12],
              f[13]));
    }
    return cases;
  }

  private static void near(double expected, double actual, double relative, String what) {
    double tolerance = relative * Math.abs(expected);
    assertTrue(
        Math.abs(actual - expected) <= tolerance,
        () ->
            what
                + ": expected "
                + expected
                + " but was "
                + actual
                + " (relative error "
                + Math.abs(actual - expected) / Math.abs(expected)
                + ")");
  }

  /**
   * Spark's IRLS against the 50-digit IRLS: slope, standard error, dispersion and p-value to 1e-7
   * relative, the APC limits on the log scale (ln(1 + L/100) = b - z SE) to 1e-8 absolute. Covers
   * counts with and without an exposure, a year with 0 events, a gap in the years, an
   * over-dispersed series (quasi-Poisson) and levels 0.95 and 0.998.
   */
  @TestFactory
  Stream<DynamicTest> agreesWithAnIndependentIrls() {
    List<Case> cases = read();
    assertEquals(10, cases.size());
    return cases.stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.toString(),
                    () -> {
                      PoissonTrend.Result r =
                          PoissonTrend.fit(spark, c.years(), c.counts(), c.exposures(), c.level());
                      assertNull(r.nullReason(), c + " null reason");
                      assertEquals(c.years().length, r.years());
                      assertEquals(c.method(), r.method(), c + " method");
                      near(c.slope(), r.slope(), 1e-7, c + " slope");
                      near(c.se(), r.slopeStandardError(), 1e-7, c + " standard error");
                      near(c.dispersion(), r.dispersion(), 1e-7, c + " dispersion");
                      near(c.p(), r.pValue(), 1e-7, c + " p-value");
                      near(c.apc(), r.annualPercentChange(), 1e-7, c + " APC");
                      assertEquals(
                          Math.log1p(c.lower() / 100),
                          Math.log1p(r.lower() / 100),
                          1e-8,
                          c + " lower");
                      assertEquals(
                          Math.log1p(c.upper() / 100),
                          Math.log1p(r.upper() / 100),
                          1e-8,
                          c + " upper");
                    }));
  }

  /**
   * Hand-checked: rates exactly 1/1000 x 1.25^(year - 2020), so counts = exposure / 1000 x 1.25^k
   * are whole numbers; the slope is ln 1.25 (APC exactly 25%) and every residual is 0.
   */
  @Test
  void recoversAKnownSlopeExactly() {
    int[] years = {2020, 2021, 2022, 2023, 2024};
    long[] m = {40, 38, 41, 39, 42};
    double[] exposures = new double[5];
    long[] counts = new long[5];
    for (int k = 0; k < 5; k++) {
      exposures[k] = 256_000.0 * m[k]; // 10,240,000 ... 10,752,000
      counts[k] =
          m[k] * (long) Math.pow(4, 4 - k) * (long) Math.pow(5, k); // = exposure/1000 x 1.25^k
      assertEquals(exposures[k] / 1000 * Math.pow(1.25, k), counts[k], 1e-9);
    }
    assertEquals(
        List.of(10240L, 12160L, 16400L, 19500L, 26250L),
        Stream.of(0, 1, 2, 3, 4).map(k -> counts[k]).toList());
    for (double level : new double[] {0.95, 0.998}) {
      PoissonTrend.Result r = PoissonTrend.fit(spark, years, counts, exposures, level);
      assertEquals(Math.log(1.25), r.slope(), 1e-6);
      assertEquals(25.0, r.annualPercentChange(), 1e-4);
      assertTrue(r.dispersion() >= 0 && r.dispersion() < 1e-9, "dispersion " + r.dispersion());
      assertEquals("poisson_glm", r.method());
      assertTrue(r.lower() < 25.0 && r.upper() > 25.0);
      assertTrue(r.pValue() < 1e-100);
    }
    // counts only: 256 x 1.25^k = 256, 320, 400, 500, 625
    PoissonTrend.Result r =
        PoissonTrend.fit(spark, years, new long[] {256, 320, 400, 500, 625}, null, 0.95);
    assertEquals(Math.log(1.25), r.slope(), 1e-6);
    assertTrue(r.dispersion() < 1e-9);
  }

  @Test
  void overDispersionSwitchesToQuasiPoissonAndWidensTheInterval() {
    int[] years = {2018, 2019, 2020, 2021, 2022, 2023};
    long[] counts = {300, 420, 310, 460, 330, 500};
    PoissonTrend.Result wide95 = PoissonTrend.fit(spark, years, counts, null, 0.95);
    PoissonTrend.Result wide998 = PoissonTrend.fit(spark, years, counts, null, 0.998);
    assertEquals("quasi_poisson_glm", wide95.method());
    assertTrue(wide95.dispersion() > 1);
    // on the log scale the interval is b -/+ t SE with the widened SE and t on n - 2 = 4 df, at
    // either level (t quantiles from scipy.stats.t.ppf: 0.975 -> 2.7764451051977934,
    // 0.999 -> 7.173182219782307), as R's summary.glm does for quasipoisson
    double logWidth95 = Math.log1p(wide95.upper() / 100) - Math.log1p(wide95.lower() / 100);
    assertEquals(2 * 2.7764451051977934 * wide95.slopeStandardError(), logWidth95, 1e-9);
    double logWidth998 = Math.log1p(wide998.upper() / 100) - Math.log1p(wide998.lower() / 100);
    assertEquals(logWidth95 * 7.173182219782307 / 2.7764451051977934, logWidth998, 1e-9);
    assertEquals(wide95.pValue(), wide998.pValue(), 0.0);
    assertTrue(wide95.pValue() > 0.05, "not significant once over-dispersion is allowed for");
    // a smooth series of the same size stays Poisson
    PoissonTrend.Result smooth =
        PoissonTrend.fit(spark, years, new long[] {300, 318, 331, 352, 367, 390}, null, 0.95);
    assertEquals("poisson_glm", smooth.method());
    assertTrue(smooth.dispersion() <= 1);
  }

  @Test
  void centringTheYearDoesNotChangeTheSlope() {
    long[] counts = {52, 47, 60, 58, 66, 71};
    PoissonTrend.Result a =
        PoissonTrend.fit(spark, new int[] {2019, 2020, 2021, 2022, 2023, 2024}, counts, null, 0.95);
    PoissonTrend.Result b =
        PoissonTrend.fit(spark, new int[] {1, 2, 3, 4, 5, 6}, counts, null, 0.95);
    // the same years in another order give the same fit
    PoissonTrend.Result c =
        PoissonTrend.fit(
            spark,
            new int[] {2024, 2023, 2022, 2021, 2020, 2019},
            new long[] {71, 66, 58, 60, 47, 52},
            null,
            0.95);
    assertEquals(a.slope(), b.slope(), 1e-10);
    assertEquals(a.slope(), c.slope(), 1e-10);
    assertEquals(a.slopeStandardError(), c.slopeStandardError(), 1e-10);
  }

  @Test
  void degenerateSeriesGiveNullsWithAReason() {
    assertMissing(
        PoissonTrend.fit(spark, new int[] {2023, 2024}, new long[] {10, 12}, null, 0.95),
        2,
        "too_few_years");
    assertMissing(PoissonTrend.fit(spark, new int[0], new long[0], null, 0.95), 0, "too_few_years");
    assertMissing(
        PoissonTrend.fit(spark, new int[] {2022, 2023, 2024}, new long[] {0, 0, 0}, null, 0.95),
        3,
        "no_events");
    assertMissing(
        PoissonTrend.fit(
            spark,
            new int[] {2022, 2023, 2024},
            new long[] {1, 2, 3},
            new double[] {100, 0, 100},
            0.95),
        3,
        "no_denominator");
    assertMissing(
        PoissonTrend.fit(spark, new int[] {2022, 2023, 2024}, new long[] {0, 0, 7}, null, 0.95),
        3,
        "slope_not_estimable");
    assertMissing(
        PoissonTrend.fit(spark, new int[] {2024, 2022, 2023}, new long[] {0, 5, 0}, null, 0.95),
        3,
        "slope_not_estimable");
    // events in a single middle year: the slope exists (0 by symmetry)
    PoissonTrend.Result middle =
        PoissonTrend.fit(spark, new int[] {2022, 2023, 2024}, new long[] {0, 5, 0}, null, 0.95);
    assertNull(middle.nullReason());
    assertEquals(0.0, middle.slope(), 1e-8);
  }

  private static void assertMissing(PoissonTrend.Result r, int years, String reason) {
    assertEquals(reason, r.nullReason());
    assertEquals(years, r.years());
    assertNull(r.slope());
    assertNull(r.slopeStandardError());
    assertNull(r.annualPercentChange());
    assertNull(r.lower());
    assertNull(r.upper());
    assertNull(r.pValue());
    assertNull(r.dispersion());
    assertEquals("poisson_glm", r.method());
  }

  @Test
  void invalidArgumentsAreRejectedWithASentence() {
    int[] y = {2022, 2023, 2024};
    long[] x = {1, 2, 3};
    assertMessage(() -> PoissonTrend.fit(spark, y, x, null, 1.0));
    assertMessage(() -> PoissonTrend.fit(spark, null, x, null, 0.95));
    assertMessage(() -> PoissonTrend.fit(spark, y, new long[] {1, 2}, null, 0.95));
    assertMessage(() -> PoissonTrend.fit(spark, y, x, new double[] {1, 2}, 0.95));
    assertMessage(() -> PoissonTrend.fit(spark, new int[] {2022, 2022, 2024}, x, null, 0.95));
    assertMessage(() -> PoissonTrend.fit(spark, y, new long[] {1, -2, 3}, null, 0.95));
    assertMessage(() -> PoissonTrend.fit(spark, y, x, new double[] {1, Double.NaN, 3}, 0.95));
    assertMessage(() -> PoissonTrend.fit(spark, y, x, new double[] {1, -1, 3}, 0.95));
    assertMessage(() -> PoissonTrend.fit(null, y, x, null, 0.95));
  }

  private static void assertMessage(Executable e) {
    IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
    assertTrue(x.getMessage().endsWith("."), x.getMessage());
  }
}
