package org.safeguardstats.tables;

import org.safeguardstats.schema.Columns;

/** A row of {@code completeness} (data-schemas/outputs/completeness.schema.json). */
public record CompletenessRow(
    @Columns(prefix = "") RunColumns run,
    @Columns(prefix = "") PeriodColumns period,
    String characteristic,
    Long total,
    Long recorded,
    Long notRecorded,
    String notRecordedCategories,
    @Columns(prefix = "not_recorded_share_", value = "not_recorded_share")
        LimitColumns notRecordedShare,
    Double designEffect,
    String previousPeriod,
    Double changePp,
    Double changeLowerPp,
    Double changeUpperPp,
    String changeMethod,
    String changeNullReason,
    @Columns(prefix = "trend_") TrendTestColumns trend,
    boolean lowReliability,
    boolean partialYear,
    String nullReason,
    double confidenceLevel) {}
