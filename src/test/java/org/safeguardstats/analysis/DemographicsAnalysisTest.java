package org.safeguardstats.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.safeguardstats.counts.Breakdown;
import org.safeguardstats.counts.CountTable;
import org.safeguardstats.counts.Margin;
import org.safeguardstats.counts.NotificationDates;
import org.safeguardstats.tables.DemographicsRow;
import org.safeguardstats.testing.Fixtures;

/**
 * The demographics table on a hand-made count table (no Spark): 17 incidents in 2022-23 and 16 in
 * 2023-24, listed child by child in {@code src/test/resources/stats/demographics_values.py}, which
 * writes their cells ({@code demographics-cells.csv}, this test's input) and the expected rows
 * ({@code demographics-values.csv}) from the incident list directly (design effects as Σ (y − p n)²
 * over incidents, ranks by scipy's rankdata, Newcombe from the Wilson formula, the next-rank
 * difference's variance in its covariance form). Rerun: {@code python3
 * src/test/resources/stats/demographics_values.py}.
 */
class DemographicsAnalysisTest {
  static final RunContext RUN = new RunContext("test", true, 2023, 2024, List.of(0.95, 0.998));

  /** Every row of a CSV test resource as column → value (empty cells: null). */
  static List<Map<String, String>> csv(String resource) {
    List<String> lines = Fixtures.resourceLines(resource);
    String[] header = lines.get(0).split(",", -1);
    List<Map<String, String>> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < header.length; i++) {
        row.put(header[i], cells[i].isEmpty() ? null : cells[i]);
      }
      rows.add(row);
    }
    return rows;
  }

  /** The script's cells (all serious harm), optionally with notification dates. */
  static CountTable table(NotificationDates... dates) {
    Map<String, Margin> margins =
        Map.of(
            "total", Margin.TOTAL,
            "sex", Breakdown.SEX_MARGIN,
            "panel_age_band_0_to_17", Breakdown.AGE_BAND_MARGIN,
            "ethnicity_major", Breakdown.ETHNIC_GROUP,
            "practice_themes", ThemeAnalysis.PRACTICE_THEMES);
    CountTable.Builder t = CountTable.builder(List.copyOf(margins.values()));
    for (Map<String, String> c : csv("/stats/demographics-cells.csv")) {
      t.add(
          margins.get(c.get("margin")),
          Integer.parseInt(c.get("year")),
          "serious_harm",
          c.get("category") == null ? "" : c.get("category"),
          "",
          new CountTable.Cell(
              Long.parseLong(c.get("children")),
              Long.parseLong(c.get("incidents")),
              Long.parseLong(c.get("children_squared")),
              Long.parseLong(c.get("children_cross"))));
    }
    for (NotificationDates d : dates) {
      t.dates(d);
    }
    return t.build();
  }

  static DemographicsRow row(
      List<DemographicsRow> rows, int first, int last, String characteristic, String category) {
    return rows.stream()
        .filter(
            r ->
                r.period().firstYear() == first
                    && r.period().lastYear() == last
                    && r.characteristic().equals(characteristic)
                    && r.category().equals(category)
                    && r.confidenceLevel() == 0.95)
        .findFirst()
        .orElseThrow();
  }

  /** The expected CSV cell (empty: null) against a value, to 1e-10 relative. */
  static void close(String what, String expected, Number actual) {
    if (expected == null) {
      assertNull(actual, what);
      return;
    }
    double e = Double.parseDouble(expected);
    assertEquals(e, actual.doubleValue(), 1e-10 * Math.max(1, Math.abs(e)), what);
  }

  @Test
  void everyRowAgreesWithTheScript() {
    List<DemographicsRow> rows = DemographicsAnalysis.rows(table(), RUN);
    List<Map<String, String>> expected = csv("/stats/demographics-values.csv");
    assertEquals(expected.size(), rows.size(), "one row per period, category and level");
    for (Map<String, String> e : expected) {
      DemographicsRow r =
          rows.stream()
              .filter(
                  x ->
                      x.period().firstYear() == Integer.parseInt(e.get("first_year"))
                          && x.period().lastYear() == Integer.parseInt(e.get("last_year"))
                          && x.characteristic().equals(e.get("characteristic"))
                          && x.category().equals(e.get("category"))
                          && x.confidenceLevel() == Double.parseDouble(e.get("level")))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no row for " + e));
      String at = e.get("first_year") + "-" + e.get("last_year") + " " + e.get("category") + " ";
      close(at + "count", e.get("count"), r.count());
      close(at + "recorded", e.get("recorded"), r.recordedTotal());
      close(at + "share", e.get("share"), r.share().value());
      close(at + "lower", e.get("share_lower"), r.share().lower());
      close(at + "upper", e.get("share_upper"), r.share().upper());
      close(at + "D", e.get("design_effect"), r.designEffect());
      close(at + "rank", e.get("rank"), r.rank());
      close(at + "previous share", e.get("previous_share"), r.previousShare());
      close(at + "previous rank", e.get("previous_rank"), r.previousRank());
      close(at + "rank change", e.get("rank_change"), r.rankChange());
      close(at + "change", e.get("change_pp"), r.change().value());
      close(at + "change lower", e.get("change_lower_pp"), r.change().lowerPp());
      close(at + "change upper", e.get("change_upper_pp"), r.change().upperPp());
      assertEquals(e.get("next_category"), r.nextCategory(), at + "next");
      close(at + "next difference", e.get("next_difference_pp"), r.next().value());
      close(at + "next lower", e.get("next_lower_pp"), r.next().lowerPp());
      close(at + "next upper", e.get("next_upper_pp"), r.next().upperPp());
      close(at + "next D", e.get("next_design_effect"), r.nextDifferenceDesignEffect());
      if (e.get("true_next_design_effect") != null) {
        // The bound is never below the design effect with the siblings in both categories.
        assertTrue(
            r.nextDifferenceDesignEffect()
                >= Double.parseDouble(e.get("true_next_design_effect")) - 1e-12,
            at + "bound");
      }
      close(at + "next p", e.get("next_p_value"), r.nextDifferencePValue());
      close(at + "next family", e.get("next_family_size"), r.nextDifferenceFamilySize());
      close(at + "next q", e.get("next_q_value"), r.nextDifferenceQValue());
      assertEquals(
          e.get("separated") == null ? null : Boolean.valueOf(e.get("separated")),
          r.separatedFromNext(),
          at + "separated");
    }
  }

  @Test
  void sixteenToSeventeenYearOldsAreNowSecondRatherThanElevenToFifteen() {
    List<DemographicsRow> rows = DemographicsAnalysis.rows(table(), RUN);
    DemographicsRow older = row(rows, 2024, 2024, "age_band", "16_to_17");
    assertEquals(2, older.rank());
    assertEquals(3, older.previousRank());
    assertEquals(1, older.rankChange(), "moved up one place");
    assertEquals("2022-23", older.previousPeriod());
    DemographicsRow middle = row(rows, 2024, 2024, "age_band", "11_to_15");
    assertEquals(3, middle.rank());
    assertEquals(-1, middle.rankChange());
    DemographicsRow babies = row(rows, 2024, 2024, "age_band", "under_1");
    assertEquals(1, babies.rank());
    assertEquals(0, babies.rankChange());
    // Six of 17 against 5: not separated beyond chance, so "close", not "the largest".
    assertEquals("16_to_17", babies.nextCategory());
    assertEquals(Boolean.FALSE, babies.separatedFromNext());
    assertEquals("wilson_design_effect", babies.share().method());
    assertEquals("newcombe_wilson_design_effect", babies.change().method());
    assertEquals("wald_multinomial_design_effect", babies.next().method());
  }

  @Test
  void tiesShareTheBestRankAndAreNotSeparated() {
    List<DemographicsRow> rows = DemographicsAnalysis.rows(table(), RUN);
    // 2022-23: 1 to 5 and 6 to 10 both have 2 children, below 8, 6 and 3.
    DemographicsRow first = row(rows, 2023, 2023, "age_band", "1_to_5");
    DemographicsRow second = row(rows, 2023, 2023, "age_band", "6_to_10");
    assertEquals(4, first.rank());
    assertEquals(4, second.rank());
    assertEquals("6_to_10", first.nextCategory(), "of two tied, the first's next is the second");
    assertEquals(0.0, first.next().value());
    assertFalse(first.separatedFromNext());
    assertNull(second.nextCategory(), "ranked last");
    assertEquals("no_next_rank", second.next().nullReason());
    assertNull(second.separatedFromNext());
    // Mixed and Asian tie at 3 children: both third, and the next rank down is fifth.
    assertEquals(3, row(rows, 2023, 2023, "ethnicity", "mixed").rank());
    assertEquals(3, row(rows, 2023, 2023, "ethnicity", "asian").rank());
    assertEquals(5, row(rows, 2023, 2023, "ethnicity", "other").rank());
    // White 11 of 19 against Mixed 3: the interval alone separates them, but not after the
    // family's adjustment (q = 0.18 among the year's four adjacent differences, the script).
    DemographicsRow white = row(rows, 2024, 2024, "ethnicity", "white");
    assertTrue(white.next().lowerPp() > 0);
    assertFalse(white.separatedFromNext());
  }

  @Test
  void countOnlyRowsAndChangesThatDoNotApply() {
    List<DemographicsRow> rows = DemographicsAnalysis.rows(table(), RUN);
    DemographicsRow leavers = row(rows, 2024, 2024, "age_band", "18_to_25");
    assertEquals(1L, leavers.count());
    assertEquals(17L, leavers.recordedTotal());
    assertNull(leavers.share().value());
    assertNull(leavers.rank());
    assertEquals("outside_population_baseline", leavers.nullReason());
    assertEquals(
        "not_recorded_category", row(rows, 2024, 2024, "sex", "not_recorded").nullReason());
    assertEquals(
        "not_recorded_category", row(rows, 2024, 2024, "ethnicity", "unknown").nullReason());
    assertEquals(0L, row(rows, 2024, 2024, "ethnicity", "unknown").count());
    DemographicsRow firstYear = row(rows, 2023, 2023, "sex", "female");
    assertNull(firstYear.previousPeriod());
    assertEquals("no_previous_year", firstYear.change().nullReason());
    DemographicsRow pooled = row(rows, 2023, 2024, "sex", "female");
    assertEquals("not_applicable", pooled.change().nullReason());
    assertEquals(19L, pooled.count());
    assertEquals(42L, pooled.total(), "all children, sex recorded or not");
    assertFalse(pooled.lowReliability());
    assertTrue(firstYear.lowReliability(), "9 girls");
  }

  @Test
  void aYearWithNoRecordsGivesNullRowsWithTheReason() {
    RunContext run = new RunContext("test", true, 2022, 2024, List.of(0.95));
    List<DemographicsRow> rows = DemographicsAnalysis.rows(table(), run);
    for (String band : Breakdown.AGE_BAND.margin().first().categories()) {
      DemographicsRow r = row(rows, 2022, 2022, "age_band", band);
      assertNull(r.count(), band);
      assertNull(r.share().value(), band);
      assertNull(r.rank(), band);
      assertEquals("no_records", r.nullReason(), band);
      assertEquals("no_records", r.change().nullReason(), band);
      assertEquals("no_records", r.next().nullReason(), band);
      assertFalse(r.lowReliability(), band);
      DemographicsRow pooled = row(rows, 2022, 2024, "age_band", band);
      assertNull(pooled.count(), band);
      assertEquals("no_records", pooled.nullReason(), band);
    }
    // 2022-23 has its figures, but nothing to compare with in 2021-22.
    DemographicsRow after = row(rows, 2023, 2023, "age_band", "under_1");
    assertEquals(8L, after.count());
    assertEquals("2021-22", after.previousPeriod());
    assertNull(after.previousCount());
    assertNull(after.previousRank());
    assertNull(after.rankChange());
    assertEquals("no_records", after.change().nullReason());
    assertNull(after.nullReason());
  }

  @Test
  void aPartialYearFlagsItsRowsAndTheYearAfter() {
    CountTable partial =
        table(new NotificationDates(2023, LocalDate.of(2022, 4, 2), LocalDate.of(2022, 12, 20)));
    List<DemographicsRow> rows = DemographicsAnalysis.rows(partial, RUN);
    assertTrue(row(rows, 2023, 2023, "sex", "male").partialYear());
    assertTrue(row(rows, 2024, 2024, "sex", "male").partialYear(), "compared with 2022-23");
    assertTrue(row(rows, 2023, 2024, "sex", "male").partialYear());
    assertFalse(
        row(DemographicsAnalysis.rows(table(), RUN), 2024, 2024, "sex", "male").partialYear());
  }
}
