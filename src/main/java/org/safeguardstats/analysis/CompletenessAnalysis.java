package org.safeguardstats.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.safeguardstats.counts.Characteristic;
import org.safeguardstats.counts.Characteristics;
import org.safeguardstats.counts.CountTable;
import org.safeguardstats.counts.Margin;
import org.safeguardstats.counts.Period;
import org.safeguardstats.schema.DeclaredSchema;
import org.safeguardstats.stats.BenjaminiHochberg;
import org.safeguardstats.stats.Estimate;
import org.safeguardstats.stats.NewcombeDifference;
import org.safeguardstats.stats.Reliability;
import org.safeguardstats.stats.TrendInProportions;
import org.safeguardstats.stats.WilsonInterval;
import org.safeguardstats.tables.CompletenessRow;
import org.safeguardstats.tables.LimitColumns;
import org.safeguardstats.tables.TrendTestColumns;

/**
 * How completely each characteristic is recorded, a statistic of its own: per characteristic,
 * reporting year and pooled period, children in total, recorded and not recorded (with each
 * not-recorded category's count), the share NOT recorded among all children (clustered Wilson;
 * design effect from cells already counted, {@link CountTable#notRecordedDesignEffect}), its change
 * on the previous year in percentage points (Newcombe, clustered) and, on pooled rows, a chi-square
 * test for trend in that share across the period's years ({@link TrendInProportions#clustered},
 * scores the reporting years), with Benjamini-Hochberg q-values over the characteristics tested in
 * one period.
 *
 * <p>Reported: every declared incident column that can be not recorded, and age as {@value #AGE}.
 * Not reported: the derived values, which re-code a column whose not-recorded children are the same
 * (ethnic major group, form of harm, region, known to social care, ...); {@code age_band}, the
 * alternative to {@code age_years} (age is reported once, as {@value #AGE}, which takes age_years,
 * else age_band); and {@code extrafamilial_harm_type}, set only when extrafamilial harm featured,
 * so its empty cells are mostly "not applicable", not "not recorded" (docs/methods.md).
 *
 * <p>A period with a year of no records has no counts: its rows are null with {@code no_records},
 * never zeros, and so are the changes and trends that use it.
 */
public final class CompletenessAnalysis {
  /** Age as recorded: age_years banded, else the age_band given. */
  static final String AGE = "panel_age_band";

  /** Declared columns whose share not recorded among all children would mislead (see above). */
  private static final List<String> NOT_REPORTED = List.of("age_band", "extrafamilial_harm_type");

  private static final String ACROSS = "reporting years";
  private static final DeclaredSchema INCIDENT = DeclaredSchema.input("incident");

  private CompletenessAnalysis() {}

  /** The characteristics whose completeness is reported, in schema order. */
  static List<Characteristic> characteristics() {
    return Characteristics.all().stream()
        .filter(c -> !c.notRecorded().isEmpty())
        .filter(
            c ->
                c.name().equals(AGE)
                    || (INCIDENT.column(c.name()).isPresent() && !NOT_REPORTED.contains(c.name())))
        .toList();
  }

  /** The counts this analysis reads: each characteristic's one-way margin and the total. */
  public static List<Margin> margins() {
    List<Margin> margins = new ArrayList<>(List.of(Margin.TOTAL));
    characteristics().forEach(c -> margins.add(Margin.of(c)));
    return margins;
  }

  /** One characteristic's completeness in a period. */
  record Completeness(
      long total, long recorded, long notRecorded, String categories, double designEffect) {
    static Completeness of(CountTable table, Characteristic c, Period period) {
      Margin m = Margin.of(c);
      CountTable.Cell all = table.total(period, CountTable.ALL);
      CountTable.Cell recorded = table.sum(m, period, CountTable.ALL, CountTable.RECORDED);
      List<CountTable.Cell> missing = new ArrayList<>();
      Map<String, Long> byCategory = new LinkedHashMap<>();
      for (String k : c.notRecorded()) {
        CountTable.Cell cell = table.sum(m, period, CountTable.ALL, k);
        missing.add(cell);
        byCategory.put(k, cell.children());
      }
      long z = byCategory.values().stream().mapToLong(Long::longValue).sum();
      return new Completeness(
          all.children(),
          recorded.children(),
          z,
          json(byCategory),
          CountTable.notRecordedDesignEffect(recorded, missing, all));
    }
  }

  private static String json(Map<String, Long> counts) {
    StringBuilder s = new StringBuilder("{");
    counts.forEach(
        (k, v) ->
            s.append(s.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
    return s.append('}').toString();
  }

  public static List<CompletenessRow> rows(CountTable table, RunContext run) {
    List<Characteristic> reported = characteristics();
    Map<Period, List<TrendTestColumns>> trends = new HashMap<>();
    for (Period p : run.periods()) {
      if (p.pooled()) {
        trends.put(p, trends(table, p, reported));
      }
    }
    List<CompletenessRow> rows = new ArrayList<>();
    for (double level : run.confidenceLevels()) {
      for (Period period : run.periods()) {
        for (int i = 0; i < reported.size(); i++) {
          TrendTestColumns trend =
              period.pooled() ? trends.get(period).get(i) : TrendTestColumns.none();
          rows.add(row(table, run, period, reported.get(i), trend, level));
        }
      }
    }
    return rows;
  }

  /** The trend tests of one pooled period, one per characteristic, with their q-values. */
  private static List<TrendTestColumns> trends(
      CountTable table, Period period, List<Characteristic> reported) {
    String family = "completeness_trend " + period.label();
    String missing = table.missing(period);
    if (missing != null) {
      return reported.stream().map(c -> TrendTestColumns.missing(ACROSS, family, missing)).toList();
    }
    int years = period.lastYear() - period.firstYear() + 1;
    List<TrendInProportions.Result> results = new ArrayList<>();
    for (Characteristic c : reported) {
      long[] x = new long[years];
      long[] n = new long[years];
      double[] d = new double[years];
      double[] scores = new double[years];
      for (int j = 0; j < years; j++) {
        int y = period.firstYear() + j;
        Completeness year = Completeness.of(table, c, new Period(y, y));
        x[j] = year.notRecorded();
        n[j] = year.total();
        d[j] = year.designEffect();
        scores[j] = y;
      }
      results.add(TrendInProportions.clustered(x, n, d, scores));
    }
    Double[] p = results.stream().map(TrendInProportions.Result::pValue).toArray(Double[]::new);
    Double[] q = BenjaminiHochberg.qValues(p);
    int size = BenjaminiHochberg.familySize(p);
    List<TrendTestColumns> columns = new ArrayList<>();
    for (int i = 0; i < results.size(); i++) {
      columns.add(TrendTestColumns.of(ACROSS, results.get(i), family, size, q[i]));
    }
    return columns;
  }

  private static CompletenessRow row(
      CountTable table,
      RunContext run,
      Period period,
      Characteristic c,
      TrendTestColumns trend,
      double level) {
    Period previous =
        !period.pooled() && period.firstYear() > run.firstYear()
            ? new Period(period.firstYear() - 1, period.firstYear() - 1)
            : null;
    String missing = table.missing(period);
    if (missing != null) {
      return new CompletenessRow(
          run.run(),
          run.period(period),
          c.name(),
          null,
          null,
          null,
          null,
          LimitColumns.of(null),
          null,
          previous == null ? null : previous.label(),
          null,
          null,
          null,
          null,
          missing,
          trend,
          false,
          table.partial(period),
          missing,
          level);
    }
    Completeness now = Completeness.of(table, c, period);
    Estimate share =
        WilsonInterval.clustered(now.notRecorded(), now.total(), now.designEffect(), level);
    Estimate change = null;
    String changeReason =
        period.pooled() ? "not_applicable" : previous == null ? "no_previous_year" : null;
    if (previous != null) {
      changeReason = table.missing(previous);
      if (changeReason == null) {
        Completeness before = Completeness.of(table, c, previous);
        change =
            NewcombeDifference.clustered(
                before.notRecorded(),
                before.total(),
                before.designEffect(),
                now.notRecorded(),
                now.total(),
                now.designEffect(),
                level);
        changeReason = change.nullReason();
      }
    }
    boolean hasChange = change != null && change.value() != null;
    return new CompletenessRow(
        run.run(),
        run.period(period),
        c.name(),
        now.total(),
        now.recorded(),
        now.notRecorded(),
        now.categories(),
        LimitColumns.of(share),
        now.designEffect(),
        previous == null ? null : previous.label(),
        hasChange ? 100 * change.value() : null,
        hasChange ? 100 * change.lower() : null,
        hasChange ? 100 * change.upper() : null,
        change == null ? null : change.method(),
        changeReason,
        trend,
        Reliability.low(now.notRecorded()),
        table.partial(period) || (previous != null && table.partial(previous)),
        share.nullReason(),
        level);
  }
}
