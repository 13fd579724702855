package org.safeguardstats.tables;

import org.safeguardstats.schema.Columns;

/** A row of {@code relative_rates} (data-schemas/outputs/relative_rates.schema.json). */
public record RelativeRateRow(
    @Columns(prefix = "") RunColumns run,
    @Columns(prefix = "") PeriodColumns period,
    String characteristic,
    String category,
    String referenceCategory,
    Long count,
    Long population,
    Long referenceCount,
    Long referencePopulation,
    String populationYear,
    @Columns(prefix = "rate_", value = "rate_per_100000") LimitColumns rate,
    Double designEffect,
    Double referenceDesignEffect,
    @Columns(prefix = "relative_rate_") LimitColumns relativeRate,
    boolean lowReliability,
    boolean partialYear,
    String nullReason,
    String populationSource,
    double confidenceLevel) {}
