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
   * <p>Written for speed as well as exactness: one scan, integer keys, no per-margin union.
   *
   * <ol>
   *   <li>Every characteristic is read as a small integer, its category's position in the declared
   *       list (an inline {@code ENUM} cast; a derived one through a constant list indexed by the
   *       code it is derived from), and each child's cell in every margin is numbered densely, the
   *       layout of {@code counts.CellSums} (per margin, each first category, then {@link
   *       CountTable#RECORDED}, times each second category).
   *   <li>One window over {@code incident_id} (ordered by {@code child_ref}, file, row) marks the
   *       duplicates and the first child and counts the incident's rows.
   *   <li>A child alone in its incident needs nothing more: in each cell m = 1 and n = 1 exactly
   *       when the margin's first characteristic is recorded (from its own list of cells when a
   *       characteristic is multi-valued). Only the other incidents' rows go through a second
   *       window, over the incident, whose one list of its children's cells (an array each) gives
   *       each child's m (the incident's children in the child's cell) and n (in the recorded cell
   *       of the same second category).
   *   <li>Each child's (cell, m, n) in every margin is packed into one BIGINT key; one {@code
   *       UNNEST} of a child's keys and one aggregation by (year, type, key) count children and
   *       first children. As m and n are small there are few keys, and Σ m² (the sum of m over a
   *       cell's children) and Σ m n (of n) are sums over them.
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
        used.stream().map(c -> code(c) + " AS " + x(c)).collect(Collectors.joining(",\n    "));
    // Per margin j: c<j> a child's cell, or its list of cells (recorded ones included) when a
    // characteristic is multi-valued; r<j> whether the first characteristic is recorded.
    List<String> cells = new ArrayList<>();
    // A child's keys, (cell, m, n) packed: alone in its incident, and with siblings.
    List<String> singleKeys = new ArrayList<>();
    List<String> severalKeys = new ArrayList<>();
    List<String> singleLists = new ArrayList<>();
    List<String> severalLists = new ArrayList<>();
    // What a child needs of its siblings: one array per sibling (its cells, and for a two-way
    // margin its recorded cell or -1), and the window's other aggregates.
    List<String> sibling = new ArrayList<>();
    List<String> siblings = new ArrayList<>(List.of("count(*) OVER i AS _k"));
    List<String> singleBounds = new ArrayList<>();
    List<String> severalBounds = new ArrayList<>(List.of("_k"));
    for (int j = 0; j < margins.size(); j++) {
      Margin m = margins.get(j);
      String c = id("c" + j);
      if (m.first() == null) {
        cells.add(layout.offset[j] + " AS " + c);
        singleKeys.add(pack(c, "1", "0"));
        severalKeys.add(pack(c, "_k", "0"));
        continue;
      }
      String r = id("r" + j);
      String rec = recorded(m.first(), x(m.first()));
      if (multiValued(m)) {
        String l = id("l" + j);
        cells.add(layout.cellList(j, rec) + " AS " + c);
        siblings.add("flatten(list(" + c + ") OVER i) AS " + l);
        singleBounds.add("len(" + c + ")");
        severalBounds.add("len(" + l + ")");
        singleLists.add(layout.keys(j, c, c));
        severalLists.add(layout.keys(j, c, l));
        continue;
      }
      String b = m.second() == null ? null : x(m.second());
      cells.add(rec + " AS " + r);
      cells.add(layout.cellOf(j, x(m.first()), b) + " AS " + c);
      singleKeys.add(pack(c, "1", "CAST(" + r + " AS BIGINT)"));
      sibling.add(c);
      String mj = siblingsAt(sibling.size(), c);
      if (b == null) {
        // n: the incident's children with the first characteristic recorded.
        String nj = id("n" + j);
        siblings.add("count(*) FILTER (WHERE " + r + ") OVER i AS " + nj);
        severalKeys.add(pack(c, mj, nj));
      } else {
        // n: the incident's children in the recorded cell of the child's second category.
        String rc = layout.recordedOf(j, b);
        String rr = id("rr" + j);
        cells.add("CASE WHEN " + r + " THEN " + rc + " ELSE -1 END AS " + rr);
        cells.add(rc + " AS " + id("rc" + j));
        sibling.add(rr);
        severalKeys.add(pack(c, mj, siblingsAt(sibling.size(), id("rc" + j))));
      }
    }
    siblings.add("list([" + String.join(", ", sibling) + "]) OVER i AS _s");
    String row = hasRowNumber ? "file_row_number" : "0";
    return """
        WITH texts AS (
          SELECT
            %s,
            file_index AS _file, %s AS _row
          FROM %s),
        coded AS (
          SELECT incident_id, child_ref, _file, _row,
            year(CAST(notification_date AS DATE))
              + CASE WHEN month(CAST(notification_date AS DATE)) >= 4 THEN 1 ELSE 0 END AS _year,
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
        single AS (
          SELECT _year, _type, true AS _first,
            %s
          FROM ordered WHERE _rows = 1),
        several AS (
          SELECT *,
            %s
          FROM (SELECT incident_id, _year, _type, _first,
              %s
            FROM ordered WHERE _rows > 1 AND NOT _duplicate)
          WINDOW i AS (PARTITION BY incident_id, _year, _type)),
        keyed AS (
          SELECT _year, _type, _first, %s AS _keys FROM single
          UNION ALL
          SELECT _year, _type, _first, %s FROM several),
        grouped AS MATERIALIZED (
          SELECT _year, _type, _key // %d AS cell, (_key // %d) %% 2 AS repeat,
            (_key // %d) %% %d AS m, _key %% %d AS n,
            count(*) AS k, count(*) FILTER (WHERE _first) AS kf
          FROM (SELECT _year, _type, _first, unnest(_keys) AS _key FROM keyed)
          GROUP BY _year, _type, _key),
        entries AS (
          SELECT _year, _type, cell, k AS children,
            CASE WHEN repeat = 1 THEN 0 ELSE kf END AS incidents,
            k * m AS children_squared, k * n AS children_cross
          FROM grouped
          UNION ALL
          SELECT _year, _type, %s[cell + 1], k, kf, k * n, k * n
          FROM grouped WHERE %s[cell + 1] IS NOT NULL)
        SELECT %s[cell + 1] AS m, _year, %s[_type + 1] AS incident_type,
          %s[cell + 1] AS c1, %s[cell + 1] AS c2,
          CAST(sum(children) AS BIGINT), CAST(sum(incidents) AS BIGINT),
          CAST(sum(children_squared) AS BIGINT), CAST(sum(children_cross) AS BIGINT)
        FROM entries
        GROUP BY _year, _type, cell"""
        .formatted(
            text,
            row,
            source,
            enumCode("incident_type", Characteristics.incidentTypes()),
            codes,
            String.join(",\n    ", cells),
            String.join(",\n    ", siblings),
            String.join(",\n      ", cells),
            guarded(keyList(singleKeys, singleLists), singleBounds),
            guarded(keyList(severalKeys, severalLists), severalBounds),
            CELL,
            REPEAT,
            M,
            LIMIT,
            LIMIT,
            layout.recordedCells(),
            layout.recordedCells(),
            layout.marginNumbers(),
            strList(Characteristics.incidentTypes()),
            layout.firstNames(),
            layout.secondNames());
  }

  // A key packs (cell, repeat, m, n) into a BIGINT: cell * CELL + repeat * REPEAT + m * M + n,
  // with m and n below LIMIT (an incident of 2^23 children would fail the query) and fewer than
  // 2^16 cells. repeat: a multi-valued characteristic's category repeated in a child's row, whose
  // second entry counts the child again but not the incident.
  private static final long LIMIT = 1L << 23;
  private static final long M = LIMIT;
  private static final long REPEAT = 1L << 46;
  private static final long CELL = 1L << 47;

  private static String pack(String cell, String m, String n) {
    return "CAST(" + cell + " AS BIGINT) * " + CELL + " + " + m + " * " + M + " + " + n;
  }

  /** SQL: how many of a child's siblings (itself included) have {@code value} at array index i. */
  private static String siblingsAt(int i, String value) {
    return "CAST(list_sum(list_transform(_s, lambda _x: CAST(_x["
        + i
        + "] = "
        + value
        + " AS INTEGER))) AS BIGINT)";
  }

  private static String keyList(List<String> scalar, List<String> lists) {
    String keys = "[" + String.join(", ", scalar) + "]";
    for (String l : lists) {
      keys = "list_concat(" + keys + ", " + l + ")";
    }
    return keys;
  }

  private static String guarded(String keys, List<String> bounds) {
    if (bounds.isEmpty()) {
      return keys;
    }
    return "CASE WHEN greatest("
        + String.join(", ", bounds)
        + ") < "
        + LIMIT
        + " THEN "
        + keys
        + " ELSE error('an incident too large to count') END";
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
      return "("
          + offset[j]
          + " + "
          + (cols == 1 ? a : a + " * " + cols)
          + (b == null ? "" : " + " + b)
          + ")";
    }

    /** SQL: margin j's recorded cell of second code {@code b} (null: no second). */
    String recordedOf(int j, String b) {
      Margin m = margins.get(j);
      return "(" + (offset[j] + rows(m) * cols(m)) + (b == null ? "" : " + " + b) + ")";
    }

    /**
     * SQL: a row's cells in a margin with a multi-valued characteristic: one per first × second
     * category it has (repeats kept), then its recorded cells (one per second category) when {@code
     * recorded}.
     */
    String cellList(int j, String recorded) {
      Margin m = margins.get(j);
      String a = x(m.first());
      String b = m.second() == null ? null : x(m.second());
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
     * SQL: the keys of a child's cells {@code own} in margin j (a list), m and n counted in {@code
     * siblings}, the cells of every child of its incident.
     */
    String keys(int j, String own, String siblings) {
      Margin margin = margins.get(j);
      int cols = cols(margin);
      String second = cols == 1 ? "" : " + (_e - " + offset[j] + ") % " + cols;
      String rc = "(" + (offset[j] + rows(margin) * cols) + second + ")";
      return "list_transform("
          + own
          + ", lambda _e, _p: "
          + pack("_e", occurrences(siblings, "_e"), occurrences(siblings, rc))
          + " + CAST(list_position("
          + own
          + ", _e) <> _p AS BIGINT) * "
          + REPEAT
          + ")";
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
  private static String x(Characteristic c) {
    return id("x_" + c.name());
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
   * categories (an INTEGER; a list of them when multi-valued). A value that is not a declared
   * category fails the query (the job would have quarantined the row, or failed).
   */
  static String code(Characteristic c) {
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
      return "CAST(enum_code(CAST(coalesce("
          + typed
          + ", "
          + nr
          + ") AS "
          + categories
          + ")) AS INTEGER)";
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

  /** SQL: a text column's position among {@code values} (a query error when not one of them). */
  private static String enumCode(String column, List<String> values) {
    return "CAST(enum_code(CAST(" + id(column) + " AS " + enumType(values) + ")) AS INTEGER)";
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
