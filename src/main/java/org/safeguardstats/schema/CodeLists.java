package org.safeguardstats.schema;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The code lists in {@code data-schemas/code-lists/}, read from the classpath: CSV with a header; a
 * cell holding a comma is quoted (e.g. "Bristol, City of").
 */
public final class CodeLists {
  private CodeLists() {}

  /** Rows of a code list as ordered maps from header to cell. */
  public static List<Map<String, String>> rows(String file) {
    String resource = "data-schemas/code-lists/" + file;
    try (InputStream in = CodeLists.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Code list " + resource + " is not on the classpath");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<String> header = cells(r.readLine());
      List<Map<String, String>> rows = new ArrayList<>();
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        List<String> cells = cells(line);
        if (cells.size() != header.size()) {
          throw new IllegalStateException(
              resource + ": a row has " + cells.size() + " cells, the header " + header.size());
        }
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
          row.put(header.get(i), cells.get(i));
        }
        rows.add(row);
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read code list " + resource, e);
    }
  }

  /** One CSV line's cells; quotes group a cell and a doubled quote is a literal one. */
  public static List<String> cells(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (ch == '"' && quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
        cell.append('"');
        i++;
      } else if (ch == '"') {
        quoted = !quoted;
      } else if (ch == ',' && !quoted) {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(ch);
      }
    }
    cells.add(cell.toString());
    return cells;
  }

  /** The codes: the {@code code} column, or the first column when there is none. */
  public static List<String> codes(String file) {
    return rows(file).stream()
        .map(r -> r.containsKey("code") ? r.get("code") : r.values().iterator().next())
        .distinct()
        .toList();
  }

  /** Minor ethnicity code to GSS major group code (white, mixed, asian, black, other, unknown). */
  public static Map<String, String> ethnicityMajorGroup() {
    Map<String, String> m = new LinkedHashMap<>();
    rows("ethnicity.csv").forEach(r -> m.put(r.get("code"), r.get("major_group")));
    return m;
  }

  /** Age bands of one scheme ({@code panel} or {@code dfe}), in order. */
  public static List<AgeBand> ageBands(String scheme) {
    return rows("age_bands.csv").stream()
        .filter(r -> r.get("scheme").equals(scheme))
        .map(
            r ->
                new AgeBand(
                    r.get("code"),
                    r.get("label"),
                    r.get("group_label"),
                    r.get("min_age").isEmpty() ? null : Integer.valueOf(r.get("min_age")),
                    r.get("max_age").isEmpty() ? null : Integer.valueOf(r.get("max_age"))))
        .toList();
  }

  /**
   * An age band; its group label names the children in it as a sentence does ("children aged 1 to
   * 5"); min and max are null for the not-recorded band.
   */
  public record AgeBand(
      String code, String label, String groupLabel, Integer minAge, Integer maxAge) {
    public boolean contains(int age) {
      return minAge != null && age >= minAge && age <= maxAge;
    }
  }
}
