package org.safeguardstats.validation;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.safeguardstats.schema.CodeLists;
import org.safeguardstats.schema.DeclaredSchema;

/**
 * The rules every declared schema implies, as Spark column expressions over the string-typed input:
 * required values present, types parse, values within range, codes known. Each rule yields its
 * reason (a sentence naming the field, never the value) or null.
 */
public final class Rules {
  private Rules() {}

  /** A rule: when {@code broken} is true the row gets {@code reason}. */
  public static Column rule(Column broken, String reason) {
    return when(broken, lit(reason));
  }

  public static List<Column> fromSchema(DeclaredSchema schema) {
    List<Column> rules = new ArrayList<>();
    for (var c : schema.columns()) {
      Column v = col(c.name());
      String f = c.name() + ": ";
      if (c.required()) {
        rules.add(rule(v.isNull(), f + "required value missing"));
      }
      switch (c.type()) {
        case "integer" -> {
          rules.add(
              rule(v.isNotNull().and(not(v.rlike("^-?[0-9]{1,18}$"))), f + "not a whole number"));
          Column n = v.cast("long");
          if (c.minimum() != null) {
            rules.add(rule(n.lt(c.minimum()), f + "below the minimum " + fmt(c.minimum())));
          }
          if (c.maximum() != null) {
            rules.add(rule(n.gt(c.maximum()), f + "above the maximum " + fmt(c.maximum())));
          }
        }
        case "number" ->
            rules.add(rule(v.isNotNull().and(v.cast("double").isNull()), f + "not a number"));
        case "boolean" ->
            rules.add(
                rule(
                    v.isNotNull().and(not(functions.lower(v).isin("true", "false"))),
                    f + "not true or false"));
        case "string" -> {
          if ("date".equals(c.format())) {
            rules.add(
                rule(
                    v.isNotNull()
                        .and(
                            not(v.rlike("^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))
                                .or(functions.to_date(v, "yyyy-MM-dd").isNull())),
                    f + "not a date (yyyy-MM-dd)"));
          }
        }
        default -> {}
      }
      if (c.pattern() != null) {
        rules.add(
            rule(
                v.isNotNull().and(not(v.rlike(c.pattern()))), f + "does not match " + c.pattern()));
      }
      if (!c.allowed().isEmpty()) {
        rules.add(
            rule(
                v.isNotNull().and(not(v.isin(c.allowed().toArray()))),
                f + "not one of " + String.join(", ", c.allowed())));
      }
      if (c.codeList() != null) {
        Object[] codes = CodeLists.codes(c.codeList()).toArray();
        String reason = f + "unknown code (see data-schemas/code-lists/" + c.codeList() + ")";
        if (c.separator() != null) {
          Column items = functions.split(v, java.util.regex.Pattern.quote(c.separator()));
          rules.add(
              rule(v.isNotNull().and(functions.exists(items, x -> not(x.isin(codes)))), reason));
        } else {
          rules.add(rule(v.isNotNull().and(not(v.isin(codes))), reason));
        }
      }
    }
    return rules;
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }
}
