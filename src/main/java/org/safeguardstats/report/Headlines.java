package org.safeguardstats.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.safeguardstats.config.JobConfig;
import org.safeguardstats.tables.ShareChangeRow;
import org.safeguardstats.tables.TrendRow;
import org.safeguardstats.tables.YearOnYearRow;

/**
 * The sentences a run on published counts ends with, read off its tables (never recomputed);
 * record-level runs end with their {@link KeyFindings}.
 */
public final class Headlines {
  private Headlines() {}

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
    return share == null ? "n/a" : Wording.percent(share);
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
