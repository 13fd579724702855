package org.safeguardstats.schema;

import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * One declared column of an input or output table, as written in a {@code data-schemas/} JSON
 * Schema.
 *
 * @param name column name (snake_case)
 * @param type JSON Schema type: string, integer, number or boolean
 * @param format JSON Schema format: {@code date}, {@code int64} or null
 * @param required true when the column must be present and non-empty
 * @param allowed the enum values (nulls removed), or an empty list
 * @param codeList file name under {@code data-schemas/code-lists/} whose codes the column takes
 * @param separator for list-valued cells (e.g. practice themes), the separator; otherwise null
 * @param pattern a regular expression every non-empty value must match, or null
 * @param notRecorded values that mean "not recorded" besides {@code not_recorded} and an empty cell
 *     (the schema's {@code x-not-recorded}, e.g. {@code unknown} for a likely cause)
 */
public record Column(
    String name,
    String type,
    String format,
    boolean required,
    List<String> allowed,
    String codeList,
    String separator,
    Double minimum,
    Double maximum,
    String pattern,
    List<String> notRecorded) {

  /** A nullable text column that must match a pattern (e.g. a published count or its symbol). */
  public static Column text(String name, boolean required, String pattern) {
    return new Column(
        name, "string", null, required, List.of(), null, null, null, null, pattern, List.of());
  }

  public DataType sparkType() {
    switch (type) {
      case "string":
        return "date".equals(format) ? DataTypes.DateType : DataTypes.StringType;
      case "integer":
        return "int64".equals(format) ? DataTypes.LongType : DataTypes.IntegerType;
      case "number":
        return DataTypes.DoubleType;
      case "boolean":
        return DataTypes.BooleanType;
      case "array":
        return DataTypes.createArrayType(DataTypes.StringType);
      default:
        throw new IllegalStateException("Column " + name + " has unsupported type " + type);
    }
  }
}
