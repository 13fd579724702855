package org.safeguardstats.io;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.safeguardstats.config.InvalidInputException;
import org.safeguardstats.schema.DeclaredSchema;

/**
 * Reads an input table with its declared schema, never an inferred one.
 *
 * <p>Every declared column comes back as a string (validation types it, so that a bad cell
 * quarantines its row instead of failing the job or turning silently into null), plus {@link
 * #SOURCE_FILE} and {@link #SOURCE_ROW}: the file and the 1-based line (CSV: the header is line 1;
 * JSON lines: the first record is line 1) or row index (parquet) each record came from, so that
 * every quarantined row can be found again.
 *
 * <p>{@link #preflight} checks files and columns in plain Java before any Spark work; {@link #read}
 * reads what it found.
 */
public final class InputReader {
  public static final String SOURCE_FILE = "source_file";
  public static final String SOURCE_ROW = "source_row";

  private final SparkSession spark;

  public InputReader(SparkSession spark) {
    this.spark = spark;
  }

  /**
   * Checks that the input exists and is readable and, for CSV, that each file's header holds every
   * required column and, unless {@code ignoreUndeclared}, no undeclared one.
   */
  public static InputFiles preflight(
      String name, String path, Syntax syntax, DeclaredSchema schema, boolean ignoreUndeclared) {
    if (path.contains("://")) {
      return new InputFiles(name, path, syntax, List.of()); // remote: checked by Spark when read
    }
    Path p = Path.of(path);
    if (!Files.exists(p)) {
      throw new InvalidInputException("Input " + name + ": " + p + " does not exist");
    }
    List<Path> paths = dataFiles(p);
    if (paths.isEmpty()) {
      throw new InvalidInputException("Input " + name + ": " + p + " holds no data files");
    }
    List<InputFiles.DataFile> files = new ArrayList<>();
    for (Path f : paths) {
      if (!Files.isReadable(f)) {
        throw new InvalidInputException("Input " + name + ": " + f + " is not readable");
      }
      List<String> header = null;
      if (syntax == Syntax.CSV) {
        header = csvHeader(name, f);
        checkColumns(name, f, header, schema, ignoreUndeclared);
      }
      files.add(new InputFiles.DataFile(f, header));
    }
    return new InputFiles(name, path, syntax, List.copyOf(files));
  }

  static List<Path> dataFiles(Path path) {
    if (Files.isRegularFile(path)) {
      return List.of(path);
    }
    try (Stream<Path> s = Files.list(path)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().startsWith("_"))
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new InvalidInputException("Input folder " + path + " cannot be listed: " + e, e);
    }
  }

  static List<String> csvHeader(String name, Path file) {
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line = r.readLine();
      if (line == null || line.isBlank()) {
        throw new InvalidInputException(
            "Input " + name + ": " + file + " row 1: the header row is missing (empty file)");
      }
      if (line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      return Arrays.stream(line.split(",", -1)).map(s -> s.trim().replace("\"", "")).toList();
    } catch (IOException e) {
      throw new InvalidInputException(
          "Input " + name + ": " + file + " cannot be read as UTF-8 text: " + e.getMessage(), e);
    }
  }

  /**
   * Checks a CSV header: no column twice, every required column present, and no undeclared column
   * (an EES or ONS file may carry columns the job does not read: those are ignored).
   */
  static void checkColumns(
      String name, Path file, List<String> header, DeclaredSchema schema, boolean ignoreOthers) {
    Set<String> seen = new LinkedHashSet<>();
    for (String h : header) {
      if (!seen.add(h)) {
        throw new InvalidInputException(
            "Input " + name + ": " + file + " row 1: column " + h + " appears twice");
      }
      if (schema.column(h).isEmpty() && !ignoreOthers) {
        throw new InvalidInputException(
            "Input "
                + name
                + ": "
                + file
                + " row 1: column "
                + h
                + " is not declared in "
                + schema.resource());
      }
    }
    for (var c : schema.columns()) {
      if (c.required() && !seen.contains(c.name())) {
        throw new InvalidInputException(
            "Input "
                + name
                + ": "
                + file
                + " row 1: required column "
                + c.name()
                + " is missing (see "
                + schema.resource()
                + ")");
      }
    }
  }

  /**
   * The input as strings in declared column order, plus source file and row: the files preflight
   * found, in their syntax.
   */
  public Dataset<Row> read(InputFiles input, DeclaredSchema schema) {
    if (input.files().isEmpty()) {
      return readOne(input, input.path(), null, schema);
    }
    Dataset<Row> all = null;
    for (InputFiles.DataFile f : input.files()) {
      Dataset<Row> one = readOne(input, f.path().toString(), f.header(), schema);
      all = all == null ? one : all.unionByName(one);
    }
    return all;
  }

  private Dataset<Row> readOne(
      InputFiles input, String file, List<String> header, DeclaredSchema schema) {
    return switch (input.syntax()) {
      case CSV -> readCsv(file, header == null ? schema.columnNames() : header, schema);
      case JSONL -> readJsonLines(file, schema);
      case PARQUET -> readParquet(input.input(), file, schema);
    };
  }

  private Dataset<Row> readCsv(String file, List<String> header, DeclaredSchema schema) {
    Dataset<Row> lines = numberedLines(file, 1);
    Map<String, String> options = new HashMap<>();
    options.put("mode", "PERMISSIVE");
    Column parsed =
        functions.from_csv(col("line"), lit(DeclaredSchema.allStrings(header).toDDL()), options);
    return project(lines.withColumn("parsed", parsed), file, header, schema);
  }

  private Dataset<Row> readJsonLines(String file, DeclaredSchema schema) {
    Dataset<Row> lines = numberedLines(file, 0);
    Column parsed =
        functions.from_json(
            col("line"), DeclaredSchema.allStrings(schema.columnNames()), new HashMap<>());
    return project(lines.withColumn("parsed", parsed), file, schema.columnNames(), schema);
  }

  /** Non-blank lines of a text file with their 1-based line numbers, skipping header lines. */
  private Dataset<Row> numberedLines(String file, int headerLines) {
    JavaRDD<Row> rows =
        spark
            .sparkContext()
            .textFile(file, spark.sparkContext().defaultMinPartitions())
            .toJavaRDD()
            .zipWithIndex()
            .filter(t -> t._2() >= headerLines && !t._1().isBlank())
            .map(t -> RowFactory.create(t._1(), t._2() + 1));
    StructType schema =
        new StructType()
            .add("line", DataTypes.StringType, false)
            .add(SOURCE_ROW, DataTypes.LongType, false);
    return spark.createDataFrame(rows, schema);
  }

  private static Dataset<Row> project(
      Dataset<Row> parsed, String file, List<String> present, DeclaredSchema schema) {
    List<Column> cols = new ArrayList<>();
    for (String c : schema.columnNames()) {
      cols.add(
          present.contains(c)
              ? col("parsed." + c).as(c)
              : lit(null).cast(DataTypes.StringType).as(c));
    }
    cols.add(lit(file).as(SOURCE_FILE));
    cols.add(col(SOURCE_ROW));
    return parsed.select(cols.toArray(new Column[0]));
  }

  private Dataset<Row> readParquet(String name, String file, DeclaredSchema schema) {
    StructType actual = spark.read().parquet(file).schema();
    for (var c : schema.columns()) {
      if (c.required() && !Arrays.asList(actual.fieldNames()).contains(c.name())) {
        throw new InvalidInputException(
            "Input " + name + ": " + file + ": required column " + c.name() + " is missing");
      }
    }
    Dataset<Row> df = spark.read().parquet(file).select(col("*"), col("_metadata.row_index"));
    List<Column> cols = new ArrayList<>();
    for (String c : schema.columnNames()) {
      cols.add(
          Arrays.asList(actual.fieldNames()).contains(c)
              ? col(c).cast(DataTypes.StringType).as(c)
              : lit(null).cast(DataTypes.StringType).as(c));
    }
    cols.add(lit(file).as(SOURCE_FILE));
    cols.add(col("row_index").plus(1).as(SOURCE_ROW));
    return df.select(cols.toArray(new Column[0]));
  }
}
