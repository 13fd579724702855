package org.safeguardstats.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.safeguardstats.stats.BenjaminiHochberg;

/**
 * Tests computed once (a test does not depend on the confidence level) in families of
 * Benjamini-Hochberg q-values: a test's rows, one set per level, are made once its family's size
 * and q-values are known.
 */
final class TestFamilies {
  private TestFamilies() {}

  /** One test: its p-value (null: not in the family's size) and how its rows are made. */
  record Test<R>(Double pValue, RowMaker<R> rows) {}

  interface RowMaker<R> {
    List<R> make(String family, int familySize, Double qValue, double level);
  }

  /** Every family's rows at every level, levels outermost, families and tests in their order. */
  static <R> List<R> rows(Map<String, List<Test<R>>> families, List<Double> levels) {
    List<R> rows = new ArrayList<>();
    for (double level : levels) {
      families.forEach(
          (family, tests) -> {
            Double[] p = tests.stream().map(Test::pValue).toArray(Double[]::new);
            Double[] q = BenjaminiHochberg.qValues(p);
            int size = BenjaminiHochberg.familySize(p);
            for (int i = 0; i < tests.size(); i++) {
              rows.addAll(tests.get(i).rows().make(family, size, q[i], level));
            }
          });
    }
    return rows;
  }
}
