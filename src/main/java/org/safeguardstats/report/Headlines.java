package org.safeguardstats.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.safeguardstats.config.JobConfig;
import org.safeguardstats.schema.CodeLists;
import org.safeguardstats.tables.CauseDistributionRow;
import org.safeguardstats.tables.RepresentationRow;
import org.safeguardstats.tables.ShareChangeRow;
import org.safeguardstats.tables.TrendRow;
import org.safeguardstats.tables.YearOnYearRow;

/** The few sentences a run ends with, read off the analysis tables (never recomputed). */
public final class Headlines {
  private static final Map<String, String> CAUSE_LABELS =
      labels("likely_causes.csv", "code", "label");
  private static final Map<String, String> ETHNIC_LABELS =
      labels("ethnicity.csv", "major_group", "major_label");

  private Headlines() {}

  private static Map<String, String> labels(String file, String key, String label) {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    CodeLists.rows(file).forEach(r -> m.putIfAbsent(r.get(key), r.get(label)));
    return m;
  }

  public static List<String> lines(
      List<YearOnYearRow> yearOnYear,
      List<RepresentationRow> representation,
      List<CauseDistributionRow> causes,
      List<TrendRow> trend,
      Map<Integer, Long> reviewsByYear,
      int lastYear,
      double level) {
    List<String> lines = new ArrayList<>();
    String year = JobConfig.yearLabel(lastYear);
    YearOnYearRow all = lastYear(yearOnYear, level, lastYear, "incidents", "all");
    if (all == null) {
      return lines;
    }
    if (all.count() == null) {
      // e.g. no_records: a year with no accepted record has no figures, not zeros
      lines.add(year + ": no incident figures (" + all.countNullReason() + ")");
    } else {
      lines.addAll(countLines(yearOnYear, all, lastYear, level));
    }
    // Representation over the job's whole span (the first pooled period; others may follow).
    RepresentationRow span =
        representation.stream()
            .filter(r -> "pooled".equals(r.period().periodType()))
            .findFirst()
            .orElse(null);
    List<String> flagged = new ArrayList<>();
    for (RepresentationRow r : representation) {
      if (span != null
          && r.confidenceLevel() == level
          && span.period().period().equals(r.period().period())
          && "ethnicity".equals(r.characteristic())
          && "none".equals(r.standardisation())
          && r.representation() != null
          && !"not_different".equals(r.representation())) {
        flagged.add(
            String.format(
                Locale.ROOT,
                "%s %s-represented (ratio %.2f, %.2f to %.2f)",
                ETHNIC_LABELS.getOrDefault(r.category(), r.category()),
                r.representation(),
                r.ratio().value(),
                r.ratio().lower(),
                r.ratio().upper()));
      }
    }
    if (!flagged.isEmpty()) {
      lines.add(
          "Ethnicity against the child population, "
              + span.period().period()
              + " ("
              + trim(level * 100)
              + "% CI): "
              + String.join("; ", flagged));
    }
    for (String[] type :
        new String[][] {
          {"death", "Likely causes of death"}, {"serious_harm", "Main forms of serious harm"}
        }) {
      List<CauseDistributionRow> ranked =
          causes.stream()
              .filter(
                  r ->
                      r.confidenceLevel() == level
                          && r.period().lastYear() == lastYear
                          && "year".equals(r.period().periodType())
                          && r.incidentType().equals(type[0])
                          && r.rank() != null
                          && r.share().value() != null)
              .sorted(Comparator.comparing(CauseDistributionRow::rank))
              .limit(2)
              .toList();
      if (!ranked.isEmpty()) {
        lines.add(
            type[1]
                + " "
                + year
                + ": "
                + String.join(
                    ", ",
                    ranked.stream()
                        .map(
                            r ->
                                CAUSE_LABELS.getOrDefault(r.category(), r.category())
                                    + " "
                                    + percent(r.share().value()))
                        .toList()));
      }
    }
    TrendRow t = trend(trend, level, "incidents", "none");
    if (t != null) {
      lines.add(
          String.format(
              Locale.ROOT,
              "Trend %s: incidents %s%.1f%% a year (%s%% CI %s to %s; %s; %s)",
              t.period(),
              t.annualPercentChange() >= 0 ? "+" : "",
              t.annualPercentChange(),
              trim(level * 100),
              signedPercent(t.annualPercentChangeLower()),
              signedPercent(t.annualPercentChangeUpper()),
              pValue(t.pValue()),
              t.method()));
    }
    Long reviews = reviewsByYear.get(lastYear);
    if (reviews != null) {
      lines.add(year + ": " + reviews + " local child safeguarding practice reviews");
    }
    return lines;
  }

  /**
   * Findings from published counts: each year's change, the last year's rate and share of deaths,
   * the trend.
   */
  public static List<String> publishedLines(
      List<YearOnYearRow> yearOnYear,
      List<ShareChangeRow> shareChanges,
      List<TrendRow> trend,
      String measure,
      double level) {
    List<String> lines = new ArrayList<>();
    String ci = trim(level * 100) + "% CI ";
    List<YearOnYearRow> years =
        yearOnYear.stream()
            .filter(
                r ->
                    r.confidenceLevel() == level
                        && "year".equals(r.period().periodType())
                        && "all".equals(r.category()))
            .sorted(Comparator.comparing(r -> r.period().firstYear()))
            .toList();
    for (YearOnYearRow r : years) {
      StringBuilder s = new StringBuilder(r.period().period() + ": ");
      s.append(r.count() == null ? "count " + r.countNullReason() : r.count() + " " + measure);
      Double change = r.change().percentChange();
      if (change != null) {
        long rounded = Math.round(Math.abs(change));
        s.append(
            String.format(
                Locale.ROOT,
                ", %s %s (%s%s to %s; %s)",
                rounded == 0
                    ? "about the same as"
                    : rounded + "% " + (change < 0 ? "fewer than" : "more than"),
                JobConfig.yearLabel(r.previousYear()),
                ci,
                signedPercent(r.change().percentChangeLower()),
                signedPercent(r.change().percentChangeUpper()),
                pValue(r.change().pValue())));
      }
      lines.add(s.toString());
    }
    if (years.isEmpty()) {
      return lines;
    }
    YearOnYearRow last = years.get(years.size() - 1);
    if (last.rate().value() != null) {
      lines.add(
          String.format(
              Locale.ROOT,
              "%s: %.2f %s per 100,000 children (%s%.2f to %.2f; population of reporting year %s)",
              last.period().period(),
              last.rate().value(),
              measure,
              ci,
              last.rate().lower(),
              last.rate().upper(),
              last.populationYear()));
    }
    YearOnYearRow deaths =
        yearOnYear.stream()
            .filter(
                r ->
                    r.confidenceLevel() == level
                        && "year".equals(r.period().periodType())
                        && "death".equals(r.category())
                        && r.period().firstYear() == last.period().firstYear())
            .findFirst()
            .orElse(null);
    ShareChangeRow deathChange =
        shareChanges.stream()
            .filter(
                r ->
                    r.confidenceLevel() == level
                        && "death".equals(r.category())
                        && r.period().period().equals(last.period().period())
                        && r.previousPeriod()
                            .equals(JobConfig.yearLabel(last.period().firstYear() - 1)))
            .findFirst()
            .orElse(null);
    if (deaths != null && deaths.share().value() != null) {
      String line =
          String.format(
              Locale.ROOT,
              "%s: %s of %s were child deaths (%s%s to %s)",
              last.period().period(),
              percent(deaths.share().value()),
              measure,
              ci,
              percent(deaths.share().lower()),
              percent(deaths.share().upper()));
      if (deathChange != null && deathChange.differencePp() != null) {
        line +=
            String.format(
                Locale.ROOT,
                ", %+.1f percentage points on %s (%s%+.1f to %+.1f)",
                deathChange.differencePp(),
                deathChange.previousPeriod(),
                ci,
                deathChange.differenceLowerPp(),
                deathChange.differenceUpperPp());
      }
      lines.add(line);
    }
    for (String exposure : List.of("child_population", "none")) {
      TrendRow t = trend(trend, level, null, exposure);
      if (t != null) {
        lines.add(
            String.format(
                Locale.ROOT,
                "Trend in %s%s over %d years to %s: %+.1f%% a year (%s%s to %s; %s; %s)",
                exposure.equals("none") ? "" : "the rate of ",
                measure,
                t.years(),
                JobConfig.yearLabel(t.lastYear()),
                t.annualPercentChange(),
                ci,
                signedPercent(t.annualPercentChangeLower()),
                signedPercent(t.annualPercentChangeUpper()),
                pValue(t.pValue()),
                t.method()));
      }
    }
    return lines;
  }

  /** The last year's incidents (with type shares and change) and children. */
  private static List<String> countLines(
      List<YearOnYearRow> yearOnYear, YearOnYearRow all, int lastYear, double level) {
    List<String> lines = new ArrayList<>();
    String year = JobConfig.yearLabel(lastYear);
    StringBuilder s = new StringBuilder();
    s.append(year).append(": ").append(all.count()).append(" incidents (");
    List<String> parts = new ArrayList<>();
    for (String[] type :
        new String[][] {
          {"death", "deaths"}, {"serious_harm", "serious harm"}, {"other", "other"}
        }) {
      YearOnYearRow r = lastYear(yearOnYear, level, lastYear, "incidents", type[0]);
      parts.add(percent(r.share().value()) + " " + type[1]);
    }
    s.append(String.join(", ", parts)).append(")");
    Double change = all.change().percentChange();
    if (change != null) {
      long rounded = Math.round(Math.abs(change));
      String direction =
          rounded == 0 ? "level with" : (change < 0 ? "down " : "up ") + rounded + "% on";
      s.append(
          String.format(
              Locale.ROOT,
              ", %s %s (%s%% CI %s to %s; %s)",
              direction,
              JobConfig.yearLabel(lastYear - 1),
              trim(level * 100),
              signedPercent(all.change().percentChangeLower()),
              signedPercent(all.change().percentChangeUpper()),
              pValue(all.change().pValue())));
    }
    lines.add(s.toString());
    YearOnYearRow children = lastYear(yearOnYear, level, lastYear, "children", "all");
    lines.add(year + ": " + children.count() + " children involved");
    return lines;
  }

  /** The year-on-year row of the last year for a measure and category. */
  private static YearOnYearRow lastYear(
      List<YearOnYearRow> rows, double level, int year, String measure, String category) {
    return rows.stream()
        .filter(
            r ->
                r.confidenceLevel() == level
                    && "year".equals(r.period().periodType())
                    && r.period().lastYear() == year
                    && r.measure().equals(measure)
                    && r.category().equals(category))
        .findFirst()
        .orElse(null);
  }

  /** The first fitted trend of all incident types (of a measure, when given) for an exposure. */
  private static TrendRow trend(
      List<TrendRow> rows, double level, String measure, String exposure) {
    return rows.stream()
        .filter(
            r ->
                r.confidenceLevel() == level
                    && (measure == null || measure.equals(r.measure()))
                    && "all".equals(r.category())
                    && exposure.equals(r.exposure())
                    && r.annualPercentChange() != null)
        .findFirst()
        .orElse(null);
  }

  static String percent(Double share) {
    return share == null ? "n/a" : Math.round(share * 100) + "%";
  }

  static String signedPercent(Double v) {
    return v == null ? "n/a" : String.format(Locale.ROOT, "%+.0f%%", v);
  }

  static String pValue(Double p) {
    if (p == null) {
      return "p n/a";
    }
    return p < 0.001 ? "p < 0.001" : String.format(Locale.ROOT, "p = %.3f", p);
  }

  private static String trim(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }
}
