package org.safeguardstats.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.safeguardstats.counts.PopulationBaseline;

/**
 * Representation on a hand-made count cube and a population broken down by ethnic group and age
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
                    RepresentationAnalysis.ETHNIC_GROUPS.get(g),
                    pops[g],
                    "hand-made"));
          }
        });
    return new PopulationBaseline(cells);
  }

  static CountCube cube() {
    return new CountCube(
        List.of(
            new CountCube.Cell(2024, "death", "sudi", "male", "under_1", "white", 4, 4),
            new CountCube.Cell(2024, "death", "sudi", "female", "under_1", "black", 2, 2),
            new CountCube.Cell(2024, "death", "suicide", "male", "16_to_17", "white", 1, 1),
            new CountCube.Cell(2024, "death", "suicide", "female", "16_to_17", "black", 3, 3),
            new CountCube.Cell(2024, "death", "suicide", "female", "not_recorded", "black", 7, 7),
            new CountCube.Cell(2024, "death", "suicide", "female", "16_to_17", "unknown", 2, 2)));
  }

  static OutputRow row(List<OutputRow> rows, String standardisation, String group) {
    return rows.stream()
        .filter(
            r ->
                r.get("characteristic").equals("ethnicity")
                    && r.get("standardisation").equals(standardisation)
                    && r.get("category").equals(group))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void ageStandardisedRatioSumsExpectedCountsOverAgeBands() {
    List<OutputRow> rows = RepresentationAnalysis.rows(cube(), baseline(), RUN);
    // Strata with children: under 1 (N = 6: white 4, black 2; shares white 0.8, black 0.03) and
    // 16 to 17 (N = 4: white 1, black 3; shares 0.85, 0.02). The 7 black children with age not
    // recorded and the 2 with ethnicity unknown are outside the strata.
    OutputRow black = row(rows, "age", "black");
    assertEquals(5L, black.get("observed"));
    assertEquals(10L, black.get("recorded_total"));
    assertEquals(19L - 10L, black.get("not_recorded"));
    double expected = 6 * 0.03 + 4 * 0.02;
    assertEquals(expected, (Double) black.get("expected"), 1e-12);
    assertEquals(5 / expected, (Double) black.get("ratio"), 1e-9);
    assertEquals(1.623486 / expected, (Double) black.get("ratio_lower"), 1e-5);
    assertEquals(11.668332 / expected, (Double) black.get("ratio_upper"), 1e-4);
    assertEquals("over", black.get("representation"));
    OutputRow white = row(rows, "age", "white");
    assertEquals(6 * 0.8 + 4 * 0.85, (Double) white.get("expected"), 1e-12);
    assertEquals("not_applicable", white.get("share_null_reason"));
  }

  @Test
  void crudeRatioUsesEthnicityByAgeRowsSummedOverAge() {
    List<OutputRow> rows = RepresentationAnalysis.rows(cube(), baseline(), RUN);
    // Recorded: white 5, black 12 (N = 17). Population summed over the five ages:
    // white 4,050 and black 140 of 5,000.
    OutputRow black = row(rows, "none", "black");
    assertEquals(12L, black.get("observed"));
    assertEquals(17L, black.get("recorded_total"));
    assertEquals(140L, black.get("population"));
    assertEquals(5000L, black.get("population_total"));
    assertEquals(17 * 140 / 5000.0, (Double) black.get("expected"), 1e-12);
    assertEquals("byar", black.get("ratio_method"));
    assertNull(black.get("ratio_null_reason"));
  }
}
