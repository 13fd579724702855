package org.safeguardstats.counts;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The local child safeguarding practice reviews counted (the reviews input): per reporting year,
 * the reviews, those with practice themes recorded (at least one theme; a review with none is not
 * recorded) and those with each theme (a review counts once in each of its themes), with the year's
 * first and last review dates. Made by {@code input.ReviewRecords} in one Spark aggregation, or by
 * hand in a test.
 *
 * <p>A reporting year with no accepted review is missing ({@link CountTable#NO_RECORDS}), never a
 * zero, unless the job declares the year complete; a year is partial by the one-month rule of
 * {@link NotificationDates}, applied to the review dates.
 */
public final class ReviewCounts {
  /** Why local-review figures are null: the job names no reviews input. */
  public static final String NO_REVIEWS_INPUT = "no_reviews_input";

  private final Map<Integer, Long> reviews;
  private final Map<Integer, Long> recorded;
  private final Map<Integer, Map<String, Long>> themes;
  private final Map<Integer, NotificationDates> dates;
  private final Set<Integer> completeYears;

  private ReviewCounts(Builder b) {
    this.reviews = Map.copyOf(b.reviews);
    this.recorded = Map.copyOf(b.recorded);
    Map<Integer, Map<String, Long>> t = new HashMap<>();
    b.themes.forEach((year, byTheme) -> t.put(year, Map.copyOf(byTheme)));
    this.themes = Map.copyOf(t);
    this.dates = Map.copyOf(b.dates);
    this.completeYears = Set.copyOf(b.completeYears);
  }

  /** Counts made elsewhere (the Spark aggregation, or by hand in a test). */
  public static final class Builder {
    private final Map<Integer, Long> reviews = new HashMap<>();
    private final Map<Integer, Long> recorded = new HashMap<>();
    private final Map<Integer, Map<String, Long>> themes = new HashMap<>();
    private final Map<Integer, NotificationDates> dates = new HashMap<>();
    private Set<Integer> completeYears = Set.of();

    private Builder() {}

    /** A year's reviews, with their first and last review dates. */
    public Builder reviews(NotificationDates year, long count) {
      reviews.put(year.year(), count);
      dates.put(year.year(), year);
      return this;
    }

    /** A year's reviews with at least one practice theme. */
    public Builder recorded(int year, long count) {
      recorded.put(year, count);
      return this;
    }

    /** A year's reviews with this theme. */
    public Builder theme(int year, String theme, long count) {
      themes.computeIfAbsent(year, y -> new HashMap<>()).put(theme, count);
      return this;
    }

    /** Years the job declares complete: with no reviews they count zero, not missing. */
    public Builder completeYears(Set<Integer> years) {
      completeYears = Set.copyOf(years);
      return this;
    }

    public ReviewCounts build() {
      return new ReviewCounts(this);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Reviews per reporting year (years with none left out), in year order. */
  public Map<Integer, Long> byYear() {
    return new TreeMap<>(reviews);
  }

  /**
   * {@link CountTable#NO_RECORDS} when a year of the period has no accepted review and is not
   * declared complete; null otherwise.
   */
  public String missing(Period period) {
    for (int y = period.firstYear(); y <= period.lastYear(); y++) {
      if (!reviews.containsKey(y) && !completeYears.contains(y)) {
        return CountTable.NO_RECORDS;
      }
    }
    return null;
  }

  /** Reviews in the period. */
  public long reviews(Period period) {
    return sum(reviews, period);
  }

  /** Reviews in the period with at least one practice theme. */
  public long recorded(Period period) {
    return sum(recorded, period);
  }

  /** Reviews in the period with this theme. */
  public long withTheme(Period period, String theme) {
    long n = 0;
    for (int y = period.firstYear(); y <= period.lastYear(); y++) {
      n += themes.getOrDefault(y, Map.of()).getOrDefault(theme, 0L);
    }
    return n;
  }

  /** True when a year of the period is partial by its review dates. */
  public boolean partial(Period period) {
    return NotificationDates.partial(dates, period);
  }

  private static long sum(Map<Integer, Long> byYear, Period period) {
    long n = 0;
    for (int y = period.firstYear(); y <= period.lastYear(); y++) {
      n += byYear.getOrDefault(y, 0L);
    }
    return n;
  }
}
