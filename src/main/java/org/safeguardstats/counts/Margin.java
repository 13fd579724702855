package org.safeguardstats.counts;

/**
 * A table of counts by reporting year × incident type × one or two characteristics (or neither:
 * {@link #TOTAL}). Analyses declare the margins they need; {@link CountTable} counts them all in
 * one scan. In a two-way margin, {@code first} is the row characteristic and {@code second} the
 * column; shares are of {@code first} within each category of {@code second}.
 */
public record Margin(Characteristic first, Characteristic second) {
  /** Reporting year × incident type only. */
  public static final Margin TOTAL = new Margin(null, null);

  public static Margin of(Characteristic c) {
    return new Margin(c, null);
  }

  public static Margin of(Characteristic rows, Characteristic columns) {
    return new Margin(rows, columns);
  }

  /**
   * The margin's key in the count table: {@code total}, {@code sex}, {@code sex x likely_cause}.
   */
  public String name() {
    return first == null
        ? "total"
        : second == null ? first.name() : first.name() + " x " + second.name();
  }
}
