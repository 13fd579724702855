package org.safeguardstats.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.safeguardstats.config.JobConfig;
import org.safeguardstats.schema.DeclaredSchema;
import org.safeguardstats.schema.OutputColumns;

/**
 * Writes a run under {@code <output>/runs/<run_id>/}: the {@code internal/} tier (every table
 * unsuppressed with its declared schema, the quarantine, key_findings.md) and the {@code
 * published/} tier (each table's published rows, {@link DeclaredSchema#published}), then the
 * manifest at the run's root, and only then {@link #publish} points readers at the run.
 *
 * <p>The run folder and everything in the internal tier are created owner-only (folders 700, files
 * 600) as they are created: the run folder and files the driver writes through java.nio with their
 * permissions given at creation; Spark's writes with Hadoop's {@code fs.permissions.umask-mode=077}
 * on that write's configuration, with the file system's cache bypassed for it (a cached Hadoop file
 * system keeps the umask it was created with).
 *
 * <p>Each table is one file, {@code <tier>/<table>/part-00000.parquet} (Spark's part file renamed,
 * its checksum and {@code _SUCCESS} removed): the same rows give the same bytes, so two runs on the
 * same inputs give identical published files.
 */
public final class OutputWriter {
  public static final String PART_FILE = "part-00000.parquet";

  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  private static final String OWNER_DIR = "rwx------";
  private static final String OWNER_FILE = "rw-------";

  private final SparkSession spark;
  private final Path root;
  private final String runId;
  private final Map<String, Map<String, Long>> written = new LinkedHashMap<>();

  public OutputWriter(SparkSession spark, String outputRoot, String runId) {
    this.spark = spark;
    this.root = Path.of(outputRoot);
    this.runId = runId;
  }

  public Path runDir() {
    return root.resolve("runs").resolve(runId);
  }

  /** The folder of a tier ({@link JobConfig#INTERNAL} or {@link JobConfig#PUBLISHED}). */
  public Path tierDir(String tier) {
    return runDir().resolve(tier);
  }

  /** Rows written per tier and table, in writing order. */
  public Map<String, Map<String, Long>> written() {
    return written;
  }

  /** Writes an internal table computed in the driver (the analysis tables), one record per row. */
  public void write(String table, List<? extends Record> rows) {
    DeclaredSchema declared = DeclaredSchema.output(table);
    StructType schema = declared.sparkSchema();
    List<Row> sparkRows = new ArrayList<>(rows.size());
    for (Record r : rows) {
      sparkRows.add(toRow(table, declared, OutputColumns.values(r)));
    }
    save(JobConfig.INTERNAL, table, spark.createDataFrame(sparkRows, schema), rows.size());
  }

  /**
   * Writes an internal dataset (e.g. the quarantine), adding the run id and checking the declared
   * columns.
   */
  public void write(String table, Dataset<Row> rows) {
    StructType schema = DeclaredSchema.output(table).sparkSchema();
    Dataset<Row> withRun = rows.withColumn("run_id", functions.lit(runId));
    List<Column> cols = new ArrayList<>();
    for (StructField f : schema.fields()) {
      cols.add(functions.col(f.name()).cast(f.dataType()).as(f.name()));
    }
    Dataset<Row> shaped = withRun.select(cols.toArray(new Column[0]));
    save(JobConfig.INTERNAL, table, shaped, -1);
  }

  /** Writes a published table: rows of the table's published schema, in the order given. */
  public void writePublished(String table, List<Map<String, Object>> rows) {
    DeclaredSchema declared = DeclaredSchema.published(table);
    StructType schema = declared.sparkSchema();
    List<Row> sparkRows = new ArrayList<>(rows.size());
    for (Map<String, Object> r : rows) {
      sparkRows.add(toRow(table + " (published)", declared, r));
    }
    save(JobConfig.PUBLISHED, table, spark.createDataFrame(sparkRows, schema), rows.size());
  }

  private void save(String tier, String table, Dataset<Row> df, long knownRows) {
    Path dir = tierDir(tier).resolve(table);
    createDirectory(tierDir(tier), tier.equals(JobConfig.INTERNAL));
    spark.sparkContext().setJobDescription("write " + tier + "/" + table);
    DataFrameWriter<Row> w = df.coalesce(1).write().mode(SaveMode.ErrorIfExists);
    if (tier.equals(JobConfig.INTERNAL)) {
      w =
          w.option("fs.permissions.umask-mode", "077")
              // A cached local file system keeps the umask it was made with.
              .option("fs.file.impl.disable.cache", "true");
    }
    try {
      w.parquet(dir.toString());
      onePartFile(dir);
    } catch (Exception e) { // Spark throws AnalysisException, a checked exception, undeclared
      throw new IllegalStateException(
          "Cannot write "
              + tier
              + "/"
              + table
              + " of run "
              + runId
              + " to "
              + dir
              + "; the run is not published"
              + stillCurrent()
              + " ("
              + e.getMessage()
              + ")",
          e);
    }
    written
        .computeIfAbsent(tier, t -> new LinkedHashMap<>())
        .put(
            table,
            knownRows >= 0
                ? knownRows
                : spark.read().schema(df.schema()).parquet(dir.toString()).count());
    TestHook.pause("table written: " + tier + "/" + table);
  }

  /** Spark's one part file renamed to {@link #PART_FILE}; its checksum and markers removed. */
  private static void onePartFile(Path dir) throws IOException {
    List<Path> parts = LocalFiles.parts(dir, ".parquet");
    if (parts.size() != 1) {
      throw new IOException("expected one part file in " + dir + ", found " + parts);
    }
    LocalFiles.keepOnly(dir, parts);
    Files.move(parts.get(0), dir.resolve(PART_FILE), StandardCopyOption.ATOMIC_MOVE);
  }

  private String stillCurrent() {
    String current = Runs.current(root);
    return current == null
        ? " (there was no earlier run)"
        : "; " + root.resolve(Runs.POINTER) + " still names run " + current;
  }

  /** A row of a table as its declared schema types it; {@code table} names it in messages. */
  static Row toRow(String table, DeclaredSchema declaredSchema, Map<String, Object> row) {
    StructType schema = declaredSchema.sparkSchema();
    Set<String> declared = Set.of(schema.fieldNames());
    for (String k : row.keySet()) {
      if (!declared.contains(k)) {
        throw new IllegalStateException(
            table + ": column " + k + " is not declared (" + declaredSchema.resource() + ")");
      }
    }
    Object[] values = new Object[schema.fields().length];
    for (int i = 0; i < values.length; i++) {
      StructField f = schema.fields()[i];
      if (!row.containsKey(f.name())) {
        throw new IllegalStateException(
            table + ": row has no value for declared column " + f.name());
      }
      Object v = row.get(f.name());
      if (v instanceof Double d && !Double.isFinite(d)) {
        throw new IllegalStateException(table + ": column " + f.name() + " would hold " + d);
      }
      if (v == null && !f.nullable()) {
        throw new IllegalStateException(
            table + ": column " + f.name() + " is null but declared required");
      }
      values[i] = v == null ? null : coerce(f.dataType(), v);
    }
    return RowFactory.create(values);
  }

  private static Object coerce(DataType type, Object v) {
    if (type.equals(DataTypes.IntegerType)) {
      return ((Number) v).intValue();
    }
    if (type.equals(DataTypes.LongType)) {
      return ((Number) v).longValue();
    }
    if (type.equals(DataTypes.DoubleType)) {
      return ((Number) v).doubleValue();
    }
    return v;
  }

  /**
   * Writes manifest.json at the run's root, in one rename: its presence marks the run complete, so
   * it is written after every tier.
   */
  public void writeManifest(String json) {
    createDirectory(runDir(), true);
    writeAtomically(runDir(), Runs.MANIFEST, json, true);
  }

  /** Writes a text file (UTF-8) into a tier; owner-only in the internal tier. */
  public void writeFile(String tier, String name, String text) {
    boolean ownerOnly = tier.equals(JobConfig.INTERNAL);
    createDirectory(tierDir(tier), ownerOnly);
    Path file = tierDir(tier).resolve(name);
    try {
      createFile(file, text, ownerOnly);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot write " + file + "; the run is not published" + stillCurrent(), e);
    }
  }

  /**
   * Points readers at this run, after every tier and the manifest are complete: first {@code
   * LATEST} (the run id; one rename, the commit point, and on an object store one object written
   * whole), then the {@code latest} symlink for local readers (one rename). A run killed between
   * the two leaves {@code latest} at the previous complete run until the next run; {@code LATEST}
   * is the pointer of record.
   */
  public void publish() {
    if (!Files.isRegularFile(runDir().resolve(Runs.MANIFEST))) {
      throw new IllegalStateException("Run " + runId + " has no manifest: it cannot be published");
    }
    TestHook.pause("before pointer switch");
    writeAtomically(root, Runs.POINTER, runId + "\n", false);
    TestHook.pause("between pointers");
    try {
      Path tmpLink = root.resolve(".latest-" + runId);
      Files.deleteIfExists(tmpLink);
      Files.createSymbolicLink(tmpLink, Path.of("runs", runId));
      Files.move(
          tmpLink,
          root.resolve("latest"),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (UnsupportedOperationException e) {
      // No symlinks here: readers use LATEST.
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Run "
              + runId
              + " is published (LATEST names it) but "
              + root.resolve("latest")
              + " could not follow",
          e);
    }
  }

  /** A file written whole under a temporary name, then renamed into place in one step. */
  private void writeAtomically(Path dir, String name, String text, boolean ownerOnly) {
    Path tmp = dir.resolve("." + name + "-" + runId + ".tmp");
    try {
      Files.deleteIfExists(tmp);
      createFile(tmp, text, ownerOnly);
      Files.move(
          tmp,
          dir.resolve(name),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot write " + dir.resolve(name) + "; the run is not published" + stillCurrent(), e);
    }
  }

  /**
   * The folder (and the run folder above it) if missing, owner-only from creation when asked; the
   * run folder always is.
   */
  private void createDirectory(Path dir, boolean ownerOnly) {
    try {
      Files.createDirectories(runDir().getParent());
      if (!Files.isDirectory(runDir())) {
        Files.createDirectory(runDir(), attributes(OWNER_DIR));
      }
      if (!Files.isDirectory(dir)) {
        Files.createDirectory(dir, attributes(ownerOnly ? OWNER_DIR : null));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot create " + dir + "; the run is not published" + stillCurrent(), e);
    }
  }

  /** A new file (an existing one is an error), its permissions set as it is created. */
  private static void createFile(Path file, String text, boolean ownerOnly) throws IOException {
    Files.writeString(
        Files.createFile(file, attributes(ownerOnly ? OWNER_FILE : null)),
        text,
        StandardCharsets.UTF_8);
  }

  private static FileAttribute<?>[] attributes(String permissions) {
    return POSIX && permissions != null
        ? new FileAttribute<?>[] {
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))
        }
        : new FileAttribute<?>[0];
  }
}
