package org.safeguardstats.tables;

/** A reporting year ({@code year}) or several pooled ({@code pooled}), labelled and bounded. */
public record PeriodColumns(String period, String periodType, int firstYear, int lastYear) {}
