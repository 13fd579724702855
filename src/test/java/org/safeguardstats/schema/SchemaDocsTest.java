package org.safeguardstats.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.safeguardstats.job.SafeguardStatsJob;
import org.safeguardstats.testing.Fixtures;

/** The declared schemas, their documentation and the code lists agree. */
class SchemaDocsTest {
  static final List<String> OUTPUTS = SafeguardStatsJob.TABLES;

  @Test
  void everyOutputColumnIsDocumentedInItsSection() throws Exception {
    String readme = Files.readString(Fixtures.file("data-schemas/README.md"));
    for (String table : OUTPUTS) {
      int start = readme.indexOf("### `" + table + "`");
      assertTrue(start >= 0, table + " has a section");
      int end = readme.indexOf("\n### ", start + 1);
      String section = readme.substring(start, end < 0 ? readme.length() : end);
      for (String column : DeclaredSchema.output(table).columnNames()) {
        assertTrue(section.contains("| `" + column + "` |"), table + "." + column + " documented");
      }
    }
  }

  @Test
  void aPublishedTableIsItsInternalColumnsWithoutTheRunIdThenTheSuppressionColumns()
      throws Exception {
    String readme = Files.readString(Fixtures.file("data-schemas/README.md"));
    int start = readme.indexOf("### Published tier");
    assertTrue(start >= 0, "the published tier has a section");
    String section = readme.substring(start, readme.indexOf("\n### ", start + 1));
    for (String table : OUTPUTS) {
      if (table.equals("quarantine")) {
        assertThrows(IllegalArgumentException.class, () -> DeclaredSchema.published(table));
        continue;
      }
      List<String> internal = DeclaredSchema.output(table).columnNames();
      List<String> expected = new ArrayList<>(internal.subList(1, internal.size()));
      assertEquals("run_id", internal.get(0), table);
      expected.addAll(List.of("suppressed", "suppression_reason"));
      DeclaredSchema published = DeclaredSchema.published(table);
      assertEquals(expected, published.columnNames(), table);
      assertTrue(published.column("suppressed").orElseThrow().required());
      assertFalse(published.column("suppression_reason").orElseThrow().required());
      assertEquals(DataTypes.BooleanType, published.sparkSchema().apply("suppressed").dataType());
      assertEquals(
          DataTypes.StringType, published.sparkSchema().apply("suppression_reason").dataType());
    }
    for (String column : List.of("suppressed", "suppression_reason")) {
      assertTrue(section.contains("| `" + column + "` |"), column + " documented");
    }
  }

  @Test
  void everyInputColumnIsDocumented() throws Exception {
    String readme = Files.readString(Fixtures.file("data-schemas/README.md"));
    for (String input : List.of("incident", "population", "reviews")) {
      for (String column : DeclaredSchema.input(input).columnNames()) {
        assertTrue(readme.contains("`" + column + "`"), input + "." + column + " documented");
      }
    }
  }

  @Test
  void columnNamesAreSnakeCaseAndTypesMapToSpark() {
    for (String table : OUTPUTS) {
      DeclaredSchema s = DeclaredSchema.output(table);
      s.columns().forEach(c -> assertTrue(c.name().matches("[a-z][a-z0-9_]*"), c.name()));
      assertEquals(s.columns().size(), s.sparkSchema().fields().length);
    }
  }

  @Test
  void codeListsParseWithOneCellPerColumn() throws Exception {
    try (Stream<Path> files = Files.list(Fixtures.file("data-schemas/code-lists"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".csv")).toList()) {
        List<String> lines = Files.readAllLines(f);
        int columns = CodeLists.cells(lines.get(0)).size();
        for (String line : lines) {
          assertEquals(columns, CodeLists.cells(line).size(), f + ": " + line);
        }
      }
    }
    assertEquals(
        List.of("E06000023", "Bristol, City of", "E12000009", "South West"),
        CodeLists.cells("E06000023,\"Bristol, City of\",E12000009,South West"));
    assertEquals(List.of("a \"b\"", ""), CodeLists.cells("\"a \"\"b\"\"\","));
    assertEquals(
        "South West",
        CodeLists.rows("local_authorities.csv").stream()
            .filter(r -> r.get("la_code").equals("E06000023"))
            .findFirst()
            .orElseThrow()
            .get("region_name"));
    List<String> panel = CodeLists.ageBands("panel").stream().map(CodeLists.AgeBand::code).toList();
    assertEquals(
        List.of("under_1", "1_to_5", "6_to_10", "11_to_15", "16_to_17", "18_to_25", "not_recorded"),
        panel);
    assertEquals(153, CodeLists.codes("local_authorities.csv").size());
    assertEquals("black", CodeLists.ethnicityMajorGroup().get("BAFR"));
  }
}
