package org.safeguardstats.job;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.safeguardstats.analysis.AssociationAnalysis;
import org.safeguardstats.analysis.CauseDistributionAnalysis;
import org.safeguardstats.analysis.CompletenessAnalysis;
import org.safeguardstats.analysis.DemographicsAnalysis;
import org.safeguardstats.analysis.DistributionTestAnalysis;
import org.safeguardstats.analysis.PrevalenceAnalysis;
import org.safeguardstats.analysis.RelativeRateAnalysis;
import org.safeguardstats.analysis.RepresentationAnalysis;
import org.safeguardstats.analysis.RunContext;
import org.safeguardstats.analysis.ShareChangeAnalysis;
import org.safeguardstats.analysis.SpotlightAnalysis;
import org.safeguardstats.analysis.ThemeAnalysis;
import org.safeguardstats.analysis.TrendAnalysis;
import org.safeguardstats.analysis.YearOnYearAnalysis;
import org.safeguardstats.config.InvalidInputException;
import org.safeguardstats.config.JobConfig;
import org.safeguardstats.counts.AggregateCounts;
import org.safeguardstats.counts.Characteristics;
import org.safeguardstats.counts.CountTable;
import org.safeguardstats.counts.Margin;
import org.safeguardstats.counts.NotificationDates;
import org.safeguardstats.counts.PopulationBaseline;
import org.safeguardstats.counts.ReviewCounts;
import org.safeguardstats.disclosure.Profile;
import org.safeguardstats.input.CheckedInput;
import org.safeguardstats.input.JobInputs;
import org.safeguardstats.io.InputReader;
import org.safeguardstats.io.OutputWriter;
import org.safeguardstats.io.Runs;
import org.safeguardstats.report.Headlines;
import org.safeguardstats.report.KeyFindings;
import org.safeguardstats.report.Manifest;
import org.safeguardstats.tables.CauseDistributionRow;
import org.safeguardstats.tables.KeyFindingRow;
import org.safeguardstats.tables.RepresentationRow;
import org.safeguardstats.tables.ShareChangeRow;
import org.safeguardstats.tables.Tables;
import org.safeguardstats.tables.TrendRow;
import org.safeguardstats.tables.YearOnYearRow;
import org.safeguardstats.validation.Validated;

/**
 * The job, in the order of the methods: parse the job file → check the inputs (preflight, no Spark)
 * → session → read and validate each input → count → analyse → write the tables, quarantine and
 * manifest → point {@code latest} at the run.
 *
 * <p>Usage: {@code SafeguardStatsJob <job.yaml> [--output DIR]}. Exit code 2 for a problem with the
 * job file or an input (the message names the file, row or field), 1 for anything else.
 */
public final class SafeguardStatsJob {
  /**
   * Every table a record-level run writes, in writing order (each declared in
   * data-schemas/outputs/).
   */
  public static final List<String> TABLES = tables();

  private static List<String> tables() {
    List<String> tables = new ArrayList<>(Tables.ROW_TYPES.keySet());
    tables.add("quarantine");
    return List.copyOf(tables);
  }

  /** What a run produced; the tables as rows, for tests and the report. */
  public record RunResult(
      String runId,
      Path runDir,
      Map<String, Validated.RowCounts> rowCounts,
      Map<String, List<? extends Record>> tables,
      List<String> headlines) {}

  private SafeguardStatsJob() {}

  public static void main(String[] args) {
    JobConfig job;
    JobInputs inputs;
    try {
      job = parse(args);
      profile(job);
      inputs = JobInputs.check(job);
    } catch (InvalidInputException e) {
      System.err.println("safeguard-stats: " + e.getMessage());
      System.exit(2);
      return;
    }
    SparkSession spark = session(job);
    int exit = 0;
    try {
      run(spark, job, inputs, System.out);
    } catch (InvalidInputException e) {
      System.err.println("safeguard-stats: " + e.getMessage());
      exit = 2;
    } catch (RuntimeException e) {
      // The message first (which run, what failed, what readers still see), then the trace.
      System.err.println("safeguard-stats: the run failed: " + e.getMessage());
      e.printStackTrace();
      exit = 1;
    } finally {
      spark.stop();
    }
    if (exit != 0) {
      System.exit(exit);
    }
  }

  static JobConfig parse(String[] args) {
    String jobFile = null;
    String output = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--output") && i + 1 < args.length) {
        output = args[++i];
      } else if (args[i].startsWith("--")) {
        throw new InvalidInputException(
            "Unknown option " + args[i] + "; usage: <job.yaml> [--output DIR]");
      } else if (jobFile == null) {
        jobFile = args[i];
      } else {
        throw new InvalidInputException(
            "Only one job file may be given; usage: <job.yaml> [--output DIR]");
      }
    }
    if (jobFile == null) {
      throw new InvalidInputException("No job file given; usage: <job.yaml> [--output DIR]");
    }
    if (!Path.of(jobFile).toFile().isFile()) {
      throw new InvalidInputException("Job file " + jobFile + " does not exist");
    }
    return JobConfig.load(Path.of(jobFile), output);
  }

  /** The job file's disclosure profile, its threshold replaced where the job file sets one. */
  static Profile profile(JobConfig job) {
    try {
      Profile named = Profile.named(job.disclosure().profile());
      return job.disclosure().threshold() == null
          ? named
          : named.withThreshold(job.disclosure().threshold());
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("Job file: disclosure: " + e.getMessage(), e);
    }
  }

  /** The job's Spark session: local[*] unless a master is set, shuffle partitions per core. */
  public static SparkSession session(JobConfig job) {
    SparkSession.Builder builder = SparkSession.builder().appName("safeguard-stats " + job.name());
    SparkConf given = new SparkConf();
    if (!given.contains("spark.master")) {
      builder.master("local[*]");
    }
    if (!given.contains("spark.executor.extraJavaOptions")) {
      // Executors on a cluster: compile Spark's large generated methods (see the pom's JVM flags).
      builder.config("spark.executor.extraJavaOptions", "-XX:-DontCompileHugeMethods");
    }
    SparkSession spark = builder.getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    if (!spark.sparkContext().getConf().contains("spark.sql.shuffle.partitions")) {
      // Spark's default of 200 is for big clusters; 4 per core suits a laptop and scales with a
      // cluster.
      spark
          .conf()
          .set(
              "spark.sql.shuffle.partitions",
              Math.max(8, 4 * spark.sparkContext().defaultParallelism()));
    }
    return spark;
  }

  static String newRunId() {
    return DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC)
            .format(Instant.now())
        + "-"
        + UUID.randomUUID().toString().substring(0, 8);
  }

  /**
   * What the analyses produced: tables in writing order, the headline sentences (the key findings
   * of record-level runs), the key findings in Markdown, and each reporting year's notification
   * dates (those two for record-level runs; null for published counts).
   */
  record Analyses(
      Map<String, List<? extends Record>> tables,
      List<String> headlines,
      String keyFindingsMarkdown,
      Map<Integer, NotificationDates> notificationDates) {}

  /** Every input validated (its rows persisted for the stages after), with its row accounting. */
  record Read(
      JobInputs inputs, Map<String, Validated> validated, Map<String, Validated.RowCounts> counts) {
    /** Spark: what an input yields to the counts. */
    <T> T from(CheckedInput<T> input) {
      return input.from(validated.get(input.input()));
    }
  }

  public static RunResult run(SparkSession spark, JobConfig job, PrintStream out) {
    return run(spark, job, JobInputs.check(job), out);
  }

  /** A run on inputs already checked: read and validate → count and analyse → write. */
  static RunResult run(SparkSession spark, JobConfig job, JobInputs inputs, PrintStream out) {
    String runId = newRunId();
    Instant started = Instant.now();
    Stages stages = new Stages(spark, out);
    if (job.syntheticData()) {
      out.println("SYNTHETIC DATA: every figure below describes invented children, not real ones.");
    }
    out.println("safeguard-stats run " + runId + " (" + job.name() + ")");
    Read read = readAndValidate(spark, inputs, stages, out);
    RunContext context = RunContext.of(runId, job);
    Analyses analyses =
        job.isAggregate()
            ? published(spark, job, read, stages, context)
            : records(spark, job, read, stages, context);
    OutputWriter writer = write(spark, job, runId, read, analyses, stages);
    List<Manifest.Input> checked =
        inputs.all().stream()
            .map(i -> new Manifest.Input(i.input(), i.shapeName(), i.files()))
            .toList();
    writer.writeManifest(
        new Manifest(
                runId,
                job,
                spark.version(),
                started,
                checked,
                read.counts().values(),
                writer.runDir(),
                writer.written(),
                analyses.notificationDates(),
                stages.timings())
            .toJson());
    writer.publish();
    List<String> deleted = List.of();
    try {
      deleted = Runs.prune(Path.of(job.outputPath()), job.keepRuns());
    } catch (UncheckedIOException e) {
      // The run is published: a failed clean-up must not make a scheduler run it again.
      out.println("Warning: older runs were not all deleted (" + e.getMessage() + ")");
    }
    if (!deleted.isEmpty()) {
      out.println(
          "Deleted "
              + deleted.size()
              + " older run(s) beyond keep_runs = "
              + job.keepRuns()
              + ": "
              + String.join(", ", deleted));
    }
    printHeadlines(job, runId, writer.written().keySet(), analyses, out);
    return new RunResult(
        runId, writer.runDir(), read.counts(), analyses.tables(), analyses.headlines());
  }

  /** Each input read from the files its preflight found, validated, persisted and accounted. */
  static Read readAndValidate(
      SparkSession spark, JobInputs inputs, Stages stages, PrintStream out) {
    InputReader reader = new InputReader(spark);
    Map<String, Validated> validated = new LinkedHashMap<>();
    Map<String, Validated.RowCounts> counts = new LinkedHashMap<>();
    for (CheckedInput<?> input : inputs.all()) {
      Validated v =
          stages.run(
              "read and validate " + input.input(),
              () -> {
                Validated checked = input.readAndValidate(reader);
                checked.rows().persist(StorageLevel.MEMORY_AND_DISK());
                counts.put(input.input(), checked.counts());
                return checked;
              });
      validated.put(input.input(), v);
    }
    for (Validated.RowCounts c : counts.values()) {
      out.printf(
          Locale.ROOT,
          "  %-14s %,d rows read = %,d accepted + %,d quarantined%n",
          c.input(),
          c.read(),
          c.accepted(),
          c.quarantined());
      if (c.quarantined() > 0) {
        for (Row r : validated.get(c.input()).reasonCounts()) {
          out.printf(Locale.ROOT, "      %,6d  %s%n", r.getLong(1), r.getString(0));
        }
      }
    }
    return new Read(inputs, validated, counts);
  }

  /** The population baseline from whichever shape the population input has (none: empty). */
  static PopulationBaseline population(Read read, Stages stages) {
    return stages.run(
        "population baseline",
        () ->
            read.inputs().population() == null
                ? new PopulationBaseline(List.of())
                : read.from(read.inputs().population()));
  }

  /** What the count stage counts: every characteristic one way, and each analysis's margins. */
  public static List<Margin> margins() {
    List<Margin> margins = new ArrayList<>(List.of(Margin.TOTAL));
    Characteristics.all().forEach(c -> margins.add(Margin.of(c)));
    margins.addAll(RepresentationAnalysis.margins());
    margins.addAll(CauseDistributionAnalysis.margins());
    margins.addAll(DemographicsAnalysis.margins());
    margins.addAll(ThemeAnalysis.margins());
    margins.addAll(RelativeRateAnalysis.margins());
    margins.addAll(ShareChangeAnalysis.margins());
    margins.addAll(DistributionTestAnalysis.margins());
    margins.addAll(AssociationAnalysis.margins());
    margins.addAll(SpotlightAnalysis.margins());
    margins.addAll(CompletenessAnalysis.margins());
    margins.addAll(PrevalenceAnalysis.margins());
    return margins;
  }

  /** Record-level incidents: one count table, then every analysis on it. */
  static Analyses records(
      SparkSession spark, JobConfig job, Read read, Stages stages, RunContext context) {
    CountTable cube =
        stages.run(
            "count (one scan over incidents)",
            () ->
                CountTable.count(
                    read.from(read.inputs().incidents()), margins(), job.completeYears()));
    PopulationBaseline population = population(read, stages);
    // No reviews input: null, and the themes table says so in its local-review rows.
    ReviewCounts reviews =
        read.inputs().reviews() == null
            ? null
            : stages.run(
                "reviews per reporting year and theme", () -> read.from(read.inputs().reviews()));
    List<YearOnYearRow> yearOnYear =
        stages.run(
            "statistics: year on year", () -> YearOnYearAnalysis.rows(cube, population, context));
    List<RepresentationRow> representation =
        stages.run(
            "statistics: representation",
            () -> RepresentationAnalysis.rows(cube, population, context));
    List<CauseDistributionRow> causes =
        stages.run(
            "statistics: cause distribution", () -> CauseDistributionAnalysis.rows(cube, context));
    List<TrendRow> trend =
        stages.run(
            "statistics: trend (Poisson GLM)",
            () -> TrendAnalysis.rows(spark, cube, population, context));
    Map<String, List<? extends Record>> tables = new LinkedHashMap<>();
    tables.put("year_on_year", yearOnYear);
    tables.put("representation", representation);
    tables.put("cause_distribution", causes);
    tables.put(
        "demographics",
        stages.run("statistics: demographics", () -> DemographicsAnalysis.rows(cube, context)));
    tables.put(
        "themes",
        stages.run(
            "statistics: practice themes", () -> ThemeAnalysis.rows(cube, reviews, context)));
    tables.put(
        "relative_rates",
        stages.run(
            "statistics: relative rates",
            () -> RelativeRateAnalysis.rows(cube, population, context, job.referenceGroup())));
    tables.put(
        "share_changes",
        stages.run("statistics: share changes", () -> ShareChangeAnalysis.rows(cube, context)));
    tables.put(
        "distribution_tests",
        stages.run(
            "statistics: distribution tests", () -> DistributionTestAnalysis.rows(cube, context)));
    tables.put(
        "associations",
        stages.run("statistics: associations", () -> AssociationAnalysis.rows(cube, context)));
    tables.put(
        "spotlights",
        stages.run("statistics: spotlights", () -> SpotlightAnalysis.rows(cube, context)));
    tables.put(
        "completeness",
        stages.run("statistics: completeness", () -> CompletenessAnalysis.rows(cube, context)));
    tables.put(
        "prevalence",
        stages.run("statistics: prevalence", () -> PrevalenceAnalysis.rows(cube, context)));
    tables.put("trend", trend);
    List<KeyFindingRow> findings =
        stages.run("key findings", () -> KeyFindings.rows(tables, context));
    tables.put("key_findings", findings);
    double level = job.confidenceLevels().get(0);
    List<String> headlines =
        findings.stream()
            .filter(f -> f.confidenceLevel() == level)
            .map(KeyFindingRow::sentence)
            .toList();
    return new Analyses(
        tables,
        headlines,
        KeyFindings.markdown(findings, job.syntheticData()),
        cube.notificationDates());
  }

  /** Published aggregate counts: year on year, share changes of incident type, trend. */
  static Analyses published(
      SparkSession spark, JobConfig job, Read read, Stages stages, RunContext context) {
    AggregateCounts counts =
        stages.run("published counts", () -> read.from(read.inputs().notifications()));
    PopulationBaseline population = population(read, stages);
    List<YearOnYearRow> yearOnYear =
        stages.run(
            "statistics: year on year", () -> YearOnYearAnalysis.rows(counts, population, context));
    List<ShareChangeRow> shareChanges =
        stages.run(
            "statistics: share changes",
            () -> ShareChangeAnalysis.incidentTypeRows(counts, job.aggregate().measure(), context));
    List<TrendRow> trend =
        stages.run(
            "statistics: trend (Poisson GLM)",
            () -> TrendAnalysis.rows(spark, counts, population, context));
    Map<String, List<? extends Record>> tables = new LinkedHashMap<>();
    tables.put("year_on_year", yearOnYear);
    tables.put("share_changes", shareChanges);
    tables.put("trend", trend);
    List<String> headlines =
        Headlines.publishedLines(
            yearOnYear,
            shareChanges,
            trend,
            job.aggregate().measure(),
            job.confidenceLevels().get(0));
    return new Analyses(tables, headlines, null, null);
  }

  /**
   * Spark: the internal tier (every table, key_findings.md and the quarantine, the quarantine
   * checked against the row accounting), which every run writes (JobConfig refuses tiers without
   * it).
   */
  static OutputWriter write(
      SparkSession spark,
      JobConfig job,
      String runId,
      Read read,
      Analyses analyses,
      Stages stages) {
    OutputWriter writer = new OutputWriter(spark, job.outputPath(), runId);
    stages.run(
        "write tables",
        () -> {
          analyses.tables().forEach(writer::write);
          if (analyses.keyFindingsMarkdown() != null) {
            writer.writeFile(JobConfig.INTERNAL, "key_findings.md", analyses.keyFindingsMarkdown());
          }
          Dataset<Row> quarantine =
              read.validated().values().stream()
                  .map(Validated::quarantined)
                  .reduce(Dataset::unionByName)
                  .orElseThrow();
          writer.write("quarantine", quarantine);
        });
    long quarantined =
        read.counts().values().stream().mapToLong(Validated.RowCounts::quarantined).sum();
    long written = writer.written().get(JobConfig.INTERNAL).get("quarantine");
    if (written != quarantined) {
      throw new IllegalStateException(
          "Quarantine table holds " + written + " rows but validation quarantined " + quarantined);
    }
    read.validated().values().forEach(v -> v.rows().unpersist());
    return writer;
  }

  static void printHeadlines(
      JobConfig job, String runId, Set<String> tiers, Analyses analyses, PrintStream out) {
    out.println();
    out.println(
        (analyses.keyFindingsMarkdown() != null ? "Key findings" : "Headline figures")
            + (job.syntheticData() ? " (SYNTHETIC sample data, not real figures):" : ":"));
    analyses.headlines().forEach(h -> out.println("  " + h));
    out.println();
    out.println(
        "Output: "
            + Path.of(job.outputPath()).resolve("latest")
            + " (run "
            + runId
            + "; tiers written: "
            + String.join(", ", tiers)
            + ")");
  }
}
