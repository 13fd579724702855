package org.safeguardstats.validation;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;
import static org.safeguardstats.validation.Rules.rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

/**
 * The rules of each input beyond those its schema implies, and the columns derived on the way
 * (reporting year, Panel age band, ethnic major group).
 */
public final class InputValidation {
  public static final String REPORTING_YEAR = "reporting_year";
  public static final String ETHNICITY_MAJOR = "ethnicity_major";
  public static final String PANEL_AGE_BAND = "panel_age_band";

  /** Derived: true on the first accepted row (by child_ref) of each incident. */
  public static final String FIRST_CHILD = "first_child";

  private InputValidation() {}

  /** Reporting year: the year ending 31 March in which the date falls. */
  public static Column reportingYear(Column date) {
    return functions.year(date).plus(when(functions.month(date).geq(4), 1).otherwise(0));
  }

  private static Column yearOf(String dateColumn) {
    return reportingYear(functions.to_date(col(dateColumn), "yyyy-MM-dd"));
  }

  private static Column outsideYears(String dateColumn, JobConfig job) {
    Column y = yearOf(dateColumn);
    return y.isNotNull().and(y.lt(job.firstYear()).or(y.gt(job.lastYear())));
  }

  private static String yearsText(JobConfig job) {
    return JobConfig.yearLabel(job.firstYear()) + " to " + JobConfig.yearLabel(job.lastYear());
  }

  /** Panel age band code for a whole-year age (null when the age is null). */
  public static Column panelAgeBand(Column age) {
    Column band = lit(null).cast("string");
    List<CodeLists.AgeBand> bands = new ArrayList<>(CodeLists.ageBands("panel"));
    java.util.Collections.reverse(bands);
    for (CodeLists.AgeBand b : bands) {
      if (b.minAge() != null) {
        band = when(age.between(b.minAge(), b.maxAge()), lit(b.code())).otherwise(band);
      }
    }
    return band;
  }

  public static Validated incidents(Dataset<Row> raw, JobConfig job) {
    DeclaredSchema schema = DeclaredSchema.input("incident");
    Column age = col("age_years").cast("int");
    Column type = col("incident_type");
    Column cause = col("likely_cause");
    List<String> deathCauses = causes("death");
    List<String> harmCauses = causes("serious_harm");
    List<Column> rules = new ArrayList<>();
    rules.add(
        rule(
            outsideYears("notification_date", job),
            "notification_date: outside the configured reporting years " + yearsText(job)));
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
                .and(functions.coalesce(panelAgeBand(age), lit("")).notEqual(col("age_band"))),
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
    Validated first = Validated.of("incidents", schema, raw, rules);

    // One window over incident_id serves both the duplicate check and the first-child flag.
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
    Validated checked = first.withMoreReasons(withDup, duplicate);
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
            .withColumn(FIRST_CHILD, accepted.and(acceptedSoFar.equalTo(1)));
    return new Validated("incidents", schema, flagged.transform(InputValidation::deriveIncident));
  }

  private static Dataset<Row> deriveIncident(Dataset<Row> rows) {
    Map<String, String> major = CodeLists.ethnicityMajorGroup();
    List<Column> mapArgs = new ArrayList<>();
    major.forEach(
        (k, v) -> {
          mapArgs.add(lit(k));
          mapArgs.add(lit(v));
        });
    Column age = col("age_years").cast("int");
    return rows.withColumn(REPORTING_YEAR, yearOf("notification_date"))
        .withColumn(
            PANEL_AGE_BAND,
            functions.coalesce(panelAgeBand(age), col("age_band"), lit("not_recorded")))
        .withColumn(
            ETHNICITY_MAJOR,
            functions.coalesce(
                functions.element_at(
                    functions.map(mapArgs.toArray(new Column[0])), col("ethnicity")),
                lit("unknown")));
  }

  private static List<String> causes(String appliesTo) {
    return CodeLists.rows("likely_causes.csv").stream()
        .filter(r -> r.get("applies_to").equals(appliesTo))
        .map(r -> r.get("code"))
        .toList();
  }

  public static Validated population(Dataset<Row> raw, JobConfig job) {
    DeclaredSchema schema = DeclaredSchema.input("population");
    List<Column> rules = new ArrayList<>();
    rules.add(
        rule(
            col("age")
                .isNotNull()
                .and(
                    not(
                        col("age")
                            .equalTo("all")
                            .or(
                                col("age")
                                    .rlike("^[0-9]{1,2}$")
                                    .and(col("age").cast("int").leq(17))))),
            "age: not a single year 0 to 17 or all"));
    Validated first = Validated.of("population", schema, raw, rules);
    WindowSpec byCell =
        Window.partitionBy(
                col("year"), col("geography_code"), col("age"), col("sex"), col("ethnic_group"))
            .orderBy(col(InputReader.SOURCE_FILE), col(InputReader.SOURCE_ROW));
    Dataset<Row> numbered = first.rows().withColumn("_n", functions.row_number().over(byCell));
    Validated checked =
        first.withMoreReasons(
            numbered,
            rule(
                col("_n").gt(1),
                "year, geography_code, age, sex, ethnic_group: duplicate of an earlier row"));
    return new Validated("population", schema, checked.rows().drop("_n"));
  }

  /** Reporting year of an EES time_period: 2024, or 202324 (consecutive years), is 2024. */
  public static Column eesReportingYear(Column timePeriod) {
    return when(
            functions.length(timePeriod).equalTo(6),
            functions.substring(timePeriod, 1, 4).cast("int").plus(1))
        .otherwise(timePeriod.cast("int"));
  }

  /**
   * The EES format's columns plus the job's filter and indicator columns (counts or GSS symbols).
   */
  public static DeclaredSchema eesSchema(String filter, List<String> indicators) {
    List<org.safeguardstats.schema.Column> more = new ArrayList<>();
    if (filter != null) {
      more.add(org.safeguardstats.schema.Column.text(filter, true, null));
    }
    for (String indicator : indicators) {
      more.add(org.safeguardstats.schema.Column.text(indicator, true, "^([0-9]+|c|x|z|low|u)$"));
    }
    return DeclaredSchema.input("ees").with(more);
  }

  /**
   * Published aggregate rows (EES format): the schema's rules, the configured years, and filter
   * values the job maps. {@code filter} may be null (a population file has none).
   */
  public static Validated ees(
      String input,
      Dataset<Row> raw,
      DeclaredSchema schema,
      JobConfig job,
      String filter,
      java.util.Set<String> filterValues) {
    Column year = eesReportingYear(col("time_period"));
    List<Column> rules = new ArrayList<>();
    rules.add(
        rule(
            col("time_period")
                .rlike("^[0-9]{4}([0-9]{2})?$")
                .and(year.lt(job.firstYear()).or(year.gt(job.lastYear()))),
            "time_period: outside the configured reporting years " + yearsText(job)));
    if (filter != null) {
      rules.add(
          rule(
              col(filter).isNotNull().and(not(col(filter).isin(filterValues.toArray()))),
              filter
                  + ": not one of the job's categories ("
                  + String.join(", ", new java.util.TreeSet<>(filterValues))
                  + ")"));
    }
    Validated v = Validated.of(input, schema, raw, rules);
    return new Validated(input, schema, v.rows().withColumn(REPORTING_YEAR, year));
  }

  /** ONS MYEB1: its declared columns plus the file's population_YYYY columns (whole numbers). */
  public static DeclaredSchema onsSchema(List<String> header) {
    List<org.safeguardstats.schema.Column> years =
        header.stream()
            .filter(h -> h.matches("population_[0-9]{4}"))
            .map(h -> org.safeguardstats.schema.Column.text(h, true, "^[0-9]+$"))
            .toList();
    return DeclaredSchema.input("ons_myeb1").with(years);
  }

  public static Validated reviews(Dataset<Row> raw, JobConfig job) {
    DeclaredSchema schema = DeclaredSchema.input("reviews");
    List<Column> rules = new ArrayList<>();
    rules.add(
        rule(
            outsideYears("review_date", job),
            "review_date: outside the configured reporting years " + yearsText(job)));
    Validated first = Validated.of("reviews", schema, raw, rules);
    WindowSpec byId =
        Window.partitionBy(col("review_id"))
            .orderBy(col(InputReader.SOURCE_FILE), col(InputReader.SOURCE_ROW));
    Dataset<Row> numbered = first.rows().withColumn("_n", functions.row_number().over(byId));
    Validated checked =
        first.withMoreReasons(
            numbered,
            rule(
                col("review_id").isNotNull().and(col("_n").gt(1)),
                "review_id: duplicate of an earlier row"));
    return new Validated(
        "reviews",
        schema,
        checked.rows().drop("_n").withColumn(REPORTING_YEAR, yearOf("review_date")));
  }
}
