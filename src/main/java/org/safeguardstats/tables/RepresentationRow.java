package org.safeguardstats.tables;

import org.safeguardstats.schema.Columns;

/** A row of {@code representation} (data-schemas/outputs/representation.schema.json). */
public record RepresentationRow(
    @Columns(prefix = "") RunColumns run,
    @Columns(prefix = "") PeriodColumns period,
    String characteristic,
    String category,
    String standardisation,
    long observed,
    long recordedTotal,
    long notRecorded,
    @Columns(prefix = "share_") EstimateColumns share,
    Long population,
    Long populationTotal,
    Double populationShare,
    Double expected,
    @Columns(prefix = "ratio_") EstimateColumns ratio,
    String representation,
    String populationSource,
    boolean lowReliability,
    double confidenceLevel) {}
