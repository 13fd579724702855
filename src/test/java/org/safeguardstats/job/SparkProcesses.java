package org.safeguardstats.job;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.safeguardstats.io.LocalFiles;

/**
 * Child JVMs for the integration tests, launched as a Spark distribution would launch them but from
 * Maven's jars: {@code SPARK_HOME=target/spark-home} (its {@code jars/} filled by the dependency
 * plugin in {@code pre-integration-test}), {@code SPARK_SCALA_VERSION=2.12}, {@code
 * SPARK_LOCAL_IP=127.0.0.1}. Every child writes its output to files and every wait is bounded; a
 * child that outlives its wait is killed with its whole process tree.
 */
final class SparkProcesses {
  static final String MAIN_CLASS = "org.safeguardstats.job.SafeguardStatsJob";

  private SparkProcesses() {}

  static Path project() {
    return Path.of(System.getProperty("project.basedir", ".")).toAbsolutePath().normalize();
  }

  static Path sparkHome() {
    Path home = project().resolve("target/spark-home");
    Path jars = home.resolve("jars");
    try (Stream<Path> s = Files.isDirectory(jars) ? Files.list(jars) : Stream.empty()) {
      if (s.noneMatch(p -> p.getFileName().toString().startsWith("spark-core_2.12-"))) {
        fail(
            "No Spark jars in "
                + jars
                + ": run through `mvn verify`, whose pre-integration-test phase copies "
                + "the provided-scope dependencies there (maven-dependency-plugin, execution spark-home)");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return home;
  }

  static String sparkClasspath() {
    return sparkHome().resolve("jars") + File.separator + "*";
  }

  static Path appJar() {
    Path jar =
        Path.of(
            System.getProperty(
                "app.jar", project().resolve("target/safeguard-stats.jar").toString()));
    if (!Files.isRegularFile(jar)) {
      fail(
          "Application jar "
              + jar
              + " is missing: run `mvn verify` (package builds it before the ITs)");
    }
    return jar;
  }

  static List<String> java17Flags() {
    String flags = System.getProperty("spark.java17.flags", "").trim();
    if (flags.isEmpty()) {
      fail(
          "System property spark.java17.flags is not set (the failsafe configuration in pom.xml passes it)");
    }
    return Arrays.asList(flags.split("\\s+"));
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** A port free at the time of asking (the small race with other processes is accepted). */
  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ProcessBuilder builder(List<String> command) {
    ProcessBuilder pb = new ProcessBuilder(command).directory(project().toFile());
    Map<String, String> env = pb.environment();
    env.put("SPARK_HOME", sparkHome().toString());
    env.put("SPARK_SCALA_VERSION", "2.12");
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    env.remove("SPARK_CONF_DIR");
    env.remove("SPARK_LOCAL_HOSTNAME");
    env.remove("SPARK_MASTER");
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    return pb;
  }

  /** Starts a long-running daemon; stdout and stderr go to one log file. */
  static Process startDaemon(List<String> command, Path log) {
    try {
      Files.createDirectories(log.getParent());
      Files.writeString(log, "$ " + String.join(" ", command) + "\n", StandardCharsets.UTF_8);
      return builder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + command, e);
    }
  }

  /** What a finished SparkSubmit child did. */
  record Result(
      String name,
      int exit,
      Path stdoutFile,
      Path stderrFile,
      String stdout,
      String stderr,
      Duration took) {
    String where() {
      return "see " + stdoutFile + " and " + stderrFile;
    }

    String describe() {
      return name
          + " exited "
          + exit
          + " after "
          + took.toSeconds()
          + " s ("
          + where()
          + "); stderr ends:\n"
          + tail(stderr, 40);
    }
  }

  /**
   * The spark-submit equivalent: {@code java <Java 17 flags> -cp "target/spark-home/jars/*"
   * org.apache.spark.deploy.SparkSubmit --master M [conf...] --class MAIN app.jar ARGS}, run in the
   * project folder. Fails the test if it has not ended within the timeout (after killing it).
   */
  static Result submit(
      String name,
      Path logDir,
      String master,
      List<String> confs,
      List<String> appArgs,
      Duration timeout) {
    return start(name, logDir, master, confs, appArgs).await(timeout);
  }

  /** A SparkSubmit child still running: its output files fill as it goes. */
  record Running(String name, Process process, Path stdoutFile, Path stderrFile, long startNanos) {
    /** Waits for the end; kills the child's tree and fails the test if it outlives the timeout. */
    Result await(Duration timeout) {
      boolean done;
      try {
        done = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        destroyTree(process, Duration.ofSeconds(10));
        Thread.currentThread().interrupt();
        throw new IllegalStateException(
            name + " interrupted; see " + stdoutFile + " and " + stderrFile, e);
      }
      if (!done) {
        destroyTree(process, Duration.ofSeconds(10));
        fail(
            name
                + " did not finish within "
                + timeout.toSeconds()
                + " s and was killed; see "
                + stdoutFile
                + " and "
                + stderrFile);
      }
      return new Result(
          name,
          process.exitValue(),
          stdoutFile,
          stderrFile,
          read(stdoutFile),
          read(stderrFile),
          Duration.ofNanos(System.nanoTime() - startNanos));
    }
  }

  /** Starts a SparkSubmit child (see {@link #submit}) without waiting for it. */
  static Running start(
      String name, Path logDir, String master, List<String> confs, List<String> appArgs) {
    List<String> cmd = new ArrayList<>();
    cmd.add(java());
    cmd.add("-Xmx1g");
    cmd.addAll(java17Flags());
    cmd.addAll(
        List.of(
            "-cp", sparkClasspath(), "org.apache.spark.deploy.SparkSubmit", "--master", master));
    for (String c :
        List.of(
            "spark.ui.enabled=false",
            "spark.ui.showConsoleProgress=false",
            "spark.driver.host=127.0.0.1")) {
      cmd.addAll(List.of("--conf", c));
    }
    for (String c : confs) {
      cmd.addAll(List.of("--conf", c));
    }
    cmd.addAll(List.of("--class", MAIN_CLASS, appJar().toString()));
    cmd.addAll(appArgs);
    Path out = logDir.resolve(name + ".stdout.log");
    Path err = logDir.resolve(name + ".stderr.log");
    long start = System.nanoTime();
    try {
      Files.createDirectories(logDir);
      Files.writeString(
          logDir.resolve(name + ".command.txt"),
          String.join(" ", cmd) + "\n",
          StandardCharsets.UTF_8);
      Process p = builder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      return new Running(name, p, out, err, start);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + name, e);
    }
  }

  /** Ends a process and all its descendants: politely, then forcibly, each step bounded. */
  static void destroyTree(Process p, Duration grace) {
    if (p == null) {
      return;
    }
    List<ProcessHandle> all = new ArrayList<>(p.descendants().toList());
    all.add(0, p.toHandle());
    all.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + grace.toNanos();
    for (ProcessHandle h : all) {
      long left = deadline - System.nanoTime();
      try {
        if (left > 0) {
          h.onExit().get(left, TimeUnit.NANOSECONDS);
        }
      } catch (Exception e) {
        // still alive: forced below
      }
    }
    all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e + ")";
    }
  }

  static String tail(String text, int lines) {
    List<String> all = text.lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  static void deleteTree(Path dir) {
    try {
      LocalFiles.deleteTree(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + dir, e);
    }
  }

  /** A folder under the project's {@code target/}, emptied: where a test's children write. */
  static Path freshDir(String name) throws IOException {
    Path dir = project().resolve("target").resolve(name);
    deleteTree(dir);
    return Files.createDirectories(dir);
  }
}
