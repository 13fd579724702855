package org.safeguardstats.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safeguardstats.config.InvalidInputException;
import org.safeguardstats.config.JobConfig;
import org.safeguardstats.input.JobInputs;
import org.safeguardstats.testing.Fixtures;
import org.safeguardstats.testing.SparkTestBase;

/**
 * A population given in the shape of ONS's MYEB1 download, with hand-summed expected totals (one
 * row uses the letter sex code of newer releases).
 */
class OnsPopulationTest extends SparkTestBase {
  @TempDir static Path tmp;

  static final List<String> MYEB1 =
      List.of(
          "ladcode21,laname21,country,sex,age,population_2022,population_2023",
          "E06000001,Hartlepool,E,1,0,100,110",
          "E06000001,Hartlepool,E,F,0,90,95",
          "E06000002,Middlesbrough,E,1,0,200,210",
          "E06000002,Middlesbrough,E,1,17,150,160",
          "E06000002,Middlesbrough,E,1,18,999,999",
          "W06000001,Isle of Anglesey,W,1,0,500,500",
          "E06000003,Redcar and Cleveland,E,1,5,abc,10");

  static Path job(Path population) {
    String dir = "src/test/resources/fixtures/small/";
    Path job =
        Fixtures.jobFile(
            tmp,
            Fixtures.file(dir + "incidents.csv").toString(),
            population.toString(),
            null,
            2023,
            2024,
            "[0.95]",
            tmp.resolve("out"));
    return Fixtures.write(
        tmp,
        "ons-job.yaml",
        List.of(
            String.join(
                "\n",
                java.util.Arrays.stream(readAll(job))
                    .map(
                        l ->
                            l.startsWith("  population:")
                                ? "  population: {path: "
                                    + population
                                    + ", format: csv, shape: ons_myeb1}"
                                : l)
                    .toList())));
  }

  static String[] readAll(Path p) {
    try {
      return java.nio.file.Files.readAllLines(p).toArray(String[]::new);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void englandAgedZeroToSeventeenSummedAndMidYearMatchedToItsReportingYear() {
    Path population = Fixtures.write(tmp, "myeb1.csv", MYEB1);
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    SafeguardStatsJob.run(
        spark,
        JobConfig.load(job(population), null),
        new PrintStream(buf, true, StandardCharsets.UTF_8));
    // Mid-2023 (reporting year 2023-24), England, ages 0-17: 110 + 95 + 210 + 160 = 575; the
    // age-18 row, Wales and the quarantined Redcar row are out. Mid-2022 (2022-23): 540.
    Row y =
        spark
            .read()
            .parquet(tmp.resolve("out/latest/internal/year_on_year").toString())
            .filter("measure = 'incidents' and category = 'all' and period = '2023-24'")
            .select("population", "population_year", "rate_per_100000", "previous_population")
            .first();
    assertEquals(575L, y.getLong(0));
    assertEquals("2024", y.getString(1));
    assertEquals(4 / 575.0 * 100000, y.getDouble(2), 1e-9);
    assertEquals(540L, y.getLong(3));
    Row male =
        spark
            .read()
            .parquet(tmp.resolve("out/latest/internal/representation").toString())
            .filter("characteristic = 'sex' and category = 'male' and period = '2023-24'")
            .select("population", "population_total", "population_source")
            .first();
    assertEquals(480L, male.getLong(0));
    assertEquals(575L, male.getLong(1));
    assertTrue(
        male.getString(2).contains("ONS mid-year estimates MYEB1 (myeb1.csv), mid-2023"),
        male.getString(2));
    List<Row> q =
        spark
            .read()
            .parquet(tmp.resolve("out/latest/internal/quarantine").toString())
            .select("source_row", "reasons")
            .collectAsList();
    assertEquals(1, q.size());
    assertEquals(8L, q.get(0).getLong(0));
    assertEquals(List.of("population_2022: does not match ^[0-9]+$"), q.get(0).getList(1));
  }

  @Test
  void aFileWithoutPopulationColumnsIsRejectedBeforeSparkWork() {
    Path population =
        Fixtures.write(
            tmp, "not-myeb1.csv", List.of("ladcode21,country,sex,age,people", "E06000001,E,1,0,5"));
    JobConfig job = JobConfig.load(job(population), null);
    String message =
        assertThrows(InvalidInputException.class, () -> JobInputs.check(job)).getMessage();
    assertEquals(
        "Input population: " + population + " row 1: no population_YYYY column (ONS MYEB1 shape)",
        message);
  }
}
