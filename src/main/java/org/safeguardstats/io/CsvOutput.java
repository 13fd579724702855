package org.safeguardstats.io;

import com.univocity.parsers.csv.CsvWriter;
import com.univocity.parsers.csv.CsvWriterSettings;
import java.io.StringWriter;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one way the job writes a CSV file: UTF-8, comma separated, {@code \n} line ends, quoting and
 * escaping by univocity-parsers (RFC 4180: a cell holding a comma, quote or line break is quoted, a
 * quote doubled), and no text cell that a spreadsheet would run as a formula.
 *
 * <p>A text cell that starts with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage
 * return and is not a number gets a leading apostrophe (OWASP's CSV injection guidance): Excel and
 * LibreOffice then show the text as written instead of evaluating it. Numbers such as {@code -5},
 * {@code -0.5} or {@code +1e3} are left alone. A null cell is written empty.
 */
public final class CsvOutput {
  private static final Pattern NUMBER =
      Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

  private CsvOutput() {}

  /**
   * The header and rows as CSV text, every cell made safe; the caller writes it where it belongs
   * (OutputWriter.writeFile puts a file in a tier).
   */
  public static String text(List<String> header, List<? extends List<?>> rows) {
    StringWriter out = new StringWriter();
    CsvWriter w = new CsvWriter(out, settings());
    w.writeRow(header.stream().map(CsvOutput::cell).toArray());
    for (List<?> row : rows) {
      if (row.size() != header.size()) {
        throw new IllegalArgumentException(
            "A CSV row has " + row.size() + " cells, its header " + header.size());
      }
      w.writeRow(row.stream().map(CsvOutput::cell).toArray());
    }
    w.flush();
    return out.toString();
  }

  /** True when a spreadsheet would treat the cell as a formula: a trigger first, not a number. */
  public static boolean startsFormula(String cell) {
    if (cell == null || cell.isEmpty()) {
      return false;
    }
    if (cell.equals("-") || cell.equals("+")) {
      // A lone sign is text to a spreadsheet, and "-" is a legacy no-data symbol of EES files.
      return false;
    }
    char first = cell.charAt(0);
    boolean trigger =
        first == '='
            || first == '+'
            || first == '-'
            || first == '@'
            || first == '\t'
            || first == '\r';
    return trigger && !NUMBER.matcher(cell).matches();
  }

  /** The cell as it is safe to write: a formula-like text gets a leading apostrophe. */
  public static String neutralise(String cell) {
    return startsFormula(cell) ? "'" + cell : cell;
  }

  private static String cell(Object value) {
    if (value == null) {
      return "";
    }
    return value instanceof String s ? neutralise(s) : String.valueOf(value);
  }

  private static CsvWriterSettings settings() {
    CsvWriterSettings s = new CsvWriterSettings();
    s.getFormat().setDelimiter(',');
    s.getFormat().setQuote('"');
    s.getFormat().setQuoteEscape('"');
    s.getFormat().setLineSeparator("\n");
    s.getFormat().setComment('\0'); // a cell starting with '#' is data, not a comment
    s.setIgnoreLeadingWhitespaces(false); // keep cells exactly as given
    s.setIgnoreTrailingWhitespaces(false);
    s.setNullValue("");
    s.setEmptyValue("");
    s.setQuoteEscapingEnabled(true); // a cell holding a quote is quoted, its quotes doubled
    s.setMaxColumns(CsvFields.MAX_COLUMNS);
    return s;
  }
}
