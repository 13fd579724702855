package org.safeguardstats.input;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;
import static org.safeguardstats.validation.Rules.rule;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.functions;
import org.safeguardstats.config.JobConfig;
import org.safeguardstats.io.InputReader;
import org.safeguardstats.schema.CodeLists;
import org.safeguardstats.schema.DeclaredSchema;
import org.safeguardstats.validation.InputValidation;
import org.safeguardstats.validation.Validated;

/**
 * Record-level incidents ({@code data-schemas/inputs/incident.schema.json}): one row per child per
 * notified serious incident. Yields the accepted rows with the reporting year and first-child flag
 * derived; {@code counts.CountTable} counts them.
 */
public final class IncidentRecords extends InputShape<Dataset<Row>> {
  private final JobConfig job;

  public IncidentRecords(JobConfig job) {
    super("incidents", DeclaredSchema.input("incident"));
    this.job = job;
  }

  @Override
  public Validated validate(Dataset<Row> raw, DeclaredSchema schema) {
    Column age = col("age_years").cast("int");
    Column type = col("incident_type");
    Column cause = col("likely_cause");
    Column year = InputValidation.reportingYearOf("notification_date");
    List<String> deathCauses = causes("death");
    List<String> harmCauses = causes("serious_harm");
    List<Column> rules = new ArrayList<>();
    rules.add(
        InputValidation.outsideReportingYears("notification_date", year, year.isNotNull(), job));
    rules.add(
        rule(
            age.gt(17).and(functions.coalesce(col("care_leaver"), lit("")).notEqual("yes")),
            "age_years: over 17 is accepted only for care leavers"));
    rules.add(
        rule(
            col("age_years").isNull().and(col("age_band").isNull()),
            "age_years: missing (give age_years, or age_band with not_recorded when unknown)"));
    rules.add(
        rule(
            age.isNotNull()
                .and(col("age_band").isNotNull())
                .and(
                    functions
                        .coalesce(InputValidation.panelAgeBand(age), lit(""))
                        .notEqual(col("age_band"))),
            "age_band: does not match age_years"));
    Object[] panelBands =
        CodeLists.ageBands("panel").stream().map(CodeLists.AgeBand::code).toArray();
    rules.add(
        rule(
            col("age_band").isNotNull().and(not(col("age_band").isin(panelBands))),
            "age_band: not a Panel age band (under_1, 1_to_5, 6_to_10, 11_to_15, 16_to_17, 18_to_25, not_recorded)"));
    rules.add(
        rule(type.equalTo("death").and(cause.isNull()), "likely_cause: required for a death"));
    rules.add(
        rule(
            type.equalTo("death").and(cause.isin(harmCauses.toArray())),
            "likely_cause: a cause of serious harm given for a death"));
    rules.add(
        rule(
            type.equalTo("serious_harm").and(cause.isin(deathCauses.toArray())),
            "likely_cause: a cause of death given for serious harm"));
    rules.add(
        rule(
            col("extrafamilial_harm_type")
                .isNotNull()
                .and(functions.coalesce(col("extrafamilial_harm"), lit("")).notEqual("yes")),
            "extrafamilial_harm_type: given but extrafamilial_harm is not yes"));
    Validated first = Validated.of(input(), schema, raw, rules);

    // One window over incident_id serves the duplicate check, the children's agreement and the
    // first-child flag.
    // Duplicates: the second and later rows (in file order) of the same incident_id + child_ref.
    WindowSpec byIncident =
        Window.partitionBy(col("incident_id"))
            .orderBy(col("child_ref"), col(InputReader.SOURCE_FILE), col(InputReader.SOURCE_ROW));
    Dataset<Row> withDup =
        first
            .rows()
            .withColumn("_previous_child", functions.lag(col("child_ref"), 1).over(byIncident));
    Column duplicate =
        rule(
            col("incident_id").isNotNull().and(col("_previous_child").eqNullSafe(col("child_ref"))),
            "incident_id, child_ref: duplicate of an earlier row");
    Validated checked =
        first.withMoreReasons(
            withDup,
            duplicate,
            disagreement("incident_type"),
            disagreement("notification_date"),
            disagreement("local_authority_code"));
    // The first accepted child (by child_ref) of each incident: incidents are counted through it.
    // Same partitioning and order as above, so Spark adds no second shuffle or sort.
    Column accepted = functions.size(col(Validated.REASONS)).equalTo(0);
    Column acceptedSoFar =
        functions
            .sum(when(accepted, 1).otherwise(0))
            .over(byIncident.rowsBetween(Window.unboundedPreceding(), Window.currentRow()));
    Dataset<Row> flagged =
        checked
            .rows()
            .drop("_previous_child")
            .withColumn(InputValidation.FIRST_CHILD, accepted.and(acceptedSoFar.equalTo(1)));
    return checked.withRows(flagged.transform(IncidentRecords::derive));
  }

  /**
   * An incident's type, date and authority belong to the incident: when its children's rows
   * disagree, no row can be trusted, so every row of the incident is quarantined. Same partitioning
   * as the duplicate check, so no further shuffle.
   */
  private static Column disagreement(String field) {
    WindowSpec incident = Window.partitionBy(col("incident_id"));
    return rule(
        col("incident_id")
            .isNotNull()
            .and(
                functions
                    .min(col(field))
                    .over(incident)
                    .notEqual(functions.max(col(field)).over(incident))),
        field + ": differs between the children of this incident (all its rows are quarantined)");
  }

  private static Dataset<Row> derive(Dataset<Row> rows) {
    return rows.withColumn(
        InputValidation.REPORTING_YEAR, InputValidation.reportingYearOf("notification_date"));
  }

  private static List<String> causes(String appliesTo) {
    return CodeLists.rows("likely_causes.csv").stream()
        .filter(r -> r.get("applies_to").equals(appliesTo))
        .map(r -> r.get("code"))
        .toList();
  }

  /** The accepted rows; the count stage counts them. */
  @Override
  public Dataset<Row> from(Validated validated) {
    return validated.accepted();
  }
}
