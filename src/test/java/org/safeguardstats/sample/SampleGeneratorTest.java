package org.safeguardstats.sample;

import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safeguardstats.schema.DeclaredSchema;

class SampleGeneratorTest {

  static SparkSession spark;
  static Path base;
  static Path codeLists;
  static Path defaultOut;
  @TempDir static Path tmp;

  @BeforeAll
  static void setUp() {
    spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("SampleGeneratorTest")
            .config("spark.sql.shuffle.partitions", "4")
            .config("spark.ui.enabled", "false")
            .getOrCreate();
    base = Paths.get(System.getProperty("project.basedir", "."));
    codeLists = base.resolve("data-schemas/code-lists");
    defaultOut = tmp.resolve("default");
    SampleGenerator.generate(spark, SampleSpec.defaults(), defaultOut);
  }

  @AfterAll
  static void tearDown() {
    if (spark != null) {
      spark.stop();
    }
  }

  // ---- layout and format -----------------------------------------------------------------------

  @Test
  void writesOneCsvPerInputWithSchemaColumnOrder() throws IOException {
    for (String[] f :
        new String[][] {
          {"incidents", "incident"}, {"population", "population"}, {"reviews", "reviews"}
        }) {
      Path file = defaultOut.resolve(f[0] + ".csv");
      assertTrue(Files.isRegularFile(file), file + " missing");
      String header = Files.readAllLines(file, StandardCharsets.UTF_8).get(0);
      assertEquals(String.join(",", schemaColumns(f[1])), header, f[0]);
    }
    try (Stream<Path> s = Files.list(defaultOut)) {
      assertEquals(
          Set.of("incidents.csv", "population.csv", "reviews.csv"),
          s.map(p -> p.getFileName().toString()).collect(Collectors.toSet()));
    }
    String inc = Files.readString(defaultOut.resolve("incidents.csv"));
    assertFalse(inc.contains("\""), "no quoting in incidents.csv");
    assertFalse(
        Files.readString(defaultOut.resolve("population.csv")).contains("\""),
        "no quoting in population.csv");
    List<Map<String, String>> rows = read(defaultOut.resolve("incidents.csv"));
    for (Map<String, String> r : rows) {
      assertTrue(r.get("rapid_review").equals("true") || r.get("rapid_review").equals("false"));
      assertTrue(r.get("notification_date").matches("\\d{4}-\\d{2}-\\d{2}"));
      assertTrue(r.get("incident_id").matches("SYN-\\d{4}-\\d{5}"));
    }
    // sorted by incident_id then child_ref
    List<String> keys =
        rows.stream().map(r -> r.get("incident_id") + "/" + r.get("child_ref")).toList();
    assertEquals(keys.stream().sorted().toList(), keys);
  }

  @Test
  void defaultSampleIsTheCommittedOne() throws IOException {
    // The regression test's expected outputs are computed on data/sample: it must not drift.
    for (String f : List.of("incidents.csv", "population.csv", "reviews.csv")) {
      assertArrayEquals(
          Files.readAllBytes(base.resolve("data/sample").resolve(f)),
          Files.readAllBytes(defaultOut.resolve(f)),
          f);
    }
  }

  @Test
  void datasetColumnsAreTheDeclaredSchemaColumnsInOrder() {
    SampleSpec spec = new SampleSpec(2024, 2024, 1, 3);
    assertEquals(
        DeclaredSchema.input("incident").columnNames(),
        List.of(SampleGenerator.incidents(spark, spec).columns()));
    assertEquals(
        DeclaredSchema.input("population").columnNames(),
        List.of(SampleGenerator.population(spark, spec).columns()));
    assertEquals(
        DeclaredSchema.input("reviews").columnNames(),
        List.of(SampleGenerator.reviews(spark, spec).columns()));
  }

  @Test
  void codesAreCheckedAgainstTheSchemaAndCodeLists() {
    Vocabulary v = new Vocabulary();
    assertEquals("male", v.code("sex", "male"));
    assertEquals("sudi", v.code("likely_cause", "sudi"));
    assertThrows(IllegalStateException.class, () -> v.code("sex", "unknown"));
    assertThrows(IllegalStateException.class, () -> v.code("likely_cause", "sids"));
    Draws d = new Draws(1, v);
    assertThrows(
        IllegalStateException.class, () -> d.pick("disability", lit(0.5), "yes", 0.5, "maybe"));
    // A calibration table must cover its code list exactly.
    assertThrows(
        IllegalStateException.class,
        () -> Vocabulary.covering(Map.of("white", 1.0), v.groups, "shares"));
    assertEquals(List.of("white", "mixed", "asian", "black", "other"), v.groups);
    assertEquals(List.of("male", "female"), v.sexes);
  }

  // ---- determinism
  // --------------------------------------------------------------------------------

  @Test
  void sameSeedGivesIdenticalBytesAndOtherSeedDiffers() throws IOException {
    Path again = tmp.resolve("again");
    SampleGenerator.generate(spark, SampleSpec.defaults(), again, SampleGenerator.Layout.AUTO);
    for (String f : List.of("incidents.csv", "population.csv", "reviews.csv")) {
      assertArrayEquals(
          Files.readAllBytes(defaultOut.resolve(f)), Files.readAllBytes(again.resolve(f)), f);
    }
    Path other = tmp.resolve("other-seed");
    SampleGenerator.generate(
        spark, SampleSpec.defaults().withSeed(7), other, SampleGenerator.Layout.AUTO);
    assertFalse(
        Arrays.equals(
            Files.readAllBytes(defaultOut.resolve("incidents.csv")),
            Files.readAllBytes(other.resolve("incidents.csv"))));
    assertFalse(
        Arrays.equals(
            Files.readAllBytes(defaultOut.resolve("reviews.csv")),
            Files.readAllBytes(other.resolve("reviews.csv"))));
    // The calibrated counts do not depend on the seed.
    List<Map<String, String>> o = read(other.resolve("incidents.csv"));
    assertEquals(330, distinct(o, r -> r.get("incident_id").startsWith("SYN-2024-")));
  }

  // ---- scale
  // ----------------------------------------------------------------------------------------

  @Test
  void largerScaleMultipliesCountsAndCanWriteParts() throws IOException {
    SampleSpec spec = new SampleSpec(2023, 2024, 4, 11);
    Path out = tmp.resolve("scale4");
    SampleGenerator.generate(spark, spec, out, SampleGenerator.Layout.PARTS);
    assertTrue(Files.isDirectory(out.resolve("incidents")));
    assertFalse(Files.exists(out.resolve("incidents.csv")));
    List<Map<String, String>> rows = new ArrayList<>();
    try (Stream<Path> s = Files.list(out.resolve("incidents"))) {
      List<Path> parts = s.sorted().toList();
      assertTrue(
          parts.stream().allMatch(p -> p.getFileName().toString().matches("part-\\d{5}\\.csv")),
          parts.toString());
      for (Path p : parts) {
        rows.addAll(read(p));
      }
    }
    assertEquals(4 * 330, distinct(rows, r -> r.get("incident_id").startsWith("SYN-2024-")));
    assertEquals(4 * 402, distinct(rows, r -> r.get("incident_id").startsWith("SYN-2023-")));
    long deaths2024 =
        rows.stream()
            .filter(r -> r.get("incident_id").startsWith("SYN-2024-"))
            .filter(r -> r.get("child_ref").equals("C1") && r.get("incident_type").equals("death"))
            .count();
    assertEquals(4 * 162, deaths2024);
    long children2024 =
        rows.stream().filter(r -> r.get("incident_id").startsWith("SYN-2024-")).count();
    assertTrue(children2024 >= 4 * 475 && children2024 <= 4 * 495, "children " + children2024);
    // population does not scale: real totals
    long pop2024 =
        SampleGenerator.population(spark, spec)
            .filter("year = 2024")
            .selectExpr("sum(population)")
            .first()
            .getLong(0);
    assertEquals(11_886_910L, pop2024);
    long reviews =
        SampleGenerator.reviews(spark, spec).filter("review_id like 'SYN-LCSPR-2024-%'").count();
    assertEquals(4 * 82, reviews);
  }

  @Test
  void scaleWorksThroughTheDatasetApiAtTenTimes() {
    SampleSpec spec = new SampleSpec(2024, 2024, 10, 5);
    long incidents =
        SampleGenerator.incidents(spark, spec).select("incident_id").distinct().count();
    assertEquals(3300, incidents);
  }

  // ---- calibration of the default sample
  // ------------------------------------------------------------

  @Test
  void defaultSampleTellsTheAnnualReportStory() throws IOException {
    List<Map<String, String>> rows = read(defaultOut.resolve("incidents.csv"));
    Map<Integer, Integer> expected =
        Map.of(2019, 480, 2020, 449, 2021, 536, 2022, 442, 2023, 402, 2024, 330);
    for (Map.Entry<Integer, Integer> e : expected.entrySet()) {
      int y = e.getKey();
      assertEquals(
          (long) e.getValue(), distinct(rows, r -> reportingYear(r) == y), "incidents " + y);
      // incident id year = reporting year of the notification date
      assertTrue(
          rows.stream()
              .filter(r -> reportingYear(r) == y)
              .allMatch(r -> r.get("incident_id").startsWith("SYN-" + y + "-")));
    }
    List<Map<String, String>> y2024 = rows.stream().filter(r -> reportingYear(r) == 2024).toList();
    assertEquals(162, distinct(y2024, r -> r.get("incident_type").equals("death")));
    assertEquals(158, distinct(y2024, r -> r.get("incident_type").equals("serious_harm")));
    assertEquals(10, distinct(y2024, r -> r.get("incident_type").equals("other")));
    assertTrue(y2024.size() >= 475 && y2024.size() <= 495, "children 2024: " + y2024.size());
    for (int y = 2019; y <= 2023; y++) {
      final int yy = y;
      List<Map<String, String>> ys = rows.stream().filter(r -> reportingYear(r) == yy).toList();
      double deathShare =
          distinct(ys, r -> r.get("incident_type").equals("death")) / (double) expected.get(y);
      double otherShare =
          distinct(ys, r -> r.get("incident_type").equals("other")) / (double) expected.get(y);
      assertTrue(deathShare >= 0.41 && deathShare <= 0.48, y + " deaths " + deathShare);
      assertTrue(otherShare >= 0.025 && otherShare <= 0.065, y + " other " + otherShare);
    }

    // Age: under-1s largest; 16-17 second in 2024, 11-15 second in 2023 (and 2019-2022).
    List<String> rank2024 = bandRanking(y2024);
    assertEquals("under_1", rank2024.get(0), rank2024.toString());
    assertEquals("16_to_17", rank2024.get(1), rank2024.toString());
    for (int y = 2019; y <= 2023; y++) {
      final int yy = y;
      List<String> rank = bandRanking(rows.stream().filter(r -> reportingYear(r) == yy).toList());
      assertEquals("under_1", rank.get(0), y + " " + rank);
      assertEquals("11_to_15", rank.get(1), y + " " + rank);
    }
    double under1 =
        rows.stream().filter(r -> "0".equals(r.get("age_years"))).count() / (double) rows.size();
    assertTrue(under1 > 0.27 && under1 < 0.33, "under-1 share " + under1);

    // Causes
    for (Map<String, String> r : rows) {
      String cause = r.get("likely_cause");
      String age = r.get("age_years");
      if (r.get("incident_type").equals("death")) {
        assertFalse(cause.isEmpty(), "death without cause " + r);
      }
      if (cause.equals("sudi")) {
        assertTrue(!age.isEmpty() && Integer.parseInt(age) < 2, "SUDI at age " + age);
      }
      if (cause.equals("suicide")) {
        assertTrue(!age.isEmpty() && Integer.parseInt(age) >= 10, "suicide at age " + age);
      }
      if (r.get("incident_type").equals("other")) {
        assertTrue(cause.isEmpty() || cause.equals("unknown"));
      }
      if (!r.get("extrafamilial_harm_type").isEmpty()) {
        assertEquals("yes", r.get("extrafamilial_harm"));
      }
      if (age.isEmpty()) {
        assertEquals("not_recorded", r.get("age_band"));
      } else {
        assertEquals("", r.get("age_band"));
        int a = Integer.parseInt(age);
        assertEquals(a >= 18 ? "yes" : "no", r.get("care_leaver"));
      }
      String themes = r.get("practice_themes");
      int n = themes.split(";").length;
      assertTrue(n >= 1 && n <= 3, themes);
    }
    Map<String, Long> deathCauses =
        count(
            rows.stream().filter(r -> r.get("incident_type").equals("death")).toList(),
            "likely_cause");
    assertEquals("sudi", top(deathCauses, 0), deathCauses.toString());
    assertEquals("suicide", top(deathCauses, 1), deathCauses.toString());
    Map<String, Long> harmCauses =
        count(
            rows.stream().filter(r -> r.get("incident_type").equals("serious_harm")).toList(),
            "likely_cause");
    assertEquals("nonfatal_assault_family", top(harmCauses, 0), harmCauses.toString());

    // Sex: fairly even; harm differs by sex.
    Map<String, Long> sex = count(rows, "sex");
    double male = sex.get("male") / (double) rows.size();
    assertTrue(male > 0.44 && male < 0.56, "male share " + male);
    assertTrue(sex.getOrDefault("not_recorded", 0L) < 0.03 * rows.size());
    double efBoys =
        share(
            rows, r -> r.get("sex").equals("male"), r -> r.get("extrafamilial_harm").equals("yes"));
    double efGirls =
        share(
            rows,
            r -> r.get("sex").equals("female"),
            r -> r.get("extrafamilial_harm").equals("yes"));
    assertTrue(efBoys > efGirls, efBoys + " vs " + efGirls);
    double saeBoys =
        share(
            rows,
            r -> r.get("sex").equals("male"),
            r -> r.get("likely_cause").equals("sexual_abuse_exploitation"));
    double saeGirls =
        share(
            rows,
            r -> r.get("sex").equals("female"),
            r -> r.get("likely_cause").equals("sexual_abuse_exploitation"));
    assertTrue(saeGirls > saeBoys, saeGirls + " vs " + saeBoys);

    // Not-recorded rates
    double sexualityNo = share(rows, r -> true, r -> r.get("sexuality_recorded").equals("no"));
    assertTrue(sexualityNo > 0.78 && sexualityNo < 0.92, "sexuality not recorded " + sexualityNo);
    double disabilityNr = share(rows, r -> true, r -> r.get("disability").equals("not_recorded"));
    assertTrue(disabilityNr > 0.33 && disabilityNr < 0.47, "disability nr " + disabilityNr);
    double known =
        share(rows, r -> true, r -> r.get("social_care_contact").matches("current|previous"));
    assertTrue(known > 0.68 && known < 0.82, "known to CSC " + known);
  }

  @Test
  void ethnicityRepresentationAgainstTheSampleBaseline() throws IOException {
    List<Map<String, String>> rows = read(defaultOut.resolve("incidents.csv"));
    Map<String, String> major = new HashMap<>();
    for (Map<String, String> r : read(codeLists.resolve("ethnicity.csv"))) {
      major.put(r.get("code"), r.get("major_group"));
    }
    Map<String, Long> obs = new TreeMap<>();
    long recorded = 0;
    for (Map<String, String> r : rows) {
      String g = major.get(r.get("ethnicity"));
      assertNotNull(g, "unknown ethnicity code " + r.get("ethnicity"));
      if (!g.equals("unknown")) {
        obs.merge(g, 1L, Long::sum);
        recorded++;
      }
    }
    double unknown = 1 - recorded / (double) rows.size();
    assertTrue(unknown > 0.03 && unknown < 0.08, "unknown ethnicity " + unknown);
    Map<String, Long> pop = new TreeMap<>();
    long popTotal = 0;
    for (Map<String, String> r : read(defaultOut.resolve("population.csv"))) {
      pop.merge(r.get("ethnic_group"), Long.parseLong(r.get("population")), Long::sum);
      popTotal += Long.parseLong(r.get("population"));
    }
    Map<String, Double> ratio = new TreeMap<>();
    for (String g : obs.keySet()) {
      ratio.put(g, (obs.get(g) / (double) recorded) / (pop.get(g) / (double) popTotal));
    }
    assertTrue(ratio.get("black") > 1.4 && ratio.get("black") < 2.1, ratio.toString());
    assertTrue(ratio.get("mixed") > 1.4 && ratio.get("mixed") < 2.1, ratio.toString());
    assertTrue(ratio.get("asian") > 0.45 && ratio.get("asian") < 0.75, ratio.toString());
  }

  @Test
  void populationMatchesRealTotalsAndShape() throws IOException {
    List<Map<String, String>> rows = read(defaultOut.resolve("population.csv"));
    Map<String, Long> byYear = new TreeMap<>();
    for (Map<String, String> r : rows) {
      byYear.merge(r.get("year"), Long.parseLong(r.get("population")), Long::sum);
      assertEquals("E92000001", r.get("geography_code"));
      assertTrue(r.get("source").startsWith("synthetic: "), r.get("source"));
      int age = Integer.parseInt(r.get("age"));
      assertTrue(age >= 0 && age <= 17);
      assertTrue(r.get("sex").matches("male|female"));
      assertTrue(r.get("ethnic_group").matches("white|mixed|asian|black|other"));
    }
    assertEquals(6 * 18 * 2 * 5, rows.size());
    assertEquals(11_761_660L, byYear.get("2023"));
    assertEquals(11_886_910L, byYear.get("2024"));
    for (String y : List.of("2019", "2020", "2021", "2022")) {
      assertTrue(
          byYear.get(y) > 11_800_000L && byYear.get(y) < 12_100_000L, y + " " + byYear.get(y));
      assertTrue(
          rows.stream()
              .filter(r -> r.get("year").equals(y))
              .allMatch(r -> r.get("source").contains("invented")));
    }
    // Mixed and Black younger than White: share aged 0-4 within the group.
    double whiteYoung = youngShare(rows, "white");
    assertTrue(youngShare(rows, "mixed") > whiteYoung + 0.02);
    assertTrue(youngShare(rows, "black") > whiteYoung + 0.01);
  }

  @Test
  void reviewsLinkToSampleIncidents() throws IOException {
    List<Map<String, String>> reviews = read(defaultOut.resolve("reviews.csv"));
    List<Map<String, String>> incidents = read(defaultOut.resolve("incidents.csv"));
    Map<String, Map<String, String>> byId = new HashMap<>();
    incidents.forEach(r -> byId.putIfAbsent(r.get("incident_id"), r));
    long in2024 =
        reviews.stream().filter(r -> r.get("review_id").startsWith("SYN-LCSPR-2024-")).count();
    assertEquals(82, in2024);
    int linked = 0;
    Set<String> seen = new HashSet<>();
    for (Map<String, String> r : reviews) {
      assertTrue(r.get("review_id").matches("SYN-LCSPR-\\d{4}-\\d{3}"));
      int y = Integer.parseInt(r.get("review_id").substring(10, 14));
      assertEquals(y, reportingYear(r.get("review_date")), r.toString());
      String iid = r.get("incident_id");
      if (!iid.isEmpty()) {
        linked++;
        Map<String, String> inc = byId.get(iid);
        assertNotNull(inc, "review links to missing incident " + iid);
        int iy = reportingYear(inc);
        assertTrue(iy == y || iy == y - 1, r.toString());
        assertEquals(inc.get("local_authority_code"), r.get("local_authority_code"));
        assertEquals("yes", inc.get("lcspr_commissioned"));
        assertTrue(
            inc.get("notification_date").compareTo(r.get("review_date")) <= 0, r + " vs " + inc);
        assertTrue(seen.add(iid), "two reviews of " + iid);
      }
    }
    assertTrue(linked > 0.75 * reviews.size(), "linked " + linked + " of " + reviews.size());
    double lcspr = share(incidents, x -> true, x -> x.get("lcspr_commissioned").equals("yes"));
    assertTrue(lcspr > 0.2 && lcspr < 0.32, "lcspr yes " + lcspr);
  }

  @Test
  void everyCodeIsInItsCodeList() throws IOException {
    Set<String> las = codes("local_authorities.csv", "la_code");
    Set<String> causes = codes("likely_causes.csv", "code");
    Set<String> eth = codes("ethnicity.csv", "code");
    Set<String> themes = codes("practice_themes.csv", "code");
    for (Map<String, String> r : read(defaultOut.resolve("incidents.csv"))) {
      assertTrue(las.contains(r.get("local_authority_code")), r.get("local_authority_code"));
      assertTrue(
          r.get("likely_cause").isEmpty() || causes.contains(r.get("likely_cause")),
          r.get("likely_cause"));
      assertTrue(eth.contains(r.get("ethnicity")));
      assertTrue(
          Arrays.stream(r.get("practice_themes").split(";")).allMatch(themes::contains),
          r.get("practice_themes"));
    }
    for (Map<String, String> r : read(defaultOut.resolve("reviews.csv"))) {
      assertTrue(las.contains(r.get("local_authority_code")));
      assertTrue(Arrays.stream(r.get("practice_themes").split(";")).allMatch(themes::contains));
    }
  }

  // ---- helpers ----------------------------------------------------------------------------------

  static List<String> schemaColumns(String schema) throws IOException {
    JsonNode n =
        new ObjectMapper()
            .readTree(base.resolve("data-schemas/inputs/" + schema + ".schema.json").toFile());
    List<String> cols = new ArrayList<>();
    n.get("properties").fieldNames().forEachRemaining(cols::add);
    return cols;
  }

  /** Small CSV reader: double-quoted fields allowed. */
  static List<Map<String, String>> read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<String> header = split(lines.get(0));
    List<Map<String, String>> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (line.isEmpty()) {
        continue;
      }
      List<String> f = split(line);
      assertEquals(header.size(), f.size(), line);
      Map<String, String> m = new LinkedHashMap<>();
      for (int i = 0; i < header.size(); i++) {
        m.put(header.get(i), f.get(i));
      }
      rows.add(m);
    }
    return rows;
  }

  static List<String> split(String line) {
    return org.safeguardstats.schema.CodeLists.cells(line);
  }

  static Set<String> codes(String list, String column) throws IOException {
    return read(codeLists.resolve(list)).stream()
        .map(r -> r.get(column))
        .collect(Collectors.toSet());
  }

  static int reportingYear(String isoDate) {
    LocalDate d = LocalDate.parse(isoDate);
    return d.getMonthValue() >= 4 ? d.getYear() + 1 : d.getYear();
  }

  static int reportingYear(Map<String, String> r) {
    return reportingYear(r.get("notification_date"));
  }

  static long distinct(List<Map<String, String>> rows, Predicate<Map<String, String>> p) {
    return rows.stream().filter(p).map(r -> r.get("incident_id")).distinct().count();
  }

  static String band(String age) {
    if (age.isEmpty()) {
      return "not_recorded";
    }
    int a = Integer.parseInt(age);
    return a == 0
        ? "under_1"
        : a <= 5
            ? "1_to_5"
            : a <= 10 ? "6_to_10" : a <= 15 ? "11_to_15" : a <= 17 ? "16_to_17" : "18_to_25";
  }

  static List<String> bandRanking(List<Map<String, String>> rows) {
    Map<String, Long> c =
        rows.stream()
            .collect(Collectors.groupingBy(r -> band(r.get("age_years")), Collectors.counting()));
    return c.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .map(Map.Entry::getKey)
        .toList();
  }

  static Map<String, Long> count(List<Map<String, String>> rows, String col) {
    return rows.stream()
        .collect(Collectors.groupingBy(r -> r.get(col), TreeMap::new, Collectors.counting()));
  }

  static String top(Map<String, Long> counts, int i) {
    return counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .skip(i)
        .findFirst()
        .orElseThrow()
        .getKey();
  }

  static double share(
      List<Map<String, String>> rows,
      Predicate<Map<String, String>> among,
      Predicate<Map<String, String>> p) {
    List<Map<String, String>> a = rows.stream().filter(among).toList();
    return a.stream().filter(p).count() / (double) a.size();
  }

  static double youngShare(List<Map<String, String>> pop, String group) {
    long all = 0;
    long young = 0;
    for (Map<String, String> r : pop) {
      if (r.get("ethnic_group").equals(group) && r.get("year").equals("2024")) {
        long n = Long.parseLong(r.get("population"));
        all += n;
        if (Integer.parseInt(r.get("age")) <= 4) {
          young += n;
        }
      }
    }
    return young / (double) all;
  }
}
