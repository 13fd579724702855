package org.safeguardstats.sample;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The LCSPRs. Most follow an incident of the same or the previous year: the review inverts that
 * year's LCSPR permutation to find the incident, then takes its id and local authority and a date
 * on or after its notification.
 */
final class ReviewGenerator {
  private final SparkSession spark;
  private final SamplePlan plan;
  private final Draws draws;
  private final IncidentGenerator incidents;

  ReviewGenerator(SparkSession spark, SamplePlan plan, Draws draws, IncidentGenerator incidents) {
    this.spark = spark;
    this.plan = plan;
    this.draws = draws;
    this.incidents = incidents;
  }

  /** The rows, with internal columns (sort keys {@code _year, _r}). */
  Dataset<Row> reviews() {
    Dataset<Row> d =
        plan.rowsByYear(spark, plan.totalRev, 1_000_000, p -> p.revOffset, p -> p.nRev, "_r");
    Column y = col("_year");
    Column r = col("_r");
    d = d.withColumn("_slot", plan.perm(y, r, p -> p.rev, p -> p.nRev));
    Column slot = col("_slot");
    Column same = slot.lt(plan.yp(y, p -> p.revSame));
    Column prev = slot.lt(plan.yp(y, p -> p.revSame + p.revPrev));
    d =
        d.withColumn("_ty", when(same, y).when(prev, y.minus(1)))
            .withColumn(
                "_tq",
                when(same, slot)
                    .when(
                        prev,
                        plan.yp(y.minus(1), p -> p.revSame)
                            .plus(slot)
                            .minus(plan.yp(y, p -> p.revSame))));
    Column ty = col("_ty");
    // The incident in LCSPR slot _tq of year _ty: k = ainv * (q - b) mod n.
    d =
        d.withColumn(
            "_tk",
            pmod(
                plan.yp(ty, p -> p.lcspr.ainv())
                    .multiply(col("_tq").minus(plan.yp(ty, p -> p.lcspr.b()))),
                incidents.nInc(ty)));
    Column tk = col("_tk");
    Column start = plan.yp(y, p -> p.startDay);
    Column days = plan.yp(y, p -> p.days);
    d =
        d.withColumn("_notif", incidents.notifDay(ty, tk))
            .withColumn(
                "_rday",
                when(
                        same,
                        col("_notif")
                            .plus(
                                floor(
                                    draws
                                        .u("review_date", y, r)
                                        .multiply(start.plus(days).minus(col("_notif"))))))
                    .otherwise(start.plus(floor(draws.u("review_date", y, r).multiply(days))))
                    .cast("int"))
            .withColumn(
                "review_id", format_string("SYN-LCSPR-%d-%0" + plan.revIdWidth + "d", y, r.plus(1)))
            .withColumn("incident_id", when(ty.isNotNull(), incidents.incidentId(ty, tk)))
            .withColumn("review_date", IncidentGenerator.dateText(col("_rday")))
            .withColumn(
                "local_authority_code",
                when(ty.isNotNull(), incidents.laCode("local_authority_code", ty, tk))
                    .otherwise(incidents.laCode("review_local_authority", y, r)))
            .withColumn("_ntheme", Calibration.reviewThemeCount(draws.u("review_themes_n", y, r)))
            .withColumn("practice_themes", draws.themes("review_themes", "_year", "_r", "_ntheme"));
    return d;
  }
}
