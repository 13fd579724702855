package org.safeguardstats.opendata;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.safeguardstats.schema.CodeLists;

/**
 * What the checker compares files with, all read from {@code data-schemas/code-lists/}: the {@code
 * ees_*.csv} lists (symbols, units, required columns, time identifiers, geographic levels,
 * locations, harmonised names and values), the local authorities and the ethnicity groups.
 */
final class EesReference {
  /** A geographic level, its columns, and the levels whose rows may fill those columns. */
  record Level(
      String name,
      String codeField,
      String nameField,
      String secondaryField,
      Set<String> filledAt) {
    List<String> columns() {
      List<String> c = new ArrayList<>();
      for (String f : new String[] {codeField, nameField, secondaryField}) {
        if (!f.isEmpty()) {
          c.add(f);
        }
      }
      return c;
    }

    boolean mayBeFilledAt(String level) {
      return filledAt.contains("*") || filledAt.contains(level);
    }
  }

  /** A time identifier, its family (identifiers that may share a file) and period digits. */
  record TimeIdentifier(String name, String family, int digits) {}

  private final Map<String, List<String>> values = new LinkedHashMap<>();
  final Map<String, Level> levels = new LinkedHashMap<>();
  final Map<String, TimeIdentifier> timeIdentifiers = new LinkedHashMap<>();
  final Set<List<String>> countries = new LinkedHashSet<>();
  final Set<List<String>> regions = new LinkedHashSet<>();
  final Set<List<String>> localAuthorities = new LinkedHashSet<>();
  final Map<String, Set<String>> harmonisedColumns = new LinkedHashMap<>();
  final Set<String> ethnicityMajor = new LinkedHashSet<>();

  EesReference() {
    for (Map<String, String> r : CodeLists.rows("ees_values.csv")) {
      values.computeIfAbsent(r.get("list"), k -> new ArrayList<>()).add(r.get("value"));
    }
    for (Map<String, String> r : CodeLists.rows("ees_geographic_levels.csv")) {
      String level = r.get("geographic_level");
      levels.put(
          level,
          new Level(
              level,
              r.get("code_field"),
              r.get("name_field"),
              r.get("code_field_secondary"),
              Set.of(r.get("filled_at").split(";"))));
    }
    for (Map<String, String> r : CodeLists.rows("ees_time_identifiers.csv")) {
      String id = r.get("time_identifier");
      timeIdentifiers.put(
          id, new TimeIdentifier(id, r.get("family"), Integer.parseInt(r.get("digits"))));
    }
    List<List<String>> anyLevel = new ArrayList<>();
    for (Map<String, String> r : CodeLists.rows("ees_locations.csv")) {
      List<String> pair = List.of(r.get("code"), r.get("name"));
      switch (r.get("geographic_level")) {
        case "National" -> countries.add(pair);
        case "Regional" -> regions.add(pair);
        default -> anyLevel.add(pair);
      }
    }
    for (Map<String, String> r : CodeLists.rows("local_authorities.csv")) {
      regions.add(List.of(r.get("region_code"), r.get("region_name")));
      localAuthorities.add(List.of(r.get("old_la_code"), r.get("la_code"), r.get("la_name")));
    }
    countries.addAll(anyLevel);
    regions.addAll(anyLevel);
    // A local authority row outside England: every old_la_code is then z too (the screener's way).
    anyLevel.forEach(p -> localAuthorities.add(List.of("z", p.get(0), p.get(1))));
    for (Map<String, String> r : CodeLists.rows("ees_harmonised_columns.csv")) {
      harmonisedColumns
          .computeIfAbsent(r.get("search_string"), k -> new LinkedHashSet<>())
          .add(r.get("col_name"));
    }
    CodeLists.rows("ethnicity.csv").forEach(r -> ethnicityMajor.add(r.get("major_label")));
    ethnicityMajor.addAll(values("harmonised_ethnicity_major"));
  }

  /** The values of one list of {@code ees_values.csv}, in order. */
  List<String> values(String list) {
    List<String> v = values.get(list);
    if (v == null) {
      throw new IllegalStateException("ees_values.csv has no list " + list);
    }
    return v;
  }

  /** Time, level and geography columns: the observational units, never filters. */
  Set<String> observationalUnits() {
    Set<String> units = new LinkedHashSet<>(List.of("time_period", "time_identifier"));
    units.add("geographic_level");
    levels.values().forEach(l -> units.addAll(l.columns()));
    return units;
  }

  /** True when a filter's name looks like a geography column (the screener's pattern). */
  boolean looksLikeGeography(String column) {
    String c = column.toLowerCase(java.util.Locale.ROOT);
    if (values("geography_name").contains(c)) {
      return true;
    }
    for (String prefix : values("geography_prefix")) {
      for (String suffix : values("geography_suffix")) {
        if (c.length() >= prefix.length() + suffix.length()
            && c.startsWith(prefix)
            && c.endsWith(suffix)) {
          return true;
        }
      }
    }
    return false;
  }
}
