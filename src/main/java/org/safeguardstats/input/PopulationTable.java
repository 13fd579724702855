package org.safeguardstats.input;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.safeguardstats.validation.Rules.rule;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.safeguardstats.config.JobConfig;
import org.safeguardstats.counts.PopulationBaseline;
import org.safeguardstats.schema.DeclaredSchema;
import org.safeguardstats.validation.Validated;

/**
 * The population table ({@code data-schemas/inputs/population.schema.json}): child population by
 * year, geography, age, sex and ethnic group, with its source. Yields the national rows.
 */
public final class PopulationTable extends InputShape<PopulationBaseline> {
  /** The population schema's value for a dimension not broken down. */
  static final String ALL = "all";

  public PopulationTable(JobConfig job) {
    super("population", DeclaredSchema.input("population"));
  }

  @Override
  public Validated validate(Dataset<Row> raw, DeclaredSchema schema) {
    return Validated.of(
            input(),
            schema,
            raw,
            List.of(
                rule(
                    col("age")
                        .isNotNull()
                        .and(
                            not(
                                col("age")
                                    .equalTo(ALL)
                                    .or(
                                        col("age")
                                            .rlike("^[0-9]{1,2}$")
                                            .and(col("age").cast("int").leq(17))))),
                    "age: not a single year 0 to 17 or all")))
        .withDuplicateRule(
            lit(true),
            "year, geography_code, age, sex, ethnic_group: duplicate of an earlier row",
            col("year"),
            col("geography_code"),
            col("age"),
            col("sex"),
            col("ethnic_group"));
  }

  /** Spark: the accepted national rows, collected (a few thousand at most). */
  @Override
  public PopulationBaseline from(Validated validated) {
    return new PopulationBaseline(
        validated
            .accepted()
            .filter(functions.col("geography_code").equalTo(PopulationBaseline.ENGLAND))
            .select("year", "age", "sex", "ethnic_group", "population", "source")
            .collectAsList()
            .stream()
            .map(
                r ->
                    new PopulationBaseline.Cell(
                        r.getInt(0),
                        r.getString(1),
                        r.getString(2),
                        r.getString(3),
                        r.getLong(4),
                        r.getString(5)))
            .toList());
  }
}
