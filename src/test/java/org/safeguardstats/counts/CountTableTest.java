package org.safeguardstats.counts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.util.QueryExecutionListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safeguardstats.config.JobConfig;
import org.safeguardstats.input.CheckedInput;
import org.safeguardstats.input.JobInputs;
import org.safeguardstats.io.InputReader;
import org.safeguardstats.testing.Fixtures;
import org.safeguardstats.testing.SparkTestBase;

/**
 * The count stage on the hand-made input {@code fixtures/regression/incidents.csv} (16 rows, 14
 * accepted: one duplicate and one impossible date are quarantined). Every expected number below was
 * counted by hand from that file; the margin ehc_plan × Panel age band is used by no analysis, so
 * it shows that a characteristic is counted by declaring it, with no change to the counting code.
 */
class CountTableTest extends SparkTestBase {
  @TempDir static Path tmp;
  static Dataset<Row> accepted;

  static final Margin EHC_BY_AGE =
      Margin.of(Characteristics.of("ehc_plan"), Characteristics.of("panel_age_band"));
  static final Margin THEMES = Margin.of(Characteristics.of("practice_themes"));

  @BeforeAll
  static void read() {
    accepted = acceptedIncidents("src/test/resources/fixtures/regression/", 2023, 2024);
  }

  /** The accepted rows of a folder's incidents.csv, validated for the given reporting years. */
  static Dataset<Row> acceptedIncidents(String dir, int first, int last) {
    Path jobFile =
        Fixtures.jobFile(
            tmp,
            Fixtures.file(dir + "incidents.csv").toString(),
            Fixtures.file(dir + "population.csv").toString(),
            null,
            first,
            last,
            "[0.95]",
            tmp.resolve("out"));
    CheckedInput<Dataset<Row>> incidents =
        JobInputs.check(JobConfig.load(jobFile, null)).incidents();
    return incidents.from(incidents.readAndValidate(new InputReader(spark)));
  }

  static CountTable count(List<Margin> margins) {
    return CountTable.count(accepted, margins);
  }

  @Test
  void aNewTwoWayMarginIsCountedByDeclaringIt() {
    CountTable t = count(List.of(EHC_BY_AGE));
    // Incident J (2023-24, serious harm): C1 being_assessed, C2 in_place, C3 not given; all 6 to
    // 10.
    // Its first child by child_ref is C1, so J's incident is counted under being_assessed.
    assertEquals(
        new CountTable.Cell(1, 0, 1, 2),
        t.cell(EHC_BY_AGE, 2024, "serious_harm", "in_place", "6_to_10"));
    assertEquals(
        new CountTable.Cell(1, 1, 1, 2),
        t.cell(EHC_BY_AGE, 2024, "serious_harm", "being_assessed", "6_to_10"));
    assertEquals(
        new CountTable.Cell(1, 0, 1, 2),
        t.cell(EHC_BY_AGE, 2024, "serious_harm", "not_recorded", "6_to_10"));
    assertEquals(
        new CountTable.Cell(2, 1, 4, 4),
        t.cell(EHC_BY_AGE, 2024, "serious_harm", CountTable.RECORDED, "6_to_10"));
    // Incident B (2022-23): two children with no plan, both 1 to 5.
    assertEquals(
        new CountTable.Cell(2, 1, 4, 4),
        t.cell(EHC_BY_AGE, 2023, "serious_harm", "none", "1_to_5"));
    // K, a care leaver aged 20, once: its duplicate row is quarantined.
    assertEquals(
        new CountTable.Cell(1, 1, 1, 1), t.cell(EHC_BY_AGE, 2023, "death", "none", "18_to_25"));
    // M: ehc_plan not_recorded and age band not_recorded.
    assertEquals(
        new CountTable.Cell(1, 1, 1, 0),
        t.cell(EHC_BY_AGE, 2024, "other", "not_recorded", "not_recorded"));
    // F (15) and H (12); D (14) is in 2022-23.
    assertEquals(
        2,
        t.sum(EHC_BY_AGE, new Period(2024, 2024), CountTable.ALL, "none", "11_to_15").children());
  }

  @Test
  void aMultiValuedCharacteristicCountsAChildInEachCategoryAndOnceAsRecorded() {
    CountTable t = count(List.of(THEMES));
    // 2023-24 serious harm: F and G (risk_assessment;child_voice), J C1
    // (coordination_handover;escalation), J C2 (coordination_handover), J C3 (none given).
    assertEquals(
        new CountTable.Cell(2, 1, 4, 4),
        t.cell(THEMES, 2024, "serious_harm", "coordination_handover", ""));
    assertEquals(
        new CountTable.Cell(1, 1, 1, 2), t.cell(THEMES, 2024, "serious_harm", "escalation", ""));
    assertEquals(
        new CountTable.Cell(2, 2, 2, 2),
        t.cell(THEMES, 2024, "serious_harm", "risk_assessment", ""));
    assertEquals(
        new CountTable.Cell(1, 0, 1, 2), t.cell(THEMES, 2024, "serious_harm", "not_recorded", ""));
    assertEquals(
        new CountTable.Cell(4, 3, 6, 6),
        t.cell(THEMES, 2024, "serious_harm", CountTable.RECORDED, ""));
  }

  @Test
  void theShareNotRecordedHasItsDesignEffectFromCellsAlreadyCounted() {
    Margin disability = Margin.of(Characteristics.of("disability"));
    CountTable t = count(List.of(Margin.TOTAL, disability));
    Period y2024 = new Period(2024, 2024);
    List<CountTable.Cell> notRecorded =
        Characteristics.of("disability").notRecorded().stream()
            .map(k -> t.sum(disability, y2024, CountTable.ALL, k))
            .toList();
    // 2023-24 by hand from the file: E, F, G, H and M (one child each) not recorded; J's C2 yes,
    // C1 no, C3 empty. Per incident z = 1 (all six) of t = 1, 1, 1, 1, 1, 3: p = 6/8, residuals z
    // − p t = 1/4 five times and −5/4, Σ r² = 30/16, V = (30/16)/64 against the binomial (3/16)/8:
    // D = 1.25, computed from the incidents, not from the identity.
    assertEquals(
        1.25,
        CountTable.notRecordedDesignEffect(
            t.sum(disability, y2024, CountTable.ALL, CountTable.RECORDED),
            notRecorded,
            t.total(y2024, CountTable.ALL)),
        1e-12);
  }

  @Test
  void totalsAndIncidentsThroughTheFirstChild() {
    CountTable t = count(List.of(Margin.TOTAL, Margin.of(Characteristics.of("sex"))));
    Period y2024 = new Period(2024, 2024);
    // 2023-24: E, F, G, H, J (three children), M: Σ m² = 5 × 1 + 3².
    assertEquals(new CountTable.Cell(8, 6, 14, 0), t.total(y2024, CountTable.ALL));
    // 2022-23: A, B (two), C, D, K.
    assertEquals(new CountTable.Cell(6, 5, 8, 0), t.total(new Period(2023, 2023), CountTable.ALL));
    Margin sex = Margin.of(Characteristics.of("sex"));
    // Incidents add up across the categories of a single-valued characteristic.
    long incidents = 0;
    for (String s : Characteristics.of("sex").categories()) {
      incidents += t.sum(sex, y2024, CountTable.ALL, s).incidents();
    }
    assertEquals(6, incidents);
    assertEquals(1, t.sum(sex, y2024, CountTable.ALL, "not_recorded").children());
    assertThrows(
        IllegalArgumentException.class, () -> t.cell(THEMES, 2024, "death", "escalation", ""));
  }

  @Test
  void oneSparkActionCountsEveryMarginAndTheSampleTableStaysSmall() throws Exception {
    Dataset<Row> sample = acceptedIncidents("data/sample/", 2019, 2024).cache();
    sample.count();
    spark.sparkContext().listenerBus().waitUntilEmpty(); // that count's event is not the stage's
    List<Margin> all = new ArrayList<>(List.of(Margin.TOTAL, EHC_BY_AGE));
    Characteristics.all().forEach(c -> all.add(Margin.of(c)));
    AtomicInteger actions = new AtomicInteger();
    QueryExecutionListener listener =
        new QueryExecutionListener() {
          @Override
          public void onSuccess(String funcName, QueryExecution qe, long durationNs) {
            actions.incrementAndGet();
          }

          @Override
          public void onFailure(String funcName, QueryExecution qe, Exception exception) {
            actions.incrementAndGet();
          }
        };
    spark.listenerManager().register(listener);
    CountTable t = CountTable.count(sample, all);
    spark.sparkContext().listenerBus().waitUntilEmpty();
    spark.listenerManager().unregister(listener);
    sample.unpersist();
    assertEquals(1, actions.get(), "Spark actions run by the count stage");
    assertTrue(t.size() < 6000, "count table rows on the sample: " + t.size());
    assertEquals(3883, t.total(new Period(2019, 2024), CountTable.ALL).children());
  }
}
