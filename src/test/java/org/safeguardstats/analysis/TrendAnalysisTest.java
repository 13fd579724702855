package org.safeguardstats.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.safeguardstats.counts.Period;
import org.safeguardstats.counts.PopulationBaseline;
import org.safeguardstats.counts.YearlyCounts;
import org.safeguardstats.tables.TrendRow;
import org.safeguardstats.testing.SparkTestBase;
import org.safeguardstats.testing.TrendReference;

/**
 * The rows of the {@code trend} table from hand-made yearly counts, population 1,000 every year (so
 * rates fit as counts do). Expected values: stats/poisson-trend-values.csv ({@link TrendReference},
 * the independent 40-digit IRLS).
 */
class TrendAnalysisTest extends SparkTestBase {
  /** Counts by category, one per year from {@code first}; a null count is missing. */
  static YearlyCounts counts(int first, Map<String, Long[]> byCategory) {
    return new YearlyCounts() {
      @Override
      public List<String> measures() {
        return List.of("incidents");
      }

      @Override
      public Count count(String measure, String category, Period period) {
        Long c = byCategory.get(category)[period.firstYear() - first];
        return c == null ? new Count(null, "not_available (x)") : Count.of(c);
      }
    };
  }

  static PopulationBaseline population(int first, int last) {
    return new PopulationBaseline(
        IntStream.rangeClosed(first, last)
            .mapToObj(y -> new PopulationBaseline.Cell(y, "all", "all", "all", 1000, "test"))
            .toList());
  }

  static List<TrendRow> rows(int first, int last, Map<String, Long[]> counts, List<Double> levels) {
    return TrendAnalysis.rows(
        spark,
        counts(first, counts),
        population(first, last),
        new RunContext("run", true, first, last, levels));
  }

  static TrendRow row(List<TrendRow> rows, String category, String exposure, double level) {
    return rows.stream()
        .filter(
            r ->
                r.category().equals(category)
                    && r.exposure().equals(exposure)
                    && r.confidenceLevel() == level)
        .findFirst()
        .orElseThrow();
  }

  /** A row's values as a fit result, to compare with the reference. */
  static void assertAgrees(String reference, TrendRow r) {
    TrendReference.assertAgrees(
        reference,
        new PoissonTrend.Result(
            r.years(),
            r.slope(),
            r.slopeStandardError(),
            r.annualPercentChange(),
            r.annualPercentChangeLower(),
            r.annualPercentChangeUpper(),
            r.pValue(),
            r.dispersion(),
            r.nullReason(),
            r.confidenceLevel()));
    assertEquals(PoissonTrend.METHOD, r.method());
  }

  /** 2020-2024: deaths 1,0,0,2,1000 (overflows at 0.999), serious harm 10 a year, other none. */
  static final Map<String, Long[]> FIVE_YEARS =
      Map.of(
          "all", new Long[] {11L, 10L, 10L, 12L, 1010L},
          "death", new Long[] {1L, 0L, 0L, 2L, 1000L},
          "serious_harm", new Long[] {10L, 10L, 10L, 10L, 10L},
          "other", new Long[] {0L, 0L, 0L, 0L, 0L});

  @Test
  void fiveYearsAreFittedWithOverflowAndReliabilityPerRow() {
    List<TrendRow> rows = rows(2020, 2024, FIVE_YEARS, List.of(0.95, 0.999));
    assertEquals(4 * 2 * 2, rows.size());
    for (String exposure : List.of("none", "child_population")) {
      assertAgrees("five_years_overflow", row(rows, "death", exposure, 0.95));
      TrendRow overflow = row(rows, "death", exposure, 0.999);
      assertAgrees("five_years_overflow", overflow);
      assertNull(overflow.annualPercentChangeUpper());
      assertEquals("upper_limit_overflow", overflow.nullReason());
      assertTrue(overflow.lowReliability(), "counts 0, 1 and 2 are below 10");
      for (double level : List.of(0.95, 0.999)) {
        TrendRow flat = row(rows, "serious_harm", exposure, level);
        assertAgrees("flat_10_10_10_10_10", flat);
        assertEquals(false, flat.lowReliability(), "10 a year is not below 10");
        TrendRow none = row(rows, "other", exposure, level);
        assertEquals("no_events", none.nullReason());
        assertNull(none.method());
        assertEquals(5, none.years());
      }
    }
  }

  @Test
  void theRowsDoNotDependOnTheOrderOfTheLevels() {
    assertEquals(
        new HashSet<>(rows(2020, 2024, FIVE_YEARS, List.of(0.95, 0.999))),
        new HashSet<>(rows(2020, 2024, FIVE_YEARS, List.of(0.999, 0.95))));
  }

  /** Fingertips' rule: four fitted years are too few, whether the span or a missing count. */
  @Test
  void fewerThanFiveFittedYearsAreTooFew() {
    Map<String, Long[]> four =
        Map.of(
            "all", new Long[] {10L, 10L, 10L, 10L},
            "death", new Long[] {5L, 5L, 5L, 5L},
            "serious_harm", new Long[] {5L, 5L, 5L, 5L},
            "other", new Long[] {0L, 0L, 0L, 0L});
    for (TrendRow r : rows(2021, 2024, four, List.of(0.95))) {
      assertEquals("too_few_years", r.nullReason(), r.toString());
      assertEquals(4, r.years());
      assertNull(r.slope());
      assertNull(r.method());
    }
    Map<String, Long[]> gap =
        Map.of(
            "all", new Long[] {11L, 10L, null, 12L, 1010L},
            "death", new Long[] {1L, 0L, 0L, 2L, 1000L},
            "serious_harm", new Long[] {10L, 10L, 10L, 10L, 10L},
            "other", new Long[] {0L, 0L, 0L, 0L, 0L});
    List<TrendRow> rows = rows(2020, 2024, gap, List.of(0.95));
    TrendRow all = row(rows, "all", "none", 0.95);
    assertEquals("too_few_years", all.nullReason());
    assertEquals(4, all.years());
    assertEquals(
        "{\"2020\":11,\"2021\":10,\"2022\":\"not_available (x)\",\"2023\":12,\"2024\":1010}",
        all.counts());
    assertAgrees("flat_10_10_10_10_10", row(rows, "serious_harm", "none", 0.95));
  }
}
