package org.safeguardstats.tables;

import org.safeguardstats.schema.Columns;

/** A row of {@code prevalence} (data-schemas/outputs/prevalence.schema.json). */
public record PrevalenceRow(
    @Columns(prefix = "") RunColumns run,
    @Columns(prefix = "") PeriodColumns period,
    String measure,
    String label,
    String characteristic,
    String category,
    String subgroupCharacteristic,
    String subgroupCategory,
    Long count,
    Long recordedTotal,
    Long notRecorded,
    @Columns(prefix = "share_") LimitColumns share,
    Double designEffect,
    @Columns(prefix = "trend_") TrendTestColumns trend,
    boolean lowReliability,
    boolean partialYear,
    String nullReason,
    double confidenceLevel) {}
