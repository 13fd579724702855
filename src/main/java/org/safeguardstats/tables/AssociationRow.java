package org.safeguardstats.tables;

import org.safeguardstats.schema.Columns;

/**
 * A row of {@code associations} (data-schemas/outputs/associations.schema.json): a test of
 * association ({@code row_type} {@code test}) or one cell of the table it tests ({@code cell}).
 */
public record AssociationRow(
    @Columns(prefix = "") RunColumns run,
    @Columns(prefix = "") PeriodColumns period,
    String association,
    String rowType,
    String universe,
    String characteristic,
    String category,
    String groupCharacteristic,
    String group,
    String comparison,
    String counts,
    Long observed,
    Double expected,
    Long rowTotal,
    Long groupTotal,
    Long total,
    Double statistic,
    Double designEffect,
    Integer degreesOfFreedom,
    Double pValue,
    Double asymptoticPValue,
    Double smallestExpected,
    Boolean reliable,
    String method,
    String family,
    Integer familySize,
    Double qValue,
    @Columns(prefix = "proportion_ratio_") EstimateColumns proportionRatio,
    Double adjustedResidual,
    String residualFlag,
    @Columns(prefix = "share_") LimitColumns share,
    Double shareDesignEffect,
    boolean lowReliability,
    boolean partialYear,
    String nullReason,
    double confidenceLevel) {}
