package org.safeguardstats.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safeguardstats.analysis.PoissonTrend;
import org.safeguardstats.config.JobConfig;
import org.safeguardstats.testing.Fixtures;
import org.safeguardstats.testing.SparkTestBase;
import org.safeguardstats.testing.TrendReference;

/**
 * Whole jobs on the trend's degenerate inputs (issue 8), which used to stop the run: a flat series
 * (MLlib gives it no standard error) and an upper limit beyond any double. Each runs to the end and
 * writes its trend rows. Incidents are the small fixture's first row with a new id and date; the
 * population is the small fixture's (1,000 children) for every year. Expected values: {@link
 * TrendReference} (the independent 40-digit IRLS).
 */
class TrendJobTest extends SparkTestBase {
  static final String SMALL = "src/test/resources/fixtures/small/";
  @TempDir Path tmp;

  /** Runs a job over first..last with the given incidents a year, each {type: counts}. */
  private Result run(int first, int last, String levels, String[] types, long[][] counts)
      throws Exception {
    List<String> template = Fixtures.resourceLines("/fixtures/small/incidents.csv");
    List<String> incidents = new ArrayList<>(List.of(template.get(0)));
    int id = 0;
    for (int t = 0; t < types.length; t++) {
      for (int y = first; y <= last; y++) {
        for (long k = 0; k < counts[t][y - first]; k++) {
          // reporting year y runs from 1 April y-1 to 31 March y
          incidents.add(
              template
                  .get(1)
                  .replaceFirst("^A,C1,2022-05-10,", "I" + id++ + ",C1," + (y - 1) + "-06-01,")
                  .replace(",death,true,sudi,", "," + types[t] + ",true,sudi,"));
        }
      }
    }
    List<String> small = Fixtures.resourceLines("/fixtures/small/population.csv");
    List<String> population = new ArrayList<>(List.of(small.get(0)));
    for (int y = first; y <= last; y++) {
      for (String line : small.subList(1, small.size())) {
        if (line.startsWith("2024,")) {
          population.add(y + line.substring(4));
        }
      }
    }
    Path job =
        Fixtures.jobFile(
            tmp,
            Fixtures.write(tmp, "incidents.csv", incidents).toString(),
            Fixtures.write(tmp, "population.csv", population).toString(),
            null,
            first,
            last,
            levels,
            tmp.resolve("out"));
    // The series' zeros are real: a year with no incident at all is declared complete, or it
    // would be missing (no_records) rather than zero.
    List<String> years = new ArrayList<>();
    for (int y = first; y <= last; y++) {
      years.add(String.valueOf(y));
    }
    java.nio.file.Files.writeString(
        job,
        "complete_years: [" + String.join(", ", years) + "]\n",
        java.nio.file.StandardOpenOption.APPEND);
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    SafeguardStatsJob.run(
        spark, JobConfig.load(job, null), new PrintStream(printed, true, StandardCharsets.UTF_8));
    List<Row> trend =
        spark
            .read()
            .parquet(tmp.resolve("out/latest/internal/trend").toString())
            .filter("measure = 'incidents'")
            .collectAsList();
    return new Result(trend);
  }

  private record Result(List<Row> trend) {
    Row row(String category, String exposure, double level) {
      return trend.stream()
          .filter(
              r ->
                  r.getAs("category").equals(category)
                      && r.getAs("exposure").equals(exposure)
                      && (double) r.getAs("confidence_level") == level)
          .findFirst()
          .orElseThrow();
    }
  }

  /** A trend row's values as a fit result, to compare with the reference. */
  private static void assertRow(String reference, Row r) {
    TrendReference.assertAgrees(
        reference,
        new PoissonTrend.Result(
            r.getAs("years"),
            r.getAs("slope"),
            r.getAs("slope_standard_error"),
            r.getAs("annual_percent_change"),
            r.getAs("annual_percent_change_lower"),
            r.getAs("annual_percent_change_upper"),
            r.getAs("p_value"),
            r.getAs("dispersion"),
            r.getAs("null_reason"),
            r.getAs("confidence_level")));
    assertEquals(PoissonTrend.METHOD, r.getAs("method"));
  }

  @Test
  void oneDeathAYearOverFiveYearsIsAFlatTrend() throws Exception {
    Result run =
        run(2020, 2024, "[0.95, 0.999]", new String[] {"death"}, new long[][] {{1, 1, 1, 1, 1}});
    for (String category : List.of("all", "death")) {
      for (String exposure : List.of("none", "child_population")) {
        for (double level : List.of(0.95, 0.999)) {
          Row r = run.row(category, exposure, level);
          assertRow("flat_1_1_1_1_1", r);
          assertEquals(true, r.getAs("low_reliability"));
        }
      }
    }
    assertEquals("no_events", run.row("serious_harm", "none", 0.95).getAs("null_reason"));
  }

  @Test
  void anUpperLimitBeyondAnyDoubleIsNullAndTheRestOfTheRowKept() throws Exception {
    Result run =
        run(2020, 2024, "[0.95, 0.999]", new String[] {"death"}, new long[][] {{1, 0, 0, 2, 1000}});
    assertRow("five_years_overflow", run.row("death", "none", 0.95));
    Row overflow = run.row("death", "none", 0.999);
    assertRow("five_years_overflow", overflow);
    assertEquals("upper_limit_overflow", overflow.getAs("null_reason"));
    assertTrue(overflow.isNullAt(overflow.fieldIndex("annual_percent_change_upper")));
  }

  /** Issue 8's three-year jobs: one death a year, and serious harm 0, 1, 0 at 0.95 and 0.999. */
  @Test
  void threeYearJobsRunToTheEndWithTooFewYears() throws Exception {
    Result run =
        run(
            2022,
            2024,
            "[0.95, 0.999]",
            new String[] {"death", "serious_harm"},
            new long[][] {{1, 1, 1}, {0, 1, 0}});
    assertEquals(4 * 2 * 2, run.trend().size());
    for (Row r : run.trend()) {
      assertEquals("too_few_years", r.getAs("null_reason"));
      assertEquals(3, (int) r.getAs("years"));
    }
  }
}
