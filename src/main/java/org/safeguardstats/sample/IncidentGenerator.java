package org.safeguardstats.sample;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.safeguardstats.schema.CodeLists.AgeBand;

/**
 * The notified incidents and their children: one row per child. Counts come exact from the {@link
 * SamplePlan}; each field is drawn by {@link Calibration}. Incident-level fields are functions of
 * (year, k) only, so siblings share them and the reviews can rebuild them.
 */
final class IncidentGenerator {
  private final SparkSession spark;
  private final SamplePlan plan;
  private final Draws draws;
  private final PopulationGenerator population;
  private final Vocabulary vocabulary;
  private final long incidentsPerPart;

  /** Incidents per Spark partition when none is asked for (CSV parts of about 120 MB). */
  static final long INCIDENTS_PER_PART = 400_000;

  IncidentGenerator(
      SparkSession spark, SamplePlan plan, Draws draws, PopulationGenerator population) {
    this(spark, plan, draws, population, INCIDENTS_PER_PART);
  }

  /**
   * With {@code incidentsPerPart} incidents in each Spark partition (one output file each); the
   * rows do not depend on it.
   */
  IncidentGenerator(
      SparkSession spark,
      SamplePlan plan,
      Draws draws,
      PopulationGenerator population,
      long incidentsPerPart) {
    this.incidentsPerPart = incidentsPerPart;
    this.spark = spark;
    this.plan = plan;
    this.draws = draws;
    this.population = population;
    this.vocabulary = draws.vocabulary;
  }

  // ---- incident-level expressions, shared with the reviews ----

  Column nInc(Column y) {
    return plan.yp(y, p -> p.nInc);
  }

  Column notifDay(Column y, Column k) {
    // Stratified over the year and non-decreasing in k, so incident numbers follow dates.
    Column frac =
        k.plus(draws.u("notification_date", y, k))
            .multiply(plan.yp(y, p -> p.days))
            .divide(nInc(y));
    return plan.yp(y, p -> p.startDay).plus(floor(frac)).cast("int");
  }

  Column laCode(String salt, Column... keys) {
    return draws.oneOf(vocabulary.laCodes, salt, keys);
  }

  Column incidentId(Column y, Column k) {
    return format_string("SYN-%d-%0" + plan.incIdWidth + "d", y, k.plus(1));
  }

  static Column dateText(Column epochDay) {
    return date_format(date_add(to_date(lit("1970-01-01")), epochDay), "yyyy-MM-dd");
  }

  // ---- the rows ----

  /** The rows, with internal columns (sort keys {@code _year, _k, _c}). */
  Dataset<Row> incidents() {
    Dataset<Row> d =
        plan.rowsByYear(
            spark, plan.totalInc, incidentsPerPart, p -> p.incOffset, p -> p.nInc, "_k");
    Column y = col("_year");
    Column k = col("_k");
    Column qType = plan.perm(y, k, p -> p.type, p -> p.nInc);
    Column qKids = plan.perm(y, k, p -> p.kids, p -> p.nInc);
    String type = "incident_type";
    d =
        d.withColumn("_qkids", qKids)
            // Incidents in the first LCSPR slots are the reviewed ones, then LCSPR yes.
            .withColumn("_qlcspr", plan.perm(y, k, p -> p.lcspr, p -> p.nInc))
            .withColumn(
                type,
                when(qType.lt(plan.yp(y, p -> p.nDeath)), draws.code(type, "death"))
                    .when(
                        qType.lt(plan.yp(y, p -> p.nDeath + p.nHarm)),
                        draws.code(type, "serious_harm"))
                    .otherwise(draws.code(type, "other")))
            .withColumn(
                "_nkids",
                when(col("_qkids").lt(plan.yp(y, p -> p.n4)), 4)
                    .when(col("_qkids").lt(plan.yp(y, p -> p.m3)), 3)
                    .when(col("_qkids").lt(plan.yp(y, p -> p.m2)), 2)
                    .otherwise(1))
            .withColumn("incident_id", incidentId(y, k))
            .withColumn("notification_date", dateText(notifDay(y, k)))
            .withColumn("local_authority_code", laCode("local_authority_code", y, k))
            .withColumn(
                "rapid_review",
                col("_qlcspr")
                    .lt(plan.yp(y, p -> p.linked))
                    .or(draws.u("rapid_review", y, k).lt(Calibration.rapidReviewRate(draws))))
            .withColumn(
                "lcspr_commissioned",
                Calibration.lcsprCommissioned(
                    draws,
                    col("_qlcspr").lt(plan.yp(y, p -> p.lcsprYes)),
                    draws.u("lcspr_commissioned", y, k)))
            .withColumn("_ntheme", Calibration.incidentThemeCount(draws.u("themes_n", y, k)))
            .withColumn(
                "practice_themes", draws.themes("incident_themes", "_year", "_k", "_ntheme"));

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
                    .when(c.equalTo(3), n.plus(plan.yp(y, p -> p.m2)).plus(col("_qkids")))
                    .otherwise(n.plus(plan.yp(y, p -> p.m2 + p.m3)).plus(col("_qkids"))));
    Column qAge = plan.perm(y, col("_j"), p -> p.age, p -> p.nKids);
    List<AgeBand> bands = vocabulary.bands;
    Column band = null;
    for (int i = 0; i < bands.size(); i++) {
      final int bi = i;
      Column cond = qAge.lt(plan.yp(y, p -> p.bandCum[bi]));
      band = band == null ? when(cond, bands.get(i).code()) : band.when(cond, bands.get(i).code());
    }
    d = d.withColumn("_band", band);
    Column b = col("_band");
    Column careLeaver = b.equalTo(vocabulary.careLeaverBand().code());
    d =
        d.withColumn("age_years", age(b, draws.u("age_years", y, k, c)))
            .withColumn(
                "age_band",
                when(
                        b.equalTo(vocabulary.notRecordedBand().code()),
                        vocabulary.notRecordedBand().code())
                    .otherwise(lit(null).cast("string")))
            .withColumn(
                "care_leaver",
                when(careLeaver, draws.code("care_leaver", "yes"))
                    .otherwise(draws.code("care_leaver", "no")))
            .withColumn("sex", Calibration.sex(draws, draws.u("sex", y, k, c)))
            .withColumn(
                "likely_cause", Calibration.likelyCause(draws, draws.u("likely_cause", y, k, c)))
            // Ethnicity: shared by siblings (incident-level draw), conditional on the age band.
            .withColumn("ethnicity", ethnicity(draws.u("ethnicity", y, k), b));

    // Draws on (y, k) are family-level (siblings share them); on (y, k, c) the child's own.
    d =
        d.withColumn("disability", Calibration.disability(draws, draws.u("disability", y, k, c)))
            .withColumn(
                "sexuality_recorded",
                Calibration.sexualityRecorded(draws, draws.u("sexuality_recorded", y, k, c)))
            .withColumn(
                "social_care_contact",
                Calibration.socialCareContact(
                    draws, careLeaver, draws.u("social_care_contact", y, k)))
            .withColumn(
                "social_care_status",
                Calibration.socialCareStatus(
                    draws, careLeaver, draws.u("social_care_status", y, k, c)))
            .withColumn("ehc_plan", Calibration.ehcPlan(draws, draws.u("ehc_plan", y, k, c)))
            .withColumn(
                "child_mental_health",
                Calibration.childMentalHealth(draws, draws.u("child_mental_health", y, k, c)))
            .withColumn(
                "parent_mental_health",
                Calibration.parentMentalHealth(draws, draws.u("parent_mental_health", y, k)))
            .withColumn(
                "parent_substance_misuse",
                Calibration.parentSubstanceMisuse(draws, draws.u("parent_substance_misuse", y, k)))
            .withColumn(
                "parent_disability",
                Calibration.parentDisability(draws, draws.u("parent_disability", y, k)))
            .withColumn(
                "abuse_neglect", Calibration.abuseNeglect(draws, draws.u("abuse_neglect", y, k, c)))
            .withColumn(
                "abuse_domestic", Calibration.abuseDomestic(draws, draws.u("abuse_domestic", y, k)))
            .withColumn(
                "abuse_physical",
                Calibration.abusePhysical(draws, draws.u("abuse_physical", y, k, c)))
            .withColumn(
                "abuse_sexual", Calibration.abuseSexual(draws, draws.u("abuse_sexual", y, k, c)))
            .withColumn(
                "abuse_emotional",
                Calibration.abuseEmotional(draws, draws.u("abuse_emotional", y, k, c)))
            .withColumn(
                "extrafamilial_harm",
                Calibration.extrafamilialHarm(draws, draws.u("extrafamilial_harm", y, k, c)))
            .withColumn(
                "extrafamilial_harm_type",
                Calibration.extrafamilialHarmType(
                    draws, draws.u("extrafamilial_harm_type", y, k, c)));
    return d;
  }

  /** Single age within the band: its lowest age plus a draw on the band's age shares. */
  private Column age(Column band, Column u) {
    Column age = null;
    for (AgeBand ab : vocabulary.bands) {
      double[] shares = Calibration.BANDS.get(ab.code()).ageShares();
      if (shares == null) {
        continue;
      }
      Object[] pairs = new Object[2 * shares.length + 1];
      for (int i = 0; i < shares.length; i++) {
        pairs[2 * i] = ab.minAge() + i;
        pairs[2 * i + 1] = shares[i];
      }
      pairs[pairs.length - 1] = ab.minAge() + shares.length;
      Column cond = band.equalTo(ab.code());
      Column pick = Draws.pickInt(u, pairs);
      age = age == null ? when(cond, pick) : age.when(cond, pick);
    }
    return age.otherwise(lit(null).cast("int"));
  }

  /** P(code | band) = population share of its group in the band x ratio, renormalised. */
  private Column ethnicity(Column uEth, Column band) {
    List<String> groups = vocabulary.groups;
    List<AgeBand> child = vocabulary.childBands();
    String careLeaver = vocabulary.careLeaverBand().code();
    double[][] ratio =
        Vocabulary.covering(Calibration.ETHNIC_RATIO, groups, "ethnic ratios").values().stream()
            .toArray(double[][]::new);
    for (double[] r : ratio) {
      if (r.length != child.size()) {
        throw new IllegalStateException("ethnic ratios need one value per child band " + child);
      }
    }
    List<String> ethCodes = List.copyOf(vocabulary.majorGroup.keySet());
    Column v = Calibration.knownEthnicityDraw(uEth);
    Column known = null;
    // One distribution per child band, then (otherwise) one over all ages 0-17.
    for (int bi = 0; bi <= child.size(); bi++) {
      boolean all = bi == child.size();
      int lo = all ? 0 : child.get(bi).minAge();
      int hi = all ? Vocabulary.OLDEST_CHILD_AGE : child.get(bi).maxAge();
      double[] w = new double[groups.size()];
      for (int g = 0; g < groups.size(); g++) {
        double pop = 0;
        for (int a = lo; a <= hi; a++) {
          pop += population.share(g, a);
        }
        double r = all ? Arrays.stream(ratio[g]).average().orElse(1) : ratio[g][bi];
        w[g] = pop * r;
      }
      List<Object> pairs = new ArrayList<>();
      double total = Arrays.stream(w).sum();
      for (int g = 0; g < groups.size(); g++) {
        String group = groups.get(g);
        double gTot = 0;
        for (String code : ethCodes) {
          if (group.equals(vocabulary.majorGroup.get(code))) {
            gTot += Calibration.PUPILS_2021_22.getOrDefault(code, 0L);
          }
        }
        for (String code : ethCodes) {
          if (group.equals(vocabulary.majorGroup.get(code))
              && Calibration.PUPILS_2021_22.getOrDefault(code, 0L) > 0) {
            pairs.add(code);
            pairs.add(w[g] / total * Calibration.PUPILS_2021_22.get(code) / gTot);
          }
        }
      }
      pairs.remove(pairs.size() - 1); // the last code takes the remainder
      Column pk = draws.pick("ethnicity", v, pairs.toArray());
      if (all) {
        known = known.otherwise(pk);
      } else {
        String code = child.get(bi).code();
        // Care leavers take the oldest child band's distribution.
        Column cond = bi == child.size() - 1 ? band.isin(code, careLeaver) : band.equalTo(code);
        known = known == null ? when(cond, pk) : known.when(cond, pk);
      }
    }
    return Calibration.unknownEthnicity(draws, uEth, known);
  }
}
