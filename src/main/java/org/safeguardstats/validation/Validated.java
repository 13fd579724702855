package org.safeguardstats.validation;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.functions;
import org.safeguardstats.io.InputReader;
import org.safeguardstats.schema.DeclaredSchema;

/**
 * One input after validation: every row read, typed, with the list of reasons it failed (empty when
 * accepted). Accepted and quarantined rows are two filters of the same rows, so read = accepted +
 * quarantined by construction.
 */
public final class Validated {
  public static final String REASONS = "reasons";

  private final String input;
  private final DeclaredSchema schema;
  private final Dataset<Row> rows;

  public Validated(String input, DeclaredSchema schema, Dataset<Row> rows) {
    this.input = input;
    this.schema = schema;
    this.rows = rows;
  }

  /**
   * Validates string-typed rows: blank cells become null, the schema's rules and the extra rules
   * are applied, then columns are cast to their declared types. A row the reader could not read
   * ({@link InputReader#READ_PROBLEM}) has that problem as its only reason: its fields cannot be
   * trusted to be in their columns.
   */
  public static Validated of(
      String input, DeclaredSchema schema, Dataset<Row> raw, List<Column> extraRules) {
    // One projection, not a withColumn per column: each withColumn re-analyses the whole plan.
    Dataset<Row> trimmed =
        raw.select(
            replacing(
                raw,
                schema,
                c -> {
                  Column t = functions.trim(col(c.name()));
                  return functions.when(t.equalTo(""), lit(null)).otherwise(t);
                }));
    List<Column> rules = new ArrayList<>(Rules.fromSchema(schema));
    rules.addAll(extraRules);
    Column reasons = reasons(rules.toArray(new Column[0]));
    if (hasReadProblems(raw)) {
      reasons =
          functions
              .when(
                  col(InputReader.READ_PROBLEM).isNotNull(),
                  functions.array(col(InputReader.READ_PROBLEM)))
              .otherwise(reasons);
    }
    Dataset<Row> checked = trimmed.withColumn(REASONS, reasons);
    return new Validated(input, schema, checked);
  }

  /**
   * The reasons of the rules that fired, in rule order. Not {@code filter(array(rules),
   * isNotNull)}: Spark cannot compile a lambda function, and would evaluate every rule under it row
   * by row, interpreted (about ten times slower).
   */
  private static Column reasons(Column... rules) {
    Column none = functions.array().cast("array<string>");
    Column[] each = new Column[rules.length];
    for (int i = 0; i < rules.length; i++) {
      each[i] = functions.when(rules[i].isNotNull(), functions.array(rules[i])).otherwise(none);
    }
    return functions.flatten(functions.array(each));
  }

  /** All columns of {@code rows}, with each declared column replaced by {@code f} of it. */
  private static Column[] replacing(
      Dataset<Row> rows,
      DeclaredSchema schema,
      java.util.function.Function<org.safeguardstats.schema.Column, Column> f) {
    List<Column> cols = new ArrayList<>();
    for (String name : rows.columns()) {
      var declared = schema.column(name);
      cols.add(declared.isPresent() ? f.apply(declared.get()).as(name) : col(name));
    }
    return cols.toArray(new Column[0]);
  }

  private static boolean hasReadProblems(Dataset<Row> rows) {
    return java.util.Arrays.asList(rows.columns()).contains(InputReader.READ_PROBLEM);
  }

  /**
   * Adds rules that need columns derived after the first pass (e.g. a window over rows); not to
   * rows the reader could not read.
   */
  public Validated withMoreReasons(Dataset<Row> rowsWithExtra, Column... extraReasons) {
    Column more = reasons(extraReasons);
    if (hasReadProblems(rowsWithExtra)) {
      more =
          functions
              .when(col(InputReader.READ_PROBLEM).isNull(), more)
              .otherwise(functions.array().cast("array<string>"));
    }
    Dataset<Row> merged = rowsWithExtra.withColumn(REASONS, functions.concat(col(REASONS), more));
    return new Validated(input, schema, merged);
  }

  /**
   * Adds the rule that quarantines the second and later rows (in file order) with the same {@code
   * key}, where {@code applies}.
   */
  public Validated withDuplicateRule(Column applies, String reason, Column... key) {
    WindowSpec byKey =
        Window.partitionBy(key).orderBy(col(InputReader.SOURCE_FILE), col(InputReader.SOURCE_ROW));
    Dataset<Row> numbered = rows.withColumn("_n", functions.row_number().over(byKey));
    Validated checked = withMoreReasons(numbered, Rules.rule(applies.and(col("_n").gt(1)), reason));
    return new Validated(input, schema, checked.rows.drop("_n"));
  }

  /** The same rows with derived columns added (e.g. the reporting year). */
  public Validated withRows(Dataset<Row> derived) {
    return new Validated(input, schema, derived);
  }

  public String input() {
    return input;
  }

  /** All rows, string-typed, with reasons. */
  public Dataset<Row> rows() {
    return rows;
  }

  /** Accepted rows with declared types (plus any derived columns). */
  public Dataset<Row> accepted() {
    Dataset<Row> ok =
        rows.filter(functions.size(col(REASONS)).equalTo(0))
            .drop(REASONS, InputReader.READ_PROBLEM);
    return ok.select(
        replacing(
            ok,
            schema,
            c -> {
              Column v = col(c.name());
              if (c.type().equals("string") && !"date".equals(c.format())) {
                // The column itself, not an expression of it, so that Spark still knows the rows
                // are partitioned by it (the count groups by incident_id without a shuffle).
                return v;
              }
              Column typed =
                  switch (c.type()) {
                    case "boolean" -> functions.lower(v).equalTo("true");
                    case "string" ->
                        "date".equals(c.format()) ? functions.to_date(v, "yyyy-MM-dd") : v;
                    default -> v.cast(c.sparkType());
                  };
              return functions.when(v.isNull(), lit(null)).otherwise(typed);
            }));
  }

  /** Quarantined rows in the quarantine table's shape (run id added by the writer). */
  public Dataset<Row> quarantined() {
    Column record =
        functions.to_json(
            functions.struct(
                schema.columnNames().stream().map(functions::col).toArray(Column[]::new)));
    return rows.filter(functions.size(col(REASONS)).gt(0))
        .select(
            lit(input).as("input"),
            col(InputReader.SOURCE_FILE),
            col(InputReader.SOURCE_ROW),
            functions.size(col(REASONS)).as("reason_count"),
            col(REASONS),
            record.as("record"));
  }

  /** Rows read, accepted and quarantined, counted in one pass. */
  public RowCounts counts() {
    Row r =
        rows.agg(
                functions.count(lit(1)),
                functions.sum(
                    functions.when(functions.size(col(REASONS)).equalTo(0), 1).otherwise(0)))
            .first();
    long read = r.getLong(0);
    long accepted = r.isNullAt(1) ? 0 : r.getLong(1);
    return new RowCounts(input, read, accepted, read - accepted);
  }

  /** Row accounting for one input; accepted + quarantined = read. */
  public record RowCounts(String input, long read, long accepted, long quarantined) {}

  /** Reasons with how many rows each, for the run log (reasons never hold record values). */
  public List<Row> reasonCounts() {
    return rows.select(functions.explode(col(REASONS)).as("reason"))
        .groupBy("reason")
        .count()
        .orderBy(col("count").desc(), col("reason"))
        .collectAsList();
  }
}
