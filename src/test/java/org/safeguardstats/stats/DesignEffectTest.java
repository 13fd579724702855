package org.safeguardstats.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Design effects and the intervals on effective counts. Expected values were computed with Python 3
 * and scipy 1.17.1 directly from the incident list below (the linearised variance as Σ (y_i − p
 * n_i)² / N², not from the sums the class uses), and from scipy's chi-square and normal quantiles
 * for the limits.
 */
class DesignEffectTest {
  /** (y_i, n_i): children of each of 8 incidents in the category, and with the share recorded. */
  static final int[][] INCIDENTS = {{2, 3}, {0, 1}, {1, 1}, {0, 2}, {3, 3}, {1, 2}, {0, 1}, {1, 1}};

  @Test
  void shareDesignEffectFromIncidentSums() {
    long y = 0, n = 0, y2 = 0, yn = 0, n2 = 0;
    for (int[] i : INCIDENTS) {
      y += i[0];
      n += i[1];
      y2 += (long) i[0] * i[0];
      yn += (long) i[0] * i[1];
      n2 += (long) i[1] * i[1];
    }
    assertEquals(1.1904761904761905, DesignEffect.ofShare(y, n, y2, yn, n2), 1e-15);
    assertEquals(2.142857142857143, DesignEffect.ofCount(n, n2), 1e-15);
  }

  @Test
  void singletonsAndDegenerateSharesHaveNoDesignEffect() {
    // Every incident one child: Σ m² = Σ m, and the linearised variance is binomial.
    assertEquals(1.0, DesignEffect.ofCount(7, 7));
    assertEquals(1.0, DesignEffect.ofShare(3, 10, 3, 3, 10), 1e-12);
    assertEquals(1.0, DesignEffect.ofShare(0, 10, 0, 0, 30));
    assertEquals(1.0, DesignEffect.ofShare(10, 10, 30, 30, 30));
    assertEquals(1.0, DesignEffect.ofCount(0, 0));
    assertThrows(IllegalArgumentException.class, () -> DesignEffect.ofCount(5, 4));
  }

  @Test
  void countLimitsUseTheEffectiveCount() {
    // 20 children, D = 2: Byar's limits of 10 (scipy normal quantile), times 2.
    Estimate byar = PoissonLimits.clustered(20, 2.0, 0.95);
    assertEquals(20.0, byar.value());
    assertEquals(9.574899827935125, byar.lower(), 1e-12);
    assertEquals(36.782917211512945, byar.upper(), 1e-12);
    assertEquals("byar_design_effect", byar.method());
    // 9 children, D = 1.5: exact limits of 6 (scipy chi-square quantiles), times 1.5.
    Estimate exact = PoissonLimits.clustered(9, 1.5, 0.95);
    assertEquals(3.302841380236276, exact.lower(), 1e-9);
    assertEquals(19.589211033778028, exact.upper(), 1e-9);
    assertEquals("exact_poisson_design_effect", exact.method());
    assertEquals(true, exact.lowReliability());
    Estimate plain = PoissonLimits.of(25, 0.95);
    Estimate one = PoissonLimits.clustered(25, 1.0, 0.95);
    assertEquals(plain.lower(), one.lower(), 1e-12);
    assertEquals(plain.upper(), one.upper(), 1e-12);
  }

  @Test
  void wilsonUsesTheEffectiveSampleSize() {
    // 30 of 100, D = 1.5: Wilson of 20 in 66.67 (formula in scipy), share still 0.3.
    Estimate w = WilsonInterval.clustered(30, 100, 1.5, 0.95);
    assertEquals(0.3, w.value(), 1e-15);
    assertEquals(0.20337878794461614, w.lower(), 1e-12);
    assertEquals(0.41841421133960244, w.upper(), 1e-12);
    assertEquals("wilson_design_effect", w.method());
    Estimate plain = WilsonInterval.of(30, 100, 0.95);
    assertEquals(plain.lower(), WilsonInterval.clustered(30, 100, 1.0, 0.95).lower(), 1e-15);
    assertEquals("no_denominator", WilsonInterval.clustered(0, 0, 1.0, 0.95).nullReason());
  }
}
