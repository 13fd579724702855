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
    String changeNullReason,
    Integer familySize,
    Double qValue) {

  /** The change, or (null change) every column null with the reason it is missing. */
  public static ChangeColumns of(YearOnYearChange.Result c, String missingReason) {
    if (c == null) {
      return new ChangeColumns(
          null, null, null, null, null, null, null, null, missingReason, null, null);
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
        c.nullReason(),
        null,
        null);
  }

  /** The same change with its family's size and its Benjamini-Hochberg q-value. */
  public ChangeColumns inFamily(int size, Double q) {
    return new ChangeColumns(
        ratio,
        ratioLower,
        ratioUpper,
        percentChange,
        percentChangeLower,
        percentChangeUpper,
        pValue,
        changeMethod,
        changeNullReason,
        size,
        q);
  }
}
