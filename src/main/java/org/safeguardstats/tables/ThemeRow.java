package org.safeguardstats.tables;

import org.safeguardstats.schema.Columns;

/** A row of {@code themes} (data-schemas/outputs/themes.schema.json). */
public record ThemeRow(
    @Columns(prefix = "") RunColumns run,
    @Columns(prefix = "") PeriodColumns period,
    String reviewType,
    String theme,
    Long count,
    Long recordedTotal,
    Long total,
    @Columns(prefix = "share_") LimitColumns share,
    Integer rank,
    boolean lowReliability,
    boolean partialYear,
    String nullReason,
    double confidenceLevel) {}
