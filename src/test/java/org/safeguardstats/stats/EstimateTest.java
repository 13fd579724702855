package org.safeguardstats.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EstimateTest {

  @Test
  void missingHasNullValueAndLimitsAndAReason() {
    Estimate e = Estimate.missing("wilson", "no_denominator");
    assertNull(e.value());
    assertNull(e.lower());
    assertNull(e.upper());
    assertEquals("no_denominator", e.nullReason());
    assertTrue(e.isMissing());
  }

  @Test
  void neverHoldsNanOrInfinity() {
    assertThrows(
        IllegalArgumentException.class, () -> new Estimate(Double.NaN, 0.0, 1.0, "m", false, null));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Estimate(1.0, 0.0, Double.POSITIVE_INFINITY, "m", false, null));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Estimate(1.0, Double.NEGATIVE_INFINITY, 2.0, "m", false, null));
  }

  @Test
  void nullFieldsAndReasonGoTogether() {
    assertThrows(
        IllegalArgumentException.class, () -> new Estimate(null, 0.0, 1.0, "m", false, null));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Estimate(1.0, 0.0, 2.0, "m", false, "no_expected"));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Estimate(1.0, null, null, "m", false, "no_expected"));
    assertThrows(IllegalArgumentException.class, () -> Estimate.missing("m", " "));
    assertThrows(IllegalArgumentException.class, () -> Estimate.missing(null, "no_expected"));
  }
}
