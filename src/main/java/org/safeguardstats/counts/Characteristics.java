package org.safeguardstats.counts;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.safeguardstats.schema.CodeLists;
import org.safeguardstats.schema.DeclaredSchema;
import org.safeguardstats.schema.Derived;
import org.safeguardstats.validation.InputValidation;

/**
 * Every countable characteristic of the incident schema ({@code
 * data-schemas/inputs/incident.schema.json}), read from it: each coded column (enum, code list,
 * boolean) and each derived value of its {@code x-derived} section. Categories, their order and
 * which mean "not recorded" all come from the schema and the code lists; nothing is retyped here.
 *
 * <p>An empty cell counts as {@code not_recorded}: both mean the value is not known, and neither is
 * in any share's denominator.
 */
public final class Characteristics {
  public static final String NOT_RECORDED = "not_recorded";

  /** Columns that identify or key a record rather than describe the child. */
  private static final List<String> NOT_CHARACTERISTICS =
      List.of("incident_id", "child_ref", "notification_date", "incident_type", "age_years");

  private static final DeclaredSchema INCIDENT = DeclaredSchema.input("incident");
  private static final Map<String, Characteristic> ALL = declare();

  private Characteristics() {}

  /** The characteristic of that name (a declared column or a derived value). */
  public static Characteristic of(String name) {
    Characteristic c = ALL.get(name);
    if (c == null) {
      throw new IllegalArgumentException(
          "No characteristic " + name + " in data-schemas/inputs/incident.schema.json");
    }
    return c;
  }

  /** Every characteristic, in schema order (declared columns, then derived values). */
  public static List<Characteristic> all() {
    return List.copyOf(ALL.values());
  }

  /** The incident types, in the schema's order. */
  public static List<String> incidentTypes() {
    return INCIDENT.column("incident_type").orElseThrow().allowed();
  }

  private static Map<String, Characteristic> declare() {
    Map<String, Characteristic> all = new LinkedHashMap<>();
    for (var c : INCIDENT.columns()) {
      boolean coded = !c.allowed().isEmpty() || c.codeList() != null || c.type().equals("boolean");
      if (!coded || NOT_CHARACTERISTICS.contains(c.name())) {
        continue;
      }
      List<String> categories =
          new ArrayList<>(
              c.type().equals("boolean")
                  ? List.of("true", "false")
                  : !c.allowed().isEmpty() ? c.allowed() : CodeLists.codes(c.codeList()));
      if (!c.required() && !categories.contains(NOT_RECORDED)) {
        categories.add(NOT_RECORDED);
      }
      Column value = col(c.name()).cast("string");
      Column values =
          c.separator() != null
              ? when(value.isNull(), array(lit(NOT_RECORDED)))
                  .otherwise(functions.split(value, Pattern.quote(c.separator())))
              : array(coalesce(value, lit(NOT_RECORDED)));
      all.put(
          c.name(),
          characteristic(c.name(), categories, c.notRecorded(), c.separator() != null, values));
    }
    for (Derived d : INCIDENT.derived()) {
      all.put(d.name(), d.bands() != null ? banded(d) : mapped(d));
    }
    return all;
  }

  /**
   * A whole-year age banded by a scheme of age_bands.csv (else the declared band, else not
   * recorded).
   */
  private static Characteristic banded(Derived d) {
    List<CodeLists.AgeBand> bands = CodeLists.ageBands(d.bands());
    Column band = InputValidation.ageBand(col(d.from()), d.bands());
    if (d.otherwise() != null) {
      band = coalesce(band, col(d.otherwise()));
    }
    List<String> categories = bands.stream().map(CodeLists.AgeBand::code).toList();
    return characteristic(
        d.name(), categories, d.notRecorded(), false, array(coalesce(band, lit(NOT_RECORDED))));
  }

  /** A code mapped through a code list (e.g. minor to major ethnic group). */
  private static Characteristic mapped(Derived d) {
    List<Column> pairs = new ArrayList<>();
    List<String> categories = new ArrayList<>();
    for (Map<String, String> row : CodeLists.rows(d.codeList())) {
      pairs.add(lit(row.get(d.key())));
      pairs.add(lit(row.get(d.value())));
      if (!categories.contains(row.get(d.value()))) {
        categories.add(row.get(d.value()));
      }
    }
    String missing = d.notRecorded().isEmpty() ? NOT_RECORDED : d.notRecorded().get(0);
    if (!categories.contains(missing)) {
      categories.add(missing);
    }
    Column value = functions.element_at(functions.map(pairs.toArray(new Column[0])), col(d.from()));
    return characteristic(
        d.name(), categories, d.notRecorded(), false, array(coalesce(value, lit(missing))));
  }

  private static Characteristic characteristic(
      String name,
      List<String> categories,
      List<String> extraNotRecorded,
      boolean multi,
      Column values) {
    List<String> notRecorded = new ArrayList<>(extraNotRecorded);
    if (categories.contains(NOT_RECORDED) && !notRecorded.contains(NOT_RECORDED)) {
      notRecorded.add(NOT_RECORDED);
    }
    // Publication order: recorded categories first, not-recorded ones last.
    List<String> ordered =
        new ArrayList<>(categories.stream().filter(c -> !notRecorded.contains(c)).toList());
    ordered.addAll(categories.stream().filter(notRecorded::contains).toList());
    return new Characteristic(name, List.copyOf(ordered), List.copyOf(notRecorded), multi, values);
  }
}
