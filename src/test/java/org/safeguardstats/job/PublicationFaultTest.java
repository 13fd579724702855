package org.safeguardstats.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.safeguardstats.io.Runs;
import org.safeguardstats.testing.Fixtures;

/**
 * Publication under faults, each run of the job a child JVM on the test classpath ({@code
 * SafeguardStatsJob} on the small fixture, local[2], two shuffle partitions): a write that fails
 * midway exits 1 with a message naming the run, the table and the run readers still see; SIGKILL
 * while tables are written, after the manifest just before the pointer switch, and between the two
 * pointers; after each, {@code LATEST} and {@code latest} lead to a complete run and the earlier
 * run is byte for byte as it was; the next run succeeds and complete runs beyond {@code keep_runs}
 * go, incomplete ones stay. The moments come from the test hook of {@code
 * org.safeguardstats.io.TestHook} (system property {@code safeguardstats.test.pause-at}).
 *
 * <p>Job file, output and each child's stdout/stderr are under {@code target/publication-fault/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PublicationFaultTest {
  static final Duration TIMEOUT = Duration.ofMinutes(3);
  static Path base;
  static Path out;
  static Path job;
  static String first;

  @BeforeAll
  static void firstRun() throws Exception {
    base = SparkProcesses.freshDir("publication-fault");
    out = base.resolve("out");
    String dir = "src/test/resources/fixtures/small/";
    job =
        Fixtures.write(
            base,
            "job.yaml",
            List.of(
                "name: publication-fault",
                "synthetic_data: true",
                "inputs:",
                "  incidents: {path: " + Fixtures.file(dir + "incidents.csv") + ", format: csv}",
                "  population: {path: " + Fixtures.file(dir + "population.csv") + ", format: csv}",
                "reporting_years: {first: 2023, last: 2024}",
                "output: {path: " + out + ", keep_runs: 2}"));
    Child run = Child.start("first", null);
    assertEquals(0, run.await(), run.describe());
    first = Runs.current(out);
    assertEquals(run.runId(), first);
  }

  /** What readers see: LATEST and latest at the same complete run, the first one unchanged. */
  static void readersSee(String current, String latestRun, Map<String, String> firstRun)
      throws IOException {
    assertEquals(current, Runs.current(out), "LATEST");
    assertEquals(
        out.resolve("runs").resolve(latestRun).toRealPath(),
        out.resolve("latest").toRealPath(),
        "latest");
    assertTrue(Files.isRegularFile(out.resolve("runs").resolve(current).resolve("manifest.json")));
    assertTrue(Files.isRegularFile(out.resolve("latest/manifest.json")));
    assertEquals(firstRun, files(out.resolve("runs").resolve(first)), "the first run changed");
  }

  /** Every file of a folder: relative path to its bytes (as text of their hash) and permissions. */
  static Map<String, String> files(Path dir) throws IOException {
    Map<String, String> all = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.toList()) {
        String perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
        all.put(
            dir.relativize(p).toString(),
            perms
                + (Files.isRegularFile(p)
                    ? " " + java.util.Arrays.hashCode(Files.readAllBytes(p))
                    : ""));
      }
    }
    return all;
  }

  @Test
  @Order(1)
  void theInternalTierIsOwnerOnly() throws IOException {
    Map<String, String> run = files(out.resolve("runs").resolve(first));
    assertTrue(run.containsKey("internal/year_on_year/part-00000.parquet"), run.toString());
    assertTrue(run.containsKey("internal/quarantine/part-00000.parquet"), run.toString());
    // files() gives a file's permissions then its hash, a folder's permissions alone.
    run.forEach(
        (path, perms) ->
            assertTrue(
                perms.contains(" ") ? perms.startsWith("rw------- ") : perms.equals("rwx------"),
                "'" + path + "' is " + perms));
  }

  @Test
  @Order(2)
  void aWriteThatFailsMidwayExitsOneAndChangesNothingReadersSee() throws Exception {
    Map<String, String> before = files(out.resolve("runs").resolve(first));
    Child run = Child.start("fails", "table written: internal/year_on_year");
    run.awaitPause();
    // The next table's folder taken by a file: Spark's write of representation fails.
    Files.writeString(
        out.resolve("runs").resolve(run.runId()).resolve("internal/representation"), "in the way");
    run.resume();
    assertEquals(1, run.await(), run.describe());
    String stderr = run.stderr();
    assertTrue(
        stderr.contains(
            "safeguard-stats: the run failed: Cannot write internal/representation of run "
                + run.runId()),
        stderr);
    assertTrue(stderr.contains("LATEST still names run " + first), stderr);
    readersSee(first, first, before);
  }

  /** A run killed at a point before the pointer switch: readers see the first run, unchanged. */
  static void killedAt(String name, String point) throws Exception {
    Map<String, String> before = files(out.resolve("runs").resolve(first));
    Child run = Child.start(name, point);
    run.awaitPause();
    run.kill();
    readersSee(first, first, before);
  }

  @Test
  @Order(3)
  void killedWhileWritingTables() throws Exception {
    killedAt("killed-writing", "table written: internal/representation");
  }

  @Test
  @Order(4)
  void killedJustBeforeThePointerSwitch() throws Exception {
    killedAt("killed-before-switch", "before pointer switch");
  }

  @Test
  @Order(5)
  void killedBetweenThePointersLeavesEachAtACompleteRunAndTheNextRunSucceeds() throws Exception {
    Map<String, String> before = files(out.resolve("runs").resolve(first));
    Child killed = Child.start("killed-between", "between pointers");
    killed.awaitPause();
    killed.kill();
    // LATEST, the commit point, names the new run; the latest symlink still leads to the first.
    readersSee(killed.runId(), first, before);

    Child next = Child.start("next", null);
    assertEquals(0, next.await(), next.describe());
    assertEquals(next.runId(), Runs.current(out));
    assertEquals(
        out.resolve("runs").resolve(next.runId()).toRealPath(), out.resolve("latest").toRealPath());
    // keep_runs: 2 kept the two newest complete runs (the one killed between the pointers and
    // this one); the first run and the one killed after its manifest were deleted; the two
    // incomplete runs (failed, killed while writing) stay.
    List<String> complete = new ArrayList<>();
    List<String> incomplete = new ArrayList<>();
    Runs.list(out).forEach(r -> (r.complete() ? complete : incomplete).add(r.id()));
    assertEquals(List.of(killed.runId(), next.runId()), complete);
    assertEquals(2, incomplete.size(), incomplete.toString());
    assertTrue(
        next.stdout().contains("Deleted 2 older run(s) beyond keep_runs = 2"), next.stdout());
  }

  /** One run of the job in a child JVM, optionally paused by the test hook at a point. */
  record Child(String name, Process process, Path stdoutFile, Path stderrFile, Path resumeFile) {
    static Child start(String name, String pauseAt) throws IOException {
      List<String> cmd = new ArrayList<>();
      cmd.add(SparkProcesses.java());
      cmd.add("-Xmx1g");
      // The Java 17 flags Spark needs, as this JVM was given them (surefire's argLine).
      for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
        if (a.startsWith("--add-opens") || a.startsWith("-XX:") || a.startsWith("-Djdk.")) {
          cmd.add(a);
        }
      }
      Path resume = base.resolve(name + ".resume");
      cmd.addAll(
          List.of(
              "-Dspark.master=local[2]",
              "-Dspark.sql.shuffle.partitions=2",
              "-Dspark.ui.enabled=false",
              "-Dspark.driver.host=127.0.0.1",
              "-Dsafeguardstats.test.resume-file=" + resume));
      if (pauseAt != null) {
        cmd.add("-Dsafeguardstats.test.pause-at=" + pauseAt);
      }
      cmd.addAll(
          List.of(
              "-cp",
              System.getProperty("java.class.path"),
              SparkProcesses.MAIN_CLASS,
              job.toString()));
      Path stdout = base.resolve(name + ".stdout.log");
      Path stderr = base.resolve(name + ".stderr.log");
      Files.writeString(base.resolve(name + ".command.txt"), String.join(" ", cmd) + "\n");
      ProcessBuilder pb = new ProcessBuilder(cmd).directory(Fixtures.project().toFile());
      pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
      pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      Process p = pb.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
      return new Child(name, p, stdout, stderr, resume);
    }

    String stdout() {
      return SparkProcesses.read(stdoutFile);
    }

    String stderr() {
      return SparkProcesses.read(stderrFile);
    }

    /** The run id the child printed first ("safeguard-stats run <id> (...)"). */
    String runId() {
      for (String line : stdout().lines().toList()) {
        if (line.startsWith("safeguard-stats run ")) {
          return line.split(" ")[2];
        }
      }
      throw new AssertionError(name + " printed no run id; " + describe());
    }

    void awaitPause() throws InterruptedException {
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (!stdout().contains("test hook: paused at ")) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          SparkProcesses.destroyTree(process, Duration.ofSeconds(5));
          fail(name + " never reached its pause; " + describe());
        }
        Thread.sleep(200);
      }
    }

    void resume() throws IOException {
      Files.writeString(resumeFile, "go");
    }

    /** SIGKILL: no shutdown hook, no finally block runs. */
    void kill() throws InterruptedException {
      process.destroyForcibly();
      assertTrue(process.waitFor(30, TimeUnit.SECONDS), name + " outlived SIGKILL");
      assertEquals(137, process.exitValue(), name + " was killed by SIGKILL");
    }

    int await() throws InterruptedException {
      if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        SparkProcesses.destroyTree(process, Duration.ofSeconds(5));
        fail(name + " did not finish within " + TIMEOUT.toSeconds() + " s; " + describe());
      }
      return process.exitValue();
    }

    String describe() {
      return "see "
          + stdoutFile
          + " and "
          + stderrFile
          + "; stderr ends:\n"
          + SparkProcesses.tail(stderr(), 30);
    }
  }
}
