package org.safeguardstats.opendata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.safeguardstats.opendata.Finding.Severity;
import org.safeguardstats.testing.Fixtures;

/**
 * Every rule against its two hand-written fixtures, {@code src/test/resources/opendata/<rule
 * id>/pass/} and {@code .../fail/}: each a data file and (but for filenames_match's) its metadata
 * file, the smallest change from a passing file that breaks the rule. The expected outcome is the
 * rule's definition (docs/open-data.md, after DfE's screener), not a run of the checker.
 */
class EesCheckerTest {
  static final Path FIXTURES = Fixtures.file("src/test/resources/opendata");

  /** The filter item limit is 25,000; its fixtures hold 3 and 4 values, checked at a limit of 3. */
  static EesChecker checker(EesRule rule) {
    return rule == EesRule.FILTER_ITEM_LIMIT ? new EesChecker(3) : new EesChecker();
  }

  static Path dataFile(EesRule rule, String kind) throws IOException {
    try (Stream<Path> s = Files.list(FIXTURES.resolve(rule.id()).resolve(kind))) {
      List<Path> data =
          s.filter(p -> !p.getFileName().toString().contains(".meta.")).sorted().toList();
      assertEquals(1, data.size(), rule.id() + "/" + kind + " holds one data file: " + data);
      return data.get(0);
    }
  }

  @ParameterizedTest
  @EnumSource(EesRule.class)
  void passingFixtureHasNoFindings(EesRule rule) throws IOException {
    assertEquals(List.of(), checker(rule).check(dataFile(rule, "pass")));
  }

  @ParameterizedTest
  @EnumSource(EesRule.class)
  void failingFixtureFailsThatRuleAndNoOther(EesRule rule) throws IOException {
    List<Finding> findings = checker(rule).check(dataFile(rule, "fail"));
    assertTrue(
        findings.stream().anyMatch(f -> f.rule() == rule && f.severity() == rule.severity()),
        rule.id() + " should report a " + rule.severity() + ": " + findings);
    List<Finding> otherErrors =
        findings.stream().filter(f -> f.isError() && f.rule() != rule).toList();
    assertEquals(List.of(), otherErrors, rule.id());
  }

  @Test
  void everyFixtureFolderIsARule() throws IOException {
    Set<String> ids = Arrays.stream(EesRule.values()).map(EesRule::id).collect(Collectors.toSet());
    try (Stream<Path> s = Files.list(FIXTURES)) {
      Set<String> folders =
          s.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
      assertEquals(new TreeSet<>(ids), folders);
    }
  }

  @Test
  void aRealisticNationalFilePasses() {
    // Two reporting years, sex x major ethnic group with every Total, c for suppressed cells.
    Path f = Fixtures.file("src/test/resources/opendata-examples/children_by_sex_ethnicity.csv");
    assertEquals(List.of(), new EesChecker().check(f));
  }

  @Test
  void findingsNameTheFileRowAndColumn() throws IOException {
    Path f = dataFile(EesRule.FILTER_BLANKS, "fail");
    Finding blank = new EesChecker().check(f).get(0);
    // Row 4 of the file (the header is row 1): the third data row, Female's, left blank.
    assertEquals(f.toString(), blank.file());
    assertEquals(4, blank.row());
    assertEquals("sex", blank.column());
    assertTrue(blank.toString().startsWith("ERROR filter_blanks: " + f + " row 4, column sex: "));
  }

  @Test
  void legacyNoDataSymbolsWarn(@TempDir Path dir) throws IOException {
    List<String> meta =
        Fixtures.resourceLines("/opendata/general_null/pass/children_by_sex.meta.csv");
    for (String symbol : List.of("N/A", "..", ".", "-")) {
      Path sub = dir.resolve("s" + symbol.length() + symbol.hashCode());
      Fixtures.write(sub, "children_by_sex.meta.csv", meta);
      Path data =
          Fixtures.write(
              sub,
              "children_by_sex.csv",
              List.of(
                  "time_period,time_identifier,geographic_level,country_code,country_name,sex,number_children",
                  "2024,Reporting year,National,E92000001,England,Total,10",
                  "2024,Reporting year,National,E92000001,England,Male," + symbol,
                  "2024,Reporting year,National,E92000001,England,Female,4"));
      List<Finding> findings = new EesChecker().check(data);
      assertEquals(1, findings.size(), symbol + ": " + findings);
      assertEquals(EesRule.GENERAL_NULL, findings.get(0).rule());
      assertEquals(Severity.WARNING, findings.get(0).severity());
      assertEquals(3, findings.get(0).row());
    }
  }

  @Test
  void sixDigitPeriodsAreConsecutiveYears() {
    assertTrue(EesChecker.consecutive("202324"));
    assertTrue(EesChecker.consecutive("199900"));
    assertFalse(EesChecker.consecutive("202325"));
    assertFalse(EesChecker.consecutive("202423"));
  }

  @Test
  void docsListEveryRule() throws IOException {
    String doc = Files.readString(Fixtures.file("docs/open-data.md"));
    for (EesRule r : EesRule.values()) {
      assertTrue(doc.contains("`" + r.id() + "`"), "docs/open-data.md does not list " + r.id());
      if (r.screenerCheck() != null) {
        assertTrue(doc.contains(r.screenerCheck()), "docs/open-data.md: " + r.screenerCheck());
      }
    }
  }

  @Test
  void filesWrittenThroughCsvOutputHaveNoUnsafeCells(@TempDir Path dir) throws IOException {
    // The unsafe_cell fixture's formula label, written by the job's CSV writer, is neutralised.
    Path meta = dataFile(EesRule.UNSAFE_CELL, "fail").resolveSibling("children_by_sex.meta.csv");
    List<String> header = List.of(Files.readAllLines(meta).get(0).split(","));
    Files.writeString(
        dir.resolve("children_by_sex.meta.csv"),
        org.safeguardstats.io.CsvOutput.text(
            header,
            List.of(
                List.of("sex", "Filter", "Sex", "", "", "", "", ""),
                List.of(
                    "number_children",
                    "Indicator",
                    "=HYPERLINK(\"http://example.com\")",
                    "",
                    "",
                    "0",
                    "",
                    ""))));
    Path data = dir.resolve("children_by_sex.csv");
    Files.copy(dataFile(EesRule.UNSAFE_CELL, "fail"), data);
    assertEquals(List.of(), new EesChecker().check(data));
    assertFalse(new EesChecker().check(dataFile(EesRule.UNSAFE_CELL, "fail")).isEmpty());
  }

  @Test
  void dfesOwnNationalFilePasses(@TempDir Path dir) throws IOException {
    // DfE's published national figures by nature (data/published/, real), with a metadata file:
    // as published they pass; the source_url column this project adds is reported as undescribed.
    List<String> lines =
        Files.readAllLines(Fixtures.file("data/published/sin_national_by_nature.csv"));
    List<String> meta =
        List.of(
            "col_name,col_type,label,indicator_grouping,indicator_unit,indicator_dp,filter_hint,filter_grouping_column",
            "nature_of_notification,Filter,Nature of notification,,,,,",
            "number_notifications,Indicator,Number of notifications,,,0,,");
    Fixtures.write(dir, "sin_national_by_nature.meta.csv", meta);
    List<Finding> withSource =
        new EesChecker().check(Fixtures.write(dir, "sin_national_by_nature.csv", lines));
    assertEquals(1, withSource.size(), withSource.toString());
    assertEquals(EesRule.CROSS_DATA_TO_META, withSource.get(0).rule());
    assertEquals("source_url", withSource.get(0).column());
    List<String> published = lines.stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList();
    assertEquals(
        List.of(),
        new EesChecker().check(Fixtures.write(dir, "sin_national_by_nature.csv", published)));
  }

  @Test
  void windowsLineEndsReadAsUnixOnes(@TempDir Path dir) throws IOException {
    // Excel saves CSV with CRLF line ends: the realistic file must still pass, cell for cell.
    Path examples = Fixtures.file("src/test/resources/opendata-examples");
    for (String name :
        List.of("children_by_sex_ethnicity.csv", "children_by_sex_ethnicity.meta.csv")) {
      String text = Files.readString(examples.resolve(name));
      Files.writeString(dir.resolve(name), text.replace("\n", "\r\n"));
    }
    assertEquals(List.of(), new EesChecker().check(dir.resolve("children_by_sex_ethnicity.csv")));
  }

  @Test
  void aSchoolNameMayBeTheOneFilter(@TempDir Path dir) {
    // The screener's exception: school-level files may use school_name as their only filter, so
    // its Total on the national row is neither a geography total nor an overcompleted column.
    Fixtures.write(
        dir,
        "children_by_school.meta.csv",
        List.of(
            "col_name,col_type,label,indicator_grouping,indicator_unit,indicator_dp,filter_hint,filter_grouping_column",
            "school_name,Filter,School,,,,,",
            "number_children,Indicator,Number of children,,,0,,"));
    String h = "2024,Reporting year,";
    Path data =
        Fixtures.write(
            dir,
            "children_by_school.csv",
            List.of(
                "time_period,time_identifier,geographic_level,country_code,country_name,school_urn,school_laestab,school_name,number_children",
                h + "National,E92000001,England,,,Total,10",
                h
                    + "School,E92000001,England,100000,2013614,Sir John Cass's Foundation Primary School,6",
                h + "School,E92000001,England,100001,2013615,City of London School for Girls,4"));
    assertEquals(List.of(), new EesChecker().check(data));
  }
}
