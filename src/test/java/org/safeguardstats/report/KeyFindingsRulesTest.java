package org.safeguardstats.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.safeguardstats.analysis.AssociationAnalysis;
import org.safeguardstats.analysis.CauseDistributionAnalysis;
import org.safeguardstats.analysis.CompletenessAnalysis;
import org.safeguardstats.analysis.DemographicsAnalysis;
import org.safeguardstats.analysis.PrevalenceAnalysis;
import org.safeguardstats.analysis.RepresentationAnalysis;
import org.safeguardstats.analysis.RunContext;
import org.safeguardstats.analysis.ThemeAnalysis;
import org.safeguardstats.analysis.YearOnYearAnalysis;
import org.safeguardstats.counts.Breakdown;
import org.safeguardstats.counts.Characteristics;
import org.safeguardstats.counts.CountTable;
import org.safeguardstats.counts.Margin;
import org.safeguardstats.counts.NotificationDates;
import org.safeguardstats.counts.PopulationBaseline;
import org.safeguardstats.job.SafeguardStatsJob;
import org.safeguardstats.schema.DeclaredSchema;
import org.safeguardstats.tables.KeyFindingRow;

/**
 * Key findings on constructed counts (no Spark): a fall beyond chance is claimed with the type that
 * drove it; a fall within chance is not; a table the run does not write gives a finding that says
 * so. The intervals behind the wording come from the year-on-year table (exact conditional method,
 * checked against independent values elsewhere); here only the wording is asserted.
 */
class KeyFindingsRulesTest {
  static final RunContext RUN = new RunContext("test", true, 2023, 2024, List.of(0.95, 0.998));

  /** Incidents of one child each, by year and type. */
  static Map<String, List<? extends Record>> yearOnYear(long[] before, long[] now) {
    return yearOnYear(before, now, false);
  }

  /** As above; {@code partial}: 2023-24's records end in December (a partial year). */
  static Map<String, List<? extends Record>> yearOnYear(
      long[] before, long[] now, boolean partial) {
    String[] types = {"death", "serious_harm", "other"};
    CountTable.Builder b = CountTable.builder(SafeguardStatsJob.margins());
    if (partial) {
      b.dates(new NotificationDates(2023, LocalDate.of(2022, 4, 1), LocalDate.of(2023, 3, 31)));
      b.dates(new NotificationDates(2024, LocalDate.of(2023, 4, 1), LocalDate.of(2023, 12, 31)));
    }
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

  /** The finding at 95%. */
  static KeyFindingRow finding(Map<String, List<? extends Record>> tables, String id) {
    return finding(tables, id, 0.95);
  }

  static KeyFindingRow finding(
      Map<String, List<? extends Record>> tables, String id, double level) {
    return KeyFindings.rows(tables, RUN).stream()
        .filter(r -> r.findingId().equals(id) && r.confidenceLevel() == level)
        .findFirst()
        .orElseThrow();
  }

  /** The finding at both levels (95% and 99.8%), for rules that must hold at each. */
  static List<KeyFindingRow> both(Map<String, List<? extends Record>> tables, String id) {
    return List.of(finding(tables, id, 0.95), finding(tables, id, 0.998));
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
    // The fall's own q-value is not cited: its interval alone decides (a pre-specified test).
    assertTrue(
        r.supporting()
            .startsWith(
                "[{\"table\":\"year_on_year\",\"keys\":{\"period\":\"2023-24\",\"measure\":\"incidents\",\"category\":\"all\",\"confidence_level\":0.95},\"columns\":[\"count\",\"previous_count\",\"percent_change\",\"percent_change_lower\",\"percent_change_upper\"]}"),
        r.supporting());
    // At 99.8% the exact interval (about -35% to +3%) includes zero: no fall, no driver.
    KeyFindingRow strict =
        finding(
            yearOnYear(new long[] {160, 230, 14}, new long[] {162, 158, 10}),
            "notifications",
            0.998);
    assertFalse(strict.claimed(), strict.sentence());
    assertTrue(
        strict.sentence().contains("within the range expected by chance"), strict.sentence());
    assertFalse(strict.sentence().contains("mainly"), strict.sentence());
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
    KeyFindingRow strict =
        finding(yearOnYear(new long[] {50, 50, 4}, new long[] {48, 46, 4}), "notifications", 0.998);
    assertFalse(strict.claimed(), strict.sentence());
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
    for (KeyFindingRow r :
        both(
            demographics(
                Breakdown.SEX_MARGIN, new String[] {"male", "female"}, new long[] {260, 240}),
            "sex_and_harm")) {
      assertTrue(
          r.sentence()
              .startsWith(
                  "In 2023-24, there was a fairly even split between girls and boys (girls 48%"),
          r.sentence());
      assertTrue(r.claimed(), r.sentence());
    }
    // 150 of 500 (30%): about 26% to 34%, far from 50%.
    KeyFindingRow uneven =
        finding(
            demographics(
                Breakdown.SEX_MARGIN, new String[] {"male", "female"}, new long[] {350, 150}),
            "sex_and_harm");
    assertTrue(
        uneven.sentence().startsWith("In 2023-24, there were more boys than girls (girls 30%"),
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
        clear
            .sentence()
            .startsWith("In 2023-24, children under 1 (50%) were the largest age group"),
        clear.sentence());
    // 105 against 100 of 500 (21% and 20%): the difference is well within chance.
    KeyFindingRow close =
        finding(
            demographics(Breakdown.AGE_BAND_MARGIN, BANDS, new long[] {105, 100, 95, 100, 100}),
            "age_groups");
    assertFalse(close.claimed(), close.sentence());
    assertTrue(
        close.sentence().contains("were close together, none clearly the largest age group"),
        close.sentence());
    assertFalse(close.sentence().contains("was the largest"), close.sentence());
  }

  /**
   * Children of one child per incident, all deaths, in one year: n in a margin's cell and, when the
   * row category is recorded, in its recorded cell too (Σ m² = Σ m n = n).
   */
  static void singles(
      CountTable.Builder b, Margin m, int year, String category, String second, long n) {
    if (n == 0) {
      return;
    }
    boolean recorded = !m.first().notRecorded().contains(category);
    b.add(m, year, "death", category, second, new CountTable.Cell(n, n, n, recorded ? n : 0));
    if (recorded) {
      b.add(m, year, "death", CountTable.RECORDED, second, new CountTable.Cell(n, n, n, n));
    }
  }

  static void total(CountTable.Builder b, int year, long n) {
    b.add(Margin.TOTAL, year, "death", "", "", new CountTable.Cell(n, n, n, 0));
  }

  /** 2024's children by ethnic group (white, mixed, asian, black, other) against a population. */
  static Map<String, List<? extends Record>> representation(long[] children, long[] population) {
    CountTable.Builder b = CountTable.builder(SafeguardStatsJob.margins());
    List<PopulationBaseline.Cell> pop = new java.util.ArrayList<>();
    long all = java.util.Arrays.stream(children).sum();
    for (int year : new int[] {2023, 2024}) {
      total(b, year, all);
      for (int g = 0; g < 5; g++) {
        String group = Breakdown.ETHNICITY.categories().get(g);
        singles(b, Breakdown.ETHNIC_GROUP, year, group, "", children[g]);
        singles(b, Breakdown.AGE_BY_ETHNICITY, year, "under_1", group, children[g]);
        pop.add(new PopulationBaseline.Cell(year, "0", "all", group, population[g], "hand-made"));
      }
    }
    return Map.of(
        "representation", RepresentationAnalysis.rows(b.build(), new PopulationBaseline(pop), RUN));
  }

  @Test
  void overAndUnderRepresentedOnlyWhereTheRatiosIntervalExcludesOne() {
    // 700, 100, 100, 50, 50 of 1,000 children against population shares 65%, 5%, 15%, 10%, 5%:
    // crude ratios 1.08, 2.00, 0.67, 0.50 and 1.00 (Other: exactly its population share).
    KeyFindingRow r =
        finding(
            representation(new long[] {700, 100, 100, 50, 50}, new long[] {650, 50, 150, 100, 50}),
            "ethnicity");
    assertTrue(r.claimed(), r.sentence());
    assertTrue(
        r.sentence()
            .matches(
                ".*White children \\(ratio 1\\.08, .*\\) and Mixed children \\(ratio 2\\.00,"
                    + " .*\\) were over-represented, and Asian children \\(ratio 0\\.67, .*\\) and"
                    + " Black children \\(ratio 0\\.50, .*\\) were under-represented.*"),
        r.sentence());
    assertFalse(
        r.sentence().contains("other ethnic"), "a ratio of 1 is not claimed: " + r.sentence());
    // The run has no associations table (no age profile): the finding still has its figures.
    assertNull(r.nullReason(), r.sentence());
    assertFalse(r.sentence().contains("age profile"), r.sentence());
    // 14, 2, 2, 1, 1 of 20 against the same population: ratios 1.08, 2, 0.67, 0.5 and 1 again,
    // but every interval includes 1.
    KeyFindingRow small =
        finding(
            representation(new long[] {14, 2, 2, 1, 1}, new long[] {650, 50, 150, 100, 50}),
            "ethnicity");
    assertFalse(small.claimed(), small.sentence());
    assertTrue(
        small.sentence().contains("no ethnic group was over- or under-represented beyond chance"),
        small.sentence());
  }

  /** Children known to social care (yes) or not (no) in both years, one per incident. */
  static Map<String, List<? extends Record>> socialCare(long yes, long no) {
    CountTable.Builder b = CountTable.builder(SafeguardStatsJob.margins());
    Margin m = Margin.of(Characteristics.of("known_to_social_care"));
    for (int year : new int[] {2023, 2024}) {
      total(b, year, yes + no);
      singles(b, m, year, "yes", "", yes);
      singles(b, m, year, "no", "", no);
    }
    return Map.of("prevalence", PrevalenceAnalysis.rows(b.build(), RUN));
  }

  @Test
  void aFractionOnlyWhereTheIntervalSupportsIt() {
    // 80 of 100: Wilson 95% 71.1% to 86.7% holds four in five.
    KeyFindingRow r = finding(socialCare(80, 20), "social_care");
    assertTrue(
        r.sentence().startsWith("In 2023-24, four in five children (80%) were known"),
        r.sentence());
    assertTrue(r.claimed());
    // 71 of 100: the nearest fractions (two thirds, three quarters) are more than 3 points away.
    KeyFindingRow p = finding(socialCare(71, 29), "social_care");
    assertTrue(p.sentence().startsWith("In 2023-24, 71% of children were known"), p.sentence());
    assertTrue(p.claimed(), "a bare percentage is neutral: no comparison failed");
  }

  /** Children with (and without) a mental health condition in each Panel age band, both years. */
  static Map<String, List<? extends Record>> mentalHealth(long[] with, long[] without) {
    CountTable.Builder b = CountTable.builder(SafeguardStatsJob.margins());
    var mh = Characteristics.of("child_mental_health");
    Margin all = Margin.of(mh);
    Margin byBand = Margin.of(mh, Characteristics.of("panel_age_band_0_to_17"));
    long yes = java.util.Arrays.stream(with).sum();
    long no = java.util.Arrays.stream(without).sum();
    for (int year : new int[] {2023, 2024}) {
      total(b, year, yes + no);
      singles(b, all, year, "yes", "", yes);
      singles(b, all, year, "no", "", no);
      for (int i = 0; i < BANDS.length; i++) {
        singles(b, byBand, year, "yes", BANDS[i], with[i]);
        singles(b, byBand, year, "no", BANDS[i], without[i]);
      }
    }
    return Map.of("prevalence", PrevalenceAnalysis.rows(b.build(), RUN));
  }

  @Test
  void moreAmongOlderChildrenOnlyWhenTheTrendTestSaysSo() {
    // 2%, 10%, 20%, 30%, 40% of 100 children per band: a steep rise (Armitage's test far below
    // 0.05; the only trend test of its period, so q = p).
    KeyFindingRow rising =
        finding(
            mentalHealth(new long[] {2, 10, 20, 30, 40}, new long[] {98, 90, 80, 70, 60}),
            "mental_health");
    assertTrue(rising.sentence().contains("more among older children"), rising.sentence());
    assertTrue(rising.claimed());
    // 4, 5, 4, 5, 4 of 20 each: no trend to speak of.
    KeyFindingRow flat =
        finding(
            mentalHealth(new long[] {4, 5, 4, 5, 4}, new long[] {16, 15, 16, 15, 16}),
            "mental_health");
    assertTrue(flat.sentence().contains("with no clear trend"), flat.sentence());
    assertFalse(flat.sentence().contains("older"), flat.sentence());
    assertFalse(flat.claimed());
  }

  /** Age bands in 2022-23 and 2023-24, one child per incident. */
  static Map<String, List<? extends Record>> ageBands(long[] before, long[] now) {
    CountTable.Builder b = CountTable.builder(SafeguardStatsJob.margins());
    long[][] years = {before, now};
    for (int y = 0; y < 2; y++) {
      total(b, 2023 + y, java.util.Arrays.stream(years[y]).sum());
      for (int i = 0; i < BANDS.length; i++) {
        singles(b, Breakdown.AGE_BAND_MARGIN, 2023 + y, BANDS[i], "", years[y][i]);
      }
    }
    return Map.of("demographics", DemographicsAnalysis.rows(b.build(), RUN));
  }

  @Test
  void nowSecondRatherThanOnlyWhenSeparatedFromTheBandItPassed() {
    // 2022-23: 11 to 15 second (150 of 500); 2023-24: 16 to 17 second with 150, 11 to 15 at 60.
    KeyFindingRow moved =
        finding(
            ageBands(new long[] {200, 50, 50, 150, 50}, new long[] {200, 70, 20, 60, 150}),
            "age_groups");
    assertTrue(
        moved
            .sentence()
            .contains(
                "children aged 16 to 17 (30%) now second rather than children" + " aged 11 to 15"),
        moved.sentence());
    // 2023-24: 16 to 17 at 105 against 11 to 15 at 100 of 500: it moved up, but only just.
    KeyFindingRow close =
        finding(
            ageBands(new long[] {200, 50, 50, 150, 50}, new long[] {200, 50, 45, 100, 105}),
            "age_groups");
    assertTrue(
        close.sentence().contains("now second, close to children aged 11 to 15 (20%)"),
        close.sentence());
    assertFalse(close.sentence().contains("rather than"), close.sentence());
  }

  /**
   * 2024's children by sex and form of harm (boys, girls): extrafamilial, sexual abuse or
   * exploitation, suicide or self-harm, and the other known causes, one child per incident.
   */
  static Map<String, List<? extends Record>> harmBySex(long[] boys, long[] girls) {
    CountTable.Builder b = CountTable.builder(SafeguardStatsJob.margins());
    String[] forms = {
      "extrafamilial_harm", "sexual_abuse_exploitation", "suicide_or_self_harm", "other_known"
    };
    Margin byForm = Margin.of(Characteristics.of("harm_form"), Breakdown.SEX_MARGIN.first());
    long nBoys = java.util.Arrays.stream(boys).sum();
    long nGirls = java.util.Arrays.stream(girls).sum();
    for (int year : new int[] {2023, 2024}) {
      total(b, year, nBoys + nGirls);
      singles(b, Breakdown.SEX_MARGIN, year, "male", "", nBoys);
      singles(b, Breakdown.SEX_MARGIN, year, "female", "", nGirls);
      for (int i = 0; i < forms.length; i++) {
        singles(b, byForm, year, forms[i], "male", boys[i]);
        singles(b, byForm, year, forms[i], "female", girls[i]);
      }
    }
    CountTable t = b.build();
    return Map.of(
        "demographics", DemographicsAnalysis.rows(t, RUN),
        "associations", AssociationAnalysis.rows(t, RUN));
  }

  @Test
  void aFormOfHarmIsSaidToDifferBySexOnlyBeyondChance() {
    // Of 200 boys and 200 girls: extrafamilial 60 against 20 (ratio 3), sexual abuse 10 against
    // 40 (0.25), suicide or self-harm 20 against 22 (0.91, well within chance).
    KeyFindingRow r =
        finding(
            harmBySex(new long[] {60, 10, 20, 110}, new long[] {20, 40, 22, 118}), "sex_and_harm");
    assertTrue(
        r.sentence().contains(". More extrafamilial harm (boys to girls 3.00, 95% CI "),
        r.sentence());
    assertTrue(
        r.sentence()
            .contains(" among boys. More sexual abuse or exploitation (boys to girls 0.25, "),
        r.sentence());
    assertTrue(
        r.sentence()
            .contains(
                ". No difference beyond chance in suicide or self-harm (boys to girls 0.91, "),
        r.sentence());
    assertFalse(r.claimed(), "one form does not differ: " + r.sentence());
    // At 99.8% the large ratios still differ (3.00 and 0.25 on 200 children each).
    KeyFindingRow strict =
        finding(
            harmBySex(new long[] {60, 10, 20, 110}, new long[] {20, 40, 22, 118}),
            "sex_and_harm",
            0.998);
    assertTrue(
        strict.sentence().contains(". More extrafamilial harm (boys to girls 3.00, 99.8% CI "),
        strict.sentence());
    assertFalse(strict.claimed(), strict.sentence());
  }

  @Test
  void aPartialYearIsProvisionalAndNotClaimed() {
    // The fall of the first test, but 2023-24's records end in December.
    for (KeyFindingRow r :
        both(
            yearOnYear(new long[] {160, 230, 14}, new long[] {162, 158, 10}, true),
            "notifications")) {
      assertFalse(r.claimed(), r.sentence());
      assertTrue(r.sentence().endsWith(") (partial year: provisional)."), r.sentence());
      assertTrue(r.supporting().contains("\"partial_year\""), r.supporting());
      assertNull(r.nullReason());
    }
  }

  @Test
  void withoutAPreviousYearTheCountAloneIsGiven() {
    RunContext oneYear = new RunContext("test", true, 2024, 2024, List.of(0.95, 0.998));
    CountTable.Builder b = CountTable.builder(SafeguardStatsJob.margins());
    b.add(Margin.TOTAL, 2024, "death", "", "", new CountTable.Cell(330, 330, 330, 0));
    KeyFindingRow r =
        KeyFindings.rows(
                Map.of(
                    "year_on_year",
                    YearOnYearAnalysis.rows(b.build(), new PopulationBaseline(List.of()), oneYear)),
                oneYear)
            .get(0);
    assertEquals("notifications", r.findingId());
    assertEquals(
        "330 serious incidents were notified in 2023-24; no previous year to compare.",
        r.sentence());
    assertNull(r.nullReason());
  }

  @Test
  void mainlyOnlyWhenTheTypeCarriesHalfTheChange() {
    // 800 -> 580 (-220, far beyond chance); deaths fell most (300 -> 200, itself far beyond
    // chance) but carry 100 of the 220: less than half, so no type is named.
    KeyFindingRow r =
        finding(
            yearOnYear(new long[] {300, 250, 250}, new long[] {200, 190, 190}), "notifications");
    assertTrue(
        r.sentence().startsWith("In 2023-24, notifications fell by 28% (from 800 to 580;"),
        r.sentence());
    assertTrue(r.claimed(), r.sentence());
    assertFalse(r.sentence().contains("mainly"), r.sentence());
  }

  @Test
  void mainlyOnlyWhenTheTypesQValueIsBelowAlpha() {
    // 254 -> 202; serious harm 130 -> 98 carries 32 of the 52. Its exact interval excludes zero
    // (p below 0.05), but among the four changes of incidents (all, death 120 -> 100, serious
    // harm, other 4 -> 4) its Benjamini-Hochberg q is p x 4 / 2, above 0.05: not named.
    Map<String, List<? extends Record>> t =
        yearOnYear(new long[] {120, 130, 4}, new long[] {100, 98, 4});
    Map<String, Object> harm =
        new Evidence(t)
            .row(
                "year_on_year",
                Map.of(
                    "period", "2023-24",
                    "measure", "incidents",
                    "category", "serious_harm",
                    "confidence_level", 0.95));
    assertTrue(((Number) harm.get("percent_change_upper")).doubleValue() < 0, harm.toString());
    assertTrue(((Number) harm.get("q_value")).doubleValue() >= 0.05, harm.toString());
    KeyFindingRow r = finding(t, "notifications");
    assertTrue(
        r.sentence().startsWith("In 2023-24, notifications fell by 20% (from 254 to 202;"),
        r.sentence());
    assertFalse(r.sentence().contains("mainly"), r.sentence());
  }

  @Test
  void theYearsIncidentTypesAreAListWithAnd() {
    KeyFindingRow r =
        finding(yearOnYear(new long[] {160, 230, 14}, new long[] {162, 158, 10}), "incident_types");
    // 162, 158 and 10 of 330: 49.1%, 47.9% and 3.0%.
    assertEquals(
        "330 serious incidents were notified in 2023-24: 49% deaths, 48% serious harm and 3% other.",
        r.sentence());
  }

  @Test
  void aFindingWithoutFiguresGivesItsRowsReasonNeverNull() {
    for (KeyFindingRow r : both(socialCare(0, 0), "social_care")) {
      assertFalse(r.claimed());
      // No child has the contact recorded: the share's own reason (Wilson, n = 0).
      assertEquals("no_denominator", r.nullReason(), r.sentence());
      assertEquals("Children's social care: no figures for 2023-24 (no_denominator)", r.sentence());
    }
  }

  /** 2024's (and 2023's) children, one per incident, not recorded for a few characteristics. */
  static Map<String, List<? extends Record>> completeness() {
    CountTable.Builder b = CountTable.builder(SafeguardStatsJob.margins());
    // Of 500: sexuality not recorded for 300, disability 200, sex 100 and ethnicity 100 (tied),
    // EHC plan 50; every other characteristic recorded for all.
    Map<String, Long> missing =
        Map.of(
            "sexuality_recorded", 300L,
            "disability", 200L,
            "sex", 100L,
            "ethnicity", 100L,
            "ehc_plan", 50L);
    for (int year : new int[] {2023, 2024}) {
      total(b, year, 500);
      for (var c : reported()) {
        long n = missing.getOrDefault(c.name(), 0L);
        singles(b, Margin.of(c), year, c.notRecorded().get(0), "", n);
        singles(b, Margin.of(c), year, c.recorded().get(0), "", 500 - n);
      }
    }
    return Map.of("completeness", CompletenessAnalysis.rows(b.build(), RUN));
  }

  @Test
  void notRecordedListsTheThreeHighestSharesAndEveryTieWithoutRankingThem() {
    for (KeyFindingRow r : both(completeness(), "not_recorded")) {
      // 60%, 40% and 20% of 500: Wilson intervals (about 4 points either side) hold the fractions.
      assertEquals(
          "In 2023-24, sexuality was not recorded for three in five children (60%), disability for"
              + " two in five (40%), sex for a fifth (20%) and ethnicity for a fifth (20%).",
          r.sentence());
      assertTrue(r.claimed(), r.sentence());
      assertFalse(r.sentence().contains("least often"), r.sentence());
      assertFalse(r.sentence().contains("EHC"), "10% is not among the three: " + r.sentence());
    }
  }

  /**
   * The characteristics whose completeness is reported: the incident schema's columns with a
   * not-recorded value, and the Panel age band.
   */
  static List<org.safeguardstats.counts.Characteristic> reported() {
    DeclaredSchema incident = DeclaredSchema.input("incident");
    return Characteristics.all().stream()
        .filter(c -> !c.notRecorded().isEmpty())
        .filter(c -> incident.column(c.name()).isPresent() || c.name().equals("panel_age_band"))
        .toList();
  }

  @Test
  void everyCharacteristicHasASentenceLabel() {
    for (var c : reported()) {
      assertTrue(
          KeyFindings.CHARACTERISTIC_LABELS.containsKey(c.name()),
          c.name() + " has no label in code-lists/characteristics.csv");
    }
  }

  /** Likely causes in 2023 and 2024, one child per incident, by incident type. */
  static Map<String, List<? extends Record>> causes(String[][] byType) {
    CountTable.Builder b = CountTable.builder(SafeguardStatsJob.margins());
    for (int year : new int[] {2023, 2024}) {
      for (String[] c : byType) {
        long n = Long.parseLong(c[2]);
        b.add(Margin.TOTAL, year, c[0], "", "", new CountTable.Cell(n, n, n, 0));
        b.add(Breakdown.LIKELY_CAUSE, year, c[0], c[1], "", new CountTable.Cell(n, n, n, n));
        b.add(
            Breakdown.LIKELY_CAUSE,
            year,
            c[0],
            CountTable.RECORDED,
            "",
            new CountTable.Cell(n, n, n, n));
      }
    }
    return Map.of("cause_distribution", CauseDistributionAnalysis.rows(b.build(), RUN));
  }

  @Test
  void theMostCommonCausesAreEveryCauseNotSeparatedFromTheOneAbove() {
    // Deaths: 40, 38 and 36 of 119 (34%, 32%, 30%: overlapping Wilson intervals of about +-8
    // points) lead together; 5 (4%) is far below. Serious harm: 60 of 80 (75%) against 20 (25%).
    Map<String, List<? extends Record>> t =
        causes(
            new String[][] {
              {"death", "sudi", "40"},
              {"death", "suicide", "38"},
              {"death", "fatal_maltreatment_family", "36"},
              {"death", "other_death", "5"},
              {"serious_harm", "nonfatal_assault_family", "60"},
              {"serious_harm", "neglect", "20"}
            });
    for (KeyFindingRow r : both(t, "causes")) {
      assertEquals(
          "In 2023-24, sudden unexpected death in infancy (SUDI, 34%), suicide (32%) and fatal"
              + " maltreatment within the family (30%) were the most common likely causes of death,"
              + " close together. Nonfatal assault within the family (75%) was the most common form"
              + " of serious harm.",
          r.sentence());
      assertFalse(r.claimed(), "the deaths' leaders are close: " + r.sentence());
    }
  }

  /** Rapid reviews' practice themes in both years (one incident each); no local reviews. */
  static Map<String, List<? extends Record>> themes(long recorded, String[] themes, long[] n) {
    CountTable.Builder b = CountTable.builder(SafeguardStatsJob.margins());
    Margin m = Margin.of(Characteristics.of("practice_themes"));
    for (int year : new int[] {2023, 2024}) {
      total(b, year, recorded);
      for (int i = 0; i < themes.length; i++) {
        b.add(m, year, "death", themes[i], "", new CountTable.Cell(n[i], n[i], n[i], n[i]));
      }
      b.add(
          m,
          year,
          "death",
          CountTable.RECORDED,
          "",
          new CountTable.Cell(recorded, recorded, recorded, recorded));
    }
    return Map.of("themes", ThemeAnalysis.rows(b.build(), null, RUN));
  }

  @Test
  void practiceThemesNameTheLeaderAndTheNextThroughTies() {
    // Of 100 rapid reviews: 60 (Wilson 95% 50% to 69%) clear of 30 (22% to 40%); then 30 and 30
    // tied, 10, 8, 5 and 2. Five are named, and no tie is cut.
    Map<String, List<? extends Record>> t =
        themes(
            100,
            new String[] {
              "coordination_handover",
              "professional_curiosity",
              "risk_assessment",
              "child_voice",
              "escalation",
              "information_sharing",
              "male_carers"
            },
            new long[] {60, 30, 30, 10, 8, 5, 2});
    KeyFindingRow r = finding(t, "practice_themes");
    assertEquals(
        "In 2023-24, coordination and handover between agencies (60%) was the commonest practice"
            + " theme of rapid reviews. The next were professional curiosity (30%); risk assessment"
            + " and decision making (30%); the voice of the child (10%); and challenge and"
            + " escalation (8%).",
        r.sentence());
    assertTrue(r.claimed(), r.sentence());
    assertNull(r.nullReason(), "no local reviews input: still a finding");
    // Second and third tied and close to the first, and the other themes in no review: every
    // theme found leads, so none is called the commonest.
    KeyFindingRow tie =
        finding(
            themes(
                100,
                new String[] {"coordination_handover", "professional_curiosity", "risk_assessment"},
                new long[] {35, 33, 33}),
            "practice_themes");
    assertTrue(
        tie.sentence()
            .startsWith(
                "In 2023-24, coordination and handover between agencies (35%); professional"
                    + " curiosity (33%); and risk assessment and decision making (33%) were close"
                    + " together, none clearly the commonest practice theme of rapid reviews."),
        tie.sentence());
    assertFalse(
        tie.sentence().contains("next"), "themes of no review are not next: " + tie.sentence());
    assertFalse(tie.claimed());
  }

  /** Ethnic groups against a population, with each group's children in the given age bands. */
  static Map<String, List<? extends Record>> ethnicityByAge(long[][] byBand, long[] population) {
    CountTable.Builder b = CountTable.builder(SafeguardStatsJob.margins());
    List<PopulationBaseline.Cell> pop = new java.util.ArrayList<>();
    String[] bands = {"under_1", "16_to_17"};
    long all = java.util.Arrays.stream(byBand).flatMapToLong(java.util.Arrays::stream).sum();
    for (int year : new int[] {2023, 2024}) {
      total(b, year, all);
      for (int g = 0; g < 5; g++) {
        String group = Breakdown.ETHNICITY.categories().get(g);
        singles(b, Breakdown.ETHNIC_GROUP, year, group, "", byBand[g][0] + byBand[g][1]);
        for (int k = 0; k < 2; k++) {
          singles(b, Breakdown.AGE_BY_ETHNICITY, year, bands[k], group, byBand[g][k]);
        }
        pop.add(new PopulationBaseline.Cell(year, "0", "all", group, population[g], "hand-made"));
      }
    }
    CountTable t = b.build();
    return Map.of(
        "representation", RepresentationAnalysis.rows(t, new PopulationBaseline(pop), RUN),
        "associations", AssociationAnalysis.rows(t, RUN));
  }

  @Test
  void theAgeProfileDiffersOnlyWhenItsTestSaysSo() {
    long[] population = {650, 50, 150, 100, 50};
    // Mixed children twice their population share throughout; ages: White 350/350, Mixed 50/50,
    // Asian 50/50, Black 25/25, Other 25/25 (the same profile in every group: no difference).
    KeyFindingRow same =
        finding(
            ethnicityByAge(
                new long[][] {{350, 350}, {50, 50}, {50, 50}, {25, 25}, {25, 25}}, population),
            "ethnicity");
    assertTrue(
        same.sentence()
            .contains("; the age profile did not differ between ethnic groups beyond chance (q = "),
        same.sentence());
    assertFalse(same.claimed(), same.sentence());
    // White children mostly under 1 (600 of 700), Black children mostly 16 to 17 (45 of 50).
    KeyFindingRow differs =
        finding(
            ethnicityByAge(
                new long[][] {{600, 100}, {50, 50}, {50, 50}, {5, 45}, {25, 25}}, population),
            "ethnicity");
    assertTrue(
        differs.sentence().contains("; the age profile differed between ethnic groups (q < 0.001)"),
        differs.sentence());
    assertTrue(differs.claimed(), differs.sentence());
  }
}
