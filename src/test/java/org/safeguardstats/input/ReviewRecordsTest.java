package org.safeguardstats.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safeguardstats.config.JobConfig;
import org.safeguardstats.counts.CountTable;
import org.safeguardstats.counts.Period;
import org.safeguardstats.counts.ReviewCounts;
import org.safeguardstats.io.InputReader;
import org.safeguardstats.testing.Fixtures;
import org.safeguardstats.testing.SparkTestBase;
import org.safeguardstats.validation.Validated;

/** The one Spark aggregation of the reviews input: reviews, reviews with themes, each theme. */
class ReviewRecordsTest extends SparkTestBase {
  @TempDir static Path tmp;

  @Test
  void reviewsAreCountedPerYearAndTheme() {
    Path file =
        Fixtures.write(
            tmp,
            "reviews.csv",
            List.of(
                "review_id,incident_id,review_date,local_authority_code,practice_themes",
                "R1,,2023-04-02,E06000001,child_voice;escalation",
                "R2,I1,2023-09-01,E06000001,child_voice;child_voice",
                "R3,,2024-03-30,E06000001,",
                "R4,,2023-06-01,E06000001,not_a_theme",
                "R1,,2023-07-01,E06000001,escalation",
                "R5,,2023-12-01,E06000001,escalation"));
    JobConfig job =
        JobConfig.load(
            Fixtures.jobFile(tmp, "i.csv", "p.csv", null, 2023, 2024, "[0.95]", tmp.resolve("o")),
            null);
    ReviewRecords shape = new ReviewRecords(job);
    Validated validated =
        CheckedInput.preflight(
                "reviews", shape, new JobConfig.InputSpec(file.toString(), "csv", null))
            .readAndValidate(new InputReader(spark));
    assertEquals(2, validated.counts().quarantined());
    ReviewCounts counts = shape.from(validated);
    // R4 (unknown theme) and the second R1 (duplicate) are quarantined. Reporting year 2024
    // (April 2023 to March 2024): R1, R2, R3, R5; nothing in 2023.
    Period y2024 = new Period(2024, 2024);
    assertEquals(Map.of(2024, 4L), counts.byYear());
    assertEquals(4, counts.reviews(y2024));
    assertEquals(3, counts.recorded(y2024), "R3 has no theme");
    assertEquals(2, counts.withTheme(y2024, "child_voice"), "R2 gives it twice: one review");
    assertEquals(2, counts.withTheme(y2024, "escalation"));
    assertEquals(0, counts.withTheme(y2024, "male_carers"));
    assertFalse(counts.partial(y2024), "2 April 2023 to 30 March 2024");
    assertNull(counts.missing(y2024));
    assertEquals(CountTable.NO_RECORDS, counts.missing(new Period(2023, 2024)));
  }
}
