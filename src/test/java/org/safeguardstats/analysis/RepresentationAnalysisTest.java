package org.safeguardstats.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * (sex `all`), without Spark. Expected counts are computed by hand below; stratified limits come
 * from src/test/resources/stats/representation_values.py (mpmath bisection of the score equation,
 * rows marked RepresentationAnalysisTest in representation-values.csv).
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
    POP.forEach((age, pops) -> add(cells, 2024, age, pops));
    return new PopulationBaseline(cells);
  }

  /** One year and age's population: white, mixed, asian, black, other. */
  static void add(List<PopulationBaseline.Cell> cells, int year, String age, int[] pops) {
    for (int g = 0; g < 5; g++) {
      cells.add(
          new PopulationBaseline.Cell(
              year, age, "all", Breakdown.ETHNICITY.categories().get(g), pops[g], "hand-made"));
    }
  }

  /**
   * Children of one year and incident type, each in an incident of its own, in every margin read.
   */
  static void children(CountTable.Builder t, String sex, String band, String ethnicity, long n) {
    children(t, 2024, sex, band, ethnicity, n);
  }

  static void children(
      CountTable.Builder t, int year, String sex, String band, String ethnicity, long n) {
    CountTable.Cell c = new CountTable.Cell(n, n, n, 0);
    t.add(Margin.TOTAL, year, "death", "", "", c);
    oneWay(t, Breakdown.ETHNIC_GROUP, year, ethnicity, n);
    oneWay(t, Breakdown.SEX_MARGIN, year, sex, n);
    oneWay(t, Breakdown.AGE_BAND_MARGIN, year, band, n);
    t.add(RepresentationAnalysis.AGE_BY_ETHNICITY, year, "death", band, ethnicity, c);
  }

  /**
   * Singletons in a one-way margin: Σ m² = Σ m n = n when the category is recorded (then also in
   * the recorded cell), Σ m n = 0 otherwise.
   */
  static void oneWay(CountTable.Builder t, Margin m, int year, String category, long n) {
    boolean recorded = !m.first().notRecorded().contains(category);
    t.add(m, year, "death", category, "", new CountTable.Cell(n, n, n, recorded ? n : 0));
    if (recorded) {
      t.add(m, year, "death", CountTable.RECORDED, "", new CountTable.Cell(n, n, n, n));
    }
  }

  /** A population of one age (0) per year: white, mixed, asian, black, other. */
  static PopulationBaseline baseline(Map<Integer, int[]> byYear) {
    List<PopulationBaseline.Cell> cells = new ArrayList<>();
    byYear.forEach((year, pops) -> add(cells, year, "0", pops));
    return new PopulationBaseline(cells);
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
    // x = 2|3, N = 6|4, shares 0.03|0.02 (representation-values.csv)
    assertEquals(9.14044444084298, black.ratio().lower(), 1e-9);
    assertEquals(28.945821077302384, black.ratio().upper(), 1e-9);
    assertEquals("stratified_binomial_score_design_effect", black.ratio().method());
    assertEquals(1.0, black.designEffect(), 1e-12); // singletons: every child its own incident
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
    assertEquals("wilson_over_population_share_design_effect", black.ratio().method());
    assertEquals(1.0, black.designEffect(), 1e-12);
    assertNull(black.ratio().nullReason());
  }

  @Test
  void oneYearFlagAgreesWithTheShareInterval() {
    // Issue 8: 700 white children of 1,000 against a population share of 0.65. The share's
    // Wilson CI (0.671, 0.728; scipy, representation-values.csv) excludes 0.65, so: over.
    CountTable.Builder t = CountTable.builder(RepresentationAnalysis.margins());
    long[] children = {700, 100, 100, 50, 50}; // white, mixed, asian, black, other
    for (int g = 0; g < 5; g++) {
      children(t, "male", "under_1", Breakdown.ETHNICITY.categories().get(g), children[g]);
    }
    PopulationBaseline pop = baseline(Map.of(2024, new int[] {650, 50, 150, 100, 50}));
    RepresentationRow white =
        row(RepresentationAnalysis.rows(t.build(), pop, RUN), "none", "white");
    assertEquals(0.65, white.populationShare(), 1e-15);
    assertTrue(white.share().lower() > 0.65);
    assertEquals(1.032117137050435, white.ratio().lower(), 1e-9);
    assertEquals(1.1193740884969157, white.ratio().upper(), 1e-9);
    assertEquals("over", white.representation());
    // The score test the limits invert, and its q-value in the family of the five crude
    // ethnicity ratios (scipy and BH written out in clustered_values.py).
    List<RepresentationRow> rows = RepresentationAnalysis.rows(t.build(), pop, RUN);
    String[] groups = {"white", "mixed", "asian", "black", "other"};
    double[] p = {
      0.0009165370761145319,
      4.0236721906842025e-13,
      9.507809537672451e-06,
      1.3608022911357282e-07,
      1.0
    };
    double[] q = {
      0.001145671345143165,
      2.0118360953421013e-12,
      1.5846349229454085e-05,
      3.4020057278393206e-07,
      1.0
    };
    for (int g = 0; g < 5; g++) {
      RepresentationRow r = row(rows, "none", groups[g]);
      assertEquals(p[g], r.pValue(), p[g] * 1e-7, groups[g]);
      assertEquals(q[g], r.qValue(), q[g] * 1e-7, groups[g]);
      assertEquals(5, r.familySize());
      assertEquals(r.pValue() < 0.05, !r.representation().equals("not_different"), groups[g]);
    }
  }

  @Test
  void pooledCrudeRatioSumsExpectedCountsYearByYear() {
    // 2023: black 10 of 100, population share 20/400 = 0.05; 2024: 30 of 200, share 20/200 = 0.1.
    // E = 100 * 0.05 + 200 * 0.1 = 25 (summed populations would give 300 * 40/600 = 20).
    CountTable.Builder t = CountTable.builder(RepresentationAnalysis.margins());
    children(t, 2023, "male", "under_1", "black", 10);
    children(t, 2023, "male", "under_1", "white", 90);
    children(t, 2024, "male", "under_1", "black", 30);
    children(t, 2024, "male", "under_1", "white", 170);
    PopulationBaseline pop =
        baseline(
            Map.of(2023, new int[] {300, 40, 30, 20, 10}, 2024, new int[] {120, 30, 20, 20, 10}));
    RunContext run = new RunContext("test", true, 2023, 2024, List.of(0.95));
    List<RepresentationRow> rows = RepresentationAnalysis.rows(t.build(), pop, run);
    RepresentationRow pooled =
        rows.stream()
            .filter(
                r ->
                    r.period().periodType().equals("pooled")
                        && r.standardisation().equals("none")
                        && r.category().equals("black"))
            .findFirst()
            .orElseThrow();
    assertEquals(40L, pooled.observed());
    assertEquals(300L, pooled.recordedTotal());
    assertEquals(40L, pooled.population());
    assertEquals(600L, pooled.populationTotal());
    assertEquals(25.0, pooled.expected(), 1e-12);
    assertEquals(1.6, pooled.ratio().value(), 1e-12);
    // x = 10|30, N = 100|200, Pg = 20|20, P = 400|200 (representation-values.csv)
    assertEquals(1.1951631329649377, pooled.ratio().lower(), 1e-9);
    assertEquals(2.1127492665086782, pooled.ratio().upper(), 1e-9);
    assertEquals("stratified_binomial_score_design_effect", pooled.ratio().method());
    assertEquals(1.0, pooled.designEffect(), 1e-12); // singletons: every child its own incident
    RepresentationRow year =
        rows.stream()
            .filter(r -> r.period().lastYear() == 2023 && r.period().periodType().equals("year"))
            .filter(r -> r.standardisation().equals("none") && r.category().equals("black"))
            .findFirst()
            .orElseThrow();
    assertEquals("wilson_over_population_share_design_effect", year.ratio().method());
    assertEquals(1.0, year.designEffect(), 1e-12);
    assertEquals(5.0, year.expected(), 1e-12);
  }
}
