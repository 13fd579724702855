package org.safeguardstats.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WilsonIntervalTest {

  /**
   * Textbook Wilson in centre +/- half-width form (Newcombe 1998, method 3), written here
   * independently of the project's (2x + z^2 -/+ ...) / (2(n + z^2)) form; z from scipy.
   */
  private static double[] textbook(long x, long n, double z) {
    double p = (double) x / n;
    double centre = p + z * z / (2.0 * n);
    double half = z * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n));
    double scale = 1 + z * z / n;
    return new double[] {(centre - half) / scale, (centre + half) / scale};
  }

  @Test
  void agreesWithTheTextbookFormOnAGrid() {
    long[] ns = {1, 2, 9, 10, 11, 100, 12345, 10_000_000};
    for (double level : new double[] {0.95, 0.998}) {
      for (long n : ns) {
        for (long x : new long[] {0, 1, n / 3, n / 2, n - 1, n}) {
          if (x < 0) {
            continue;
          }
          double[] expected = textbook(x, n, TestZ.of(level));
          Estimate e = WilsonInterval.of(x, n, level);
          String at = "x=" + x + " n=" + n + " level=" + level;
          assertEquals((double) x / n, e.value(), 0.0, at);
          // absolute 1e-15 floor for the limits that are 0 or 1 in exact arithmetic
          assertEquals(expected[0], e.lower(), Math.max(1e-9 * expected[0], 1e-15), at);
          assertEquals(expected[1], e.upper(), Math.max(1e-9 * expected[1], 1e-15), at);
        }
      }
    }
  }

  @Test
  void zeroDenominatorIsNullWithReason() {
    Estimate e = WilsonInterval.of(0, 0, 0.95);
    assertTrue(e.isMissing());
    assertEquals("no_denominator", e.nullReason());
    assertEquals("wilson", e.method());
  }

  @Test
  void limitsStayInsideZeroAndOne() {
    for (long n : new long[] {1, 7, 10, 10_000_000}) {
      assertEquals(0.0, WilsonInterval.of(0, n, 0.998).lower(), 0.0);
      assertEquals(1.0, WilsonInterval.of(n, n, 0.998).upper(), 0.0);
    }
  }

  @Test
  void invalidCountsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> WilsonInterval.of(-1, 10, 0.95));
    assertThrows(IllegalArgumentException.class, () -> WilsonInterval.of(0, -1, 0.95));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> WilsonInterval.of(11, 10, 0.95));
    assertTrue(e.getMessage().contains("exceeds"));
  }
}
