package org.safeguardstats.counts;

import static org.apache.spark.sql.functions.lit;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The per-task half of {@link CountTable#aggregate}: a task's incidents added into one small table
 * of cells in plain Java.
 *
 * <p>Every cell of every margin has a number (its position in a dense layout: per margin, each
 * first category, then {@link CountTable#RECORDED}, times each second category), and every category
 * is sent as its position in the characteristic's declared list, so a task works on int arrays. Per
 * incident it sorts its children's cell numbers: the run of a number is m_i, the children of the
 * incident in that cell; the run of the margin's recorded cell of the same second category is n_i.
 * It then adds m, whether the first child is there, m² and m·n to the cell's sums.
 */
final class CellSums implements Serializable {
  /** One row per cell and task; {@link CountTable#aggregate} adds the tasks up. */
  static final StructType SCHEMA =
      new StructType()
          .add("reporting_year", DataTypes.IntegerType, false)
          .add("incident_type", DataTypes.StringType, false)
          .add("margin", DataTypes.StringType, false)
          .add("category", DataTypes.StringType, false)
          .add("category2", DataTypes.StringType, false)
          .add("children", DataTypes.LongType, false)
          .add("incidents", DataTypes.LongType, false)
          .add("children_squared", DataTypes.LongType, false)
          .add("children_cross", DataTypes.LongType, false)
          .add("first_day", DataTypes.IntegerType, false)
          .add("last_day", DataTypes.IntegerType, false);

  private static final int[] NO_SECOND = {0};

  /** Per characteristic used: its categories, and whether a child can have several. */
  private final List<List<String>> categories;

  private final boolean[] multiValued;
  private final String[] marginName;
  private final int[] first; // characteristic position, -1 for the total margin
  private final int[] second; // characteristic position, -1 for none
  private final int[] offset; // first cell number of each margin
  private final boolean[][] recorded; // per margin, per first category

  // Per cell number: its margin, first and second category positions (first = the count of first
  // categories for the recorded cell), and the number of that margin's recorded cell.
  private final int[] cellMargin;
  private final int[] cellFirst;
  private final int[] cellSecond;
  private final int[] recordedCell;

  private final List<String> names = new ArrayList<>();
  private final List<Map<String, Integer>> index = new ArrayList<>();
  private final transient List<Characteristic> used;

  private CellSums(List<Margin> margins) {
    used = new ArrayList<>();
    int n = margins.size();
    marginName = new String[n];
    first = new int[n];
    second = new int[n];
    offset = new int[n];
    recorded = new boolean[n][];
    int cells = 0;
    for (int j = 0; j < n; j++) {
      Margin m = margins.get(j);
      marginName[j] = m.name();
      first[j] = position(m.first());
      second[j] = position(m.second());
      offset[j] = cells;
      cells += (rows(m) + 1) * columns(m);
      recorded[j] = new boolean[rows(m)];
      for (int a = 0; m.first() != null && a < rows(m); a++) {
        recorded[j][a] = !m.first().notRecorded().contains(m.first().categories().get(a));
      }
    }
    categories = used.stream().map(c -> List.copyOf(c.categories())).toList();
    multiValued = new boolean[used.size()];
    for (int i = 0; i < used.size(); i++) {
      multiValued[i] = used.get(i).multiValued();
    }
    cellMargin = new int[cells];
    cellFirst = new int[cells];
    cellSecond = new int[cells];
    recordedCell = new int[cells];
    for (int j = 0; j < n; j++) {
      Margin m = margins.get(j);
      for (int a = 0; a <= rows(m); a++) {
        for (int b = 0; b < columns(m); b++) {
          int cell = offset[j] + a * columns(m) + b;
          cellMargin[cell] = j;
          cellFirst[cell] = a;
          cellSecond[cell] = b;
          recordedCell[cell] = m.first() == null ? -1 : offset[j] + rows(m) * columns(m) + b;
        }
      }
    }
  }

  /** The layout of a list of distinct margins. */
  static CellSums of(List<Margin> margins) {
    return new CellSums(margins);
  }

  private static int rows(Margin m) {
    return m.first() == null ? 0 : m.first().categories().size();
  }

  private static int columns(Margin m) {
    return m.second() == null ? 1 : m.second().categories().size();
  }

  private int position(Characteristic c) {
    if (c == null) {
      return -1;
    }
    int i = names.indexOf(c.name());
    if (i < 0) {
      names.add(c.name());
      used.add(c);
      Map<String, Integer> at = new HashMap<>();
      for (int k = 0; k < c.categories().size(); k++) {
        at.put(c.categories().get(k), k);
      }
      index.add(at);
      i = used.size() - 1;
    }
    return i;
  }

  /**
   * Spark, per accepted row: the child as the tasks read it, struct(first, day, v0, v1, ...) with
   * each characteristic's categories as positions in its declared list (an array when
   * multi-valued).
   */
  Column child(Column firstChild, Column day) {
    List<Column> fields = new ArrayList<>(List.of(firstChild.as("first"), day.as("day")));
    for (int i = 0; i < used.size(); i++) {
      Characteristic c = used.get(i);
      // Multi-valued: the categories themselves, found in Java (a Spark lambda would not compile).
      // getItem, not element_at: Spark 3.5 fails to compile element_at over a literal array.
      List<Column> positions = new ArrayList<>();
      for (int k = 0; k < c.categories().size(); k++) {
        positions.add(lit(c.categories().get(k)));
        positions.add(lit(k));
      }
      Column value =
          c.multiValued()
              ? c.values()
              : functions.coalesce(
                  functions.element_at(
                      functions.map(positions.toArray(new Column[0])), c.values().getItem(0)),
                  lit(-1));
      fields.add(value.as("v" + i));
    }
    return functions.struct(fields.toArray(new Column[0]));
  }

  /**
   * The cell sums of one task's incidents, each a row (incident_id, reporting_year, incident_type,
   * children: [struct(first, day, v0, ...)]).
   */
  Iterator<Row> sums(Iterator<Row> incidents) {
    Map<List<Object>, long[][]> byYearAndType = new HashMap<>();
    int[] buffer = new int[256];
    while (incidents.hasNext()) {
      Row incident = incidents.next();
      int year = incident.getInt(1);
      String type = incident.getString(2);
      long[][] sums =
          byYearAndType.computeIfAbsent(List.of(year, type), k -> newSums(cellMargin.length));
      buffer = add(incident.getList(3), buffer, sums);
    }
    List<Row> rows = new ArrayList<>();
    byYearAndType.forEach(
        (k, sums) -> {
          for (int cell = 0; cell < cellMargin.length; cell++) {
            if (sums[0][cell] > 0) {
              rows.add(row((Integer) k.get(0), (String) k.get(1), cell, sums));
            }
          }
        });
    return rows.iterator();
  }

  private static long[][] newSums(int cells) {
    long[][] sums = new long[6][cells];
    Arrays.fill(sums[4], Long.MAX_VALUE);
    return sums;
  }

  /** Adds one incident; returns the (possibly grown) buffer of cell entries. */
  private int[] add(List<Row> children, int[] buffer, long[][] sums) {
    int size = 0;
    int day = Integer.MAX_VALUE;
    int lastDay = Integer.MIN_VALUE;
    for (Row child : children) {
      int isFirst = child.getBoolean(0) ? 1 : 0;
      day = Math.min(day, child.getInt(1));
      lastDay = Math.max(lastDay, child.getInt(1));
      int[][] values = new int[names.size()][]; // each characteristic's positions, read once
      for (int i = 0; i < values.length; i++) {
        values[i] = positions(child, i);
      }
      for (int j = 0; j < marginName.length; j++) {
        if (first[j] < 0) {
          buffer = push(buffer, size++, offset[j], isFirst);
          continue;
        }
        int[] firsts = values[first[j]];
        int[] seconds = second[j] < 0 ? NO_SECOND : values[second[j]];
        int columns = second[j] < 0 ? 1 : categories.get(second[j]).size();
        boolean anyRecorded = false;
        for (int a : firsts) {
          anyRecorded |= recorded[j][a];
          for (int b : seconds) {
            buffer = push(buffer, size++, offset[j] + a * columns + b, isFirst);
          }
        }
        if (anyRecorded) {
          int recordedRow = offset[j] + recorded[j].length * columns;
          for (int b : seconds) {
            buffer = push(buffer, size++, recordedRow + b, isFirst);
          }
        }
      }
    }
    // Entries are cell * 2 + first: sorted, each cell's entries are one run.
    Arrays.sort(buffer, 0, size);
    for (int i = 0; i < size; ) {
      int cell = buffer[i] >> 1;
      int end = runEnd(buffer, i, size);
      long m = end - i;
      long n = recordedCell[cell] < 0 ? 0 : m(buffer, recordedCell[cell], size);
      sums[0][cell] += m;
      sums[1][cell] += buffer[end - 1] & 1;
      sums[2][cell] += m * m;
      sums[3][cell] += m * n;
      sums[4][cell] = Math.min(sums[4][cell], day);
      sums[5][cell] = Math.max(sums[5][cell], lastDay);
      i = end;
    }
    return buffer;
  }

  private static int[] push(int[] buffer, int at, int cell, int isFirst) {
    int[] b = at < buffer.length ? buffer : Arrays.copyOf(buffer, buffer.length * 2);
    b[at] = cell * 2 + isFirst;
    return b;
  }

  private static int runEnd(int[] buffer, int from, int size) {
    int cell = buffer[from] >> 1;
    int end = from;
    while (end < size && buffer[end] >> 1 == cell) {
      end++;
    }
    return end;
  }

  /** Entries of {@code cell} in the sorted buffer. */
  private static long m(int[] buffer, int cell, int size) {
    int i = Arrays.binarySearch(buffer, 0, size, cell * 2);
    if (i < 0) {
      i = -i - 1;
    }
    while (i > 0 && buffer[i - 1] >> 1 == cell) {
      i--;
    }
    return i < size && buffer[i] >> 1 == cell ? runEnd(buffer, i, size) - i : 0;
  }

  private int[] positions(Row child, int characteristic) {
    if (!multiValued[characteristic]) {
      int p = child.getInt(2 + characteristic);
      if (p < 0) {
        throw undeclared(characteristic);
      }
      return new int[] {p};
    }
    List<String> values = child.getList(2 + characteristic);
    int[] p = new int[values.size()];
    for (int i = 0; i < p.length; i++) {
      Integer at = index.get(characteristic).get(values.get(i));
      if (at == null) {
        throw undeclared(characteristic);
      }
      p[i] = at;
    }
    return p;
  }

  private IllegalStateException undeclared(int characteristic) {
    return new IllegalStateException(
        "A value of "
            + names.get(characteristic)
            + " is not among its declared categories (validation should have quarantined it)");
  }

  private Row row(int year, String type, int cell, long[][] sums) {
    int j = cellMargin[cell];
    String category =
        first[j] < 0
            ? ""
            : cellFirst[cell] == recorded[j].length
                ? CountTable.RECORDED
                : categories.get(first[j]).get(cellFirst[cell]);
    String category2 = second[j] < 0 ? "" : categories.get(second[j]).get(cellSecond[cell]);
    return RowFactory.create(
        year,
        type,
        marginName[j],
        category,
        category2,
        sums[0][cell],
        sums[1][cell],
        sums[2][cell],
        sums[3][cell],
        (int) sums[4][cell],
        (int) sums[5][cell]);
  }
}
