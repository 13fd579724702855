package org.safeguardstats.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safeguardstats.config.JobConfig;
import org.safeguardstats.testing.Fixtures;
import org.safeguardstats.testing.SparkTestBase;

/**
 * The key findings of the sample run, read back from the written tables as an analyst would: every
 * supporting reference picks out exactly one row of its table, and every number in a sentence is a
 * value of a cited column, rounded as the sentence shows it (rounded here independently of the
 * project's wording code: BigDecimal half up on the written value).
 */
class KeyFindingsTest extends SparkTestBase {
  @TempDir static Path tmp;
  static Path latest;
  static String printed;

  @BeforeAll
  static void runTheSample() {
    Path out = tmp.resolve("sample");
    JobConfig job = JobConfig.load(Fixtures.file("jobs/annual-report.yaml"), out.toString());
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    SafeguardStatsJob.run(spark, job, new PrintStream(buf, true, StandardCharsets.UTF_8));
    printed = buf.toString(StandardCharsets.UTF_8);
    latest = out.resolve("latest/internal");
  }

  static List<Row> findings() {
    return spark
        .read()
        .parquet(latest.resolve("key_findings").toString())
        .orderBy("confidence_level", "finding_order")
        .collectAsList();
  }

  @Test
  void everyTopicHasAFindingAtEveryLevelWithItsFigures() {
    List<Row> rows = findings();
    Set<String> ids = new HashSet<>();
    for (Row r : rows) {
      ids.add(r.getString(r.fieldIndex("finding_id")));
      assertNull(r.get(r.fieldIndex("null_reason")), r.getString(r.fieldIndex("sentence")));
    }
    // The eleven published key findings' topics, then the three spotlights (issue 10).
    assertEquals(
        Set.of(
            "notifications",
            "incident_types",
            "sex_and_harm",
            "age_groups",
            "ethnicity",
            "not_recorded",
            "causes",
            "social_care",
            "ehc_plans",
            "mental_health",
            "parental_needs",
            "abuse",
            "practice_themes",
            "spotlight_mental_health",
            "spotlight_preschool_parents",
            "spotlight_extrafamilial"),
        ids);
    assertEquals(2 * ids.size(), rows.size(), "one row per finding and level");
  }

  @Test
  void everyReferencePicksOutOneRowAndEverySentenceNumberIsACitedValue() throws Exception {
    ObjectMapper json = new ObjectMapper();
    for (Row finding : findings()) {
      String sentence = finding.getString(finding.fieldIndex("sentence"));
      double level = finding.getDouble(finding.fieldIndex("confidence_level"));
      Set<String> shown = new HashSet<>();
      shown.add(plain(level * 100) + "%");
      JsonNode refs = json.readTree(finding.getString(finding.fieldIndex("supporting")));
      assertTrue(refs.size() > 0, sentence);
      for (JsonNode ref : refs) {
        Dataset<Row> table =
            spark.read().parquet(latest.resolve(ref.get("table").asText()).toString());
        Column match = lit(true);
        for (var key : (Iterable<java.util.Map.Entry<String, JsonNode>>) ref.get("keys")::fields) {
          JsonNode v = key.getValue();
          match =
              match.and(
                  col(key.getKey())
                      .equalTo(
                          v.isNumber()
                              ? v.numberValue()
                              : v.isBoolean() ? v.asBoolean() : v.asText()));
        }
        List<Row> hit = table.filter(match).collectAsList();
        assertEquals(1, hit.size(), ref + " picks out one row, for: " + sentence);
        for (JsonNode column : ref.get("columns")) {
          Object v = hit.get(0).get(hit.get(0).fieldIndex(column.asText()));
          if (v instanceof Number n) {
            shown.addAll(renderings(n.doubleValue()));
          }
        }
      }
      // Years and age-band labels ("2023-24", "aged 11 to 15", "under 1") are words, not
      // figures; only ages are stripped, so "from 402 to 330" is still checked.
      String figures =
          sentence
              .replaceAll("\\d{4}-\\d{2}", "")
              .replaceAll("(?<=aged |ages )\\d+ to \\d+", "")
              .replaceAll("(?i)under 1\\b", "");
      Matcher m = NUMBER.matcher(figures);
      while (m.find()) {
        // A figure after "fell by" is the magnitude of a negative value; any other keeps its sign.
        boolean fell = figures.substring(0, m.start()).endsWith("fell by ");
        String figure = fell ? "-" + m.group(1) : m.group(1);
        assertTrue(
            shown.contains(figure),
            "'" + figure + "' in \"" + sentence + "\" is a cited value; cited: " + shown);
      }
    }
  }

  static final Pattern NUMBER = Pattern.compile("([-+]?\\d+(?:\\.\\d+)?%?)");

  /**
   * The ways a sentence may show a value, with its sign: whole percent of a share or of a
   * percentage (half up, away from zero; "-18%", and "18%" or "+18%" when positive), 2 dp (a
   * ratio), 3 dp (a q-value; "< 0.001" below it), a count.
   */
  static Set<String> renderings(double v) {
    Set<String> s = new HashSet<>();
    BigDecimal d = BigDecimal.valueOf(v);
    for (BigDecimal whole :
        List.of(
            d.movePointRight(2).setScale(0, RoundingMode.HALF_UP),
            d.setScale(0, RoundingMode.HALF_UP))) {
      s.add(whole.toPlainString() + "%");
      if (whole.signum() > 0) {
        s.add("+" + whole.toPlainString() + "%");
      }
    }
    s.add(String.format(Locale.ROOT, "%.2f", v));
    s.add(v < 0.001 ? "0.001" : String.format(Locale.ROOT, "%.3f", v)); // q-values
    if (v == Math.rint(v)) {
      s.add(String.valueOf((long) v));
    }
    return s;
  }

  static String plain(double v) {
    return BigDecimal.valueOf(v)
        .setScale(6, RoundingMode.HALF_UP)
        .stripTrailingZeros()
        .toPlainString();
  }

  @Test
  void theRunPrintsTheFindingsAndWritesThemAsMarkdown() throws Exception {
    String md = Files.readString(latest.resolve("key_findings.md"));
    assertTrue(md.startsWith("# Key findings, 2023-24 (95% confidence intervals)"), md);
    assertTrue(md.contains("SYNTHETIC"), md);
    long first = 0;
    for (Row r : findings()) {
      if (r.getDouble(r.fieldIndex("confidence_level")) == 0.95) {
        String sentence = r.getString(r.fieldIndex("sentence"));
        assertTrue(md.contains(sentence), sentence);
        assertTrue(printed.contains(sentence), sentence);
        first++;
      }
    }
    assertEquals(first, md.lines().filter(l -> l.startsWith("- **")).count(), "first level only");
  }
}
