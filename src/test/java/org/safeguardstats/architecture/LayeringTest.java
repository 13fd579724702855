package org.safeguardstats.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.safeguardstats.testing.Fixtures;

/**
 * Dependencies run one way: job → report → analysis → counts → (validation, opendata) → (io,
 * tables) → (stats, schema, config). A package imports only packages below it; no analysis uses
 * another.
 */
class LayeringTest {
  static final Map<String, Integer> LEVEL =
      Map.ofEntries(
          Map.entry("job", 7),
          Map.entry("sample", 7),
          Map.entry("report", 6),
          Map.entry("analysis", 5),
          Map.entry("input", 5),
          Map.entry("counts", 4),
          Map.entry("validation", 3),
          Map.entry("opendata", 3),
          Map.entry("disclosure", 5),
          Map.entry("io", 2),
          Map.entry("tables", 2),
          Map.entry("stats", 1),
          Map.entry("schema", 1),
          Map.entry("config", 1));

  static final Pattern USE = Pattern.compile("org\\.safeguardstats\\.([a-z]+)\\.");

  static List<Path> sources() throws IOException {
    try (Stream<Path> s = Files.walk(Fixtures.file("src/main/java/org/safeguardstats"))) {
      return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
  }

  @Test
  void everyPackageImportsOnlyPackagesBelowIt() throws IOException {
    List<String> wrong = new ArrayList<>();
    List<Path> files = sources();
    assertTrue(files.size() > 40, "sources found: " + files.size());
    for (Path f : files) {
      String pkg = f.getParent().getFileName().toString();
      Integer level = LEVEL.get(pkg);
      if (level == null) {
        wrong.add(f + ": package " + pkg + " has no place in the layering");
        continue;
      }
      Matcher m = USE.matcher(Files.readString(f));
      while (m.find()) {
        String used = m.group(1);
        if (!used.equals(pkg) && LEVEL.getOrDefault(used, 99) >= level) {
          wrong.add(Fixtures.project().relativize(f) + " uses " + used);
        }
      }
    }
    assertEquals(List.of(), wrong.stream().distinct().toList());
  }

  @Test
  void noAnalysisUsesAnother() throws IOException {
    List<String> wrong = new ArrayList<>();
    for (Path f : sources()) {
      String name = f.getFileName().toString().replace(".java", "");
      if (!name.endsWith("Analysis")) {
        continue;
      }
      Matcher m = Pattern.compile("\\b([A-Z][A-Za-z]*Analysis)\\b").matcher(Files.readString(f));
      while (m.find()) {
        if (!m.group(1).equals(name)) {
          wrong.add(name + " uses " + m.group(1));
        }
      }
    }
    assertEquals(List.of(), wrong.stream().distinct().toList());
  }
}
