package org.safeguardstats.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.safeguardstats.counts.CountTable;
import org.safeguardstats.counts.Margin;
import org.safeguardstats.tables.AssociationRow;

/**
 * The associations table on a count table with no Spark: the invented incidents of {@code
 * association_values.py} (see {@link AssociationValues}), whose expected values come from scipy and
 * numpy on the incident list (the age test from {@code chi2_contingency}, Rao and Scott's δ and
 * every cell's adjusted residual and share written out), and a hand-made degenerate table.
 */
class AssociationAnalysisTest {
  static final List<String> KEY =
      List.of("association", "row_type", "period", "category", "group", "confidence_level");

  static final CountTable TABLE = AssociationValues.table();

  @Test
  void everyValueAgreesWithTheScript() {
    List<AssociationRow> rows = AssociationAnalysis.rows(TABLE, AssociationValues.RUN);
    int checked = AssociationValues.check("associations", rows, KEY);
    assertTrue(checked > 1000, "values checked: " + checked);
  }

  @Test
  void oneRowPerTestAndCellAtEachLevel() {
    List<AssociationRow> rows = AssociationAnalysis.rows(TABLE, AssociationValues.RUN);
    // 2 levels x 3 periods x (3 forms of harm + the age test + 5 bands x 5 groups).
    assertEquals(2 * 3 * (3 + 1 + 25), rows.size());
    AssociationValues.byKey(rows, KEY);
    for (AssociationRow r : rows) {
      boolean test = r.rowType().equals("test");
      assertEquals(test, r.family() != null, r.toString());
      assertEquals(test, r.counts() != null, r.toString());
      assertEquals(!test, r.group() != null, r.toString());
      assertEquals("children", r.universe());
    }
    // "Distinct age variation within ethnic groups" is readable from the rows: the pooled test
    // is significant and some cells lie beyond ±z (the script's data gives each group its own mix).
    AssociationRow pooled =
        rows.stream()
            .filter(
                r ->
                    r.association().equals("age_band_by_ethnicity")
                        && r.rowType().equals("test")
                        && r.period().periodType().equals("pooled"))
            .findFirst()
            .orElseThrow();
    assertTrue(pooled.qValue() < 0.001, pooled.toString());
    assertTrue(
        rows.stream().anyMatch(r -> "over".equals(r.residualFlag()))
            && rows.stream().anyMatch(r -> "under".equals(r.residualFlag())));
  }

  @Test
  void aYearWithNoRecordsGivesNullRowsWithTheReason() {
    List<AssociationRow> rows = AssociationAnalysis.rows(TABLE, AssociationValues.WITH_EMPTY_YEAR);
    List<AssociationRow> missing =
        rows.stream().filter(r -> r.period().firstYear() == 2022).toList();
    // 2021-22 and the span 2021-22 to 2023-24, at two levels.
    assertEquals(2 * 2 * 29, missing.size());
    for (AssociationRow r : missing) {
      assertEquals("no_records", r.nullReason(), r.toString());
      assertNull(r.observed(), r.toString());
      assertNull(r.total(), r.toString());
      assertNull(r.pValue(), r.toString());
      assertNull(r.share().value(), r.toString());
      assertNull(r.adjustedResidual(), r.toString());
    }
    assertTrue(
        missing.stream()
            .filter(r -> r.rowType().equals("test"))
            .allMatch(r -> r.counts().equals("\"no_records\"") && r.familySize() == 0));
    // The years with records are unchanged by the empty one.
    List<AssociationRow> before = AssociationAnalysis.rows(TABLE, AssociationValues.RUN);
    assertEquals(
        before.stream().filter(r -> !r.period().periodType().equals("pooled")).toList(),
        rows.stream()
            .filter(
                r -> r.period().firstYear() >= 2023 && !r.period().periodType().equals("pooled"))
            .toList());
  }

  @Test
  void aTableOfOneEthnicGroupIsDegenerate() {
    // 2023-24: six white children of six incidents (one each): 3 under 1, 2 aged 1 to 5, 1 aged
    // 16 or 17. One non-empty column: no test and no residuals; the shares stand (D = 1 for
    // singletons): 3 of 6, Wilson 95% 0.18761630648265054 to 0.8123836935173494; 2 of 6,
    // 0.09677141110578047 to 0.700006684861608 (scipy 1.17.1 binomtest().proportion_ci(method =
    // 'wilson')).
    Margin m = AssociationAnalysis.AGE_BY_ETHNICITY;
    CountTable table =
        CountTable.builder(AssociationAnalysis.margins())
            .add(Margin.TOTAL, 2024, "death", "", "", new CountTable.Cell(6, 6, 6, 0))
            .add(m, 2024, "death", "under_1", "white", new CountTable.Cell(3, 3, 3, 3))
            .add(m, 2024, "death", "1_to_5", "white", new CountTable.Cell(2, 2, 2, 2))
            .add(m, 2024, "death", "16_to_17", "white", new CountTable.Cell(1, 1, 1, 1))
            .add(m, 2024, "death", CountTable.RECORDED, "white", new CountTable.Cell(6, 6, 6, 6))
            .build();
    RunContext run = new RunContext("test", true, 2024, 2024, List.of(0.95));
    List<AssociationRow> rows =
        AssociationAnalysis.rows(table, run).stream()
            .filter(r -> r.association().equals("age_band_by_ethnicity"))
            .toList();
    AssociationRow test = rows.get(0);
    assertEquals("test", test.rowType());
    assertEquals("degenerate_table", test.nullReason());
    assertNull(test.pValue());
    assertNull(test.designEffect());
    assertEquals(0, test.familySize());
    assertNull(test.qValue());
    assertEquals(6L, test.total());
    for (AssociationRow cell : rows.subList(1, rows.size())) {
      assertNull(cell.adjustedResidual(), cell.toString());
      assertNull(cell.residualFlag(), cell.toString());
      String expected = cell.group().equals("white") ? "degenerate_table" : "no_denominator";
      assertEquals(expected, cell.nullReason(), cell.toString());
    }
    AssociationRow under1 =
        rows.stream()
            .filter(r -> "white".equals(r.group()) && "under_1".equals(r.category()))
            .findFirst()
            .orElseThrow();
    assertEquals(0.5, under1.share().value(), 1e-15);
    assertEquals(0.18761630648265054, under1.share().lower(), 1e-12);
    assertEquals(0.8123836935173494, under1.share().upper(), 1e-12);
    assertEquals(1.0, under1.shareDesignEffect());
    AssociationRow young =
        rows.stream()
            .filter(r -> "white".equals(r.group()) && "1_to_5".equals(r.category()))
            .findFirst()
            .orElseThrow();
    assertEquals(0.09677141110578047, young.share().lower(), 1e-12);
    assertEquals(0.700006684861608, young.share().upper(), 1e-12);
    assertTrue(young.lowReliability());
  }
}
