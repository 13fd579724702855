package org.safeguardstats.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.safeguardstats.counts.Breakdown;
import org.safeguardstats.counts.CountTable;
import org.safeguardstats.counts.Margin;
import org.safeguardstats.counts.PopulationBaseline;
import org.safeguardstats.tables.RepresentationRow;

/**
 * Representation on a hand-made count table and a population broken down by ethnic group and age
 * (sex `all`), without Spark. Expected counts are computed by hand below; exact 95% Poisson limits
 * for 5 events are 1.623486 to 11.668332 (Breslow and Day vol. II table; also chi-square quantiles
 * / 2 on 10 and 12 df).
 */
class RepresentationAnalysisTest {
  static final RunContext RUN = new RunContext("test", true, 2024, 2024, List.of(0.95));

  /** One population band: white, mixed, asian, black, other (per 1,000). */
  static final Map<String, int[]> POP =
      Map.of(
          "0", new int[] {800, 50, 100, 30, 20},
          "3", new int[] {800, 50, 100, 30, 20},
          "8", new int[] {800, 50, 100, 30, 20},
          "13", new int[] {800, 50, 100, 30, 20},
          "16", new int[] {850, 30, 80, 20, 20});

  static PopulationBaseline baseline() {
    List<PopulationBaseline.Cell> cells = new ArrayList<>();
    POP.forEach(
        (age, pops) -> {
          for (int g = 0; g < 5; g++) {
            cells.add(
                new PopulationBaseline.Cell(
                    2024,
                    age,
                    "all",
                    Breakdown.ETHNICITY.categories().get(g),
                    pops[g],
                    "hand-made"));
          }
        });
    return new PopulationBaseline(cells);
  }

  /**
   * Children of one year and incident type, each in an incident of its own, in every margin read.
   */
  static void children(CountTable.Builder t, String sex, String band, String ethnicity, long n) {
    CountTable.Cell c = new CountTable.Cell(n, n, n, 0);
    t.add(Margin.TOTAL, 2024, "death", "", "", c)
        .add(Breakdown.ETHNIC_GROUP, 2024, "death", ethnicity, "", c)
        .add(Breakdown.SEX_MARGIN, 2024, "death", sex, "", c)
        .add(Breakdown.AGE_BAND_MARGIN, 2024, "death", band, "", c)
        .add(RepresentationAnalysis.AGE_BY_ETHNICITY, 2024, "death", band, ethnicity, c);
  }

  static CountTable cube() {
    CountTable.Builder t = CountTable.builder(RepresentationAnalysis.margins());
    children(t, "male", "under_1", "white", 4);
    children(t, "female", "under_1", "black", 2);
    children(t, "male", "16_to_17", "white", 1);
    children(t, "female", "16_to_17", "black", 3);
    children(t, "female", "not_recorded", "black", 7);
    children(t, "female", "16_to_17", "unknown", 2);
    return t.build();
  }

  static RepresentationRow row(List<RepresentationRow> rows, String standardisation, String group) {
    return rows.stream()
        .filter(
            r ->
                r.characteristic().equals("ethnicity")
                    && r.standardisation().equals(standardisation)
                    && r.category().equals(group))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void ageStandardisedRatioSumsExpectedCountsOverAgeBands() {
    List<RepresentationRow> rows = RepresentationAnalysis.rows(cube(), baseline(), RUN);
    // Strata with children: under 1 (N = 6: white 4, black 2; shares white 0.8, black 0.03) and
    // 16 to 17 (N = 4: white 1, black 3; shares 0.85, 0.02). The 7 black children with age not
    // recorded and the 2 with ethnicity unknown are outside the strata.
    RepresentationRow black = row(rows, "age", "black");
    assertEquals(5L, black.observed());
    assertEquals(10L, black.recordedTotal());
    assertEquals(19L - 10L, black.notRecorded());
    double expected = 6 * 0.03 + 4 * 0.02;
    assertEquals(expected, black.expected(), 1e-12);
    assertEquals(5 / expected, black.ratio().value(), 1e-9);
    assertEquals(1.623486 / expected, black.ratio().lower(), 1e-5);
    assertEquals(11.668332 / expected, black.ratio().upper(), 1e-4);
    assertEquals("over", black.representation());
    RepresentationRow white = row(rows, "age", "white");
    assertEquals(6 * 0.8 + 4 * 0.85, white.expected(), 1e-12);
    assertEquals("not_applicable", white.share().nullReason());
  }

  @Test
  void crudeRatioUsesEthnicityByAgeRowsSummedOverAge() {
    List<RepresentationRow> rows = RepresentationAnalysis.rows(cube(), baseline(), RUN);
    // Recorded: white 5, black 12 (N = 17). Population summed over the five ages:
    // white 4,050 and black 140 of 5,000.
    RepresentationRow black = row(rows, "none", "black");
    assertEquals(12L, black.observed());
    assertEquals(17L, black.recordedTotal());
    assertEquals(140L, black.population());
    assertEquals(5000L, black.populationTotal());
    assertEquals(17 * 140 / 5000.0, black.expected(), 1e-12);
    assertEquals("byar", black.ratio().method());
    assertNull(black.ratio().nullReason());
  }
}
