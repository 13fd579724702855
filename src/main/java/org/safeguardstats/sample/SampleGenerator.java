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
 * files per input ({@link SampleWriter}).
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

  /** AUTO writes single files up to this many incident (child) rows. */
  public static final long SINGLE_FILE_MAX_ROWS = 1_000_000L;

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
    Vocabulary v = new Vocabulary();
    plan = new SamplePlan(spec, v);
    Draws draws = new Draws(spec.seed(), v);
    PopulationGenerator pop = new PopulationGenerator(spark, plan, draws);
    IncidentGenerator inc = new IncidentGenerator(spark, plan, draws, pop);
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

  /** Writes the three inputs into outDir. */
  public static void generate(SparkSession spark, SampleSpec spec, Path outDir, Layout layout) {
    SampleGenerator g = new SampleGenerator(spark, spec);
    boolean single =
        switch (layout) {
          case SINGLE -> true;
          case PARTS -> false;
          case AUTO -> g.plan.totalChildren <= SINGLE_FILE_MAX_ROWS;
        };
    for (Table t : List.of(g.incidents, g.population, g.reviews)) {
      SampleWriter.write(t.rows(), t.sortKeys(), t.columns(), outDir, t.name(), single);
    }
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
   * {@code --out DIR [--first-year 2019] [--last-year 2024] [--scale 1] [--seed 20240331] [--layout
   * auto|single|parts]}.
   */
  public static void main(String[] args) {
    SampleSpec d = SampleSpec.defaults();
    Path out = null;
    int first = d.firstYear();
    int last = d.lastYear();
    double scale = d.scale();
    long seed = d.seed();
    Layout layout = Layout.AUTO;
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
        case "--layout" -> layout = Layout.valueOf(v.toUpperCase(Locale.ROOT));
        default -> throw new IllegalArgumentException("unknown argument " + a + "\n" + usage());
      }
    }
    if (out == null) {
      throw new IllegalArgumentException("--out DIR is required\n" + usage());
    }
    SampleSpec spec = new SampleSpec(first, last, scale, seed);
    SparkSession.Builder b =
        SparkSession.builder()
            .appName("safeguard-stats sample generator")
            .config("spark.ui.enabled", "false");
    if (System.getProperty("spark.master") == null) {
      b = b.master("local[2]");
    }
    SparkSession spark = b.getOrCreate();
    try {
      generate(spark, spec, out, layout);
      System.out.println("wrote synthetic sample " + spec + " to " + out.toAbsolutePath());
    } finally {
      spark.stop();
    }
  }

  static String usage() {
    return "usage: SampleGenerator --out DIR [--first-year 2019] [--last-year 2024] [--scale 1] "
        + "[--seed 20240331] [--layout auto|single|parts]";
  }
}
