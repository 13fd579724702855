package org.safeguardstats.counts;

import static org.apache.spark.sql.functions.col;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.safeguardstats.stats.DesignEffect;
import org.safeguardstats.validation.InputValidation;

/**
 * The one count of accepted incident records: every declared {@link Margin} counted in a single
 * Spark action, then held as a small table with constant-time look-ups. Every analysis reads this;
 * none rescans the records.
 *
 * <p>Per cell (margin × reporting year × incident type × category × second category):
 *
 * <ul>
 *   <li>{@code children}: children in the cell (a multi-valued characteristic counts a child once
 *       in each of its categories);
 *   <li>{@code incidents}: incidents counted through their first accepted child (by {@code
 *       child_ref}): an incident is in the cell when its first child is. This is the one rule for
 *       counting incidents by a child characteristic: it counts each incident once, so incident
 *       counts add up across the categories of a single-valued characteristic and across years and
 *       incident types;
 *   <li>{@code childrenSquared}: Σ m_i² over incidents i, with m_i the children of incident i in
 *       the cell (the compound-Poisson variance of the children count: children cluster in
 *       incidents);
 *   <li>{@code childrenCross}: Σ m_i n_i, with n_i the children of incident i in the margin's
 *       {@link #RECORDED} cell of the same second category (for the linearised variance of a share
 *       over incidents).
 * </ul>
 *
 * <p>Each margin also has the pseudo-category {@link #RECORDED}: children with the first
 * characteristic recorded (once per child, even when multi-valued), the denominator of its shares.
 *
 * <p>A reporting year with no accepted record has no counts at all: every count over a period that
 * includes it is missing with reason {@link #NO_RECORDS}, never a zero, unless the job declares the
 * year complete. The same aggregation keeps each year's first and last notification dates.
 */
public final class CountTable implements YearlyCounts {
  /** Pseudo-category: children with the margin's first characteristic recorded. */
  public static final String RECORDED = "*recorded";

  /** All incident types together, in a query. */
  public static final String ALL = "all";

  /** Why the counts of a year with no accepted record (not declared complete) are missing. */
  public static final String NO_RECORDS = "no_records";

  /** The counts of one cell (or of a sum of cells). */
  public record Cell(long children, long incidents, long childrenSquared, long childrenCross) {
    public static final Cell EMPTY = new Cell(0, 0, 0, 0);

    /**
     * Design effect of this cell's share of children of {@code recorded}, its margin's {@link
     * #RECORDED} cell of the same second category: {@link DesignEffect#ofShare} from the two cells'
     * incident-level sums (this cell's Σ m n has n from that cell).
     */
    public double shareDesignEffect(Cell recorded) {
      return DesignEffect.ofShare(
          children, recorded.children, childrenSquared, childrenCross, recorded.childrenSquared);
    }

    public Cell plus(Cell o) {
      return new Cell(
          children + o.children,
          incidents + o.incidents,
          childrenSquared + o.childrenSquared,
          childrenCross + o.childrenCross);
    }
  }

  /**
   * Design effect of the share of children whose characteristic is NOT recorded, z / t, among all
   * children, from cells already counted (it needs no margin of its own). For incident i, y_i is
   * its children with the characteristic recorded, z_i those not recorded and t_i = y_i + z_i all
   * its children. The one-way margin's {@link #RECORDED} cell holds Σ y² (its childrenSquared);
   * each not-recorded category k's cell holds Σ z_k y (its childrenCross, whose n is the recorded
   * cell's); the total margin holds Σ t². So
   *
   * <pre>{@code
   * Σ z y = Σ_k cross_k,    Σ z² = Σ t² − Σ y² − 2 Σ z y,    Σ z t = Σ z y + Σ z²
   * D = DesignEffect.ofShare(z, t, Σ z², Σ z t, Σ t²)
   * }</pre>
   *
   * It needs every child in exactly one of "recorded" and "not recorded" (t = y + z): true of a
   * single-valued characteristic, and of practice themes, whose not-recorded value is an empty cell
   * that never comes with a theme; checked.
   *
   * @param recorded the margin's {@link #RECORDED} cell
   * @param notRecorded the cells of its not-recorded categories
   * @param all the total margin's cell over the same years and incident types
   */
  public static double notRecordedDesignEffect(Cell recorded, List<Cell> notRecorded, Cell all) {
    long z = 0;
    long zy = 0;
    for (Cell k : notRecorded) {
      z += k.children();
      zy += k.childrenCross();
    }
    if (z + recorded.children() != all.children()) {
      throw new IllegalStateException(
          "Recorded ("
              + recorded.children()
              + ") and not recorded ("
              + z
              + ") children do not make up all "
              + all.children()
              + ": a child is in both or neither");
    }
    long zz = all.childrenSquared() - recorded.childrenSquared() - 2 * zy;
    return DesignEffect.ofShare(z, all.children(), zz, zy + zz, all.childrenSquared());
  }

  private record Key(String margin, int year, String incidentType, String first, String second) {}

  private final List<Margin> margins;
  private final Set<String> marginNames;
  private final Map<Key, Cell> cells;
  private final Set<Integer> yearsWithRecords;
  private final Set<Integer> completeYears;
  private final Map<Integer, NotificationDates> dates;

  private CountTable(
      List<Margin> margins,
      Map<Key, Cell> cells,
      Set<Integer> completeYears,
      Map<Integer, NotificationDates> dates) {
    this.margins = List.copyOf(margins);
    this.marginNames = margins.stream().map(Margin::name).collect(Collectors.toSet());
    this.cells = Map.copyOf(cells);
    this.yearsWithRecords =
        cells.keySet().stream()
            .filter(k -> k.margin().equals(Margin.TOTAL.name()))
            .map(Key::year)
            .collect(Collectors.toUnmodifiableSet());
    this.completeYears = Set.copyOf(completeYears);
    this.dates = Map.copyOf(dates);
  }

  /** Counts made elsewhere (e.g. by hand in a test), cell by cell; repeated cells add up. */
  public static final class Builder {
    private final List<Margin> margins;
    private final Map<Key, Cell> cells = new HashMap<>();
    private final Map<Integer, NotificationDates> dates = new HashMap<>();
    private Set<Integer> completeYears = Set.of();

    private Builder(List<Margin> margins) {
      this.margins = distinct(margins);
    }

    public Builder add(
        Margin margin,
        int year,
        String incidentType,
        String category,
        String category2,
        Cell cell) {
      cells.merge(
          new Key(margin.name(), year, incidentType, category, category2), cell, Cell::plus);
      return this;
    }

    /** A year's notification dates; several ranges of one year make one. */
    public Builder dates(NotificationDates d) {
      dates.merge(d.year(), d, NotificationDates::span);
      return this;
    }

    /** Years the job declares complete: with no records they count zero, not missing. */
    public Builder completeYears(Set<Integer> years) {
      completeYears = Set.copyOf(years);
      return this;
    }

    public CountTable build() {
      return new CountTable(margins, cells, completeYears, dates);
    }
  }

  public static Builder builder(List<Margin> margins) {
    return new Builder(margins);
  }

  /** Every declared margin of the accepted incident rows, counted in one Spark action. */
  public static CountTable count(Dataset<Row> accepted, List<Margin> declared) {
    return count(accepted, declared, Set.of());
  }

  /**
   * Every declared margin counted in one Spark action, with the years the job declares complete;
   * each year's notification dates come from its total-margin cells.
   */
  public static CountTable count(
      Dataset<Row> accepted, List<Margin> declared, Set<Integer> completeYears) {
    Map<String, Margin> byName = new HashMap<>();
    declared.forEach(m -> byName.put(m.name(), m));
    Builder table = builder(declared).completeYears(completeYears);
    for (Row r : aggregate(accepted, declared).collectAsList()) {
      table.add(
          byName.get(r.getString(2)),
          r.getInt(0),
          r.getString(1),
          r.getString(3),
          r.getString(4),
          new Cell(r.getLong(5), r.getLong(6), r.getLong(7), r.getLong(8)));
      if (r.getString(2).equals(Margin.TOTAL.name())) {
        table.dates(new NotificationDates(r.getInt(0), date(r.get(9)), date(r.get(10))));
      }
    }
    return table.build();
  }

  private static LocalDate date(Object d) {
    return d instanceof LocalDate l ? l : ((java.sql.Date) d).toLocalDate();
  }

  /**
   * Spark: accepted incident rows to count-table rows (reporting_year, incident_type, margin,
   * category, category2, children, incidents, children_squared, children_cross, first_date,
   * last_date).
   *
   * <p>The rows are grouped by incident once (validation's window already partitioned them by
   * {@code incident_id}, so this adds no shuffle); each task then adds its incidents' cells into
   * one small table in plain Java ({@link CellSums}) and sends only that on, so the shuffle carries
   * a few thousand cells per task, not a row per child and cell.
   */
  public static Dataset<Row> aggregate(Dataset<Row> accepted, List<Margin> margins) {
    CellSums cells = CellSums.of(distinct(margins));
    Column child =
        cells.child(
            col(InputValidation.FIRST_CHILD), functions.unix_date(col("notification_date")));
    // The child struct is built in a projection Spark compiles, not inside the aggregate (which
    // would evaluate it row by row, interpreted).
    Dataset<Row> incidents =
        accepted
            .select(
                col("incident_id"),
                col(InputValidation.REPORTING_YEAR).as("reporting_year"),
                col("incident_type"),
                child.as("child"))
            .groupBy("incident_id", "reporting_year", "incident_type")
            .agg(functions.collect_list("child").as("c"));
    Dataset<Row> partial =
        incidents.mapPartitions(
            (MapPartitionsFunction<Row, Row>) cells::sums, Encoders.row(CellSums.SCHEMA));
    return partial
        .groupBy("reporting_year", "incident_type", "margin", "category", "category2")
        .agg(
            functions.sum("children").as("children"),
            functions.sum("incidents").as("incidents"),
            functions.sum("children_squared").as("children_squared"),
            functions.sum("children_cross").as("children_cross"),
            functions.expr("date_from_unix_date(min(first_day))").as("first_date"),
            functions.expr("date_from_unix_date(max(last_day))").as("last_date"));
  }

  private static List<Margin> distinct(List<Margin> margins) {
    Map<String, Margin> byName = new LinkedHashMap<>();
    margins.forEach(m -> byName.putIfAbsent(m.name(), m));
    return new ArrayList<>(byName.values());
  }

  /** The margins counted. */
  public List<Margin> margins() {
    return margins;
  }

  /** Number of non-empty cells. */
  public int size() {
    return cells.size();
  }

  /** One cell; empty when nothing was counted in it. */
  public Cell cell(
      Margin margin, int year, String incidentType, String category, String category2) {
    requireCounted(margin);
    return cells.getOrDefault(
        new Key(margin.name(), year, incidentType, category, category2), Cell.EMPTY);
  }

  /**
   * A cell summed over a period's years and, when {@code incidentType} is {@link #ALL}, over every
   * incident type: years × types look-ups, whatever the table's size.
   */
  public Cell sum(
      Margin margin, Period period, String incidentType, String category, String category2) {
    List<String> types =
        incidentType.equals(ALL) ? Characteristics.incidentTypes() : List.of(incidentType);
    Cell sum = Cell.EMPTY;
    for (int y = period.firstYear(); y <= period.lastYear(); y++) {
      for (String t : types) {
        sum = sum.plus(cell(margin, y, t, category, category2));
      }
    }
    return sum;
  }

  /** A one-way margin's cell summed over a period and incident types (see {@link #sum}). */
  public Cell sum(Margin margin, Period period, String incidentType, String category) {
    return sum(margin, period, incidentType, category, "");
  }

  /** The total margin summed over a period and incident types. */
  public Cell total(Period period, String incidentType) {
    return sum(Margin.TOTAL, period, incidentType, "", "");
  }

  private void requireCounted(Margin margin) {
    if (!marginNames.contains(margin.name())) {
      throw new IllegalArgumentException(
          "Margin " + margin.name() + " was not declared for counting");
    }
  }

  @Override
  public List<String> measures() {
    return List.of("incidents", "children");
  }

  /**
   * {@link #NO_RECORDS} when a year of the period has no accepted record and is not declared
   * complete (its counts are missing, not zero); null otherwise.
   */
  public String missing(Period period) {
    for (int y = period.firstYear(); y <= period.lastYear(); y++) {
      if (!yearsWithRecords.contains(y) && !completeYears.contains(y)) {
        return NO_RECORDS;
      }
    }
    return null;
  }

  /** Each year's first and last notification dates; years with no records have none. */
  public Map<Integer, NotificationDates> notificationDates() {
    return dates;
  }

  @Override
  public boolean partial(Period period) {
    return NotificationDates.partial(dates, period);
  }

  @Override
  public double designEffect(String measure, String category, Period period) {
    Cell c = total(period, category);
    return measure.equals("children")
        ? DesignEffect.ofCount(c.children(), c.childrenSquared())
        : 1.0;
  }

  /**
   * An incident type is the incident's, so a child's share of type t among all children has y_i =
   * n_i for the incidents of type t and 0 otherwise: Σ y² = Σ y n = the type's Σ m².
   */
  @Override
  public double shareDesignEffect(String measure, String category, Period period) {
    if (!measure.equals("children")) {
      return 1.0;
    }
    Cell type = total(period, category);
    Cell all = total(period, ALL);
    return DesignEffect.ofShare(
        type.children(),
        all.children(),
        type.childrenSquared(),
        type.childrenSquared(),
        all.childrenSquared());
  }

  @Override
  public Count count(String measure, String category, Period period) {
    String missing = missing(period);
    if (missing != null) {
      return new Count(null, missing);
    }
    Cell c = total(period, category);
    return Count.of(measure.equals("incidents") ? c.incidents() : c.children());
  }

  /** Children: D of the change between the two periods' counts (x2 as a share of x1 + x2). */
  @Override
  public double changeDesignEffect(
      String measure, String category, Period previous, Period current) {
    if (!measure.equals("children")) {
      return 1.0;
    }
    Cell before = total(previous, category);
    Cell now = total(current, category);
    return DesignEffect.ofChange(
        before.children(), before.childrenSquared(), now.children(), now.childrenSquared());
  }
}
