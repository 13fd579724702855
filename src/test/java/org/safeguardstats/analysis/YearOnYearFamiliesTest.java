package org.safeguardstats.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.safeguardstats.counts.CountTable;
import org.safeguardstats.counts.Margin;
import org.safeguardstats.counts.PopulationBaseline;
import org.safeguardstats.tables.YearOnYearRow;

/**
 * The year-on-year changes of one measure are one family of tests: each row carries the family's
 * size and its Benjamini-Hochberg q-value. Hand-made counts over three years, one child per
 * incident. The expected q-values follow the step-up rule written out here (q of p = the smallest m
 * p' / rank(p') over the family's p' ≥ p); BenjaminiHochbergTest checks the class itself against
 * scipy.
 */
class YearOnYearFamiliesTest {
  static final RunContext RUN = new RunContext("test", true, 2022, 2024, List.of(0.95, 0.998));

  static CountTable table() {
    CountTable.Builder t = CountTable.builder(List.of(Margin.TOTAL));
    long[][] byYear = {{20, 30, 5}, {25, 10, 6}, {18, 40, 1}}; // death, serious_harm, other
    String[] types = {"death", "serious_harm", "other"};
    for (int y = 0; y < 3; y++) {
      for (int k = 0; k < 3; k++) {
        long n = byYear[y][k];
        t.add(Margin.TOTAL, 2022 + y, types[k], "", "", new CountTable.Cell(n, n, n, 0));
      }
    }
    return t.build();
  }

  @Test
  void everyChangeOfAMeasureIsInOneFamily() {
    List<YearOnYearRow> rows =
        YearOnYearAnalysis.rows(table(), new PopulationBaseline(List.of()), RUN);
    for (double level : RUN.confidenceLevels()) {
      List<YearOnYearRow> incidents =
          rows.stream()
              .filter(r -> r.measure().equals("incidents") && r.confidenceLevel() == level)
              .toList();
      List<YearOnYearRow> tested =
          incidents.stream().filter(r -> r.change().pValue() != null).toList();
      // "all" and three incident types, each changed in 2022-23 and 2023-24: 8 tests.
      assertEquals(8, tested.size());
      for (YearOnYearRow r : incidents) {
        assertEquals(8, r.change().familySize());
      }
      for (YearOnYearRow r : tested) {
        int m = tested.size();
        double q = 1.0;
        for (YearOnYearRow o : tested) {
          if (o.change().pValue() >= r.change().pValue()) {
            long rank =
                tested.stream().filter(x -> x.change().pValue() <= o.change().pValue()).count();
            q = Math.min(q, m * o.change().pValue() / rank);
          }
        }
        assertNotNull(r.change().qValue());
        assertEquals(q, r.change().qValue(), 1e-12, r.category() + " " + r.period().period());
      }
      incidents.stream()
          .filter(r -> r.change().pValue() == null)
          .forEach(r -> assertNull(r.change().qValue()));
      // No population here: no rate changes, an empty family.
      assertEquals(0, incidents.get(0).rateChange().familySize());
    }
  }
}
