package org.safeguardstats.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.safeguardstats.counts.Breakdown;
import org.safeguardstats.counts.CountTable;
import org.safeguardstats.counts.Margin;
import org.safeguardstats.counts.PopulationBaseline;
import org.safeguardstats.stats.Estimate;
import org.safeguardstats.stats.RelativeRate;
import org.safeguardstats.tables.CauseDistributionRow;
import org.safeguardstats.tables.YearOnYearRow;

/**
 * Children clustered in incidents, on a hand-made count table (no Spark). 2023-24 serious harm:
 * incident F (sexual abuse, one child), G (extrafamilial assault, one child), J (neglect, three
 * siblings). Expected values from Python 3 / scipy 1.17.1, computed from that incident list
 * directly (the linearised variance Σ (y_i − p n_i)² / N² over incidents, then Wilson on the
 * effective counts), not from the class's sums.
 */
class ClusteredIntervalsTest {
  static final RunContext RUN = new RunContext("test", true, 2024, 2024, List.of(0.95));

  static CountTable table() {
    Margin causes = Breakdown.LIKELY_CAUSE;
    return CountTable.builder(CauseDistributionAnalysis.margins())
        .add(causes, 2024, "serious_harm", "neglect", "", new CountTable.Cell(3, 1, 9, 9))
        .add(
            causes,
            2024,
            "serious_harm",
            "sexual_abuse_exploitation",
            "",
            new CountTable.Cell(1, 1, 1, 1))
        .add(
            causes,
            2024,
            "serious_harm",
            "extrafamilial_assault",
            "",
            new CountTable.Cell(1, 1, 1, 1))
        .add(
            causes,
            2024,
            "serious_harm",
            CountTable.RECORDED,
            "",
            new CountTable.Cell(5, 3, 11, 11))
        .add(Margin.TOTAL, 2024, "serious_harm", "", "", new CountTable.Cell(5, 3, 11, 0))
        .build();
  }

  @Test
  void causeSharesUseTheirDesignEffect() {
    List<CauseDistributionRow> rows = CauseDistributionAnalysis.rows(table(), RUN);
    CauseDistributionRow neglect =
        rows.stream()
            .filter(r -> r.incidentType().equals("serious_harm") && r.category().equals("neglect"))
            .findFirst()
            .orElseThrow();
    assertEquals(0.6, neglect.share().value(), 1e-15);
    assertEquals(1.8, neglect.designEffect(), 1e-12);
    assertEquals(0.16427291245740963, neglect.share().lower(), 1e-12);
    assertEquals(0.9196575449738611, neglect.share().upper(), 1e-12);
    assertEquals("wilson_design_effect", neglect.share().method());
    CauseDistributionRow single =
        rows.stream()
            .filter(
                r ->
                    r.incidentType().equals("serious_harm")
                        && r.category().equals("sexual_abuse_exploitation"))
            .findFirst()
            .orElseThrow();
    // A share of 1 in 5: Σ(y − p n)² over incidents is 0.64 + 0.04 + 0.36 = 1.04 against a binomial
    // 0.8; D = 1.04 / 0.8 = 1.3 (the siblings of J move the denominator together).
    assertEquals(1.3, single.designEffect(), 1e-12);
    CauseDistributionRow unknown =
        rows.stream()
            .filter(r -> r.incidentType().equals("serious_harm") && r.category().equals("unknown"))
            .findFirst()
            .orElseThrow();
    assertNull(unknown.designEffect());
  }

  @Test
  void childrenSharesAndRatesOfIncidentTypesUseTheirDesignEffects() {
    // 2023-24: deaths E and H (one child each), serious harm F, G (one each) and J (three), other
    // M (one): 8 children in 6 incidents. Python: share D = 1.45, count D = 11/5 = 2.2; Wilson on
    // 5/1.45 of 8/1.45 and exact Poisson limits of 5/2.2, times 2.2 (scipy 1.17.1).
    CountTable t =
        CountTable.builder(List.of(Margin.TOTAL))
            .add(Margin.TOTAL, 2024, "death", "", "", new CountTable.Cell(2, 2, 2, 0))
            .add(Margin.TOTAL, 2024, "serious_harm", "", "", new CountTable.Cell(5, 3, 11, 0))
            .add(Margin.TOTAL, 2024, "other", "", "", new CountTable.Cell(1, 1, 1, 0))
            .build();
    PopulationBaseline population =
        new PopulationBaseline(
            List.of(new PopulationBaseline.Cell(2024, "all", "all", "all", 100_000, "hand-made")));
    YearOnYearRow harm =
        YearOnYearAnalysis.rows(t, population, RUN).stream()
            .filter(r -> r.measure().equals("children") && r.category().equals("serious_harm"))
            .findFirst()
            .orElseThrow();
    assertEquals(1.45, harm.shareDesignEffect(), 1e-12);
    assertEquals(0.259308910167749, harm.share().lower(), 1e-12);
    assertEquals(0.8880737728277944, harm.share().upper(), 1e-12);
    assertEquals("wilson_design_effect", harm.share().method());
    assertEquals(2.2, harm.designEffect(), 1e-12);
    assertEquals(5.0, harm.rate().value(), 1e-12);
    assertEquals(0.7317776116611563, harm.rate().lower(), 1e-9);
    assertEquals(16.838680240018306, harm.rate().upper(), 1e-9);
    assertEquals("exact_poisson_design_effect", harm.rate().method());
    YearOnYearRow incidents =
        YearOnYearAnalysis.rows(t, population, RUN).stream()
            .filter(r -> r.measure().equals("incidents") && r.category().equals("serious_harm"))
            .findFirst()
            .orElseThrow();
    assertNull(incidents.designEffect());
    assertEquals("wilson", incidents.share().method());
  }

  @Test
  void relativeRateOfClusteredCounts() {
    // Group: 12 children in incidents of 3, 3, 2, 1, 1, 1, 1 (D = 26/12); reference: 40 children,
    // two pairs (D = 44/40); populations 5,000 and 80,000.
    Estimate rr = RelativeRate.clustered(12, 5000, 40, 80000, 26.0 / 12, 44.0 / 40, 0.95);
    assertEquals(4.8, rr.value(), 1e-12);
    assertEquals(1.9632778386157432, rr.lower(), 1e-12);
    assertEquals(11.73547602220423, rr.upper(), 1e-12);
    assertEquals("log_wald_design_effect", rr.method());
  }

  /**
   * 2022-23: death incidents with 1, 1, 2, 3 children (Σ m = 7, Σ m² = 15); 2023-24: 1, 2, 2 (5,
   * 9). Expected from {@code src/test/resources/stats/clustered_values.py}, which takes D from the
   * incident lists directly and the limits and p-value from scipy's beta functions.
   */
  @Test
  void childrenChangesUseTheDesignEffectOfTheChange() {
    CountTable t =
        CountTable.builder(List.of(Margin.TOTAL))
            .add(Margin.TOTAL, 2023, "death", "", "", new CountTable.Cell(7, 4, 15, 0))
            .add(Margin.TOTAL, 2024, "death", "", "", new CountTable.Cell(5, 3, 9, 0))
            .build();
    RunContext run = new RunContext("test", true, 2023, 2024, List.of(0.95));
    List<YearOnYearRow> rows = YearOnYearAnalysis.rows(t, new PopulationBaseline(List.of()), run);
    YearOnYearRow children =
        rows.stream()
            .filter(
                r ->
                    r.measure().equals("children")
                        && r.category().equals("death")
                        && r.period().firstYear() == 2024
                        && r.period().lastYear() == 2024)
            .findFirst()
            .orElseThrow();
    assertEquals(1.9428571428571428, children.changeDesignEffect(), 1e-12);
    assertEquals("exact_conditional_binomial_design_effect", children.change().changeMethod());
    assertEquals(5.0 / 7.0, children.change().ratio(), 1e-12);
    assertEquals(0.08664961530019442, children.change().ratioLower(), 1e-10);
    assertEquals(4.82881400539912, children.change().ratioUpper(), 1e-9);
    assertEquals(0.9907114832488897, children.change().pValue(), 1e-10);
    YearOnYearRow incidents =
        rows.stream()
            .filter(
                r ->
                    r.measure().equals("incidents")
                        && r.category().equals("death")
                        && r.period().firstYear() == 2024
                        && r.period().lastYear() == 2024)
            .findFirst()
            .orElseThrow();
    assertNull(incidents.changeDesignEffect());
    assertEquals("exact_conditional_binomial", incidents.change().changeMethod());
  }
}
