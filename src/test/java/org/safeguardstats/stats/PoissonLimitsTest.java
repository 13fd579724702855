package org.safeguardstats.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PoissonLimitsTest {

  /** P(X <= k) for X ~ Poisson(mu), summed term by term (independent of chi-square quantiles). */
  private static double poissonCdf(long k, double mu) {
    double term = Math.exp(-mu);
    double sum = term;
    for (long j = 1; j <= k; j++) {
      term *= mu / j;
      sum += term;
    }
    return sum;
  }

  /** Solves f(mu) = target on [0, 100] by bisection; f is decreasing in mu. */
  private static double bisectDecreasing(java.util.function.DoubleUnaryOperator f, double target) {
    double lo = 0.0;
    double hi = 100.0;
    for (int i = 0; i < 200; i++) {
      double mid = (lo + hi) / 2;
      if (f.applyAsDouble(mid) > target) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return (lo + hi) / 2;
  }

  @Test
  void exactLimitsBelowTenMatchBisectionOnThePoissonCdf() {
    for (double level : new double[] {0.95, 0.998}) {
      double half = (1 - level) / 2;
      for (long o = 0; o < 10; o++) {
        final long k = o;
        // lower: P(X >= O | L) = alpha/2, i.e. P(X <= O - 1 | L) = 1 - alpha/2
        double lower = o == 0 ? 0.0 : bisectDecreasing(mu -> poissonCdf(k - 1, mu), 1 - half);
        // upper: P(X <= O | U) = alpha/2
        double upper = bisectDecreasing(mu -> poissonCdf(k, mu), half);
        Estimate e = PoissonLimits.of(o, level);
        String at = "O=" + o + " level=" + level;
        assertEquals("exact_poisson", e.method(), at);
        assertTrue(e.lowReliability(), at);
        assertEquals(lower, e.lower(), 1e-9 * lower, at);
        assertEquals(upper, e.upper(), 1e-9 * upper, at);
      }
    }
  }

  @Test
  void zeroEventsHaveLowerZeroAndUpperLnTwoOverAlpha() {
    // closed form: P(X = 0 | U) = exp(-U) = alpha/2  =>  U = ln(2/alpha)
    assertEquals(0.0, PoissonLimits.of(0, 0.95).lower(), 0.0);
    assertEquals(Math.log(40.0), PoissonLimits.of(0, 0.95).upper(), 1e-9 * Math.log(40.0));
    assertEquals(Math.log(1000.0), PoissonLimits.of(0, 0.998).upper(), 1e-9 * Math.log(1000.0));
  }

  @Test
  void methodSwitchesExactlyAtTen() {
    assertEquals("exact_poisson", PoissonLimits.of(9, 0.95).method());
    assertTrue(PoissonLimits.of(9, 0.95).lowReliability());
    assertEquals("byar", PoissonLimits.of(10, 0.95).method());
    assertFalse(PoissonLimits.of(10, 0.95).lowReliability());
    assertEquals("byar", PoissonLimits.of(11, 0.95).method());
    assertEquals("exact_poisson", PoissonLimits.methodFor(9));
    assertEquals("byar", PoissonLimits.methodFor(10));
  }

  @Test
  void tenMillionEventsHaveTheNormalWidth() {
    Estimate e = PoissonLimits.of(10_000_000, 0.95);
    // sanity only (exact values are in independent-values.csv): for large O the limits are
    // O -/+ z sqrt(O) plus a shift of about (z^2 + 2)/6 < 1 event
    double halfWidth = TestZ.Z95 * Math.sqrt(1e7);
    assertEquals(1e7 - halfWidth, e.lower(), 2.0);
    assertEquals(1e7 + halfWidth, e.upper(), 2.0);
  }

  @Test
  void negativeCountIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> PoissonLimits.of(-1, 0.95));
  }
}
