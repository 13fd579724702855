package org.safeguardstats.analysis;

import java.util.LinkedHashMap;
import java.util.Map;

/** One output row as column name to value; the writer checks it against the declared schema. */
public final class OutputRow {
  private final Map<String, Object> values = new LinkedHashMap<>();

  public OutputRow put(String column, Object value) {
    if (value instanceof Double d && (d.isNaN() || d.isInfinite())) {
      throw new IllegalStateException("Column " + column + " would hold " + d);
    }
    values.put(column, value);
    return this;
  }

  public Object get(String column) {
    return values.get(column);
  }

  public Map<String, Object> values() {
    return values;
  }
}
