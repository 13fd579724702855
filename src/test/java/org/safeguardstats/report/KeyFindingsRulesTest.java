package org.safeguardstats.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.safeguardstats.analysis.RunContext;
import org.safeguardstats.analysis.YearOnYearAnalysis;
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
}
