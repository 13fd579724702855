package org.safeguardstats.sample;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Deterministic, seeded generator of the three SYNTHETIC inputs (incidents, population, reviews):
 * the public entry point and command line.
 *
 * <p>Everything is generated in Spark: each input starts from {@code spark.range} and every field
 * is a Spark SQL expression of {@code xxhash64(seed, field salt, row key...)} mapped to a uniform
 * double in [0, 1) ({@link Draws}), so a value depends only on the seed and the row's identity,
 * never on partitioning. The driver computes only a small per-year plan ({@link SamplePlan}).
 * Columns, enum values and codes come from the declared schemas and code lists ({@link
 * Vocabulary}); the numbers that tune the sample are in {@link Calibration}.
 *
 * <p>Output layout: for small runs (the default, scale 1) one CSV file each, {@code
 * outDir/incidents.csv}, {@code outDir/population.csv}, {@code outDir/reviews.csv}; for large runs
 * (more than {@link #SINGLE_FILE_MAX_ROWS} child rows, or {@link Layout#PARTS}) a folder of part
 * files per input ({@link SampleWriter}). With {@link Format#PARQUET} the same rows are written as
 * parquet ({@code incidents.parquet}, or {@code incidents/part-00000.parquet ...}); large parquet
 * runs are split into at least {@link #MIN_PARQUET_FILES} files of about {@link
 * #PARQUET_ROWS_PER_FILE} child rows each, so that every core reads from the first stage. The file
 * layout never changes the rows: the same seed and spec give the same rows in any layout.
 *
 * <p>Every generated record is one the job accepts (no invalid or duplicate rows are injected), so
 * at any scale rows read = rows accepted and a count over the files can be checked exactly.
 *
 * <p>The data describe no real child. See {@code data/sample/README.md}.
 */
public final class SampleGenerator {

  /** How to lay the output files out. */
  public enum Layout {
    AUTO,
    SINGLE,
    PARTS
  }

  /** File syntax of the output. */
  public enum Format {
    CSV,
    PARQUET
  }

  /** AUTO writes single files up to this many incident (child) rows. */
  public static final long SINGLE_FILE_MAX_ROWS = 1_000_000L;

  /**
   * Parquet parts hold at most about this many child rows: about 120 MB (the rows compress to about
   * 12 bytes each), within Spark's default 128 MB split.
   */
  public static final long PARQUET_ROWS_PER_FILE = 10_000_000L;

  /** Parquet in parts is split into at least this many files (a few per core on a laptop). */
  public static final int MIN_PARQUET_FILES = 4;

  /** One input: its file name, its rows (with internal sort keys) and its declared columns. */
  private record Table(
      String name, Dataset<Row> rows, List<String> sortKeys, List<String> columns) {
    Dataset<Row> sorted() {
      return rows.orderBy(SampleWriter.cols(sortKeys)).select(SampleWriter.cols(columns));
    }
  }

  private final SamplePlan plan;
  private final Table incidents;
  private final Table population;
  private final Table reviews;

  private SampleGenerator(SparkSession spark, SampleSpec spec) {
    this(spark, spec, 0);
  }

  /** With {@code files} incident partitions (0: the CSV default of 400,000 incidents each). */
  private SampleGenerator(SparkSession spark, SampleSpec spec, int files) {
    Vocabulary v = new Vocabulary();
    plan = new SamplePlan(spec, v);
    Draws draws = new Draws(spec.seed(), v);
    PopulationGenerator pop = new PopulationGenerator(spark, plan, draws);
    long perPart =
        files <= 0
            ? IncidentGenerator.INCIDENTS_PER_PART
            : Math.max(1, (plan.totalInc + files - 1) / files);
    IncidentGenerator inc = new IncidentGenerator(spark, plan, draws, pop, perPart);
    ReviewGenerator rev = new ReviewGenerator(spark, plan, draws, inc);
    incidents =
        new Table(
            "incidents", inc.incidents(), List.of("_year", "_k", "_c"), v.incident.columnNames());
    population =
        new Table("population", pop.population(), List.of("_id"), v.population.columnNames());
    reviews = new Table("reviews", rev.reviews(), List.of("_year", "_r"), v.reviews.columnNames());
  }

  /** Writes the three inputs into outDir, single files or parts by size. */
  public static void generate(SparkSession spark, SampleSpec spec, Path outDir) {
    generate(spark, spec, outDir, Layout.AUTO);
  }

  /** Writes the three inputs into outDir as CSV. */
  public static void generate(SparkSession spark, SampleSpec spec, Path outDir, Layout layout) {
    generate(spark, spec, outDir, layout, Format.CSV);
  }

  /** Writes the three inputs into outDir in the given file syntax. */
  public static void generate(
      SparkSession spark, SampleSpec spec, Path outDir, Layout layout, Format format) {
    long children = new SamplePlan(spec, new Vocabulary()).totalChildren;
    boolean single =
        switch (layout) {
          case SINGLE -> true;
          case PARTS -> false;
          case AUTO -> children <= SINGLE_FILE_MAX_ROWS;
        };
    int files =
        format == Format.PARQUET && !single
            ? (int)
                Math.max(
                    MIN_PARQUET_FILES,
                    (children + PARQUET_ROWS_PER_FILE - 1) / PARQUET_ROWS_PER_FILE)
            : 0;
    SampleGenerator g = new SampleGenerator(spark, spec, files);
    for (Table t : List.of(g.incidents, g.population, g.reviews)) {
      SampleWriter.write(t.rows(), t.sortKeys(), t.columns(), outDir, t.name(), single, format);
    }
  }

  /** Child (incident) rows the spec generates, computed on the driver without Spark. */
  public static long children(SampleSpec spec) {
    return new SamplePlan(spec, new Vocabulary()).totalChildren;
  }

  /**
   * The scale at which the default spec's years give about {@code records} child rows (the
   * calibrated sample, scale 1, has {@link #children} of the default spec).
   */
  public static double scaleFor(SampleSpec spec, long records) {
    return (double) records / children(spec.withScale(1.0));
  }

  /** The incidents (one row per child) in schema column order, sorted. */
  public static Dataset<Row> incidents(SparkSession spark, SampleSpec spec) {
    return new SampleGenerator(spark, spec).incidents.sorted();
  }

  /** The population baseline in schema column order, sorted. */
  public static Dataset<Row> population(SparkSession spark, SampleSpec spec) {
    return new SampleGenerator(spark, spec).population.sorted();
  }

  /** The reviews in schema column order, sorted. */
  public static Dataset<Row> reviews(SparkSession spark, SampleSpec spec) {
    return new SampleGenerator(spark, spec).reviews.sorted();
  }

  /**
   * {@code --out DIR [--first-year 2019] [--last-year 2024] [--scale 1 | --records N] [--seed
   * 20240331] [--layout auto|single|parts] [--format csv|parquet]}. {@code --records} sets the
   * scale that gives about N child rows.
   */
  public static void main(String[] args) {
    SampleSpec d = SampleSpec.defaults();
    Path out = null;
    int first = d.firstYear();
    int last = d.lastYear();
    double scale = d.scale();
    long seed = d.seed();
    Layout layout = Layout.AUTO;
    Format format = Format.CSV;
    long records = 0;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--help") || a.equals("-h")) {
        System.out.println(usage());
        return;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value after " + a + "\n" + usage());
      }
      String v = args[++i];
      switch (a) {
        case "--out" -> out = Paths.get(v);
        case "--first-year" -> first = Integer.parseInt(v);
        case "--last-year" -> last = Integer.parseInt(v);
        case "--scale" -> scale = Double.parseDouble(v);
        case "--seed" -> seed = Long.parseLong(v);
        case "--records" -> records = parseRecords(v);
        case "--layout" -> layout = Layout.valueOf(v.toUpperCase(Locale.ROOT));
        case "--format" -> format = Format.valueOf(v.toUpperCase(Locale.ROOT));
        default -> throw new IllegalArgumentException("unknown argument " + a + "\n" + usage());
      }
    }
    if (out == null) {
      throw new IllegalArgumentException("--out DIR is required\n" + usage());
    }
    SampleSpec spec = new SampleSpec(first, last, scale, seed);
    if (records > 0) {
      spec = spec.withScale(scaleFor(spec, records));
    }
    SparkSession.Builder b =
        SparkSession.builder()
            .appName("safeguard-stats sample generator")
            .config("spark.ui.enabled", "false");
    if (System.getProperty("spark.master") == null) {
      b = b.master("local[2]");
    }
    SparkSession spark = b.getOrCreate();
    try {
      generate(spark, spec, out, layout, format);
      System.out.printf(
          Locale.ROOT,
          "wrote synthetic sample %s (%,d incident rows, %s) to %s%n",
          spec,
          children(spec),
          format.name().toLowerCase(Locale.ROOT),
          out.toAbsolutePath());
    } finally {
      spark.stop();
    }
  }

  /** A record count: digits with an optional k, m or g suffix (1m = 1,000,000). */
  public static long parseRecords(String v) {
    String t = v.trim().toLowerCase(Locale.ROOT).replace("_", "");
    long unit =
        switch (t.isEmpty() ? ' ' : t.charAt(t.length() - 1)) {
          case 'k' -> 1_000L;
          case 'm' -> 1_000_000L;
          case 'g' -> 1_000_000_000L;
          default -> 1L;
        };
    String digits = unit == 1 ? t : t.substring(0, t.length() - 1);
    long n = Long.parseLong(digits) * unit;
    if (n <= 0) {
      throw new IllegalArgumentException("--records must be positive: " + v);
    }
    return n;
  }

  static String usage() {
    return "usage: SampleGenerator --out DIR [--first-year 2019] [--last-year 2024] "
        + "[--scale 1 | --records N (e.g. 10m)] [--seed 20240331] [--layout auto|single|parts] "
        + "[--format csv|parquet]";
  }
}
