package org.safeguardstats.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.safeguardstats.counts.Characteristic;
import org.safeguardstats.counts.Characteristics;
import org.safeguardstats.counts.CountTable;
import org.safeguardstats.counts.Margin;
import org.safeguardstats.counts.Period;
import org.safeguardstats.schema.CodeLists;
import org.safeguardstats.stats.BenjaminiHochberg;
import org.safeguardstats.stats.Estimate;
import org.safeguardstats.stats.Reliability;
import org.safeguardstats.stats.TrendInProportions;
import org.safeguardstats.stats.WilsonInterval;
import org.safeguardstats.tables.LimitColumns;
import org.safeguardstats.tables.PrevalenceRow;
import org.safeguardstats.tables.TrendTestColumns;

/**
 * The prevalence of children's and families' needs and histories: each measure of {@code
 * data-schemas/code-lists/prevalence_measures.csv} (known to social care, EHC plan or assessment,
 * mental health, parental needs, abuse histories, extrafamilial harm, ...) as the share of children
 * in a category among those with the characteristic recorded (clustered Wilson, design effect from
 * the cell's incident-level sums), per reporting year and pooled: for all children and, when the
 * measure names a subgroup characteristic, within each of its recorded categories (counted by
 * characteristic × subgroup). A measure marked {@code trend} has, on its row for all children, a
 * chi-square test for trend in the share across the subgroup's recorded categories in their
 * declared order, scores 1, 2, 3, ... ({@link TrendInProportions#clustered}), with
 * Benjamini-Hochberg q-values over the table's trend tests of one period.
 *
 * <p>A period with a year of no records has no counts: its rows are null with {@code no_records}; a
 * share with no recorded children is null with {@code no_denominator}.
 */
public final class PrevalenceAnalysis {
  static final String MEASURES = "prevalence_measures.csv";

  /** The subgroup columns of a row for all children. */
  static final String ALL = "all";

  /** A category of {@code prevalence_measures.csv} meaning each recorded category. */
  static final String EACH = "*";

  private PrevalenceAnalysis() {}

  /**
   * One measure of prevalence_measures.csv.
   *
   * @param categories the categories counted (each recorded one for {@code *})
   * @param subgroup the characteristic broken down by, or null
   * @param trend true to test for trend across the subgroup's recorded categories
   */
  record Measure(
      String id,
      String label,
      Characteristic characteristic,
      List<String> categories,
      Characteristic subgroup,
      boolean trend) {

    Margin margin() {
      return Margin.of(characteristic);
    }

    Margin bySubgroup() {
      return Margin.of(characteristic, subgroup);
    }
  }

  /** The measures, in the code list's order, checked against the schema's categories. */
  static List<Measure> measures() {
    List<Measure> measures = new ArrayList<>();
    for (Map<String, String> r : CodeLists.rows(MEASURES)) {
      Characteristic c = Characteristics.of(r.get("characteristic"));
      String category = r.get("category");
      if (!category.equals(EACH) && !c.recorded().contains(category)) {
        throw new IllegalStateException(
            MEASURES + ": " + category + " is not a recorded category of " + c.name());
      }
      Characteristic subgroup =
          r.get("subgroup").isEmpty() ? null : Characteristics.of(r.get("subgroup"));
      boolean trend = r.get("trend").equals("yes");
      if (trend && subgroup == null) {
        throw new IllegalStateException(
            MEASURES + ": " + r.get("measure") + " tests a trend but has no subgroup");
      }
      measures.add(
          new Measure(
              r.get("measure"),
              r.get("label"),
              c,
              category.equals(EACH) ? c.recorded() : List.of(category),
              subgroup,
              trend));
    }
    return measures;
  }

  /** The counts this analysis reads. */
  public static List<Margin> margins() {
    List<Margin> margins = new ArrayList<>(List.of(Margin.TOTAL));
    for (Measure m : measures()) {
      margins.add(m.margin());
      if (m.subgroup() != null) {
        margins.add(m.bySubgroup());
      }
    }
    return margins;
  }

  /** A share of one category among the recorded, with the not-recorded count and its D. */
  private record Share(long x, long n, long notRecorded, double designEffect) {
    /** All children ({@code sub} null) or those of one subgroup category. */
    static Share of(CountTable table, Period period, Measure m, String category, String sub) {
      Margin margin = sub == null ? m.margin() : m.bySubgroup();
      String second = sub == null ? "" : sub;
      CountTable.Cell cell = table.sum(margin, period, CountTable.ALL, category, second);
      CountTable.Cell recorded =
          table.sum(margin, period, CountTable.ALL, CountTable.RECORDED, second);
      long notRecorded = 0;
      for (String k : m.characteristic().notRecorded()) {
        notRecorded += table.sum(margin, period, CountTable.ALL, k, second).children();
      }
      return new Share(
          cell.children(), recorded.children(), notRecorded, cell.shareDesignEffect(recorded));
    }
  }

  public static List<PrevalenceRow> rows(CountTable table, RunContext run) {
    List<Measure> measures = measures();
    // Tests do not depend on the level: each computed once, keyed by period, measure, category.
    Map<String, TrendTestColumns> trends = new HashMap<>();
    for (Period period : run.periods()) {
      trends.putAll(trends(table, period, measures));
    }
    List<PrevalenceRow> rows = new ArrayList<>();
    for (double level : run.confidenceLevels()) {
      for (Period period : run.periods()) {
        for (Measure m : measures) {
          for (String category : m.categories()) {
            TrendTestColumns trend =
                trends.getOrDefault(key(period, m, category), TrendTestColumns.none());
            rows.add(row(table, run, period, m, category, null, trend, level));
            if (m.subgroup() != null) {
              for (String sub : m.subgroup().recorded()) {
                rows.add(row(table, run, period, m, category, sub, TrendTestColumns.none(), level));
              }
            }
          }
        }
      }
    }
    return rows;
  }

  private static String key(Period period, Measure m, String category) {
    return period.label() + "|" + m.id() + "|" + category;
  }

  /** The trend tests of one period, with their q-values within the period's family. */
  private static Map<String, TrendTestColumns> trends(
      CountTable table, Period period, List<Measure> measures) {
    String family = "prevalence_trend " + period.label();
    String missing = table.missing(period);
    List<String> keys = new ArrayList<>();
    List<String> across = new ArrayList<>();
    List<TrendInProportions.Result> results = new ArrayList<>();
    for (Measure m : measures) {
      if (!m.trend()) {
        continue;
      }
      for (String category : m.categories()) {
        keys.add(key(period, m, category));
        across.add(m.subgroup().name());
        results.add(missing != null ? null : trend(table, period, m, category));
      }
    }
    Double[] p = results.stream().map(r -> r == null ? null : r.pValue()).toArray(Double[]::new);
    Double[] q = BenjaminiHochberg.qValues(p);
    int size = BenjaminiHochberg.familySize(p);
    Map<String, TrendTestColumns> out = new HashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      out.put(
          keys.get(i),
          results.get(i) == null
              ? TrendTestColumns.missing(across.get(i), family, missing)
              : TrendTestColumns.of(across.get(i), results.get(i), family, size, q[i]));
    }
    return out;
  }

  /** The share's trend across the subgroup's recorded categories, scores 1, 2, 3, ... */
  private static TrendInProportions.Result trend(
      CountTable table, Period period, Measure m, String category) {
    List<String> groups = m.subgroup().recorded();
    long[] x = new long[groups.size()];
    long[] n = new long[groups.size()];
    double[] d = new double[groups.size()];
    double[] scores = new double[groups.size()];
    for (int j = 0; j < groups.size(); j++) {
      Share s = Share.of(table, period, m, category, groups.get(j));
      x[j] = s.x();
      n[j] = s.n();
      d[j] = s.designEffect();
      scores[j] = j + 1;
    }
    return TrendInProportions.clustered(x, n, d, scores);
  }

  private static PrevalenceRow row(
      CountTable table,
      RunContext run,
      Period period,
      Measure m,
      String category,
      String sub,
      TrendTestColumns trend,
      double level) {
    String missing = table.missing(period);
    Share s = missing != null ? null : Share.of(table, period, m, category, sub);
    Estimate share =
        s == null ? null : WilsonInterval.clustered(s.x(), s.n(), s.designEffect(), level);
    return new PrevalenceRow(
        run.run(),
        run.period(period),
        m.id(),
        m.label(),
        m.characteristic().name(),
        category,
        sub == null ? ALL : m.subgroup().name(),
        sub == null ? ALL : sub,
        s == null ? null : s.x(),
        s == null ? null : s.n(),
        s == null ? null : s.notRecorded(),
        LimitColumns.of(share),
        s == null ? null : s.designEffect(),
        trend,
        s != null && Reliability.low(s.x()),
        table.partial(period),
        missing != null ? missing : share.nullReason(),
        level);
  }
}
