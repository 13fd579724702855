package org.safeguardstats.tables;

import org.safeguardstats.schema.Columns;

/** A row of {@code distribution_tests} (data-schemas/outputs/distribution_tests.schema.json). */
public record DistributionTestRow(
    @Columns(prefix = "") RunColumns run,
    @Columns(prefix = "") PeriodColumns period,
    String test,
    String universe,
    String characteristic,
    String comparison,
    String counts,
    Double statistic,
    Double designEffect,
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
    boolean partialYear,
    String nullReason,
    double confidenceLevel) {
  /** The same row, null for the reason given (a missing input's). */
  public DistributionTestRow because(String reason) {
    return new DistributionTestRow(
        run,
        period,
        test,
        universe,
        characteristic,
        comparison,
        counts,
        statistic,
        designEffect,
        degreesOfFreedom,
        pValue,
        asymptoticPValue,
        smallestExpected,
        reliable,
        replicates,
        monteCarloStandardError,
        method,
        family,
        familySize,
        qValue,
        partialYear,
        reason,
        confidenceLevel);
  }
}
