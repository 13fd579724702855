package org.safeguardstats.job;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safeguardstats.config.JobConfig;
import org.safeguardstats.testing.Fixtures;
import org.safeguardstats.testing.SparkTestBase;

/** The shipped job on the shipped sample, end to end; and the same with bad rows mixed in. */
class AnnualReportTest extends SparkTestBase {
  @TempDir static Path tmp;
  static final List<String> TABLES = SafeguardStatsJob.TABLES;

  static String run(JobConfig job) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    SafeguardStatsJob.run(spark, job, new PrintStream(buf, true, StandardCharsets.UTF_8));
    return buf.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theSampleRunPrintsTheHeadlineAndWritesEveryOutput() throws Exception {
    Path out = tmp.resolve("sample");
    JobConfig job = JobConfig.load(Fixtures.file("jobs/annual-report.yaml"), out.toString());
    String printed = run(job);
    // The Panel's 2023-24 story the sample is calibrated to (data/sample/README.md).
    assertTrue(
        printed.contains(
            "330 serious incidents were notified in 2023-24: 49% deaths, 48% serious harm and 3% other."),
        printed);
    assertTrue(
        printed.contains("In 2023-24, notifications fell by 18% (from 402 to 330;"), printed);
    assertTrue(printed.contains("SYNTHETIC"), printed);
    assertTrue(printed.contains("Output: " + out.resolve("latest")), printed);
    for (String stage :
        List.of("read and validate incidents", "count \\(one scan", "write tables")) {
      assertTrue(
          printed.matches("(?s).*" + stage + ".*\\d+\\.\\d s.*"), stage + " timed in\n" + printed);
    }
    for (String t : TABLES) {
      Dataset<Row> d = spark.read().parquet(out.resolve("latest/internal").resolve(t).toString());
      if (!t.equals("quarantine")) {
        assertTrue(d.count() > 0, t);
        assertEquals(0, d.filter(col("synthetic").notEqual(true)).count(), t + " says synthetic");
        assertEquals(2, d.select("confidence_level").distinct().count(), t + " has both levels");
      }
      for (StructField f : d.schema().fields()) {
        if (f.dataType().equals(DataTypes.DoubleType)) {
          assertEquals(
              0,
              d.filter(
                      col(f.name())
                          .isNaN()
                          .or(
                              col(f.name())
                                  .isin(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)))
                  .count(),
              t + "." + f.name() + " holds NaN or Infinity");
        }
      }
    }
    // The job's extra pooled period (2021-22 to 2023-24) sums its three years.
    Dataset<Row> rep =
        spark
            .read()
            .parquet(out.resolve("latest/internal/representation").toString())
            .filter(
                "characteristic = 'ethnicity' and category = 'black' and standardisation = 'none' and confidence_level = 0.95");
    long yearly =
        rep
            .filter("period_type = 'year' and first_year >= 2022")
            .select("observed")
            .as(org.apache.spark.sql.Encoders.LONG())
            .collectAsList()
            .stream()
            .mapToLong(Long::longValue)
            .sum();
    Row pooled =
        rep.filter("period = '2021-22 to 2023-24'").select("observed", "population_source").first();
    assertEquals(yearly, pooled.getLong(0));
    assertTrue(pooled.getString(1).startsWith("synthetic"), pooled.getString(1));
    JsonNode manifest = new ObjectMapper().readTree(out.resolve("latest/manifest.json").toFile());
    for (String field :
        List.of(
            "run_id",
            "job",
            "inputs",
            "row_accounting",
            "code_version",
            "spark_version",
            "stage_timings",
            "outputs")) {
      assertTrue(manifest.has(field), "manifest has " + field);
    }
    List<String> written = new ArrayList<>();
    manifest.path("outputs").path("internal").fieldNames().forEachRemaining(written::add);
    assertEquals(TABLES, written, "every table written is one this test scans");
    assertEquals(
        Files.size(Fixtures.file("data/sample/incidents.csv")),
        manifest.path("inputs").path("incidents").path("files").get(0).path("size_bytes").asLong());
    assertEquals(
        64,
        manifest
            .path("inputs")
            .path("incidents")
            .path("files")
            .get(0)
            .path("sha256")
            .asText()
            .length());
    manifest
        .path("row_accounting")
        .forEach(
            a ->
                assertEquals(
                    a.path("read").asLong(),
                    a.path("accepted").asLong() + a.path("quarantined").asLong()));
    assertEquals(
        Files.readAllLines(Fixtures.file("data/sample/incidents.csv")).size() - 1,
        manifest.path("row_accounting").path("incidents").path("read").asLong());
    assertEquals(
        "2023-24",
        spark
            .read()
            .parquet(out.resolve("latest/internal/year_on_year").toString())
            .filter("period_type = 'year' and first_year = 2024")
            .select("period")
            .first()
            .getString(0));
  }

  @Test
  void badRowsMixedInAreQuarantinedWithReasonsAndTheRunFinishes() throws Exception {
    List<String> lines =
        new ArrayList<>(Files.readAllLines(Fixtures.file("data/sample/incidents.csv")));
    int goodRows = lines.size() - 1;
    String[] header = lines.get(0).split(",", -1);
    String[] first = lines.get(1).split(",", -1);
    Map<Integer, String> bad = new TreeMap<>();
    // Mixed in at known lines: a bad date, an unknown ethnicity code, a death without a cause,
    // a duplicate of the first row, and a row with its age missing and a bad sex.
    bad.put(10, edit(header, first, "incident_id", "BAD-1", "notification_date", "2024-02-30"));
    bad.put(100, edit(header, first, "incident_id", "BAD-2", "ethnicity", "ZZZZ"));
    bad.put(
        1000,
        edit(header, first, "incident_id", "BAD-3", "incident_type", "death", "likely_cause", ""));
    bad.put(2000, String.join(",", first));
    bad.put(
        3000,
        edit(header, first, "incident_id", "BAD-5", "age_years", "", "age_band", "", "sex", "x"));
    bad.forEach((line, row) -> lines.add(line - 1, row));
    Path incidents = Fixtures.write(tmp, "incidents-with-bad-rows.csv", lines);
    Path job =
        Fixtures.jobFile(
            tmp,
            incidents.toString(),
            Fixtures.file("data/sample/population.csv").toString(),
            null,
            2019,
            2024,
            "[0.95]",
            tmp.resolve("bad"));
    String printed = run(JobConfig.load(job, null));
    assertTrue(
        printed.contains(
            String.format("%,d rows read = %,d accepted + 5 quarantined", goodRows + 5, goodRows)),
        printed);

    Dataset<Row> q =
        spark
            .read()
            .parquet(tmp.resolve("bad/latest/internal/quarantine").toString())
            .filter("input = 'incidents'");
    Map<Long, List<String>> reasons = new TreeMap<>();
    q.collectAsList()
        .forEach(r -> reasons.put(r.getAs("source_row"), r.getList(r.fieldIndex("reasons"))));
    assertEquals(
        bad.keySet().stream().map(Integer::longValue).toList(), List.copyOf(reasons.keySet()));
    assertEquals(List.of("notification_date: not a date (yyyy-MM-dd)"), reasons.get(10L));
    assertEquals(
        List.of("ethnicity: unknown code (see data-schemas/code-lists/ethnicity.csv)"),
        reasons.get(100L));
    assertTrue(
        reasons.get(1000L).contains("likely_cause: required for a death"),
        reasons.get(1000L).toString());
    assertEquals(
        List.of("incident_id, child_ref: duplicate of an earlier row"), reasons.get(2000L));
    assertEquals(
        List.of(
            "sex: not one of male, female, not_recorded",
            "age_years: missing (give age_years, or age_band with not_recorded when unknown)"),
        reasons.get(3000L));

    JsonNode accounting =
        new ObjectMapper()
            .readTree(tmp.resolve("bad/latest/manifest.json").toFile())
            .path("row_accounting")
            .path("incidents");
    assertEquals(goodRows + 5, accounting.path("read").asLong());
    assertEquals(
        accounting.path("read").asLong(),
        accounting.path("accepted").asLong() + accounting.path("quarantined").asLong());
    assertEquals(q.count(), accounting.path("quarantined").asLong());
    assertEquals(5, accounting.path("quarantined").asLong(), "the sample itself is clean");
  }

  static String edit(String[] header, String[] row, String... fieldValues) {
    String[] r = row.clone();
    for (int i = 0; i < fieldValues.length; i += 2) {
      r[List.of(header).indexOf(fieldValues[i])] = fieldValues[i + 1];
    }
    return String.join(",", r);
  }
}
