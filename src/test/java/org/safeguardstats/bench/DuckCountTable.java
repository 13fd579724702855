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
 * (the generated benchmark inputs, the embedded sample). {@link #differences} compares it with a
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

  /** The query: one row per non-empty cell (margin number, year, type, c1, c2, four counts). */
  public static String sql(String source, boolean hasRowNumber, List<Margin> declared) {
    List<Margin> margins = distinct(declared);
    // As read and validated: every column as text, trimmed, blank as null.
    String text =
        INCIDENT.columnNames().stream()
            .map(c -> "NULLIF(trim(CAST(" + id(c) + " AS VARCHAR)), '') AS " + id(c))
            .collect(Collectors.joining(",\n    "));
    String row = hasRowNumber ? "file_row_number" : "0";
    Set<Characteristic> used = new LinkedHashSet<>();
    for (Margin m : margins) {
      if (m.first() != null) {
        used.add(m.first());
      }
      if (m.second() != null) {
        used.add(m.second());
      }
    }
    // Each characteristic's value (a list when multi-valued) and whether it is recorded.
    List<String> values = new ArrayList<>();
    List<String> recorded = new ArrayList<>();
    List<String> distinctLists = new ArrayList<>();
    for (Characteristic c : used) {
      values.add(values(c) + " AS " + id("v_" + c.name()));
      String v = id("v_" + c.name());
      String notRecorded =
          c.notRecorded().stream().map(DuckCountTable::str).collect(Collectors.joining(", "));
      if (c.multiValued()) {
        recorded.add(
            (notRecorded.isEmpty()
                    ? "len(" + v + ") > 0"
                    : "len(list_filter("
                        + v
                        + ", lambda x: NOT list_contains(["
                        + notRecorded
                        + "], x))) > 0")
                + " AS "
                + id("r_" + c.name()));
        distinctLists.add("len(list_distinct(" + v + ")) = len(" + v + ")");
      } else {
        recorded.add(
            (notRecorded.isEmpty() ? "true" : v + " NOT IN (" + notRecorded + ")")
                + " AS "
                + id("r_" + c.name()));
      }
    }
    String simple =
        "_rows = 1" + distinctLists.stream().map(d -> " AND " + d).collect(Collectors.joining());
    List<String> exploded = new ArrayList<>();
    for (int i = 0; i < margins.size(); i++) {
      exploded.addAll(keys(i, margins.get(i)));
    }
    return """
        WITH src AS (
          SELECT
            %s,
            filename AS _file, %s AS _row
          FROM %s),
        ordered AS (
          SELECT *,
            row_number() OVER w = 1 AS _first,
            lag(child_ref) OVER w IS NOT DISTINCT FROM child_ref AS _duplicate,
            count(*) OVER (PARTITION BY incident_id) AS _rows
          FROM src
          WINDOW w AS (PARTITION BY incident_id ORDER BY child_ref, _file, _row)),
        accepted AS (
          SELECT *,
            year(CAST(notification_date AS DATE))
              + CASE WHEN month(CAST(notification_date AS DATE)) >= 4 THEN 1 ELSE 0 END AS _year
          FROM ordered WHERE NOT _duplicate),
        valued AS (
          SELECT _year, incident_type, incident_id, _first, _rows,
            %s
          FROM accepted),
        flagged AS MATERIALIZED (
          SELECT *,
            %s
          FROM valued),
        -- One row per child and cell (with r: the margin's first characteristic is recorded).
        exploded AS (
          %s),
        -- An incident of one row without repeated categories: m = 1 in each of its cells, it is its
        -- own first child, and n = 1 exactly when the margin's first characteristic is recorded.
        single AS (
          SELECT m, _year, incident_type, c1, c2,
            count(*) AS children, count(*) AS incidents, count(*) AS children_squared,
            sum(CAST(r AS BIGINT)) AS children_cross
          FROM exploded WHERE _simple GROUP BY ALL),
        -- Every other incident: m_i and the first-child flag per incident and cell, n_i from the
        -- margin's recorded cell of the same second category.
        per_incident AS MATERIALIZED (
          SELECT m, _year, incident_type, incident_id, c1, c2,
            count(*) AS mi, max(CAST(_first AS INTEGER)) AS first_child
          FROM exploded WHERE NOT _simple GROUP BY ALL),
        recorded_of_incident AS (
          SELECT m, _year, incident_type, incident_id, c2, mi AS ni
          FROM per_incident WHERE c1 = %s),
        several AS (
          SELECT p.m, p._year, p.incident_type, p.c1, p.c2,
            sum(p.mi) AS children, sum(p.first_child) AS incidents,
            sum(p.mi * p.mi) AS children_squared, sum(p.mi * coalesce(r.ni, 0)) AS children_cross
          FROM per_incident p LEFT JOIN recorded_of_incident r
            ON p.m = r.m AND p._year = r._year AND p.incident_type = r.incident_type
              AND p.incident_id = r.incident_id AND p.c2 = r.c2
          GROUP BY ALL)
        SELECT m, _year, incident_type, c1, c2,
          sum(children), sum(incidents), sum(children_squared), sum(children_cross)
        FROM (SELECT * FROM single UNION ALL SELECT * FROM several)
        GROUP BY ALL"""
        .formatted(
            text,
            row,
            source,
            String.join(",\n    ", values),
            String.join(",\n    ", recorded) + ",\n    " + simple + " AS _simple",
            String.join("\n          UNION ALL\n          ", exploded),
            str(CountTable.RECORDED));
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

  /** A characteristic's category of a row as SQL text; a list of them when multi-valued. */
  static String values(Characteristic c) {
    String nr = str(Characteristics.NOT_RECORDED);
    var column = INCIDENT.column(c.name());
    if (column.isPresent()) {
      Column col = column.get();
      String v = id(col.name());
      String typed =
          switch (col.type()) {
            case "boolean" -> "CAST(lower(" + v + ") = 'true' AS VARCHAR)";
            case "integer" -> "CAST(CAST(" + v + " AS BIGINT) AS VARCHAR)";
            default -> v;
          };
      if (col.separator() != null) {
        return "CASE WHEN "
            + v
            + " IS NULL THEN ["
            + nr
            + "] ELSE string_split("
            + v
            + ", "
            + str(col.separator())
            + ") END";
      }
      return "coalesce(" + typed + ", " + nr + ")";
    }
    Derived d =
        INCIDENT.derived().stream()
            .filter(x -> x.name().equals(c.name()))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no declaration for " + c.name()));
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
              .append(str(b.code()));
        }
      }
      band.append(" END");
      String otherwise = d.otherwise() == null ? "" : ", " + id(d.otherwise());
      return "coalesce(" + band + otherwise + ", " + nr + ")";
    }
    StringBuilder mapped = new StringBuilder("CASE " + id(d.from()));
    for (Map<String, String> row : CodeLists.rows(d.codeList())) {
      mapped
          .append(" WHEN ")
          .append(str(row.get(d.key())))
          .append(" THEN ")
          .append(str(row.get(d.value())));
    }
    mapped.append(" END");
    String missing =
        d.notRecorded().isEmpty() ? Characteristics.NOT_RECORDED : d.notRecorded().get(0);
    return "coalesce(" + mapped + ", " + str(missing) + ")";
  }

  /**
   * Margin number i's rows of the exploded relation: each child's cells (a lateral unnest for a
   * multi-valued characteristic), then its {@link CountTable#RECORDED} cells.
   */
  static List<String> keys(int i, Margin m) {
    String cols = "_year, incident_type, incident_id, _first, _simple, ";
    if (m.first() == null) {
      return List.of(
          "SELECT " + i + " AS m, " + cols + "'' AS c1, '' AS c2, false AS r FROM flagged");
    }
    List<String> from = new ArrayList<>(List.of("flagged"));
    String a = side(m.first(), "a", from);
    String r = id("r_" + m.first().name());
    List<String> fromB = new ArrayList<>(List.of("flagged"));
    String b = m.second() == null ? "''" : side(m.second(), "b", fromB);
    from.addAll(fromB.subList(1, fromB.size()));
    String cells =
        "SELECT " + i + ", " + cols + a + ", " + b + ", " + r + " FROM " + String.join(", ", from);
    String rec =
        "SELECT "
            + i
            + ", "
            + cols
            + str(CountTable.RECORDED)
            + ", "
            + b
            + ", true FROM "
            + String.join(", ", fromB)
            + " WHERE "
            + r;
    return List.of(cells, rec);
  }

  /** A characteristic's value in a margin: the column, or a lateral unnest when multi-valued. */
  private static String side(Characteristic c, String alias, List<String> from) {
    if (!c.multiValued()) {
      return id("v_" + c.name());
    }
    from.add("unnest(" + id("v_" + c.name()) + ") AS " + alias + "(" + alias + ")");
    return alias + "." + alias;
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
