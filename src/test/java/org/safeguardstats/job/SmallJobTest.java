package org.safeguardstats.job;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safeguardstats.config.InvalidInputException;
import org.safeguardstats.config.JobConfig;
import org.safeguardstats.input.JobInputs;
import org.safeguardstats.testing.Fixtures;
import org.safeguardstats.testing.SparkTestBase;

/**
 * The whole job on a hand-made input of nine children in eight incidents over two reporting years
 * (src/test/resources/fixtures/small). Every expected count below was counted by hand from that
 * file. Exact 95% Poisson limits: for 0 events the closed form 0 to −ln(0.025); for 1 event
 * PHEindicatormethods' test vector (rate x=1, n=100); for 2 and 3 events published tables to six
 * decimals (0.242209–7.224688, 0.618672–8.767273; Breslow and Day vol. II), hence the 1e-5
 * tolerance. Wilson limits come from the textbook formula written out in {@link #wilson}.
 */
class SmallJobTest extends SparkTestBase {
  @TempDir static Path tmp;
  static SafeguardStatsJob.RunResult result;
  static String printed;

  @BeforeAll
  static void runJob() {
    String dir = "src/test/resources/fixtures/small/";
    Path job =
        Fixtures.jobFile(
            tmp,
            Fixtures.file(dir + "incidents.csv").toString(),
            Fixtures.file(dir + "population.csv").toString(),
            Fixtures.file(dir + "reviews.csv").toString(),
            2023,
            2024,
            "[0.95]",
            tmp.resolve("out"));
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    result =
        SafeguardStatsJob.run(
            spark, JobConfig.load(job, null), new PrintStream(buf, true, StandardCharsets.UTF_8));
    printed = buf.toString(StandardCharsets.UTF_8);
  }

  static Dataset<Row> table(String name) {
    return spark.read().parquet(tmp.resolve("out/latest/internal").resolve(name).toString());
  }

  static double[] wilson(long x, long n, double level) {
    return wilson((double) x, (double) n, level);
  }

  /** Wilson's limits for real (effective) counts x of n. */
  static double[] wilson(double x, double n, double level) {
    double z = new NormalDistribution().inverseCumulativeProbability(1 - (1 - level) / 2);
    double p = x / n;
    double centre = p + z * z / (2 * n);
    double half = z * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n));
    double d = 1 + z * z / n;
    return new double[] {(centre - half) / d, (centre + half) / d};
  }

  @Test
  void yearOnYearCountsAndChanges() {
    StructType s =
        new StructType()
            .add("measure", DataTypes.StringType)
            .add("category", DataTypes.StringType)
            .add("first_year", DataTypes.IntegerType)
            .add("count", DataTypes.LongType)
            .add("total", DataTypes.LongType)
            .add("previous_count", DataTypes.LongType)
            .add("ratio", DataTypes.DoubleType)
            .add("p_value", DataTypes.DoubleType);
    List<Row> expected =
        List.of(
            RowFactory.create("children", "all", 2023, 5L, 5L, null, null, null),
            RowFactory.create("children", "all", 2024, 4L, 4L, 5L, 0.8, 1.0),
            RowFactory.create("children", "death", 2023, 2L, 5L, null, null, null),
            RowFactory.create("children", "death", 2024, 2L, 4L, 2L, 1.0, 1.0),
            RowFactory.create("children", "other", 2023, 1L, 5L, null, null, null),
            RowFactory.create("children", "other", 2024, 0L, 4L, 1L, 0.0, 1.0),
            RowFactory.create("children", "serious_harm", 2023, 2L, 5L, null, null, null),
            RowFactory.create("children", "serious_harm", 2024, 2L, 4L, 2L, 1.0, 1.0),
            RowFactory.create("incidents", "all", 2023, 4L, 4L, null, null, null),
            RowFactory.create("incidents", "all", 2024, 4L, 4L, 4L, 1.0, 1.0),
            RowFactory.create("incidents", "death", 2023, 2L, 4L, null, null, null),
            RowFactory.create("incidents", "death", 2024, 2L, 4L, 2L, 1.0, 1.0),
            RowFactory.create("incidents", "other", 2023, 1L, 4L, null, null, null),
            RowFactory.create("incidents", "other", 2024, 0L, 4L, 1L, 0.0, 1.0),
            RowFactory.create("incidents", "serious_harm", 2023, 1L, 4L, null, null, null),
            RowFactory.create("incidents", "serious_harm", 2024, 2L, 4L, 1L, 2.0, 1.0));
    Dataset<Row> actual =
        table("year_on_year")
            .filter("period_type = 'year'")
            .select(
                "measure",
                "category",
                "first_year",
                "count",
                "total",
                "previous_count",
                "ratio",
                "p_value")
            .orderBy("measure", "category", "first_year");
    frames.assertDataFrameApproximateEquals(spark.createDataFrame(expected, s), actual, 1e-9);
  }

  @Test
  void yearOnYearShareIsWilsonOfTheYearsTotal() {
    Row death =
        table("year_on_year")
            .filter("measure = 'incidents' and category = 'death' and period = '2023-24'")
            .select("share", "share_lower", "share_upper", "share_method", "change_method")
            .first();
    double[] w = wilson(2, 4, 0.95);
    assertEquals(0.5, death.getDouble(0), 1e-12);
    assertEquals(w[0], death.getDouble(1), 1e-9);
    assertEquals(w[1], death.getDouble(2), 1e-9);
    assertEquals("wilson", death.getString(3));
    assertEquals("exact_conditional_binomial", death.getString(4));
    Row first =
        table("year_on_year")
            .filter("period = '2022-23' and category = 'all' and measure = 'incidents'")
            .select("change_null_reason", "share_null_reason")
            .first();
    assertEquals("no_previous_year", first.getString(0));
    assertEquals("not_applicable", first.getString(1));
  }

  @Test
  void ratesPerHundredThousandAndPooledRows() {
    // Population 1,000 in each year (fixture total rows): 4 incidents in 2023-24 = 400 per 100,000.
    Row y =
        table("year_on_year")
            .filter("measure = 'incidents' and category = 'all' and period = '2023-24'")
            .select(
                "population",
                "rate_per_100000",
                "rate_method",
                "previous_population",
                "rate_ratio",
                "rate_p_value")
            .first();
    assertEquals(1000L, y.getLong(0));
    assertEquals(400.0, y.getDouble(1), 1e-9);
    assertEquals("exact_poisson", y.getString(2));
    assertEquals(1000L, y.getLong(3));
    assertEquals(1.0, y.getDouble(4), 1e-12);
    assertEquals(1.0, y.getDouble(5), 1e-12);
    Row pooled =
        table("year_on_year")
            .filter("measure = 'children' and category = 'all' and period_type = 'pooled'")
            .select(
                "period",
                "count",
                "population",
                "rate_per_100000",
                "change_null_reason",
                "rate_change_null_reason")
            .first();
    assertEquals("2022-23 to 2023-24", pooled.getString(0));
    assertEquals(9L, pooled.getLong(1));
    assertEquals(2000L, pooled.getLong(2));
    assertEquals(450.0, pooled.getDouble(3), 1e-9);
    assertEquals("not_applicable", pooled.getString(4));
    assertEquals("not_applicable", pooled.getString(5));
  }

  static Row ratioRow(
      String period,
      String characteristic,
      String category,
      long x,
      long n,
      long notRecorded,
      long population,
      double populationShare,
      String flag) {
    return ratioRow(
        period,
        characteristic,
        category,
        x,
        n,
        notRecorded,
        population,
        populationShare,
        1.0,
        flag);
  }

  /** The same with a design effect: Wilson's limits on the effective counts x / D of n / D. */
  static Row ratioRow(
      String period,
      String characteristic,
      String category,
      long x,
      long n,
      long notRecorded,
      long population,
      double populationShare,
      double designEffect,
      String flag) {
    double[] w = wilson(x / designEffect, n / designEffect, 0.95);
    double expected = n * populationShare;
    return RowFactory.create(
        period,
        characteristic,
        category,
        x,
        n,
        notRecorded,
        population,
        expected,
        x / expected,
        x == 0 ? 0.0 : w[0] / populationShare,
        w[1] / populationShare,
        flag);
  }

  @Test
  void representationAgainstPopulation() {
    StructType s =
        new StructType()
            .add("period", DataTypes.StringType)
            .add("characteristic", DataTypes.StringType)
            .add("category", DataTypes.StringType)
            .add("observed", DataTypes.LongType)
            .add("recorded_total", DataTypes.LongType)
            .add("not_recorded", DataTypes.LongType)
            .add("population", DataTypes.LongType)
            .add("expected", DataTypes.DoubleType)
            .add("ratio", DataTypes.DoubleType)
            .add("ratio_lower", DataTypes.DoubleType)
            .add("ratio_upper", DataTypes.DoubleType)
            .add("representation", DataTypes.StringType);
    // Limits: Wilson limits of the share (textbook formula, wilson below) / population share; the
    // pooled white row has the same share 0.7 in both years, so its stratified limits are the
    // pooled Wilson limits / 0.7. A share interval excluding the population share flags the row.
    // Children cluster in incidents: the pooled white share 3 / 8 has incidents (y, n) = A (1, 1),
    // B (0, 2), C, D, G (0, 1), E, F (1, 1), so by hand Σ (y - 3n/8)² / 8² = 2.15625 / 64 over
    // (3/8)(5/8) / 8 gives D = 1.15, and its limits are Wilson's on 3 / 1.15 of 8 / 1.15; the
    // other rows' incidents have one child each (D = 1).
    List<Row> expected =
        List.of(
            ratioRow(
                "2022-23 to 2023-24",
                "ethnicity",
                "white",
                3,
                8,
                1,
                1400,
                0.7,
                1.15,
                "not_different"),
            ratioRow("2023-24", "age_band", "under_1", 1, 4, 0, 60, 0.06, "not_different"),
            ratioRow("2023-24", "ethnicity", "black", 1, 3, 1, 50, 0.05, "over"),
            ratioRow("2023-24", "ethnicity", "mixed", 0, 3, 1, 60, 0.06, "not_different"),
            ratioRow("2023-24", "ethnicity", "white", 2, 3, 1, 700, 0.7, "not_different"),
            ratioRow("2023-24", "sex", "male", 2, 4, 0, 510, 0.51, "not_different"));
    Dataset<Row> actual =
        table("representation")
            .filter(
                "standardisation = 'none' and ((period = '2023-24' and ((characteristic = 'ethnicity' and category in ('white','black','mixed'))"
                    + " or (characteristic = 'sex' and category = 'male') or (characteristic = 'age_band' and category = 'under_1')))"
                    + " or (period_type = 'pooled' and characteristic = 'ethnicity' and category = 'white'))")
            .select(
                s.fieldNames()[0],
                java.util.Arrays.copyOfRange(s.fieldNames(), 1, s.fieldNames().length))
            .orderBy("period", "characteristic", "category");
    frames.assertDataFrameApproximateEquals(spark.createDataFrame(expected, s), actual, 1e-5);
  }

  @Test
  void notRecordedIsARowOfItsOwnAndAgeStandardisationSaysWhyItIsMissing() {
    Row unknown =
        table("representation")
            .filter("period = '2023-24' and characteristic = 'ethnicity' and category = 'unknown'")
            .select("observed", "share", "ratio", "ratio_null_reason", "share_null_reason")
            .first();
    assertEquals(1L, unknown.getLong(0));
    assertTrue(unknown.isNullAt(1) && unknown.isNullAt(2));
    assertEquals("not_recorded_category", unknown.getString(3));
    assertEquals("not_recorded_category", unknown.getString(4));
    List<Row> standardised =
        table("representation")
            .filter("standardisation = 'age'")
            .select("ratio", "ratio_null_reason", "share_null_reason")
            .collectAsList();
    assertEquals(5 * 3, standardised.size(), "five groups x (two years + pooled)");
    standardised.forEach(
        r -> {
          assertTrue(r.isNullAt(0));
          assertEquals("no_population_by_age", r.getString(1));
          assertEquals("not_applicable", r.getString(2));
        });
  }

  @Test
  void relativeRatesAgainstWhiteChildren() {
    // 2023-24: white 2 of 700, black 1 of 50, mixed 0 of 60 (fixture population).
    Row black =
        table("relative_rates")
            .filter("period = '2023-24' and category = 'black'")
            .select(
                "count",
                "population",
                "reference_count",
                "reference_population",
                "rate_per_100000",
                "relative_rate",
                "relative_rate_lower",
                "relative_rate_upper",
                "relative_rate_method")
            .first();
    assertEquals(1L, black.getLong(0));
    assertEquals(50L, black.getLong(1));
    assertEquals(2L, black.getLong(2));
    assertEquals(700L, black.getLong(3));
    assertEquals(2000.0, black.getDouble(4), 1e-9);
    double rr = (1 / 50.0) / (2 / 700.0);
    double z = new NormalDistribution().inverseCumulativeProbability(0.975);
    double se = Math.sqrt(1 / 1.0 + 1 / 2.0);
    assertEquals(7.0, black.getDouble(5), 1e-12);
    assertEquals(Math.exp(Math.log(rr) - z * se), black.getDouble(6), 1e-9);
    assertEquals(Math.exp(Math.log(rr) + z * se), black.getDouble(7), 1e-9);
    // Every child of 2023-24 is alone in its incident: design effects of 1, so the clustered
    // log-Wald limits are the textbook ones above.
    assertEquals("log_wald_design_effect", black.getString(8));
    assertEquals(
        "zero_count",
        table("relative_rates")
            .filter("period = '2023-24' and category = 'mixed'")
            .select("null_reason")
            .first()
            .getString(0));
    Row white =
        table("relative_rates")
            .filter("period = '2023-24' and category = 'white'")
            .select("relative_rate", "null_reason", "rate_per_100000")
            .first();
    assertTrue(white.isNullAt(0));
    assertEquals("reference_category", white.getString(1));
    assertEquals(2 / 700.0 * 100000, white.getDouble(2), 1e-9);
  }

  @Test
  void shareChangesBetweenYears() {
    // Boys: 3 of 5 children in 2022-23, 2 of 4 in 2023-24: -10 percentage points.
    Row male =
        table("share_changes")
            .filter("universe = 'children' and characteristic = 'sex' and category = 'male'")
            .select(
                "period",
                "previous_period",
                "previous_count",
                "previous_total",
                "count",
                "total",
                "difference_pp",
                "method")
            .first();
    assertEquals("2023-24", male.getString(0));
    assertEquals("2022-23", male.getString(1));
    assertEquals(
        List.of(3L, 5L, 2L, 4L),
        List.of(male.getLong(2), male.getLong(3), male.getLong(4), male.getLong(5)));
    assertEquals(-10.0, male.getDouble(6), 1e-9);
    assertEquals("newcombe_wilson_design_effect", male.getString(7)); // children
    Row deaths =
        table("share_changes")
            .filter("universe = 'incidents' and category = 'death'")
            .select("previous_count", "previous_total", "count", "total", "difference_pp")
            .first();
    assertEquals(
        List.of(2L, 4L, 2L, 4L),
        List.of(deaths.getLong(0), deaths.getLong(1), deaths.getLong(2), deaths.getLong(3)));
    assertEquals(0.0, deaths.getDouble(4), 1e-12);
  }

  @Test
  void distributionTestsAndTrend() {
    // Incident type by year: death 2,2; serious harm 1,2; other 1,0. Expected counts under
    // homogeneity (row total x column total / 8): 2,2; 1.5,1.5; 0.5,0.5 -> X2 = 4/3 on 2 df.
    Row types =
        table("distribution_tests")
            .filter("test = 'homogeneity_across_years' and characteristic = 'incident_type'")
            .select(
                "statistic",
                "degrees_of_freedom",
                "smallest_expected",
                "reliable",
                "p_value",
                "method",
                "counts")
            .first();
    assertEquals(4.0 / 3, types.getDouble(0), 1e-12);
    assertEquals(2, types.getInt(1));
    assertEquals(0.5, types.getDouble(2), 1e-12);
    assertEquals(false, types.getBoolean(3));
    // p_value holds the Monte Carlo p-value, the method named.
    assertTrue(types.getDouble(4) > 0 && types.getDouble(4) <= 1);
    assertEquals("pearson_chi_square_monte_carlo", types.getString(5));
    assertEquals("{\"death\":[2,2],\"serious_harm\":[1,2],\"other\":[1,0]}", types.getString(6));
    // Extrafamilial harm, 2023-24, among children with a known cause: boys 1 of 1 (G; H's cause
    // is unknown), girls 0 of 2 (E, F). Children: Rao-Scott, each share's design effect 1 (a
    // share of 0 or 1), so δ = 1 and p = P(χ²₁ ≥ X²) with X² = 3 · (1 · 2 − 0)² / (1 · 2 · 1 · 2)
    // = 3: p = 0.08326451666355042 (scipy 1.17.1 chi2.sf(3, 1)); not Fisher's 1/3, which assumes
    // independent children. The expected counts are below 5, so the row is not reliable.
    Row extrafamilial =
        table("associations")
            .filter(
                "association = 'harm_form_by_sex' and category = 'extrafamilial_harm' and period = '2023-24'")
            .select(
                "p_value",
                "method",
                "proportion_ratio",
                "proportion_ratio_null_reason",
                "counts",
                "null_reason",
                "design_effect",
                "reliable")
            .first();
    assertEquals(0.08326451666355042, extrafamilial.getDouble(0), 1e-12);
    assertEquals("pearson_chi_square_rao_scott", extrafamilial.getString(1));
    assertTrue(extrafamilial.isNullAt(2));
    assertEquals("zero_count", extrafamilial.getString(3));
    assertEquals(
        "{\"male\":[1,1],\"female\":[0,2],\"design_effect\":{\"male\":1.0,\"female\":1.0}}",
        extrafamilial.getString(4));
    assertTrue(extrafamilial.isNullAt(5));
    assertEquals(1.0, extrafamilial.getDouble(6), 1e-12);
    assertEquals(false, extrafamilial.getBoolean(7));
    // Two reporting years are too few for a trend.
    assertEquals(
        List.of("too_few_years"),
        table("trend")
            .select("null_reason")
            .distinct()
            .as(org.apache.spark.sql.Encoders.STRING())
            .collectAsList());
  }

  @Test
  void causeDistribution() {
    StructType s =
        new StructType()
            .add("period", DataTypes.StringType)
            .add("incident_type", DataTypes.StringType)
            .add("category", DataTypes.StringType)
            .add("count", DataTypes.LongType)
            .add("recorded_total", DataTypes.LongType)
            .add("total", DataTypes.LongType)
            .add("share", DataTypes.DoubleType)
            .add("rank", DataTypes.IntegerType);
    List<Row> expected =
        List.of(
            RowFactory.create("2022-23", "death", "sudi", 1L, 2L, 2L, 0.5, 1),
            RowFactory.create("2022-23", "death", "suicide", 1L, 2L, 2L, 0.5, 1),
            RowFactory.create(
                "2022-23", "serious_harm", "nonfatal_assault_family", 2L, 2L, 2L, 1.0, 1),
            RowFactory.create("2023-24", "death", "sudi", 1L, 1L, 2L, 1.0, 1),
            RowFactory.create("2023-24", "death", "suicide", 0L, 1L, 2L, 0.0, 2),
            RowFactory.create("2023-24", "death", "unknown", 1L, 1L, 2L, null, null),
            RowFactory.create(
                "2023-24", "serious_harm", "extrafamilial_assault", 1L, 2L, 2L, 0.5, 1),
            RowFactory.create(
                "2023-24", "serious_harm", "sexual_abuse_exploitation", 1L, 2L, 2L, 0.5, 1));
    Dataset<Row> actual =
        table("cause_distribution")
            .filter(
                "period_type = 'year' and (count > 0 or (period = '2023-24' and category = 'suicide'))")
            .select(
                "period",
                "incident_type",
                "category",
                "count",
                "recorded_total",
                "total",
                "share",
                "rank")
            .orderBy("period", "incident_type", "category");
    frames.assertDataFrameApproximateEquals(spark.createDataFrame(expected, s), actual, 1e-12);
  }

  @Test
  void everyRowIsSelfDescribingAndTheRunIsPublished() throws Exception {
    for (String t : List.of("year_on_year", "representation", "cause_distribution")) {
      Dataset<Row> d = table(t);
      assertEquals(0, d.filter(col("run_id").notEqual(result.runId())).count(), t + " run_id");
      assertEquals(
          0, d.filter(col("confidence_level").notEqual(0.95)).count(), t + " confidence_level");
      assertEquals(0, d.filter(col("synthetic").notEqual(true)).count(), t + " synthetic");
    }
    Path out = tmp.resolve("out");
    assertEquals(result.runId(), Files.readString(out.resolve("LATEST")).trim());
    assertEquals(
        out.resolve("runs").resolve(result.runId()).toRealPath(),
        out.resolve("latest").toRealPath());
    String manifest = Files.readString(out.resolve("latest/manifest.json"));
    assertTrue(manifest.contains("\"sha256\""), manifest);
    assertTrue(
        manifest.contains(
            "\"incidents\" : {\n      \"read\" : 9,\n      \"accepted\" : 9,\n      \"quarantined\" : 0"),
        manifest);
    assertEquals(0, table("quarantine").count());
    assertTrue(
        printed.contains(
            "4 serious incidents were notified in 2023-24: 50% deaths, 50% serious harm and 0% other"
                + " (partial year: provisional)."),
        printed);
    // 4 against 4: no change, but with an interval far too wide to call it little.
    assertTrue(
        printed.contains("In 2023-24, notifications showed no clear change (from 4 to 4;"),
        printed);
  }

  @Test
  void aRunReadsAndHashesTheFilesItsOnePreflightFound() throws Exception {
    String dir = "src/test/resources/fixtures/small/";
    Path parts = tmp.resolve("incident-parts");
    Files.createDirectories(parts);
    Files.copy(Fixtures.file(dir + "incidents.csv"), parts.resolve("part-0.csv"));
    Path jobFile =
        Fixtures.jobFile(
            tmp.resolve("parts-job"),
            parts.toString(),
            Fixtures.file(dir + "population.csv").toString(),
            null,
            2023,
            2024,
            "[0.95]",
            tmp.resolve("parts-out"));
    JobConfig job = JobConfig.load(jobFile, null);
    JobInputs checked = JobInputs.check(job);
    // A part added after the check, with a header a second preflight would refuse.
    Fixtures.write(parts, "part-1.csv", List.of("incident_id", "X1"));
    assertThrows(InvalidInputException.class, () -> JobInputs.check(job));
    SafeguardStatsJob.RunResult run =
        SafeguardStatsJob.run(
            spark,
            job,
            checked,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertEquals(9, run.rowCounts().get("incidents").read());
    JsonNode files =
        new ObjectMapper()
            .readTree(tmp.resolve("parts-out/latest/manifest.json").toFile())
            .path("inputs")
            .path("incidents")
            .path("files");
    assertEquals(1, files.size());
    assertEquals(parts.resolve("part-0.csv").toString(), files.get(0).path("path").asText());
  }
}
