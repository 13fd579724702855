package org.safeguardstats.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RepresentationRatioTest {

  @Test
  void zeroExpectedIsNullWithReason() {
    Estimate e = RepresentationRatio.of(4, 0.0, 0.95);
    assertEquals("no_expected", e.nullReason());
    assertEquals(null, e.value());
  }

  @Test
  void zeroObservedGivesZeroRatioAndFiniteUpper() {
    Estimate e = RepresentationRatio.of(0, 8.0, 0.95);
    assertEquals(0.0, e.value(), 0.0);
    assertEquals(0.0, e.lower(), 0.0);
    assertEquals(Math.log(40) / 8.0, e.upper(), 1e-9); // closed form ln(2/alpha) / E
    assertEquals(true, e.lowReliability());
  }

  @Test
  void oneStratumIsTheCrudeRatio() {
    // E = N * Pg / P = 200 * 1500 / 10000 = 30, by hand
    RepresentationRatio.StandardisedRatio s =
        RepresentationRatio.ageStandardised(
            new long[] {40}, new long[] {200}, new double[] {1500}, new double[] {10000}, 0.95);
    assertEquals(40, s.observed());
    assertEquals(30.0, s.expected(), 1e-12);
    assertEquals(RepresentationRatio.of(40, 30.0, 0.95), s.ratio());
  }

  @Test
  void stratumWithoutPopulationAddsNoExpectedCount() {
    RepresentationRatio.StandardisedRatio s =
        RepresentationRatio.ageStandardised(
            new long[] {40, 0},
            new long[] {200, 5},
            new double[] {1500, 0},
            new double[] {10000, 0},
            0.95);
    assertEquals(30.0, s.expected(), 1e-12);
    RepresentationRatio.StandardisedRatio none =
        RepresentationRatio.ageStandardised(
            new long[] {0}, new long[] {5}, new double[] {0}, new double[] {0}, 0.95);
    assertEquals(0.0, none.expected(), 0.0);
    assertEquals("no_expected", none.ratio().nullReason());
  }

  @Test
  void inconsistentStrataAreRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            RepresentationRatio.ageStandardised(
                new long[] {1, 2}, new long[] {5}, new double[] {1}, new double[] {2}, 0.95));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            RepresentationRatio.ageStandardised(
                new long[] {}, new long[] {}, new double[] {}, new double[] {}, 0.95));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            RepresentationRatio.ageStandardised(
                new long[] {6}, new long[] {5}, new double[] {1}, new double[] {2}, 0.95));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            RepresentationRatio.ageStandardised(
                new long[] {1}, new long[] {5}, new double[] {3}, new double[] {2}, 0.95));
    assertThrows(IllegalArgumentException.class, () -> RepresentationRatio.of(1, -1.0, 0.95));
    assertThrows(IllegalArgumentException.class, () -> RepresentationRatio.of(1, Double.NaN, 0.95));
  }
}
