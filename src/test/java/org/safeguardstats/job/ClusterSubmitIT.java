package org.safeguardstats.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Acceptance: the thin jar, submitted the spark-submit way to a real standalone cluster (a Master
 * and two Workers, separate JVMs on 127.0.0.1, started from the Maven jars), gives the same tables
 * as a local[2] run of the same job, apart from {@code run_id}.
 *
 * <p>Everything lives under {@code target/cluster-it/}: daemon logs ({@code master.log}, {@code
 * worker-N.log}), worker work dirs (executor logs under {@code worker-N/work/app-*}), the driver
 * output of each submit and the two output folders.
 */
class ClusterSubmitIT {
  static final String JOB = "jobs/annual-report.yaml";
  static final List<String> TABLES = SafeguardStatsJob.TABLES;
  static final Duration CLUSTER_START = Duration.ofSeconds(120);
  static final Duration JOB_TIMEOUT = Duration.ofMinutes(5);

  static Path base;
  static int masterPort;
  static int masterUiPort;
  static final List<Process> daemons = new ArrayList<>();
  static final Map<Process, Path> daemonLogs = new LinkedHashMap<>();
  static Thread killer;

  @BeforeAll
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  static void startCluster() throws Exception {
    base = SparkProcesses.project().resolve("target/cluster-it");
    SparkProcesses.deleteTree(base);
    Files.createDirectories(base);
    // If the test JVM itself is stopped, the daemons must not survive it.
    killer = new Thread(ClusterSubmitIT::stopDaemons, "cluster-it-daemon-killer");
    Runtime.getRuntime().addShutdownHook(killer);

    masterPort = SparkProcesses.freePort();
    masterUiPort = SparkProcesses.freePort();
    startDaemon(
        List.of(
            "org.apache.spark.deploy.master.Master",
            "--host",
            "127.0.0.1",
            "--port",
            String.valueOf(masterPort),
            "--webui-port",
            String.valueOf(masterUiPort)),
        base.resolve("master.log"));
    for (int w = 1; w <= 2; w++) {
      Path workDir = base.resolve("worker-" + w + "/work");
      Files.createDirectories(workDir);
      startDaemon(
          List.of(
              "org.apache.spark.deploy.worker.Worker",
              "--host",
              "127.0.0.1",
              "--port",
              String.valueOf(SparkProcesses.freePort()),
              "--webui-port",
              String.valueOf(SparkProcesses.freePort()),
              "--cores",
              "1",
              "--memory",
              "1g",
              "--work-dir",
              workDir.toString(),
              masterUrl()),
          base.resolve("worker-" + w + ".log"));
    }
    awaitWorkers(2, CLUSTER_START);
  }

  @AfterAll
  @Timeout(value = 1, unit = TimeUnit.MINUTES)
  static void stopCluster() {
    stopDaemons();
    if (killer != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(killer);
      } catch (IllegalStateException e) {
        // already shutting down
      }
    }
  }

  static synchronized void stopDaemons() {
    // Workers first (each takes its executors with it), then the master; whole trees, bounded.
    for (int i = daemons.size() - 1; i >= 0; i--) {
      SparkProcesses.destroyTree(daemons.get(i), Duration.ofSeconds(15));
    }
    daemons.clear();
  }

  static String masterUrl() {
    return "spark://127.0.0.1:" + masterPort;
  }

  static void startDaemon(List<String> mainAndArgs, Path log) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                SparkProcesses.java(),
                "-Xmx512m",
                "-Dspark.master.rest.enabled=false",
                "-cp",
                SparkProcesses.sparkClasspath()));
    cmd.addAll(mainAndArgs);
    Process p = SparkProcesses.startDaemon(cmd, log);
    daemons.add(p);
    daemonLogs.put(p, log);
  }

  /** Polls the master's web UI JSON until it reports the workers ALIVE; fails clearly otherwise. */
  static void awaitWorkers(int expected, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no answer yet";
    ObjectMapper json = new ObjectMapper();
    while (System.nanoTime() < deadline) {
      for (Process p : daemons) {
        if (!p.isAlive()) {
          fail(
              "A cluster daemon exited with code "
                  + p.exitValue()
                  + " during start-up; see "
                  + daemonLogs.get(p)
                  + ":\n"
                  + SparkProcesses.tail(SparkProcesses.read(daemonLogs.get(p)), 30));
        }
      }
      try {
        HttpURLConnection c =
            (HttpURLConnection)
                new URL("http://127.0.0.1:" + masterUiPort + "/json/").openConnection();
        c.setConnectTimeout(2000);
        c.setReadTimeout(5000);
        try (InputStream in = c.getInputStream()) {
          JsonNode state = json.readTree(in);
          last =
              "aliveworkers="
                  + state.path("aliveworkers").asText("?")
                  + ", status="
                  + state.path("status").asText("?");
          if (state.path("aliveworkers").asInt() >= expected) {
            return;
          }
        }
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(500);
    }
    fail(
        "The standalone cluster did not have "
            + expected
            + " live workers within "
            + timeout.toSeconds()
            + " s (last master state: "
            + last
            + "); see "
            + base.resolve("master.log")
            + ", "
            + base.resolve("worker-1.log")
            + " and "
            + base.resolve("worker-2.log"));
  }

  @Test
  @Timeout(value = 12, unit = TimeUnit.MINUTES)
  void thinJarOnStandaloneClusterGivesTheSameTablesAsALocalRun() throws Exception {
    assertTrue(Files.isRegularFile(SparkProcesses.project().resolve(JOB)), JOB + " is missing");
    Path clusterOut = base.resolve("out-cluster");
    Path localOut = base.resolve("out-local");

    // Both executors (one per worker) are registered before the first job, so both run tasks.
    List<String> clusterConf =
        new ArrayList<>(
            List.of(
                "spark.cores.max=2",
                "spark.executor.memory=1g",
                "spark.scheduler.minRegisteredResourcesRatio=1.0",
                "spark.scheduler.maxRegisteredResourcesWaitingTime=60s"));
    SparkProcesses.Result cluster =
        SparkProcesses.submit(
            "submit-cluster",
            base,
            masterUrl(),
            clusterConf,
            List.of(JOB, "--output", clusterOut.toString()),
            JOB_TIMEOUT);
    assertEquals(0, cluster.exit(), "cluster run failed: " + cluster.describe());

    SparkProcesses.Result local =
        SparkProcesses.submit(
            "submit-local",
            base,
            "local[2]",
            List.of(),
            List.of(JOB, "--output", localOut.toString()),
            JOB_TIMEOUT);
    assertEquals(0, local.exit(), "local run failed: " + local.describe());

    String executors = assertExecutorsRanOnBothWorkers();
    System.out.printf(
        "cluster run %d s, local run %d s; %s%n",
        cluster.took().toSeconds(), local.took().toSeconds(), executors);

    String clusterRun = runId(clusterOut);
    String localRun = runId(localOut);
    assertNotEquals(clusterRun, localRun, "the two runs must have their own run ids");
    assertSameTables(clusterOut, clusterRun, localOut, localRun);
    assertSameAccounting(clusterOut, localOut);
  }

  /**
   * Each worker's work dir must hold exactly one application folder (this run's), with an executor
   * folder whose stderr is Spark's executor log; and the executors must have run tasks.
   */
  static String assertExecutorsRanOnBothWorkers() throws IOException {
    Map<String, Integer> tasksPerWorker = new TreeMap<>();
    String appId = null;
    for (int w = 1; w <= 2; w++) {
      Path work = base.resolve("worker-" + w + "/work");
      List<Path> apps =
          list(work).stream().filter(p -> p.getFileName().toString().startsWith("app-")).toList();
      assertEquals(
          1,
          apps.size(),
          "worker-"
              + w
              + " should have run executors for exactly one application, found "
              + apps
              + " in "
              + work
              + "; see "
              + base.resolve("worker-" + w + ".log"));
      String id = apps.get(0).getFileName().toString();
      if (appId != null) {
        assertEquals(appId, id, "the two workers ran executors for different applications");
      }
      appId = id;
      List<Path> executorDirs = list(apps.get(0)).stream().filter(Files::isDirectory).toList();
      assertFalse(executorDirs.isEmpty(), "no executor folder under " + apps.get(0));
      int tasks = 0;
      for (Path e : executorDirs) {
        Path stderr = e.resolve("stderr");
        assertTrue(Files.isRegularFile(stderr), "executor log " + stderr + " is missing");
        String log = SparkProcesses.read(stderr);
        assertTrue(
            log.contains("CoarseGrainedExecutorBackend") || log.contains("Executor"),
            "executor log " + stderr + " does not look like a Spark executor's");
        tasks += (int) log.lines().filter(l -> l.contains("Running task")).count();
      }
      tasksPerWorker.put("worker-" + w, tasks);
    }
    assertTrue(
        tasksPerWorker.values().stream().allMatch(n -> n > 0),
        "the executor logs under "
            + base
            + "/worker-*/work/"
            + appId
            + " show no task run on some worker (\"Running task\" lines per worker: "
            + tasksPerWorker
            + ")");
    return "application " + appId + ", tasks run per worker " + tasksPerWorker;
  }

  static List<Path> list(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }

  static String runId(Path out) throws IOException {
    Path latest = out.resolve("LATEST");
    assertTrue(Files.isRegularFile(latest), latest + " was not written");
    assertTrue(
        Files.isDirectory(out.resolve("latest")),
        out.resolve("latest") + " does not lead to a run folder");
    return Files.readString(latest, StandardCharsets.UTF_8).trim();
  }

  /** Every table: same schema; same sorted rows of every column but run_id, compared exactly. */
  static void assertSameTables(Path clusterOut, String clusterRun, Path localOut, String localRun) {
    SparkSession spark =
        SparkSession.builder()
            .appName("cluster-it reader")
            .master("local[1]")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.sql.session.timeZone", "UTC")
            .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    try {
      List<String> problems = new ArrayList<>();
      for (String table : TABLES) {
        Dataset<Row> c =
            spark.read().parquet(clusterOut.resolve("latest").resolve(table).toString());
        Dataset<Row> l = spark.read().parquet(localOut.resolve("latest").resolve(table).toString());
        assertEquals(l.schema(), c.schema(), table + ": the two runs wrote different schemas");
        assertEquals(
            c.isEmpty() ? List.of() : List.of(clusterRun),
            distinctRunIds(c),
            table + " (cluster): run_id must be the run's id");
        assertEquals(
            l.isEmpty() ? List.of() : List.of(localRun),
            distinctRunIds(l),
            table + " (local): run_id must be the run's id");
        List<String> cRows = canonicalRows(c.drop("run_id"));
        List<String> lRows = canonicalRows(l.drop("run_id"));
        if (!table.equals("quarantine")) {
          assertFalse(lRows.isEmpty(), table + " is empty: nothing would be compared");
        }
        if (!cRows.equals(lRows)) {
          problems.add(describeDifference(table, cRows, lRows));
        }
        System.out.printf(
            "%s: %d rows, identical apart from run_id: %s%n",
            table, lRows.size(), cRows.equals(lRows));
      }
      if (!problems.isEmpty()) {
        fail(
            "The cluster run ("
                + clusterOut
                + ") and the local run ("
                + localOut
                + ") differ:\n"
                + String.join("\n", problems));
      }
    } finally {
      spark.stop();
    }
  }

  static List<String> distinctRunIds(Dataset<Row> df) {
    return df.select("run_id").distinct().collectAsList().stream()
        .map(r -> r.getString(0))
        .toList();
  }

  /**
   * A row as text: each value exactly (doubles by their shortest round-trip form), fields separated
   * by U+001F.
   */
  static List<String> canonicalRows(Dataset<Row> df) {
    StructField[] fields = df.schema().fields();
    List<String> rows = new ArrayList<>();
    for (Row r : df.collectAsList()) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < fields.length; i++) {
        if (i > 0) {
          b.append('\u001f');
        }
        if (r.isNullAt(i)) {
          b.append("<null>");
        } else if (fields[i].dataType() instanceof ArrayType) {
          b.append(r.getList(i));
        } else {
          b.append(r.get(i));
        }
      }
      rows.add(b.toString());
    }
    rows.sort(null);
    return rows;
  }

  static String describeDifference(String table, List<String> cluster, List<String> local) {
    List<String> onlyCluster = new ArrayList<>(cluster);
    local.forEach(onlyCluster::remove);
    List<String> onlyLocal = new ArrayList<>(local);
    cluster.forEach(onlyLocal::remove);
    return table
        + ": cluster "
        + cluster.size()
        + " rows, local "
        + local.size()
        + " rows; "
        + onlyCluster.size()
        + " only in the cluster run, e.g.\n    "
        + onlyCluster.stream()
            .limit(3)
            .map(s -> s.replace('\u001f', '|'))
            .collect(Collectors.joining("\n    "))
        + "\n  "
        + onlyLocal.size()
        + " only in the local run, e.g.\n    "
        + onlyLocal.stream()
            .limit(3)
            .map(s -> s.replace('\u001f', '|'))
            .collect(Collectors.joining("\n    "));
  }

  /** The manifests' row accounting and output row counts agree too. */
  static void assertSameAccounting(Path clusterOut, Path localOut) throws IOException {
    ObjectMapper json = new ObjectMapper();
    JsonNode c = json.readTree(clusterOut.resolve("latest/manifest.json").toFile());
    JsonNode l = json.readTree(localOut.resolve("latest/manifest.json").toFile());
    assertEquals(
        l.path("row_accounting"),
        c.path("row_accounting"),
        "row accounting differs between the runs");
    for (String table : TABLES) {
      assertEquals(
          l.path("outputs").path(table).path("rows"),
          c.path("outputs").path(table).path("rows"),
          "manifest row count of " + table + " differs between the runs");
    }
  }
}
