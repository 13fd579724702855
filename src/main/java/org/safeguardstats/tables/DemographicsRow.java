package org.safeguardstats.tables;

import org.safeguardstats.schema.Columns;

/** A row of {@code demographics} (data-schemas/outputs/demographics.schema.json). */
public record DemographicsRow(
    @Columns(prefix = "") RunColumns run,
    @Columns(prefix = "") PeriodColumns period,
    String characteristic,
    String category,
    Long count,
    Long recordedTotal,
    Long total,
    @Columns(prefix = "share_") LimitColumns share,
    Double designEffect,
    Integer rank,
    String previousPeriod,
    Long previousCount,
    Long previousRecordedTotal,
    Double previousShare,
    Double previousDesignEffect,
    Integer previousRank,
    @Columns(prefix = "change_", value = "change_pp") DifferenceColumns change,
    Integer rankChange,
    String nextCategory,
    Long nextCount,
    @Columns(prefix = "next_difference_", value = "next_difference_pp") DifferenceColumns next,
    Double nextDifferenceDesignEffect,
    Double nextDifferencePValue,
    Integer nextDifferenceFamilySize,
    Double nextDifferenceQValue,
    Boolean separatedFromNext,
    boolean lowReliability,
    boolean partialYear,
    String nullReason,
    double confidenceLevel) {}
