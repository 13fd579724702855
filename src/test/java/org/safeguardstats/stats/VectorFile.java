package org.safeguardstats.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.safeguardstats.testing.Fixtures;

/** Reads the expected-value CSVs under src/test/resources/stats and compares to 1e-9 relative. */
final class VectorFile {

  static final double RELATIVE = 1e-9;

  /** One CSV row; inputs like {@code x=65;n=100} are split into {@link #inputs}. */
  record Row(
      String method,
      Map<String, String> inputs,
      String rawInputs,
      double level,
      Double value,
      Double lower,
      Double upper,
      Double p,
      String source) {
    double in(String key) {
      String v = inputs.get(key);
      assertNotNull(v, "input " + key + " in " + rawInputs);
      return Double.parseDouble(v);
    }

    long count(String key) {
      return Math.round(in(key));
    }

    @Override
    public String toString() {
      return method + " " + rawInputs + " @" + level + " [" + source + "]";
    }
  }

  private VectorFile() {}

  /** Simple CSV: no field in these files contains a comma except the trailing source column. */
  static List<Row> read(String resource) {
    List<String> lines = Fixtures.resourceLines(resource);
    String[] header = lines.get(0).split(",");
    boolean hasP = header.length > 7 && header[6].equals("expected_p");
    int fixed = hasP ? 7 : 6;
    List<Row> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", fixed + 1);
      rows.add(
          new Row(
              f[0],
              parseInputs(f[1]),
              f[1],
              Double.parseDouble(f[2]),
              number(f[3]),
              number(f[4]),
              number(f[5]),
              hasP ? number(f[6]) : null,
              f[fixed]));
    }
    return rows;
  }

  private static Map<String, String> parseInputs(String s) {
    Map<String, String> m = new HashMap<>();
    for (String part : s.split(";")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        m.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
      }
    }
    return m;
  }

  private static Double number(String s) {
    return s.isBlank() ? null : Double.valueOf(s);
  }

  /** expected null means the actual must be null too; otherwise equal to 1e-9 relative. */
  static void assertClose(Double expected, Double actual, String what) {
    if (expected == null) {
      assertEquals(null, actual, what + " should be null");
      return;
    }
    assertNotNull(actual, what + " should not be null");
    assertNear(expected, actual, what);
  }

  static void assertNear(double expected, double actual, String what) {
    // an expected 0 (or an underflowed tail) must come out as 0 or below the smallest normal double
    double tolerance = Math.max(RELATIVE * Math.abs(expected), Double.MIN_NORMAL);
    assertTrue(
        Math.abs(actual - expected) <= tolerance,
        () ->
            what
                + ": expected "
                + expected
                + " but was "
                + actual
                + " (relative error "
                + Math.abs(actual - expected) / Math.abs(expected)
                + ")");
  }

  static void assertEstimate(Row row, Estimate e) {
    assertEquals(null, e.nullReason(), row + " should not be null");
    assertClose(row.value(), e.value(), row + " value");
    assertClose(row.lower(), e.lower(), row + " lower");
    assertClose(row.upper(), e.upper(), row + " upper");
  }
}
