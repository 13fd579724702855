package org.safeguardstats.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safeguardstats.config.InvalidInputException;
import org.safeguardstats.config.JobConfig;
import org.safeguardstats.io.Syntax;
import org.safeguardstats.testing.Fixtures;

/** Each input's shape is the one its job file names, and is preflighted without Spark. */
class JobInputsTest {
  @TempDir Path tmp;

  static final String SMALL = "src/test/resources/fixtures/small/";

  /** The small record-level job with its population line replaced. */
  JobConfig recordJob(String populationLine) throws IOException {
    Path job =
        Fixtures.jobFile(
            tmp,
            Fixtures.file(SMALL + "incidents.csv").toString(),
            "unused.csv",
            null,
            2023,
            2024,
            "[0.95]",
            tmp.resolve("out"));
    List<String> lines =
        Files.readAllLines(job).stream()
            .map(l -> l.startsWith("  population:") ? populationLine : l)
            .toList();
    return JobConfig.load(Fixtures.write(tmp, "shaped.yaml", lines), null);
  }

  String problem(JobConfig job) {
    return assertThrows(InvalidInputException.class, () -> JobInputs.check(job)).getMessage();
  }

  @Test
  void theShippedJobsGetTheirShapes() {
    JobInputs annual =
        JobInputs.check(JobConfig.load(Fixtures.file("jobs/annual-report.yaml"), null));
    assertInstanceOf(IncidentRecords.class, annual.incidents().shape());
    assertInstanceOf(PopulationTable.class, annual.population().shape());
    assertInstanceOf(ReviewRecords.class, annual.reviews().shape());
    assertNull(annual.notifications());
    assertEquals("population", annual.population().shapeName());
    assertEquals(Syntax.CSV, annual.incidents().files().syntax());

    JobInputs published =
        JobInputs.check(JobConfig.load(Fixtures.file("jobs/published-sin.yaml"), null));
    assertInstanceOf(EesCounts.class, published.notifications().shape());
    assertInstanceOf(EesPopulation.class, published.population().shape());
    assertNull(published.incidents());
    // The EES schema carries the job's filter and indicator columns.
    assertTrue(published.notifications().schema().column("number_notifications").isPresent());
    assertTrue(published.population().schema().column("ons_midyear_population_0_17").isPresent());
  }

  @Test
  void onsMyeb1IsChosenByShapeAndReadWithTheHeadersYearColumns() throws IOException {
    Path myeb1 =
        Fixtures.write(
            tmp,
            "myeb1.csv",
            List.of(
                "ladcode21,laname21,country,sex,age,population_2022,population_2023",
                "E06000001,Hartlepool,E,1,0,100,110"));
    JobInputs inputs =
        JobInputs.check(
            recordJob("  population: {path: " + myeb1 + ", format: csv, shape: ons_myeb1}"));
    assertInstanceOf(OnsMyeb1.class, inputs.population().shape());
    assertEquals(
        List.of("country", "sex", "age", "population_2022", "population_2023"),
        inputs.population().schema().columnNames());
    assertEquals(List.of(myeb1), inputs.population().files().paths());
  }

  @Test
  void aShapeTheInputCannotTakeIsNamed() throws IOException {
    Path pop = Fixtures.file(SMALL + "population.csv");
    assertEquals(
        "Input population: inputs.population.shape census is not one of ees, ons_myeb1,"
            + " population",
        problem(recordJob("  population: {path: " + pop + ", format: csv, shape: census}")));
    assertEquals(
        "Input population: shape ees needs aggregate.population_indicator (the column holding"
            + " the 0-17 population) in a job on published counts",
        problem(recordJob("  population: {path: " + pop + ", format: csv, shape: ees}")));
    assertEquals(
        "Input population: shape ons_myeb1 is read from CSV only (format: csv), not jsonl",
        problem(recordJob("  population: {path: " + pop + ", format: jsonl, shape: ons_myeb1}")));
  }
}
