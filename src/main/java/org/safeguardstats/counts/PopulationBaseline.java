package org.safeguardstats.counts;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.safeguardstats.schema.CodeLists;

/**
 * The national child population baseline (geography E92000001), by reporting year and by ethnic
 * group, sex and Panel age band.
 *
 * <p>A baseline file may hold several levels at once (a total row, a breakdown by ethnic group,
 * ethnic group by age, a full cross-classification). For a breakdown by X, the rows broken down by
 * X and by the fewest other dimensions are used (X alone if there are such rows, else X by one more
 * dimension, and so on) and summed over those other dimensions. Rows are never mixed across levels,
 * so nothing is counted twice.
 */
public final class PopulationBaseline {
  public static final String ENGLAND = "E92000001";
  static final String ALL = "all";

  /** One population row: age is a single year as text, or "all". */
  public record Cell(
      int year, String age, String sex, String ethnicGroup, long population, String source) {
    String dimension(String name) {
      return switch (name) {
        case "ethnicity" -> ethnicGroup;
        case "sex" -> sex;
        case "age_band" -> age.equals(ALL) ? ALL : panelBand(Integer.parseInt(age));
        default -> throw new IllegalArgumentException("Unknown breakdown " + name);
      };
    }
  }

  /** Population of each category of a breakdown in a year, with the sources used. */
  public record Breakdown(Map<String, Long> byCategory, Set<String> sources) {
    public long total() {
      return byCategory.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private static final List<String> DIMENSIONS = List.of("ethnicity", "sex", "age_band");
  private static final List<CodeLists.AgeBand> PANEL_BANDS = CodeLists.ageBands("panel");

  private final List<Cell> cells;

  public PopulationBaseline(List<Cell> cells) {
    this.cells = List.copyOf(cells);
  }

  /** Spark: the accepted national rows, collected (a few thousand at most). */
  public static PopulationBaseline collect(Dataset<Row> accepted) {
    return new PopulationBaseline(
        accepted
            .filter(functions.col("geography_code").equalTo(ENGLAND))
            .select("year", "age", "sex", "ethnic_group", "population", "source")
            .collectAsList()
            .stream()
            .map(
                r ->
                    new Cell(
                        r.getInt(0),
                        r.getString(1),
                        r.getString(2),
                        r.getString(3),
                        r.getLong(4),
                        r.getString(5)))
            .toList());
  }

  /**
   * Spark: England's 0-17 totals from accepted rows of an EES file (one indicator, e.g.
   * ons_midyear_population_0_17), as total rows; a GSS symbol leaves that year without a
   * population. The source is the row's source_url when the file has one.
   */
  public static PopulationBaseline collectEes(
      Dataset<Row> accepted, String geographicLevel, String indicator, String file) {
    List<Cell> cells = new java.util.ArrayList<>();
    for (Row r :
        accepted
            .filter(functions.col("geographic_level").equalTo(geographicLevel))
            .select(
                functions.col("reporting_year"),
                functions.col(indicator),
                functions.col("source_url"))
            .collectAsList()) {
      String value = r.getString(1);
      if (value.chars().allMatch(Character::isDigit)) {
        String source = r.isNullAt(2) ? file : r.getString(2);
        cells.add(new Cell(r.getInt(0), ALL, ALL, ALL, Long.parseLong(value), source));
      }
    }
    return new PopulationBaseline(cells);
  }

  /**
   * Spark: England's children by single year of age and sex from accepted rows of ONS's MYEB1
   * table, summed over local authorities. Mid-year M (30 June M) falls in reporting year M+1 (1
   * April M to 31 March M+1) and is used for it.
   */
  public static PopulationBaseline collectOns(Dataset<Row> accepted, String file) {
    List<String> years =
        java.util.Arrays.stream(accepted.columns())
            .filter(c -> c.matches("population_[0-9]{4}"))
            .toList();
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
    List<Cell> cells = new java.util.ArrayList<>();
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
                  new Cell(
                      mid + 1,
                      String.valueOf(Integer.parseInt(r.getString(1))),
                      List.of("1", "M").contains(r.getString(2)) ? "male" : "female",
                      ALL,
                      r.getLong(3),
                      "ONS mid-year estimates MYEB1 ("
                          + java.nio.file.Path.of(file).getFileName()
                          + "), mid-"
                          + mid
                          + ", England summed over local authorities"));
            });
    return new PopulationBaseline(cells);
  }

  static String panelBand(int age) {
    return PANEL_BANDS.stream().filter(b -> b.contains(age)).findFirst().orElseThrow().code();
  }

  /**
   * The year's total child population: the row with every dimension {@code all} if there is one,
   * else the total of the breakdown by age; empty if neither exists. A breakdown without age (e.g.
   * pupils by ethnic group, a proxy) is never taken for a total.
   */
  public java.util.OptionalLong total(int year) {
    for (Cell c : cells) {
      if (c.year() == year && DIMENSIONS.stream().allMatch(d -> c.dimension(d).equals(ALL))) {
        return java.util.OptionalLong.of(c.population());
      }
    }
    // Children 0-17 are defined by age: a breakdown by age covers them all, while a breakdown by
    // ethnic group alone may be a proxy (pupils) that leaves ages out.
    Breakdown byAge = breakdown(year, "age_band");
    return byAge.byCategory().isEmpty()
        ? java.util.OptionalLong.empty()
        : java.util.OptionalLong.of(byAge.total());
  }

  /** The breakdown of one year's population by a dimension; empty when the baseline has none. */
  public Breakdown breakdown(int year, String dimension) {
    List<Cell> broken =
        cells.stream()
            .filter(c -> c.year() == year)
            .filter(c -> !c.dimension(dimension).equals(ALL))
            .toList();
    // One level only: the rows broken down by the fewest dimensions (e.g. ethnicity alone before
    // ethnicity by age before the full cross-classification), so nothing is counted twice.
    java.util.function.ToIntFunction<Cell> depth =
        c -> (int) DIMENSIONS.stream().filter(d -> !c.dimension(d).equals(ALL)).count();
    int level = broken.stream().mapToInt(depth).min().orElse(0);
    java.util.function.Function<Cell, String> signature =
        c ->
            DIMENSIONS.stream()
                .map(d -> c.dimension(d).equals(ALL) ? "" : d)
                .reduce("", String::concat);
    String chosen =
        broken.stream()
            .filter(c -> depth.applyAsInt(c) == level)
            .map(signature)
            .sorted()
            .findFirst()
            .orElse("");
    List<Cell> used = broken.stream().filter(c -> signature.apply(c).equals(chosen)).toList();
    return sum(used, c -> c.dimension(dimension));
  }

  /**
   * Population of each ethnic group within each Panel age band of a year: the rows broken down by
   * ethnic group and age (sex {@code all} if present, else summed over sexes). Empty when the
   * baseline has no such rows.
   */
  public Map<String, Breakdown> ethnicityByAgeBand(int year) {
    List<Cell> ofYear =
        cells.stream()
            .filter(c -> c.year() == year && !c.ethnicGroup().equals(ALL) && !c.age().equals(ALL))
            .toList();
    List<Cell> sexAll = ofYear.stream().filter(c -> c.sex().equals(ALL)).toList();
    List<Cell> used =
        !sexAll.isEmpty() ? sexAll : ofYear.stream().filter(c -> !c.sex().equals(ALL)).toList();
    Map<String, Breakdown> byBand = new LinkedHashMap<>();
    for (String band : new TreeSet<>(used.stream().map(c -> c.dimension("age_band")).toList())) {
      byBand.put(
          band,
          sum(
              used.stream().filter(c -> c.dimension("age_band").equals(band)).toList(),
              Cell::ethnicGroup));
    }
    return byBand;
  }

  private static Breakdown sum(List<Cell> used, Function<Cell, String> key) {
    Map<String, Long> by = new LinkedHashMap<>();
    Set<String> sources = new LinkedHashSet<>();
    for (Cell c : used) {
      by.merge(key.apply(c), c.population(), Long::sum);
      sources.add(c.source());
    }
    return new Breakdown(by, sources);
  }
}
