package org.safeguardstats.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.safeguardstats.analysis.OutputRow;
import org.safeguardstats.config.JobConfig;
import org.safeguardstats.schema.CodeLists;

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
      List<OutputRow> yearOnYear,
      List<OutputRow> representation,
      List<OutputRow> causes,
      List<OutputRow> trend,
      Map<Integer, Long> reviewsByYear,
      int lastYear,
      double level) {
    List<String> lines = new ArrayList<>();
    String year = JobConfig.yearLabel(lastYear);
    Predicate<OutputRow> mine = r -> Objects.equals(r.get("confidence_level"), level);
    OutputRow all =
        find(
            yearOnYear,
            mine.and(
                r ->
                    isYear(r, lastYear)
                        && r.get("measure").equals("incidents")
                        && r.get("category").equals("all")));
    if (all == null) {
      return lines;
    }
    StringBuilder s = new StringBuilder();
    s.append(year).append(": ").append(all.get("count")).append(" incidents (");
    List<String> parts = new ArrayList<>();
    for (String[] type :
        new String[][] {
          {"death", "deaths"}, {"serious_harm", "serious harm"}, {"other", "other"}
        }) {
      OutputRow r =
          find(
              yearOnYear,
              mine.and(
                  x ->
                      isYear(x, lastYear)
                          && x.get("measure").equals("incidents")
                          && x.get("category").equals(type[0])));
      parts.add(percent((Double) r.get("share")) + " " + type[1]);
    }
    s.append(String.join(", ", parts)).append(")");
    Double change = (Double) all.get("percent_change");
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
              signedPercent((Double) all.get("percent_change_lower")),
              signedPercent((Double) all.get("percent_change_upper")),
              pValue((Double) all.get("p_value"))));
    }
    lines.add(s.toString());
    OutputRow children =
        find(
            yearOnYear,
            mine.and(
                r ->
                    isYear(r, lastYear)
                        && r.get("measure").equals("children")
                        && r.get("category").equals("all")));
    lines.add(year + ": " + children.get("count") + " children involved");
    // Representation over the job's whole span (the first pooled period; others may follow).
    OutputRow span =
        representation.stream()
            .filter(r -> "pooled".equals(r.get("period_type")))
            .findFirst()
            .orElse(null);
    List<String> flagged = new ArrayList<>();
    for (OutputRow r : representation) {
      if (span != null
          && mine.test(r)
          && span.get("period").equals(r.get("period"))
          && "ethnicity".equals(r.get("characteristic"))
          && "none".equals(r.get("standardisation"))
          && r.get("representation") != null
          && !"not_different".equals(r.get("representation"))) {
        flagged.add(
            String.format(
                Locale.ROOT,
                "%s %s-represented (ratio %.2f, %.2f to %.2f)",
                ETHNIC_LABELS.getOrDefault((String) r.get("category"), (String) r.get("category")),
                r.get("representation"),
                r.get("ratio"),
                r.get("ratio_lower"),
                r.get("ratio_upper")));
      }
    }
    if (!flagged.isEmpty()) {
      lines.add(
          "Ethnicity against the child population, "
              + span.get("period")
              + " ("
              + trim(level * 100)
              + "% CI): "
              + String.join("; ", flagged));
    }
    for (String[] type :
        new String[][] {
          {"death", "Likely causes of death"}, {"serious_harm", "Main forms of serious harm"}
        }) {
      List<OutputRow> ranked =
          causes.stream()
              .filter(
                  mine.and(
                      r ->
                          r.get("last_year").equals(lastYear)
                              && "year".equals(r.get("period_type"))
                              && r.get("incident_type").equals(type[0])
                              && r.get("rank") != null
                              && r.get("share") != null))
              .sorted(Comparator.comparing(r -> (Integer) r.get("rank")))
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
                                CAUSE_LABELS.getOrDefault(
                                        (String) r.get("category"), (String) r.get("category"))
                                    + " "
                                    + percent((Double) r.get("share")))
                        .toList()));
      }
    }
    OutputRow t =
        find(
            trend,
            mine.and(
                r ->
                    "incidents".equals(r.get("measure"))
                        && "all".equals(r.get("category"))
                        && "none".equals(r.get("exposure"))
                        && r.get("annual_percent_change") != null));
    if (t != null) {
      lines.add(
          String.format(
              Locale.ROOT,
              "Trend %s: incidents %s%.1f%% a year (%s%% CI %s to %s; %s; %s)",
              t.get("period"),
              (Double) t.get("annual_percent_change") >= 0 ? "+" : "",
              t.get("annual_percent_change"),
              trim(level * 100),
              signedPercent((Double) t.get("annual_percent_change_lower")),
              signedPercent((Double) t.get("annual_percent_change_upper")),
              pValue((Double) t.get("p_value")),
              t.get("method")));
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
      List<OutputRow> yearOnYear,
      List<OutputRow> shareChanges,
      List<OutputRow> trend,
      String measure,
      double level) {
    List<String> lines = new ArrayList<>();
    String ci = trim(level * 100) + "% CI ";
    List<OutputRow> years =
        yearOnYear.stream()
            .filter(
                r ->
                    Objects.equals(r.get("confidence_level"), level)
                        && "year".equals(r.get("period_type"))
                        && "all".equals(r.get("category")))
            .sorted(Comparator.comparing(r -> (Integer) r.get("first_year")))
            .toList();
    for (OutputRow r : years) {
      StringBuilder s = new StringBuilder(r.get("period") + ": ");
      s.append(
          r.get("count") == null
              ? "count " + r.get("count_null_reason")
              : r.get("count") + " " + measure);
      Double change = (Double) r.get("percent_change");
      if (change != null) {
        long rounded = Math.round(Math.abs(change));
        s.append(
            String.format(
                Locale.ROOT,
                ", %s %s (%s%s to %s; %s)",
                rounded == 0
                    ? "about the same as"
                    : rounded + "% " + (change < 0 ? "fewer than" : "more than"),
                JobConfig.yearLabel((Integer) r.get("previous_year")),
                ci,
                signedPercent((Double) r.get("percent_change_lower")),
                signedPercent((Double) r.get("percent_change_upper")),
                pValue((Double) r.get("p_value"))));
      }
      lines.add(s.toString());
    }
    if (years.isEmpty()) {
      return lines;
    }
    OutputRow last = years.get(years.size() - 1);
    if (last.get("rate_per_100000") != null) {
      lines.add(
          String.format(
              Locale.ROOT,
              "%s: %.2f %s per 100,000 children (%s%.2f to %.2f; population of reporting year %s)",
              last.get("period"),
              last.get("rate_per_100000"),
              measure,
              ci,
              last.get("rate_lower"),
              last.get("rate_upper"),
              last.get("population_year")));
    }
    OutputRow deaths =
        yearOnYear.stream()
            .filter(
                r ->
                    Objects.equals(r.get("confidence_level"), level)
                        && "year".equals(r.get("period_type"))
                        && "death".equals(r.get("category"))
                        && r.get("first_year").equals(last.get("first_year")))
            .findFirst()
            .orElse(null);
    OutputRow deathChange =
        shareChanges.stream()
            .filter(
                r ->
                    Objects.equals(r.get("confidence_level"), level)
                        && "death".equals(r.get("category"))
                        && r.get("period").equals(last.get("period"))
                        && r.get("previous_period")
                            .equals(JobConfig.yearLabel((Integer) last.get("first_year") - 1)))
            .findFirst()
            .orElse(null);
    if (deaths != null && deaths.get("share") != null) {
      String line =
          String.format(
              Locale.ROOT,
              "%s: %s of %s were child deaths (%s%s to %s)",
              last.get("period"),
              percent((Double) deaths.get("share")),
              measure,
              ci,
              percent((Double) deaths.get("share_lower")),
              percent((Double) deaths.get("share_upper")));
      if (deathChange != null && deathChange.get("difference_pp") != null) {
        line +=
            String.format(
                Locale.ROOT,
                ", %+.1f percentage points on %s (%s%+.1f to %+.1f)",
                deathChange.get("difference_pp"),
                deathChange.get("previous_period"),
                ci,
                deathChange.get("difference_lower_pp"),
                deathChange.get("difference_upper_pp"));
      }
      lines.add(line);
    }
    for (String exposure : List.of("child_population", "none")) {
      OutputRow t =
          find(
              trend,
              r ->
                  Objects.equals(r.get("confidence_level"), level)
                      && "all".equals(r.get("category"))
                      && exposure.equals(r.get("exposure"))
                      && r.get("annual_percent_change") != null);
      if (t != null) {
        lines.add(
            String.format(
                Locale.ROOT,
                "Trend in %s%s over %d years to %s: %+.1f%% a year (%s%s to %s; %s; %s)",
                exposure.equals("none") ? "" : "the rate of ",
                measure,
                t.get("years"),
                JobConfig.yearLabel((Integer) t.get("last_year")),
                t.get("annual_percent_change"),
                ci,
                signedPercent((Double) t.get("annual_percent_change_lower")),
                signedPercent((Double) t.get("annual_percent_change_upper")),
                pValue((Double) t.get("p_value")),
                t.get("method")));
      }
    }
    return lines;
  }

  private static boolean isYear(OutputRow r, int year) {
    return "year".equals(r.get("period_type")) && r.get("last_year").equals(year);
  }

  private static OutputRow find(List<OutputRow> rows, Predicate<OutputRow> p) {
    return rows.stream().filter(p).findFirst().orElse(null);
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
