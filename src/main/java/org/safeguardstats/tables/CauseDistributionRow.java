package org.safeguardstats.tables;

import org.safeguardstats.schema.Columns;

/** A row of {@code cause_distribution} (data-schemas/outputs/cause_distribution.schema.json). */
public record CauseDistributionRow(
    @Columns(prefix = "") RunColumns run,
    @Columns(prefix = "") PeriodColumns period,
    String incidentType,
    String characteristic,
    String category,
    Long count,
    Long recordedTotal,
    Long total,
    @Columns(prefix = "share_") LimitColumns share,
    Double designEffect,
    Integer rank,
    boolean lowReliability,
    boolean partialYear,
    String nullReason,
    double confidenceLevel) {}
