package org.safeguardstats.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Expected q-values from scipy 1.17.1, {@code scipy.stats.false_discovery_control(p, method='bh')}
 * (the same as R's {@code p.adjust(p, "BH")}), run on the p-values below.
 */
class BenjaminiHochbergTest {
  @Test
  void qValuesMatchScipyWithTiesAndOrderKept() {
    Double[] p = {0.01, 0.04, 0.03, 0.005, 0.5, 0.04, 0.2};
    Double[] q = BenjaminiHochberg.qValues(p);
    double[] expected = {0.035, 0.056, 0.056, 0.035, 0.5, 0.056, 0.23333333333333336};
    for (int i = 0; i < p.length; i++) {
      assertEquals(expected[i], q[i], 1e-15, "q of p = " + p[i]);
    }
    assertEquals(7, BenjaminiHochberg.familySize(p));
  }

  @Test
  void testsWithoutAPValueAreNotInTheFamily() {
    // scipy on [0.02, 0.9]: [0.04, 0.9]; a null p-value changes nothing and gets no q-value.
    Double[] q = BenjaminiHochberg.qValues(new Double[] {0.02, null, 0.9});
    assertEquals(0.04, q[0], 1e-15);
    assertNull(q[1]);
    assertEquals(0.9, q[2], 1e-15);
    assertEquals(2, BenjaminiHochberg.familySize(new Double[] {0.02, null, 0.9}));
    assertArrayEquals(new Double[] {0.001}, BenjaminiHochberg.qValues(new Double[] {0.001}));
    assertArrayEquals(new Double[] {}, BenjaminiHochberg.qValues(new Double[] {}));
  }

  @Test
  void aPValueOutsideZeroToOneIsRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> BenjaminiHochberg.qValues(new Double[] {1.5}));
  }
}
