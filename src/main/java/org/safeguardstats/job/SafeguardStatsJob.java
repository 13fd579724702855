package org.safeguardstats.job;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.safeguardstats.analysis.CauseDistributionAnalysis;
import org.safeguardstats.analysis.DistributionTestAnalysis;
import org.safeguardstats.analysis.RelativeRateAnalysis;
import org.safeguardstats.analysis.RepresentationAnalysis;
import org.safeguardstats.analysis.RunContext;
import org.safeguardstats.analysis.ShareChangeAnalysis;
import org.safeguardstats.analysis.TrendAnalysis;
import org.safeguardstats.analysis.YearOnYearAnalysis;
import org.safeguardstats.config.InvalidInputException;
import org.safeguardstats.config.JobConfig;
import org.safeguardstats.counts.AggregateCounts;
import org.safeguardstats.counts.Characteristics;
import org.safeguardstats.counts.CountTable;
import org.safeguardstats.counts.Margin;
import org.safeguardstats.counts.PopulationBaseline;
import org.safeguardstats.io.InputReader;
import org.safeguardstats.io.OutputWriter;
import org.safeguardstats.report.Headlines;
import org.safeguardstats.report.Manifest;
import org.safeguardstats.schema.DeclaredSchema;
import org.safeguardstats.tables.CauseDistributionRow;
import org.safeguardstats.tables.RepresentationRow;
import org.safeguardstats.tables.ShareChangeRow;
import org.safeguardstats.tables.TrendRow;
import org.safeguardstats.tables.YearOnYearRow;
import org.safeguardstats.validation.InputValidation;
import org.safeguardstats.validation.Validated;

/**
 * The job: job file → checks before Spark → read and validate each input → one count cube →
 * statistics in plain Java → tables, quarantine and manifest → point {@code latest} at the run.
 *
 * <p>Usage: {@code SafeguardStatsJob <job.yaml> [--output DIR]}. Exit code 2 for a problem with the
 * job file or an input (the message names the file, row or field), 1 for anything else.
 */
public final class SafeguardStatsJob {
  /**
   * Every table a record-level run writes, in writing order (each declared in
   * data-schemas/outputs/).
   */
  public static final List<String> TABLES =
      List.of(
          "year_on_year",
          "representation",
          "cause_distribution",
          "relative_rates",
          "share_changes",
          "distribution_tests",
          "trend",
          "quarantine");

  static final Map<String, String> INPUT_SCHEMAS =
      Map.of("incidents", "incident", "population", "population", "reviews", "reviews");

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
    try {
      job = parse(args);
      for (var e : job.inputs().entrySet()) {
        InputReader.preflight(e.getKey(), e.getValue(), schemaOf(e.getKey(), job));
      }
    } catch (InvalidInputException e) {
      System.err.println("safeguard-stats: " + e.getMessage());
      System.exit(2);
      return;
    }
    SparkSession.Builder builder = SparkSession.builder().appName("safeguard-stats " + job.name());
    if (!new SparkConf().contains("spark.master")) {
      builder.master("local[*]");
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
    int exit = 0;
    try {
      run(spark, job, System.out);
    } catch (InvalidInputException e) {
      System.err.println("safeguard-stats: " + e.getMessage());
      exit = 2;
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

  static String newRunId() {
    return DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC)
            .format(Instant.now())
        + "-"
        + UUID.randomUUID().toString().substring(0, 8);
  }

  /** The declared schema an input is read with. */
  static DeclaredSchema schemaOf(String input, JobConfig job) {
    JobConfig.Aggregate agg = job.aggregate();
    return switch (input) {
      case "notifications" ->
          InputValidation.eesSchema(agg.filter(), List.of(agg.countIndicator()));
      case "population" ->
          switch (job.input(input).format()) {
            case "ees" -> InputValidation.eesSchema(null, List.of(agg.populationIndicator()));
            case "ons_myeb1" -> InputValidation.onsSchema(onsHeader(job.input(input)));
            default -> DeclaredSchema.input("population");
          };
      default -> DeclaredSchema.input(INPUT_SCHEMAS.get(input));
    };
  }

  /**
   * The header of an ONS file (its population_YYYY columns vary by edition); every file of a folder
   * must agree.
   */
  static List<String> onsHeader(JobConfig.InputSpec spec) {
    List<String> header = null;
    for (Path f : InputReader.preflight("population", spec, DeclaredSchema.input("ons_myeb1"))) {
      List<String> h = InputReader.csvHeader("population", f);
      if (header != null && !header.equals(h)) {
        throw new InvalidInputException(
            "Input population: " + f + " row 1: header differs from the folder's first file");
      }
      header = h;
    }
    if (header == null || header.stream().noneMatch(h -> h.matches("population_[0-9]{4}"))) {
      throw new InvalidInputException(
          "Input population: "
              + spec.path()
              + " row 1: no population_YYYY column (ONS MYEB1 shape)");
    }
    return header;
  }

  static Validated validate(String input, Dataset<Row> raw, DeclaredSchema schema, JobConfig job) {
    return switch (input) {
      case "incidents" -> InputValidation.incidents(raw, job);
      case "reviews" -> InputValidation.reviews(raw, job);
      case "notifications" ->
          InputValidation.ees(
              input,
              raw,
              schema,
              job,
              job.aggregate().filter(),
              job.aggregate().categories().keySet());
      default ->
          switch (job.input(input).format()) {
            case "ees" -> InputValidation.ees(input, raw, schema, job, null, java.util.Set.of());
            case "ons_myeb1" -> Validated.of(input, schema, raw, List.of());
            default -> InputValidation.population(raw, job);
          };
    };
  }

  /** What the analyses produced: tables in writing order, and the headline sentences. */
  record Analyses(Map<String, List<? extends Record>> tables, List<String> headlines) {}

  public static RunResult run(SparkSession spark, JobConfig job, PrintStream out) {
    String runId = newRunId();
    Instant started = Instant.now();
    Stages stages = new Stages(spark, out);
    InputReader reader = new InputReader(spark);
    Manifest manifest = new Manifest(runId, job.name(), job.syntheticData(), job.asRun());
    manifest.put("started_at", started.toString()).put("spark_version", spark.version());
    if (job.syntheticData()) {
      out.println("SYNTHETIC DATA: every figure below describes invented children, not real ones.");
    }
    out.println("safeguard-stats run " + runId + " (" + job.name() + ")");

    Map<String, Validated> validated = new LinkedHashMap<>();
    Map<String, Validated.RowCounts> counts = new LinkedHashMap<>();
    for (String input : List.of("incidents", "notifications", "population", "reviews")) {
      JobConfig.InputSpec spec = job.input(input);
      if (spec == null) {
        continue;
      }
      DeclaredSchema schema = schemaOf(input, job);
      manifest.addInput(
          input, spec.path(), spec.format(), InputReader.preflight(input, spec, schema));
      Validated v =
          stages.run(
              "read and validate " + input,
              () -> {
                Validated checked = validate(input, reader.read(input, spec, schema), schema, job);
                checked.rows().persist(StorageLevel.MEMORY_AND_DISK());
                counts.put(input, checked.counts());
                return checked;
              });
      validated.put(input, v);
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

    RunContext context = RunContext.of(runId, job);
    Analyses analyses =
        job.isAggregate()
            ? published(spark, job, validated, stages, context)
            : records(spark, job, validated, stages, context);

    OutputWriter writer = new OutputWriter(spark, job.outputPath(), runId);
    stages.run(
        "write tables",
        () -> {
          analyses.tables().forEach(writer::write);
          Dataset<Row> quarantine =
              validated.values().stream()
                  .map(Validated::quarantined)
                  .reduce(Dataset::unionByName)
                  .orElseThrow();
          writer.write("quarantine", quarantine);
        });
    long quarantined = counts.values().stream().mapToLong(Validated.RowCounts::quarantined).sum();
    if (writer.written().get("quarantine") != quarantined) {
      throw new IllegalStateException(
          "Quarantine table holds "
              + writer.written().get("quarantine")
              + " rows but validation quarantined "
              + quarantined);
    }
    validated.values().forEach(v -> v.rows().unpersist());

    ObjectNode accounting = manifest.object("row_accounting");
    counts
        .values()
        .forEach(
            c ->
                accounting
                    .putObject(c.input())
                    .put("read", c.read())
                    .put("accepted", c.accepted())
                    .put("quarantined", c.quarantined()));
    ObjectNode outputs = manifest.object("outputs");
    writer
        .written()
        .forEach(
            (table, rows) ->
                outputs
                    .putObject(table)
                    .put("path", writer.runDir().resolve(table).toString())
                    .put("rows", rows));
    stages
        .timings()
        .forEach(
            t ->
                manifest
                    .array("stage_timings")
                    .addObject()
                    .put("stage", t.stage())
                    .put("seconds", Math.round(t.seconds() * 1000) / 1000.0));
    manifest.put("finished_at", Instant.now().toString());
    writer.writeManifest(manifest.toJson());
    writer.publish();

    out.println();
    out.println(
        job.syntheticData()
            ? "Headline figures (SYNTHETIC sample data, not real figures):"
            : "Headline figures:");
    analyses.headlines().forEach(h -> out.println("  " + h));
    out.println();
    out.println("Output: " + Path.of(job.outputPath()).resolve("latest") + " (run " + runId + ")");
    return new RunResult(runId, writer.runDir(), counts, analyses.tables(), analyses.headlines());
  }

  /** The population baseline from whichever shape the job's population input has (none: empty). */
  static PopulationBaseline population(JobConfig job, Map<String, Validated> validated) {
    JobConfig.InputSpec spec = job.input("population");
    if (spec == null) {
      return new PopulationBaseline(List.of());
    }
    Dataset<Row> accepted = validated.get("population").accepted();
    return switch (spec.format()) {
      case "ees" ->
          PopulationBaseline.collectEes(
              accepted,
              job.aggregate().geographicLevel(),
              job.aggregate().populationIndicator(),
              spec.path());
      case "ons_myeb1" -> PopulationBaseline.collectOns(accepted, spec.path());
      default -> PopulationBaseline.collect(accepted);
    };
  }

  /** What the count stage counts: every characteristic one way, and each analysis's margins. */
  static List<Margin> margins() {
    List<Margin> margins = new ArrayList<>(List.of(Margin.TOTAL));
    Characteristics.all().forEach(c -> margins.add(Margin.of(c)));
    margins.addAll(RepresentationAnalysis.margins());
    margins.addAll(CauseDistributionAnalysis.margins());
    margins.addAll(RelativeRateAnalysis.margins());
    margins.addAll(ShareChangeAnalysis.margins());
    margins.addAll(DistributionTestAnalysis.margins());
    return margins;
  }

  /** Record-level incidents: one count table, then every analysis on it. */
  static Analyses records(
      SparkSession spark,
      JobConfig job,
      Map<String, Validated> validated,
      Stages stages,
      RunContext context) {
    CountTable cube =
        stages.run(
            "count (one scan over incidents)",
            () -> CountTable.count(validated.get("incidents").accepted(), margins()));
    PopulationBaseline population =
        stages.run("population baseline", () -> population(job, validated));
    Map<Integer, Long> reviewsByYear = new LinkedHashMap<>();
    if (validated.containsKey("reviews")) {
      stages.run(
          "reviews per reporting year",
          () ->
              validated
                  .get("reviews")
                  .accepted()
                  .groupBy(InputValidation.REPORTING_YEAR)
                  .count()
                  .collectAsList()
                  .forEach(r -> reviewsByYear.put(r.getInt(0), r.getLong(1))));
    }
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
    tables.put("trend", trend);
    List<String> headlines =
        Headlines.lines(
            yearOnYear,
            representation,
            causes,
            trend,
            reviewsByYear,
            job.lastYear(),
            job.confidenceLevels().get(0));
    return new Analyses(tables, headlines);
  }

  /** Published aggregate counts: year on year, share changes of incident type, trend. */
  static Analyses published(
      SparkSession spark,
      JobConfig job,
      Map<String, Validated> validated,
      Stages stages,
      RunContext context) {
    AggregateCounts counts =
        stages.run(
            "published counts",
            () ->
                AggregateCounts.collect(
                    validated.get("notifications").accepted(), job.aggregate()));
    PopulationBaseline population =
        stages.run("population baseline", () -> population(job, validated));
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
    return new Analyses(tables, headlines);
  }
}
