package org.safeguardstats.sample;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;

/**
 * Every number that makes the synthetic sample tell the story of the Child Safeguarding Practice
 * Review Panel's 2023-24 annual report ("the report" below), in one place. Unless a note says
 * otherwise a share is a round figure chosen so that the sample's outputs land near the report's
 * (the targets are listed in {@code data/sample/README.md}); it is not a published figure. The
 * codes named here are checked against the declared schemas and code lists (see {@link
 * Vocabulary}).
 */
final class Calibration {
  private Calibration() {}

  // ---- Counts per reporting year (driver-side plan) ---------------------------------------------

  /** Incidents per reporting year at scale 1: the report's notifications 2018-19 to 2023-24. */
  static final Map<Integer, Integer> BASE_INCIDENTS =
      Map.of(2019, 480, 2020, 449, 2021, 536, 2022, 442, 2023, 402, 2024, 330);

  /** 2024 split, exact at scale 1 (the report): deaths, serious harm, other. */
  static final long[] SPLIT_2024 = {162, 158, 10};

  /** Death share and other share by year (serious harm the rest); near the report's series. */
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

  /** LCSPRs (local reviews) per reporting year at scale 1; about 82 a year as in the report. */
  static final Map<Integer, Integer> BASE_REVIEWS =
      Map.of(2019, 86, 2020, 91, 2021, 96, 2022, 88, 2023, 85, 2024, 82);

  /** Share of incidents with 2, 3 and 4 children (the rest have 1): 2024 gives 330 -> 485. */
  static final double[] SIBLING_SHARES = {0.20, 0.076, 0.04};

  /**
   * Per Panel age band (keyed by its code in age_bands.csv): its share of the children in reporting
   * years up to 2023 (under-1s largest, ~30%; 11-15 second) and from 2024 (16-17 second, as in the
   * report), and the shares of its single ages from its lowest (the last age takes the remainder;
   * no shares: one age; null: no age). Care leavers are 18 to 21; ~1% age not recorded.
   */
  static final Map<String, Band> BANDS =
      Map.of(
          "under_1", new Band(0.300, 0.300, new double[] {}),
          "1_to_5", new Band(0.170, 0.165, new double[] {0.30, 0.22, 0.18, 0.16}),
          "6_to_10", new Band(0.085, 0.075, new double[] {0.18, 0.18, 0.19, 0.20}),
          "11_to_15", new Band(0.250, 0.205, new double[] {0.12, 0.15, 0.20, 0.24}),
          "16_to_17", new Band(0.175, 0.235, new double[] {0.45}),
          "18_to_25", new Band(0.010, 0.010, new double[] {0.45, 0.30, 0.15}),
          "not_recorded", new Band(0.010, 0.010, null));

  record Band(double shareTo2023, double shareFrom2024, double[] ageShares) {
    double share(int year) {
      return year >= 2024 ? shareFrom2024 : shareTo2023;
    }
  }

  /** Share of each year's reviews linked to a sample incident (~85%). */
  static final double REVIEWS_LINKED = 0.85;

  /** Of the linked reviews, the share that follow an incident of the previous year. */
  static final double REVIEWS_OF_PREVIOUS_YEAR = 0.45;

  /** Incidents with an LCSPR commissioned (~25%), at least every reviewed one. */
  static final double LCSPR_SHARE = 0.25;

  /** Synthetic count of incidents for a year the report does not cover: 380 to 499. */
  static long baseIncidents(int year) {
    return BASE_INCIDENTS.getOrDefault(
        year, 380 + (int) Math.floorMod(Draws.mix(0, year, "incidents"), 120L));
  }

  /** Death, serious harm and other weights of a year. */
  static double[] typeWeights(int year) {
    if (year == 2024) {
      return new double[] {SPLIT_2024[0], SPLIT_2024[1], SPLIT_2024[2]};
    }
    // Years the report does not cover: deaths 42-47%, other 3-6%.
    double[] sh =
        TYPE_SHARES.getOrDefault(
            year,
            new double[] {
              0.42 + 0.05 * Draws.unit(Draws.mix(0, year, "death share")),
              0.03 + 0.03 * Draws.unit(Draws.mix(0, year, "other share"))
            });
    return new double[] {sh[0], 1 - sh[0] - sh[1], sh[1]};
  }

  /** Synthetic count of reviews for a year the report does not cover: 75 to 94. */
  static long baseReviews(int year) {
    return BASE_REVIEWS.getOrDefault(
        year, 75 + (int) Math.floorMod(Draws.mix(0, year, "reviews"), 20L));
  }

  // ---- Local authorities ------------------------------------------------------------------------

  /**
   * The two smallest children's services authorities (City of London, Isles of Scilly) get no
   * synthetic count.
   */
  static final Set<String> LA_LEFT_OUT = Set.of("E09000001", "E06000053");

  // ---- Population baseline ----------------------------------------------------------------------

  /** England. */
  static final String ENGLAND = "E92000001";

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

  /** Slight decline in births: each younger cohort a little smaller (per year of age). */
  static final double BIRTH_DECLINE = 0.004;

  /** Age slope of each group's population profile (per year of age; negative = younger). */
  static final Map<String, Double> AGE_SLOPE =
      Map.of("white", 0.010, "mixed", -0.024, "asian", -0.002, "black", -0.008, "other", -0.004);

  /** Boys about 51.2% of each age x ethnic group. */
  static final Map<String, Double> SEX_SHARE = Map.of("male", 0.512, "female", 0.488);

  /** Seeded jitter of each population cell: +-1.5%. */
  static final double POPULATION_JITTER = 0.03;

  /** Real total of a year, else the invented one. */
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

  // ---- Ethnicity of the children ----------------------------------------------------------------

  /**
   * Representation ratio of each major group by child band (under_1 .. 16_to_17) against the
   * population, before renormalisation: Black and Mixed over-represented, Asian under-represented
   * (the report's pattern). Care leavers take the oldest band's ratios.
   */
  static final Map<String, double[]> ETHNIC_RATIO =
      Map.of(
          "white", new double[] {1.0, 1.0, 1.0, 1.0, 1.0},
          "mixed", new double[] {2.0, 1.9, 1.8, 1.6, 1.5},
          "asian", new double[] {0.68, 0.68, 0.68, 0.68, 0.68},
          "black", new double[] {1.6, 1.6, 1.7, 2.3, 2.6},
          "other", new double[] {1.0, 1.0, 1.0, 1.0, 1.0});

  /** Ethnicity refused (2%), then not obtained (the next 3%): ~5% unknown. */
  static Column unknownEthnicity(Draws d, Column u, Column known) {
    return when(u.lt(0.02), d.code("ethnicity", "REFU"))
        .when(u.lt(0.05), d.code("ethnicity", "NOBT"))
        .otherwise(known);
  }

  /** The draw left for the known codes once the unknown 5% is taken. */
  static Column knownEthnicityDraw(Column u) {
    return u.minus(0.05).divide(0.95);
  }

  // ---- Practice themes --------------------------------------------------------------------------

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

  /** Number of themes of an incident: 1 (35%), 2 (40%) or 3. */
  static Column incidentThemeCount(Column u) {
    return Draws.pickInt(u, 1, 0.35, 2, 0.40, 3);
  }

  /** Number of themes of a review: 1 (20%), 2 (45%) or 3. */
  static Column reviewThemeCount(Column u) {
    return Draws.pickInt(u, 1, 0.20, 2, 0.45, 3);
  }

  // ---- Incident-level fields --------------------------------------------------------------------

  /** Rapid review completed: mostly true (95%; 60% for `other` incidents). */
  static Column rapidReviewRate(Draws d) {
    return when(d.is("incident_type", "other"), 0.6).otherwise(0.95);
  }

  /** LCSPR commissioned where the plan says so, else 5% not recorded, else no. */
  static Column lcsprCommissioned(Draws d, Column planned, Column u) {
    return when(planned, d.code("lcspr_commissioned", "yes"))
        .when(u.lt(0.05), d.code("lcspr_commissioned", "not_recorded"))
        .otherwise(d.code("lcspr_commissioned", "no"));
  }

  // ---- Child-level fields -----------------------------------------------------------------------

  static Column sex(Draws d, Column u) {
    return d.pick("sex", u, "not_recorded", 0.01, "male", 0.505, "female");
  }

  /**
   * Likely cause. Deaths: SUDI ~30% (under-2s only), suicide ~20% (10+ only), fatal maltreatment
   * ~15%, extrafamilial homicide ~8%, unknown ~8%. Serious harm: nonfatal assault in the family
   * commonest, then sexual abuse/exploitation (more girls), extrafamilial assault (more boys),
   * neglect, self-harm. `other` incidents: unknown or empty.
   */
  static Column likelyCause(Draws d, Column u) {
    Column age = col("age_years");
    String c = "likely_cause";
    Column death =
        byAgeAndSex(
            d,
            d.pick(c, u, "other_death", 0.4, "unknown", 0.4, "fatal_maltreatment_family"),
            when(
                    age.equalTo(0),
                    d.pick(
                        c,
                        u,
                        "sudi",
                        0.90,
                        "fatal_maltreatment_family",
                        0.06,
                        "other_death",
                        0.02,
                        "unknown"))
                .when(
                    age.equalTo(1),
                    d.pick(
                        c,
                        u,
                        "sudi",
                        0.55,
                        "fatal_maltreatment_family",
                        0.25,
                        "other_death",
                        0.12,
                        "unknown"))
                .otherwise(
                    d.pick(
                        c,
                        u,
                        "fatal_maltreatment_family",
                        0.52,
                        "other_death",
                        0.28,
                        "unknown",
                        0.12,
                        "extrafamilial_homicide")),
            d.pick(
                c,
                u,
                "suicide",
                0.42,
                "extrafamilial_homicide",
                0.20,
                "fatal_maltreatment_family",
                0.08,
                "other_death",
                0.20,
                "unknown"),
            d.pick(
                c,
                u,
                "suicide",
                0.46,
                "extrafamilial_homicide",
                0.08,
                "fatal_maltreatment_family",
                0.08,
                "other_death",
                0.28,
                "unknown"));
    Column harm =
        byAgeAndSex(
            d,
            d.pick(c, u, "unknown", 0.5, "other_harm", 0.25, "nonfatal_assault_family"),
            when(
                    age.leq(1),
                    d.pick(
                        c,
                        u,
                        "nonfatal_assault_family",
                        0.72,
                        "neglect",
                        0.16,
                        "other_harm",
                        0.06,
                        "unknown"))
                .otherwise(
                    d.pick(
                        c,
                        u,
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
                        "extrafamilial_assault")),
            d.pick(
                c,
                u,
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
                "unknown"),
            d.pick(
                c,
                u,
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
    return when(d.is("incident_type", "death"), death)
        .when(d.is("incident_type", "serious_harm"), harm)
        .otherwise(d.pick(c, u, "unknown", 0.7, null));
  }

  /** A distribution for an unknown age, one for under-10s (by age), and 10+ by sex. */
  private static Column byAgeAndSex(
      Draws d, Column ageUnknown, Column under10, Column boys, Column girls) {
    Column age = col("age_years");
    return when(age.isNull(), ageUnknown)
        .when(age.lt(10), under10)
        .when(d.is("sex", "male"), boys)
        .otherwise(girls);
  }

  static Column disability(Draws d, Column u) {
    return d.pick("disability", u, "not_recorded", 0.40, "yes", 0.12, "no");
  }

  /** Sexuality not recorded for ~85%; recorded for about a third of the 11+. */
  static Column sexualityRecorded(Draws d, Column u) {
    Column age = col("age_years");
    String c = "sexuality_recorded";
    return when(age.isNull(), d.pick(c, u, "yes", 0.05, "no"))
        .when(age.geq(11), d.pick(c, u, "yes", 0.32, "no"))
        .otherwise(d.pick(c, u, "yes", 0.02, "no"));
  }

  /** Known to children's social care ~75%; care leavers always known. */
  static Column socialCareContact(Draws d, Column careLeaver, Column u) {
    String c = "social_care_contact";
    return when(careLeaver, d.pick(c, u, "current", 0.7, "previous"))
        .otherwise(d.pick(c, u, "current", 0.48, "previous", 0.27, "never", 0.20, "not_recorded"));
  }

  /** Of those known: CPP ~40%, looked after ~20%; care leavers were looked after. */
  static Column socialCareStatus(Draws d, Column careLeaver, Column u) {
    String c = "social_care_status";
    return when(careLeaver, lit(d.code(c, "looked_after")))
        .when(
            d.is("social_care_contact", "current", "previous"),
            d.pick(
                c,
                u,
                "child_in_need",
                0.35,
                "child_protection_plan",
                0.40,
                "looked_after",
                0.20,
                "not_recorded"))
        .when(d.is("social_care_contact", "never"), lit(d.code(c, "none")))
        .otherwise(lit(d.code(c, "not_recorded")));
  }

  /** EHC plan in place or being assessed for ~25% of the 11+. */
  static Column ehcPlan(Draws d, Column u) {
    Column age = col("age_years");
    String c = "ehc_plan";
    return when(age.isNull(), d.pick(c, u, "not_recorded", 0.5, "none"))
        .when(
            age.geq(11),
            d.pick(c, u, "in_place", 0.17, "being_assessed", 0.09, "none", 0.66, "not_recorded"))
        .when(
            age.geq(2),
            d.pick(c, u, "in_place", 0.08, "being_assessed", 0.06, "none", 0.78, "not_recorded"))
        .otherwise(d.pick(c, u, "none", 0.90, "not_recorded"));
  }

  /** Child mental health: 6% not recorded; yes ~20% overall, ~40% of the 13+. */
  static Column childMentalHealth(Draws d, Column u) {
    Column age = col("age_years");
    Column yes =
        when(d.is("likely_cause", "suicide"), 0.92)
            .when(d.is("likely_cause", "self_harm"), 0.75)
            .when(age.isNull(), 0.10)
            .when(age.geq(13), 0.27)
            .when(age.geq(10), 0.25)
            .when(age.geq(5), 0.08)
            .otherwise(0.0);
    return yesNoNotRecorded(d, "child_mental_health", u, 0.06, 0.94, yes);
  }

  /**
   * Parental factors (family-level): mental health ~50%, substance misuse ~40%, disability ~25%.
   */
  static Column parentMentalHealth(Draws d, Column u) {
    return d.pick("parent_mental_health", u, "yes", 0.50, "no", 0.40, "not_recorded");
  }

  static Column parentSubstanceMisuse(Draws d, Column u) {
    return d.pick("parent_substance_misuse", u, "yes", 0.40, "no", 0.50, "not_recorded");
  }

  static Column parentDisability(Draws d, Column u) {
    return d.pick("parent_disability", u, "yes", 0.25, "no", 0.62, "not_recorded");
  }

  /** Abuse: neglect ~50, domestic ~45 (family-level), physical ~30, sexual ~20, emotional ~20%. */
  static Column abuseNeglect(Draws d, Column u) {
    String c = "abuse_neglect";
    return when(d.is("likely_cause", "neglect"), d.pick(c, u, "yes", 0.95, "not_recorded"))
        .otherwise(d.pick(c, u, "yes", 0.48, "no", 0.45, "not_recorded"));
  }

  static Column abuseDomestic(Draws d, Column u) {
    return d.pick("abuse_domestic", u, "yes", 0.45, "no", 0.47, "not_recorded");
  }

  static Column abusePhysical(Draws d, Column u) {
    String c = "abuse_physical";
    return when(
            d.is("likely_cause", "nonfatal_assault_family", "fatal_maltreatment_family"),
            d.pick(c, u, "yes", 0.85, "no", 0.12, "not_recorded"))
        .otherwise(d.pick(c, u, "yes", 0.12, "no", 0.80, "not_recorded"));
  }

  static Column abuseSexual(Draws d, Column u) {
    String c = "abuse_sexual";
    return when(d.is("likely_cause", "sexual_abuse_exploitation"), lit(d.code(c, "yes")))
        .otherwise(d.pick(c, u, "yes", 0.14, "no", 0.78, "not_recorded"));
  }

  static Column abuseEmotional(Draws d, Column u) {
    return d.pick("abuse_emotional", u, "yes", 0.20, "no", 0.70, "not_recorded");
  }

  /** Extrafamilial harm: 4% not recorded; yes for most extrafamilial causes, more among boys. */
  static Column extrafamilialHarm(Draws d, Column u) {
    Column older = col("age_years").geq(11);
    Column yes =
        when(d.is("likely_cause", "extrafamilial_assault", "extrafamilial_homicide"), 0.96)
            .when(d.is("likely_cause", "sexual_abuse_exploitation").and(older), 0.45)
            .when(d.is("likely_cause", "suicide"), 0.15)
            .when(d.is("likely_cause", "self_harm"), 0.10)
            .when(older, 0.08)
            .otherwise(0.01);
    return yesNoNotRecorded(d, "extrafamilial_harm", u, 0.04, 0.96, yes);
  }

  /** Type of extrafamilial harm, only where there was some. */
  static Column extrafamilialHarmType(Draws d, Column u) {
    String c = "extrafamilial_harm_type";
    return when(
            col("extrafamilial_harm").notEqual(d.code("extrafamilial_harm", "yes")),
            lit(null).cast("string"))
        .when(
            d.is("likely_cause", "extrafamilial_assault", "extrafamilial_homicide"),
            d.pick(c, u, "serious_youth_violence", 0.55, "criminal_exploitation", 0.35, "other"))
        .when(
            d.is("likely_cause", "sexual_abuse_exploitation"),
            d.pick(c, u, "sexual_exploitation", 0.65, "online_harm", 0.30, "other"))
        .otherwise(
            d.pick(
                c,
                u,
                "criminal_exploitation",
                0.35,
                "online_harm",
                0.35,
                "sexual_exploitation",
                0.10,
                "other"));
  }

  // ---- helpers ----------------------------------------------------------------------------------

  /** not_recorded with the given share, then yes with probability {@code yes} of the rest. */
  private static Column yesNoNotRecorded(
      Draws d, String column, Column u, double notRecorded, double rest, Column yes) {
    return when(u.lt(notRecorded), d.code(column, "not_recorded"))
        .when(u.minus(notRecorded).divide(rest).lt(yes), d.code(column, "yes"))
        .otherwise(d.code(column, "no"));
  }

  private static Map<String, Long> linked(Object... kv) {
    Map<String, Long> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], (Long) kv[i + 1]);
    }
    return m;
  }
}
