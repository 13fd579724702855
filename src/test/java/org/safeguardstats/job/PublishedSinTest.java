package org.safeguardstats.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safeguardstats.config.JobConfig;
import org.safeguardstats.schema.CodeLists;
import org.safeguardstats.testing.Fixtures;
import org.safeguardstats.testing.SparkTestBase;

/**
 * jobs/published-sin.yaml on DfE's real published counts. Expected values are in
 * src/test/resources/published/expected-sin.csv, computed outside the project with scipy (its
 * source column says how).
 */
class PublishedSinTest extends SparkTestBase {
  @TempDir static Path tmp;
  static String printed;

  @BeforeAll
  static void runJob() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    JobConfig job =
        JobConfig.load(Fixtures.file("jobs/published-sin.yaml"), tmp.resolve("out").toString());
    SafeguardStatsJob.run(spark, job, new PrintStream(buf, true, StandardCharsets.UTF_8));
    printed = buf.toString(StandardCharsets.UTF_8);
  }

  static Dataset<Row> table(String name) {
    return spark.read().parquet(tmp.resolve("out/latest/internal").resolve(name).toString());
  }

  static double[] expected(String quantity, double level) throws Exception {
    for (String line : Fixtures.resourceLines("/published/expected-sin.csv")) {
      List<String> c = CodeLists.cells(line);
      if (c.get(0).equals(quantity) && Double.parseDouble(c.get(1)) == level) {
        return new double[] {
          Double.parseDouble(c.get(2)),
          Double.parseDouble(c.get(3)),
          Double.parseDouble(c.get(4)),
          c.get(5).isEmpty() ? Double.NaN : Double.parseDouble(c.get(5))
        };
      }
    }
    throw new AssertionError("no expected value " + quantity + " at " + level);
  }

  static void close(double expected, double actual, String what) {
    assertEquals(expected, actual, Math.abs(expected) * 1e-9, what);
  }

  @Test
  void theManifestSaysEachInputsSyntaxAndShape() throws Exception {
    JsonNode inputs =
        new ObjectMapper()
            .readTree(tmp.resolve("out/latest/manifest.json").toFile())
            .path("inputs");
    for (String input : List.of("notifications", "population")) {
      assertEquals("csv", inputs.path(input).path("format").asText(), input);
      assertEquals("ees", inputs.path(input).path("shape").asText(), input);
    }
  }

  @Test
  void changeFrom2023to24To2024to25AndRatesMatchIndependentValues() throws Exception {
    for (double level : List.of(0.95, 0.998)) {
      Row r =
          table("year_on_year")
              .filter("category = 'all' and period = '2024-25' and confidence_level = " + level)
              .select(
                  "count",
                  "previous_count",
                  "ratio",
                  "ratio_lower",
                  "ratio_upper",
                  "p_value",
                  "rate_ratio",
                  "rate_ratio_lower",
                  "rate_ratio_upper",
                  "rate_p_value")
              .first();
      assertEquals(338L, r.getLong(0));
      assertEquals(405L, r.getLong(1));
      double[] count = expected("count_change_2025_vs_2024", level);
      double[] rate = expected("rate_change_2025_vs_2024", level);
      for (int i = 0; i < 4; i++) {
        close(count[i], r.getDouble(2 + i), "count change column " + i + " at " + level);
        close(rate[i], r.getDouble(6 + i), "rate change column " + i + " at " + level);
      }
      Row y =
          table("year_on_year")
              .filter("category = 'all' and period = '2023-24' and confidence_level = " + level)
              .select(
                  "rate_per_100000",
                  "rate_lower",
                  "rate_upper",
                  "rate_method",
                  "population",
                  "population_year")
              .first();
      double[] r2024 = expected("rate_per_100000_2024", level);
      for (int i = 0; i < 3; i++) {
        close(r2024[i], y.getDouble(i), "2024 rate column " + i + " at " + level);
      }
      assertEquals("byar", y.getString(3));
      assertEquals(11886910L, y.getLong(4));
      assertEquals("2024", y.getString(5));
    }
    assertTrue(
        printed.contains(
            "2024-25: 338 notifications, 17% fewer than 2023-24 (95% CI -28% to -3%; p = 0.015)"),
        printed);
  }

  @Test
  void notAvailableCountsStayMissingNeverZero() {
    Row death2019 =
        table("year_on_year")
            .filter("category = 'death' and period = '2018-19' and confidence_level = 0.95")
            .select("count", "count_null_reason", "share", "share_null_reason", "total")
            .first();
    assertTrue(death2019.isNullAt(0));
    assertEquals("not_available (x)", death2019.getString(1));
    assertTrue(death2019.isNullAt(2));
    assertEquals("not_available (x)", death2019.getString(3));
    assertEquals(498L, death2019.getLong(4), "the published total stands");
    Row death2021 =
        table("year_on_year")
            .filter("category = 'death' and period = '2020-21' and confidence_level = 0.95")
            .select("count", "change_null_reason")
            .first();
    assertEquals(223L, death2021.getLong(0));
    assertEquals("previous_not_available (x)", death2021.getString(1));
    assertEquals(
        "not_available (x)",
        table("year_on_year")
            .filter("category = 'death' and period_type = 'pooled' and confidence_level = 0.95")
            .select("count_null_reason")
            .first()
            .getString(0));
    assertEquals(
        0,
        table("year_on_year")
            .filter("first_year <= 2020 and category <> 'all' and count is not null")
            .count(),
        "no 2019 or 2020 breakdown was made up");
    Row trend =
        table("trend")
            .filter("category = 'death' and exposure = 'none' and confidence_level = 0.95")
            .select("years", "counts", "annual_percent_change")
            .first();
    assertEquals(6, trend.getInt(0), "fitted on the six years with a count");
    assertTrue(
        trend
            .getString(1)
            .startsWith(
                "{\"2019\":\"not_available (x)\",\"2020\":\"not_available (x)\",\"2021\":223"),
        trend.getString(1));
    assertTrue(!trend.isNullAt(2));
  }

  @Test
  void shareOfChildDeathsAndItsChange() {
    // 2025-26: 160 child deaths of 357 notifications; 2024-25: 162 of 338.
    Row r =
        table("share_changes")
            .filter(
                "category = 'death' and period = '2025-26' and previous_period = '2024-25' and confidence_level = 0.95")
            .select("count", "total", "previous_count", "previous_total", "difference_pp", "method")
            .first();
    assertEquals(
        List.of(160L, 357L, 162L, 338L),
        List.of(r.getLong(0), r.getLong(1), r.getLong(2), r.getLong(3)));
    close(100 * (160.0 / 357 - 162.0 / 338), r.getDouble(4), "difference in percentage points");
    assertEquals("newcombe_wilson", r.getString(5));
    assertEquals(0, table("quarantine").count());
  }

  @Test
  void regionalRowsAreSummedAndNationalRowsIgnoredAtTheRegionalLevel() {
    Path file =
        Fixtures.write(
            tmp,
            "regional.csv",
            List.of(
                "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,nature_of_notification,number_notifications",
                "2024,Reporting year,National,E92000001,England,,,Total,405",
                "2024,Reporting year,Regional,E92000001,England,E12000001,North East,Total,20",
                "2024,Reporting year,Regional,E92000001,England,E12000002,North West,Total,70",
                "2025,Reporting year,Regional,E92000001,England,E12000001,North East,Total,30",
                "2025,Reporting year,Regional,E92000001,England,E12000002,North West,Total,c"));
    Path job =
        Fixtures.write(
            tmp,
            "regional.yaml",
            List.of(
                "name: regional-test",
                "inputs:",
                "  notifications: {path: " + file + ", format: csv, shape: ees}",
                "aggregate: {geographic_level: Regional, count_indicator: number_notifications, filter: nature_of_notification,",
                "  categories: {Total: all}}",
                "reporting_years: {first: 2024, last: 2025}",
                "output: {path: " + tmp.resolve("regional-out") + "}"));
    SafeguardStatsJob.run(
        spark,
        JobConfig.load(job, null),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    List<Row> rows =
        spark
            .read()
            .parquet(tmp.resolve("regional-out/latest/internal/year_on_year").toString())
            .filter("category = 'all' and period_type = 'year' and confidence_level = 0.95")
            .orderBy("first_year")
            .select("count", "count_null_reason")
            .collectAsList();
    assertEquals(90L, rows.get(0).getLong(0), "20 + 70; the national row is another level");
    assertTrue(rows.get(1).isNullAt(0), "one suppressed region makes the sum missing");
    assertEquals("suppressed (c)", rows.get(1).getString(1));
  }

  @Test
  void symbolsAndBadCellsInAnEesFile() throws Exception {
    Path file =
        Fixtures.write(
            tmp,
            "sin.csv",
            List.of(
                "time_period,time_identifier,geographic_level,country_code,country_name,nature_of_notification,number_notifications,other_filter",
                "202324,Financial year,National,E92000001,England,Total,405,a",
                "202324,Financial year,National,E92000001,England,Child death,c,a",
                "202324,Financial year,National,E92000001,England,Serious harm,:,a",
                "202324,Financial year,National,E92000001,England,Something else,5,a",
                "2024-25,Financial year,National,E92000001,England,Other,3,a"));
    Path job =
        Fixtures.write(
            tmp,
            "job.yaml",
            List.of(
                "name: ees-test",
                "inputs:",
                "  notifications: {path: " + file + ", format: csv, shape: ees}",
                "aggregate: {geographic_level: National, count_indicator: number_notifications, filter: nature_of_notification,",
                "  categories: {Total: all, Child death: death, Serious harm: serious_harm, Other: other}}",
                "reporting_years: {first: 2024, last: 2024}",
                "output: {path: " + tmp.resolve("ees-out") + "}"));
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    SafeguardStatsJob.run(
        spark, JobConfig.load(job, null), new PrintStream(buf, true, StandardCharsets.UTF_8));
    Dataset<Row> q =
        spark
            .read()
            .parquet(tmp.resolve("ees-out/latest/internal/quarantine").toString())
            .orderBy("source_row");
    List<Row> rows = q.select("source_row", "reasons").collectAsList();
    assertEquals(3, rows.size(), buf.toString(StandardCharsets.UTF_8));
    assertEquals(4L, rows.get(0).getLong(0));
    assertEquals(
        List.of("number_notifications: does not match ^([0-9]+|c|x|z|low|u)$"),
        rows.get(0).getList(1));
    assertEquals(
        List.of(
            "nature_of_notification: not one of the job's categories (Child death, Other, Serious harm, Total)"),
        rows.get(1).getList(1));
    assertEquals(
        List.of("time_period: does not match ^[0-9]{4}([0-9]{2})?$"), rows.get(2).getList(1));
    Row death =
        spark
            .read()
            .parquet(tmp.resolve("ees-out/latest/internal/year_on_year").toString())
            .filter("category = 'death' and period = '2023-24'")
            .select("count", "count_null_reason")
            .first();
    assertTrue(death.isNullAt(0));
    assertEquals("suppressed (c)", death.getString(1));
  }
}
