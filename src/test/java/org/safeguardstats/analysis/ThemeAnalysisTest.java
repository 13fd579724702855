package org.safeguardstats.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.safeguardstats.analysis.DemographicsAnalysisTest.close;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.safeguardstats.counts.CountTable;
import org.safeguardstats.counts.NotificationDates;
import org.safeguardstats.counts.ReviewCounts;
import org.safeguardstats.tables.ThemeRow;

/**
 * Practice themes of rapid and local reviews, on hand-made counts (no Spark): the rapid reviews of
 * {@code src/test/resources/stats/demographics_values.py} (its RAPID list, one per incident, as
 * practice_themes cells of {@code demographics-cells.csv}) and its local reviews (LOCAL, counted by
 * hand below). Expected shares, limits (scipy's Wilson interval) and ranks are in {@code
 * themes-values.csv}, from the review lists directly. Rerun: {@code python3
 * src/test/resources/stats/demographics_values.py}.
 */
class ThemeAnalysisTest {
  static final RunContext RUN = DemographicsAnalysisTest.RUN;

  /**
   * LOCAL by hand: 2022-23 hp, r, -, hpv, pe (5 reviews, 4 with themes); 2023-24 h, hr, p, -, -,
   * ri, hv (7, 5). h coordination_handover, p professional_curiosity, r risk_assessment, v
   * child_voice, e escalation, i information_sharing.
   */
  static ReviewCounts.Builder local() {
    ReviewCounts.Builder b =
        ReviewCounts.builder()
            .reviews(year(2023), 5)
            .recorded(2023, 4)
            .reviews(year(2024), 7)
            .recorded(2024, 5);
    Map.of("coordination_handover", 2L, "professional_curiosity", 3L, "risk_assessment", 1L)
        .forEach((t, n) -> b.theme(2023, t, n));
    Map.of("child_voice", 1L, "escalation", 1L).forEach((t, n) -> b.theme(2023, t, n));
    Map.of("coordination_handover", 3L, "risk_assessment", 2L, "professional_curiosity", 1L)
        .forEach((t, n) -> b.theme(2024, t, n));
    Map.of("information_sharing", 1L, "child_voice", 1L).forEach((t, n) -> b.theme(2024, t, n));
    return b;
  }

  /** A whole reporting year of review dates (not partial). */
  static NotificationDates year(int y) {
    return new NotificationDates(y, LocalDate.of(y - 1, 4, 3), LocalDate.of(y, 3, 28));
  }

  static ThemeRow row(List<ThemeRow> rows, int first, int last, String type, String theme) {
    return rows.stream()
        .filter(
            r ->
                r.period().firstYear() == first
                    && r.period().lastYear() == last
                    && r.reviewType().equals(type)
                    && r.theme().equals(theme)
                    && r.confidenceLevel() == 0.95)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void sharesAndRanksAgreeWithTheScript() {
    List<ThemeRow> rows =
        ThemeAnalysis.rows(DemographicsAnalysisTest.table(), local().build(), RUN);
    List<Map<String, String>> expected = DemographicsAnalysisTest.csv("/stats/themes-values.csv");
    assertEquals(expected.size(), rows.size());
    for (Map<String, String> e : expected) {
      ThemeRow r =
          rows.stream()
              .filter(
                  x ->
                      x.period().firstYear() == Integer.parseInt(e.get("first_year"))
                          && x.period().lastYear() == Integer.parseInt(e.get("last_year"))
                          && x.reviewType().equals(e.get("review_type"))
                          && x.theme().equals(e.get("theme"))
                          && x.confidenceLevel() == Double.parseDouble(e.get("level")))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no row for " + e));
      String at = e.get("first_year") + "-" + e.get("last_year") + " " + e.get("review_type");
      at += " " + e.get("theme") + " " + e.get("level") + " ";
      close(at + "count", e.get("count"), r.count());
      close(at + "recorded", e.get("recorded"), r.recordedTotal());
      close(at + "total", e.get("total"), r.total());
      close(at + "share", e.get("share"), r.share().value());
      close(at + "lower", e.get("share_lower"), r.share().lower());
      close(at + "upper", e.get("share_upper"), r.share().upper());
      close(at + "rank", e.get("rank"), r.rank());
      assertEquals(e.get("share") == null ? null : "wilson", r.share().method(), at);
    }
  }

  @Test
  void theCommonestThemesAndTheNumberOfLocalReviews() {
    List<ThemeRow> rows =
        ThemeAnalysis.rows(DemographicsAnalysisTest.table(), local().build(), RUN);
    // 2023-24 rapid reviews: professional curiosity in 10 of the 14 with themes, of 16.
    ThemeRow curiosity = row(rows, 2024, 2024, "rapid_review", "professional_curiosity");
    assertEquals(1, curiosity.rank());
    assertEquals(10L, curiosity.count());
    assertEquals(14L, curiosity.recordedTotal());
    assertEquals(16L, curiosity.total());
    ThemeRow none = row(rows, 2024, 2024, "rapid_review", "not_recorded");
    assertEquals(2L, none.count());
    assertNull(none.share().value());
    assertNull(none.rank());
    assertEquals("not_recorded_category", none.nullReason());
    // Local reviews: 12 over both years, on every row.
    ThemeRow handover = row(rows, 2023, 2024, "local_review", "coordination_handover");
    assertEquals(12L, handover.total());
    assertEquals(5L, handover.count());
    assertEquals(1, handover.rank());
    assertFalse(handover.partialYear());
  }

  @Test
  void withoutAReviewsInputTheLocalRowsSaySo() {
    List<ThemeRow> rows = ThemeAnalysis.rows(DemographicsAnalysisTest.table(), null, RUN);
    List<ThemeRow> local =
        rows.stream().filter(r -> r.reviewType().equals("local_review")).toList();
    // 2 levels × 3 periods × (7 themes + not recorded)
    assertEquals(48, local.size());
    for (ThemeRow r : local) {
      assertNull(r.count());
      assertNull(r.total());
      assertNull(r.share().value());
      assertEquals("no_reviews_input", r.nullReason());
      assertFalse(r.lowReliability());
    }
    assertEquals(10L, row(rows, 2024, 2024, "rapid_review", "professional_curiosity").count());
  }

  @Test
  void yearsWithNoRecordsOrPartialAreSaid() {
    // No local review in 2022-23; 2023-24's reviews end in December.
    ReviewCounts reviews =
        ReviewCounts.builder()
            .reviews(
                new NotificationDates(2024, LocalDate.of(2023, 4, 5), LocalDate.of(2023, 12, 1)), 3)
            .recorded(2024, 3)
            .theme(2024, "child_voice", 3)
            .build();
    RunContext run = new RunContext("test", true, 2022, 2024, List.of(0.95));
    List<ThemeRow> rows = ThemeAnalysis.rows(DemographicsAnalysisTest.table(), reviews, run);
    assertEquals("no_records", row(rows, 2023, 2023, "local_review", "child_voice").nullReason());
    assertNull(row(rows, 2023, 2023, "local_review", "child_voice").count());
    assertEquals("no_records", row(rows, 2022, 2024, "local_review", "child_voice").nullReason());
    // No incident in 2021-22: the rapid reviews of it and of the pooled span are missing too.
    assertEquals("no_records", row(rows, 2022, 2022, "rapid_review", "child_voice").nullReason());
    assertEquals("no_records", row(rows, 2022, 2024, "rapid_review", "child_voice").nullReason());
    ThemeRow voice = row(rows, 2024, 2024, "local_review", "child_voice");
    assertEquals(3L, voice.count());
    assertEquals(1.0, voice.share().value());
    assertTrue(voice.partialYear());
    assertTrue(voice.lowReliability());
    assertEquals(0L, row(rows, 2024, 2024, "local_review", "escalation").count());
    assertEquals(2, row(rows, 2024, 2024, "local_review", "escalation").rank());
    // Declared complete, a year with no reviews counts zero.
    ReviewCounts complete =
        ReviewCounts.builder()
            .reviews(year(2024), 3)
            .recorded(2024, 3)
            .completeYears(java.util.Set.of(2022, 2023))
            .build();
    ThemeRow zero =
        row(
            ThemeAnalysis.rows(DemographicsAnalysisTest.table(), complete, run),
            2023,
            2023,
            "local_review",
            "child_voice");
    assertEquals(0L, zero.count());
    assertEquals("no_denominator", zero.nullReason());
    assertEquals(
        CountTable.NO_RECORDS, ReviewCounts.builder().build().missing(RUN.periods().get(0)));
  }
}
