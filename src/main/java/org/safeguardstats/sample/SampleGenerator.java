package org.safeguardstats.sample;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.shiftRightUnsigned;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Deterministic, seeded generator of the three SYNTHETIC inputs (incidents, population, reviews).
 *
 * <p>Everything is generated in Spark: each input starts from {@code spark.range} and every field
 * is a Spark SQL expression of {@code xxhash64(seed, field salt, row key...)} mapped to a uniform
 * double in [0, 1), so a value depends only on the seed and the row's identity, never on
 * partitioning (no {@code rand()}, no driver loop over rows). The driver computes only a small
 * per-year plan (counts, offsets, permutation parameters). Counts that the calibration fixes
 * exactly (incidents per year and type, children per year, Panel age bands per year, LCSPRs per
 * year) are allocated with affine permutations {@code (a*k + b) mod n}, which are exact and still
 * expression-only.
 *
 * <p>Output layout: for small runs (the default, scale 1) one CSV file each, {@code
 * outDir/incidents.csv}, {@code outDir/population.csv}, {@code outDir/reviews.csv}; for large runs
 * (more than {@link #SINGLE_FILE_MAX_ROWS} child rows, or {@link Layout#PARTS}) a folder of part
 * files per input, {@code outDir/incidents/part-00000.csv ...} (each part has a header; parts are
 * in row order, so concatenating them in name order gives the sorted file).
 *
 * <p>The data describe no real child. See {@code data/sample/README.md}.
 */
public final class SampleGenerator {

  /** How to lay the output files out. */
  public enum Layout {
    AUTO,
    SINGLE,
    PARTS
  }

  /** AUTO writes single files up to this many incident (child) rows. */
  public static final long SINGLE_FILE_MAX_ROWS = 1_000_000L;

  public static final List<String> INCIDENT_COLUMNS =
      List.of(
          "incident_id",
          "child_ref",
          "notification_date",
          "local_authority_code",
          "incident_type",
          "rapid_review",
          "likely_cause",
          "sex",
          "age_years",
          "age_band",
          "care_leaver",
          "ethnicity",
          "disability",
          "sexuality_recorded",
          "social_care_contact",
          "social_care_status",
          "ehc_plan",
          "child_mental_health",
          "parent_mental_health",
          "parent_substance_misuse",
          "parent_disability",
          "abuse_neglect",
          "abuse_domestic",
          "abuse_physical",
          "abuse_sexual",
          "abuse_emotional",
          "extrafamilial_harm",
          "extrafamilial_harm_type",
          "practice_themes",
          "lcspr_commissioned");
  public static final List<String> POPULATION_COLUMNS =
      List.of("year", "geography_code", "age", "sex", "ethnic_group", "population", "source");
  public static final List<String> REVIEW_COLUMNS =
      List.of("review_id", "incident_id", "review_date", "local_authority_code", "practice_themes");

  // ---- Calibration targets (the Panel's 2023-24 annual report story) ---------------------------

  /** Incidents per reporting year at scale 1. Years not listed get a synthetic 380-499. */
  static final Map<Integer, Integer> BASE_INCIDENTS =
      Map.of(2019, 480, 2020, 449, 2021, 536, 2022, 442, 2023, 402, 2024, 330);

  /** 2024 split, exact at scale 1: deaths, serious harm, other. */
  static final long[] SPLIT_2024 = {162, 158, 10};

  /** Death share and other share by year (serious harm the rest). */
  static final Map<Integer, double[]> TYPE_SHARES =
      Map.of(
          2019,
          new double[] {0.45, 0.050},
          2020,
          new double[] {0.44, 0.040},
          2021,
          new double[] {0.42, 0.054},
          2022,
          new double[] {0.43, 0.054},
          2023,
          new double[] {0.46, 0.035});

  /** LCSPRs (local reviews) per reporting year at scale 1. */
  static final Map<Integer, Integer> BASE_REVIEWS =
      Map.of(2019, 86, 2020, 91, 2021, 96, 2022, 88, 2023, 85, 2024, 82);

  /** Share of incidents with 2, 3 and 4 children (the rest have 1): 2024 gives 330 -> 485. */
  static final double[] SIBLING_SHARES = {0.20, 0.076, 0.04};

  /** Panel age bands used for allocation; "cl" = care leaver 18-21, "na" = age not recorded. */
  static final String[] BANDS = {"u1", "1_5", "6_10", "11_15", "16_17", "cl", "na"};

  /** Reporting years up to 2023: 11-15 second largest. */
  static final double[] BAND_PROFILE_TO_2023 = {0.300, 0.170, 0.085, 0.250, 0.175, 0.010, 0.010};

  /** Reporting years from 2024: 16-17 second largest. */
  static final double[] BAND_PROFILE_FROM_2024 = {0.300, 0.165, 0.075, 0.205, 0.235, 0.010, 0.010};

  // ---- Population baseline ----------------------------------------------------------------------

  /**
   * Real England 0-17 totals (ONS mid-year estimates as published by DfE beside the SIN counts).
   */
  static final Map<Integer, Long> REAL_POPULATION =
      Map.of(2023, 11_761_660L, 2024, 11_886_910L, 2025, 11_998_646L, 2026, 12_183_016L);

  static final Map<Integer, String> REAL_POPULATION_URL =
      Map.of(
          2023,
              "https://explore-education-statistics.service.gov.uk/data-catalogue/data-set/1fcc5a97-e620-481f-a0ba-93bbd032f4e0",
          2024,
              "https://explore-education-statistics.service.gov.uk/data-catalogue/data-set/342ce1f2-b3bb-4f8f-a4f8-058ad28c351b",
          2025,
              "https://explore-education-statistics.service.gov.uk/data-catalogue/data-set/83770fe3-6eff-4bc6-99c8-6a1821dd29d9",
          2026,
              "https://explore-education-statistics.service.gov.uk/data-catalogue/data-set/f4df706d-4678-49e0-9b9e-0ce7f09e2075");

  /** Invented totals for years without a real one in the reference files. */
  static final Map<Integer, Long> SYNTHETIC_POPULATION =
      Map.of(2019, 11_912_000L, 2020, 11_958_000L, 2021, 11_987_000L, 2022, 11_946_000L);

  static final String[] GROUPS = {"white", "mixed", "asian", "black", "other"};

  /**
   * Minor-group weights: DfE pupils by ethnicity, England, 2021/22 (latest complete year of
   * /work/shared/reference/published/pupils_by_ethnicity_england.csv; state-funded schools only, a
   * proxy for all children).
   */
  static final Map<String, Long> PUPILS_2021_22 =
      linked(
          "WBRI", 5379748L, "WIRI", 21495L, "WIRT", 6903L, "WROM", 27359L, "WOTH", 575540L, "MWBC",
          133504L, "MWBA", 76262L, "MWAS", 134821L, "MOTH", 213597L, "AIND", 289179L, "APKN",
          380781L, "ABAN", 151613L, "CHNE", 48396L, "AOTH", 170572L, "BCRB", 82402L, "BAFR",
          338614L, "BOTH", 65501L, "OOTH", 185355L);

  /** Age slope of each group's population profile (per year of age; negative = younger). */
  static final double[] AGE_SLOPE = {0.010, -0.024, -0.002, -0.008, -0.004};

  static final double[] SEX_SHARE = {0.512, 0.488}; // male, female

  /**
   * Representation ratio of each group (rows GROUPS) by band (u1, 1_5, 6_10, 11_15, 16_17) in the
   * incidents, before renormalisation: Black and Mixed over-represented, Asian under-represented.
   */
  static final double[][] ETHNIC_RATIO = {
    {1.0, 1.0, 1.0, 1.0, 1.0},
    {2.0, 1.9, 1.8, 1.6, 1.5},
    {0.68, 0.68, 0.68, 0.68, 0.68},
    {1.6, 1.6, 1.7, 2.3, 2.6},
    {1.0, 1.0, 1.0, 1.0, 1.0}
  };

  /** Practice theme weights (codes not listed weigh 1). */
  static final Map<String, Double> THEME_WEIGHTS =
      Map.of(
          "coordination_handover",
          1.0,
          "professional_curiosity",
          1.2,
          "risk_assessment",
          1.2,
          "child_voice",
          0.9,
          "escalation",
          0.6,
          "information_sharing",
          1.1,
          "male_carers",
          0.7);

  private static final double TWO_POW_53 = 9007199254740992.0;

  private SampleGenerator() {}

  // ================================================================================================
  // Public API
  // ================================================================================================

  /** Writes the three inputs into outDir, reading code lists from {@link #defaultCodeListDir()}. */
  public static void generate(SparkSession spark, SampleSpec spec, Path outDir) {
    generate(spark, spec, outDir, defaultCodeListDir(), Layout.AUTO);
  }

  /** Writes the three inputs into outDir. */
  public static void generate(
      SparkSession spark, SampleSpec spec, Path outDir, Path codeListDir, Layout layout) {
    Gen g = new Gen(spark, spec, codeListDir);
    boolean single =
        switch (layout) {
          case SINGLE -> true;
          case PARTS -> false;
          case AUTO -> g.totalChildren <= SINGLE_FILE_MAX_ROWS;
        };
    try {
      Files.createDirectories(outDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    write(g.incidents(), List.of("_year", "_k", "_c"), outDir, "incidents", single);
    write(g.population(), List.of("_id"), outDir, "population", single);
    write(g.reviews(), List.of("_year", "_r"), outDir, "reviews", single);
  }

  /** The incidents (one row per child) in schema column order, sorted. */
  public static Dataset<Row> incidents(SparkSession spark, SampleSpec spec, Path codeListDir) {
    return new Gen(spark, spec, codeListDir)
        .incidents()
        .orderBy("_year", "_k", "_c")
        .select(cols(INCIDENT_COLUMNS));
  }

  /** The population baseline in schema column order, sorted. */
  public static Dataset<Row> population(SparkSession spark, SampleSpec spec, Path codeListDir) {
    return new Gen(spark, spec, codeListDir)
        .population()
        .orderBy("_id")
        .select(cols(POPULATION_COLUMNS));
  }

  /** The reviews in schema column order, sorted. */
  public static Dataset<Row> reviews(SparkSession spark, SampleSpec spec, Path codeListDir) {
    return new Gen(spark, spec, codeListDir)
        .reviews()
        .orderBy("_year", "_r")
        .select(cols(REVIEW_COLUMNS));
  }

  /**
   * Code-list folder: system property {@code safeguardstats.codeLists}, else {@code
   * data-schemas/code-lists} under the working directory, else under system property {@code
   * project.basedir}.
   */
  public static Path defaultCodeListDir() {
    String prop = System.getProperty("safeguardstats.codeLists");
    if (prop != null) {
      return Paths.get(prop);
    }
    Path local = Paths.get("data-schemas", "code-lists");
    if (Files.isDirectory(local)) {
      return local;
    }
    String base = System.getProperty("project.basedir");
    if (base != null && Files.isDirectory(Paths.get(base, "data-schemas", "code-lists"))) {
      return Paths.get(base, "data-schemas", "code-lists");
    }
    throw new IllegalStateException(
        "code lists not found: set -Dsafeguardstats.codeLists=DIR or run from the project root");
  }

  /**
   * {@code --out DIR [--first-year 2019] [--last-year 2024] [--scale 1] [--seed 20240331]
   * [--code-lists DIR] [--layout auto|single|parts]}.
   */
  public static void main(String[] args) {
    SampleSpec d = SampleSpec.defaults();
    Path out = null;
    Path codeLists = null;
    int first = d.firstYear();
    int last = d.lastYear();
    double scale = d.scale();
    long seed = d.seed();
    Layout layout = Layout.AUTO;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--help") || a.equals("-h")) {
        System.out.println(usage());
        return;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value after " + a + "\n" + usage());
      }
      String v = args[++i];
      switch (a) {
        case "--out" -> out = Paths.get(v);
        case "--first-year" -> first = Integer.parseInt(v);
        case "--last-year" -> last = Integer.parseInt(v);
        case "--scale" -> scale = Double.parseDouble(v);
        case "--seed" -> seed = Long.parseLong(v);
        case "--code-lists" -> codeLists = Paths.get(v);
        case "--layout" -> layout = Layout.valueOf(v.toUpperCase(Locale.ROOT));
        default -> throw new IllegalArgumentException("unknown argument " + a + "\n" + usage());
      }
    }
    if (out == null) {
      throw new IllegalArgumentException("--out DIR is required\n" + usage());
    }
    SampleSpec spec = new SampleSpec(first, last, scale, seed);
    SparkSession.Builder b =
        SparkSession.builder()
            .appName("safeguard-stats sample generator")
            .config("spark.ui.enabled", "false");
    if (System.getProperty("spark.master") == null) {
      b = b.master("local[2]");
    }
    SparkSession spark = b.getOrCreate();
    try {
      generate(spark, spec, out, codeLists != null ? codeLists : defaultCodeListDir(), layout);
      System.out.println("wrote synthetic sample " + spec + " to " + out.toAbsolutePath());
    } finally {
      spark.stop();
    }
  }

  static String usage() {
    return "usage: SampleGenerator --out DIR [--first-year 2019] [--last-year 2024] [--scale 1] "
        + "[--seed 20240331] [--code-lists data-schemas/code-lists] [--layout auto|single|parts]";
  }

  // ================================================================================================
  // Writing
  // ================================================================================================

  private static void write(
      Dataset<Row> df, List<String> sortKeys, Path outDir, String name, boolean single) {
    List<String> columns =
        switch (name) {
          case "incidents" -> INCIDENT_COLUMNS;
          case "population" -> POPULATION_COLUMNS;
          default -> REVIEW_COLUMNS;
        };
    Column[] keys =
        sortKeys.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    Path file = outDir.resolve(name + ".csv");
    Path folder = outDir.resolve(name);
    if (single) {
      Path tmp = outDir.resolve("." + name + ".tmp");
      deleteRecursively(tmp);
      csvWriter(df.repartition(1).sortWithinPartitions(keys).select(cols(columns)))
          .save(tmp.toString());
      Path part = listParts(tmp).get(0);
      try {
        Files.move(part, file, StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      deleteRecursively(tmp);
      deleteRecursively(folder);
    } else {
      // Rows are generated in key order within each range partition and partitions in key order.
      csvWriter(df.sortWithinPartitions(keys).select(cols(columns))).save(folder.toString());
      List<Path> parts = listParts(folder);
      try (Stream<Path> all = Files.list(folder)) {
        for (Path p : all.toList()) {
          if (!parts.contains(p)) {
            Files.delete(p); // _SUCCESS, .crc files
          }
        }
        for (int i = 0; i < parts.size(); i++) {
          Files.move(parts.get(i), folder.resolve(String.format(Locale.ROOT, "part-%05d.csv", i)));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static org.apache.spark.sql.DataFrameWriter<Row> csvWriter(Dataset<Row> df) {
    return df.write()
        .mode(SaveMode.Overwrite)
        .format("csv")
        .option("header", "true")
        .option("nullValue", "")
        .option("quote", "\"")
        .option("escape", "\"")
        .option("ignoreLeadingWhiteSpace", "false")
        .option("ignoreTrailingWhiteSpace", "false")
        .option("lineSep", "\n")
        .option("encoding", "UTF-8");
  }

  private static List<Path> listParts(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(
              p ->
                  p.getFileName().toString().startsWith("part-")
                      && p.getFileName().toString().endsWith(".csv"))
          .sorted(Comparator.comparing(p -> p.getFileName().toString()))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteRecursively(Path p) {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Column[] cols(List<String> names) {
    return names.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
  }

  // ================================================================================================
  // Driver-side plan
  // ================================================================================================

  /** An affine permutation k -> (a*k + b) mod n of 0..n-1, with the inverse multiplier. */
  record Perm(long n, long a, long b, long ainv) {
    static Perm of(long n, double frac, long seed, int year, String salt) {
      if (n <= 1) {
        return new Perm(Math.max(n, 1), 1, 0, 1);
      }
      double jitter = (unit(mix(seed, year, salt, "a")) - 0.5) * 0.04;
      long a = Math.max(1, Math.round(n * (frac + jitter)) % n);
      while (BigInteger.valueOf(a).gcd(BigInteger.valueOf(n)).longValue() != 1) {
        a = a % n + 1;
      }
      long b = Math.floorMod(mix(seed, year, salt, "b"), n);
      long ainv = BigInteger.valueOf(a).modInverse(BigInteger.valueOf(n)).longValue();
      return new Perm(n, a, b, ainv);
    }
  }

  /** Everything the expressions need for one reporting year. */
  static final class YearPlan {
    int year;
    long nInc, nDeath, nHarm, nOther;
    long n2, n3, n4, m2, m3; // incidents with 2/3/4 children; m2 = with >= 2, m3 = with >= 3
    long nKids, incOffset;
    long[] bandCum = new long[BANDS.length];
    long linked, lcsprYes; // incidents linked to a review (slots 0..linked-1), with LCSPR yes
    long nRev, revSame, revPrev, revOffset;
    long startDay, days;
    Perm type, kids, lcspr, age, rev;
  }

  private static final class Gen {
    final SparkSession spark;
    final SampleSpec spec;
    final long seed;
    final List<YearPlan> years = new ArrayList<>();
    final String[] laCodes;
    final List<String> ethCodes = new ArrayList<>();
    final Map<String, String> ethGroup = new LinkedHashMap<>();
    final String[] themes;
    final long totalInc, totalChildren, totalRev;
    final int incIdWidth, revIdWidth;
    final double[][] ageProfile = new double[GROUPS.length][18];
    final double[] groupShare = new double[GROUPS.length];

    Gen(SparkSession spark, SampleSpec spec, Path codeListDir) {
      this.spark = spark;
      this.spec = spec;
      this.seed = spec.seed();
      laCodes = readLaCodes(codeListDir.resolve("local_authorities.csv"));
      readEthnicity(codeListDir.resolve("ethnicity.csv"));
      checkCauses(codeListDir.resolve("likely_causes.csv"));
      themes =
          readCsv(codeListDir.resolve("practice_themes.csv")).stream()
              .map(r -> r[0])
              .toArray(String[]::new);
      populationModel();
      long inc = 0, kids = 0, rev = 0, maxN = 0, maxR = 0;
      for (int y = spec.firstYear(); y <= spec.lastYear(); y++) {
        YearPlan p = planYear(y);
        p.incOffset = inc;
        p.revOffset = rev;
        inc += p.nInc;
        kids += p.nKids;
        rev += p.nRev;
        maxN = Math.max(maxN, p.nInc);
        maxR = Math.max(maxR, p.nRev);
        years.add(p);
      }
      planReviews();
      totalInc = inc;
      totalChildren = kids;
      totalRev = rev;
      incIdWidth = Math.max(5, Long.toString(maxN).length());
      revIdWidth = Math.max(3, Long.toString(maxR).length());
    }

    YearPlan planYear(int y) {
      YearPlan p = new YearPlan();
      p.year = y;
      double s = spec.scale();
      long base =
          BASE_INCIDENTS.getOrDefault(y, 380 + (int) Math.floorMod(mix(0, y, "incidents"), 120L));
      p.nInc = Math.round(base * s);
      long[] split;
      if (y == 2024) {
        split = allocate(p.nInc, new double[] {SPLIT_2024[0], SPLIT_2024[1], SPLIT_2024[2]});
      } else {
        double[] sh =
            TYPE_SHARES.getOrDefault(
                y,
                new double[] {
                  0.42 + 0.05 * unit(mix(0, y, "death share")),
                  0.03 + 0.03 * unit(mix(0, y, "other share"))
                });
        split = allocate(p.nInc, new double[] {sh[0], 1 - sh[0] - sh[1], sh[1]});
      }
      p.nDeath = split[0];
      p.nHarm = split[1];
      p.nOther = split[2];
      p.n2 = Math.round(SIBLING_SHARES[0] * p.nInc);
      p.n3 = Math.round(SIBLING_SHARES[1] * p.nInc);
      p.n4 = Math.round(SIBLING_SHARES[2] * p.nInc);
      p.m3 = p.n3 + p.n4;
      p.m2 = p.n2 + p.m3;
      p.nKids = p.nInc + p.m2 + p.m3 + p.n4;
      long[] bands = allocate(p.nKids, y >= 2024 ? BAND_PROFILE_FROM_2024 : BAND_PROFILE_TO_2023);
      long c = 0;
      for (int i = 0; i < bands.length; i++) {
        c += bands[i];
        p.bandCum[i] = c;
      }
      LocalDate start = LocalDate.of(y - 1, 4, 1);
      p.startDay = start.toEpochDay();
      p.days = LocalDate.of(y, 4, 1).toEpochDay() - p.startDay;
      p.type = Perm.of(p.nInc, 0.6180339887, seed, y, "type");
      p.kids = Perm.of(p.nInc, 0.4142135624, seed, y, "kids");
      p.lcspr = Perm.of(p.nInc, 0.7320508076, seed, y, "lcspr");
      p.age = Perm.of(p.nKids, 0.2360679775, seed, y, "age");
      p.nRev =
          Math.round(
              BASE_REVIEWS.getOrDefault(y, 75 + (int) Math.floorMod(mix(0, y, "reviews"), 20L))
                  * s);
      p.rev = Perm.of(p.nRev, 0.6457513111, seed, y, "rev");
      return p;
    }

    /** Links reviews to incidents of the same or the previous year and fixes LCSPR yes counts. */
    void planReviews() {
      for (YearPlan p : years) {
        long linkedTotal = Math.round(0.85 * p.nRev);
        YearPlan prev = plan(p.year - 1);
        long wantPrev = prev != null && prev.nInc > 0 ? Math.round(0.45 * linkedTotal) : 0;
        p.revSame = Math.min(linkedTotal - wantPrev, p.nInc);
        p.revPrev = wantPrev;
      }
      for (YearPlan p : years) {
        YearPlan prev = plan(p.year - 1);
        if (prev != null) {
          p.revPrev = Math.min(p.revPrev, prev.nInc - prev.revSame);
        }
      }
      for (YearPlan p : years) {
        YearPlan next = plan(p.year + 1);
        p.linked = p.revSame + (next == null ? 0 : next.revPrev);
        p.lcsprYes = Math.min(p.nInc, Math.max(p.linked, Math.round(0.25 * p.nInc)));
      }
    }

    YearPlan plan(int year) {
      int i = year - spec.firstYear();
      return i >= 0 && i < years.size() ? years.get(i) : null;
    }

    void populationModel() {
      double[] g = new double[GROUPS.length];
      for (Map.Entry<String, Long> e : PUPILS_2021_22.entrySet()) {
        String grp = ethGroup.get(e.getKey());
        if (grp != null) {
          g[Arrays.asList(GROUPS).indexOf(grp)] += e.getValue();
        }
      }
      double tot = Arrays.stream(g).sum();
      for (int i = 0; i < GROUPS.length; i++) {
        groupShare[i] = g[i] / tot;
        double sum = 0;
        for (int a = 0; a < 18; a++) {
          // A slight decline in births (younger cohorts a little smaller) plus the group's slope.
          ageProfile[i][a] = 1 + (0.004 + AGE_SLOPE[i]) * (a - 8.5);
          sum += ageProfile[i][a];
        }
        for (int a = 0; a < 18; a++) {
          ageProfile[i][a] /= sum;
        }
      }
    }

    // ---- expression helpers
    // ----------------------------------------------------------------------

    /** Uniform double in [0, 1) from xxhash64(seed, salt, keys...). */
    Column u(String salt, Column... keys) {
      Column[] all = new Column[keys.length + 2];
      all[0] = lit(seed);
      all[1] = lit(salt);
      System.arraycopy(keys, 0, all, 2, keys.length);
      return shiftRightUnsigned(xxhash64(all), 11).cast("double").divide(TWO_POW_53);
    }

    /** A per-year constant: CASE year WHEN y THEN f(plan) END. */
    Column yp(Column year, ToLongFunction<YearPlan> f) {
      Column c = null;
      for (YearPlan p : years) {
        c =
            c == null
                ? when(year.equalTo(p.year), lit(f.applyAsLong(p)))
                : c.when(year.equalTo(p.year), lit(f.applyAsLong(p)));
      }
      return c;
    }

    /** Year of a global row id, given each year's offset and row count. */
    Column yearOf(Column id, ToLongFunction<YearPlan> offset, ToLongFunction<YearPlan> count) {
      Column c = null;
      for (YearPlan p : years) {
        Column cond = id.lt(offset.applyAsLong(p) + count.applyAsLong(p));
        c = c == null ? when(cond, lit(p.year)) : c.when(cond, lit(p.year));
      }
      return c;
    }

    static Column perm(Column k, Column a, Column b, Column n) {
      return pmod(a.multiply(k).plus(b), n);
    }

    // ---- incident-level expressions (functions of year and k only, so reviews can reuse them)
    // ----

    Column nInc(Column y) {
      return yp(y, p -> p.nInc);
    }

    Column notifDay(Column y, Column k) {
      // Stratified over the year and non-decreasing in k, so incident numbers follow dates.
      Column frac =
          k.plus(u("notification_date", y, k)).multiply(yp(y, p -> p.days)).divide(nInc(y));
      return yp(y, p -> p.startDay).plus(floor(frac)).cast("int");
    }

    Column laCode(String salt, Column... keys) {
      Column[] codes =
          Arrays.stream(laCodes).map(org.apache.spark.sql.functions::lit).toArray(Column[]::new);
      Column idx = floor(u(salt, keys).multiply(laCodes.length)).cast("int").plus(1);
      return element_at(array(codes), idx);
    }

    Column lcsprSlot(Column y, Column k) {
      return perm(k, yp(y, p -> p.lcspr.a()), yp(y, p -> p.lcspr.b()), nInc(y));
    }

    Column incidentId(Column y, Column k) {
      return format_string("SYN-%d-%0" + incIdWidth + "d", y, k.plus(1));
    }

    static Column dateText(Column epochDay) {
      return date_format(date_add(to_date(lit("1970-01-01")), epochDay), "yyyy-MM-dd");
    }

    // ---- incidents
    // ---------------------------------------------------------------------------------

    Dataset<Row> incidents() {
      int parts = (int) Math.max(1, Math.min(10_000, (totalInc + 399_999) / 400_000));
      Dataset<Row> d = spark.range(0, totalInc, 1, parts).toDF("_id");
      Column y = col("_year");
      Column k = col("_k");
      d =
          d.withColumn("_year", yearOf(col("_id"), p -> p.incOffset, p -> p.nInc))
              .withColumn("_k", col("_id").minus(yp(y, p -> p.incOffset)));
      Column qType = perm(k, yp(y, p -> p.type.a()), yp(y, p -> p.type.b()), nInc(y));
      Column qKids = perm(k, yp(y, p -> p.kids.a()), yp(y, p -> p.kids.b()), nInc(y));
      d =
          d.withColumn("_qkids", qKids)
              .withColumn("_qlcspr", lcsprSlot(y, k))
              .withColumn(
                  "incident_type",
                  when(qType.lt(yp(y, p -> p.nDeath)), "death")
                      .when(qType.lt(yp(y, p -> p.nDeath + p.nHarm)), "serious_harm")
                      .otherwise("other"))
              .withColumn(
                  "_nkids",
                  when(col("_qkids").lt(yp(y, p -> p.n4)), 4)
                      .when(col("_qkids").lt(yp(y, p -> p.m3)), 3)
                      .when(col("_qkids").lt(yp(y, p -> p.m2)), 2)
                      .otherwise(1))
              .withColumn("incident_id", incidentId(y, k))
              .withColumn("notification_date", dateText(notifDay(y, k)))
              .withColumn("local_authority_code", laCode("local_authority_code", y, k))
              .withColumn(
                  "rapid_review",
                  col("_qlcspr")
                      .lt(yp(y, p -> p.linked))
                      .or(
                          u("rapid_review", y, k)
                              .lt(
                                  when(col("incident_type").equalTo("other"), 0.6)
                                      .otherwise(0.95))))
              .withColumn(
                  "lcspr_commissioned",
                  when(col("_qlcspr").lt(yp(y, p -> p.lcsprYes)), "yes")
                      .when(u("lcspr_commissioned", y, k).lt(0.05), "not_recorded")
                      .otherwise("no"))
              .withColumn("_ntheme", pickInt(u("themes_n", y, k), 1, 0.35, 2, 0.40, 3))
              .withColumn("practice_themes", themes("incident_themes", "_year", "_k", "_ntheme"));

      // One row per child; the child's index j within the year (for exact age-band allocation).
      d = d.withColumn("_c", explode(sequence(lit(1), col("_nkids"))));
      Column c = col("_c");
      Column n = nInc(y);
      d =
          d.withColumn("child_ref", format_string("C%d", c))
              .withColumn(
                  "_j",
                  when(c.equalTo(1), k)
                      .when(c.equalTo(2), n.plus(col("_qkids")))
                      .when(c.equalTo(3), n.plus(yp(y, p -> p.m2)).plus(col("_qkids")))
                      .otherwise(n.plus(yp(y, p -> p.m2 + p.m3)).plus(col("_qkids"))));
      Column qAge =
          perm(col("_j"), yp(y, p -> p.age.a()), yp(y, p -> p.age.b()), yp(y, p -> p.nKids));
      Column band = null;
      for (int i = 0; i < BANDS.length; i++) {
        final int bi = i;
        Column cond = qAge.lt(yp(y, p -> p.bandCum[bi]));
        band = band == null ? when(cond, BANDS[i]) : band.when(cond, BANDS[i]);
      }
      d = d.withColumn("_band", band);
      Column b = col("_band");
      Column ua = u("age_years", y, k, c);
      d =
          d.withColumn(
              "age_years",
              when(b.equalTo("u1"), lit(0))
                  .when(b.equalTo("1_5"), pickInt(ua, 1, 0.30, 2, 0.22, 3, 0.18, 4, 0.16, 5))
                  .when(b.equalTo("6_10"), pickInt(ua, 6, 0.18, 7, 0.18, 8, 0.19, 9, 0.20, 10))
                  .when(b.equalTo("11_15"), pickInt(ua, 11, 0.12, 12, 0.15, 13, 0.20, 14, 0.24, 15))
                  .when(b.equalTo("16_17"), pickInt(ua, 16, 0.45, 17))
                  .when(b.equalTo("cl"), pickInt(ua, 18, 0.45, 19, 0.30, 20, 0.15, 21))
                  .otherwise(lit(null).cast("int")));
      d =
          d.withColumn(
                  "age_band",
                  when(b.equalTo("na"), "not_recorded").otherwise(lit(null).cast("string")))
              .withColumn("care_leaver", when(b.equalTo("cl"), "yes").otherwise("no"))
              .withColumn(
                  "sex", pick(u("sex", y, k, c), "not_recorded", 0.01, "male", 0.505, "female"));

      Column age = col("age_years");
      Column male = col("sex").equalTo("male");
      Column uc = u("likely_cause", y, k, c);
      Column deathCause =
          when(
                  age.isNull(),
                  pick(uc, "other_death", 0.4, "unknown", 0.4, "fatal_maltreatment_family"))
              .when(
                  age.equalTo(0),
                  pick(
                      uc,
                      "sudi",
                      0.90,
                      "fatal_maltreatment_family",
                      0.06,
                      "other_death",
                      0.02,
                      "unknown"))
              .when(
                  age.equalTo(1),
                  pick(
                      uc,
                      "sudi",
                      0.55,
                      "fatal_maltreatment_family",
                      0.25,
                      "other_death",
                      0.12,
                      "unknown"))
              .when(
                  age.lt(10),
                  pick(
                      uc,
                      "fatal_maltreatment_family",
                      0.52,
                      "other_death",
                      0.28,
                      "unknown",
                      0.12,
                      "extrafamilial_homicide"))
              .when(
                  male,
                  pick(
                      uc,
                      "suicide",
                      0.42,
                      "extrafamilial_homicide",
                      0.20,
                      "fatal_maltreatment_family",
                      0.08,
                      "other_death",
                      0.20,
                      "unknown"))
              .otherwise(
                  pick(
                      uc,
                      "suicide",
                      0.46,
                      "extrafamilial_homicide",
                      0.08,
                      "fatal_maltreatment_family",
                      0.08,
                      "other_death",
                      0.28,
                      "unknown"));
      Column harmCause =
          when(
                  age.isNull(),
                  pick(uc, "unknown", 0.5, "other_harm", 0.25, "nonfatal_assault_family"))
              .when(
                  age.leq(1),
                  pick(
                      uc,
                      "nonfatal_assault_family",
                      0.72,
                      "neglect",
                      0.16,
                      "other_harm",
                      0.06,
                      "unknown"))
              .when(
                  age.lt(10),
                  pick(
                      uc,
                      "nonfatal_assault_family",
                      0.30,
                      "sexual_abuse_exploitation",
                      0.24,
                      "neglect",
                      0.22,
                      "other_harm",
                      0.10,
                      "unknown",
                      0.08,
                      "extrafamilial_assault"))
              .when(
                  male,
                  pick(
                      uc,
                      "sexual_abuse_exploitation",
                      0.12,
                      "extrafamilial_assault",
                      0.40,
                      "self_harm",
                      0.17,
                      "nonfatal_assault_family",
                      0.12,
                      "neglect",
                      0.04,
                      "other_harm",
                      0.08,
                      "unknown"))
              .otherwise(
                  pick(
                      uc,
                      "sexual_abuse_exploitation",
                      0.42,
                      "extrafamilial_assault",
                      0.12,
                      "self_harm",
                      0.23,
                      "nonfatal_assault_family",
                      0.10,
                      "neglect",
                      0.04,
                      "other_harm",
                      0.06,
                      "unknown"));
      Column type = col("incident_type");
      d =
          d.withColumn(
              "likely_cause",
              when(type.equalTo("death"), deathCause)
                  .when(type.equalTo("serious_harm"), harmCause)
                  .otherwise(pick(uc, "unknown", 0.7, null)));

      // Ethnicity: shared by siblings (incident-level draw), conditional on the child's age band.
      d = d.withColumn("ethnicity", ethnicity(u("ethnicity", y, k), b));

      Column cause = col("likely_cause");
      Column older = age.geq(11);
      Column ucmh = u("child_mental_health", y, k, c);
      Column cmhYes =
          when(cause.equalTo("suicide"), 0.92)
              .when(cause.equalTo("self_harm"), 0.75)
              .when(age.isNull(), 0.10)
              .when(age.geq(13), 0.27)
              .when(age.geq(10), 0.25)
              .when(age.geq(5), 0.08)
              .otherwise(0.0);
      Column ucc = u("social_care_contact", y, k); // family-level
      Column usc = u("social_care_status", y, k, c);
      d =
          d.withColumn(
                  "disability",
                  pick(u("disability", y, k, c), "not_recorded", 0.40, "yes", 0.12, "no"))
              .withColumn(
                  "sexuality_recorded",
                  when(age.isNull(), pick(u("sexuality_recorded", y, k, c), "yes", 0.05, "no"))
                      .when(older, pick(u("sexuality_recorded", y, k, c), "yes", 0.32, "no"))
                      .otherwise(pick(u("sexuality_recorded", y, k, c), "yes", 0.02, "no")))
              .withColumn(
                  "social_care_contact",
                  when(b.equalTo("cl"), pick(ucc, "current", 0.7, "previous"))
                      .otherwise(
                          pick(
                              ucc,
                              "current",
                              0.48,
                              "previous",
                              0.27,
                              "never",
                              0.20,
                              "not_recorded")))
              .withColumn(
                  "social_care_status",
                  when(b.equalTo("cl"), lit("looked_after"))
                      .when(
                          col("social_care_contact").isin("current", "previous"),
                          pick(
                              usc,
                              "child_in_need",
                              0.35,
                              "child_protection_plan",
                              0.40,
                              "looked_after",
                              0.20,
                              "not_recorded"))
                      .when(col("social_care_contact").equalTo("never"), lit("none"))
                      .otherwise(lit("not_recorded")))
              .withColumn(
                  "ehc_plan",
                  when(age.isNull(), pick(u("ehc_plan", y, k, c), "not_recorded", 0.5, "none"))
                      .when(
                          older,
                          pick(
                              u("ehc_plan", y, k, c),
                              "in_place",
                              0.17,
                              "being_assessed",
                              0.09,
                              "none",
                              0.66,
                              "not_recorded"))
                      .when(
                          age.geq(2),
                          pick(
                              u("ehc_plan", y, k, c),
                              "in_place",
                              0.08,
                              "being_assessed",
                              0.06,
                              "none",
                              0.78,
                              "not_recorded"))
                      .otherwise(pick(u("ehc_plan", y, k, c), "none", 0.90, "not_recorded")))
              .withColumn(
                  "child_mental_health",
                  when(ucmh.lt(0.06), "not_recorded")
                      .when(ucmh.minus(0.06).divide(0.94).lt(cmhYes), "yes")
                      .otherwise("no"))
              .withColumn(
                  "parent_mental_health",
                  pick(u("parent_mental_health", y, k), "yes", 0.50, "no", 0.40, "not_recorded"))
              .withColumn(
                  "parent_substance_misuse",
                  pick(u("parent_substance_misuse", y, k), "yes", 0.40, "no", 0.50, "not_recorded"))
              .withColumn(
                  "parent_disability",
                  pick(u("parent_disability", y, k), "yes", 0.25, "no", 0.62, "not_recorded"))
              .withColumn(
                  "abuse_neglect",
                  when(
                          cause.equalTo("neglect"),
                          pick(u("abuse_neglect", y, k, c), "yes", 0.95, "not_recorded"))
                      .otherwise(
                          pick(
                              u("abuse_neglect", y, k, c),
                              "yes",
                              0.48,
                              "no",
                              0.45,
                              "not_recorded")))
              .withColumn(
                  "abuse_domestic",
                  pick(u("abuse_domestic", y, k), "yes", 0.45, "no", 0.47, "not_recorded"))
              .withColumn(
                  "abuse_physical",
                  when(
                          cause.isin("nonfatal_assault_family", "fatal_maltreatment_family"),
                          pick(
                              u("abuse_physical", y, k, c),
                              "yes",
                              0.85,
                              "no",
                              0.12,
                              "not_recorded"))
                      .otherwise(
                          pick(
                              u("abuse_physical", y, k, c),
                              "yes",
                              0.12,
                              "no",
                              0.80,
                              "not_recorded")))
              .withColumn(
                  "abuse_sexual",
                  when(cause.equalTo("sexual_abuse_exploitation"), lit("yes"))
                      .otherwise(
                          pick(
                              u("abuse_sexual", y, k, c), "yes", 0.14, "no", 0.78, "not_recorded")))
              .withColumn(
                  "abuse_emotional",
                  pick(u("abuse_emotional", y, k, c), "yes", 0.20, "no", 0.70, "not_recorded"));

      Column uef = u("extrafamilial_harm", y, k, c);
      Column efYes =
          when(cause.isin("extrafamilial_assault", "extrafamilial_homicide"), 0.96)
              .when(cause.equalTo("sexual_abuse_exploitation").and(older), 0.45)
              .when(cause.equalTo("suicide"), 0.15)
              .when(cause.equalTo("self_harm"), 0.10)
              .when(older, 0.08)
              .otherwise(0.01);
      Column uet = u("extrafamilial_harm_type", y, k, c);
      d =
          d.withColumn(
                  "extrafamilial_harm",
                  when(uef.lt(0.04), "not_recorded")
                      .when(uef.minus(0.04).divide(0.96).lt(efYes), "yes")
                      .otherwise("no"))
              .withColumn(
                  "extrafamilial_harm_type",
                  when(col("extrafamilial_harm").notEqual("yes"), lit(null).cast("string"))
                      .when(
                          cause.isin("extrafamilial_assault", "extrafamilial_homicide"),
                          pick(
                              uet,
                              "serious_youth_violence",
                              0.55,
                              "criminal_exploitation",
                              0.35,
                              "other"))
                      .when(
                          cause.equalTo("sexual_abuse_exploitation"),
                          pick(uet, "sexual_exploitation", 0.65, "online_harm", 0.30, "other"))
                      .otherwise(
                          pick(
                              uet,
                              "criminal_exploitation",
                              0.35,
                              "online_harm",
                              0.35,
                              "sexual_exploitation",
                              0.10,
                              "other")));
      return d;
    }

    /** P(group | band) = population share of the group in the band x ratio, renormalised. */
    Column ethnicity(Column uEth, Column band) {
      String[] bandKeys = {"u1", "1_5", "6_10", "11_15", "16_17"};
      int[][] ages = {{0, 0}, {1, 5}, {6, 10}, {11, 15}, {16, 17}};
      // Unknown (REFU 2%, NOBT 3%) first, then the known codes on the rescaled draw.
      Column v = uEth.minus(0.05).divide(0.95);
      Column known = null;
      for (int bi = 0; bi <= bandKeys.length; bi++) {
        double[] w = new double[GROUPS.length];
        for (int g = 0; g < GROUPS.length; g++) {
          int lo = bi < bandKeys.length ? ages[bi][0] : 0;
          int hi = bi < bandKeys.length ? ages[bi][1] : 17;
          double pop = 0;
          for (int a = lo; a <= hi; a++) {
            pop += groupShare[g] * ageProfile[g][a];
          }
          double ratio =
              bi < bandKeys.length
                  ? ETHNIC_RATIO[g][bi]
                  : Arrays.stream(ETHNIC_RATIO[g]).average().orElse(1);
          w[g] = pop * ratio;
        }
        List<Object> pairs = new ArrayList<>();
        double total = Arrays.stream(w).sum();
        for (int g = 0; g < GROUPS.length; g++) {
          double gTot = 0;
          for (String code : ethCodes) {
            if (GROUPS[g].equals(ethGroup.get(code))) {
              gTot += PUPILS_2021_22.getOrDefault(code, 0L);
            }
          }
          for (String code : ethCodes) {
            if (GROUPS[g].equals(ethGroup.get(code)) && PUPILS_2021_22.getOrDefault(code, 0L) > 0) {
              pairs.add(code);
              pairs.add(w[g] / total * PUPILS_2021_22.get(code) / gTot);
            }
          }
        }
        pairs.remove(pairs.size() - 1); // the last code takes the remainder
        Column pk = pick(v, pairs.toArray());
        if (bi < bandKeys.length) {
          Column cond =
              bandKeys[bi].equals("16_17") ? band.isin("16_17", "cl") : band.equalTo(bandKeys[bi]);
          known = known == null ? when(cond, pk) : known.when(cond, pk);
        } else {
          known = known.otherwise(pk);
        }
      }
      return when(uEth.lt(0.02), "REFU").when(uEth.lt(0.05), "NOBT").otherwise(known);
    }

    /**
     * 1 to 3 practice-theme codes joined by ';' (in code-list order): a weighted sample without
     * replacement (Efraimidis-Spirakis keys -ln(u)/w).
     */
    Column themes(String salt, String yearCol, String idCol, String countCol) {
      String codes =
          Arrays.stream(themes).map(t -> "'" + t + "'").reduce((a, b) -> a + "," + b).orElseThrow();
      String weights =
          Arrays.stream(themes)
              .map(t -> String.valueOf(THEME_WEIGHTS.getOrDefault(t, 1.0)))
              .reduce((a, b) -> a + "," + b)
              .orElseThrow();
      String key =
          "-ln((cast(shiftrightunsigned(xxhash64(cast("
              + seed
              + " as bigint), '"
              + salt
              + "', "
              + yearCol
              + ", "
              + idCol
              + ", i), 11) as double) + 0.5) / "
              + TWO_POW_53
              + ") / element_at(array("
              + weights
              + "), i + 1)";
      String sampled =
          "slice(array_sort(transform(sequence(0, "
              + (themes.length - 1)
              + "), i -> named_struct('key', "
              + key
              + ", 'i', i))), 1, "
              + countCol
              + ")";
      return expr(
          "array_join(transform(array_sort(transform("
              + sampled
              + ", s -> s.i)), i -> element_at(array("
              + codes
              + "), i + 1)), ';')");
    }

    // ---- population
    // --------------------------------------------------------------------------------

    Dataset<Row> population() {
      int cells = 18 * 2 * GROUPS.length;
      Column[] base = new Column[cells];
      for (int a = 0; a < 18; a++) {
        for (int s = 0; s < 2; s++) {
          for (int g = 0; g < GROUPS.length; g++) {
            base[a * 10 + s * 5 + g] = lit(groupShare[g] * ageProfile[g][a] * SEX_SHARE[s]);
          }
        }
      }
      long n = (long) years.size() * cells;
      Dataset<Row> d =
          spark
              .range(0, n, 1, 1)
              .toDF("_id")
              .withColumn("_rest", pmod(col("_id"), lit((long) cells)))
              .withColumn(
                  "year", lit(spec.firstYear()).plus(floor(col("_id").divide(cells))).cast("int"))
              .withColumn("_age", floor(col("_rest").divide(10)).cast("int"))
              .withColumn("_sex", floor(pmod(col("_rest"), lit(10L)).divide(5)).cast("int"))
              .withColumn("_g", pmod(col("_rest"), lit(5L)).cast("int"));
      Column y = col("year");
      Column jitter =
          lit(1.0)
              .plus(
                  u("population", y, col("_age"), col("_sex"), col("_g"))
                      .minus(0.5)
                      .multiply(0.03));
      d =
          d.withColumn(
                  "_w",
                  org.apache
                      .spark
                      .sql
                      .functions
                      .round(
                          element_at(array(base), col("_rest").cast("int").plus(1))
                              .multiply(jitter)
                              .multiply(1e9))
                      .cast("long"))
              .withColumn("_total", yp(y, p -> populationTotal(p.year)));
      WindowSpec byYear = Window.partitionBy("year");
      // Largest-remainder rounding in exact integer arithmetic: cells sum to the total exactly.
      d =
          d.withColumn("_wsum", org.apache.spark.sql.functions.sum("_w").over(byYear))
              .withColumn("_prod", col("_total").multiply(col("_w")))
              .withColumn("_floor", expr("_prod div _wsum"))
              .withColumn("_rem", pmod(col("_prod"), col("_wsum")))
              .withColumn(
                  "_deficit",
                  col("_total").minus(org.apache.spark.sql.functions.sum("_floor").over(byYear)))
              .withColumn(
                  "_rank",
                  org.apache
                      .spark
                      .sql
                      .functions
                      .row_number()
                      .over(
                          Window.partitionBy("year").orderBy(col("_rem").desc(), col("_id").asc())))
              .withColumn(
                  "population",
                  col("_floor")
                      .plus(when(col("_rank").leq(col("_deficit")), 1L).otherwise(0L))
                      .cast("long"))
              .withColumn("geography_code", lit("E92000001"))
              .withColumn("age", col("_age").cast("string"))
              .withColumn("sex", when(col("_sex").equalTo(0), "male").otherwise("female"))
              .withColumn(
                  "ethnic_group",
                  element_at(
                      array(
                          Arrays.stream(GROUPS)
                              .map(org.apache.spark.sql.functions::lit)
                              .toArray(Column[]::new)),
                      col("_g").plus(1)))
              .withColumn("source", populationSource(y));
      return d;
    }

    Column populationSource(Column y) {
      Column c = null;
      for (YearPlan p : years) {
        String s = populationSourceText(p.year);
        c = c == null ? when(y.equalTo(p.year), s) : c.when(y.equalTo(p.year), s);
      }
      return c;
    }

    // ---- reviews
    // -----------------------------------------------------------------------------------

    Dataset<Row> reviews() {
      int parts = (int) Math.max(1, Math.min(10_000, (totalRev + 999_999) / 1_000_000));
      Dataset<Row> d = spark.range(0, totalRev, 1, parts).toDF("_id");
      Column y = col("_year");
      Column r = col("_r");
      d =
          d.withColumn("_year", yearOf(col("_id"), p -> p.revOffset, p -> p.nRev))
              .withColumn("_r", col("_id").minus(yp(y, p -> p.revOffset)))
              .withColumn(
                  "_slot",
                  perm(r, yp(y, p -> p.rev.a()), yp(y, p -> p.rev.b()), yp(y, p -> p.nRev)));
      Column slot = col("_slot");
      Column same = slot.lt(yp(y, p -> p.revSame));
      Column prev = slot.lt(yp(y, p -> p.revSame + p.revPrev));
      d =
          d.withColumn("_ty", when(same, y).when(prev, y.minus(1)))
              .withColumn(
                  "_tq",
                  when(same, slot)
                      .when(
                          prev,
                          yp(y.minus(1), p -> p.revSame).plus(slot).minus(yp(y, p -> p.revSame))));
      Column ty = col("_ty");
      d =
          d.withColumn(
              "_tk",
              pmod(
                  yp(ty, p -> p.lcspr.ainv()).multiply(col("_tq").minus(yp(ty, p -> p.lcspr.b()))),
                  nInc(ty)));
      Column tk = col("_tk");
      Column start = yp(y, p -> p.startDay);
      Column days = yp(y, p -> p.days);
      d =
          d.withColumn("_notif", notifDay(ty, tk))
              .withColumn(
                  "_rday",
                  when(
                          same,
                          col("_notif")
                              .plus(
                                  floor(
                                      u("review_date", y, r)
                                          .multiply(start.plus(days).minus(col("_notif"))))))
                      .otherwise(start.plus(floor(u("review_date", y, r).multiply(days))))
                      .cast("int"))
              .withColumn(
                  "review_id", format_string("SYN-LCSPR-%d-%0" + revIdWidth + "d", y, r.plus(1)))
              .withColumn("incident_id", when(ty.isNotNull(), incidentId(ty, tk)))
              .withColumn("review_date", dateText(col("_rday")))
              .withColumn(
                  "local_authority_code",
                  when(ty.isNotNull(), laCode("local_authority_code", ty, tk))
                      .otherwise(laCode("review_local_authority", y, r)))
              .withColumn("_ntheme", pickInt(u("review_themes_n", y, r), 1, 0.20, 2, 0.45, 3))
              .withColumn("practice_themes", themes("review_themes", "_year", "_r", "_ntheme"));
      return d;
    }

    // ---- code lists
    // --------------------------------------------------------------------------------

    void readEthnicity(Path file) {
      for (String[] r : readCsv(file)) {
        ethCodes.add(r[0]);
        ethGroup.put(r[0], r[2]);
      }
      for (String code : PUPILS_2021_22.keySet()) {
        if (!ethGroup.containsKey(code)) {
          throw new IllegalStateException("ethnicity code " + code + " missing from " + file);
        }
      }
      if (!ethGroup.containsKey("REFU") || !ethGroup.containsKey("NOBT")) {
        throw new IllegalStateException("REFU/NOBT missing from " + file);
      }
    }

    static void checkCauses(Path file) {
      TreeSet<String> codes = new TreeSet<>();
      readCsv(file).forEach(r -> codes.add(r[0]));
      for (String c :
          List.of(
              "sudi",
              "suicide",
              "fatal_maltreatment_family",
              "extrafamilial_homicide",
              "other_death",
              "nonfatal_assault_family",
              "sexual_abuse_exploitation",
              "extrafamilial_assault",
              "neglect",
              "self_harm",
              "other_harm",
              "unknown")) {
        if (!codes.contains(c)) {
          throw new IllegalStateException("likely cause " + c + " missing from " + file);
        }
      }
    }

    static String[] readLaCodes(Path file) {
      // Children's services authorities; the two smallest (City of London E09000001, Isles of
      // Scilly E06000053) are left out so that no synthetic count lands on them.
      String[] codes =
          readCsv(file).stream()
              .map(r -> r[0])
              .filter(c -> c.matches("E(06|08|09|10)\\d{6}"))
              .filter(c -> !c.equals("E09000001") && !c.equals("E06000053"))
              .sorted()
              .distinct()
              .toArray(String[]::new);
      if (codes.length == 0) {
        throw new IllegalStateException("no local authority codes in " + file);
      }
      return codes;
    }
  }

  // ================================================================================================
  // Small helpers
  // ================================================================================================

  /** Categorical draw: value, probability, value, probability, ..., last value (the remainder). */
  static Column pick(Column u, Object... pairs) {
    Column c = null;
    double cum = 0;
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      cum += ((Number) pairs[i + 1]).doubleValue();
      Column v = value(pairs[i]);
      c = c == null ? when(u.lt(cum), v) : c.when(u.lt(cum), v);
    }
    Column last = value(pairs[pairs.length - 1]);
    return c == null ? last : c.otherwise(last);
  }

  static Column pickInt(Column u, Object... pairs) {
    return pick(u, pairs).cast("int");
  }

  private static Column value(Object v) {
    return v == null ? lit(null).cast("string") : lit(v);
  }

  static long populationTotal(int year) {
    if (REAL_POPULATION.containsKey(year)) {
      return REAL_POPULATION.get(year);
    }
    if (SYNTHETIC_POPULATION.containsKey(year)) {
      return SYNTHETIC_POPULATION.get(year);
    }
    // Outside the reference years: an invented total drifting 0.4% a year from the nearest known.
    int nearest = year < 2019 ? 2019 : 2026;
    long base = year < 2019 ? SYNTHETIC_POPULATION.get(2019) : REAL_POPULATION.get(2026);
    return Math.round(base * Math.pow(1.004, year - nearest));
  }

  static String populationSourceText(int year) {
    if (REAL_POPULATION.containsKey(year)) {
      return "synthetic: sample baseline; England 0-17 total ("
          + REAL_POPULATION.get(year)
          + ") is the ONS mid-year estimate DfE published for reporting year "
          + year
          + " in its serious incident notifications data "
          + REAL_POPULATION_URL.get(year)
          + "; age/sex/ethnic split synthetic (ethnic shares from DfE pupils by ethnicity 2021/22 as a proxy)";
    }
    return "synthetic: total and split invented for the sample (England 0-17 total "
        + populationTotal(year)
        + " is not an ONS figure); age/sex/ethnic split synthetic (ethnic shares from DfE pupils by ethnicity 2021/22 as a proxy)";
  }

  /** Largest-remainder allocation of total over weights. */
  static long[] allocate(long total, double[] weights) {
    double sum = Arrays.stream(weights).sum();
    long[] out = new long[weights.length];
    double[] rem = new double[weights.length];
    long used = 0;
    for (int i = 0; i < weights.length; i++) {
      double raw = total * weights[i] / sum;
      out[i] = (long) Math.floor(raw);
      rem[i] = raw - out[i];
      used += out[i];
    }
    Integer[] order = new Integer[weights.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(
        order, (a, b) -> rem[a] != rem[b] ? Double.compare(rem[b], rem[a]) : Integer.compare(a, b));
    for (int i = 0; i < total - used; i++) {
      out[order[i % order.length]]++;
    }
    return out;
  }

  /** SplitMix64-style mix of a seed, a year and salts (driver-side plan parameters only). */
  static long mix(long seed, int year, String... salts) {
    long h = seed * 0x9E3779B97F4A7C15L + year;
    for (String s : salts) {
      for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
        h = (h ^ b) * 0x100000001B3L;
      }
      h = splitmix(h);
    }
    return splitmix(h);
  }

  private static long splitmix(long z) {
    z += 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  static double unit(long h) {
    return (h >>> 11) / TWO_POW_53;
  }

  private static Map<String, Long> linked(Object... kv) {
    Map<String, Long> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], (Long) kv[i + 1]);
    }
    return m;
  }

  /** Rows of a small CSV file (header skipped), with double-quoted fields. */
  static List<String[]> readCsv(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read code list " + file, e);
    }
    List<String[]> rows = new ArrayList<>();
    for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      List<String> f = org.safeguardstats.schema.CodeLists.cells(line);
      rows.add(f.stream().map(String::trim).toArray(String[]::new));
    }
    return rows;
  }
}
