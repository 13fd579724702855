package org.safeguardstats.tables;

/**
 * The columns every table starts with: which run wrote the row, and whether its data is synthetic.
 */
public record RunColumns(String runId, boolean synthetic) {}
