package org.safeguardstats.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a spreadsheet would run as a formula is written with a leading apostrophe (OWASP's CSV
 * injection guidance); numbers, including negative ones, and every other text come back as given.
 */
class CsvOutputTest {
  static List<String[]> readBack(Path file) throws IOException {
    CsvParserSettings s = new CsvParserSettings();
    s.getFormat().setLineSeparator("\n");
    s.getFormat().setComment('\0');
    s.setIgnoreLeadingWhitespaces(false);
    s.setIgnoreTrailingWhitespaces(false);
    s.setIgnoreLeadingWhitespacesInQuotes(false);
    s.setIgnoreTrailingWhitespacesInQuotes(false);
    s.setNullValue("");
    s.setEmptyValue("");
    s.setNormalizeLineEndingsWithinQuotes(false);
    return new CsvParser(s)
        .parseAll(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
  }

  @Test
  void formulaTextIsNeutralisedAndNumbersAreNot(@TempDir Path dir) throws IOException {
    List<String> formulas =
        List.of("=1+2", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)", "\t=1", "\r=1", "=");
    List<String> kept =
        List.of(
            "-5", "-0.5", "+1e3", "12", ".5", "a,b", "say \"hi\"", " padded ", "#note", "x", "-");
    Path f = dir.resolve("cells.csv");
    Files.writeString(
        f,
        CsvOutput.text(
            List.of("kind", "cell"), formulas.stream().map(c -> List.of("formula", c)).toList()));
    List<String[]> rows = readBack(f);
    assertArrayEquals(new String[] {"kind", "cell"}, rows.get(0));
    for (int i = 0; i < formulas.size(); i++) {
      // Without the guard the cell would come back as written, and a spreadsheet would run it.
      assertEquals("'" + formulas.get(i), rows.get(i + 1)[1], "row " + i);
    }
    Path g = dir.resolve("kept.csv");
    Files.writeString(g, CsvOutput.text(List.of("cell"), kept.stream().map(List::of).toList()));
    List<String[]> back = readBack(g);
    for (int i = 0; i < kept.size(); i++) {
      assertEquals(kept.get(i), back.get(i + 1)[0], "row " + i);
    }
  }

  @Test
  void quotingIsTheLibrarys(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("q.csv");
    Files.writeString(
        f,
        CsvOutput.text(
            List.of("a", "b", "c", "d"),
            List.of(
                Arrays.asList("Bristol, City of", "say \"hi\"", null, -5),
                List.of("x", "", 0.5, 2))));
    assertEquals(
        "a,b,c,d\n\"Bristol, City of\",\"say \"\"hi\"\"\",,-5\nx,,0.5,2\n",
        Files.readString(f, StandardCharsets.UTF_8));
  }

  @Test
  void formulaStartsAreTextWithATrigger() {
    assertTrue(CsvOutput.startsFormula("=A1"));
    assertTrue(CsvOutput.startsFormula("-A1"));
    assertTrue(CsvOutput.startsFormula("@A1"));
    assertFalse(CsvOutput.startsFormula("-5"));
    assertFalse(CsvOutput.startsFormula("-0.5"));
    assertFalse(CsvOutput.startsFormula("+2.5E-3"));
    assertFalse(CsvOutput.startsFormula(""));
    assertFalse(CsvOutput.startsFormula(null));
    assertFalse(CsvOutput.startsFormula("a=b"));
    assertEquals("'=A1", CsvOutput.neutralise("=A1"));
    assertEquals("-5", CsvOutput.neutralise("-5"));
  }
}
