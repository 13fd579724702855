package org.safeguardstats.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.safeguardstats.counts.CountTable;
import org.safeguardstats.counts.Margin;
import org.safeguardstats.counts.Period;
import org.safeguardstats.counts.Spotlight;
import org.safeguardstats.stats.DesignEffect;
import org.safeguardstats.stats.Estimate;
import org.safeguardstats.stats.Reliability;
import org.safeguardstats.stats.WilsonInterval;
import org.safeguardstats.tables.LimitColumns;
import org.safeguardstats.tables.SpotlightRow;

/**
 * The spotlights of the Panel's annual report ({@link Spotlight}, declared in
 * data-schemas/code-lists/spotlights.csv) as profiles, per reporting year and pooled, at every
 * level: the group's size (its count and its share of the children it is drawn from, children and
 * incidents), its profile (each profile characteristic's shares within the group, children) and the
 * report's ratios (the group's share among children of another category, children and incidents).
 *
 * <p>Every figure is a share of those with the characteristic recorded. Children cluster in
 * incidents: a share of children has Wilson's interval on effective counts, its design effect from
 * the cell's and the recorded cell's incident-level sums. Incidents are counted through their first
 * child and need no adjustment. A period with a year of no records has no counts: its rows are null
 * with reason {@code no_records}.
 */
public final class SpotlightAnalysis {
  private SpotlightAnalysis() {}

  /** The counts this analysis reads: each spotlight's margins. */
  public static List<Margin> margins() {
    List<Margin> margins = new ArrayList<>(List.of(Margin.TOTAL));
    Spotlight.ALL.forEach(s -> margins.addAll(s.margins()));
    return margins;
  }

  public static List<SpotlightRow> rows(CountTable counts, RunContext run) {
    List<List<Figure>> figures = Spotlight.ALL.stream().map(SpotlightAnalysis::figures).toList();
    List<SpotlightRow> rows = new ArrayList<>();
    for (double level : run.confidenceLevels()) {
      for (Period period : run.periods()) {
        for (int i = 0; i < Spotlight.ALL.size(); i++) {
          for (Figure f : figures.get(i)) {
            rows.add(row(counts, run, period, Spotlight.ALL.get(i), f, level));
          }
        }
      }
    }
    return rows;
  }

  /** A share's counts; {@code designEffect} null for incidents, the independent units. */
  private record Share(long x, long n, Double designEffect) {
    static Share children(CountTable.Cell cell, CountTable.Cell recorded) {
      return new Share(cell.children(), recorded.children(), cell.shareDesignEffect(recorded));
    }

    static Share incidents(CountTable.Cell cell, CountTable.Cell recorded) {
      return new Share(cell.incidents(), recorded.incidents(), null);
    }

    static Share of(String unit, CountTable.Cell cell, CountTable.Cell recorded) {
      return unit.equals(CHILDREN) ? children(cell, recorded) : incidents(cell, recorded);
    }
  }

  private static final String CHILDREN = "children";
  private static final String INCIDENTS = "incidents";

  /** One figure of a spotlight: what it is, and how its share is read from the counts. */
  private record Figure(
      String measure,
      String unit,
      String incidentType,
      String characteristic,
      String category,
      String withinCharacteristic,
      String withinCategory,
      BiFunction<CountTable, Period, Share> share) {}

  private static List<Figure> figures(Spotlight s) {
    List<Figure> figures = new ArrayList<>();
    Margin group = s.groupMargin();
    for (String unit : List.of(CHILDREN, INCIDENTS)) {
      figures.add(
          new Figure(
              "size",
              unit,
              CountTable.ALL,
              s.group().name(),
              s.groupCategory(),
              s.within() == null ? null : s.within().name(),
              s.withinCategory(),
              (t, p) -> Share.of(unit, groupCell(t, s, p, CountTable.ALL), recorded(t, s, p))));
    }
    String groupName = s.within() == null ? s.group().name() : group.name();
    String groupCategory =
        s.within() == null ? s.groupCategory() : s.groupCategory() + " x " + s.withinCategory();
    for (Spotlight.Profile profile : s.profiles()) {
      for (String category : profile.categories()) {
        figures.add(
            new Figure(
                "profile",
                CHILDREN,
                profile.characteristic() == null ? CountTable.ALL : profile.incidentType(),
                profile.name(),
                category,
                groupName,
                groupCategory,
                (t, p) -> profileShare(t, s, profile, category, p)));
      }
    }
    for (Spotlight.Ratio ratio : s.ratios()) {
      Margin m = s.ratioMargin(ratio);
      for (String unit : List.of(CHILDREN, INCIDENTS)) {
        figures.add(
            new Figure(
                "ratio",
                unit,
                CountTable.ALL,
                s.group().name(),
                s.groupCategory(),
                ratio.within().name(),
                ratio.category(),
                (t, p) ->
                    Share.of(
                        unit,
                        t.sum(m, p, CountTable.ALL, s.groupCategory(), ratio.category()),
                        t.sum(m, p, CountTable.ALL, CountTable.RECORDED, ratio.category()))));
      }
    }
    return figures;
  }

  /** The group's cell (children and incidents in it) for one incident type or all. */
  private static CountTable.Cell groupCell(
      CountTable t, Spotlight s, Period p, String incidentType) {
    return t.sum(s.groupMargin(), p, incidentType, s.groupCategory(), s.groupColumn());
  }

  /** The children the group is drawn from: its characteristic recorded (within its category). */
  private static CountTable.Cell recorded(CountTable t, Spotlight s, Period p) {
    return t.sum(s.groupMargin(), p, CountTable.ALL, CountTable.RECORDED, s.groupColumn());
  }

  private static Share profileShare(
      CountTable t, Spotlight s, Spotlight.Profile profile, String category, Period p) {
    if (profile.characteristic() == null) {
      // An incident type is the incident's: the group's children of incidents of that type are
      // all of the incident's group children or none, so Σ y² = Σ y n = the type's Σ m².
      CountTable.Cell type = groupCell(t, s, p, category);
      CountTable.Cell all = groupCell(t, s, p, CountTable.ALL);
      return new Share(
          type.children(),
          all.children(),
          DesignEffect.ofShare(
              type.children(),
              all.children(),
              type.childrenSquared(),
              type.childrenSquared(),
              all.childrenSquared()));
    }
    Margin m = s.profileMargin(profile);
    return Share.children(
        t.sum(m, p, profile.incidentType(), category, s.groupCategory()),
        t.sum(m, p, profile.incidentType(), CountTable.RECORDED, s.groupCategory()));
  }

  private static SpotlightRow row(
      CountTable counts, RunContext run, Period period, Spotlight s, Figure f, double level) {
    String missing = counts.missing(period);
    if (missing != null) {
      return row(run, counts, period, s, f, null, null, null, null, null, missing, level);
    }
    Share share = f.share().apply(counts, period);
    CountTable.Cell group = groupCell(counts, s, period, CountTable.ALL);
    long groupCount = f.unit().equals(CHILDREN) ? group.children() : group.incidents();
    Estimate e =
        share.designEffect() == null
            ? WilsonInterval.of(share.x(), share.n(), level)
            : WilsonInterval.clustered(share.x(), share.n(), share.designEffect(), level);
    return row(
        run,
        counts,
        period,
        s,
        f,
        groupCount,
        share.x(),
        share.n(),
        e,
        e.isMissing() ? null : share.designEffect(),
        e.nullReason(),
        level);
  }

  private static SpotlightRow row(
      RunContext run,
      CountTable counts,
      Period period,
      Spotlight s,
      Figure f,
      Long groupCount,
      Long count,
      Long denominator,
      Estimate share,
      Double designEffect,
      String nullReason,
      double level) {
    return new SpotlightRow(
        run.run(),
        run.period(period),
        s.id(),
        s.label(),
        f.measure(),
        f.unit(),
        f.incidentType(),
        f.characteristic(),
        f.category(),
        f.withinCharacteristic(),
        f.withinCategory(),
        groupCount,
        count,
        denominator,
        LimitColumns.of(share),
        designEffect,
        count != null && Reliability.low(count),
        counts.partial(period),
        nullReason,
        level);
  }
}
