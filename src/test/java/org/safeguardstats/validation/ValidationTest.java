package org.safeguardstats.validation;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safeguardstats.config.JobConfig;
import org.safeguardstats.counts.Characteristics;
import org.safeguardstats.input.CheckedInput;
import org.safeguardstats.input.IncidentRecords;
import org.safeguardstats.input.InputShape;
import org.safeguardstats.input.PopulationTable;
import org.safeguardstats.input.ReviewRecords;
import org.safeguardstats.io.InputReader;
import org.safeguardstats.schema.DeclaredSchema;
import org.safeguardstats.testing.Fixtures;
import org.safeguardstats.testing.SparkTestBase;

/** Each validation rule rejects what it should, with its reason, and keeps what it should. */
class ValidationTest extends SparkTestBase {
  @TempDir static Path tmp;
  static JobConfig job;
  static final DeclaredSchema INCIDENT = DeclaredSchema.input("incident");

  /** A valid incident row; tests change single fields. */
  static Map<String, String> good(String incident, String child) {
    Map<String, String> r = new LinkedHashMap<>();
    INCIDENT.columnNames().forEach(c -> r.put(c, ""));
    r.putAll(
        Map.of(
            "incident_id",
            incident,
            "child_ref",
            child,
            "notification_date",
            "2023-06-01",
            "local_authority_code",
            "E06000001",
            "incident_type",
            "death",
            "rapid_review",
            "true",
            "likely_cause",
            "sudi",
            "sex",
            "female",
            "age_years",
            "0",
            "ethnicity",
            "WBRI"));
    r.put("care_leaver", "no");
    r.put("practice_themes", "risk_assessment;child_voice");
    return r;
  }

  static Map<String, String> with(Map<String, String> row, String... fieldValues) {
    Map<String, String> r = new LinkedHashMap<>(row);
    for (int i = 0; i < fieldValues.length; i += 2) {
      r.put(fieldValues[i], fieldValues[i + 1]);
    }
    return r;
  }

  static Path csv(String name, List<Map<String, String>> rows) {
    List<String> lines = new ArrayList<>();
    lines.add(String.join(",", rows.get(0).keySet()));
    rows.forEach(r -> lines.add(String.join(",", r.values())));
    return Fixtures.write(tmp, name, lines);
  }

  /** Reasons by CSV line (the header is line 1). */
  static Map<Long, List<String>> reasons(Validated v) {
    Map<Long, List<String>> m = new TreeMap<>();
    for (Row r : v.rows().select(InputReader.SOURCE_ROW, Validated.REASONS).collectAsList()) {
      m.put(r.getLong(0), r.getList(1));
    }
    return m;
  }

  @BeforeAll
  static void config() {
    Path jobFile =
        Fixtures.jobFile(tmp, "i.csv", "p.csv", null, 2023, 2024, "[0.95]", tmp.resolve("out"));
    job = JobConfig.load(jobFile, null);
  }

  /** An input file read and validated as a shape, as a run does. */
  static Validated validated(InputShape<?> shape, Path file, String format) {
    return CheckedInput.preflight(
            "test", shape, new JobConfig.InputSpec(file.toString(), format, null))
        .readAndValidate(new InputReader(spark));
  }

  Validated incidents(List<Map<String, String>> rows) {
    return validated(
        new IncidentRecords(job), csv("incidents-" + System.nanoTime() + ".csv", rows), "csv");
  }

  @Test
  void eachIncidentRuleRejectsWithItsReasonAndGoodRowsAreKept() {
    Map<String, String> g = good("I1", "C1");
    List<Object[]> cases =
        List.of(
            new Object[] {g, null},
            new Object[] {
              with(good("I2", "C1"), "age_years", "abc"), "age_years: not a whole number"
            },
            new Object[] {
              with(good("I3", "C1"), "rapid_review", "maybe"), "rapid_review: not true or false"
            },
            new Object[] {
              with(good("I4", "C1"), "notification_date", "2023-13-45"),
              "notification_date: not a date (yyyy-MM-dd)"
            },
            new Object[] {
              with(good("I5", "C1"), "ethnicity", "XXXX"),
              "ethnicity: unknown code (see data-schemas/code-lists/ethnicity.csv)"
            },
            new Object[] {
              with(good("I6", "C1"), "sex", "boy"), "sex: not one of male, female, not_recorded"
            },
            new Object[] {
              with(good("I7", "C1"), "practice_themes", "risk_assessment;nonsense"),
              "practice_themes: unknown code (see data-schemas/code-lists/practice_themes.csv)"
            },
            new Object[] {
              with(good("I8", "C1"), "notification_date", "2022-03-31"),
              "notification_date: outside the configured reporting years 2022-23 to 2023-24"
            },
            new Object[] {
              with(
                  good("I9", "C1"),
                  "age_years",
                  "30",
                  "care_leaver",
                  "yes",
                  "likely_cause",
                  "suicide"),
              "age_years: above the maximum 25"
            },
            new Object[] {
              with(good("I10", "C1"), "age_years", "19", "likely_cause", "suicide"),
              "age_years: over 17 is accepted only for care leavers"
            },
            new Object[] {
              with(good("I11", "C1"), "incident_id", ""), "incident_id: required value missing"
            },
            new Object[] {
              with(good("I12", "C1"), "likely_cause", ""), "likely_cause: required for a death"
            },
            new Object[] {
              with(good("I13", "C1"), "likely_cause", "neglect"),
              "likely_cause: a cause of serious harm given for a death"
            },
            new Object[] {
              with(good("I14", "C1"), "incident_type", "serious_harm", "likely_cause", "suicide"),
              "likely_cause: a cause of death given for serious harm"
            },
            new Object[] {
              with(
                  good("I15", "C1"),
                  "extrafamilial_harm",
                  "no",
                  "extrafamilial_harm_type",
                  "online_harm"),
              "extrafamilial_harm_type: given but extrafamilial_harm is not yes"
            },
            new Object[] {
              with(good("I16", "C1"), "age_years", "3", "age_band", "under_1"),
              "age_band: does not match age_years"
            },
            new Object[] {
              with(good("I17", "C1"), "age_years", "", "age_band", "1_to_4"),
              "age_band: not a Panel age band (under_1, 1_to_5, 6_to_10, 11_to_15, 16_to_17, 18_to_25, not_recorded)"
            },
            new Object[] {
              with(good("I18", "C1"), "local_authority_code", "E99999999"),
              "local_authority_code: unknown code (see data-schemas/code-lists/local_authorities.csv)"
            },
            new Object[] {
              with(good("I19", "C1"), "age_years", ""),
              "age_years: missing (give age_years, or age_band with not_recorded when unknown)"
            },
            new Object[] {
              with(good("I1", "C1"), "sex", "male"),
              "incident_id, child_ref: duplicate of an earlier row"
            },
            // Kept: a care leaver of 19, age given only as a band, an unknown age, a second child.
            new Object[] {
              with(
                  good("I20", "C1"),
                  "age_years",
                  "19",
                  "care_leaver",
                  "yes",
                  "likely_cause",
                  "suicide"),
              null
            },
            new Object[] {
              with(
                  good("I21", "C1"),
                  "age_years",
                  "",
                  "age_band",
                  "6_to_10",
                  "likely_cause",
                  "suicide"),
              null
            },
            new Object[] {
              with(
                  good("I22", "C1"),
                  "age_years",
                  "",
                  "age_band",
                  "not_recorded",
                  "likely_cause",
                  "unknown"),
              null
            },
            new Object[] {good("I1", "C2"), null});
    List<Map<String, String>> rows = new ArrayList<>();
    cases.forEach(c -> rows.add(castRow(c[0])));
    Validated v = incidents(rows);
    Map<Long, List<String>> got = reasons(v);
    for (int i = 0; i < cases.size(); i++) {
      long line = i + 2;
      String expected = (String) cases.get(i)[1];
      List<String> actual = got.get(line);
      if (expected == null) {
        assertEquals(List.of(), actual, "line " + line + " should be accepted");
      } else {
        assertEquals(List.of(expected), actual, "line " + line);
      }
    }
    Validated.RowCounts counts = v.counts();
    assertEquals(cases.size(), counts.read());
    assertEquals(5, counts.accepted());
    assertEquals(counts.read(), counts.accepted() + counts.quarantined());
    assertEquals(counts.quarantined(), v.quarantined().count());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> castRow(Object o) {
    return (Map<String, String>) o;
  }

  @Test
  void childrenWhoDisagreeOnTheirIncidentQuarantineEveryRowOfIt() {
    String type =
        "incident_type: differs between the children of this incident (all its rows are quarantined)";
    String date =
        "notification_date: differs between the children of this incident (all its rows are quarantined)";
    String la =
        "local_authority_code: differs between the children of this incident (all its rows are quarantined)";
    Validated v =
        incidents(
            List.of(
                good("J1", "C1"),
                with(good("J1", "C2"), "incident_type", "serious_harm", "likely_cause", "neglect"),
                good("J2", "C1"),
                with(good("J2", "C2"), "notification_date", "2023-06-02"),
                good("J3", "C1"),
                with(good("J3", "C2"), "local_authority_code", "E06000002"),
                good("J4", "C1"),
                good("J4", "C2")));
    Map<Long, List<String>> got = reasons(v);
    assertEquals(List.of(type), got.get(2L));
    assertEquals(List.of(type), got.get(3L));
    assertEquals(List.of(date), got.get(4L));
    assertEquals(List.of(date), got.get(5L));
    assertEquals(List.of(la), got.get(6L));
    assertEquals(List.of(la), got.get(7L));
    assertEquals(List.of(), got.get(8L));
    assertEquals(List.of(), got.get(9L));
    assertEquals(
        List.of("C1"),
        v.accepted()
            .filter(col(InputValidation.FIRST_CHILD))
            .select("child_ref")
            .as(org.apache.spark.sql.Encoders.STRING())
            .collectAsList());
  }

  @Test
  void aRowGetsEveryReasonThatApplies() {
    Validated v =
        incidents(
            List.of(with(good("I1", "C1"), "sex", "boy", "ethnicity", "XXXX", "likely_cause", "")));
    List<String> r = reasons(v).get(2L);
    assertEquals(3, r.size(), r.toString());
    Row q = v.quarantined().first();
    assertEquals("incidents", q.getAs("input"));
    assertEquals(2L, (long) q.getAs("source_row"));
    assertEquals(3, (int) q.getAs("reason_count"));
    assertTrue(((String) q.getAs("record")).contains("\"incident_id\":\"I1\""));
  }

  @Test
  void acceptedRowsAreTypedAndDerived() {
    Validated v =
        incidents(
            List.of(
                with(good("I1", "C1"), "notification_date", "2023-03-31", "age_years", "0"),
                with(
                    good("I2", "C1"),
                    "notification_date",
                    "2023-04-01",
                    "age_years",
                    "",
                    "age_band",
                    "11_to_15",
                    "ethnicity",
                    "NOBT",
                    "likely_cause",
                    "suicide")));
    List<Row> rows =
        v.accepted()
            .orderBy("incident_id")
            .select(
                col("reporting_year"),
                Characteristics.of("panel_age_band").values().getItem(0),
                Characteristics.of("ethnicity_major").values().getItem(0),
                col("rapid_review"),
                col("notification_date"))
            .collectAsList();
    assertEquals(2023, rows.get(0).getInt(0), "31 March 2023 falls in 2022-23");
    assertEquals("under_1", rows.get(0).getString(1));
    assertEquals("white", rows.get(0).getString(2));
    assertEquals(true, rows.get(0).getBoolean(3));
    assertEquals(java.sql.Date.valueOf("2023-03-31"), rows.get(0).getDate(4));
    assertEquals(2024, rows.get(1).getInt(0), "1 April 2023 falls in 2023-24");
    assertEquals("11_to_15", rows.get(1).getString(1));
    assertEquals("unknown", rows.get(1).getString(2));
  }

  @Test
  void jsonLinesAndParquetReadTheSameRowsWithTheirPositions() {
    Map<String, String> a = good("I1", "C1");
    Map<String, String> b = with(good("I2", "C1"), "sex", "boy");
    List<String> json = new ArrayList<>();
    for (Map<String, String> r : List.of(a, b)) {
      StringBuilder s = new StringBuilder("{");
      r.forEach(
          (k, val) -> {
            if (!val.isEmpty()) {
              s.append(s.length() > 1 ? "," : "")
                  .append('"')
                  .append(k)
                  .append("\":")
                  .append(
                      k.equals("age_years") || k.equals("rapid_review") ? val : "\"" + val + "\"");
            }
          });
      json.add(s.append("}").toString());
    }
    Path jsonl = Fixtures.write(tmp, "incidents.jsonl", json);
    Validated fromJson = validated(new IncidentRecords(job), jsonl, "jsonl");
    assertEquals(
        Map.of(1L, List.of(), 2L, List.of("sex: not one of male, female, not_recorded")),
        reasons(fromJson));

    Path parquet = tmp.resolve("incidents.parquet");
    fromJson
        .accepted()
        .drop(
            InputReader.SOURCE_FILE,
            InputReader.SOURCE_ROW,
            "reporting_year",
            InputValidation.FIRST_CHILD)
        .write()
        .parquet(parquet.toString());
    Validated fromParquet = validated(new IncidentRecords(job), parquet, "parquet");
    assertEquals(1, fromParquet.counts().accepted());
    assertEquals(0, fromParquet.counts().quarantined());
    assertEquals(
        fromJson.accepted().drop(InputReader.SOURCE_FILE, InputReader.SOURCE_ROW).collectAsList(),
        fromParquet
            .accepted()
            .drop(InputReader.SOURCE_FILE, InputReader.SOURCE_ROW)
            .collectAsList());
  }

  @Test
  void populationAndReviewRules() {
    Path pop =
        Fixtures.write(
            tmp,
            "population.csv",
            List.of(
                "year,geography_code,age,sex,ethnic_group,population,source",
                "2024,E92000001,0,male,white,100,s",
                "2024,E92000001,18,male,white,100,s",
                "2024,E92000001,1,male,white,-5,s",
                "2024,E92000001,0,male,white,100,s",
                "2024,E92000001,all,all,all,100,"));
    Validated p = validated(new PopulationTable(job), pop, "csv");
    assertEquals(
        Map.of(
            2L, List.of(),
            3L, List.of("age: not a single year 0 to 17 or all"),
            4L, List.of("population: below the minimum 0"),
            5L,
                List.of(
                    "year, geography_code, age, sex, ethnic_group: duplicate of an earlier row"),
            6L, List.of("source: required value missing")),
        reasons(p));

    Path reviews =
        Fixtures.write(
            tmp,
            "reviews.csv",
            List.of(
                "review_id,incident_id,review_date,local_authority_code,practice_themes",
                "R1,,2023-06-01,E06000001,child_voice",
                "R1,,2023-07-01,E06000001,",
                "R2,I1,2021-01-01,E06000001,"));
    Validated r = validated(new ReviewRecords(job), reviews, "csv");
    assertEquals(
        Map.of(
            2L, List.of(),
            3L, List.of("review_id: duplicate of an earlier row"),
            4L, List.of("review_date: outside the configured reporting years 2022-23 to 2023-24")),
        reasons(r));
  }
}
