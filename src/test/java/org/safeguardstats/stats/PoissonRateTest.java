package org.safeguardstats.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PoissonRateTest {

  @Test
  void zeroPopulationIsNullWithReason() {
    Estimate e = PoissonRate.of(3, 0.0, 100_000, 0.95);
    assertTrue(e.isMissing());
    assertEquals("no_denominator", e.nullReason());
    assertEquals("exact_poisson", e.method());
  }

  @Test
  void populationOfOneScalesTheCountLimitsByTheMultiplier() {
    for (long o : new long[] {0, 1, 9, 10, 11}) {
      Estimate count = PoissonLimits.of(o, 0.998);
      Estimate rate = PoissonRate.of(o, 1.0, 1000.0, 0.998);
      assertEquals(o * 1000.0, rate.value(), 0.0);
      assertEquals(count.lower() * 1000.0, rate.lower(), 1e-12 * rate.upper());
      assertEquals(count.upper() * 1000.0, rate.upper(), 1e-12 * rate.upper());
      assertEquals(count.method(), rate.method());
      assertEquals(count.lowReliability(), rate.lowReliability());
    }
  }

  @Test
  void zeroEventsGiveZeroRateWithAFiniteUpperLimit() {
    Estimate e = PoissonRate.of(0, 250_000, 100_000, 0.95);
    assertEquals(0.0, e.value(), 0.0);
    assertEquals(0.0, e.lower(), 0.0);
    // ln(40) / 250000 * 100000, closed form for zero events
    assertEquals(Math.log(40) * 0.4, e.upper(), 1e-9);
  }

  @Test
  void invalidArgumentsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> PoissonRate.of(1, -1, 100, 0.95));
    assertThrows(IllegalArgumentException.class, () -> PoissonRate.of(1, Double.NaN, 100, 0.95));
    assertThrows(
        IllegalArgumentException.class,
        () -> PoissonRate.of(1, Double.POSITIVE_INFINITY, 100, 0.95));
    assertThrows(IllegalArgumentException.class, () -> PoissonRate.of(1, 10, 0, 0.95));
    assertThrows(IllegalArgumentException.class, () -> PoissonRate.of(-1, 10, 100, 0.95));
  }
}
