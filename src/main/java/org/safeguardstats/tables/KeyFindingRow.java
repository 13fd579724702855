package org.safeguardstats.tables;

import org.safeguardstats.schema.Columns;

/** A row of {@code key_findings} (data-schemas/outputs/key_findings.schema.json). */
public record KeyFindingRow(
    @Columns(prefix = "") RunColumns run,
    @Columns(prefix = "") PeriodColumns period,
    String findingId,
    int findingOrder,
    String topic,
    String sentence,
    boolean claimed,
    String supporting,
    String nullReason,
    double confidenceLevel) {}
