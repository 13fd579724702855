package org.safeguardstats.sample;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * The population baseline: England, each reporting year x single age 0-17 x sex x major ethnic
 * group, rounded so that each year's cells add up exactly to its total. Its shares by group and age
 * are also the baseline the incidents' ethnicity is drawn against.
 */
final class PopulationGenerator {
  static final int AGES = Vocabulary.OLDEST_CHILD_AGE + 1;

  private final SparkSession spark;
  private final SamplePlan plan;
  private final Draws draws;
  private final List<String> groups;
  private final List<String> sexes;
  private final double[] groupShare;
  private final double[][] ageProfile;

  PopulationGenerator(SparkSession spark, SamplePlan plan, Draws draws) {
    this.spark = spark;
    this.plan = plan;
    this.draws = draws;
    Vocabulary v = draws.vocabulary;
    groups = v.groups;
    sexes = v.sexes;
    groupShare = new double[groups.size()];
    ageProfile = new double[groups.size()][AGES];
    double[] g = new double[groups.size()];
    for (Map.Entry<String, Long> e : Calibration.PUPILS_2021_22.entrySet()) {
      g[groups.indexOf(v.majorGroup.get(e.getKey()))] += e.getValue();
    }
    double tot = java.util.Arrays.stream(g).sum();
    Map<String, Double> slope = Vocabulary.covering(Calibration.AGE_SLOPE, groups, "age slopes");
    for (int i = 0; i < groups.size(); i++) {
      groupShare[i] = g[i] / tot;
      double sum = 0;
      for (int a = 0; a < AGES; a++) {
        // Younger cohorts a little smaller, plus the group's own slope, about the middle age.
        ageProfile[i][a] =
            1 + (Calibration.BIRTH_DECLINE + slope.get(groups.get(i))) * (a - (AGES - 1) / 2.0);
        sum += ageProfile[i][a];
      }
      for (int a = 0; a < AGES; a++) {
        ageProfile[i][a] /= sum;
      }
    }
  }

  /** Share of all children who are in group g (index into the vocabulary's groups) and aged a. */
  double share(int g, int age) {
    return groupShare[g] * ageProfile[g][age];
  }

  /** The rows, with internal columns (sort key {@code _id}). */
  Dataset<Row> population() {
    int perAge = sexes.size() * groups.size();
    int cells = AGES * perAge;
    double[] sexShare =
        Vocabulary.covering(Calibration.SEX_SHARE, sexes, "sex shares").values().stream()
            .mapToDouble(Double::doubleValue)
            .toArray();
    Column[] base = new Column[cells];
    for (int a = 0; a < AGES; a++) {
      for (int s = 0; s < sexes.size(); s++) {
        for (int g = 0; g < groups.size(); g++) {
          base[a * perAge + s * groups.size() + g] = lit(share(g, a) * sexShare[s]);
        }
      }
    }
    long n = (long) plan.years.size() * cells;
    Dataset<Row> d =
        spark
            .range(0, n, 1, 1)
            .toDF("_id")
            .withColumn("_rest", pmod(col("_id"), lit((long) cells)))
            .withColumn(
                "year",
                lit(plan.spec.firstYear()).plus(floor(col("_id").divide(cells))).cast("int"))
            .withColumn("_age", floor(col("_rest").divide(perAge)).cast("int"))
            .withColumn(
                "_sex",
                floor(pmod(col("_rest"), lit((long) perAge)).divide(groups.size())).cast("int"))
            .withColumn("_g", pmod(col("_rest"), lit((long) groups.size())).cast("int"));
    Column y = col("year");
    Column jitter =
        lit(1.0)
            .plus(
                draws
                    .u("population", y, col("_age"), col("_sex"), col("_g"))
                    .minus(0.5)
                    .multiply(Calibration.POPULATION_JITTER));
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
            .withColumn("_total", plan.yp(y, p -> Calibration.populationTotal(p.year)));
    WindowSpec byYear = Window.partitionBy("year");
    // Largest-remainder rounding in exact integer arithmetic: cells sum to the total exactly.
    d =
        d.withColumn("_wsum", sum("_w").over(byYear))
            .withColumn("_prod", col("_total").multiply(col("_w")))
            .withColumn("_floor", expr("_prod div _wsum"))
            .withColumn("_rem", pmod(col("_prod"), col("_wsum")))
            .withColumn("_deficit", col("_total").minus(sum("_floor").over(byYear)))
            .withColumn(
                "_rank",
                row_number()
                    .over(Window.partitionBy("year").orderBy(col("_rem").desc(), col("_id").asc())))
            .withColumn(
                "population",
                col("_floor")
                    .plus(when(col("_rank").leq(col("_deficit")), 1L).otherwise(0L))
                    .cast("long"))
            .withColumn("geography_code", lit(Calibration.ENGLAND))
            .withColumn("age", col("_age").cast("string"))
            .withColumn("sex", element_at(lits(sexes), col("_sex").plus(1)))
            .withColumn("ethnic_group", element_at(lits(groups), col("_g").plus(1)))
            .withColumn("source", source(y));
    return d;
  }

  private static Column lits(List<String> values) {
    return array(values.stream().map(org.apache.spark.sql.functions::lit).toArray(Column[]::new));
  }

  private Column source(Column y) {
    Column c = null;
    for (SamplePlan.YearPlan p : plan.years) {
      String s = sourceText(p.year);
      c = c == null ? when(y.equalTo(p.year), s) : c.when(y.equalTo(p.year), s);
    }
    return c;
  }

  /** The {@code source} cell: says exactly which kind of row it is. */
  static String sourceText(int year) {
    if (Calibration.REAL_POPULATION.containsKey(year)) {
      return "synthetic: sample baseline; England 0-17 total ("
          + Calibration.REAL_POPULATION.get(year)
          + ") is the ONS mid-year estimate DfE published for reporting year "
          + year
          + " in its serious incident notifications data "
          + Calibration.REAL_POPULATION_URL.get(year)
          + "; age/sex/ethnic split synthetic (ethnic shares from DfE pupils by ethnicity 2021/22 as a proxy)";
    }
    return "synthetic: total and split invented for the sample (England 0-17 total "
        + Calibration.populationTotal(year)
        + " is not an ONS figure); age/sex/ethnic split synthetic (ethnic shares from DfE pupils by ethnicity 2021/22 as a proxy)";
  }
}
