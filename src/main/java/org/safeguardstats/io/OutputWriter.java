package org.safeguardstats.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
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
import org.safeguardstats.schema.DeclaredSchema;
import org.safeguardstats.schema.OutputColumns;

/**
 * Writes a run's tables under {@code <output>/runs/<run_id>/}, each with its declared schema from
 * {@code data-schemas/outputs/}, and only when all are written points {@code <output>/latest} (a
 * symlink, swapped atomically) and {@code <output>/LATEST} (the run id) at the run. A reader of
 * {@code latest} never sees a mix of two runs; a failed run leaves the previous one in place.
 */
public final class OutputWriter {
  private final SparkSession spark;
  private final Path root;
  private final String runId;
  private final Map<String, Long> written = new LinkedHashMap<>();

  public OutputWriter(SparkSession spark, String outputRoot, String runId) {
    this.spark = spark;
    this.root = Path.of(outputRoot);
    this.runId = runId;
  }

  public Path runDir() {
    return root.resolve("runs").resolve(runId);
  }

  /** Rows written per table, in writing order. */
  public Map<String, Long> written() {
    return written;
  }

  /** Writes rows computed in the driver (the analysis tables), one record per row. */
  public void write(String table, List<? extends Record> rows) {
    StructType schema = DeclaredSchema.output(table).sparkSchema();
    List<Row> sparkRows = new ArrayList<>(rows.size());
    for (Record r : rows) {
      sparkRows.add(toRow(table, schema, OutputColumns.values(r)));
    }
    save(table, spark.createDataFrame(sparkRows, schema), rows.size());
  }

  /**
   * Writes a dataset (e.g. the quarantine), adding the run id and checking the declared columns.
   */
  public void write(String table, Dataset<Row> rows) {
    StructType schema = DeclaredSchema.output(table).sparkSchema();
    Dataset<Row> withRun = rows.withColumn("run_id", functions.lit(runId));
    List<Column> cols = new ArrayList<>();
    for (StructField f : schema.fields()) {
      cols.add(functions.col(f.name()).cast(f.dataType()).as(f.name()));
    }
    Dataset<Row> shaped = withRun.select(cols.toArray(new Column[0]));
    save(table, shaped, -1);
  }

  private void save(String table, Dataset<Row> df, long knownRows) {
    String path = runDir().resolve(table).toString();
    spark.sparkContext().setJobDescription("write " + table);
    df.coalesce(1).write().mode(SaveMode.ErrorIfExists).parquet(path);
    written.put(table, knownRows >= 0 ? knownRows : spark.read().parquet(path).count());
  }

  static Row toRow(String table, StructType schema, Map<String, Object> row) {
    Set<String> declared = Set.of(schema.fieldNames());
    for (String k : row.keySet()) {
      if (!declared.contains(k)) {
        throw new IllegalStateException(
            table
                + ": column "
                + k
                + " is not declared in data-schemas/outputs/"
                + table
                + ".schema.json");
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

  /** Writes manifest.json into the run folder. */
  public void writeManifest(String json) {
    writeFile("manifest.json", json);
  }

  /** Writes a text file (UTF-8) into the run folder. */
  public void writeFile(String name, String text) {
    try {
      Files.writeString(runDir().resolve(name), text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + name, e);
    }
  }

  /** Points latest at this run: both swaps are single atomic renames. */
  public void publish() {
    try {
      Path tmpLink = root.resolve(".latest-" + runId);
      Files.deleteIfExists(tmpLink);
      Files.createSymbolicLink(tmpLink, Path.of("runs", runId));
      Files.move(
          tmpLink,
          root.resolve("latest"),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      Path tmpFile = root.resolve(".LATEST-" + runId);
      Files.writeString(tmpFile, runId + "\n", StandardCharsets.UTF_8);
      Files.move(
          tmpFile,
          root.resolve("LATEST"),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot point " + root.resolve("latest") + " at run " + runId, e);
    }
  }
}
