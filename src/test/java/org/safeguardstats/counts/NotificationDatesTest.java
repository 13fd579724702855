package org.safeguardstats.counts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The partial-year rule and the no-records rule of the count table, on dates and cells by hand. */
class NotificationDatesTest {
  static NotificationDates endingOn(int year, String last) {
    return new NotificationDates(year, LocalDate.of(year - 1, 4, 1), LocalDate.parse(last));
  }

  @Test
  void aYearIsPartialWhenItsRecordsEndMoreThanAMonthBefore31March() {
    // a month before 31 March 2024 is 29 February (leap year), before 31 March 2023 is 28 Feb
    assertFalse(endingOn(2024, "2024-03-31").partial());
    assertFalse(endingOn(2024, "2024-02-29").partial());
    assertTrue(endingOn(2024, "2024-02-28").partial());
    assertFalse(endingOn(2023, "2023-02-28").partial());
    assertTrue(endingOn(2023, "2023-02-27").partial());
    assertTrue(endingOn(2024, "2023-12-10").partial());
  }

  @Test
  void aYearIsPartialWhenItsRecordsStartMoreThanAMonthAfter1April() {
    // year 2024 starts 1 April 2023; a month after is 1 May 2023 (dates counted by hand)
    LocalDate end = LocalDate.of(2024, 3, 31);
    assertFalse(new NotificationDates(2024, LocalDate.of(2023, 5, 1), end).partial());
    assertTrue(new NotificationDates(2024, LocalDate.of(2023, 5, 2), end).partial());
    assertTrue(new NotificationDates(2024, LocalDate.of(2023, 9, 14), end).partial());
    assertFalse(new NotificationDates(2024, LocalDate.of(2023, 4, 1), end).partial());
  }

  @Test
  void aYearWithNoRecordsIsMissingUnlessDeclaredComplete() {
    CountTable.Cell one = new CountTable.Cell(1, 1, 1, 0);
    CountTable.Builder b =
        CountTable.builder(List.of(Margin.TOTAL))
            .add(Margin.TOTAL, 2023, "death", "", "", one)
            .dates(endingOn(2023, "2023-03-01"))
            .dates(endingOn(2023, "2022-12-01"));
    CountTable counts = b.build();
    assertEquals(
        YearlyCounts.Count.of(1), counts.count("incidents", "all", new Period(2023, 2023)));
    // a year with records but none of a type is a real zero
    assertEquals(
        YearlyCounts.Count.of(0), counts.count("incidents", "other", new Period(2023, 2023)));
    YearlyCounts.Count none = counts.count("incidents", "all", new Period(2024, 2024));
    assertNull(none.value());
    assertEquals("no_records", none.missingReason());
    assertEquals(
        "no_records", counts.count("children", "all", new Period(2023, 2024)).missingReason());
    CountTable declared = b.completeYears(Set.of(2024)).build();
    assertEquals(
        YearlyCounts.Count.of(1), declared.count("children", "all", new Period(2023, 2024)));
    // the later of the two ranges' last dates: 1 March 2023, not partial
    assertEquals(LocalDate.parse("2023-03-01"), counts.notificationDates().get(2023).last());
    assertFalse(counts.partial(new Period(2023, 2024)));
  }
}
