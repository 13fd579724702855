package org.safeguardstats.opendata;

import com.univocity.parsers.common.TextParsingException;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A CSV file as the checker reads it: every cell text, as written (no trimming, a blank cell is
 * {@code ""}), RFC 4180 by univocity-parsers. Data row {@code i} (from 0) is row {@code i + 2} of
 * the file, the header being row 1; blank lines are skipped.
 */
record EesTable(String file, List<String> header, List<String[]> rows) {

  /** Thrown when a file cannot be read as CSV; the message says why. */
  static final class Unreadable extends Exception {
    final Integer row;

    Unreadable(String message, Integer row) {
      super(message);
      this.row = row;
    }
  }

  static EesTable read(Path path) throws Unreadable {
    String text;
    try {
      byte[] bytes = Files.readAllBytes(path);
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw new Unreadable("not UTF-8 text", null);
    } catch (IOException e) {
      throw new Unreadable("cannot be read: " + e.getMessage(), null);
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1); // a byte order mark, as Excel writes it
    }
    List<String[]> records;
    try {
      records = parser().parseAll(new StringReader(text));
    } catch (TextParsingException e) {
      throw new Unreadable("not CSV: " + e.getMessage(), null);
    }
    if (records.isEmpty()) {
      throw new Unreadable("empty: no header", null);
    }
    List<String> header = List.of(records.get(0));
    Set<String> seen = new LinkedHashSet<>();
    for (String column : header) {
      if (!seen.add(column)) {
        throw new Unreadable("the header names column '" + column + "' twice", 1);
      }
    }
    List<String[]> rows = new ArrayList<>(records.subList(1, records.size()));
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).length != header.size()) {
        throw new Unreadable(
            "has "
                + rows.get(i).length
                + " cells where the header has "
                + header.size()
                + " (a stray comma or a different separator?)",
            i + 2);
      }
    }
    return new EesTable(path.toString(), header, rows);
  }

  private static CsvParser parser() {
    CsvParserSettings s = new CsvParserSettings();
    s.getFormat().setDelimiter(',');
    s.getFormat().setQuote('"');
    s.getFormat().setQuoteEscape('"');
    s.getFormat().setComment('\0'); // no comment lines in CSV
    s.setLineSeparatorDetectionEnabled(true);
    s.setIgnoreLeadingWhitespaces(false);
    s.setIgnoreTrailingWhitespaces(false);
    s.setIgnoreLeadingWhitespacesInQuotes(false);
    s.setIgnoreTrailingWhitespacesInQuotes(false);
    s.setSkipEmptyLines(true);
    s.setMaxCharsPerColumn(-1);
    s.setMaxColumns(20480);
    s.setNullValue("");
    s.setEmptyValue("");
    s.setReadInputOnSeparateThread(false);
    return new CsvParser(s);
  }

  boolean has(String column) {
    return header.contains(column);
  }

  /** The cell of a column in a row; {@code ""} when the file has no such column. */
  String cell(String[] row, String column) {
    int i = header.indexOf(column);
    return i < 0 ? "" : row[i];
  }

  /** A column's distinct values in order of appearance. */
  Set<String> distinct(String column) {
    Set<String> values = new LinkedHashSet<>();
    int i = header.indexOf(column);
    if (i >= 0) {
      rows.forEach(r -> values.add(r[i]));
    }
    return values;
  }

  /** The file row number of data row {@code i}. */
  static int rowNumber(int i) {
    return i + 2;
  }
}
