package org.safeguardstats.tables;

import org.safeguardstats.schema.Columns;

/** A row of {@code trend} (data-schemas/outputs/trend.schema.json). */
public record TrendRow(
    @Columns(prefix = "") RunColumns run,
    String period,
    int firstYear,
    int lastYear,
    String measure,
    String characteristic,
    String category,
    String exposure,
    int years,
    String counts,
    boolean partialYear,
    Double slope,
    Double slopeStandardError,
    Double annualPercentChange,
    Double annualPercentChangeLower,
    Double annualPercentChangeUpper,
    Double pValue,
    Integer familySize,
    Double qValue,
    Double dispersion,
    String method,
    String nullReason,
    boolean lowReliability,
    double confidenceLevel) {
  /** The same row with its family's size and its Benjamini-Hochberg q-value. */
  public TrendRow inFamily(int size, Double q) {
    return new TrendRow(
        run,
        period,
        firstYear,
        lastYear,
        measure,
        characteristic,
        category,
        exposure,
        years,
        counts,
        partialYear,
        slope,
        slopeStandardError,
        annualPercentChange,
        annualPercentChangeLower,
        annualPercentChangeUpper,
        pValue,
        size,
        q,
        dispersion,
        method,
        nullReason,
        lowReliability,
        confidenceLevel);
  }
}
