package org.safeguardstats.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.safeguardstats.analysis.DemographicsAnalysis;
import org.safeguardstats.analysis.RunContext;
import org.safeguardstats.analysis.YearOnYearAnalysis;
import org.safeguardstats.counts.Breakdown;
import org.safeguardstats.counts.CountTable;
import org.safeguardstats.counts.Margin;
import org.safeguardstats.counts.PopulationBaseline;
import org.safeguardstats.job.SafeguardStatsJob;
import org.safeguardstats.tables.KeyFindingRow;

/**
 * Key findings on constructed counts (no Spark): a fall beyond chance is claimed with the type that
 * drove it; a fall within chance is not; a table the run does not write gives a finding that says
 * so. The intervals behind the wording come from the year-on-year table (exact conditional method,
 * checked against independent values elsewhere); here only the wording is asserted.
 */
class KeyFindingsRulesTest {
  static final RunContext RUN = new RunContext("test", true, 2023, 2024, List.of(0.95));

  /** Incidents of one child each, by year and type. */
  static Map<String, List<? extends Record>> yearOnYear(long[] before, long[] now) {
    String[] types = {"death", "serious_harm", "other"};
    CountTable.Builder b = CountTable.builder(SafeguardStatsJob.margins());
    for (int i = 0; i < types.length; i++) {
      b.add(
          Margin.TOTAL,
          2023,
          types[i],
          "",
          "",
          new CountTable.Cell(before[i], before[i], before[i], 0));
      b.add(Margin.TOTAL, 2024, types[i], "", "", new CountTable.Cell(now[i], now[i], now[i], 0));
    }
    return Map.of(
        "year_on_year", YearOnYearAnalysis.rows(b.build(), new PopulationBaseline(List.of()), RUN));
  }

  static KeyFindingRow finding(Map<String, List<? extends Record>> tables, String id) {
    return KeyFindings.rows(tables, RUN).stream()
        .filter(r -> r.findingId().equals(id))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aFallBeyondChanceIsClaimedWithTheTypeThatDroveIt() {
    // 404 -> 330 (the Panel's 2022-23 and 2023-24 rapid reviews): -18%, exact 95% CI about -29% to
    // -5%; serious harm 230 -> 158 carries most of the fall.
    KeyFindingRow r =
        finding(yearOnYear(new long[] {160, 230, 14}, new long[] {162, 158, 10}), "notifications");
    assertTrue(r.claimed(), r.sentence());
    assertTrue(
        r.sentence().startsWith("In 2023-24, notifications fell by 18% (from 404 to 330;"),
        r.sentence());
    assertTrue(
        r.sentence().contains("mainly fewer serious harm notifications (from 230 to 158;"),
        r.sentence());
  }

  @Test
  void aFallWithinChanceIsNotClaimed() {
    KeyFindingRow r =
        finding(yearOnYear(new long[] {50, 50, 4}, new long[] {48, 46, 4}), "notifications");
    assertFalse(r.claimed(), r.sentence());
    assertTrue(
        r.sentence()
            .startsWith(
                "In 2023-24, notifications fell by 6%, within the range expected by chance (from 104 to 98;"),
        r.sentence());
    assertFalse(r.sentence().contains("mainly"), "no driver of a fall that is not claimed");
  }

  @Test
  void aFindingWhoseTableIsNotWrittenSaysSo() {
    KeyFindingRow r =
        finding(yearOnYear(new long[] {50, 50, 4}, new long[] {48, 46, 4}), "ethnicity");
    assertEquals("no_table", r.nullReason());
    assertFalse(r.claimed());
    assertEquals("Ethnicity: no figures for 2023-24 (no_table)", r.sentence());
    assertEquals("[]", r.supporting());
  }

  /**
   * Children of one child per incident, all deaths, in both years: the same counts each year for
   * one margin's categories (and its recorded cell), with the total margin to match.
   */
  static Map<String, List<? extends Record>> demographics(
      Margin margin, String[] categories, long[] children) {
    CountTable.Builder b = CountTable.builder(SafeguardStatsJob.margins());
    long all = java.util.Arrays.stream(children).sum();
    for (int year : new int[] {2023, 2024}) {
      b.add(Margin.TOTAL, year, "death", "", "", new CountTable.Cell(all, all, all, 0));
      for (int i = 0; i < categories.length; i++) {
        long n = children[i];
        // One child per incident: m = 1, and n (the incident's recorded children) = 1.
        b.add(margin, year, "death", categories[i], "", new CountTable.Cell(n, n, n, n));
      }
      b.add(
          margin, year, "death", CountTable.RECORDED, "", new CountTable.Cell(all, all, all, all));
    }
    return Map.of("demographics", DemographicsAnalysis.rows(b.build(), RUN));
  }

  @Test
  void anEvenSplitIsSaidOnlyWhenTheGirlsShareAllowsIt() {
    // 240 girls of 500 (48%): Wilson 95% about 43.7% to 52.4%, which includes 50%.
    KeyFindingRow even =
        finding(
            demographics(
                Breakdown.SEX_MARGIN, new String[] {"male", "female"}, new long[] {260, 240}),
            "sex_and_harm");
    assertTrue(
        even.sentence()
            .startsWith(
                "In 2023-24 there was a fairly even split between girls and boys (girls 48%"),
        even.sentence());
    // 150 of 500 (30%): about 26% to 34%, far from 50%.
    KeyFindingRow uneven =
        finding(
            demographics(
                Breakdown.SEX_MARGIN, new String[] {"male", "female"}, new long[] {350, 150}),
            "sex_and_harm");
    assertTrue(
        uneven.sentence().startsWith("In 2023-24 there were more boys than girls (girls 30%"),
        uneven.sentence());
    assertFalse(uneven.sentence().contains("even split"), uneven.sentence());
  }

  static final String[] BANDS = {"under_1", "1_to_5", "6_to_10", "11_to_15", "16_to_17"};

  @Test
  void theLargestAgeGroupOnlyWhenSeparatedFromTheSecond() {
    // 200 of 400 under 1 (50%) against 50 (12.5%) each: separated beyond any doubt.
    KeyFindingRow clear =
        finding(
            demographics(Breakdown.AGE_BAND_MARGIN, BANDS, new long[] {200, 50, 50, 50, 50}),
            "age_groups");
    assertTrue(
        clear.sentence().startsWith("In 2023-24, under 1 (50%) was the largest age group"),
        clear.sentence());
    // 105 against 100 of 500 (21% and 20%): the difference is well within chance.
    KeyFindingRow close =
        finding(
            demographics(Breakdown.AGE_BAND_MARGIN, BANDS, new long[] {105, 100, 95, 100, 100}),
            "age_groups");
    assertFalse(close.claimed(), close.sentence());
    assertTrue(
        close.sentence().contains("were the largest age groups, close together"), close.sentence());
    assertFalse(close.sentence().contains("was the largest"), close.sentence());
  }
}
