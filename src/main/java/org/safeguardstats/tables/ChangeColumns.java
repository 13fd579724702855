package org.safeguardstats.tables;

import org.safeguardstats.stats.YearOnYearChange;

/** A change on the previous year: ratio with limits, percentage change with limits, p-value. */
public record ChangeColumns(
    Double ratio,
    Double ratioLower,
    Double ratioUpper,
    Double percentChange,
    Double percentChangeLower,
    Double percentChangeUpper,
    Double pValue,
    String changeMethod,
    String changeNullReason) {

  /** The change, or (null change) every column null with the reason it is missing. */
  public static ChangeColumns of(YearOnYearChange.Result c, String missingReason) {
    if (c == null) {
      return new ChangeColumns(null, null, null, null, null, null, null, null, missingReason);
    }
    return new ChangeColumns(
        c.ratio(),
        c.ratioLower(),
        c.ratioUpper(),
        c.percentChange(),
        c.percentChangeLower(),
        c.percentChangeUpper(),
        c.pValue(),
        c.method(),
        c.nullReason());
  }
}
