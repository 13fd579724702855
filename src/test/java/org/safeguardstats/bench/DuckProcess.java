package org.safeguardstats.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import org.safeguardstats.config.JobConfig;
import org.safeguardstats.counts.CountTable;
import org.safeguardstats.job.SafeguardStatsJob;

/**
 * Benchmark part (c), a process of its own: DuckDB (in-process, JDBC) computes the job's count
 * table over the job file's incident files and writes its cells for the count-stage process to
 * check.
 *
 * <p>Usage: {@code DuckProcess <job.yaml> <cells.tsv> <temp dir>}. Prints one {@code BENCH duck}
 * line: the query's wall and CPU seconds (from after the connection opens), peak RSS, cells and
 * DuckDB's version.
 */
public final class DuckProcess {
  private DuckProcess() {}

  public static void main(String[] args) throws Exception {
    JobConfig job = JobConfig.load(Path.of(args[0]), null);
    JobConfig.InputSpec in = job.input("incidents");
    Path tmp = Path.of(args[2]);
    Files.createDirectories(tmp);
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
      String version;
      try (Statement s = c.createStatement()) {
        s.execute("SET temp_directory = " + DuckCountTable.str(tmp.toString()));
        s.execute("SET preserve_insertion_order = false");
        try (ResultSet r = s.executeQuery("SELECT version()")) {
          r.next();
          version = r.getString(1);
        }
      }
      double cpu0 = Measure.cpuSeconds();
      long t0 = System.nanoTime();
      Map<DuckCountTable.Key, CountTable.Cell> cells =
          DuckCountTable.count(
              c,
              DuckCountTable.source(in.path(), in.format()),
              in.format().equals("parquet"),
              SafeguardStatsJob.margins());
      double wall = (System.nanoTime() - t0) / 1e9;
      double cpu = Measure.cpuSeconds() - cpu0;
      CellsFile.write(Path.of(args[1]), cells);
      System.out.printf(
          Locale.ROOT,
          "BENCH duck wall=%.3f cpu=%.3f rss_kib=%d cells=%d version=%s%n",
          wall,
          cpu,
          Measure.peakRssKib(),
          cells.size(),
          version.replace(' ', '_'));
    }
  }
}
