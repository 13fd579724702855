package org.safeguardstats.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.safeguardstats.counts.CountTable;
import org.safeguardstats.counts.Margin;
import org.safeguardstats.schema.OutputColumns;
import org.safeguardstats.testing.Fixtures;

/**
 * The invented incidents of {@code src/test/resources/stats/association_values.py}: the count table
 * it writes ({@code association-cells.csv}, built here with {@link CountTable#builder}, no Spark)
 * and the expected values it computes from the incidents themselves ({@code
 * association-values.csv}). Rerun: {@code python3 src/test/resources/stats/association_values.py}
 * (scipy 1.17.1, numpy).
 */
final class AssociationValues {
  /** Two reporting years with records, 2022-23 and 2023-24, at two levels. */
  static final RunContext RUN = new RunContext("test", true, 2023, 2024, List.of(0.95, 0.998));

  /** The same with 2021-22 in the job and no record in it. */
  static final RunContext WITH_EMPTY_YEAR =
      new RunContext("test", true, 2022, 2024, List.of(0.95, 0.998));

  static final double RELATIVE = 1e-9;

  private AssociationValues() {}

  static CountTable table() {
    List<Margin> margins = new ArrayList<>(AssociationAnalysis.margins());
    margins.addAll(SpotlightAnalysis.margins());
    Map<String, Margin> byName = new HashMap<>();
    margins.forEach(m -> byName.put(m.name(), m));
    CountTable.Builder table = CountTable.builder(margins);
    List<String> lines = Fixtures.resourceLines("/stats/association-cells.csv");
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      Margin m = byName.get(f[0]);
      assertNotNull(m, "margin " + f[0] + " is one the analyses declare");
      table.add(
          m,
          Integer.parseInt(f[1]),
          f[2],
          f[3],
          f[4],
          new CountTable.Cell(
              Long.parseLong(f[5]),
              Long.parseLong(f[6]),
              Long.parseLong(f[7]),
              Long.parseLong(f[8])));
    }
    return table.build();
  }

  /** The row's values as text, null as "null" (as the script writes keys). */
  static String text(Object v) {
    return v == null ? "null" : String.valueOf(v);
  }

  /** The rows by key (the key columns' values joined by "|"), each key once. */
  static Map<String, Map<String, Object>> byKey(List<? extends Record> rows, List<String> key) {
    Map<String, Map<String, Object>> out = new HashMap<>();
    for (Record r : rows) {
      Map<String, Object> values = OutputColumns.values(r);
      String k = String.join("|", key.stream().map(c -> text(values.get(c))).toList());
      assertNull(out.put(k, values), "one row per key: " + k);
    }
    return out;
  }

  /** Every expected value of the table, compared with its row's column; returns how many. */
  static int check(String table, List<? extends Record> rows, List<String> key) {
    Map<String, Map<String, Object>> byKey = byKey(rows, key);
    List<String> lines = Fixtures.resourceLines("/stats/association-values.csv");
    int checked = 0;
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      if (!f[0].equals(table)) {
        continue;
      }
      Map<String, Object> row = byKey.get(f[1]);
      assertNotNull(row, table + " has a row " + f[1]);
      assertTrue(row.containsKey(f[2]), table + " has a column " + f[2]);
      Object actual = row.get(f[2]);
      String where = table + " " + f[1] + " " + f[2];
      if (f[3].equals("null")) {
        assertNull(actual, where);
      } else if (actual instanceof Double d) {
        double expected = Double.parseDouble(f[3]);
        assertEquals(expected, d, Math.max(Math.abs(expected) * RELATIVE, 1e-15), where);
      } else {
        assertEquals(f[3], text(actual), where);
      }
      checked++;
    }
    return checked;
  }
}
