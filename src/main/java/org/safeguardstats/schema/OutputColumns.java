package org.safeguardstats.schema;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An output row record as its columns: each component is the column of its name in snake_case
 * ({@code lowReliability} is {@code low_reliability}, {@code per100000} is {@code per_100000}); a
 * component that is itself a record is a group of columns named by its {@link Columns} prefix. The
 * one mapping from row types to declared columns, used by the writer and by the test that checks
 * every row type against {@code data-schemas/outputs/}.
 */
public final class OutputColumns {
  private OutputColumns() {}

  /** Column name to value, in component order. */
  public static Map<String, Object> values(Record row) {
    Map<String, Object> out = new LinkedHashMap<>();
    walk(row.getClass(), row, "", "", out, null);
    return out;
  }

  /** Column name to Java type of a row type, in component order. */
  public static Map<String, Class<?>> types(Class<? extends Record> rowType) {
    Map<String, Class<?>> out = new LinkedHashMap<>();
    walk(rowType, null, "", "", null, out);
    return out;
  }

  private static void walk(
      Class<?> type,
      Object row,
      String prefix,
      String valueColumn,
      Map<String, Object> values,
      Map<String, Class<?>> types) {
    for (RecordComponent c : type.getRecordComponents()) {
      Object v = row == null ? null : read(c, row);
      if (c.getType().isRecord()) {
        Columns group = c.getAnnotation(Columns.class);
        if (group == null) {
          throw new IllegalStateException(
              type.getSimpleName() + "." + c.getName() + ": a group of columns needs @Columns");
        }
        String value =
            !group.value().isEmpty() ? group.value() : group.prefix().replaceAll("_$", "");
        // A missing group (null) writes null into each of its columns.
        walk(c.getType(), v, prefix + group.prefix(), value, values, types);
        continue;
      }
      String name =
          c.getName().equals("value") && !valueColumn.isEmpty()
              ? valueColumn
              : prefix + snake(c.getName());
      if (values != null) {
        values.put(name, v);
      }
      if (types != null) {
        types.put(name, c.getType());
      }
    }
  }

  private static Object read(RecordComponent c, Object row) {
    try {
      java.lang.reflect.Method accessor = c.getAccessor();
      accessor.setAccessible(true);
      return accessor.invoke(row);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("Cannot read " + c.getName(), e);
    }
  }

  /** camelCase to snake_case; a run of digits is a word of its own. */
  static String snake(String camel) {
    return camel
        .replaceAll("([A-Z])([A-Z][a-z])", "$1_$2")
        .replaceAll("([a-z])([A-Z])", "$1_$2")
        .replaceAll("([a-zA-Z])([0-9])", "$1_$2")
        .toLowerCase();
  }
}
