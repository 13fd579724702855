package org.safeguardstats.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safeguardstats.config.JobConfig;
import org.safeguardstats.tables.AssociationRow;
import org.safeguardstats.tables.CauseDistributionRow;
import org.safeguardstats.tables.DistributionTestRow;
import org.safeguardstats.tables.RelativeRateRow;
import org.safeguardstats.tables.RepresentationRow;
import org.safeguardstats.tables.ShareChangeRow;
import org.safeguardstats.tables.SpotlightRow;
import org.safeguardstats.tables.TrendRow;
import org.safeguardstats.tables.YearOnYearRow;
import org.safeguardstats.testing.Fixtures;
import org.safeguardstats.testing.SparkTestBase;

/**
 * Reporting years with no records, and a partial year, through the whole job. The input has one
 * death a month in reporting years 2020 to 2024 (12, 10, 11, 8 and 9 incidents); 2024's records end
 * on 10 December 2023, so 2024 is partial. Three runs: 2020 to 2025 (2025 has no records), the same
 * with 2025 declared complete, and 2020 to 2024.
 */
class EmptyAndPartialYearsTest extends SparkTestBase {
  @TempDir static Path tmp;
  static final int[] INCIDENTS = {12, 10, 11, 8, 9};
  static SafeguardStatsJob.RunResult empty;
  static SafeguardStatsJob.RunResult complete;
  static SafeguardStatsJob.RunResult dataYears;

  @BeforeAll
  static void runJobs() {
    List<String> template = Fixtures.resourceLines("/fixtures/small/incidents.csv");
    List<String> incidents = new ArrayList<>(List.of(template.get(0)));
    String death = template.get(1); // A,C1,2022-05-10,...,death,true,sudi,...
    for (int i = 0; i < INCIDENTS.length; i++) {
      int year = 2020 + i;
      for (int k = 0; k < INCIDENTS[i]; k++) {
        // month k of the reporting year (April first), the last one in March; 2024's in December
        boolean last = k == INCIDENTS[i] - 1;
        int month = last ? (year == 2024 ? 12 : 3) : (k + 3) % 12 + 1;
        int calendarYear = month >= 4 ? year - 1 : year;
        String date = String.format("%d-%02d-10", calendarYear, month);
        incidents.add(death.replace("A,C1,2022-05-10", "Y" + year + "K" + k + ",C1," + date));
      }
    }
    Path in = Fixtures.write(tmp, "incidents.csv", incidents);
    List<String> population = new ArrayList<>();
    List<String> small = Fixtures.resourceLines("/fixtures/small/population.csv");
    population.add(small.get(0));
    for (int year = 2020; year <= 2025; year++) {
      for (String row : small) {
        if (row.startsWith("2023,")) {
          population.add(year + row.substring(4));
        }
      }
    }
    Path pop = Fixtures.write(tmp, "population.csv", population);
    empty = run("empty", in, pop, 2025, "");
    complete = run("complete", in, pop, 2025, "complete_years: [2025]");
    dataYears = run("data-years", in, pop, 2024, "");
  }

  static SafeguardStatsJob.RunResult run(String name, Path in, Path pop, int last, String extra) {
    Path job =
        Fixtures.write(
            tmp,
            name + ".yaml",
            List.of(
                "name: " + name,
                "synthetic_data: true",
                "inputs:",
                "  incidents: {path: " + in + ", format: csv}",
                "  population: {path: " + pop + ", format: csv}",
                "reporting_years: {first: 2020, last: " + last + "}",
                extra,
                "confidence_levels: [0.95]",
                "output: {path: " + tmp.resolve(name) + "}"));
    return SafeguardStatsJob.run(
        spark,
        JobConfig.load(job, null),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
  }

  @SuppressWarnings("unchecked")
  static <T> List<T> table(SafeguardStatsJob.RunResult r, String name) {
    return (List<T>) r.tables().get(name);
  }

  static YearOnYearRow yoy(SafeguardStatsJob.RunResult r, String category, int first, int last) {
    List<YearOnYearRow> rows = table(r, "year_on_year");
    return rows.stream()
        .filter(
            y ->
                y.measure().equals("incidents")
                    && y.category().equals(category)
                    && y.period().firstYear() == first
                    && y.period().lastYear() == last)
        .findFirst()
        .orElseThrow();
  }

  static TrendRow trend(SafeguardStatsJob.RunResult r, String exposure) {
    List<TrendRow> rows = table(r, "trend");
    return rows.stream()
        .filter(
            t ->
                t.measure().equals("incidents")
                    && t.category().equals("all")
                    && t.exposure().equals(exposure))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aYearWithNoRecordsIsMissingNotZero() {
    YearOnYearRow y2025 = yoy(empty, "all", 2025, 2025);
    assertNull(y2025.count());
    assertEquals("no_records", y2025.countNullReason());
    assertNull(y2025.rate().value());
    assertEquals("no_records", y2025.rate().nullReason());
    assertEquals(9L, y2025.previousCount());
    assertNull(y2025.change().ratio());
    assertNull(y2025.change().pValue());
    assertEquals("no_records", y2025.change().changeNullReason());
    assertEquals("no_records", y2025.rateChange().changeNullReason());
    YearOnYearRow deaths = yoy(empty, "death", 2025, 2025);
    assertNull(deaths.share().value());
    assertEquals("no_records", deaths.share().nullReason());
    // a pooled period that includes it is missing too
    YearOnYearRow pooled = yoy(empty, "all", 2020, 2025);
    assertNull(pooled.count());
    assertEquals("no_records", pooled.countNullReason());
    // the years with records are untouched: 2024 is 9 against 8
    assertEquals(9L, yoy(empty, "all", 2024, 2024).count());
    assertEquals(8L, yoy(empty, "all", 2024, 2024).previousCount());
  }

  @Test
  void theEmptyYearIsMissingInEveryOtherTableToo() {
    List<RepresentationRow> rep = table(empty, "representation");
    List<RepresentationRow> rep2025 =
        rep.stream().filter(r -> r.period().lastYear() == 2025).toList();
    assertFalse(rep2025.isEmpty());
    for (RepresentationRow r : rep2025) {
      assertNull(r.observed(), r.toString());
      assertNull(r.ratio().value(), r.toString());
      assertEquals("no_records", r.ratio().nullReason(), r.toString());
    }
    assertTrue(
        rep.stream()
            .filter(r -> r.period().firstYear() == 2024 && r.period().lastYear() == 2024)
            .allMatch(r -> r.observed() != null && r.partialYear()));
    List<CauseDistributionRow> causes = table(empty, "cause_distribution");
    for (CauseDistributionRow r :
        causes.stream().filter(r -> r.period().lastYear() == 2025).toList()) {
      assertNull(r.count(), r.toString());
      assertEquals("no_records", r.nullReason(), r.toString());
    }
    assertTrue(
        causes.stream()
            .filter(r -> r.period().lastYear() == 2023)
            .allMatch(r -> r.count() != null && !r.partialYear()));
    List<RelativeRateRow> rates = table(empty, "relative_rates");
    for (RelativeRateRow r : rates.stream().filter(r -> r.period().lastYear() == 2025).toList()) {
      assertNull(r.count(), r.toString());
      assertNull(r.relativeRate().value(), r.toString());
      assertEquals("no_records", r.nullReason(), r.toString());
    }
    List<DistributionTestRow> tests = table(empty, "distribution_tests");
    DistributionTestRow homogeneity =
        tests.stream().filter(r -> r.test().equals("homogeneity_across_years")).findFirst().get();
    assertNull(homogeneity.pValue());
    assertEquals("no_records", homogeneity.nullReason());
    assertTrue(homogeneity.counts().contains("\"no_records\""), homogeneity.counts());
    assertTrue(homogeneity.partialYear());
    for (DistributionTestRow r :
        tests.stream().filter(r -> r.period().lastYear() == 2025).toList()) {
      assertNull(r.pValue(), r.toString());
      assertEquals("no_records", r.nullReason(), r.toString());
    }
    List<AssociationRow> allAssociations = table(empty, "associations");
    List<AssociationRow> associations =
        allAssociations.stream().filter(r -> r.period().lastYear() == 2025).toList();
    assertFalse(associations.isEmpty());
    for (AssociationRow r : associations) {
      assertNull(r.observed(), r.toString());
      assertNull(r.pValue(), r.toString());
      assertEquals("no_records", r.nullReason(), r.toString());
    }
    List<SpotlightRow> allSpotlights = table(empty, "spotlights");
    List<SpotlightRow> spotlights =
        allSpotlights.stream().filter(r -> r.period().lastYear() == 2025).toList();
    assertFalse(spotlights.isEmpty());
    for (SpotlightRow r : spotlights) {
      assertNull(r.count(), r.toString());
      assertEquals("no_records", r.nullReason(), r.toString());
    }
    // Declared complete, 2025 is a real zero year: the homogeneity test runs.
    List<DistributionTestRow> declared = table(complete, "distribution_tests");
    assertTrue(
        declared.stream()
            .filter(r -> r.test().equals("homogeneity_across_years"))
            .noneMatch(r -> "no_records".equals(r.nullReason())));
  }

  @Test
  void shareChangesWithTheEmptyYearAreMissing() {
    List<ShareChangeRow> rows = table(empty, "share_changes");
    List<ShareChangeRow> with2025 =
        rows.stream().filter(r -> r.period().lastYear() == 2025).toList();
    assertFalse(with2025.isEmpty());
    for (ShareChangeRow r : with2025) {
      assertEquals("no_records", r.nullReason(), r.toString());
      assertNull(r.count(), r.toString());
      assertNull(r.total(), r.toString());
      assertNull(r.differencePp(), r.toString());
    }
    assertTrue(
        rows.stream()
            .filter(r -> r.period().lastYear() == 2024)
            .allMatch(r -> r.count() != null && !"no_records".equals(r.nullReason())));
  }

  @Test
  void theEmptyYearIsLeftOutOfTheTrend() {
    for (String exposure : List.of("none", "child_population")) {
      TrendRow withEmpty = trend(empty, exposure);
      TrendRow without = trend(dataYears, exposure);
      assertTrue(withEmpty.counts().contains("\"2025\":\"no_records\""), withEmpty.counts());
      assertEquals(5, withEmpty.years());
      assertEquals(without.years(), withEmpty.years());
      assertEquals(without.slope(), withEmpty.slope());
      assertEquals(without.annualPercentChange(), withEmpty.annualPercentChange());
      assertEquals(without.pValue(), withEmpty.pValue());
    }
  }

  @Test
  void aYearDeclaredCompleteCountsZero() {
    YearOnYearRow y2025 = yoy(complete, "all", 2025, 2025);
    assertEquals(0L, y2025.count());
    assertNull(y2025.countNullReason());
    assertEquals(0.0, y2025.change().ratio(), 0.0);
    assertEquals(-100.0, y2025.change().percentChange(), 0.0);
    // 9 -> 0 with equal exposures: p = 2 * 0.5^9, by hand
    assertEquals(2 * Math.pow(0.5, 9), y2025.change().pValue(), 1e-15);
    TrendRow t = trend(complete, "none");
    assertEquals(6, t.years());
    assertTrue(t.counts().contains("\"2025\":0"), t.counts());
  }

  @Test
  void aYearWhoseRecordsEndInDecemberIsFlaggedPartialWhereverItIsUsed() {
    assertTrue(yoy(empty, "all", 2024, 2024).partialYear());
    assertTrue(yoy(empty, "all", 2025, 2025).partialYear()); // compared with 2024
    assertTrue(yoy(empty, "all", 2020, 2025).partialYear());
    assertFalse(yoy(empty, "all", 2023, 2023).partialYear());
    assertFalse(yoy(empty, "all", 2020, 2020).partialYear());
    List<ShareChangeRow> changes = table(empty, "share_changes");
    for (ShareChangeRow r : changes) {
      boolean uses2024 = r.period().lastYear() == 2024 || r.previousPeriod().contains("2023-24");
      assertEquals(uses2024, r.partialYear(), r.toString());
    }
    assertTrue(trend(empty, "none").partialYear());
  }

  @Test
  void theManifestHoldsEachYearsNotificationDates() throws Exception {
    JsonNode years =
        new ObjectMapper()
            .readTree(empty.runDir().resolve("manifest.json").toFile())
            .path("reporting_years");
    assertEquals("2019-04-10", years.path("2020").path("first_notification_date").asText());
    assertEquals("2020-03-10", years.path("2020").path("last_notification_date").asText());
    assertFalse(years.path("2020").path("partial_year").asBoolean());
    assertEquals("2023-12-10", years.path("2024").path("last_notification_date").asText());
    assertTrue(years.path("2024").path("partial_year").asBoolean());
    assertTrue(years.path("2025").path("first_notification_date").isNull());
    assertFalse(years.path("2025").path("partial_year").asBoolean());
    assertFalse(years.path("2025").path("declared_complete").asBoolean());
  }
}
