package org.safeguardstats.tables;

import org.safeguardstats.schema.Columns;

/** A row of {@code share_changes} (data-schemas/outputs/share_changes.schema.json). */
public record ShareChangeRow(
    @Columns(prefix = "") RunColumns run,
    @Columns(prefix = "") PeriodColumns period,
    String previousPeriod,
    String universe,
    String characteristic,
    String category,
    Long previousCount,
    Long previousTotal,
    Long count,
    Long total,
    Double previousShare,
    Double share,
    Double previousDesignEffect,
    Double designEffect,
    Double differencePp,
    Double differenceLowerPp,
    Double differenceUpperPp,
    String method,
    boolean lowReliability,
    boolean partialYear,
    String nullReason,
    double confidenceLevel) {}
