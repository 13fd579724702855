package org.safeguardstats.tables;

import org.safeguardstats.schema.Columns;

/** A row of {@code distribution_tests} (data-schemas/outputs/distribution_tests.schema.json). */
public record DistributionTestRow(
    @Columns(prefix = "") RunColumns run,
    @Columns(prefix = "") PeriodColumns period,
    String test,
    String universe,
    String characteristic,
    String category,
    String comparison,
    String counts,
    Double statistic,
    Integer degreesOfFreedom,
    Double pValue,
    Double asymptoticPValue,
    Double smallestExpected,
    Boolean reliable,
    Integer replicates,
    Double monteCarloStandardError,
    String method,
    String family,
    int familySize,
    Double qValue,
    @Columns(prefix = "proportion_ratio_") EstimateColumns proportionRatio,
    String nullReason,
    double confidenceLevel) {}
