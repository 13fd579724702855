package org.safeguardstats.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Exit codes of the thin jar run the spark-submit way ({@code SparkSubmit --master local[2]}): a
 * bad job file or input exits 2 with a message on stderr that names the field, file, row and
 * column, and does so before any Spark work (no SparkContext, no output folder).
 *
 * <p>Job files, inputs and each child's stdout/stderr are under {@code target/exit-code-it/}.
 */
class ExitCodeIT {
  static final Duration TIMEOUT = Duration.ofMinutes(2);
  static Path base;

  @BeforeAll
  static void clean() throws IOException {
    base = SparkProcesses.freshDir("exit-code-it");
  }

  /** The sample job with one line replaced, its output sent under target/exit-code-it. */
  static Path jobVariant(String name, String linePrefix, String replacement) throws IOException {
    Path original = SparkProcesses.project().resolve("jobs/annual-report.yaml");
    List<String> lines = Files.readAllLines(original, StandardCharsets.UTF_8);
    assertTrue(
        lines.stream().anyMatch(l -> l.trim().startsWith(linePrefix)),
        original + " has no line " + linePrefix);
    List<String> changed =
        lines.stream().map(l -> l.trim().startsWith(linePrefix) ? replacement : l).toList();
    Path job = base.resolve(name + ".yaml");
    Files.write(job, changed, StandardCharsets.UTF_8);
    return job;
  }

  static SparkProcesses.Result run(String name, Path job) {
    Path out = base.resolve("out-" + name);
    SparkProcesses.Result r =
        SparkProcesses.submit(
            name,
            base,
            "local[2]",
            List.of(),
            List.of(job.toString(), "--output", out.toString()),
            TIMEOUT);
    assertEquals(2, r.exit(), "expected exit code 2: " + r.describe());
    assertFalse(
        Files.exists(out),
        name + ": the output folder " + out + " must not be created; " + r.where());
    assertFalse(
        r.stderr().contains("SparkContext") || r.stderr().contains("Running Spark version"),
        name + ": Spark was started before the problem was reported; " + r.where());
    return r;
  }

  static String messages(SparkProcesses.Result r) {
    return r.stderr()
        .lines()
        .filter(l -> l.startsWith("safeguard-stats:") || l.startsWith("  "))
        .collect(Collectors.joining("\n"));
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void invalidConfidenceLevelExits2NamingTheField() throws IOException {
    Path job = jobVariant("bad-confidence", "confidence_levels:", "confidence_levels: [1.5]");
    SparkProcesses.Result r = run("bad-confidence", job);
    String msg = messages(r);
    assertTrue(
        msg.contains("safeguard-stats: Job file " + job),
        "stderr must name the job file; " + r.describe());
    assertTrue(
        msg.contains("confidence_levels"),
        "stderr must name the field confidence_levels; " + r.describe());
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void missingInputFileExits2NamingTheFile() throws IOException {
    Path missing = base.resolve("no-such-folder/incidents.csv");
    Path job =
        jobVariant(
            "missing-input", "incidents:", "  incidents: {path: " + missing + ", format: csv}");
    SparkProcesses.Result r = run("missing-input", job);
    String msg = messages(r);
    assertTrue(
        msg.contains("incidents")
            && msg.contains(missing.toString())
            && msg.contains("does not exist"),
        "stderr must name the input and the missing file " + missing + "; " + r.describe());
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void csvWithoutARequiredColumnExits2NamingFileRowAndColumn() throws IOException {
    Path source =
        SparkProcesses.project().resolve("src/test/resources/fixtures/small/incidents.csv");
    List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
    int drop = Arrays.asList(lines.get(0).split(",", -1)).indexOf("notification_date");
    assertTrue(drop >= 0, source + " has no notification_date column");
    List<String> without =
        lines.stream()
            .map(
                l -> {
                  List<String> cells = new java.util.ArrayList<>(Arrays.asList(l.split(",", -1)));
                  cells.remove(drop);
                  return String.join(",", cells);
                })
            .toList();
    Path csv = base.resolve("no-date/incidents.csv");
    Files.createDirectories(csv.getParent());
    Files.write(csv, without, StandardCharsets.UTF_8);
    Path job =
        jobVariant("missing-column", "incidents:", "  incidents: {path: " + csv + ", format: csv}");
    SparkProcesses.Result r = run("missing-column", job);
    String msg = messages(r);
    assertTrue(
        msg.contains(csv.toString()), "stderr must name the file " + csv + "; " + r.describe());
    assertTrue(msg.contains("row 1"), "stderr must name row 1 (the header); " + r.describe());
    assertTrue(
        msg.contains("notification_date"),
        "stderr must name the column notification_date; " + r.describe());
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void aFormatThatNamedAShapeExits2SayingHowToWriteItNow() throws IOException {
    Path job =
        jobVariant(
            "old-format",
            "population:",
            "  population: {path: data/sample/population.csv, format: ons_myeb1}");
    SparkProcesses.Result r = run("old-format", job);
    String msg = messages(r);
    assertTrue(
        msg.contains("inputs.population.format: ons_myeb1 is a table shape now")
            && msg.contains("format: csv, shape: ons_myeb1"),
        "stderr must say how to write the input now; " + r.describe());
  }
}
