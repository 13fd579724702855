package org.safeguardstats.sample;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.safeguardstats.schema.CodeLists;
import org.safeguardstats.schema.CodeLists.AgeBand;
import org.safeguardstats.schema.Column;
import org.safeguardstats.schema.DeclaredSchema;

/**
 * What the declared input schemas and code lists say the sample may hold: column order, the allowed
 * values of each incident column, and the codes it draws from. The generator names a code only
 * through {@link #code}, which fails when the schema or code list no longer has it.
 */
final class Vocabulary {

  /** Children are aged 0 to 17 (population schema); older ages are care leavers. */
  static final int OLDEST_CHILD_AGE = 17;

  final DeclaredSchema incident = DeclaredSchema.input("incident");
  final DeclaredSchema population = DeclaredSchema.input("population");
  final DeclaredSchema reviews = DeclaredSchema.input("reviews");

  /** Notifying local authorities, sorted, without those the calibration leaves out. */
  final List<String> laCodes;

  /** Minor ethnicity code to major group, in code-list order. */
  final Map<String, String> majorGroup = CodeLists.ethnicityMajorGroup();

  /** Major ethnic groups of the population baseline, in schema order. */
  final List<String> groups;

  /** Sexes of the population baseline (male, female), in schema order. */
  final List<String> sexes;

  final List<String> themes;

  /** Panel age bands, in code-list order (the order counts are allocated in). */
  final List<AgeBand> bands = CodeLists.ageBands("panel");

  Vocabulary() {
    laCodes =
        CodeLists.codes(incident.column("local_authority_code").orElseThrow().codeList()).stream()
            .filter(c -> !Calibration.LA_LEFT_OUT.contains(c))
            .sorted()
            .toList();
    if (laCodes.isEmpty()) {
      throw new IllegalStateException("no local authority codes in the code list");
    }
    // Population values that children's records can also take: drops `all`, `unknown` and
    // `not_recorded` without naming them.
    groups = common(population.column("ethnic_group"), List.copyOf(majorGroup.values()));
    sexes = common(population.column("sex"), allowed("sex"));
    themes = allowed("practice_themes");
    for (String code : Calibration.PUPILS_2021_22.keySet()) {
      code("ethnicity", code);
    }
  }

  /** The values an incident column allows: its enum, else the codes of its code list. */
  List<String> allowed(String column) {
    Column c =
        incident
            .column(column)
            .orElseThrow(() -> new IllegalStateException("no incident column " + column));
    if (!c.allowed().isEmpty()) {
      return c.allowed();
    }
    if (c.codeList() != null) {
      return CodeLists.codes(c.codeList());
    }
    throw new IllegalStateException("incident column " + column + " declares no values");
  }

  /** The value, once checked against what the incident column allows. */
  String code(String column, String value) {
    if (!allowed(column).contains(value)) {
      throw new IllegalStateException(
          "incident column " + column + " does not allow " + value + " (see data-schemas/)");
    }
    return value;
  }

  /** Child bands (0-17), in order. */
  List<AgeBand> childBands() {
    return bands.stream()
        .filter(b -> b.maxAge() != null && b.maxAge() <= OLDEST_CHILD_AGE)
        .toList();
  }

  /** The care-leaver band: the one above childhood. */
  AgeBand careLeaverBand() {
    return only(b -> b.minAge() != null && b.minAge() > OLDEST_CHILD_AGE);
  }

  /** The band of a missing age. */
  AgeBand notRecordedBand() {
    return only(b -> b.minAge() == null);
  }

  private AgeBand only(Predicate<AgeBand> p) {
    List<AgeBand> found = bands.stream().filter(p).toList();
    if (found.size() != 1) {
      throw new IllegalStateException("expected one such panel age band, found " + found);
    }
    return found.get(0);
  }

  /** Values of a population column that are also in {@code others}, in schema order. */
  private static List<String> common(Optional<Column> column, List<String> others) {
    List<String> out = new ArrayList<>();
    for (String v : column.orElseThrow().allowed()) {
      if (others.contains(v)) {
        out.add(v);
      }
    }
    return out;
  }

  /** Map from each listed code to its value, checked to cover exactly the given codes. */
  static <V> Map<String, V> covering(Map<String, V> byCode, List<String> codes, String what) {
    if (!byCode.keySet().equals(Set.copyOf(codes))) {
      throw new IllegalStateException(what + " given for " + byCode.keySet() + ", not " + codes);
    }
    Map<String, V> ordered = new LinkedHashMap<>();
    codes.forEach(c -> ordered.put(c, byCode.get(c)));
    return ordered;
  }
}
