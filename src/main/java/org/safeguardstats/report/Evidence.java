package org.safeguardstats.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.safeguardstats.schema.OutputColumns;

/**
 * The run's tables as their published columns (name → value per row, as written), so that a finding
 * reads the same values a reader of the tables sees, and cites each row it read by table and key
 * columns.
 */
final class Evidence {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A cited row: its table, the key columns that pick it out, and the columns the finding read. */
  record Reference(String table, Map<String, Object> keys, List<String> columns) {}

  private final Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();

  Evidence(Map<String, List<? extends Record>> tables) {
    tables.forEach(
        (name, rows) -> this.tables.put(name, rows.stream().map(OutputColumns::values).toList()));
  }

  boolean has(String table) {
    return tables.containsKey(table);
  }

  /** Every row of a table whose columns equal the keys given, in table order. */
  List<Map<String, Object>> rows(String table, Map<String, Object> keys) {
    List<Map<String, Object>> found = new ArrayList<>();
    for (Map<String, Object> row : tables.getOrDefault(table, List.of())) {
      if (keys.entrySet().stream()
          .allMatch(k -> Objects.equals(row.get(k.getKey()), k.getValue()))) {
        found.add(row);
      }
    }
    return found;
  }

  /** The one row with these keys, or null when there is none; more than one is a bug. */
  Map<String, Object> row(String table, Map<String, Object> keys) {
    List<Map<String, Object>> found = rows(table, keys);
    if (found.size() > 1) {
      throw new IllegalStateException(
          found.size() + " rows of " + table + " have the keys " + keys + ": cite a unique row");
    }
    return found.isEmpty() ? null : found.get(0);
  }

  /** The references as the {@code supporting} column's JSON. */
  static String json(List<Reference> references) {
    try {
      return JSON.writeValueAsString(references);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
