package org.safeguardstats.counts;

import java.time.LocalDate;
import java.util.Map;

/**
 * A reporting year's first and last notification dates among its accepted records. The one
 * partial-year rule: a year is partial when its records end more than a month before the year does
 * (31 March), e.g. a year whose data were extracted in December, or start more than a month after
 * it begins (1 April), e.g. a collection that began in the summer.
 */
public record NotificationDates(int year, LocalDate first, LocalDate last) {
  /** The last day of the reporting year: 31 March. */
  public LocalDate yearEnd() {
    return LocalDate.of(year, 3, 31);
  }

  /** The first day of the reporting year: 1 April of the year before. */
  public LocalDate yearStart() {
    return LocalDate.of(year - 1, 4, 1);
  }

  public boolean partial() {
    return last.isBefore(yearEnd().minusMonths(1)) || first.isAfter(yearStart().plusMonths(1));
  }

  /** True when a year of the period is partial, by each year's dates (a year without is not). */
  public static boolean partial(Map<Integer, NotificationDates> byYear, Period period) {
    for (int y = period.firstYear(); y <= period.lastYear(); y++) {
      NotificationDates d = byYear.get(y);
      if (d != null && d.partial()) {
        return true;
      }
    }
    return false;
  }

  /** The earlier first and the later last date of two ranges of the same year. */
  NotificationDates span(NotificationDates o) {
    return new NotificationDates(
        year, first.isBefore(o.first) ? first : o.first, last.isAfter(o.last) ? last : o.last);
  }
}
