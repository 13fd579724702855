package org.safeguardstats.tables;

import org.safeguardstats.schema.Columns;

/** A row of {@code representation} (data-schemas/outputs/representation.schema.json). */
public record RepresentationRow(
    @Columns(prefix = "") RunColumns run,
    @Columns(prefix = "") PeriodColumns period,
    String characteristic,
    String category,
    String standardisation,
    Long observed,
    Long recordedTotal,
    Long notRecorded,
    @Columns(prefix = "share_") EstimateColumns share,
    Double designEffect,
    Long population,
    Long populationTotal,
    Double populationShare,
    Double expected,
    @Columns(prefix = "ratio_") EstimateColumns ratio,
    String representation,
    Double pValue,
    Integer familySize,
    Double qValue,
    String populationSource,
    boolean lowReliability,
    boolean partialYear,
    double confidenceLevel) {
  /** The same row with its family's size and its Benjamini-Hochberg q-value. */
  public RepresentationRow inFamily(int size, Double q) {
    return new RepresentationRow(
        run,
        period,
        characteristic,
        category,
        standardisation,
        observed,
        recordedTotal,
        notRecorded,
        share,
        designEffect,
        population,
        populationTotal,
        populationShare,
        expected,
        ratio,
        representation,
        pValue,
        size,
        q,
        populationSource,
        lowReliability,
        partialYear,
        confidenceLevel);
  }
}
