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
    Double dispersion,
    String method,
    String nullReason,
    boolean lowReliability,
    double confidenceLevel) {}
