package org.safeguardstats.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.safeguardstats.counts.Characteristic;
import org.safeguardstats.counts.Characteristics;
import org.safeguardstats.counts.CountTable;
import org.safeguardstats.counts.Margin;
import org.safeguardstats.schema.CodeLists;
import org.safeguardstats.schema.Column;
import org.safeguardstats.schema.DeclaredSchema;
import org.safeguardstats.schema.Derived;

/**
 * The count table of {@link CountTable}, computed independently by DuckDB with one SQL query over
 * the same files: the same margins, every characteristic's values written as SQL from the same
 * declarations ({@code data-schemas/inputs/incident.schema.json}, its {@code x-derived} entries and
 * the code lists), nothing retyped. Its rules are written here a second time, on purpose, from
 * CountTable's Javadoc: duplicates (second and later rows of an {@code incident_id, child_ref}, in
 * file order) dropped; an incident counted through its first child by {@code child_ref}; a
 * multi-valued characteristic counting a child once in each category and once in {@link
 * CountTable#RECORDED}; {@code children_squared} Σ m_i² and {@code children_cross} Σ m_i n_i over
 * incidents i.
 *
 * <p>It does not apply the job's other validation rules: it is for inputs the job accepts entirely
 * (the generated benchmark inputs, the embedded sample); a value that is not among its
 * characteristic's declared categories fails the query. {@link #differences} compares it with a
 * {@link CountTable} cell by cell.
 */
public final class DuckCountTable {
  /** A cell's address, as in {@link CountTable#cell}. */
  public record Key(String margin, int year, String incidentType, String first, String second) {}

  private static final DeclaredSchema INCIDENT = DeclaredSchema.input("incident");

  private DuckCountTable() {}

  /**
   * A DuckDB table function over incident files: {@code format} csv or parquet; {@code path} a file
   * or a folder of part files.
   */
  public static String source(String path, String format) {
    boolean folder = java.nio.file.Files.isDirectory(java.nio.file.Path.of(path));
    String files = folder ? path + "/*." + format : path;
    return switch (format) {
      case "parquet" -> "read_parquet(" + str(files) + ", filename = true, file_row_number = true)";
      case "csv" ->
          "read_csv("
              + str(files)
              + ", header = true, all_varchar = true, filename = true, delim = ',', quote = '\"',"
              + " escape = '\"')";
      default -> throw new IllegalArgumentException("no DuckDB source for format " + format);
    };
  }

  /**
   * The query: one row per non-empty cell (margin number, year, type, c1, c2, four counts).
   *
   * <p>Written for speed as well as exactness: integer keys, one scan, no per-margin union, no
   * per-incident aggregation.
   *
   * <ol>
   *   <li>Every characteristic is read as a small integer, its category's position in the declared
   *       list (a chain of comparisons, or a cast to an inline {@code ENUM} for a long list; a
   *       derived one through a constant list indexed by the code it is derived from). A child's
   *       cell in each margin is a number in a dense layout, that of {@code counts.CellSums} (per
   *       margin, each first category, then {@link CountTable#RECORDED}, times each second
   *       category).
   *   <li>One window over {@code incident_id} (ordered by {@code child_ref}, file, row) drops the
   *       duplicates, marks the first child and counts the incident's rows.
   *   <li>Σ m² and Σ m n are counted through pairs: Σ_i m_i² is the number of ordered pairs of
   *       children of one incident both in the cell, a child paired with itself included, and Σ m_i
   *       n_i the number with the first in the cell and the second in its recorded cell. So a child
   *       gives its own cells (m = 1, and n = 1 when the first category is recorded), and one
   *       self-join of the incidents of several children gives, per ordered pair of siblings and
   *       margin, the child's cell and whether the sibling adds to its m and to its n.
   *   <li>Both are packed into BIGINT keys, one per margin (one per category of a multi-valued
   *       characteristic), unnested and counted in one aggregation by (year, type, key), with the
   *       first children.
   *   <li>That small result gains each cell's recorded cell, and every number is decoded back to
   *       its category.
   * </ol>
   */
  public static String sql(String source, boolean hasRowNumber, List<Margin> declared) {
    Layout layout = new Layout(distinct(declared));
    List<Margin> margins = layout.margins;
    Set<Characteristic> used = new LinkedHashSet<>();
    for (Margin m : margins) {
      if (m.first() != null) {
        used.add(m.first());
      }
      if (m.second() != null) {
        used.add(m.second());
      }
    }
    // As read and validated: the columns used, as text, trimmed, blank as null.
    Set<String> columns =
        new LinkedHashSet<>(
            List.of("incident_id", "child_ref", "notification_date", "incident_type"));
    used.forEach(c -> columns.addAll(sourceColumns(c)));
    String text =
        columns.stream()
            .map(c -> "NULLIF(trim(CAST(" + id(c) + " AS VARCHAR)), '') AS " + id(c))
            .collect(Collectors.joining(",\n    "));
    String codes =
        used.stream().map(c -> code(c) + " AS " + x(c, A)).collect(Collectors.joining(",\n    "));
    // A child's keys, its own (cell, m = 1, n = 1 when recorded) in every margin; a pair's keys,
    // what the sibling adds to the child's m and n.
    List<String> own = new ArrayList<>();
    List<String> pair = new ArrayList<>();
    List<String> ownLists = new ArrayList<>();
    List<String> pairLists = new ArrayList<>();
    // A child's list of cells in a margin with a multi-valued characteristic (recorded ones
    // included), whether it repeats none, and how long the lists may be.
    List<String> listCells = new ArrayList<>();
    List<String> ownBounds = new ArrayList<>();
    List<String> pairBounds = new ArrayList<>();
    // The codes and lists of cells a pair takes from the sibling.
    List<String> siblingColumns = new ArrayList<>(used.stream().map(c -> A + c.name()).toList());
    for (int j = 0; j < margins.size(); j++) {
      Margin m = margins.get(j);
      if (m.first() == null) {
        own.add(Integer.toString(layout.offset[j]));
        pair.add(PAIR + " + " + pack(Integer.toString(layout.offset[j]), "1", "0"));
        continue;
      }
      if (multiValued(m)) {
        String e = id(A + "e" + j);
        String f = id(B + "e" + j);
        String distinct = "len(list_distinct(" + e + ")) = len(" + e + ")";
        String mixed =
            recorded(m.first(), x(m.first(), A))
                + " AND list_has_any("
                + e
                + ", "
                + layout.notRecordedCells(j)
                + ")";
        listCells.add(layout.cellList(j, A) + " AS " + e);
        listCells.add(distinct + " AS " + id(A + "d" + j));
        listCells.add(distinct + " AND NOT (" + mixed + ") AS " + id(A + "p" + j));
        siblingColumns.addAll(List.of(A + "e" + j, A + "d" + j));
        ownBounds.add("len(" + e + ")");
        pairBounds.add("len(" + f + ")");
        ownLists.add(layout.ownKeys(j, e, id(A + "p" + j)));
        pairLists.add(layout.pairKeys(j, e, f, id(B + "d" + j)));
        continue;
      }
      Characteristic first = m.first();
      Characteristic second = m.second();
      String cell = layout.cellOf(j, x(first, A), second == null ? null : x(second, A));
      own.add(cell);
      // The sibling is in the child's cell (m), in its recorded cell (n).
      String sameSecond = second == null ? "" : " AND " + x(second, A) + " = " + x(second, B);
      String m1 = x(first, A) + " = " + x(first, B) + sameSecond;
      String n1 = recorded(first, x(first, B)) + sameSecond;
      pair.add(
          PAIR + " + " + pack(cell, "CAST(" + m1 + " AS BIGINT)", "CAST(" + n1 + " AS BIGINT)"));
    }
    String siblingCodes =
        siblingColumns.stream()
            .map(c -> "b." + id(c) + " AS " + id(B + c.substring(A.length())))
            .collect(Collectors.joining(", "));
    String row = hasRowNumber ? "file_row_number" : "0";
    String rows =
        """
        WITH texts AS (
          SELECT
            %s,
            file_index AS _file, %s AS _row
          FROM %s),
        coded AS (
          SELECT incident_id, child_ref, _file, _row,
            CAST(year(CAST(notification_date AS DATE))
              + CASE WHEN month(CAST(notification_date AS DATE)) >= 4 THEN 1 ELSE 0 END
              AS INTEGER) AS _year,
            %s AS _type,
            %s
          FROM texts),
        ordered AS (
          SELECT *,
            row_number() OVER w = 1 AS _first,
            lag(child_ref) OVER w IS NOT DISTINCT FROM child_ref AS _duplicate,
            count(*) OVER (PARTITION BY incident_id) AS _rows
          FROM coded
          WINDOW w AS (PARTITION BY incident_id ORDER BY child_ref, _file, _row)),
        accepted AS MATERIALIZED (SELECT *%s FROM ordered WHERE NOT _duplicate),
        siblings AS (SELECT * FROM accepted WHERE _rows > 1),
        -- Every ordered pair of two children of an incident: a and its sibling b.
        pairs AS (
          SELECT a.*, %s
          FROM siblings a JOIN siblings b
            ON a.incident_id = b.incident_id AND a._year = b._year AND a._type = b._type
              AND a.child_ref <> b.child_ref),
        keyed AS (
          SELECT _year, _type, _first, %s AS _keys FROM accepted
          UNION ALL
          SELECT _year, _type, false, %s FROM pairs),
        """
            .formatted(
                text,
                row,
                source,
                "CAST("
                    + positionOf(id("incident_type"), Characteristics.incidentTypes())
                    + " AS "
                    + codeType(Characteristics.incidentTypes().size())
                    + ")",
                codes,
                listCells.stream().map(e -> ", " + e).collect(Collectors.joining()),
                siblingCodes,
                guarded(keyList(own, ownLists), ownBounds),
                guarded(keyList(pair, pairLists), pairBounds));
    // %1$d CELL, %2$d PAIR, %3$d REPEAT, %4$d M; by cell: %5$s its recorded cell, %6$s its
    // margin, %8$s and %9$s its categories, %10$s its n as a plain key.
    String counts =
        """
        grouped AS (
          SELECT _year, _type, _key, count(*) AS k, count(*) FILTER (WHERE _first) AS kf
          FROM (SELECT _year, _type, _first, unnest(_keys) AS _key FROM keyed)
          GROUP BY _year, _type, _key),
        -- A key below M is a child's cell: m = 1, n = 1 when its first category is recorded.
        decoded AS MATERIALIZED (
          SELECT _year, _type, k, kf,
            CASE WHEN _key < %4$d THEN _key ELSE _key // %1$d END AS cell,
            (_key // %2$d) %% 2 AS pair, (_key // %3$d) %% 2 AS repeat,
            CASE WHEN _key < %4$d THEN 1 ELSE (_key // %4$d) %% %4$d END AS m,
            CASE WHEN _key < %4$d THEN %10$s[_key + 1] ELSE _key %% %4$d END AS n
          FROM grouped),
        entries AS (
          SELECT _year, _type, cell, CASE WHEN pair = 1 THEN 0 ELSE k END AS children,
            CASE WHEN repeat = 1 THEN 0 ELSE kf END AS incidents,
            k * m AS children_squared, k * n AS children_cross
          FROM decoded
          UNION ALL
          SELECT _year, _type, %5$s[cell + 1], CASE WHEN pair = 1 THEN 0 ELSE k END, kf,
            k * n, k * n
          FROM decoded WHERE %5$s[cell + 1] IS NOT NULL)
        SELECT %6$s[cell + 1] AS m, _year, %7$s[_type + 1] AS incident_type,
          %8$s[cell + 1] AS c1, %9$s[cell + 1] AS c2,
          CAST(sum(children) AS BIGINT), CAST(sum(incidents) AS BIGINT),
          CAST(sum(children_squared) AS BIGINT), CAST(sum(children_cross) AS BIGINT)
        FROM entries
        GROUP BY _year, _type, cell"""
            .formatted(
                CELL,
                PAIR,
                REPEAT,
                M,
                layout.recordedCells(),
                layout.marginNumbers(),
                strList(Characteristics.incidentTypes()),
                layout.firstNames(),
                layout.secondNames(),
                layout.plainN());
    return rows + counts;
  }

  // A key packs (cell, pair, repeat, m, n) into a BIGINT: cell * CELL + pair * PAIR + repeat *
  // REPEAT + m * M + n, with m and n below M and fewer than 2^15 cells; a child's own cell in a
  // margin without a multi-valued characteristic is the cell alone, a key below M. pair: a
  // sibling's
  // part of m and n, no child of its own; repeat: a multi-valued characteristic's category
  // repeated in a child's row, whose second entry counts the child again but not the incident.
  private static final long M = 1L << 23;
  private static final long REPEAT = 1L << 46;
  private static final long PAIR = 1L << 47;
  private static final long CELL = 1L << 48;

  /** Column prefixes: a child's codes, and its sibling's in a pair. */
  private static final String A = "x_";

  private static final String B = "y_";

  private static String pack(String cell, String m, String n) {
    return "CAST(" + cell + " AS BIGINT) * " + CELL + " + " + m + " * " + M + " + " + n;
  }

  private static String keyList(List<String> scalar, List<String> lists) {
    String keys = "[" + String.join(", ", scalar) + "]";
    for (String l : lists) {
      keys = "list_concat(" + keys + ", " + l + ")";
    }
    return keys;
  }

  /** SQL: the keys, or a query error when a list is too long for m and n to fit in a key. */
  private static String guarded(String keys, List<String> bounds) {
    if (bounds.isEmpty()) {
      return keys;
    }
    return "CASE WHEN greatest("
        + String.join(", ", bounds)
        + ") < "
        + M
        + " THEN "
        + keys
        + " ELSE error('a list of categories too long to count') END";
  }

  /** Runs the query on a connection; the cells by key. */
  public static Map<Key, CountTable.Cell> count(
      Connection c, String source, boolean hasRowNumber, List<Margin> margins) throws SQLException {
    List<Margin> distinct = distinct(margins);
    Map<Key, CountTable.Cell> cells = new LinkedHashMap<>();
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql(source, hasRowNumber, margins))) {
      while (r.next()) {
        Key k =
            new Key(
                distinct.get(r.getInt(1)).name(),
                r.getInt(2),
                r.getString(3),
                r.getString(4),
                r.getString(5));
        CountTable.Cell cell =
            new CountTable.Cell(r.getLong(6), r.getLong(7), r.getLong(8), r.getLong(9));
        if (cells.put(k, cell) != null) {
          throw new IllegalStateException("DuckDB returned cell " + k + " twice");
        }
      }
    }
    return cells;
  }

  /**
   * Every cell where the two disagree, as readable lines; empty when they agree exactly. Compared
   * over the grid of each margin's years (the given ones and DuckDB's), incident types and
   * categories (declared ones, {@link CountTable#RECORDED} and any DuckDB found), so a cell that
   * only one side has is found too.
   */
  public static List<String> differences(
      CountTable table, Map<Key, CountTable.Cell> duck, Set<Integer> years) {
    List<String> out = new ArrayList<>();
    Set<Integer> allYears = new TreeSet<>(years);
    duck.keySet().forEach(k -> allYears.add(k.year()));
    List<String> types = new ArrayList<>(Characteristics.incidentTypes());
    duck.keySet().stream()
        .map(Key::incidentType)
        .filter(t -> !types.contains(t))
        .forEach(types::add);
    for (Margin m : table.margins()) {
      Set<String> firsts = new LinkedHashSet<>();
      Set<String> seconds = new LinkedHashSet<>();
      if (m.first() == null) {
        firsts.add("");
      } else {
        firsts.addAll(m.first().categories());
        firsts.add(CountTable.RECORDED);
      }
      seconds.addAll(m.second() == null ? List.of("") : m.second().categories());
      duck.keySet().stream()
          .filter(k -> k.margin().equals(m.name()))
          .forEach(
              k -> {
                firsts.add(k.first());
                seconds.add(k.second());
              });
      for (int y : allYears) {
        for (String t : types) {
          for (String a : firsts) {
            for (String b : seconds) {
              CountTable.Cell spark = table.cell(m, y, t, a, b);
              CountTable.Cell d =
                  duck.getOrDefault(new Key(m.name(), y, t, a, b), CountTable.Cell.EMPTY);
              if (!spark.equals(d)) {
                out.add(
                    String.format(
                        Locale.ROOT,
                        "%s %d %s [%s | %s]: CountTable %s, DuckDB %s",
                        m.name(),
                        y,
                        t,
                        a,
                        b,
                        spark,
                        d));
              }
            }
          }
        }
      }
    }
    Set<String> counted = table.margins().stream().map(Margin::name).collect(Collectors.toSet());
    duck.keySet().stream()
        .map(Key::margin)
        .filter(n -> !counted.contains(n))
        .distinct()
        .forEach(n -> out.add("DuckDB counted margin " + n + " that CountTable did not"));
    return out;
  }

  /**
   * Dense cell numbers, as in {@code counts.CellSums}: per margin, each first category then {@link
   * CountTable#RECORDED}, times each second category; the total margin has one cell.
   */
  private static final class Layout {
    final List<Margin> margins;
    final int[] offset;
    final int size;

    Layout(List<Margin> margins) {
      this.margins = margins;
      offset = new int[margins.size()];
      int n = 0;
      for (int j = 0; j < margins.size(); j++) {
        offset[j] = n;
        n += (rows(margins.get(j)) + 1) * cols(margins.get(j));
      }
      size = n;
      if (size >= 1 << 15) {
        throw new IllegalArgumentException(size + " cells: too many to number in a key");
      }
    }

    static int rows(Margin m) {
      return m.first() == null ? 0 : m.first().categories().size();
    }

    static int cols(Margin m) {
      return m.second() == null ? 1 : m.second().categories().size();
    }

    /** SQL: the cell of first code {@code a} and second code {@code b} (null: no second). */
    String cellOf(int j, String a, String b) {
      int cols = cols(margins.get(j));
      String first = "CAST(" + a + " AS INTEGER)";
      return "("
          + offset[j]
          + " + "
          + (cols == 1 ? first : first + " * " + cols)
          + (b == null ? "" : " + CAST(" + b + " AS INTEGER)")
          + ")";
    }

    /** SQL: margin j's recorded cell of second code {@code b} (null: no second). */
    String recordedOf(int j, String b) {
      Margin m = margins.get(j);
      return "("
          + (offset[j] + rows(m) * cols(m))
          + (b == null ? "" : " + CAST(" + b + " AS INTEGER)")
          + ")";
    }

    /**
     * SQL: a row's cells in a margin with a multi-valued characteristic: one per first × second
     * category it has (repeats kept), then its recorded cells (one per second category) when {@code
     * recorded}.
     */
    String cellList(int j, String side) {
      Margin m = margins.get(j);
      String a = x(m.first(), side);
      String b = m.second() == null ? null : x(m.second(), side);
      String recorded = recorded(m.first(), a);
      boolean bMulti = m.second() != null && m.second().multiValued();
      String own;
      String rec;
      if (!m.first().multiValued()) {
        own = "list_transform(" + b + ", lambda _b: " + cellOf(j, a, "_b") + ")";
      } else if (!bMulti) {
        own = "list_transform(" + a + ", lambda _a: " + cellOf(j, "_a", b) + ")";
      } else {
        own =
            "flatten(list_transform("
                + a
                + ", lambda _a: list_transform("
                + b
                + ", lambda _b: "
                + cellOf(j, "_a", "_b")
                + ")))";
      }
      rec =
          bMulti
              ? "list_transform(" + b + ", lambda _b: " + recordedOf(j, "_b") + ")"
              : "[" + recordedOf(j, b) + "]";
      return "list_concat("
          + own
          + ", CASE WHEN "
          + recorded
          + " THEN "
          + rec
          + " ELSE CAST([] AS INTEGER[]) END)";
    }

    /**
     * SQL: the keys of a child's list of cells {@code own} in margin j. When it is {@code plain}
     * (no category repeated, and no not-recorded category beside a recorded one) every cell has m =
     * 1 and the n of its category, so the keys are the cells themselves.
     */
    String ownKeys(int j, String own, String plain) {
      return "CASE WHEN "
          + plain
          + " THEN "
          + own
          + " ELSE list_transform("
          + own
          + ", lambda _e, _p: "
          + pack("_e", occurrences(own, "_e"), occurrences(own, recordedOfCell(j)))
          + " + CAST(list_position("
          + own
          + ", _e) <> _p AS BIGINT) * "
          + REPEAT
          + ") END";
    }

    /**
     * SQL: the keys of a pair in margin j: what the sibling's list of cells {@code theirs} adds to
     * m and n of each of the child's cells {@code own}. When {@code theirs} repeats no category
     * ({@code distinct}, the usual case) that is whether it holds the cell.
     */
    String pairKeys(int j, String own, String theirs, String distinct) {
      String contains = "CAST(list_contains(" + theirs + ", %s) AS BIGINT)";
      return "CASE WHEN "
          + distinct
          + " THEN list_transform("
          + own
          + ", lambda _e: "
          + pack("_e", contains.formatted("_e"), contains.formatted(recordedOfCell(j)))
          + " + "
          + PAIR
          + ") ELSE list_transform("
          + own
          + ", lambda _e: "
          + pack("_e", occurrences(theirs, "_e"), occurrences(theirs, recordedOfCell(j)))
          + " + "
          + PAIR
          + ") END";
    }

    /** SQL: margin j's recorded cell of the same second category as cell {@code _e}. */
    private String recordedOfCell(int j) {
      Margin margin = margins.get(j);
      int cols = cols(margin);
      String second = cols == 1 ? "" : " + (_e - " + offset[j] + ") % " + cols;
      return "(" + (offset[j] + rows(margin) * cols) + second + ")";
    }

    /** SQL list: margin j's cells of a not-recorded first category. */
    String notRecordedCells(int j) {
      Margin m = margins.get(j);
      List<String> out = new ArrayList<>();
      for (int a = 0; a < rows(m); a++) {
        if (m.first().notRecorded().contains(m.first().categories().get(a))) {
          for (int b = 0; b < cols(m); b++) {
            out.add(Integer.toString(offset[j] + a * cols(m) + b));
          }
        }
      }
      return "[" + String.join(", ", out) + "]";
    }

    /** SQL list by cell number: its margin's number. */
    String marginNumbers() {
      List<String> out = new ArrayList<>();
      for (int j = 0; j < margins.size(); j++) {
        Margin m = margins.get(j);
        for (int i = 0; i < (rows(m) + 1) * cols(m); i++) {
          out.add(Integer.toString(j));
        }
      }
      return "[" + String.join(", ", out) + "]";
    }

    /** SQL list by cell number: its first category ({@code RECORDED}; empty for the total). */
    String firstNames() {
      return names(true);
    }

    /** SQL list by cell number: its second category (empty when none). */
    String secondNames() {
      return names(false);
    }

    private String names(boolean first) {
      List<String> out = new ArrayList<>();
      for (Margin m : margins) {
        for (int a = 0; a < rows(m) + 1; a++) {
          for (int b = 0; b < cols(m); b++) {
            String name;
            if (first) {
              name =
                  m.first() == null
                      ? ""
                      : a == rows(m) ? CountTable.RECORDED : m.first().categories().get(a);
            } else {
              name = m.second() == null ? "" : m.second().categories().get(b);
            }
            out.add(str(name));
          }
        }
      }
      return "[" + String.join(", ", out) + "]";
    }

    /**
     * SQL list by cell number: the n of a child's cell given as a plain key (m = 1): 1 when its
     * first category is recorded or it is a recorded cell, else 0.
     */
    String plainN() {
      List<String> out = new ArrayList<>();
      for (Margin m : margins) {
        for (int a = 0; a < rows(m) + 1; a++) {
          for (int b = 0; b < cols(m); b++) {
            boolean recorded =
                m.first() != null
                    && (a == rows(m)
                        || !m.first().notRecorded().contains(m.first().categories().get(a)));
            out.add(recorded ? "1" : "0");
          }
        }
      }
      return "[" + String.join(", ", out) + "]";
    }

    /**
     * SQL list by cell number: for a cell of a margin without multi-valued characteristics whose
     * first category is recorded, the margin's recorded cell of the same second category; else
     * null.
     */
    String recordedCells() {
      List<String> out = new ArrayList<>();
      for (int j = 0; j < margins.size(); j++) {
        Margin m = margins.get(j);
        for (int a = 0; a < rows(m) + 1; a++) {
          for (int b = 0; b < cols(m); b++) {
            boolean recorded =
                m.first() != null
                    && !multiValued(m)
                    && a < rows(m)
                    && !m.first().notRecorded().contains(m.first().categories().get(a));
            out.add(recorded ? Integer.toString(offset[j] + rows(m) * cols(m) + b) : "NULL");
          }
        }
      }
      return "[" + String.join(", ", out) + "]";
    }
  }

  private static boolean multiValued(Margin m) {
    return m.first().multiValued() || (m.second() != null && m.second().multiValued());
  }

  /** The column holding a characteristic's (or its code's) values. */
  /** The column of a characteristic's code, {@link #A} a child's, {@link #B} its sibling's. */
  private static String x(Characteristic c, String side) {
    return id(side + c.name());
  }

  /** SQL: how many times {@code value} is in {@code list}. */
  private static String occurrences(String list, String value) {
    return "len(list_filter(" + list + ", lambda _x: _x = " + value + "))";
  }

  /** SQL: whether a characteristic's code (a list of codes when multi-valued) is recorded. */
  private static String recorded(Characteristic c, String code) {
    String notRecorded =
        c.notRecorded().stream()
            .map(v -> c.categories().indexOf(v))
            .filter(i -> i >= 0)
            .map(String::valueOf)
            .collect(Collectors.joining(", "));
    if (c.multiValued()) {
      return notRecorded.isEmpty()
          ? "len(" + code + ") > 0"
          : "len(list_filter(" + code + ", lambda _x: _x NOT IN (" + notRecorded + "))) > 0";
    }
    return notRecorded.isEmpty() ? "true" : code + " NOT IN (" + notRecorded + ")";
  }

  /** The declared columns a characteristic is read from. */
  private static List<String> sourceColumns(Characteristic c) {
    if (INCIDENT.column(c.name()).isPresent()) {
      return List.of(c.name());
    }
    Derived d = derived(c);
    return d.otherwise() == null ? List.of(d.from()) : List.of(d.from(), d.otherwise());
  }

  private static Derived derived(Characteristic c) {
    return INCIDENT.derived().stream()
        .filter(x -> x.name().equals(c.name()))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no declaration for " + c.name()));
  }

  /**
   * A characteristic's category of a row as SQL: its position in the characteristic's declared
   * categories, in the smallest unsigned integer type that holds them (a list of them when
   * multi-valued). A value that is not a declared category fails the query (the job would have
   * quarantined the row, or failed).
   */
  static String code(Characteristic c) {
    String type = codeType(c.categories().size());
    return "CAST(" + positions(c) + " AS " + type + (c.multiValued() ? "[]" : "") + ")";
  }

  private static String codeType(int values) {
    return values <= 1 << 8 ? "UTINYINT" : values <= 1 << 16 ? "USMALLINT" : "INTEGER";
  }

  /** SQL: a row's category of a characteristic as its position (INTEGER; a list of them). */
  private static String positions(Characteristic c) {
    String nr = str(Characteristics.NOT_RECORDED);
    String categories = enumType(c.categories());
    var column = INCIDENT.column(c.name());
    if (column.isPresent()) {
      Column col = column.get();
      String v = id(col.name());
      if (col.separator() != null) {
        return "list_transform(CAST(CASE WHEN "
            + v
            + " IS NULL THEN ["
            + nr
            + "] ELSE string_split("
            + v
            + ", "
            + str(col.separator())
            + ") END AS "
            + categories
            + "[]), lambda _x: CAST(enum_code(_x) AS INTEGER))";
      }
      String typed =
          switch (col.type()) {
            case "boolean" -> "CAST(lower(" + v + ") = 'true' AS VARCHAR)";
            case "integer" -> "CAST(CAST(" + v + " AS BIGINT) AS VARCHAR)";
            default -> v;
          };
      return positionOf("coalesce(" + typed + ", " + nr + ")", c.categories());
    }
    Derived d = derived(c);
    if (d.bands() != null) {
      StringBuilder band = new StringBuilder("CASE");
      String age = "CAST(" + id(d.from()) + " AS INTEGER)";
      for (CodeLists.AgeBand b : CodeLists.ageBands(d.bands())) {
        if (b.minAge() != null) {
          band.append(" WHEN ")
              .append(age)
              .append(" BETWEEN ")
              .append(b.minAge())
              .append(" AND ")
              .append(b.maxAge())
              .append(" THEN ")
              .append(position(c, b.code()));
        }
      }
      band.append(" END");
      String otherwise =
          d.otherwise() == null
              ? ""
              : ", CAST(enum_code(CAST("
                  + id(d.otherwise())
                  + " AS "
                  + categories
                  + ")) AS INTEGER)";
      return "coalesce("
          + band
          + otherwise
          + ", "
          + position(c, Characteristics.NOT_RECORDED)
          + ")";
    }
    // A code mapped through a code list: the key's position among the list's keys picks the
    // value's position; a key not in the list is missing.
    Map<String, String> mapping = new LinkedHashMap<>();
    for (Map<String, String> row : CodeLists.rows(d.codeList())) {
      mapping.putIfAbsent(row.get(d.key()), row.get(d.value()));
    }
    String values =
        mapping.values().stream().map(v -> position(c, v)).collect(Collectors.joining(", "));
    String missing =
        d.notRecorded().isEmpty() ? Characteristics.NOT_RECORDED : d.notRecorded().get(0);
    return "coalesce(["
        + values
        + "][CAST(enum_code(TRY_CAST("
        + id(d.from())
        + " AS "
        + enumType(List.copyOf(mapping.keySet()))
        + ")) AS INTEGER) + 1], "
        + position(c, missing)
        + ")";
  }

  /**
   * SQL: a category's position among a characteristic's; a query error, when reached, if it is not
   * one of them.
   */
  private static String position(Characteristic c, String category) {
    int i = c.categories().indexOf(category);
    return i >= 0
        ? Integer.toString(i)
        : "error(" + str(c.name() + ": " + category + " is not a declared category") + ")";
  }

  /**
   * SQL: a text's position among {@code values} (a query error when not one of them): a chain of
   * comparisons for a short list, else a cast to an inline {@code ENUM}. A null text is an error in
   * the first and null in the second; callers pass a required column or coalesce.
   */
  private static String positionOf(String text, List<String> values) {
    if (values.size() > 8) {
      return "CAST(enum_code(CAST(" + text + " AS " + enumType(values) + ")) AS INTEGER)";
    }
    StringBuilder chain = new StringBuilder("CASE " + text);
    for (int i = 0; i < values.size(); i++) {
      chain.append(" WHEN ").append(str(values.get(i))).append(" THEN ").append(i);
    }
    return chain
        .append(" ELSE error('not a declared category: ' || coalesce(")
        .append(text)
        .append(", 'null')) END")
        .toString();
  }

  private static String enumType(List<String> values) {
    return "ENUM("
        + values.stream().map(DuckCountTable::str).collect(Collectors.joining(", "))
        + ")";
  }

  private static String strList(List<String> values) {
    return "[" + values.stream().map(DuckCountTable::str).collect(Collectors.joining(", ")) + "]";
  }

  static List<Margin> distinct(List<Margin> margins) {
    Map<String, Margin> byName = new LinkedHashMap<>();
    margins.forEach(m -> byName.putIfAbsent(m.name(), m));
    return List.copyOf(byName.values());
  }

  static String str(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  static String id(String s) {
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }
}
