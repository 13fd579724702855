package org.safeguardstats.tables;

import org.safeguardstats.schema.Columns;

/**
 * A row of {@code spotlights} (data-schemas/outputs/spotlights.schema.json): one share about a
 * spotlight group of the Panel's annual report (its size, its profile, or the report's ratio).
 */
public record SpotlightRow(
    @Columns(prefix = "") RunColumns run,
    @Columns(prefix = "") PeriodColumns period,
    String spotlight,
    String label,
    String measure,
    String unit,
    String incidentType,
    String characteristic,
    String category,
    String withinCharacteristic,
    String withinCategory,
    Long groupCount,
    Long count,
    Long denominator,
    @Columns(prefix = "share_") LimitColumns share,
    Double designEffect,
    boolean lowReliability,
    boolean partialYear,
    String nullReason,
    double confidenceLevel) {}
