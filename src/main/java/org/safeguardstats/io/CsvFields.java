package org.safeguardstats.io;

import com.univocity.parsers.common.TextParsingException;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import com.univocity.parsers.csv.UnescapedQuoteHandling;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * One record's text and fields: strict UTF-8, then RFC 4180 by univocity-parsers (the parser of
 * Spark's own CSV source, on Spark's classpath). Values are kept as written (no trimming: the
 * validation trims), so rows read as Spark's reader read them.
 */
final class CsvFields {
  static final String NOT_UTF8 = "not UTF-8 text";
  static final int MAX_COLUMNS = 20480; // Spark's CSV default

  private final CsvParser parser;

  CsvFields() {
    CsvParserSettings s = new CsvParserSettings();
    s.getFormat().setDelimiter(',');
    s.getFormat().setQuote('"');
    s.getFormat().setQuoteEscape('"');
    s.getFormat().setCharToEscapeQuoteEscaping('\0');
    s.getFormat().setLineSeparator("\n");
    s.getFormat().setNormalizedNewline('\n');
    s.getFormat().setComment('\0'); // univocity skips lines starting with '#' by default
    s.setCommentProcessingEnabled(false);
    s.setNormalizeLineEndingsWithinQuotes(false);
    s.setIgnoreLeadingWhitespaces(false);
    s.setIgnoreTrailingWhitespaces(false);
    s.setIgnoreLeadingWhitespacesInQuotes(false);
    s.setIgnoreTrailingWhitespacesInQuotes(false);
    s.setLineSeparatorDetectionEnabled(false);
    s.setReadInputOnSeparateThread(false);
    s.setSkipEmptyLines(false);
    s.setMaxCharsPerColumn(-1);
    s.setMaxColumns(MAX_COLUMNS);
    s.setNullValue(null);
    s.setEmptyValue("");
    s.setUnescapedQuoteHandling(UnescapedQuoteHandling.STOP_AT_DELIMITER);
    parser = new CsvParser(s);
  }

  /** The bytes as text, or null when they are not valid UTF-8. */
  static String text(byte[] bytes, int length) {
    String t = new String(bytes, 0, length, StandardCharsets.UTF_8);
    if (t.indexOf('\uFFFD') < 0) {
      return t; // the fast path: no replacement, so the bytes were valid
    }
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, 0, length));
      return t; // a U+FFFD written in the file
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** The fields of one record's text; null when the parser cannot read it. */
  String[] fields(String record) {
    try {
      String[] f = parser.parseLine(record);
      return f == null ? new String[] {null} : f;
    } catch (TextParsingException e) {
      return null;
    }
  }
}
