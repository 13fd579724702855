package org.safeguardstats.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.safeguardstats.schema.Column;
import org.safeguardstats.schema.Columns;
import org.safeguardstats.schema.DeclaredSchema;
import org.safeguardstats.schema.OutputColumns;

/** Every table's row type has exactly the declared columns, with their types; no Spark needed. */
class RowTypesTest {
  static String declaredType(Column c) {
    return switch (c.type()) {
      case "integer" -> "int64".equals(c.format()) ? "long" : "int";
      case "number" -> "double";
      default -> c.type();
    };
  }

  static String javaType(Class<?> t) {
    if (t == String.class) {
      return "string";
    }
    if (t == Long.class || t == long.class) {
      return "long";
    }
    if (t == Integer.class || t == int.class) {
      return "int";
    }
    if (t == Double.class || t == double.class) {
      return "double";
    }
    if (t == Boolean.class || t == boolean.class) {
      return "boolean";
    }
    return t.getName();
  }

  @Test
  void everyRowTypeHasTheDeclaredColumnsAndTypes() {
    assertEquals(14, Tables.ROW_TYPES.size());
    Tables.ROW_TYPES.forEach(
        (table, type) -> {
          DeclaredSchema schema = DeclaredSchema.output(table);
          Map<String, Class<?>> columns = OutputColumns.types(type);
          assertEquals(
              new TreeSet<>(schema.columnNames()),
              new TreeSet<>(columns.keySet()),
              table + ": columns of " + type.getSimpleName());
          for (Column c : schema.columns()) {
            Class<?> t = columns.get(c.name());
            assertEquals(declaredType(c), javaType(t), table + "." + c.name());
            if (t.isPrimitive()) {
              assertTrue(c.required(), table + "." + c.name() + " is primitive but nullable");
            } else if (t != String.class) {
              assertTrue(!c.required(), table + "." + c.name() + " is required: use a primitive");
            }
          }
        });
  }

  record Inner(Double value, Double lower, String nullReason) {}

  record Row(
      @Columns(prefix = "") RunColumns run,
      @Columns(prefix = "rate_", value = "rate_per_100000") Inner rate,
      @Columns(prefix = "share_") Inner share,
      long per100000,
      double differenceLowerPp) {}

  @Test
  void columnsAreSnakeCaseAndGroupsArePrefixed() {
    Map<String, Object> v =
        OutputColumns.values(
            new Row(new RunColumns("r", true), new Inner(1.0, 0.5, null), null, 3, 0.25));
    assertEquals(
        java.util.List.of(
            "run_id",
            "synthetic",
            "rate_per_100000",
            "rate_lower",
            "rate_null_reason",
            "share",
            "share_lower",
            "share_null_reason",
            "per_100000",
            "difference_lower_pp"),
        java.util.List.copyOf(v.keySet()));
    assertEquals(0.5, v.get("rate_lower"));
    assertEquals(null, v.get("share"), "a missing group writes nulls");
    assertEquals(3L, v.get("per_100000"));
  }

  record Ungrouped(Inner inner) {}

  @Test
  void aGroupWithoutColumnsAnnotationIsRefused() {
    assertThrows(IllegalStateException.class, () -> OutputColumns.types(Ungrouped.class));
  }
}
