package org.safeguardstats.counts;

import java.util.ArrayList;
import java.util.List;
import org.safeguardstats.schema.CodeLists;
import org.safeguardstats.stats.DesignEffect;

/**
 * A breakdown the published tables report: what is counted ({@code universe}), by which
 * characteristic (named as in the outputs), over which categories shares are taken, and which
 * categories are reported with counts only. Shared by every analysis, so none borrows another's
 * constants.
 *
 * @param universe what the shares are of: {@code incidents}, {@code children}, {@code deaths} or
 *     {@code serious_harm}
 * @param characteristic the output's name for it ({@code incident_type}, {@code ethnicity}, ...)
 * @param margin the counts it reads ({@link Margin#TOTAL} for incident types)
 * @param incidentType the incident type counted, or {@link CountTable#ALL}
 * @param categories the categories with shares, in publication order
 * @param countOnly categories reported with counts only (not recorded, outside the baseline)
 * @param incidents true to count incidents, false to count children
 */
public record Breakdown(
    String universe,
    String characteristic,
    Margin margin,
    String incidentType,
    List<String> categories,
    List<String> countOnly,
    boolean incidents) {

  /** The oldest age in the child population baselines (children are 0 to 17). */
  public static final int CHILD_MAX_AGE = 17;

  public static final Margin ETHNIC_GROUP = Margin.of(Characteristics.of("ethnicity_major"));
  public static final Margin SEX_MARGIN = Margin.of(Characteristics.of("sex"));

  /**
   * Panel age bands, with the bands beyond the child population (18 to 25) counted as not recorded
   * for shares: the margin's {@link CountTable#RECORDED} cell is then the children aged 0 to 17,
   * the same children as the age-band shares' denominator, so a share's design effect (from that
   * cell's incident-level sums) is of the share published.
   */
  public static final Margin AGE_BAND_MARGIN =
      Margin.of(Characteristics.of("panel_age_band_0_to_17"));

  public static final Margin LIKELY_CAUSE = Margin.of(Characteristics.of("likely_cause"));

  /**
   * Panel age bands (0 to 17) by ethnic group: each band's share of a group has its incident-level
   * sums (the age-band-by-ethnic-group association), and each group's age strata their counts (the
   * age-standardised representation ratio).
   */
  public static final Margin AGE_BY_ETHNICITY =
      Margin.of(AGE_BAND_MARGIN.first(), ETHNIC_GROUP.first());

  public static final Breakdown INCIDENT_TYPE =
      new Breakdown(
          "incidents",
          "incident_type",
          Margin.TOTAL,
          CountTable.ALL,
          Characteristics.incidentTypes(),
          List.of(),
          true);
  public static final Breakdown ETHNICITY = children("ethnicity", ETHNIC_GROUP);
  public static final Breakdown SEX = children("sex", SEX_MARGIN);
  public static final Breakdown AGE_BAND = childAgeBands();

  /** Children by a one-way margin: shares over its recorded categories. */
  private static Breakdown children(String name, Margin margin) {
    return new Breakdown(
        "children",
        name,
        margin,
        CountTable.ALL,
        margin.first().recorded(),
        margin.first().notRecorded(),
        false);
  }

  private static List<String> childBands() {
    return CodeLists.ageBands("panel").stream()
        .filter(b -> b.maxAge() != null && b.maxAge() <= CHILD_MAX_AGE)
        .map(CodeLists.AgeBand::code)
        .toList();
  }

  /** Panel age bands within the child population (0 to 17); older bands are counts only. */
  private static Breakdown childAgeBands() {
    List<String> child = childBands();
    List<String> others = new ArrayList<>(AGE_BAND_MARGIN.first().categories());
    others.removeAll(child);
    return new Breakdown(
        "children", "age_band", AGE_BAND_MARGIN, CountTable.ALL, child, others, false);
  }

  /**
   * Children of one incident type by likely cause: the causes that apply to it (likely_causes.csv).
   */
  public static Breakdown likelyCause(String incidentType) {
    List<String> causes =
        CodeLists.rows("likely_causes.csv").stream()
            .filter(r -> r.get("applies_to").equals(incidentType))
            .map(r -> r.get("code"))
            .toList();
    return new Breakdown(
        incidentType.equals("death") ? "deaths" : incidentType,
        "likely_cause",
        LIKELY_CAUSE,
        incidentType,
        causes,
        LIKELY_CAUSE.first().notRecorded(),
        false);
  }

  /** Likely cause for each incident type that has causes of its own (death, serious harm). */
  public static List<Breakdown> likelyCauses() {
    return Characteristics.incidentTypes().stream()
        .map(Breakdown::likelyCause)
        .filter(b -> !b.categories().isEmpty())
        .toList();
  }

  /** The breakdowns whose shares are compared between years and tested for homogeneity. */
  public static List<Breakdown> shareFamilies() {
    List<Breakdown> families = new ArrayList<>(List.of(INCIDENT_TYPE, ETHNICITY, SEX, AGE_BAND));
    families.addAll(likelyCauses());
    return families;
  }

  /** The count of one category in a period (incidents or children, as the breakdown counts). */
  public long count(CountTable table, Period period, String category) {
    CountTable.Cell c = cell(table, period, category);
    return incidents ? c.incidents() : c.children();
  }

  /** The cell of one category in a period, with its incident-level sums. */
  public CountTable.Cell cell(CountTable table, Period period, String category) {
    return margin.first() == null
        ? table.total(period, category)
        : table.sum(margin, period, incidentType, category);
  }

  /**
   * Design effect of a category's share of the recorded total (children clustered in incidents;
   * {@link DesignEffect#ofShare} from the category's and the recorded cell's incident-level sums);
   * 1 for incidents, the independent units.
   */
  public double shareDesignEffect(CountTable table, Period period, String category) {
    if (incidents) {
      return 1.0;
    }
    return cell(table, period, category).shareDesignEffect(recordedCell(table, period));
  }

  /**
   * The shares' denominator as a cell, with its incident-level sums: the margin's {@link
   * CountTable#RECORDED} cell, checked to hold exactly the children of the categories with shares.
   */
  public CountTable.Cell recordedCell(CountTable table, Period period) {
    CountTable.Cell all = table.sum(margin, period, incidentType, CountTable.RECORDED);
    long recorded = recorded(table, period);
    if (all.children() != recorded) {
      throw new IllegalStateException(
          characteristic
              + ": the recorded cell holds "
              + all.children()
              + " children, the categories with shares "
              + recorded);
    }
    return all;
  }

  /**
   * Count-only categories that are recorded values outside the child population (the age bands
   * beyond 17), as against not-recorded ones.
   */
  public List<String> outsidePopulation() {
    if (margin != AGE_BAND_MARGIN) {
      return List.of();
    }
    List<String> declared = Characteristics.of("panel_age_band").notRecorded();
    return countOnly.stream().filter(c -> !declared.contains(c)).toList();
  }

  /** The count over the categories with shares: the shares' denominator. */
  public long recorded(CountTable table, Period period) {
    return categories.stream().mapToLong(c -> count(table, period, c)).sum();
  }
}
