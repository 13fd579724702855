package org.safeguardstats.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.safeguardstats.analysis.PrevalenceFixture.close;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.safeguardstats.counts.Characteristic;
import org.safeguardstats.counts.CountTable;
import org.safeguardstats.tables.CompletenessRow;

/**
 * Completeness on {@link PrevalenceFixture}'s count table (no Spark). Expected values from {@code
 * src/test/resources/stats/prevalence_values.py} (rerun: {@code python3
 * src/test/resources/stats/prevalence_values.py} from the repository root), which takes each design
 * effect from the incident list's residuals Σ (z − p t)², not from the cells, so the rows check the
 * design-effect identity of {@link CountTable#notRecordedDesignEffect} too.
 */
class CompletenessAnalysisTest {
  static final List<CompletenessRow> ROWS =
      CompletenessAnalysis.rows(PrevalenceFixture.table(), PrevalenceFixture.RUN);

  static CompletenessRow row(String characteristic, String period, double level) {
    return ROWS.stream()
        .filter(
            r ->
                r.characteristic().equals(characteristic)
                    && r.period().period().equals(period)
                    && r.confidenceLevel() == level)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void reportsEveryDeclaredColumnThatCanBeNotRecordedAndAgeOnce() {
    assertEquals(
        List.of(
            "likely_cause",
            "sex",
            "care_leaver",
            "ethnicity",
            "disability",
            "sexuality_recorded",
            "social_care_contact",
            "social_care_status",
            "ehc_plan",
            "child_mental_health",
            "parent_mental_health",
            "parent_substance_misuse",
            "parent_disability",
            "abuse_neglect",
            "abuse_domestic",
            "abuse_physical",
            "abuse_sexual",
            "abuse_emotional",
            "extrafamilial_harm",
            "practice_themes",
            "lcspr_commissioned",
            "panel_age_band"),
        CompletenessAnalysis.characteristics().stream().map(Characteristic::name).toList());
    // 6 periods × 22 characteristics × 2 levels.
    assertEquals(6 * 22 * 2, ROWS.size());
  }

  @Test
  void aYearsShareNotRecordedWithItsDesignEffectAndChange() {
    CompletenessRow r = row("disability", "2022-23", 0.95);
    assertEquals(20L, r.total());
    assertEquals(10L, r.recorded());
    assertEquals(10L, r.notRecorded());
    assertEquals("{\"not_recorded\":10}", r.notRecordedCategories());
    close(0.5, r.notRecordedShare().value(), "share");
    close(0.2414626207672215, r.notRecordedShare().lower(), "lower");
    close(0.7585373792327785, r.notRecordedShare().upper(), "upper");
    assertEquals("wilson_design_effect", r.notRecordedShare().method());
    close(1.9, r.designEffect(), "design effect");
    assertEquals("2021-22", r.previousPeriod());
    close(30.0, r.changePp(), "change");
    close(-11.915601944751163, r.changeLowerPp(), "change lower");
    close(59.76394787343935, r.changeUpperPp(), "change upper");
    assertEquals("newcombe_wilson_design_effect", r.changeMethod());
    assertNull(r.changeNullReason());
    assertEquals("not_applicable", r.trend().nullReason());
    assertFalse(r.lowReliability());
    assertNull(r.nullReason());

    CompletenessRow later = row("disability", "2023-24", 0.998);
    close(2.458333333333333, later.designEffect(), "design effect 2024");
    close(0.0741672305637574, later.notRecordedShare().lower(), "lower 99.8%");
    close(0.7573263707761397, later.notRecordedShare().upper(), "upper 99.8%");
    close(-16.666666666666668, later.changePp(), "change 2024");
    close(-59.804267321088986, later.changeLowerPp(), "change lower 99.8%");
    close(37.985715348872986, later.changeUpperPp(), "change upper 99.8%");
  }

  @Test
  void declaredNotRecordedValuesCount() {
    // sexuality_recorded = no is not recorded (x-not-recorded), as is an empty cell.
    CompletenessRow s = row("sexuality_recorded", "2021-22", 0.95);
    assertEquals(14L, s.notRecorded());
    assertEquals(6L, s.recorded());
    close(0.48102718164647656, s.notRecordedShare().lower(), "sexuality lower");
    // Ethnicity's not-recorded codes, each with its count (every fixture child is NOBT).
    CompletenessRow e = row("ethnicity", "2021-22", 0.95);
    assertEquals("{\"REFU\":0,\"NOBT\":20}", e.notRecordedCategories());
    assertEquals(1.0, e.notRecordedShare().value());
  }

  @Test
  void pooledRowsTestForTrendAcrossTheYears() {
    CompletenessRow d = row("disability", "2021-22 to 2023-24", 0.95);
    assertEquals(64L, d.total());
    assertEquals(22L, d.notRecorded());
    assertEquals("reporting years", d.trend().across());
    close(0.698181818181825, d.trend().statistic(), "X²");
    close(0.060000000000005466, d.trend().slope(), "slope");
    close(2.3627232142857144, d.trend().designEffect(), "δ");
    close(0.5867181423630827, d.trend().pValue(), "p");
    assertEquals("chi_square_trend_design_effect", d.trend().method());
    assertEquals("completeness_trend 2021-22 to 2023-24", d.trend().family());
    // scipy's false_discovery_control over the 8 characteristics with a p-value (the others are
    // never or always recorded in the fixture: degenerate).
    assertEquals(8, d.trend().familySize());
    close(0.7180076476498728, d.trend().qValue(), "q");
    close(
        0.5338850250159265,
        row("child_mental_health", "2021-22 to 2023-24", 0.95).trend().qValue(),
        "q");
    assertEquals(
        "degenerate_table", row("abuse_sexual", "2021-22 to 2023-24", 0.95).trend().nullReason());
    assertEquals("not_applicable", d.changeNullReason());
    close(
        0.6757164404219522,
        row("extrafamilial_harm", "2021-22 to 2023-24", 0.998).trend().statistic(),
        "X²");
  }

  @Test
  void aYearWithNoRecordsIsNullNotZero() {
    CompletenessRow empty = row("disability", "2020-21", 0.95);
    assertNull(empty.total());
    assertNull(empty.notRecorded());
    assertNull(empty.notRecordedShare().value());
    assertEquals("no_records", empty.nullReason());
    assertEquals("no_records", empty.changeNullReason());
    assertEquals(
        "no_previous_year",
        CompletenessAnalysis.rows(
                PrevalenceFixture.table(), new RunContext("test", true, 2022, 2024, List.of(0.95)))
            .get(0)
            .changeNullReason());
    // The year after it has no change; the span that includes it has no counts and no trend.
    assertEquals("no_records", row("disability", "2021-22", 0.95).changeNullReason());
    assertNull(row("disability", "2021-22", 0.95).changePp());
    CompletenessRow span = row("disability", "2020-21 to 2023-24", 0.95);
    assertEquals("no_records", span.nullReason());
    assertEquals("no_records", span.trend().nullReason());
    assertNull(span.trend().pValue());
  }

  @Test
  void aYearDeclaredCompleteWithNoChildrenHasNoDenominator() {
    List<CompletenessRow> rows =
        CompletenessAnalysis.rows(PrevalenceFixture.table(Set.of(2021)), PrevalenceFixture.RUN);
    CompletenessRow r =
        rows.stream()
            .filter(
                x ->
                    x.characteristic().equals("disability")
                        && x.period().period().equals("2020-21"))
            .findFirst()
            .orElseThrow();
    assertEquals(0L, r.total());
    assertNull(r.notRecordedShare().value());
    assertEquals("no_denominator", r.nullReason());
    CompletenessRow next =
        rows.stream()
            .filter(
                x ->
                    x.characteristic().equals("disability")
                        && x.period().period().equals("2021-22")
                        && x.confidenceLevel() == 0.95)
            .findFirst()
            .orElseThrow();
    assertEquals("no_denominator", next.changeNullReason());
  }

  @Test
  void theIdentityNeedsEveryChildRecordedOrNot() {
    // y = 2 recorded, z = 1 not recorded, but 4 children in all: a child is in neither.
    CountTable.Cell recorded = new CountTable.Cell(2, 1, 4, 4);
    CountTable.Cell missing = new CountTable.Cell(1, 0, 1, 2);
    assertThrows(
        IllegalStateException.class,
        () ->
            CountTable.notRecordedDesignEffect(
                recorded, List.of(missing), new CountTable.Cell(4, 2, 10, 0)));
    // By hand. One incident A of three children, two recorded: Σy² = 4, Σzy = 2, Σt² = 9, so Σz²
    // = 9 − 4 − 4 = 1 and Σzt = 3; one incident's share has no variance over incidents: D = 1.
    assertEquals(
        1.0,
        CountTable.notRecordedDesignEffect(
            recorded, List.of(missing), new CountTable.Cell(3, 1, 9, 0)));
    // With B (one child, not recorded) and C (two, not recorded): z = 1, 1, 2 of t = 3, 1, 2, so
    // the not-recorded cell has Σz² = 6 and Σzy = 2, the total Σt² = 14; p = 2/3, residuals z − pt
    // = −1, 1/3, 2/3, Σr² = 14/9, V = (14/9)/36 against the binomial (2/9)/6: D = 7/6.
    assertEquals(
        7.0 / 6,
        CountTable.notRecordedDesignEffect(
            recorded,
            List.of(new CountTable.Cell(4, 2, 1 + 1 + 4, 2)),
            new CountTable.Cell(6, 3, 9 + 1 + 4, 0)),
        1e-12);
  }
}
