package org.safeguardstats.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
  static final Duration JOB_TIMEOUT = Duration.ofMinutes(5);

  static Path base;
  static StandaloneCluster cluster;

  @BeforeAll
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  static void startCluster() throws Exception {
    base = SparkProcesses.freshDir("cluster-it");
    cluster = StandaloneCluster.start(base, 2, 1, "1g");
  }

  @AfterAll
  @Timeout(value = 1, unit = TimeUnit.MINUTES)
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  /** Both executors (one per worker) are registered before the first job, so both run tasks. */
  static List<String> clusterConf(String executorMemory) {
    return new ArrayList<>(
        List.of(
            "spark.cores.max=2",
            "spark.executor.memory=" + executorMemory,
            "spark.scheduler.minRegisteredResourcesRatio=1.0",
            "spark.scheduler.maxRegisteredResourcesWaitingTime=60s"));
  }

  @Test
  @Timeout(value = 12, unit = TimeUnit.MINUTES)
  void thinJarOnStandaloneClusterGivesTheSameTablesAsALocalRun() throws Exception {
    assertTrue(Files.isRegularFile(SparkProcesses.project().resolve(JOB)), JOB + " is missing");
    Path clusterOut = base.resolve("out-cluster");
    Path localOut = base.resolve("out-local");

    SparkProcesses.Result onCluster =
        SparkProcesses.submit(
            "submit-cluster",
            base,
            cluster.masterUrl(),
            clusterConf("1g"),
            List.of(JOB, "--output", clusterOut.toString()),
            JOB_TIMEOUT);
    assertEquals(0, onCluster.exit(), "cluster run failed: " + onCluster.describe());

    SparkProcesses.Result local =
        SparkProcesses.submit(
            "submit-local",
            base,
            "local[2]",
            List.of(),
            List.of(JOB, "--output", localOut.toString()),
            JOB_TIMEOUT);
    assertEquals(0, local.exit(), "local run failed: " + local.describe());

    String executors = assertExecutorsRanOnBothWorkers(cluster, base);
    System.out.printf(
        "cluster run %d s, local run %d s; %s%n",
        onCluster.took().toSeconds(), local.took().toSeconds(), executors);

    String clusterRun = RunComparison.runId(clusterOut);
    String localRun = RunComparison.runId(localOut);
    assertNotEquals(clusterRun, localRun, "the two runs must have their own run ids");
    RunComparison.assertSameTables(clusterOut, clusterRun, localOut, localRun);
    RunComparison.assertSameAccounting(clusterOut, localOut);
  }

  /**
   * Each worker's work dir must hold exactly one application folder (this run's), with an executor
   * folder whose stderr is Spark's executor log; and the executors must have run tasks.
   */
  static String assertExecutorsRanOnBothWorkers(StandaloneCluster cluster, Path base)
      throws IOException {
    Map<String, Integer> tasksPerWorker = new TreeMap<>();
    String appId = null;
    for (int w = 1; w <= 2; w++) {
      Path work = cluster.workDir(w);
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
              + cluster.log("worker-" + w));
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
        tasks += runningTaskLines(log);
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

  static int runningTaskLines(String executorLog) {
    return (int) executorLog.lines().filter(l -> l.contains("Running task")).count();
  }

  static List<Path> list(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }
}
