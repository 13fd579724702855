package org.safeguardstats.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;
import org.safeguardstats.testing.SparkTestBase;
import org.safeguardstats.testing.TrendReference;
import org.safeguardstats.testing.TrendReference.Case;

/**
 * PoissonTrend on Spark (one local[2] session for the class, 4 shuffle partitions, no UI), against
 * the independent values of {@link TrendReference}.
 */
class PoissonTrendTest extends SparkTestBase {

  /**
   * Spark's IRLS with the Fisher-information SE against the 40-digit IRLS: counts with and without
   * an exposure, a year with 0 events, a gap in the years, over-dispersion, flat series (1,1,1;
   * 10,10,10,10; 3,3,3,3,3; 1 x 5; 10 x 5) and a constant rate (10, 20, 30 over 1000, 2000, 3000),
   * on which MLlib itself gives no standard error, upper limits that overflow (0,1,0 at 0.999;
   * 1,1,1000 at 0.998; 1,0,0,2,1000 at 0.999) and dispersion either side of 1.
   */
  @TestFactory
  Stream<DynamicTest> agreesWithAnIndependentIrls() {
    List<Case> cases = TrendReference.read();
    assertEquals(26, cases.size());
    return cases.stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.toString(),
                    () ->
                        TrendReference.assertAgrees(
                            c,
                            PoissonTrend.fit(
                                spark, c.years(), c.counts(), c.exposures(), c.level()))));
  }

  /**
   * Issue 8's figure for 1,1,1: slope 0, SE 0.70710678 (= 1/√2 by hand: mu = 1, Σ mu (t - tbar)^2 =
   * 2), p 1. Its CI, −75.0% to +299.8%, is the z interval of that SE; the contract's one rule uses
   * t on 1 df, so the row's interval is the wider one in the CSV.
   */
  @Test
  void aFlatSeriesHasItsStandardErrorInsteadOfAnException() {
    PoissonTrend.Result r =
        PoissonTrend.fit(spark, new int[] {2022, 2023, 2024}, new long[] {1, 1, 1}, null, 0.95);
    assertEquals(0.0, r.slope(), 1e-12);
    assertEquals(0.70710678, r.slopeStandardError(), 1e-8);
    assertEquals(1.0, r.pValue(), 1e-12);
    double z = 1.959963984540054;
    assertEquals(-75.0, 100 * Math.expm1(-z * r.slopeStandardError()), 0.05);
    assertEquals(299.8, 100 * Math.expm1(z * r.slopeStandardError()), 0.05);
    assertTrue(r.upper() > 299.8 && r.lower() < -75.0, "t on 1 df is wider than z");
  }

  /**
   * One fit, limits per level: the same results whatever the order of the levels, and an upper
   * limit beyond any double is null with its own reason while the slope, SE, p and dispersion stay.
   */
  @Test
  void levelsInEitherOrderGiveTheSameResults() {
    int[] years = {2022, 2023, 2024};
    long[] deaths = {0, 1, 0};
    List<PoissonTrend.Result> ab =
        PoissonTrend.fit(spark, years, deaths, null, List.of(0.95, 0.999));
    List<PoissonTrend.Result> ba =
        PoissonTrend.fit(spark, years, deaths, null, List.of(0.999, 0.95));
    assertEquals(ab.get(0), ba.get(1));
    assertEquals(ab.get(1), ba.get(0));
    TrendReference.assertAgrees("deaths_0_1_0", ab.get(0));
    TrendReference.assertAgrees("deaths_0_1_0", ab.get(1));
    assertEquals("upper_limit_overflow", ab.get(1).nullReason());
    assertEquals(ab.get(0).slopeStandardError(), ab.get(1).slopeStandardError());
    List<PoissonTrend.Result> big =
        PoissonTrend.fit(spark, years, new long[] {1, 1, 1000}, null, List.of(0.998, 0.95));
    TrendReference.assertAgrees("counts_1_1_1000", big.get(0));
    TrendReference.assertAgrees("counts_1_1_1000", big.get(1));
  }

  /**
   * SE × √max(φ, 1) with t always: two series one count apart, φ = 0.985 and 1.014, give intervals
   * within 1% of each other in width (the old switch at φ = 1 jumped it by t₄/z = 1.42).
   */
  @Test
  void dispersionJustEitherSideOfOneGivesNearlyTheSameWidth() {
    int[] years = {2019, 2020, 2021, 2022, 2023, 2024};
    PoissonTrend.Result below =
        PoissonTrend.fit(spark, years, new long[] {400, 430, 396, 445, 420, 460}, null, 0.95);
    PoissonTrend.Result above =
        PoissonTrend.fit(spark, years, new long[] {400, 430, 395, 445, 420, 460}, null, 0.95);
    TrendReference.assertAgrees("dispersion_just_below_1", below);
    TrendReference.assertAgrees("dispersion_just_above_1", above);
    assertTrue(below.dispersion() < 1 && above.dispersion() > 1);
    double ratio = logWidth(above) / logWidth(below);
    assertTrue(ratio > 1.0 && ratio < 1.01, "width ratio " + ratio);
  }

  private static double logWidth(PoissonTrend.Result r) {
    return Math.log1p(r.upper() / 100) - Math.log1p(r.lower() / 100);
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
      assertTrue(r.lower() < 25.0 && r.upper() > 25.0);
      assertTrue(r.pValue() < 1e-5, "p " + r.pValue());
    }
    // counts only: 256 x 1.25^k = 256, 320, 400, 500, 625
    PoissonTrend.Result r =
        PoissonTrend.fit(spark, years, new long[] {256, 320, 400, 500, 625}, null, 0.95);
    assertEquals(Math.log(1.25), r.slope(), 1e-6);
    assertTrue(r.dispersion() < 1e-9);
  }

  @Test
  void limitsUseStudentsTOnYearsMinusTwoDegreesOfFreedom() {
    int[] years = {2018, 2019, 2020, 2021, 2022, 2023};
    long[] counts = {300, 420, 310, 460, 330, 500};
    PoissonTrend.Result wide95 = PoissonTrend.fit(spark, years, counts, null, 0.95);
    PoissonTrend.Result wide998 = PoissonTrend.fit(spark, years, counts, null, 0.998);
    assertTrue(wide95.dispersion() > 1);
    // on the log scale the interval is b -/+ t SE with t on n - 2 = 4 df, at either level (t
    // quantiles from scipy.stats.t.ppf: 0.975 -> 2.7764451051977934, 0.999 -> 7.173182219782307)
    assertEquals(2 * 2.7764451051977934 * wide95.slopeStandardError(), logWidth(wide95), 1e-9);
    assertEquals(
        logWidth(wide95) * 7.173182219782307 / 2.7764451051977934, logWidth(wide998), 1e-9);
    assertEquals(wide95.pValue(), wide998.pValue(), 0.0);
    assertTrue(wide95.pValue() > 0.05, "not significant once over-dispersion is allowed for");
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

  /**
   * Odd but valid series give values or a null with a reason, never an exception. By hand:
   * 0,0,1,0,0 has mu = 0.2 a year, Σ mu (t - tbar)^2 = 2, Pearson 0.8²/0.2 + 4 × 0.2 = 4, φ = 4/3,
   * so SE = √(1/2 × 4/3); 1,0,0,0,1 has mu = 0.4, Σ mu (t - tbar)^2 = 4, Pearson 2 × 0.6²/0.4 + 3 ×
   * 0.4 = 3, φ = 1, SE = 1/2. A constant exposure, however large or small, leaves the slope of the
   * counts.
   */
  @Test
  void oddSeriesNeverThrow() {
    int[] five = {2020, 2021, 2022, 2023, 2024};
    PoissonTrend.Result middle =
        PoissonTrend.fit(spark, five, new long[] {0, 0, 1, 0, 0}, null, 0.999);
    assertEquals(0.0, middle.slope(), 1e-9);
    assertEquals(Math.sqrt(2.0 / 3), middle.slopeStandardError(), 1e-9);
    PoissonTrend.Result ends =
        PoissonTrend.fit(spark, five, new long[] {1, 0, 0, 0, 1}, null, 0.999);
    assertEquals(0.5, ends.slopeStandardError(), 1e-9);
    long[] rising = {1, 2, 3, 4, 5};
    PoissonTrend.Result counts = PoissonTrend.fit(spark, five, rising, null, 0.95);
    for (double e : new double[] {1e300, 1e-310}) {
      double[] exposures = {e, e, e, e, e};
      PoissonTrend.Result rates = PoissonTrend.fit(spark, five, rising, exposures, 0.95);
      assertEquals(counts.slope(), rates.slope(), 1e-9, "exposure " + e);
      assertEquals(counts.slopeStandardError(), rates.slopeStandardError(), 1e-9);
    }
    // MLlib's IRLS runs off to non-finite weights on twelve orders of magnitude between years
    assertMissing(
        PoissonTrend.fit(
            spark, five, new long[] {1, 1_000_000_000_000L, 1, 1_000_000_000_000L, 1}, null, 0.95),
        5,
        "not_converged");
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
    assertNull(r.method());
  }

  @Test
  void aResultIsCompleteOrMissingOnlyAnOverflowingUpperLimitOrEmpty() {
    assertMessage(
        () -> new PoissonTrend.Result(3, 0.0, 1.0, 0.0, -1.0, null, 1.0, 0.5, null, 0.95));
    assertMessage(
        () ->
            new PoissonTrend.Result(
                3, 0.0, 1.0, 0.0, -1.0, 1.0, 1.0, 0.5, "upper_limit_overflow", 0.95));
    assertMessage(
        () ->
            new PoissonTrend.Result(
                3, 0.0, 1.0, 0.0, -1.0, Double.POSITIVE_INFINITY, 1.0, 0.5, null, 0.95));
    assertMessage(
        () ->
            new PoissonTrend.Result(
                3, null, null, null, null, null, null, null, "upper_limit_overflow", 0.95));
    assertMessage(
        () ->
            new PoissonTrend.Result(3, 0.0, null, null, null, null, null, null, "no_events", 0.95));
  }

  @Test
  void invalidArgumentsAreRejectedWithASentence() {
    int[] y = {2022, 2023, 2024};
    long[] x = {1, 2, 3};
    assertMessage(() -> PoissonTrend.fit(spark, y, x, null, 1.0));
    assertMessage(() -> PoissonTrend.fit(spark, y, x, null, List.of(0.95, 0.0)));
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
