package org.safeguardstats.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The difference of two shares of the same children and its design effect. Expected values are
 * printed by {@code python3 src/test/resources/stats/demographics_values.py} (scipy 1.17.1): the
 * Wald limits from the covariance form of the variance, p1(1 − p1)/n + p2(1 − p2)/n + 2 p1 p2 / n
 * (not the class's (p1 + p2 − d²)/n), and the design effect from the incident list below directly.
 */
class SameSampleDifferenceTest {
  private static void close(double expected, double actual) {
    assertEquals(expected, actual, 1e-12 * Math.max(1, Math.abs(expected)));
  }

  @Test
  void waldLimitsOfTwoMultinomialShares() {
    Estimate d = SameSampleDifference.of(120, 90, 400, 0.95);
    close(0.07499999999999998, d.value());
    close(0.00437497477880075, d.lower());
    close(0.14562502522119922, d.upper());
    assertEquals("wald_multinomial", d.method());
    Estimate c = SameSampleDifference.clustered(120, 90, 400, 1.7, 0.95);
    close(-0.017083766857907967, c.lower());
    close(0.16708376685790793, c.upper());
    assertEquals("wald_multinomial_design_effect", c.method());
    Estimate small = SameSampleDifference.of(7, 3, 25, 0.998);
    close(-0.21817171593642826, small.lower());
    close(0.5381717159364283, small.upper());
    // D = 1 is the unclustered interval.
    assertEquals(
        SameSampleDifference.of(7, 3, 25, 0.998).upper(),
        SameSampleDifference.clustered(7, 3, 25, 1.0, 0.998).upper());
  }

  @Test
  void waldPValueOfTheDifference() {
    close(0.03739941774854745, SameSampleDifference.pValue(120, 90, 400, 1.0));
    close(0.11041218086578507, SameSampleDifference.pValue(120, 90, 400, 1.7));
    close(0.19106301404569426, SameSampleDifference.pValue(7, 3, 25, 1.0));
    // Below 0.05 exactly when the 95% interval excludes 0.
    assertTrue(SameSampleDifference.of(120, 90, 400, 0.95).lower() > 0);
    assertTrue(SameSampleDifference.clustered(120, 90, 400, 1.7, 0.95).lower() < 0);
    assertEquals(null, SameSampleDifference.pValue(0, 0, 10, 1.0), "no variance");
    assertEquals(null, SameSampleDifference.pValue(0, 0, 0, 1.0), "no denominator");
  }

  @Test
  void degenerateCasesAreNullWithTheirReason() {
    assertEquals("no_denominator", SameSampleDifference.of(0, 0, 0, 0.95).nullReason());
    // No width: both 0, or one category holds every child.
    assertEquals("zero_variance", SameSampleDifference.of(0, 0, 10, 0.95).nullReason());
    assertEquals("zero_variance", SameSampleDifference.clustered(5, 0, 5, 1.4, 0.95).nullReason());
    assertTrue(SameSampleDifference.of(4, 0, 5, 0.95).lower() > 0);
    assertThrows(IllegalArgumentException.class, () -> SameSampleDifference.of(6, 5, 10, 0.95));
    assertThrows(
        IllegalArgumentException.class, () -> SameSampleDifference.clustered(1, 0, 5, 0.9, 0.95));
  }

  /** (y1, y2, n) per incident: children in the first and second category, and recorded. */
  static final int[][] INCIDENTS = {
    {2, 0, 2}, {1, 1, 3}, {0, 1, 1}, {1, 0, 1}, {0, 2, 2}, {1, 0, 2}, {0, 0, 1}, {3, 0, 3}
  };

  @Test
  void designEffectOfADifferenceIsTheBoundWithoutSiblingsInBoth() {
    long y1 = 0, y2 = 0, n = 0, s11 = 0, s22 = 0, s1n = 0, s2n = 0, snn = 0;
    for (int[] i : INCIDENTS) {
      y1 += i[0];
      y2 += i[1];
      n += i[2];
      s11 += (long) i[0] * i[0];
      s22 += (long) i[1] * i[1];
      s1n += (long) i[0] * i[2];
      s2n += (long) i[1] * i[2];
      snn += (long) i[2] * i[2];
    }
    double d = DesignEffect.ofDifference(y1, y2, n, s11, s22, s1n, s2n, snn);
    // The second incident has a child in each: the true D (1.5073) is below the bound.
    close(1.6902439024390246, d);
    assertTrue(d > 1.5073170731707317);
    // Every incident one child: exactly the multinomial variance.
    assertEquals(1.0, DesignEffect.ofDifference(3, 2, 10, 3, 2, 3, 2, 10), 1e-12);
    assertEquals(1.0, DesignEffect.ofDifference(0, 0, 0, 0, 0, 0, 0, 0));
    assertEquals(1.0, DesignEffect.ofDifference(5, 0, 5, 9, 0, 9, 0, 9));
    assertThrows(
        IllegalArgumentException.class, () -> DesignEffect.ofDifference(6, 5, 10, 6, 5, 6, 5, 10));
  }
}
