package org.safeguardstats.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.safeguardstats.counts.CountTable;
import org.safeguardstats.counts.Margin;
import org.safeguardstats.tables.AssociationRow;

/**
 * The 2×2 associations of harm with sex (the {@code associations} table's {@code harm_form_by_sex}
 * rows), children clustered in incidents, on a hand-made count table (no Spark). 2023-24, twelve
 * incidents (the first child listed is the first by child_ref; forms: E extrafamilial harm, S
 * sexual abuse or exploitation, X suicide or self-harm, O other known cause, U unknown):
 *
 * <pre>
 * P1  serious harm  boy E, boy E          P7  serious harm  boy O, boy U
 * P2  serious harm  boy E, girl E         P8  serious harm  girl X
 * P3  death         boy X                 P9  serious harm  boy S
 * P4  serious harm  girl S, girl S        P10 death         girl U
 * P5  serious harm  girl S                P11 serious harm  boy E
 * P6  death         boy O, girl O         P12 serious harm  girl O, girl O, boy O
 * </pre>
 *
 * Boys with a known cause: 9 (P7's second boy is unknown), girls 8 (P10 is unknown). The cells
 * below are that list's counts by hand (e.g. boys with E in serious harm: P1 2, P2 1, P11 1, so 4
 * children, 3 incidents whose first child is in the cell, Σ m² = 6, Σ m n = 2·2 + 1·1 + 1·1 = 6
 * with n the incident's boys with a known cause). Expected values from {@code
 * src/test/resources/stats/clustered_values.py}, which takes each sex's design effect from the
 * incident list directly (Σ (y − p n)² over incidents; e.g. boys' E: 230/81 over N² against the
 * binomial 20/729, D = 23/18) and the tests from scipy, not from the count table's sums.
 */
class ClusteredAssociationTest {
  static final RunContext RUN = new RunContext("test", true, 2024, 2024, List.of(0.95));

  private static final double REL = 1e-12;

  static CountTable table() {
    Margin m = AssociationAnalysis.HARM_BY_SEX;
    String r = CountTable.RECORDED;
    return CountTable.builder(AssociationAnalysis.margins())
        .add(Margin.TOTAL, 2024, "death", "", "", new CountTable.Cell(4, 3, 6, 0))
        .add(Margin.TOTAL, 2024, "serious_harm", "", "", new CountTable.Cell(15, 9, 29, 0))
        .add(m, 2024, "death", r, "female", new CountTable.Cell(1, 0, 1, 1))
        .add(m, 2024, "death", r, "male", new CountTable.Cell(2, 2, 2, 2))
        .add(m, 2024, "death", "other_known", "female", new CountTable.Cell(1, 0, 1, 1))
        .add(m, 2024, "death", "other_known", "male", new CountTable.Cell(1, 1, 1, 1))
        .add(m, 2024, "death", "unknown", "female", new CountTable.Cell(1, 1, 1, 0))
        .add(m, 2024, "death", "suicide_or_self_harm", "male", new CountTable.Cell(1, 1, 1, 1))
        .add(m, 2024, "serious_harm", r, "female", new CountTable.Cell(7, 4, 11, 11))
        .add(m, 2024, "serious_harm", r, "male", new CountTable.Cell(7, 5, 9, 9))
        .add(
            m,
            2024,
            "serious_harm",
            "extrafamilial_harm",
            "female",
            new CountTable.Cell(1, 0, 1, 1))
        .add(m, 2024, "serious_harm", "extrafamilial_harm", "male", new CountTable.Cell(4, 3, 6, 6))
        .add(m, 2024, "serious_harm", "other_known", "female", new CountTable.Cell(2, 1, 4, 4))
        .add(m, 2024, "serious_harm", "other_known", "male", new CountTable.Cell(2, 1, 2, 2))
        .add(
            m,
            2024,
            "serious_harm",
            "sexual_abuse_exploitation",
            "female",
            new CountTable.Cell(3, 2, 5, 5))
        .add(
            m,
            2024,
            "serious_harm",
            "sexual_abuse_exploitation",
            "male",
            new CountTable.Cell(1, 1, 1, 1))
        .add(m, 2024, "serious_harm", "unknown", "male", new CountTable.Cell(1, 0, 1, 1))
        .add(
            m,
            2024,
            "serious_harm",
            "suicide_or_self_harm",
            "female",
            new CountTable.Cell(1, 1, 1, 1))
        .build();
  }

  static AssociationRow row(String form) {
    return AssociationAnalysis.rows(table(), RUN).stream()
        .filter(
            r ->
                r.association().equals("harm_form_by_sex")
                    && r.rowType().equals("test")
                    && r.category().equals(form))
        .findFirst()
        .orElseThrow();
  }

  private static void close(double expected, Double actual) {
    assertEquals(expected, actual, Math.abs(expected) * REL);
  }

  @Test
  void theFormsAreHarmFormsKnownCategoriesButOtherKnown() {
    assertEquals(
        List.of("suicide_or_self_harm", "extrafamilial_harm", "sexual_abuse_exploitation"),
        AssociationAnalysis.harmForms());
  }

  @Test
  void extrafamilialHarmUsesEachSexsDesignEffect() throws Exception {
    AssociationRow e = row("extrafamilial_harm");
    // Boys 4 of 9, D1 = 23/18; girls 1 of 8, D2 = 15/14.
    JsonNode counts = new ObjectMapper().readTree(e.counts());
    assertEquals("[4,9]", counts.get("male").toString());
    assertEquals("[1,8]", counts.get("female").toString());
    close(23.0 / 18, counts.get("design_effect").get("male").asDouble());
    close(15.0 / 14, counts.get("design_effect").get("female").asDouble());
    close(3.5555555555555554, e.proportionRatio().value());
    close(0.4488548200232577, e.proportionRatio().lower());
    close(28.164953888624673, e.proportionRatio().upper());
    assertEquals("katz_log_design_effect", e.proportionRatio().method());
    close(2.0817129629629627, e.statistic());
    // δ = (n2 D1 + n1 D2) / n = (8 · 23/18 + 9 · 15/14) / 17.
    close(1.1685340802987862, e.designEffect());
    close(0.18196844436653103, e.pValue());
    close(0.14907280355925834, e.asymptoticPValue());
    close(2.3529411764705883, e.smallestExpected());
    // Expected counts below 5: Rao-Scott's p-value kept, not Fisher's, and flagged.
    assertEquals(Boolean.FALSE, e.reliable());
    assertEquals("pearson_chi_square_rao_scott", e.method());
    assertEquals(17L, e.total());
    assertEquals("harm_form_by_sex 2023-24", e.family());
    // Boys' count with the harm, 4, and girls', 1, are below 10.
    assertEquals(true, e.lowReliability());
    assertNull(e.nullReason());
    // BH over p = 0.182, 0.264, 0.931 (by hand): q = min(3 · 0.182 / 1, 3 · 0.264 / 2).
    assertEquals(3, e.familySize());
    close(1.5 * 0.26387037520333967, e.qValue());
  }

  @Test
  void theOtherFormsToo() {
    AssociationRow s = row("sexual_abuse_exploitation");
    close(0.2962962962962963, s.proportionRatio().value());
    close(0.033410278486160926, s.proportionRatio().lower());
    close(2.6276792405447096, s.proportionRatio().upper());
    close(1.6391559829059827, s.statistic());
    close(1.3130718954248364, s.designEffect());
    close(0.26387037520333967, s.pValue());
    AssociationRow x = row("suicide_or_self_harm");
    close(0.8888888888888888, x.proportionRatio().value());
    close(0.06176610855416742, x.proportionRatio().lower());
    close(12.79218450515146, x.proportionRatio().upper());
    close(0.9310367354174706, x.pValue());
    close(0.9310367354174706, x.qValue());
  }
}
