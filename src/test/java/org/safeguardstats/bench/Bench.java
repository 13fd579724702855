package org.safeguardstats.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.safeguardstats.io.LocalFiles;
import org.safeguardstats.sample.SampleGenerator;

/**
 * The benchmark command behind {@code jobs/bench SIZE [--format parquet|csv]}: generates the input
 * into a cache folder when missing, then, side by side, (a) the job end to end in a fresh process
 * ({@code jobs/run}), (b) the count stage alone in a fresh process, timed from after its Spark
 * session is up ({@link CountStageProcess}), and (c) DuckDB computing the same count table over the
 * same files ({@link DuckProcess}); (b) checks every cell against (c) and the run fails when one
 * disagrees. Each process is measured by GNU time (wall, user + system CPU, peak RSS); (b) and (c)
 * also measure their own stage. Prints a table and appends a row to {@code bench/results.csv}.
 *
 * <p>Not a test: it runs minutes at 10M rows, on a machine other work shares, so its figures are
 * for reading (ratios above all), not for asserting.
 */
public final class Bench {
  static final String RESULTS = "bench/results.csv";
  static final String HEADER =
      "date,machine,cpu_model,java,spark,duckdb,load_avg,records,format,files,input_mb,"
          + "job_wall_s,job_cpu_s,job_rss_mib,count_wall_s,count_cpu_s,count_rss_mib,"
          + "count_read_validate_s,count_count_s,duck_process_wall_s,duck_process_cpu_s,"
          + "duck_rss_mib,duck_query_wall_s,duck_query_cpu_s,job_over_duck_process,"
          + "count_over_duck_query,cells,cells_agree";

  /** One measured process: GNU time's figures and the BENCH line it printed, if any. */
  record Run(double wall, double cpu, long rssKib, Map<String, String> bench) {
    double num(String k) {
      return Double.parseDouble(bench.get(k));
    }
  }

  private Bench() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || args[0].startsWith("-")) {
      System.err.println(
          "usage: jobs/bench SIZE [--format parquet|csv]   (SIZE e.g. 1m, 10m, 50m)");
      System.exit(2);
    }
    String size = args[0].toLowerCase(Locale.ROOT);
    String format = "parquet";
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("--format") && i + 1 < args.length) {
        format = args[++i].toLowerCase(Locale.ROOT);
      } else {
        throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (!format.equals("parquet") && !format.equals("csv")) {
      throw new IllegalArgumentException("--format must be parquet or csv: " + format);
    }
    long records = SampleGenerator.parseRecords(size);
    Path root = Path.of("").toAbsolutePath();
    Path bench = root.resolve("target/bench");
    String tag = size + "-" + format;
    Path data = bench.resolve("data/" + tag);
    Files.createDirectories(bench.resolve("data")); // a fresh clone has no target/bench yet
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String flags = System.getenv().getOrDefault("SPARK_JAVA17_FLAGS", "");
    String sparkCp =
        "target/classes:" + Files.readString(root.resolve("target/spark-classpath.txt")).trim();
    String testCp =
        "target/test-classes:target/classes:"
            + Files.readString(root.resolve("target/test-classpath.txt")).trim();
    String log4j = "-Dlog4j2.configurationFile=jobs/log4j2.properties";

    if (!Files.isDirectory(data)) {
      Path tmp = bench.resolve("data/." + size + "-" + format + ".tmp");
      LocalFiles.deleteTree(tmp);
      System.out.println("Generating " + size + " records (" + format + ") into " + data + " ...");
      List<String> gen = new ArrayList<>(List.of(java, "-Xmx4g"));
      gen.addAll(split(flags));
      gen.addAll(
          List.of(
              log4j,
              "-cp",
              sparkCp,
              "org.safeguardstats.sample.SampleGenerator",
              "--out",
              tmp.toString(),
              "--records",
              Long.toString(records),
              "--layout",
              "parts",
              "--format",
              format));
      Run g = timed(bench.resolve(tag + "-generate.time"), gen, true);
      Files.move(tmp, data);
      System.out.printf(Locale.ROOT, "  generated in %.0f s wall, %.0f s CPU%n", g.wall(), g.cpu());
    }
    Path incidents = data.resolve("incidents");
    List<Path> parts = files(incidents);
    long inputBytes = parts.stream().mapToLong(Bench::size).sum();
    warm(data);

    Path out = Files.createTempDirectory("safeguard-stats-bench-");
    Path job = bench.resolve("bench-" + size + "-" + format + ".yaml");
    Files.writeString(
        job,
        String.join(
            "\n",
            "# Generated by jobs/bench: the benchmark input, every table of the annual report.",
            "name: bench-" + size + "-" + format,
            "synthetic_data: true",
            "inputs:",
            "  incidents: {path: " + incidents + ", format: " + format + "}",
            "  population: {path: " + data.resolve("population") + ", format: " + format + "}",
            "  reviews: {path: " + data.resolve("reviews") + ", format: " + format + "}",
            "reporting_years: {first: 2019, last: 2024}",
            "confidence_levels: [0.95]",
            "output: {path: " + out.resolve("output") + "}",
            ""));
    Path cells = bench.resolve("duckdb-cells-" + size + "-" + format + ".tsv");

    System.out.println("(c) DuckDB count table ...");
    List<String> duckCmd = new ArrayList<>(List.of(java, "-Xmx1g"));
    duckCmd.addAll(
        List.of(
            "-cp",
            testCp,
            "org.safeguardstats.bench.DuckProcess",
            job.toString(),
            cells.toString(),
            out.resolve("duckdb.tmp").toString()));
    Run duck = timed(bench.resolve(tag + "-duck.time"), duckCmd, false);

    System.out.println("(b) count stage in-process ...");
    String master = System.getenv().getOrDefault("MASTER", "local[2]");
    List<String> countCmd =
        new ArrayList<>(
            List.of(java, "-Xmx" + System.getenv().getOrDefault("DRIVER_MEMORY", "4g")));
    countCmd.addAll(split(flags));
    countCmd.addAll(
        List.of(
            log4j,
            "-Dspark.master=" + master,
            "-Dspark.ui.showConsoleProgress=false",
            "-cp",
            testCp,
            "org.safeguardstats.bench.CountStageProcess",
            job.toString(),
            cells.toString()));
    Run count = timed(bench.resolve(tag + "-count.time"), countCmd, false);

    System.out.println("(a) job end to end (jobs/run) ...");
    Run run =
        timed(
            bench.resolve(tag + "-job.time"),
            List.of("jobs/run", job.toString(), "--output", out.resolve("output").toString()),
            false);
    LocalFiles.deleteTree(out);

    String machine = machine();
    String cpuModel = cpuModel();
    String load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    double jobOverDuck = run.wall() / duck.wall();
    double countOverDuck = count.num("wall") / duck.num("wall");
    long rows = (long) count.num("rows_read");
    boolean agree = count.num("differences") == 0 && count.num("quarantined") == 0;

    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "safeguard-stats benchmark, %s: %,d incident rows, %s (%d files, %.0f MB); %s; %s; load %s%n",
        LocalDate.now(),
        rows,
        format,
        parts.size(),
        inputBytes / 1e6,
        machine,
        cpuModel,
        load);
    String row = "  %-44s %8.1f %8.1f %10s%n";
    System.out.printf(Locale.ROOT, "  %-44s %8s %8s %10s%n", "", "wall s", "CPU s", "peak RSS");
    System.out.printf(
        Locale.ROOT,
        row,
        "(a) job end to end, fresh process",
        run.wall(),
        run.cpu(),
        mib(run.rssKib()));
    System.out.printf(
        Locale.ROOT,
        row,
        "(b) count stage in-process (after session)",
        count.num("wall"),
        count.num("cpu"),
        mib((long) count.num("rss_kib")));
    System.out.printf(
        Locale.ROOT,
        row,
        "      of which read + validate",
        count.num("read_validate"),
        Double.NaN,
        "");
    System.out.printf(
        Locale.ROOT, row, "      of which CountTable.count", count.num("count"), Double.NaN, "");
    System.out.printf(
        Locale.ROOT,
        row,
        "    (b)'s whole process",
        count.wall(),
        count.cpu(),
        mib(count.rssKib()));
    System.out.printf(
        Locale.ROOT, row, "(c) DuckDB whole process", duck.wall(), duck.cpu(), mib(duck.rssKib()));
    System.out.printf(
        Locale.ROOT,
        row,
        "    DuckDB query in-process",
        duck.num("wall"),
        duck.num("cpu"),
        mib((long) duck.num("rss_kib")));
    System.out.printf(
        Locale.ROOT,
        "  ratios: job / DuckDB process %.1f×; count stage / DuckDB query %.1f×%n",
        jobOverDuck,
        countOverDuck);
    System.out.printf(
        Locale.ROOT,
        "  cells: %,d DuckDB cells; %s%n",
        (long) duck.num("cells"),
        agree ? "every cell agrees exactly with CountTable" : "DISAGREEMENT (see above)");

    String csv =
        String.join(
            ",",
            LocalDate.now().toString(),
            q(machine),
            q(cpuModel),
            q(System.getProperty("java.version")),
            count.bench().get("spark"),
            duck.bench().get("version"),
            load,
            Long.toString(rows),
            format,
            Integer.toString(parts.size()),
            f(inputBytes / 1e6, 0),
            f(run.wall(), 1),
            f(run.cpu(), 1),
            f(run.rssKib() / 1024.0, 0),
            f(count.num("wall"), 1),
            f(count.num("cpu"), 1),
            f(count.num("rss_kib") / 1024.0, 0),
            f(count.num("read_validate"), 1),
            f(count.num("count"), 1),
            f(duck.wall(), 1),
            f(duck.cpu(), 1),
            f(duck.rssKib() / 1024.0, 0),
            f(duck.num("wall"), 2),
            f(duck.num("cpu"), 2),
            f(jobOverDuck, 1),
            f(countOverDuck, 1),
            Long.toString((long) duck.num("cells")),
            Boolean.toString(agree));
    Path results = root.resolve(RESULTS);
    Files.createDirectories(results.getParent());
    if (!Files.exists(results)) {
      Files.writeString(results, HEADER + "\n");
    }
    Files.writeString(results, csv + "\n", StandardOpenOption.APPEND);
    System.out.println("  appended to " + RESULTS);
    if (!agree) {
      System.exit(3);
    }
  }

  /** Runs a command under GNU time; its BENCH line parsed; fails loudly on a non-zero exit. */
  static Run timed(Path timeFile, List<String> command, boolean quiet) throws Exception {
    if (!Files.isExecutable(Path.of("/usr/bin/time"))) {
      throw new IllegalStateException("GNU time is needed at /usr/bin/time (apt-get install time)");
    }
    List<String> cmd = new ArrayList<>(List.of("/usr/bin/time", "-v", "-o", timeFile.toString()));
    cmd.addAll(command);
    Path log = Path.of(timeFile.toString().replace(".time", ".log"));
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    int rc = p.waitFor();
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    Map<String, String> bench = new LinkedHashMap<>();
    for (String line : lines) {
      if (line.startsWith("BENCH ")) {
        for (String kv : line.substring(6).split(" ")) {
          int eq = kv.indexOf('=');
          if (eq > 0) {
            bench.put(kv.substring(0, eq), kv.substring(eq + 1));
          }
        }
      } else if (!quiet && (line.startsWith("bench:") || line.startsWith("  ") && rc != 0)) {
        System.out.println("  " + line);
      }
    }
    if (rc != 0) {
      lines.stream()
          .skip(Math.max(0, lines.size() - 30))
          .forEach(l -> System.err.println("  | " + l));
      System.err.println(
          "bench: " + String.join(" ", command) + " failed (exit " + rc + "); log " + log);
      System.exit(rc == 3 ? 3 : 1);
    }
    String time = Files.readString(timeFile);
    return new Run(
        elapsed(grab(time, "Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\): (\\S+)")),
        Double.parseDouble(grab(time, "User time \\(seconds\\): (\\S+)"))
            + Double.parseDouble(grab(time, "System time \\(seconds\\): (\\S+)")),
        Long.parseLong(grab(time, "Maximum resident set size \\(kbytes\\): (\\d+)")),
        bench);
  }

  static String grab(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    if (!m.find()) {
      throw new IllegalStateException("GNU time output lacks " + regex);
    }
    return m.group(1);
  }

  /** h:mm:ss or m:ss.ss to seconds. */
  static double elapsed(String s) {
    double total = 0;
    for (String part : s.split(":")) {
      total = total * 60 + Double.parseDouble(part);
    }
    return total;
  }

  static String machine() throws IOException {
    long kib = 0;
    for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
      if (line.startsWith("MemTotal:")) {
        kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return Runtime.getRuntime().availableProcessors()
        + " cores, "
        + Math.round(kib / 1024.0 / 1024.0)
        + " GiB";
  }

  static String cpuModel() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
      if (line.startsWith("model name")) {
        return line.substring(line.indexOf(':') + 1).trim();
      }
    }
    return "unknown";
  }

  /** Reads every input file once, so that no process pays for a cold page cache. */
  static void warm(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        try (var in = Files.newInputStream(p)) {
          in.transferTo(java.io.OutputStream.nullOutputStream());
        }
      }
    }
  }

  static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList();
    }
  }

  static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> split(String flags) {
    return flags.isBlank() ? List.of() : List.of(flags.trim().split("\\s+"));
  }

  static String mib(long kib) {
    return kib < 0 ? "?" : String.format(Locale.ROOT, "%,.0f MiB", kib / 1024.0);
  }

  static String f(double v, int digits) {
    return String.format(Locale.ROOT, "%." + digits + "f", v);
  }

  static String q(String s) {
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }
}
