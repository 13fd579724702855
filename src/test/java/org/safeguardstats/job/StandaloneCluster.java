package org.safeguardstats.job;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real Spark standalone cluster for the integration tests: a Master and N Workers, separate JVMs
 * on 127.0.0.1 started from the Maven jars. Daemon logs are {@code master.log} and {@code
 * worker-N.log} under the base folder; worker N's work dir (executor logs under {@code app-*}) is
 * {@code worker-N/work}. A shutdown hook stops the daemons if the test JVM itself is stopped.
 */
final class StandaloneCluster implements AutoCloseable {
  static final Duration START = Duration.ofSeconds(120);

  private final Path base;
  private final int masterPort = SparkProcesses.freePort();
  private final int masterUiPort = SparkProcesses.freePort();
  private final List<Process> daemons = new ArrayList<>();
  private final Map<Process, Path> logs = new LinkedHashMap<>();
  private final Thread killer = new Thread(this::stopDaemons, "standalone-cluster-killer");

  private StandaloneCluster(Path base) {
    this.base = base;
  }

  /**
   * Starts the master and the workers, each with the given cores and memory, and waits for them.
   */
  static StandaloneCluster start(Path base, int workers, int cores, String memory)
      throws IOException, InterruptedException {
    StandaloneCluster c = new StandaloneCluster(base);
    Runtime.getRuntime().addShutdownHook(c.killer);
    c.startDaemon(
        List.of(
            "org.apache.spark.deploy.master.Master",
            "--host",
            "127.0.0.1",
            "--port",
            String.valueOf(c.masterPort),
            "--webui-port",
            String.valueOf(c.masterUiPort)),
        base.resolve("master.log"));
    for (int w = 1; w <= workers; w++) {
      Path workDir = c.workDir(w);
      Files.createDirectories(workDir);
      c.startDaemon(
          List.of(
              "org.apache.spark.deploy.worker.Worker",
              "--host",
              "127.0.0.1",
              "--port",
              String.valueOf(SparkProcesses.freePort()),
              "--webui-port",
              String.valueOf(SparkProcesses.freePort()),
              "--cores",
              String.valueOf(cores),
              "--memory",
              memory,
              "--work-dir",
              workDir.toString(),
              c.masterUrl()),
          base.resolve("worker-" + w + ".log"));
    }
    c.awaitWorkers(workers, START);
    return c;
  }

  String masterUrl() {
    return "spark://127.0.0.1:" + masterPort;
  }

  Path workDir(int worker) {
    return base.resolve("worker-" + worker + "/work");
  }

  Path log(String daemon) {
    return base.resolve(daemon + ".log");
  }

  /** Worker N's daemon process (1-based; the master is daemon 0). */
  Process worker(int n) {
    return daemons.get(n);
  }

  @Override
  public void close() {
    stopDaemons();
    try {
      Runtime.getRuntime().removeShutdownHook(killer);
    } catch (IllegalStateException e) {
      // already shutting down
    }
  }

  private synchronized void stopDaemons() {
    // Workers first (each takes its executors with it), then the master; whole trees, bounded.
    for (int i = daemons.size() - 1; i >= 0; i--) {
      SparkProcesses.destroyTree(daemons.get(i), Duration.ofSeconds(15));
    }
    daemons.clear();
  }

  private void startDaemon(List<String> mainAndArgs, Path log) {
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
    logs.put(p, log);
  }

  /** Polls the master's web UI JSON until it reports the workers ALIVE; fails clearly otherwise. */
  private void awaitWorkers(int expected, Duration timeout) throws InterruptedException {
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
                  + logs.get(p)
                  + ":\n"
                  + SparkProcesses.tail(SparkProcesses.read(logs.get(p)), 30));
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
            + "); see the master and worker logs in "
            + base);
  }
}
