package org.safeguardstats.analysis;

import java.util.ArrayList;
import java.util.List;
import org.safeguardstats.counts.Characteristics;
import org.safeguardstats.counts.CountTable;
import org.safeguardstats.counts.Margin;
import org.safeguardstats.counts.Period;
import org.safeguardstats.counts.ReviewCounts;
import org.safeguardstats.stats.Estimate;
import org.safeguardstats.stats.Reliability;
import org.safeguardstats.stats.WilsonInterval;
import org.safeguardstats.tables.LimitColumns;
import org.safeguardstats.tables.ThemeRow;

/**
 * Practice themes (code-lists/practice_themes.csv) across rapid reviews and local child
 * safeguarding practice reviews, per reporting year and pooled: the reviews with each theme, their
 * share of the reviews with themes recorded (Wilson: reviews are the independent units) and the
 * theme's rank (1 = commonest; ties share the best rank). Every row carries the reviews in total,
 * so the number of local reviews of each period is in every local-review row.
 *
 * <ul>
 *   <li>Rapid reviews: one per notified incident, counted through its first child, whose themes are
 *       the incident's (the incident records' {@code practice_themes}).
 *   <li>Local reviews: the reviews input; when the job has none, the local-review rows are there
 *       with every count and share null and reason {@code no_reviews_input}.
 * </ul>
 *
 * A review with no theme is not recorded: it is in the {@code not_recorded} row, not in the shares'
 * denominator. A period with a year that has no records (incidents for rapid reviews, reviews for
 * local reviews) is null with reason {@code no_records}, never zero.
 */
public final class ThemeAnalysis {
  static final Margin PRACTICE_THEMES = Margin.of(Characteristics.of("practice_themes"));

  static final String RAPID_REVIEW = "rapid_review";
  static final String LOCAL_REVIEW = "local_review";

  private ThemeAnalysis() {}

  /** The counts this analysis reads. */
  public static List<Margin> margins() {
    return List.of(PRACTICE_THEMES, Margin.TOTAL);
  }

  /** The themes, in the code list's order. */
  static List<String> themes() {
    return PRACTICE_THEMES.first().recorded();
  }

  /** Counts of one review type in one period: per theme, with themes recorded, in total. */
  private record Counted(long[] withTheme, long recorded, long total) {}

  /**
   * Rows of rapid reviews from the incidents' count table and of local reviews from {@code reviews}
   * (null when the job has no reviews input).
   */
  public static List<ThemeRow> rows(CountTable counts, ReviewCounts reviews, RunContext run) {
    List<ThemeRow> rows = new ArrayList<>();
    for (double level : run.confidenceLevels()) {
      for (Period period : run.periods()) {
        String missing = counts.missing(period);
        rows.addAll(
            rows(
                run,
                period,
                RAPID_REVIEW,
                missing != null ? null : rapid(counts, period),
                missing,
                counts.partial(period),
                level));
        String reason = reviews == null ? ReviewCounts.NO_REVIEWS_INPUT : reviews.missing(period);
        rows.addAll(
            rows(
                run,
                period,
                LOCAL_REVIEW,
                reason != null ? null : local(reviews, period),
                reason,
                reviews != null && reviews.partial(period),
                level));
      }
    }
    return rows;
  }

  /** Incidents by their first child's themes: a rapid review per incident. */
  private static Counted rapid(CountTable counts, Period period) {
    long[] n =
        themes().stream()
            .mapToLong(t -> counts.sum(PRACTICE_THEMES, period, CountTable.ALL, t).incidents())
            .toArray();
    return new Counted(
        n,
        counts.sum(PRACTICE_THEMES, period, CountTable.ALL, CountTable.RECORDED).incidents(),
        counts.total(period, CountTable.ALL).incidents());
  }

  private static Counted local(ReviewCounts reviews, Period period) {
    long[] n = themes().stream().mapToLong(t -> reviews.withTheme(period, t)).toArray();
    return new Counted(n, reviews.recorded(period), reviews.reviews(period));
  }

  /**
   * A row per theme, then one of the reviews without themes ({@code not_recorded}); when {@code
   * counted} is null, every count and share null with the reason {@code missing}.
   */
  private static List<ThemeRow> rows(
      RunContext run,
      Period period,
      String type,
      Counted counted,
      String missing,
      boolean partial,
      double level) {
    Rows row = new Rows(run, period, type, counted, partial, level);
    List<String> themes = themes();
    List<ThemeRow> rows = new ArrayList<>();
    if (counted == null) {
      themes.forEach(t -> rows.add(row.of(t, null, null, null, missing)));
      rows.add(row.of(Characteristics.NOT_RECORDED, null, null, null, missing));
      return rows;
    }
    int[] ranks = Distribution.ranks(counted.withTheme());
    for (int i = 0; i < themes.size(); i++) {
      long n = counted.withTheme()[i];
      // Reviews are the independent units: plain Wilson.
      Estimate share = WilsonInterval.of(n, counted.recorded(), level);
      rows.add(row.of(themes.get(i), n, share, ranks[i], share.nullReason()));
    }
    rows.add(
        row.of(
            Characteristics.NOT_RECORDED,
            counted.total() - counted.recorded(),
            null,
            null,
            Distribution.NOT_RECORDED));
    return rows;
  }

  /** What every row of one period and review type shares. */
  private record Rows(
      RunContext run, Period period, String type, Counted counted, boolean partial, double level) {
    ThemeRow of(String theme, Long count, Estimate share, Integer rank, String reason) {
      return new ThemeRow(
          run.run(),
          run.period(period),
          type,
          theme,
          count,
          counted == null ? null : counted.recorded(),
          counted == null ? null : counted.total(),
          LimitColumns.of(share),
          rank,
          count != null && Reliability.low(count),
          partial,
          reason,
          level);
    }
  }
}
