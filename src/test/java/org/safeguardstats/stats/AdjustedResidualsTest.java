package org.safeguardstats.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Haberman's adjusted residuals against numpy and a textbook identity. */
class AdjustedResidualsTest {
  @Test
  void aTwoByTwoTablesResidualsAreTheSquareRootOfItsChiSquare() {
    // In a 2x2 table every adjusted residual is ±√X² (Agresti 2013, s. 2.4.5); X² =
    // 8.035714285714285
    // (scipy 1.17.1 chi2_contingency(correction=False)); E = 16, 14 / 24, 21.
    long[][] t = {{10, 20}, {30, 15}};
    Double[][] r = AdjustedResiduals.of(t, 1.0);
    double root = Math.sqrt(8.035714285714285);
    assertEquals(-root, r[0][0], 1e-12);
    assertEquals(root, r[0][1], 1e-12);
    assertEquals(root, r[1][0], 1e-12);
    assertEquals(-root, r[1][1], 1e-12);
    assertEquals(16.0, AdjustedResiduals.expected(t)[0][0], 1e-12);
    // Clustering: divided by √δ.
    assertEquals(root / Math.sqrt(2.0), AdjustedResiduals.of(t, 2.0)[0][1], 1e-12);
  }

  @Test
  void aThreeByThreeTableAgreesWithNumpy() {
    // numpy: (O - E) / sqrt(E (1 - R/N)(1 - C/N)), by hand.
    long[][] t = {{30, 42, 25}, {55, 40, 61}, {15, 22, 9}};
    assertEquals(32.441471571906355, AdjustedResiduals.expected(t)[0][0], 1e-12);
    Double[][] r = AdjustedResiduals.of(t, 1.0);
    assertEquals(-0.6392494517411029, r[0][0], 1e-12);
    assertEquals(2.019225774219596, r[2][1], 1e-12);
    assertEquals(2.1807356834129235, AdjustedResiduals.of(t, 1.7)[1][2], 1e-12);
  }

  @Test
  void emptyRowsAndColumnsAndDegenerateTablesHaveNone() {
    // An empty column changes no other cell: its expected counts are 0 and it has no residuals.
    Double[][] r = AdjustedResiduals.of(new long[][] {{10, 20, 0}, {30, 15, 0}}, 1.0);
    assertEquals(Math.sqrt(8.035714285714285), r[0][1], 1e-12);
    assertNull(r[0][2]);
    assertNull(r[1][2]);
    // One non-empty column: nothing to compare.
    Double[][] one = AdjustedResiduals.of(new long[][] {{3, 0}, {2, 0}}, 1.0);
    assertNull(one[0][0]);
    assertNull(one[1][0]);
    assertNull(AdjustedResiduals.of(new long[][] {{0, 0}, {0, 0}}, 1.0)[0][0]);
    assertThrows(
        IllegalArgumentException.class, () -> AdjustedResiduals.of(new long[][] {{-1}}, 1));
    assertThrows(
        IllegalArgumentException.class, () -> AdjustedResiduals.of(new long[][] {{1, 2}}, 0.5));
  }
}
