package org.safeguardstats.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safeguardstats.testing.Fixtures;

class JobConfigTest {
  @TempDir Path tmp;

  static final List<String> MINIMAL =
      List.of(
          "name: minimal",
          "inputs:",
          "  incidents: {path: in.csv, format: csv}",
          "  population: {path: pop.csv, format: csv}",
          "reporting_years: {first: 2020, last: 2024}",
          "output: {path: out}");

  JobConfig load(List<String> lines) {
    return JobConfig.load(Fixtures.write(tmp, "job.yaml", lines), null);
  }

  String problem(List<String> lines) {
    return assertThrows(InvalidInputException.class, () -> load(lines)).getMessage();
  }

  static List<String> replace(String from, String to) {
    return MINIMAL.stream().map(l -> l.startsWith(from) ? to : l).toList();
  }

  @Test
  void theShippedAnnualReportJobLoads() {
    JobConfig job = JobConfig.load(Fixtures.file("jobs/annual-report.yaml"), null);
    assertEquals(2019, job.firstYear());
    assertEquals(2024, job.lastYear());
    assertEquals(List.of(0.95, 0.998), job.confidenceLevels());
    assertTrue(job.syntheticData());
    assertEquals("csv", job.input("incidents").format());
    assertTrue(Path.of(job.input("incidents").path()).isAbsolute());
  }

  @Test
  void defaultsAreFilledInAndRecordedInTheJobAsRun() {
    JobConfig job = load(MINIMAL);
    assertEquals(List.of(0.95), job.confidenceLevels());
    assertEquals("white", job.referenceGroup());
    assertEquals(false, job.syntheticData());
    assertEquals(0.95, job.asRun().path("confidence_levels").get(0).asDouble());
    assertEquals("white", job.asRun().path("reference_group").asText());
  }

  @Test
  void commandLineOutputOverridesTheJobFile() {
    JobConfig job =
        JobConfig.load(
            Fixtures.write(tmp, "job.yaml", MINIMAL), tmp.resolve("elsewhere").toString());
    assertEquals(tmp.resolve("elsewhere").toString(), job.outputPath());
    assertEquals(job.outputPath(), job.asRun().path("output").path("path").asText());
  }

  @Test
  void problemsNameTheField() {
    assertTrue(
        problem(MINIMAL.stream().filter(l -> !l.startsWith("  incidents")).toList())
            .contains(
                "inputs must name either incidents (records) or notifications (published counts), not neither"));
    List<String> bothInputs = new java.util.ArrayList<>(MINIMAL);
    bothInputs.add(3, "  notifications: {path: sin.csv, format: csv, shape: ees}");
    assertTrue(problem(bothInputs).contains("not both"), problem(bothInputs));
    List<String> noAggregate =
        replace("  incidents", "  notifications: {path: sin.csv, format: csv, shape: ees}");
    assertTrue(
        problem(noAggregate).contains("inputs.notifications needs an aggregate section"),
        problem(noAggregate));
    assertTrue(
        problem(replace("  incidents", "  incidents: {path: in.csv, format: xlsx}"))
            .contains("$.inputs.incidents.format: does not have a value in the enumeration"));
    List<String> badLevel = new java.util.ArrayList<>(MINIMAL);
    badLevel.add("confidence_levels: [1.5]");
    assertTrue(problem(badLevel).contains("$.confidence_levels[0]"), problem(badLevel));
    List<String> unknown = new java.util.ArrayList<>(MINIMAL);
    unknown.add("confidence_level: 0.95");
    assertTrue(problem(unknown).contains("confidence_level"), problem(unknown));
    assertTrue(
        problem(replace("reporting_years", "reporting_years: {first: 2024, last: 2020}"))
            .contains("reporting_years.first (2024) is after reporting_years.last (2020)"));
    assertTrue(problem(List.of("name: [unclosed")).contains("cannot be read as YAML"));
    List<String> pooled = new java.util.ArrayList<>(MINIMAL);
    pooled.add("pooled_periods: [{first: 2019, last: 2021}]");
    assertTrue(
        problem(pooled)
            .contains(
                "pooled_periods entry 2019 to 2021 must span at least two years within reporting_years"),
        problem(pooled));
  }

  @Test
  void completeYearsAreReportingYearsOfARecordLevelJob() {
    assertEquals(java.util.Set.of(), load(MINIMAL).completeYears());
    assertEquals(0, load(MINIMAL).asRun().path("complete_years").size());
    List<String> complete = new java.util.ArrayList<>(MINIMAL);
    complete.add("complete_years: [2024, 2023]");
    assertEquals(java.util.Set.of(2023, 2024), load(complete).completeYears());
    List<String> outside = new java.util.ArrayList<>(MINIMAL);
    outside.add("complete_years: [2025]");
    assertTrue(
        problem(outside)
            .contains("complete_years entry 2025 is not within reporting_years (2020 to 2024)"),
        problem(outside));
    List<String> published =
        new java.util.ArrayList<>(
            replace("  incidents", "  notifications: {path: sin.csv, format: csv, shape: ees}"));
    published.add("complete_years: [2024]");
    published.add(
        "aggregate: {geographic_level: National, count_indicator: n, filter: f,"
            + " categories: {Total: all}}");
    assertTrue(
        problem(published).contains("complete_years is only for inputs.incidents"),
        problem(published));
  }

  @Test
  void aFormatThatNamedAShapeSaysHowToWriteItNow() {
    assertEquals(
        "Job file "
            + tmp.resolve("job.yaml")
            + ": inputs.population.format: ons_myeb1 is a table shape now, not a file format;"
            + " write {path: pop.csv, format: csv, shape: ons_myeb1}",
        problem(replace("  population", "  population: {path: pop.csv, format: ons_myeb1}")));
    String ees = problem(replace("  incidents", "  notifications: {path: sin.csv, format: ees}"));
    assertTrue(
        ees.endsWith(
            ": inputs.notifications.format: ees is a table shape now, not a file format;"
                + " write {path: sin.csv, format: csv, shape: ees}"),
        ees);
  }

  @Test
  void theShapeIsReadBesideTheFormat() {
    JobConfig job =
        load(replace("  population", "  population: {path: pop.csv, format: csv, shape: ees}"));
    assertEquals("csv", job.input("population").format());
    assertEquals("ees", job.input("population").shape());
    assertNull(load(MINIMAL).input("population").shape());
  }

  @Test
  void reportingYearLabels() {
    assertEquals("2023-24", JobConfig.yearLabel(2024));
    assertEquals("1999-00", JobConfig.yearLabel(2000));
  }

  @Test
  void outputTiersKeepRunsAndDisclosureHaveDefaults() {
    JobConfig job = load(MINIMAL);
    assertEquals(List.of("internal", "published"), job.outputTiers());
    assertTrue(job.writes(JobConfig.INTERNAL) && job.writes(JobConfig.PUBLISHED));
    assertEquals(10, job.keepRuns());
    assertEquals(new JobConfig.Disclosure("dfe", null), job.disclosure());
    assertEquals(
        "[\"internal\",\"published\"]", job.asRun().path("output").path("tiers").toString());
    assertEquals(10, job.asRun().path("output").path("keep_runs").asInt());
    assertEquals("dfe", job.asRun().path("disclosure").path("profile").asText());
    assertTrue(job.asRun().path("disclosure").path("threshold").isMissingNode());
  }

  @Test
  void outputTiersKeepRunsAndDisclosureAreRead() {
    List<String> lines =
        new java.util.ArrayList<>(
            replace("output:", "output: {path: out, tiers: [internal], keep_runs: 3}"));
    lines.add("disclosure: {profile: acro, threshold: 7}");
    JobConfig job = load(lines);
    assertEquals(List.of("internal"), job.outputTiers());
    assertEquals(false, job.writes(JobConfig.PUBLISHED));
    assertTrue(
        problem(replace("output:", "output: {path: out, tiers: [published]}"))
            .contains("output.tiers must include internal"),
        "a run that would write nothing is refused");
    assertEquals(3, job.keepRuns());
    assertEquals(new JobConfig.Disclosure("acro", 7), job.disclosure());
    assertEquals(7, job.asRun().path("disclosure").path("threshold").asInt());
    assertTrue(
        problem(replace("output:", "output: {path: out, tiers: [public]}"))
            .contains("$.output.tiers[0]"),
        problem(replace("output:", "output: {path: out, tiers: [public]}")));
    assertTrue(
        problem(replace("output:", "output: {path: out, tiers: []}")).contains("$.output.tiers"));
    assertTrue(
        problem(replace("output:", "output: {path: out, keep_runs: 0}"))
            .contains("$.output.keep_runs"));
    List<String> zero = new java.util.ArrayList<>(MINIMAL);
    zero.add("disclosure: {threshold: 0}");
    assertTrue(problem(zero).contains("$.disclosure.threshold"), problem(zero));
  }
}
