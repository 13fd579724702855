package org.safeguardstats.analysis;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.safeguardstats.counts.CountTable;
import org.safeguardstats.counts.Margin;
import org.safeguardstats.schema.CodeLists;
import org.safeguardstats.testing.Fixtures;

/**
 * The count table of {@code src/test/resources/stats/prevalence_values.py}'s seeded incidents
 * (reporting years 2022 to 2024), cell by cell from its {@code prevalence_cells.csv}: counted by
 * the script from its incident list, by CountTable's rules, not by the project's code. The run has
 * 2021 too, with no records, and the pooled periods 2021 to 2024 and 2022 to 2024.
 */
final class PrevalenceFixture {
  static final RunContext RUN =
      new RunContext(
          "test", true, 2021, 2024, List.of(new int[] {2022, 2024}), List.of(0.95, 0.998));

  private PrevalenceFixture() {}

  static CountTable table(Set<Integer> completeYears) {
    List<Margin> margins = new ArrayList<>(CompletenessAnalysis.margins());
    margins.addAll(PrevalenceAnalysis.margins());
    Map<String, Margin> byName = new HashMap<>();
    margins.forEach(m -> byName.put(m.name(), m));
    CountTable.Builder b = CountTable.builder(margins).completeYears(completeYears);
    try {
      List<String> lines =
          Files.readAllLines(Fixtures.file("src/test/resources/stats/prevalence_cells.csv"));
      for (String line : lines.subList(1, lines.size())) {
        List<String> c = CodeLists.cells(line);
        Margin m = byName.get(c.get(0));
        if (m == null) {
          throw new IllegalStateException("No analysis declares the margin " + c.get(0));
        }
        b.add(
            m,
            Integer.parseInt(c.get(1)),
            c.get(2),
            c.get(3),
            c.get(4),
            new CountTable.Cell(
                Long.parseLong(c.get(5)),
                Long.parseLong(c.get(6)),
                Long.parseLong(c.get(7)),
                Long.parseLong(c.get(8))));
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return b.build();
  }

  static CountTable table() {
    return table(Set.of());
  }

  static void close(double expected, Double actual, String what) {
    org.junit.jupiter.api.Assertions.assertEquals(
        expected, actual, Math.abs(expected) * 1e-9, what);
  }
}
