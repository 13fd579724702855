package org.safeguardstats.tables;

import org.safeguardstats.stats.TrendInProportions;

/**
 * A chi-square test for trend in proportions ({@link TrendInProportions}) on a row: across what,
 * its statistic, slope, design effect, p-value and method, and its Benjamini-Hochberg family.
 */
public record TrendTestColumns(
    String across,
    Double statistic,
    Integer degreesOfFreedom,
    Double slope,
    Double designEffect,
    Double pValue,
    String method,
    String family,
    Integer familySize,
    Double qValue,
    String nullReason) {

  /** The test's result within its family (size and q-value). */
  public static TrendTestColumns of(
      String across, TrendInProportions.Result r, String family, int familySize, Double qValue) {
    return new TrendTestColumns(
        across,
        r.statistic(),
        r.degreesOfFreedom(),
        r.slope(),
        r.designEffect(),
        r.pValue(),
        r.method(),
        family,
        familySize,
        qValue,
        r.nullReason());
  }

  /** A test that was not done for the reason given (e.g. {@code no_records}). */
  public static TrendTestColumns missing(String across, String family, String reason) {
    return new TrendTestColumns(
        across, null, null, null, null, null, null, family, null, null, reason);
  }

  /** No test on this row. */
  public static TrendTestColumns none() {
    return new TrendTestColumns(
        null, null, null, null, null, null, null, null, null, null, "not_applicable");
  }
}
