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
    Double smallestExpected,
    Boolean reliable,
    Double monteCarloPValue,
    Integer replicates,
    String method,
    @Columns(prefix = "risk_ratio_") EstimateColumns riskRatio,
    String nullReason,
    double confidenceLevel) {}
