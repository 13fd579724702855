package org.safeguardstats.analysis;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.safeguardstats.counts.Period;
import org.safeguardstats.counts.YearlyCounts;
import org.safeguardstats.validation.InputValidation;

/**
 * The one pass over accepted incident records: children and incidents counted over every
 * combination of the characteristics the analyses need. Every analysis reads this small table; none
 * rescans the records.
 *
 * <p>Incidents are counted through the first child (by child_ref) of each incident, so that
 * incident counts add up across cells that describe the incident (year, type); across child
 * characteristics (sex, age) they count each incident once, under its first child.
 */
public final class CountCube implements YearlyCounts {
  public static final String NOT_RECORDED = "not_recorded";

  private final List<Cell> cells;

  /** One cell of the cube. */
  public record Cell(
      int reportingYear,
      String incidentType,
      String likelyCause,
      String sex,
      String ageBand,
      String ethnicity,
      long children,
      long incidents) {}

  public CountCube(List<Cell> cells) {
    this.cells = List.copyOf(cells);
  }

  /**
   * Spark: accepted incident rows to the cube's rows (small: at most years × types × causes × sexes
   * × bands × groups).
   */
  public static Dataset<Row> aggregate(Dataset<Row> accepted) {
    Dataset<Row> flagged =
        accepted.withColumn("first_child", col(InputValidation.FIRST_CHILD).cast("long"));
    return flagged
        .groupBy(
            col(InputValidation.REPORTING_YEAR),
            col("incident_type"),
            functions.coalesce(col("likely_cause"), functions.lit(NOT_RECORDED)).as("likely_cause"),
            col("sex"),
            col(InputValidation.PANEL_AGE_BAND),
            col(InputValidation.ETHNICITY_MAJOR))
        .agg(
            functions.count(functions.lit(1)).as("children"),
            functions.sum("first_child").as("incidents"))
        .orderBy(
            InputValidation.REPORTING_YEAR,
            "incident_type",
            "likely_cause",
            "sex",
            InputValidation.PANEL_AGE_BAND,
            InputValidation.ETHNICITY_MAJOR);
  }

  public static CountCube collect(Dataset<Row> cubeRows) {
    return new CountCube(
        cubeRows.collectAsList().stream()
            .map(
                r ->
                    new Cell(
                        r.getInt(0),
                        r.getString(1),
                        r.getString(2),
                        r.getString(3),
                        r.getString(4),
                        r.getString(5),
                        r.getLong(6),
                        r.getLong(7)))
            .toList());
  }

  @Override
  public List<String> measures() {
    return List.of("incidents", "children");
  }

  @Override
  public Count count(String measure, String category, Period period) {
    Predicate<Cell> where =
        c ->
            period.contains(c.reportingYear())
                && (category.equals("all") || c.incidentType().equals(category));
    return Count.of(measure.equals("incidents") ? incidents(where) : children(where));
  }

  public List<Cell> cells() {
    return cells;
  }

  public long sum(Predicate<Cell> where, ToLongFunction<Cell> measure) {
    return cells.stream().filter(where).mapToLong(measure).sum();
  }

  public long children(Predicate<Cell> where) {
    return sum(where, Cell::children);
  }

  public long incidents(Predicate<Cell> where) {
    return sum(where, Cell::incidents);
  }
}
