package org.safeguardstats.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Representation-ratio limits against values computed outside the project's code ({@code
 * representation-values.csv}, made by {@code representation_values.py}: scipy's Wilson interval
 * over the population share, and a 40-digit mpmath bisection of the score equation).
 */
class RepresentationRatioTest {
  static final List<VectorFile.Row> ROWS = VectorFile.read("/stats/representation-values.csv");

  @TestFactory
  Stream<DynamicTest> independentValues() {
    return ROWS.stream().map(row -> DynamicTest.dynamicTest(row.toString(), () -> check(row)));
  }

  private static void check(VectorFile.Row row) {
    Estimate e =
        switch (row.method()) {
          case "wilson_over_population_share" ->
              RepresentationRatio.wilsonOverPopulationShare(
                  row.count("x"), row.count("n"), row.in("Pg") / row.in("P"), row.level());
          case "stratified_binomial_score" ->
              RepresentationRatio.stratifiedBinomialScore(
                  RepresentationRatio.strata(
                      longs(row, "x"), longs(row, "N"), doubles(row, "Pg"), doubles(row, "P")),
                  row.level());
          default -> throw new AssertionError("no check for " + row);
        };
    assertEquals(row.method(), e.method());
    close(row.value(), e.value(), row + " value");
    close(row.lower(), e.lower(), row + " lower");
    close(row.upper(), e.upper(), row + " upper");
  }

  static void close(double expected, double actual, String what) {
    assertEquals(expected, actual, VectorFile.RELATIVE * Math.max(1.0, Math.abs(expected)), what);
  }

  static double[] doubles(VectorFile.Row row, String key) {
    return Arrays.stream(row.inputs().get(key).split("\\|"))
        .mapToDouble(Double::parseDouble)
        .toArray();
  }

  static long[] longs(VectorFile.Row row, String key) {
    return Arrays.stream(doubles(row, key)).mapToLong(Math::round).toArray();
  }

  @Test
  void ratioAgreesWithTheShareIntervalAgainstThePopulationShare() {
    // Issue 8: 700 of 1,000 against 0.65; the share's Wilson CI (0.671, 0.728) excludes 0.65.
    Estimate share = WilsonInterval.of(700, 1000, 0.95);
    Estimate ratio = RepresentationRatio.wilsonOverPopulationShare(700, 1000, 0.65, 0.95);
    assertTrue(share.lower() > 0.65);
    assertTrue(ratio.lower() > 1.0, ratio.toString());
    assertEquals(share.lower() / 0.65, ratio.lower(), 1e-15);
    assertEquals(share.upper() / 0.65, ratio.upper(), 1e-15);
    // The Poisson limits of 700 over E = 650 contain 1 (0.9986 to 1.160): the contradiction.
    assertTrue(RepresentationRatio.of(700, 650.0, 0.95).lower() < 1.0);
  }

  @Test
  void oneStratumOfTheStratifiedIntervalIsTheWilsonRule() {
    for (double level : new double[] {0.8, 0.95, 0.998}) {
      for (long n : new long[] {1, 7, 40, 631, 100_000}) {
        for (long x : new long[] {0, 1, n / 3, n - 1, n}) {
          for (double p : new double[] {1e-6, 0.02, 0.3, 0.7258, 1.0}) {
            if (x < 0) {
              continue;
            }
            Estimate wilson = RepresentationRatio.wilsonOverPopulationShare(x, n, p, level);
            Estimate score =
                RepresentationRatio.stratifiedBinomialScore(x, n * p, n * p * p, level);
            String what = "x=" + x + " n=" + n + " p=" + p + " @" + level;
            assertEquals(wilson.value(), score.value(), 1e-12 * wilson.value(), what);
            assertEquals(wilson.lower(), score.lower(), 1e-12 * wilson.upper(), what);
            assertEquals(wilson.upper(), score.upper(), 1e-12 * wilson.upper(), what);
            assertEquals(x < 10, score.lowReliability(), what);
          }
        }
      }
    }
  }

  @Test
  void degenerateInputsAreNullWithAReason() {
    assertEquals(
        "no_expected",
        RepresentationRatio.wilsonOverPopulationShare(3, 10, 0.0, 0.95).nullReason());
    assertEquals(
        "no_expected",
        RepresentationRatio.wilsonOverPopulationShare(3, 10, Double.MIN_VALUE, 0.95).nullReason());
    assertEquals(
        "no_expected", RepresentationRatio.wilsonOverPopulationShare(0, 0, 0.4, 0.95).nullReason());
    assertEquals(
        "no_expected", RepresentationRatio.stratifiedBinomialScore(0, 0, 0, 0.95).nullReason());
    assertEquals(
        "no_expected",
        RepresentationRatio.stratifiedBinomialScore(1, 1e-310, 1e-311, 0.95).nullReason());
    Estimate tiny = RepresentationRatio.stratifiedBinomialScore(2, 1e-300, 1e-301, 0.95);
    assertTrue(tiny.isMissing() || Double.isFinite(tiny.upper()), tiny.toString());
    // Every child in the group: N = (10, 5), shares (0.8, 0.6): O = 15, E = 8 + 3 = 11,
    // S = 6.4 + 1.8 = 8.2, O S = 123 > E^2 = 121, so O / E lies outside the binomial model.
    RepresentationRatio.Strata all =
        RepresentationRatio.strata(
            new long[] {10, 5}, new long[] {10, 5}, new double[] {8, 6}, new double[] {10, 10});
    assertEquals(11.0, all.expected(), 1e-12);
    Estimate outside = RepresentationRatio.stratifiedBinomialScore(all, 0.95);
    assertEquals("outside_binomial_model", outside.nullReason());
    assertNull(outside.value());
  }

  @Test
  void invalidArgumentsAreRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () -> RepresentationRatio.wilsonOverPopulationShare(1, 5, 1.5, 0.95));
    assertThrows(
        IllegalArgumentException.class,
        () -> RepresentationRatio.wilsonOverPopulationShare(1, 5, Double.NaN, 0.95));
    assertThrows(
        IllegalArgumentException.class,
        () -> RepresentationRatio.stratifiedBinomialScore(1, 2, 3, 0.95)); // S > E
    assertThrows(
        IllegalArgumentException.class,
        () -> RepresentationRatio.stratifiedBinomialScore(Double.NaN, 2, 1, 0.95));
    assertThrows(
        IllegalArgumentException.class,
        () -> RepresentationRatio.stratifiedBinomialScore(1, 2, -1, 0.95));
  }

  @Test
  void strataSumExpectedCountsAndSquaredShares() {
    // By hand: shares 0.15 and 0; E = 200 * 0.15 = 30, S = 200 * 0.0225 = 4.5; the stratum
    // without population adds nothing.
    RepresentationRatio.Strata s =
        RepresentationRatio.strata(
            new long[] {40, 0},
            new long[] {200, 5},
            new double[] {1500, 0},
            new double[] {10000, 0});
    assertEquals(40, s.observed());
    assertEquals(30.0, s.expected(), 1e-12);
    assertEquals(4.5, s.sumNp2(), 1e-12);
  }

  @Test
  void poissonRatioOfEventsInAPopulation() {
    Estimate none = RepresentationRatio.of(4, 0.0, 0.95);
    assertEquals("no_expected", none.nullReason());
    Estimate e = RepresentationRatio.of(0, 8.0, 0.95);
    assertEquals(0.0, e.value(), 0.0);
    assertEquals(0.0, e.lower(), 0.0);
    assertEquals(Math.log(40) / 8.0, e.upper(), 1e-9); // closed form ln(2/alpha) / E
    assertEquals(true, e.lowReliability());
  }

  @Test
  void inconsistentStrataAreRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            RepresentationRatio.strata(
                new long[] {1, 2}, new long[] {5}, new double[] {1}, new double[] {2}));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            RepresentationRatio.strata(
                new long[] {}, new long[] {}, new double[] {}, new double[] {}));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            RepresentationRatio.strata(
                new long[] {6}, new long[] {5}, new double[] {1}, new double[] {2}));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            RepresentationRatio.strata(
                new long[] {1}, new long[] {5}, new double[] {3}, new double[] {2}));
    assertThrows(IllegalArgumentException.class, () -> RepresentationRatio.of(1, -1.0, 0.95));
    assertThrows(IllegalArgumentException.class, () -> RepresentationRatio.of(1, Double.NaN, 0.95));
  }
}
