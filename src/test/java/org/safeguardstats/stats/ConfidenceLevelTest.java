package org.safeguardstats.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfidenceLevelTest {

  @Test
  void belowAlphaIsDecidedInDecimal() {
    // alpha = 0.05 and 0.002 exactly; in binary 1 - 0.95 is 0.050000000000000044.
    assertFalse(ConfidenceLevel.belowAlpha(0.05, 0.95));
    assertTrue(ConfidenceLevel.belowAlpha(0.0499999, 0.95));
    assertFalse(ConfidenceLevel.belowAlpha(0.002, 0.998));
    assertTrue(ConfidenceLevel.belowAlpha(0.0019, 0.998));
  }

  @Test
  void zMatchesScipyNormalQuantiles() {
    // expected: scipy 1.17.1 stats.norm.ppf(0.975), stats.norm.ppf(0.999)
    assertEquals(TestZ.Z95, ConfidenceLevel.z(0.95), 1e-14);
    assertEquals(TestZ.Z998, ConfidenceLevel.z(0.998), 1e-14);
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, 1.0, -0.5, 1.5, 95.0, Double.NaN, Double.POSITIVE_INFINITY})
  void levelsOutsideTheOpenUnitIntervalAreRejected(double level) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ConfidenceLevel.check(level));
    assertEquals(true, e.getMessage().contains("between 0 and 1"));
    assertThrows(IllegalArgumentException.class, () -> ConfidenceLevel.z(level));
    assertThrows(IllegalArgumentException.class, () -> WilsonInterval.of(1, 2, level));
    assertThrows(IllegalArgumentException.class, () -> PoissonLimits.of(1, level));
    assertThrows(IllegalArgumentException.class, () -> YearOnYearChange.of(1, 2, 1, 1, level));
  }
}
