package org.safeguardstats.counts;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
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
