package org.safeguardstats.tables;

import org.safeguardstats.schema.Columns;

/** A row of {@code year_on_year} (data-schemas/outputs/year_on_year.schema.json). */
public record YearOnYearRow(
    @Columns(prefix = "") RunColumns run,
    @Columns(prefix = "") PeriodColumns period,
    String measure,
    String characteristic,
    String category,
    Long count,
    String countNullReason,
    Long total,
    @Columns(prefix = "share_") EstimateColumns share,
    Double shareDesignEffect,
    Long population,
    String populationYear,
    @Columns(prefix = "rate_", value = "rate_per_100000") EstimateColumns rate,
    Double designEffect,
    Integer previousYear,
    Long previousCount,
    @Columns(prefix = "") ChangeColumns change,
    Double changeDesignEffect,
    Long previousPopulation,
    @Columns(prefix = "rate_") ChangeColumns rateChange,
    boolean lowReliability,
    boolean partialYear,
    double confidenceLevel) {
  /** The same row with other change columns (e.g. with their q-values). */
  public YearOnYearRow withChanges(ChangeColumns newChange, ChangeColumns newRateChange) {
    return new YearOnYearRow(
        run,
        period,
        measure,
        characteristic,
        category,
        count,
        countNullReason,
        total,
        share,
        shareDesignEffect,
        population,
        populationYear,
        rate,
        designEffect,
        previousYear,
        previousCount,
        newChange,
        changeDesignEffect,
        previousPopulation,
        newRateChange,
        lowReliability,
        partialYear,
        confidenceLevel);
  }
}
