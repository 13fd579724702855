package org.safeguardstats.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The chi-square test for trend in proportions against R's published example and against numpy.
 *
 * <p>R's {@code ?prop.trend.test} example: smokers 83, 90, 129, 70 of 86, 93, 136, 82 patients,
 * scores 1 to 4, gives X-squared = 8.2249, df = 1, p-value = 0.004132. The full digits, the slope
 * and the clustered values were computed with numpy 2 and scipy 1.17 as R does it (the regression
 * sum of squares of the weighted least-squares fit of the proportions on the scores, weights n / (p
 * (1 − p)); {@code numpy.linalg.lstsq}), not from the closed form the class uses; δ = Σ d n (s −
 * s̄)² / Σ n (s − s̄)² for d = 1.5, 2, 1, 1.2 and the p-value {@code chi2.sf(X² / δ, 1)}.
 */
class TrendInProportionsTest {
  static final long[] SMOKERS = {83, 90, 129, 70};
  static final long[] PATIENTS = {86, 93, 136, 82};
  static final double[] SCORES = {1, 2, 3, 4};

  private static void close(double expected, Double actual) {
    assertEquals(expected, actual, Math.abs(expected) * 1e-9);
  }

  @Test
  void rsPublishedExample() {
    TrendInProportions.Result r = TrendInProportions.of(SMOKERS, PATIENTS, SCORES);
    assertEquals(8.2249, r.statistic(), 5e-5);
    assertEquals(0.004132, r.pValue(), 5e-7);
    close(8.224922285197668, r.statistic());
    close(0.004131897477641593, r.pValue());
    close(-0.03341562641260127, r.slope());
    assertEquals(1, r.degreesOfFreedom());
    assertNull(r.designEffect());
    assertEquals("chi_square_trend", r.method());
    assertNull(r.nullReason());
  }

  @Test
  void clusteredDividesByTheContrastsDesignEffect() {
    TrendInProportions.Result r =
        TrendInProportions.clustered(SMOKERS, PATIENTS, new double[] {1.5, 2, 1, 1.2}, SCORES);
    close(8.224922285197668, r.statistic());
    close(1.3770409666083723, r.designEffect());
    close(0.01452740468381797, r.pValue());
    assertEquals("chi_square_trend_design_effect", r.method());
    // Every d = 1 is the unclustered test, δ = 1.
    TrendInProportions.Result one =
        TrendInProportions.clustered(SMOKERS, PATIENTS, new double[] {1, 1, 1, 1}, SCORES);
    close(0.004131897477641593, one.pValue());
    assertEquals(1.0, one.designEffect());
  }

  @Test
  void scoresCanBeYearsAndEmptyGroupsAreDropped() {
    // Shifting the scores (reporting years 2019 to 2022) changes neither statistic nor slope; a
    // group with no denominator (2023) carries no information.
    TrendInProportions.Result r =
        TrendInProportions.of(
            new long[] {83, 90, 129, 70, 0},
            new long[] {86, 93, 136, 82, 0},
            new double[] {2019, 2020, 2021, 2022, 2023});
    close(8.224922285197668, r.statistic());
    close(-0.03341562641260127, r.slope());
  }

  @Test
  void degenerateTablesHaveNoTest() {
    // One group; no events; every child an event; equal scores.
    for (TrendInProportions.Result r :
        new TrendInProportions.Result[] {
          TrendInProportions.of(new long[] {3, 0}, new long[] {10, 0}, new double[] {1, 2}),
          TrendInProportions.of(new long[] {0, 0}, new long[] {10, 5}, new double[] {1, 2}),
          TrendInProportions.of(new long[] {10, 5}, new long[] {10, 5}, new double[] {1, 2}),
          TrendInProportions.of(new long[] {3, 2}, new long[] {10, 5}, new double[] {1, 1})
        }) {
      assertEquals("degenerate_table", r.nullReason());
      assertNull(r.statistic());
      assertNull(r.pValue());
    }
    assertThrows(
        IllegalArgumentException.class,
        () -> TrendInProportions.of(new long[] {11}, new long[] {10}, new double[] {1}));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            TrendInProportions.clustered(
                new long[] {1, 2},
                new long[] {10, 10},
                new double[] {0.5, 1},
                new double[] {1, 2}));
  }
}
