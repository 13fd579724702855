package org.safeguardstats.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Edges and published values for RelativeRate, KatzRiskRatio, NewcombeDifference, FisherExact. */
class SecondaryMethodsTest {

  @Test
  void relativeRateIsNullWhenEitherCountIsZero() {
    assertEquals("zero_count", RelativeRate.of(0, 100, 5, 100, 0.95).nullReason());
    assertEquals("zero_count", RelativeRate.of(5, 100, 0, 100, 0.95).nullReason());
    assertEquals("no_denominator", RelativeRate.of(5, 0, 5, 100, 0.95).nullReason());
    assertTrue(RelativeRate.of(9, 100, 50, 100, 0.95).lowReliability());
    assertThrows(IllegalArgumentException.class, () -> RelativeRate.of(-1, 100, 5, 100, 0.95));
    assertThrows(IllegalArgumentException.class, () -> RelativeRate.of(1, -100, 5, 100, 0.95));
  }

  @Test
  void subnormalPopulationsGiveANullWithAReasonNotAnException() {
    // 5 / 4.9e-324 overflows a double: the rate and the relative rate cannot be represented.
    Estimate rate = PoissonRate.of(5, Double.MIN_VALUE, 100_000, 0.95);
    assertEquals("outside_double_range", rate.nullReason());
    assertEquals(null, rate.value());
    Estimate rr = RelativeRate.of(5, Double.MIN_VALUE, 5, 1e300, 0.95);
    assertEquals("outside_double_range", rr.nullReason());
    assertEquals("log_wald", rr.method());
  }

  @Test
  void katzRiskRatioEdges() {
    assertEquals("zero_count", KatzRiskRatio.of(0, 10, 3, 10, 0.95).nullReason());
    assertEquals("no_denominator", KatzRiskRatio.of(0, 0, 3, 10, 0.95).nullReason());
    assertThrows(IllegalArgumentException.class, () -> KatzRiskRatio.of(11, 10, 3, 10, 0.95));
  }

  @Test
  void newcombeMatchesThePublishedExamples() {
    // Newcombe (1998) Stat Med 17:873-890, Table II, method 10, to the 4 decimals published;
    // his theta = p1 - p2 is our p2 - p1 with the years in the other order
    Estimate e = NewcombeDifference.of(48, 80, 56, 70, 0.95);
    assertEquals(0.0524, e.lower(), 0.00005);
    assertEquals(0.3339, e.upper(), 0.00005);
    Estimate f = NewcombeDifference.of(3, 10, 9, 10, 0.95);
    assertEquals(0.1705, f.lower(), 0.00005);
    assertEquals(0.8090, f.upper(), 0.00005);
  }

  @Test
  void newcombeEdges() {
    assertEquals("no_denominator", NewcombeDifference.of(0, 0, 3, 10, 0.95).nullReason());
    Estimate same = NewcombeDifference.of(0, 20, 0, 25, 0.95);
    assertTrue(same.lower() < 0 && same.upper() > 0);
    Estimate allToNone = NewcombeDifference.of(10, 10, 0, 12, 0.998);
    assertEquals(-1.0, allToNone.value(), 0.0);
    assertEquals(-1.0, allToNone.lower(), 1e-15);
  }

  @Test
  void fisherEdges() {
    assertEquals(1.0, FisherExact.twoSidedPValue(0, 0, 0, 0), 0.0);
    assertEquals(1.0, FisherExact.twoSidedPValue(0, 0, 0, 7), 0.0);
    // [[3, 0], [0, 3]]: the observed table and its mirror, each 1/C(6,3) = 1/20, by hand
    assertEquals(0.1, FisherExact.twoSidedPValue(3, 0, 0, 3), 1e-15);
    assertThrows(IllegalArgumentException.class, () -> FisherExact.twoSidedPValue(-1, 0, 0, 3));
  }
}
