package org.safeguardstats.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safeguardstats.config.JobConfig;
import org.safeguardstats.counts.CountTable;
import org.safeguardstats.counts.Margin;
import org.safeguardstats.input.CheckedInput;
import org.safeguardstats.input.JobInputs;
import org.safeguardstats.io.InputReader;
import org.safeguardstats.job.SafeguardStatsJob;
import org.safeguardstats.testing.Fixtures;
import org.safeguardstats.testing.SparkTestBase;
import org.safeguardstats.validation.Validated;

/**
 * An independent check of the count semantics: DuckDB's count table ({@link DuckCountTable}, SQL
 * written from CountTable's Javadoc) agrees cell by cell with {@link CountTable} on the embedded
 * sample, with one duplicated row added (the duplicate is quarantined by the job and dropped by
 * DuckDB); and a single perturbed cell is caught.
 */
class DuckCountTableTest extends SparkTestBase {
  private static final List<Margin> MARGINS = SafeguardStatsJob.margins();
  private static final Set<Integer> YEARS = Set.of(2019, 2020, 2021, 2022, 2023, 2024);
  private static CountTable table;
  private static Map<DuckCountTable.Key, CountTable.Cell> duck;
  private static long quarantined;

  @BeforeAll
  static void count(@TempDir Path tmp) throws Exception {
    List<String> lines = Files.readAllLines(Fixtures.file("data/sample/incidents.csv"));
    List<String> withDuplicate = new ArrayList<>(lines);
    withDuplicate.add(lines.get(lines.size() / 2));
    Path incidents = Fixtures.write(tmp, "incidents.csv", withDuplicate);
    Path job =
        Fixtures.write(
            tmp,
            "duckdb-check.yaml",
            List.of(
                "name: duckdb-check",
                "synthetic_data: true",
                "inputs:",
                "  incidents: {path: " + incidents + ", format: csv}",
                "  population: {path: "
                    + Fixtures.file("data/sample/population.csv")
                    + ", format: csv}",
                "reporting_years: {first: 2019, last: 2024}",
                "output: {path: " + tmp.resolve("out") + "}"));
    CheckedInput<org.apache.spark.sql.Dataset<org.apache.spark.sql.Row>> input =
        JobInputs.check(JobConfig.load(job, null)).incidents();
    Validated validated = input.readAndValidate(new InputReader(spark));
    quarantined = validated.counts().quarantined();
    table = CountTable.count(input.from(validated), MARGINS, Set.of());
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
      duck =
          DuckCountTable.count(
              c, DuckCountTable.source(incidents.toString(), "csv"), false, MARGINS);
    }
  }

  @Test
  void everyCellAgreesWithCountTable() {
    assertEquals(1, quarantined, "the added duplicate row, and only it, is quarantined");
    assertTrue(duck.size() > 4_000, "DuckDB cells: " + duck.size());
    List<String> differences = DuckCountTable.differences(table, duck, YEARS);
    assertEquals(List.of(), differences.subList(0, Math.min(20, differences.size())));
    // Both sides see multi-child incidents and the clustered sums.
    CountTable.Cell total = CountTable.Cell.EMPTY;
    for (int y : YEARS) {
      for (String t : org.safeguardstats.counts.Characteristics.incidentTypes()) {
        total = total.plus(table.cell(Margin.TOTAL, y, t, "", ""));
      }
    }
    assertEquals(3_883, total.children());
    assertTrue(total.childrenSquared() > total.children(), "siblings make Σ m² exceed Σ m");
  }

  @Test
  void aPerturbedCellIsCaught() {
    Map<DuckCountTable.Key, CountTable.Cell> perturbed = new LinkedHashMap<>(duck);
    DuckCountTable.Key some =
        duck.keySet().stream()
            .filter(k -> k.margin().contains(" x ") && k.first().equals(CountTable.RECORDED))
            .findFirst()
            .orElseThrow();
    CountTable.Cell c = duck.get(some);
    perturbed.put(
        some,
        new CountTable.Cell(
            c.children(), c.incidents(), c.childrenSquared(), c.childrenCross() + 1));
    List<String> differences = DuckCountTable.differences(table, perturbed, YEARS);
    assertEquals(1, differences.size(), differences.toString());
    assertTrue(differences.get(0).startsWith(some.margin()), differences.get(0));
    // A cell only one side has is caught too.
    perturbed = new LinkedHashMap<>(duck);
    perturbed.put(
        new DuckCountTable.Key("sex", 2024, "death", "no_such_category", ""),
        new CountTable.Cell(1, 1, 1, 1));
    assertEquals(1, DuckCountTable.differences(table, perturbed, YEARS).size());
  }
}
