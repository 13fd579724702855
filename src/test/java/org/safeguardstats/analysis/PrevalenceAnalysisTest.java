package org.safeguardstats.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.safeguardstats.analysis.PrevalenceFixture.close;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.safeguardstats.tables.PrevalenceRow;

/**
 * Prevalence on {@link PrevalenceFixture}'s count table (no Spark). Expected values from {@code
 * src/test/resources/stats/prevalence_values.py} (rerun: {@code python3
 * src/test/resources/stats/prevalence_values.py} from the repository root): design effects from the
 * incident list's residuals, Wilson on effective counts, the trend test as R's prop.trend.test
 * (numpy's weighted least squares) with Rao and Scott's δ.
 */
class PrevalenceAnalysisTest {
  static final List<PrevalenceRow> ROWS =
      PrevalenceAnalysis.rows(PrevalenceFixture.table(), PrevalenceFixture.RUN);

  static PrevalenceRow row(
      String measure, String category, String sub, String period, double level) {
    return ROWS.stream()
        .filter(
            r ->
                r.measure().equals(measure)
                    && r.category().equals(category)
                    && r.subgroupCategory().equals(sub)
                    && r.period().period().equals(period)
                    && r.confidenceLevel() == level)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void theMeasuresComeFromTheirCodeList() {
    List<PrevalenceAnalysis.Measure> measures = PrevalenceAnalysis.measures();
    assertEquals(14, measures.size());
    assertEquals("known_to_social_care", measures.get(0).id());
    assertEquals(
        List.of("child_in_need", "child_protection_plan", "looked_after", "none"),
        measures.get(1).categories());
    assertEquals("school_phase", measures.get(2).subgroup().name());
    assertTrue(measures.get(3).trend());
  }

  @Test
  void knownToSocialCareIsCurrentOrPreviousContact() {
    PrevalenceRow r = row("known_to_social_care", "yes", "all", "2023-24", 0.95);
    assertEquals("Known to children's social care before the incident", r.label());
    assertEquals("all", r.subgroupCharacteristic());
    assertEquals(16L, r.count());
    assertEquals(19L, r.recordedTotal());
    assertEquals(5L, r.notRecorded());
    close(2.9210526315789473, r.designEffect(), "D");
    close(0.8421052631578947, r.share().value(), "share");
    close(0.459142824257156, r.share().lower(), "lower");
    close(0.9710201591753227, r.share().upper(), "upper");
    assertEquals("wilson_design_effect", r.share().method());
    assertEquals("not_applicable", r.trend().nullReason());
    PrevalenceRow pooled = row("known_to_social_care", "yes", "all", "2021-22 to 2023-24", 0.998);
    close(0.4452415464028794, pooled.share().lower(), "lower 99.8%");
    close(0.9326333134008787, pooled.share().upper(), "upper 99.8%");
  }

  @Test
  void ehcPlanAmongSecondarySchoolAgeChildren() {
    PrevalenceRow r = row("ehc_plan_or_assessment", "yes", "secondary", "2021-22 to 2023-24", 0.95);
    assertEquals("school_phase", r.subgroupCharacteristic());
    assertEquals(2L, r.count());
    assertEquals(9L, r.recordedTotal());
    close(1.126984126984127, r.designEffect(), "D");
    close(0.05891373891310936, r.share().lower(), "lower");
    close(0.565971751251107, r.share().upper(), "upper");
    assertTrue(r.lowReliability());
  }

  @Test
  void mentalHealthByAgeBandWithATestForTrend() {
    PrevalenceRow all = row("child_mental_health", "yes", "all", "2021-22 to 2023-24", 0.95);
    assertEquals(13L, all.count());
    assertEquals(50L, all.recordedTotal());
    assertEquals("panel_age_band_0_to_17", all.trend().across());
    close(6.83509607987786, all.trend().statistic(), "X²");
    close(0.16739319965126412, all.trend().slope(), "slope");
    close(1.0165623020804901, all.trend().designEffect(), "δ");
    close(0.009513815427173597, all.trend().pValue(), "p");
    assertEquals(1, all.trend().degreesOfFreedom());
    assertEquals("chi_square_trend_design_effect", all.trend().method());
    // The only trend test of the period: a family of one.
    assertEquals("prevalence_trend 2021-22 to 2023-24", all.trend().family());
    assertEquals(1, all.trend().familySize());
    close(0.009513815427173597, all.trend().qValue(), "q");
    PrevalenceRow older = row("child_mental_health", "yes", "11_to_15", "2021-22 to 2023-24", 0.95);
    assertEquals("panel_age_band_0_to_17", older.subgroupCharacteristic());
    assertEquals(8L, older.count());
    assertEquals(10L, older.recordedTotal());
    close(0.4901624715366417, older.share().lower(), "lower");
    assertEquals("not_applicable", older.trend().nullReason());
    // Every child in the band has it: upper limit exactly 1.
    assertEquals(
        1.0, row("child_mental_health", "yes", "11_to_15", "2023-24", 0.95).share().upper());
    close(
        0.2415647995148881,
        row("child_mental_health", "yes", "all", "2023-24", 0.998).trend().pValue(),
        "p 2024");
  }

  @Test
  void extrafamilialHarmBySex() {
    PrevalenceRow boys = row("extrafamilial_harm", "yes", "male", "2023-24", 0.95);
    assertEquals("sex", boys.subgroupCharacteristic());
    assertEquals(1L, boys.count());
    assertEquals(7L, boys.recordedTotal());
    close(1.0476190476190477, boys.designEffect(), "D");
    close(0.02484250823778375, boys.share().lower(), "lower");
    close(0.5216174707604084, boys.share().upper(), "upper");
    PrevalenceRow girls = row("extrafamilial_harm", "yes", "female", "2023-24", 0.95);
    assertEquals(0.0, girls.share().value());
    assertEquals(0.0, girls.share().lower());
    close(0.2588329669680317, girls.share().upper(), "upper");
    // Types among those with a type recorded: each type a row, by sex.
    assertEquals(
        5 * 3 * 2 * 6,
        ROWS.stream().filter(r -> r.measure().equals("extrafamilial_harm_type")).count());
  }

  @Test
  void noRecordedChildrenIsNoDenominatorAndNoRecordsIsMissing() {
    // No fixture child has parental mental health recorded.
    PrevalenceRow none = row("parent_mental_health", "yes", "all", "2023-24", 0.95);
    assertEquals(0L, none.recordedTotal());
    assertEquals(24L, none.notRecorded());
    assertNull(none.share().value());
    assertEquals("no_denominator", none.nullReason());
    // 2020-21 has no records: counts and share null with the reason, never zeros.
    PrevalenceRow empty = row("child_mental_health", "yes", "all", "2020-21", 0.95);
    assertNull(empty.count());
    assertNull(empty.recordedTotal());
    assertNull(empty.share().value());
    assertEquals("no_records", empty.nullReason());
    assertEquals("no_records", empty.trend().nullReason());
    assertEquals(
        "no_records",
        row("child_mental_health", "yes", "all", "2020-21 to 2023-24", 0.95).trend().nullReason());
  }
}
