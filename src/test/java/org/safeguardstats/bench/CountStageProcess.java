package org.safeguardstats.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.safeguardstats.config.JobConfig;
import org.safeguardstats.counts.CountTable;
import org.safeguardstats.input.CheckedInput;
import org.safeguardstats.input.JobInputs;
import org.safeguardstats.io.InputReader;
import org.safeguardstats.job.SafeguardStatsJob;
import org.safeguardstats.validation.Validated;

/**
 * Benchmark part (b), a process of its own: the job's session, then, timed from after it is up, the
 * job's own read and validate of the incidents (persisted and accounted, as the job does) and
 * {@link CountTable#count} with the job's margins. Then every cell is checked against DuckDB's.
 *
 * <p>Usage: {@code CountStageProcess <job.yaml> <duckdb cells.tsv>}. Prints one {@code BENCH count}
 * line; exits 3 when a row is quarantined or a cell disagrees (the first disagreements printed).
 */
public final class CountStageProcess {
  private CountStageProcess() {}

  public static void main(String[] args) throws Exception {
    JobConfig job = JobConfig.load(Path.of(args[0]), null);
    JobInputs inputs = JobInputs.check(job);
    SparkSession spark = SafeguardStatsJob.session(job);
    int exit = 0;
    try {
      double cpu0 = Measure.cpuSeconds();
      long t0 = System.nanoTime();
      CheckedInput<Dataset<Row>> incidents = inputs.incidents();
      Validated validated = incidents.readAndValidate(new InputReader(spark));
      validated.rows().persist(StorageLevel.MEMORY_AND_DISK());
      Validated.RowCounts rows = validated.counts();
      long t1 = System.nanoTime();
      CountTable table =
          CountTable.count(
              incidents.from(validated), SafeguardStatsJob.margins(), job.completeYears());
      long t2 = System.nanoTime();
      double cpu = Measure.cpuSeconds() - cpu0;
      long rss = Measure.peakRssKib();
      validated.rows().unpersist();

      Map<DuckCountTable.Key, CountTable.Cell> duck = CellsFile.read(Path.of(args[1]));
      Set<Integer> years = new TreeSet<>();
      for (int y = job.firstYear(); y <= job.lastYear(); y++) {
        years.add(y);
      }
      List<String> differences = DuckCountTable.differences(table, duck, years);
      System.out.printf(
          Locale.ROOT,
          "BENCH count wall=%.3f cpu=%.3f rss_kib=%d read_validate=%.3f count=%.3f rows_read=%d"
              + " accepted=%d quarantined=%d duck_cells=%d differences=%d spark=%s%n",
          (t2 - t0) / 1e9,
          cpu,
          rss,
          (t1 - t0) / 1e9,
          (t2 - t1) / 1e9,
          rows.read(),
          rows.accepted(),
          rows.quarantined(),
          duck.size(),
          differences.size(),
          spark.version());
      if (rows.quarantined() > 0) {
        System.err.println(
            "bench: "
                + rows.quarantined()
                + " rows quarantined: the benchmark input must be accepted entirely");
        exit = 3;
      }
      if (!differences.isEmpty()) {
        System.err.println(
            "bench: DuckDB and CountTable DISAGREE in " + differences.size() + " cells, e.g.:");
        differences.stream().limit(20).forEach(d -> System.err.println("  " + d));
        exit = 3;
      }
    } finally {
      spark.stop();
    }
    if (exit != 0) {
      System.exit(exit);
    }
  }
}
