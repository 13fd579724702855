package org.safeguardstats.input;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.safeguardstats.config.InvalidInputException;
import org.safeguardstats.config.JobConfig;
import org.safeguardstats.counts.PopulationBaseline;
import org.safeguardstats.io.InputFiles;
import org.safeguardstats.io.Syntax;
import org.safeguardstats.schema.Column;
import org.safeguardstats.schema.DeclaredSchema;
import org.safeguardstats.validation.Validated;

/**
 * ONS mid-year estimates, table MYEB1 ({@code data-schemas/inputs/ons_myeb1.schema.json}), CSV
 * only: local authority × sex × single year of age, one population_YYYY column per mid-year (the
 * columns vary by edition, so they are taken from the header). Yields England's children by age and
 * sex, summed over local authorities.
 */
public final class OnsMyeb1 extends InputShape<PopulationBaseline> {
  private static final String YEAR_COLUMN = "population_[0-9]{4}";

  private final String file;

  public OnsMyeb1(JobConfig job) {
    super("population", DeclaredSchema.input("ons_myeb1"));
    this.file = job.input("population").path();
  }

  @Override
  public boolean ignoresUndeclaredColumns() {
    return true;
  }

  /** The declared columns plus the header's population_YYYY columns; every file must agree. */
  @Override
  public DeclaredSchema schema(InputFiles files) {
    if (files.syntax() != Syntax.CSV) {
      throw new InvalidInputException(
          "Input population: shape ons_myeb1 is read from CSV only (format: csv), not "
              + files.syntax());
    }
    List<String> header = null;
    for (InputFiles.DataFile f : files.files()) {
      if (header != null && !header.equals(f.header())) {
        throw new InvalidInputException(
            "Input population: "
                + f.path()
                + " row 1: header differs from the folder's first file");
      }
      header = f.header();
    }
    if (header == null || header.stream().noneMatch(h -> h.matches(YEAR_COLUMN))) {
      throw new InvalidInputException(
          "Input population: "
              + files.path()
              + " row 1: no population_YYYY column (ONS MYEB1 shape)");
    }
    return declared()
        .with(
            header.stream()
                .filter(h -> h.matches(YEAR_COLUMN))
                .map(h -> Column.text(h, true, "^[0-9]+$"))
                .toList());
  }

  @Override
  public Validated validate(Dataset<Row> raw, DeclaredSchema schema) {
    return Validated.of(input(), schema, raw, List.of());
  }

  /**
   * Spark: England's children by single year of age and sex, summed over local authorities.
   * Mid-year M (30 June M) falls in reporting year M+1 (1 April M to 31 March M+1) and is used for
   * it.
   */
  @Override
  public PopulationBaseline from(Validated validated) {
    Dataset<Row> accepted = validated.accepted();
    List<String> years =
        Arrays.stream(accepted.columns()).filter(c -> c.matches(YEAR_COLUMN)).toList();
    StringBuilder stack = new StringBuilder("stack(" + years.size());
    years.forEach(
        c ->
            stack
                .append(", '")
                .append(c.substring(11))
                .append("', cast(")
                .append(c)
                .append(" as long)"));
    stack.append(") as (mid_year, population)");
    List<PopulationBaseline.Cell> cells = new ArrayList<>();
    accepted
        .filter("country = 'E' and cast(age as int) <= 17")
        .selectExpr("age", "sex", stack.toString())
        .groupBy("mid_year", "age", "sex")
        .agg(functions.sum("population").as("population"))
        .collectAsList()
        .forEach(
            r -> {
              int mid = Integer.parseInt(r.getString(0));
              cells.add(
                  new PopulationBaseline.Cell(
                      mid + 1,
                      String.valueOf(Integer.parseInt(r.getString(1))),
                      List.of("1", "M").contains(r.getString(2)) ? "male" : "female",
                      PopulationTable.ALL,
                      r.getLong(3),
                      "ONS mid-year estimates MYEB1 ("
                          + Path.of(file).getFileName()
                          + "), mid-"
                          + mid
                          + ", England summed over local authorities"));
            });
    return new PopulationBaseline(cells);
  }
}
