package org.safeguardstats.io;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
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

  /**
   * Why a record could not be read as one row of the header's fields (wrong number of fields, not
   * UTF-8, an unterminated quoted field), or null; such a row's declared columns are null.
   */
  public static final String READ_PROBLEM = "read_problem";

  private final SparkSession spark;
  private final long maxSplitBytes;
  private final long openCostBytes;

  /** Splits and packs text files as Spark's file sources do ({@code spark.sql.files.*}). */
  public InputReader(SparkSession spark) {
    this(
        spark,
        spark.sessionState().conf().filesMaxPartitionBytes(),
        spark.sessionState().conf().filesOpenCostInBytes());
  }

  /** With the largest byte range per task and the cost of opening a file given (tests). */
  InputReader(SparkSession spark, long maxSplitBytes, long openCostBytes) {
    this.spark = spark;
    this.maxSplitBytes = maxSplitBytes;
    this.openCostBytes = openCostBytes;
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
        checkColumns(name, f.toString(), header, schema, ignoreUndeclared);
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
    try (InputStream in = Files.newInputStream(file)) {
      return csvHeader(name, file.toString(), in);
    } catch (IOException e) {
      throw new InvalidInputException(
          "Input " + name + ": " + file + " cannot be read: " + e.getMessage(), e);
    }
  }

  /** The header: the file's first record, read by the same parser as its rows. */
  static List<String> csvHeader(String name, String file, InputStream in) throws IOException {
    TextRecords records = new TextRecords(in, 0, Long.MAX_VALUE, TextRecords.FIELD_START, 1, true);
    if (!records.next()) {
      throw new InvalidInputException(
          "Input " + name + ": " + file + " row 1: the header row is missing (empty file)");
    }
    String text =
        records.problem() == null ? CsvFields.text(records.bytes(), records.length()) : null;
    String[] fields = text == null ? null : new CsvFields().fields(text);
    if (fields == null) {
      String why = records.problem() != null ? records.problem() : CsvFields.NOT_UTF8;
      throw new InvalidInputException(
          "Input " + name + ": " + file + " row " + records.line() + ": the header row: " + why);
    }
    return Arrays.stream(fields).map(h -> h == null ? "" : h.trim()).toList();
  }

  /**
   * Checks a CSV header: no column twice, every required column present, and no undeclared column
   * (an EES or ONS file may carry columns the job does not read: those are ignored).
   */
  static void checkColumns(
      String name, String file, List<String> header, DeclaredSchema schema, boolean ignoreOthers) {
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
   * The input as strings in declared column order, plus source file and row and {@link
   * #READ_PROBLEM}: the files preflight found, in their syntax, as one Spark plan.
   */
  public Dataset<Row> read(InputFiles input, DeclaredSchema schema) {
    List<Part> parts = input.files().isEmpty() ? listRemote(input, schema) : local(input);
    return switch (input.syntax()) {
      case CSV -> readCsv(parts, schema);
      case JSONL -> readJsonLines(parts, schema);
      case PARQUET -> readParquet(input.input(), parts, schema);
    };
  }

  /** A data file: its name in outputs, its URI, length and (CSV) header. */
  private record Part(String name, String uri, long length, List<String> header) {
    SplitReader.Source source() {
      return new SplitReader.Source(name, uri, length);
    }
  }

  private SplitReader splits() {
    return new SplitReader(spark, maxSplitBytes, openCostBytes);
  }

  private static List<Part> local(InputFiles input) {
    List<Part> parts = new ArrayList<>();
    for (InputFiles.DataFile f : input.files()) {
      try {
        parts.add(
            new Part(
                f.path().toString(),
                f.path().toUri().toString(),
                Files.size(f.path()),
                f.header()));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read the size of " + f.path(), e);
      }
    }
    return parts;
  }

  /** A remote path's data files (preflight does not list them), CSV with their headers. */
  private List<Part> listRemote(InputFiles input, DeclaredSchema schema) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(input.path());
    List<Part> parts = new ArrayList<>();
    try {
      FileSystem fs = root.getFileSystem(conf);
      FileStatus[] found =
          fs.getFileStatus(root).isFile()
              ? new FileStatus[] {fs.getFileStatus(root)}
              : fs.listStatus(
                  root, p -> !p.getName().startsWith("_") && !p.getName().startsWith("."));
      Arrays.sort(found);
      for (FileStatus st : found) {
        if (!st.isFile()) {
          continue;
        }
        String name = st.getPath().toString();
        List<String> header = null;
        if (input.syntax() == Syntax.CSV) {
          try (InputStream in = fs.open(st.getPath())) {
            header = csvHeader(input.input(), name, in);
          }
          // Undeclared columns are not read; preflight did not see the shape's rule for them.
          checkColumns(input.input(), name, header, schema, true);
        }
        parts.add(new Part(name, name, st.getLen(), header));
      }
    } catch (IOException e) {
      throw new InvalidInputException("Input " + input.input() + ": " + root + ": " + e, e);
    }
    if (parts.isEmpty()) {
      throw new InvalidInputException(
          "Input " + input.input() + ": " + input.path() + " holds no data files");
    }
    return parts;
  }

  private static StructType stringColumns(List<String> names) {
    StructType t = DeclaredSchema.allStrings(names);
    return t.add(SOURCE_FILE, DataTypes.StringType, false)
        .add(SOURCE_ROW, DataTypes.LongType, false)
        .add(READ_PROBLEM, DataTypes.StringType, true);
  }

  private Dataset<Row> readCsv(List<Part> parts, DeclaredSchema schema) {
    List<String> declared = schema.columnNames();
    int[][] columns = new int[parts.size()][];
    for (int i = 0; i < parts.size(); i++) {
      List<String> header = parts.get(i).header() == null ? declared : parts.get(i).header();
      columns[i] = header.stream().mapToInt(declared::indexOf).toArray();
    }
    JavaRDD<InternalRow> rows =
        splits()
            .read(
                parts.stream().map(Part::source).toList(),
                true,
                new CsvRows(columns, declared.size()));
    return frame(rows, stringColumns(declared));
  }

  /**
   * Rows already in Spark's internal form, as its own file sources make them: converting external
   * rows would cost as much as parsing.
   */
  private Dataset<Row> frame(JavaRDD<InternalRow> rows, StructType schema) {
    return spark.internalCreateDataFrame(rows.rdd(), schema, false);
  }

  private static UTF8String utf8(String s) {
    return s == null ? null : UTF8String.fromString(s);
  }

  /** Each file's name once, not once per row. */
  private static final class Names {
    private UTF8String[] names = new UTF8String[0];

    UTF8String of(int index, SplitReader.Source file) {
      if (index >= names.length) {
        names = java.util.Arrays.copyOf(names, index + 1);
      }
      if (names[index] == null) {
        names[index] = utf8(file.name());
      }
      return names[index];
    }
  }

  /** A CSV record as a row: its fields in declared order, or only its problem. */
  private static final class CsvRows implements SplitReader.RowMaker {
    private final int[][] columns;
    private final int declared;
    private transient CsvFields parser;
    private transient Names names;

    CsvRows(int[][] columns, int declared) {
      this.columns = columns;
      this.declared = declared;
    }

    @Override
    public InternalRow row(
        int index, SplitReader.Source file, TextRecords record, boolean firstOfFile) {
      if (firstOfFile) {
        return null; // the header, checked by preflight
      }
      if (parser == null) {
        parser = new CsvFields();
        names = new Names();
      }
      int[] cols = columns[index];
      Object[] values = new Object[declared + 3];
      String problem = record.problem();
      String[] fields = null;
      if (problem == null) {
        String text = CsvFields.text(record.bytes(), record.length());
        fields = text == null ? null : parser.fields(text);
        problem =
            text == null
                ? CsvFields.NOT_UTF8
                : fields == null
                    ? "not readable as CSV"
                    : fields.length != cols.length
                        ? "record has " + fields.length + " fields, header has " + cols.length
                        : null;
      }
      if (problem == null) {
        for (int i = 0; i < cols.length; i++) {
          if (cols[i] >= 0) {
            values[cols[i]] = utf8(fields[i]);
          }
        }
      }
      values[declared] = names.of(index, file);
      values[declared + 1] = record.line();
      values[declared + 2] = utf8(problem);
      return new GenericInternalRow(values);
    }
  }

  private Dataset<Row> readJsonLines(List<Part> parts, DeclaredSchema schema) {
    JavaRDD<InternalRow> rows =
        splits().read(parts.stream().map(Part::source).toList(), false, new JsonLines());
    Dataset<Row> lines = frame(rows, stringColumns(List.of("line")));
    StructType parsedSchema =
        DeclaredSchema.allStrings(schema.columnNames()).add(CORRUPT, DataTypes.StringType, true);
    Column parsed =
        functions.from_json(
            col("line"), parsedSchema, Map.of("columnNameOfCorruptRecord", CORRUPT));
    List<Column> cols = new ArrayList<>();
    for (String c : schema.columnNames()) {
      cols.add(col("parsed." + c).as(c));
    }
    cols.add(col(SOURCE_FILE));
    cols.add(col(SOURCE_ROW));
    cols.add(
        functions
            .coalesce(
                col(READ_PROBLEM),
                functions.when(col("parsed." + CORRUPT).isNotNull(), lit("not a JSON object")))
            .as(READ_PROBLEM));
    return lines.withColumn("parsed", parsed).select(cols.toArray(new Column[0]));
  }

  private static final String CORRUPT = "_corrupt_record";

  /** A JSON line as a row: its text, or only its problem. */
  private static final class JsonLines implements SplitReader.RowMaker {
    private transient Names names;

    @Override
    public InternalRow row(
        int index, SplitReader.Source file, TextRecords record, boolean firstOfFile) {
      if (names == null) {
        names = new Names();
      }
      String text =
          record.problem() == null ? CsvFields.text(record.bytes(), record.length()) : null;
      String problem =
          record.problem() != null ? record.problem() : text == null ? CsvFields.NOT_UTF8 : null;
      return new GenericInternalRow(
          new Object[] {utf8(text), names.of(index, file), record.line(), utf8(problem)});
    }
  }

  /**
   * Parquet parts in one read, each row with its file and 1-based row index from the reader's
   * {@code _metadata}.
   */
  private Dataset<Row> readParquet(String name, List<Part> files, DeclaredSchema schema) {
    String[] paths = files.stream().map(Part::uri).toArray(String[]::new);
    Dataset<Row> all = spark.read().parquet(paths);
    List<String> actual = Arrays.asList(all.schema().fieldNames());
    for (var c : schema.columns()) {
      if (c.required() && !actual.contains(c.name())) {
        throw new InvalidInputException(
            "Input "
                + name
                + ": "
                + files.get(0).name()
                + ": required column "
                + c.name()
                + " is missing");
      }
    }
    // The parts of one input share a folder, so the file's name says which part a row is from.
    List<Column> byName = new ArrayList<>();
    for (Part f : files) {
      byName.add(lit(new org.apache.hadoop.fs.Path(f.uri()).getName()));
      byName.add(lit(f.name()));
    }
    Column file =
        files.size() == 1
            ? lit(files.get(0).name())
            : functions.element_at(
                functions.map(byName.toArray(new Column[0])), col("_metadata.file_name"));
    Dataset<Row> df =
        all.select(col("*"), file.as("_file"), col("_metadata.row_index").as("_row_index"));
    List<Column> cols = new ArrayList<>();
    for (String c : schema.columnNames()) {
      cols.add(
          actual.contains(c)
              ? col(c).cast(DataTypes.StringType).as(c)
              : lit(null).cast(DataTypes.StringType).as(c));
    }
    cols.add(col("_file").as(SOURCE_FILE));
    cols.add(col("_row_index").plus(1).as(SOURCE_ROW));
    cols.add(lit(null).cast(DataTypes.StringType).as(READ_PROBLEM));
    return df.select(cols.toArray(new Column[0]));
  }
}
