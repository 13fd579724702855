package org.safeguardstats.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.safeguardstats.config.JobConfig;
import org.safeguardstats.job.SafeguardStatsJob;
import org.safeguardstats.testing.Fixtures;
import org.safeguardstats.testing.SparkTestBase;

/**
 * Every table of three runs, cell by cell, against the tables written by the code before the
 * counting redesign (commit 6c9c807): the sample job, the published-figures job and a hand-made
 * input with quarantined rows ({@code fixtures/regression}). Doubles are compared exactly (their
 * shortest round-trip text). The expected files under {@code src/test/resources/regression/} were
 * written by this class from that commit's outputs, with {@code mvn test -Dtest=RegressionTest
 * -Dregression.record=DIR} where DIR holds {@code <job>/latest} of each job run at that commit.
 */
class RegressionTest extends SparkTestBase {
  @TempDir Path tmp;

  static Path jobFile(String job, Path dir) {
    if (!job.equals("regression")) {
      return Fixtures.file(
          "jobs/" + (job.equals("sample") ? "annual-report" : "published-sin") + ".yaml");
    }
    String in = "src/test/resources/fixtures/regression/";
    return Fixtures.write(
        dir,
        "regression.yaml",
        List.of(
            "name: regression",
            "synthetic_data: true",
            "inputs:",
            "  incidents: {path: " + Fixtures.file(in + "incidents.csv") + ", format: csv}",
            "  population: {path: " + Fixtures.file(in + "population.csv") + ", format: csv}",
            "  reviews: {path: " + Fixtures.file(in + "reviews.csv") + ", format: csv}",
            "reporting_years: {first: 2023, last: 2024}",
            "confidence_levels: [0.95, 0.998]",
            "output: {path: " + dir.resolve("out") + "}"));
  }

  /**
   * A table as sorted text lines: header, then one line per row; run_id left out, file paths cut to
   * their name.
   */
  static List<String> dump(Path tableDir) {
    return dump(spark, tableDir);
  }

  static List<String> dump(SparkSession session, Path tableDir) {
    var df = session.read().parquet(tableDir.toString());
    List<String> names = new ArrayList<>();
    for (StructField f : df.schema().fields()) {
      if (!f.name().equals("run_id")) {
        names.add(f.name() + ":" + f.dataType().simpleString());
      }
    }
    List<String> lines = new ArrayList<>();
    for (Row r : df.collectAsList()) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < r.length(); i++) {
        String name = df.schema().fields()[i].name();
        if (name.equals("run_id")) {
          continue;
        }
        Object v = r.get(i);
        String text =
            v == null
                ? "NULL"
                : v instanceof scala.collection.Seq<?> s ? s.mkString("[", "|", "]") : v.toString();
        if (name.equals("source_file") && v != null) {
          text = Path.of(text).getFileName().toString();
        }
        line.append(line.length() == 0 ? "" : "\t").append(text);
      }
      lines.add(line.toString());
    }
    lines.sort(null);
    lines.add(0, String.join("\t", names));
    return lines;
  }

  static List<String> tables(Path runDir) {
    try (Stream<Path> s = Files.list(runDir)) {
      return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path expected(String job) {
    return Fixtures.file("src/test/resources/regression/" + job);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sample", "published", "regression"})
  void everyTableAsBefore(String job) throws IOException {
    String record = System.getProperty("regression.record");
    if (record != null) {
      Path latest = Path.of(record, job, "latest", "internal");
      Files.createDirectories(expected(job));
      for (String table : tables(latest)) {
        Files.write(expected(job).resolve(table + ".tsv"), dump(latest.resolve(table)));
      }
      return;
    }
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    SafeguardStatsJob.RunResult result =
        SafeguardStatsJob.run(
            spark,
            JobConfig.load(jobFile(job, tmp), tmp.resolve("out").toString()),
            new PrintStream(buf, true, StandardCharsets.UTF_8));
    if (System.getProperty("regression.update") != null) {
      Files.createDirectories(expected(job));
      for (String table : tables(result.runDir().resolve("internal"))) {
        Files.write(
            expected(job).resolve(table + ".tsv"),
            dump(result.runDir().resolve("internal").resolve(table)));
      }
      return;
    }
    assertAsRecorded(job, result.runDir().resolve("internal"), RegressionTest::dump);
  }

  /** Every table of a run equals the recorded files of {@code job}, row by row. */
  static void assertAsRecorded(
      String job, Path runDir, java.util.function.Function<Path, List<String>> dump)
      throws IOException {
    List<String> expectedTables;
    try (Stream<Path> s = Files.list(expected(job))) {
      expectedTables = s.map(p -> p.getFileName().toString().replace(".tsv", "")).sorted().toList();
    }
    assertFalse(expectedTables.isEmpty());
    assertEquals(expectedTables, tables(runDir), job + ": the tables written");
    for (String table : expectedTables) {
      List<String> want = Files.readAllLines(expected(job).resolve(table + ".tsv"));
      List<String> got = dump.apply(runDir.resolve(table));
      assertEquals(want.get(0), got.get(0), job + "/" + table + ": columns");
      for (int i = 1; i < Math.max(want.size(), got.size()); i++) {
        String w = i < want.size() ? want.get(i) : "(no row)";
        String g = i < got.size() ? got.get(i) : "(no row)";
        assertEquals(w, g, job + "/" + table + " sorted row " + i + "\n  columns " + want.get(0));
      }
    }
  }
}
