package org.safeguardstats.counts;

import java.util.List;

/**
 * Counts by reporting year and incident type, from records (the count cube) or from published
 * aggregate counts, where a cell may be suppressed or unavailable. The year-on-year, share-change
 * and trend analyses read counts only through this, so they run on either.
 */
public interface YearlyCounts {
  /**
   * A count, or null with the reason it is missing (e.g. "not_available (x)"); never a zero in its
   * place.
   */
  record Count(Long value, String missingReason) {
    public static Count of(long value) {
      return new Count(value, null);
    }

    public boolean present() {
      return value != null;
    }
  }

  /** The categories counted: {@code all}, then each incident type. */
  static List<String> categories() {
    List<String> categories = new java.util.ArrayList<>(List.of(CountTable.ALL));
    categories.addAll(Characteristics.incidentTypes());
    return categories;
  }

  /** What is counted: e.g. incidents and children, or notifications. */
  List<String> measures();

  /** The count of a category (or "all") over a period's years; missing if any year's count is. */
  Count count(String measure, String category, Period period);

  /**
   * Design effect of a count (children cluster in incidents; see {@code stats.DesignEffect}); 1 for
   * counts of incidents or notifications, which are the independent units.
   */
  default double designEffect(String measure, String category, Period period) {
    return 1.0;
  }

  /** Design effect of the category's share of the period's total (1 unless children). */
  default double shareDesignEffect(String measure, String category, Period period) {
    return 1.0;
  }

  /**
   * Design effect of the change from {@code previous} to {@code current} in the category's count
   * (see {@code stats.DesignEffect.ofChange}); 1 unless children.
   */
  default double changeDesignEffect(
      String measure, String category, Period previous, Period current) {
    return 1.0;
  }

  /**
   * True when a year of the period is partial (see {@link NotificationDates#partial}); published
   * counts carry no dates, so never.
   */
  default boolean partial(Period period) {
    return false;
  }
}
