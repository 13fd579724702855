package org.safeguardstats.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfidenceLevelTest {

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
