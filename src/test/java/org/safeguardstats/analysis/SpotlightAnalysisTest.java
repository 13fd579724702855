package org.safeguardstats.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.safeguardstats.counts.CountTable;
import org.safeguardstats.counts.Margin;
import org.safeguardstats.counts.Spotlight;
import org.safeguardstats.tables.SpotlightRow;

/**
 * The spotlights table on the invented incidents of {@code association_values.py} (see {@link
 * AssociationValues}; no Spark): every size, profile and ratio share against the script's, which
 * computes each from the incident list (linearised design effects over incidents, Wilson written
 * out on effective counts; incidents through their first child with scipy's Wilson interval).
 */
class SpotlightAnalysisTest {
  static final List<String> KEY =
      List.of(
          "spotlight",
          "measure",
          "unit",
          "incident_type",
          "characteristic",
          "category",
          "within_category",
          "period",
          "confidence_level");

  static final CountTable TABLE = AssociationValues.table();

  @Test
  void everyValueAgreesWithTheScript() {
    List<SpotlightRow> rows = SpotlightAnalysis.rows(TABLE, AssociationValues.RUN);
    int checked = AssociationValues.check("spotlights", rows, KEY);
    assertTrue(checked > 700, "values checked: " + checked);
  }

  @Test
  void theSpotlightsAreTheDeclaredOnesWithTheirFigures() {
    assertEquals(
        List.of("child_mental_health", "preschool_parent_mental_health", "extrafamilial_harm"),
        Spotlight.ALL.stream().map(Spotlight::id).toList());
    List<SpotlightRow> rows = SpotlightAnalysis.rows(TABLE, AssociationValues.RUN);
    // Per period and level: mental health 2 sizes + 3 incident types + 5 age bands + 2 sexes + 5
    // ethnic groups + 5 causes of death + 6 of serious harm + 2 ratios = 30; pre-school 2 + 3 = 5;
    // extrafamilial harm 2 + 3 + 5 + 2 + 5 types = 17.
    assertEquals(2 * 3 * (30 + 5 + 17), rows.size());
    AssociationValues.byKey(rows, KEY);
    // The report's ratios: suicides with a recorded mental health condition (a ratio row), and
    // children (or incidents) aged 1 to 5 with a parent with one (the pre-school group's size).
    assertEquals(
        Set.of("child_mental_health"),
        rows.stream()
            .filter(r -> r.measure().equals("ratio"))
            .map(SpotlightRow::spotlight)
            .collect(Collectors.toSet()));
    assertTrue(
        rows.stream()
            .anyMatch(
                r ->
                    r.spotlight().equals("preschool_parent_mental_health")
                        && r.measure().equals("size")
                        && r.unit().equals("incidents")
                        && r.share().value() != null));
  }

  @Test
  void onlyTheTwoWayMarginsTheSpotlightsNeedAreCounted() {
    Set<String> twoWay =
        SpotlightAnalysis.margins().stream()
            .filter(m -> m.second() != null)
            .map(Margin::name)
            .collect(Collectors.toSet());
    assertEquals(
        Set.of(
            "panel_age_band_0_to_17 x child_mental_health",
            "sex x child_mental_health",
            "ethnicity_major x child_mental_health",
            "likely_cause x child_mental_health",
            "child_mental_health x likely_cause",
            "parent_mental_health x panel_age_band_0_to_17",
            "panel_age_band_0_to_17 x extrafamilial_harm",
            "sex x extrafamilial_harm",
            "extrafamilial_harm_type x extrafamilial_harm"),
        twoWay);
  }

  @Test
  void aYearWithNoRecordsGivesNullRowsWithTheReason() {
    List<SpotlightRow> rows = SpotlightAnalysis.rows(TABLE, AssociationValues.WITH_EMPTY_YEAR);
    List<SpotlightRow> missing = rows.stream().filter(r -> r.period().firstYear() == 2022).toList();
    assertEquals(2 * 2 * 52, missing.size());
    for (SpotlightRow r : missing) {
      assertEquals("no_records", r.nullReason(), r.toString());
      assertNull(r.groupCount(), r.toString());
      assertNull(r.count(), r.toString());
      assertNull(r.denominator(), r.toString());
      assertNull(r.share().value(), r.toString());
      assertNull(r.designEffect(), r.toString());
      assertFalse(r.lowReliability(), r.toString());
    }
    List<SpotlightRow> before = SpotlightAnalysis.rows(TABLE, AssociationValues.RUN);
    assertEquals(
        before.stream().filter(r -> !r.period().periodType().equals("pooled")).toList(),
        rows.stream()
            .filter(
                r -> r.period().firstYear() >= 2023 && !r.period().periodType().equals("pooled"))
            .toList());
  }
}
