package org.safeguardstats.opendata;

/**
 * One problem the checker found: the rule, how bad, and where (file, row, column; row and column
 * are null when the finding is about the whole file or column). Rows count as a spreadsheet shows
 * them: the header is row 1, the first data row is row 2.
 */
public record Finding(
    EesRule rule, Severity severity, String file, Integer row, String column, String message) {

  /** An error stops a file being published (the screener's FAIL); a warning does not. */
  public enum Severity {
    ERROR,
    WARNING
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  @Override
  public String toString() {
    StringBuilder where = new StringBuilder(file);
    if (row != null) {
      where.append(" row ").append(row);
    }
    if (column != null) {
      where.append(row != null ? ", column " : " column ").append(column);
    }
    return severity + " " + rule.id() + ": " + where + ": " + message;
  }
}
