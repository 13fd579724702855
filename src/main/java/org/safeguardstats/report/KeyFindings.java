package org.safeguardstats.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.safeguardstats.analysis.RunContext;
import org.safeguardstats.config.JobConfig;
import org.safeguardstats.schema.CodeLists;
import org.safeguardstats.tables.KeyFindingRow;
import org.safeguardstats.tables.PeriodColumns;
import org.safeguardstats.tables.RunColumns;

/**
 * The key findings of the last reporting year, written by the rules of {@link Wording} from the
 * run's own tables (never recomputed): one row per finding and confidence level, with the sentence
 * and every row it read ({@code supporting}: table, key columns, columns read). A finding whose
 * table is not in the run, or whose rows are missing (e.g. a year with no records), says so in its
 * sentence and {@code null_reason}.
 */
public final class KeyFindings {
  static final Map<String, String> CAUSE_LABELS = labels("likely_causes.csv", "code", "label");
  static final Map<String, String> ETHNIC_LABELS =
      labels("ethnicity.csv", "major_group", "major_label");

  private KeyFindings() {}

  private static Map<String, String> labels(String file, String key, String label) {
    Map<String, String> m = new LinkedHashMap<>();
    CodeLists.rows(file).forEach(r -> m.putIfAbsent(r.get(key), r.get(label)));
    return m;
  }

  /** The short name of a GSS major group in a sentence: its label before " / " ("Black"). */
  static String ethnicGroup(String code) {
    String label = ETHNIC_LABELS.getOrDefault(code, code);
    int slash = label.indexOf(" / ");
    return slash < 0 ? label : label.substring(0, slash);
  }

  /** One finding being written: the rows it cites, and whether every claim in it held. */
  private static final class Finding {
    final Evidence evidence;
    final List<Evidence.Reference> references = new ArrayList<>();
    boolean claimed = true;
    String nullReason;

    Finding(Evidence evidence) {
      this.evidence = evidence;
    }

    /** Records why the finding has no figures: the table is not written, or has no such row. */
    void missing(String table) {
      nullReason = evidence.has(table) ? "no_row" : "no_table";
    }

    /** The row with these keys, cited with the columns read; null (and the reason) if absent. */
    Map<String, Object> cite(String table, Map<String, Object> keys, String... columns) {
      Map<String, Object> row = evidence.row(table, keys);
      if (row == null) {
        missing(table);
        return null;
      }
      references.add(new Evidence.Reference(table, keys, List.of(columns)));
      return row;
    }

    String use(Wording.Phrase p) {
      claimed &= p.claimed();
      return p.text();
    }
  }

  /** A finding's sentence from its cited rows; null when a row it needs is missing. */
  private interface Writer {
    String write(Finding f, Context c);
  }

  /** What every finding needs: the period (last reporting year) and the level. */
  private record Context(String period, int year, double level) {
    Map<String, Object> keys(Object... pairs) {
      Map<String, Object> keys = new LinkedHashMap<>();
      keys.put("period", period);
      for (int i = 0; i < pairs.length; i += 2) {
        keys.put((String) pairs[i], pairs[i + 1]);
      }
      keys.put("confidence_level", level);
      return keys;
    }
  }

  private record Topic(String id, String topic, Writer writer) {}

  private static final List<Topic> TOPICS =
      List.of(
          new Topic("notifications", "Notifications", KeyFindings::notifications),
          new Topic("incident_types", "Deaths and serious harm", KeyFindings::incidentTypes),
          new Topic("sex_and_harm", "Sex and harm type", KeyFindings::sexAndHarm),
          new Topic("age_groups", "Age", KeyFindings::ageGroups),
          new Topic("ethnicity", "Ethnicity", KeyFindings::ethnicity),
          new Topic("not_recorded", "Characteristics not recorded", KeyFindings::notRecorded),
          new Topic("causes", "Likely causes", KeyFindings::causes),
          new Topic("social_care", "Children's social care", KeyFindings::socialCare),
          new Topic("ehc_plans", "Education, health and care plans", KeyFindings::ehcPlans),
          new Topic("mental_health", "Children's mental health", KeyFindings::mentalHealth),
          new Topic("parental_needs", "Parents' needs", KeyFindings::parentalNeeds),
          new Topic("abuse", "Abuse and neglect", KeyFindings::abuse),
          new Topic("practice_themes", "Practice themes", KeyFindings::practiceThemes),
          new Topic(
              "spotlight_mental_health",
              "Spotlight: children with mental health needs",
              KeyFindings::spotlightMentalHealth),
          new Topic(
              "spotlight_preschool_parents",
              "Spotlight: pre-school children whose parents have mental health needs",
              KeyFindings::spotlightPreschool),
          new Topic(
              "spotlight_extrafamilial",
              "Spotlight: extrafamilial harm",
              KeyFindings::spotlightExtrafamilial));

  public static List<KeyFindingRow> rows(
      Map<String, List<? extends Record>> tables, RunContext run) {
    Evidence evidence = new Evidence(tables);
    String period = JobConfig.yearLabel(run.lastYear());
    List<KeyFindingRow> rows = new ArrayList<>();
    for (double level : run.confidenceLevels()) {
      Context c = new Context(period, run.lastYear(), level);
      for (int i = 0; i < TOPICS.size(); i++) {
        Topic t = TOPICS.get(i);
        Finding f = new Finding(evidence);
        String sentence = t.writer().write(f, c);
        if (sentence == null) {
          sentence = t.topic() + ": no figures for " + period + " (" + f.nullReason + ")";
          f.claimed = false;
        }
        rows.add(
            new KeyFindingRow(
                new RunColumns(run.runId(), run.synthetic()),
                new PeriodColumns(period, "year", run.lastYear(), run.lastYear()),
                t.id(),
                i + 1,
                t.topic(),
                sentence,
                f.claimed,
                Evidence.json(f.references),
                f.nullReason,
                level));
      }
    }
    return rows;
  }

  /** The findings of the first confidence level as a Markdown list under a heading. */
  public static String markdown(List<KeyFindingRow> rows, boolean synthetic) {
    StringBuilder md = new StringBuilder("# Key findings");
    if (!rows.isEmpty()) {
      KeyFindingRow first = rows.get(0);
      md.append(", ")
          .append(first.period().period())
          .append(" (")
          .append(Wording.level(first.confidenceLevel()))
          .append(" confidence intervals)");
    }
    md.append("\n\n");
    if (synthetic) {
      md.append("SYNTHETIC sample data: these sentences describe invented children.\n\n");
    }
    for (KeyFindingRow r : rows) {
      if (r.confidenceLevel() == rows.get(0).confidenceLevel()) {
        md.append("- **").append(r.topic()).append(".** ").append(r.sentence()).append('\n');
      }
    }
    return md.toString();
  }

  private static double number(Map<String, Object> row, String column) {
    return ((Number) row.get(column)).doubleValue();
  }

  private static boolean present(Map<String, Object> row, String... columns) {
    for (String c : columns) {
      if (row.get(c) == null) {
        return false;
      }
    }
    return true;
  }

  /** "-29%", "+5%": a signed whole percentage (half up, away from zero). */
  static String signed(double percent) {
    long whole = Wording.wholePercent(percent);
    return (percent < 0 && whole != 0 ? "-" : whole == 0 ? "" : "+") + whole + "%";
  }

  private static String yoyInterval(Map<String, Object> row, double level) {
    return Wording.level(level)
        + " CI "
        + signed(number(row, "percent_change_lower"))
        + " to "
        + signed(number(row, "percent_change_upper"));
  }

  private static final String[] CHANGE_COLUMNS = {
    "count",
    "previous_count",
    "percent_change",
    "percent_change_lower",
    "percent_change_upper",
    "q_value"
  };

  /**
   * Notifications this year against last: the change with its interval, and the incident type with
   * the largest fall or rise in count when it too changed beyond chance.
   */
  private static String notifications(Finding f, Context c) {
    Map<String, Object> all =
        f.cite("year_on_year", c.keys("measure", "incidents", "category", "all"), CHANGE_COLUMNS);
    if (all == null) {
      return null;
    }
    if (!present(all, "count", "previous_count", "percent_change")) {
      f.nullReason = String.valueOf(all.get("change_null_reason"));
      return null;
    }
    // The year's change is the one comparison this finding is about (not picked from the
    // table's family of changes), so its interval alone decides; the type that drove it is picked
    // among the types, so its change must also pass its q-value.
    Wording.Phrase change = change(all, c, false);
    String s =
        String.format(
            Locale.ROOT,
            "In %s, notifications %s (from %d to %d; %s)",
            c.period(),
            f.use(change),
            ((Number) all.get("previous_count")).longValue(),
            ((Number) all.get("count")).longValue(),
            yoyInterval(all, c.level()));
    if (change.claimed()) {
      Map<String, Object> largest = null;
      for (String type : List.of("death", "serious_harm", "other")) {
        Map<String, Object> r =
            f.evidence.row("year_on_year", c.keys("measure", "incidents", "category", type));
        if (r != null
            && present(r, "count", "previous_count", "percent_change")
            && (largest == null || movement(r) > movement(largest))
            && Math.signum(number(r, "percent_change"))
                == Math.signum(number(all, "percent_change"))) {
          largest = r;
        }
      }
      if (largest != null && change(largest, c, true).claimed()) {
        f.cite(
            "year_on_year",
            c.keys("measure", "incidents", "category", largest.get("category")),
            CHANGE_COLUMNS);
        s +=
            String.format(
                Locale.ROOT,
                ", mainly %s %s notifications (from %d to %d; %s)",
                number(all, "percent_change") < 0 ? "fewer" : "more",
                typeLabel((String) largest.get("category")),
                ((Number) largest.get("previous_count")).longValue(),
                ((Number) largest.get("count")).longValue(),
                yoyInterval(largest, c.level()));
      }
    }
    return s + ".";
  }

  /** A year-on-year change in words; with its q-value when the finding picked it among others. */
  private static Wording.Phrase change(Map<String, Object> row, Context c, boolean picked) {
    return Wording.change(
        number(row, "percent_change"),
        number(row, "percent_change_lower"),
        number(row, "percent_change_upper"),
        picked ? (Double) row.get("q_value") : null,
        c.level());
  }

  private static double movement(Map<String, Object> row) {
    return Math.abs(number(row, "count") - number(row, "previous_count"));
  }

  private static String typeLabel(String type) {
    return switch (type) {
      case "death" -> "death";
      case "serious_harm" -> "serious harm";
      default -> type.replace('_', ' ');
    };
  }

  /** The year's incidents and the shares of deaths, serious harm and other incidents. */
  private static String incidentTypes(Finding f, Context c) {
    Map<String, Object> all =
        f.cite("year_on_year", c.keys("measure", "incidents", "category", "all"), "count");
    if (all == null || all.get("count") == null) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    for (String type : List.of("death", "serious_harm", "other")) {
      Map<String, Object> r =
          f.cite(
              "year_on_year",
              c.keys("measure", "incidents", "category", type),
              "count",
              "share",
              "share_lower",
              "share_upper");
      if (r == null || r.get("share") == null) {
        return null;
      }
      parts.add(
          Wording.percent(number(r, "share"))
              + " "
              + (type.equals("death") ? "deaths" : typeLabel(type)));
    }
    long count = ((Number) all.get("count")).longValue();
    return String.format(
        Locale.ROOT,
        "%d serious %s notified in %s: %s.",
        count,
        count == 1 ? "incident was" : "incidents were",
        c.period(),
        String.join(", ", parts));
  }

  private static String shareWithInterval(Map<String, Object> row, double level) {
    return Wording.percent(number(row, "share"))
        + ", "
        + Wording.interval(level, number(row, "share_lower"), number(row, "share_upper"));
  }

  /**
   * The split between boys and girls (girls' share of children with sex recorded), and each form of
   * harm whose proportion differs between boys and girls beyond chance (the 2×2 associations with
   * their q-values).
   */
  private static String sexAndHarm(Finding f, Context c) {
    Map<String, Object> girls =
        f.cite(
            "demographics",
            c.keys("characteristic", "sex", "category", "female"),
            "share",
            "share_lower",
            "share_upper");
    if (girls == null || girls.get("share") == null) {
      return null;
    }
    String split =
        f.use(
            Wording.split(
                number(girls, "share"),
                number(girls, "share_lower"),
                number(girls, "share_upper"),
                "girls",
                "boys"));
    String s =
        String.format(
            Locale.ROOT,
            "In %s there %s %s (girls %s)",
            c.period(),
            split.startsWith("more") ? "were" : "was",
            split,
            shareWithInterval(girls, c.level()));
    List<String> boys = new ArrayList<>();
    List<String> more = new ArrayList<>();
    List<String> none = new ArrayList<>();
    for (Map<String, Object> r :
        f.evidence.rows("associations", c.keys("association", "harm_form_by_sex"))) {
      if (!present(r, "proportion_ratio", "proportion_ratio_lower", "proportion_ratio_upper")) {
        continue;
      }
      String form = (String) r.get("category");
      f.cite(
          "associations",
          c.keys("association", "harm_form_by_sex", "category", form),
          "proportion_ratio",
          "proportion_ratio_lower",
          "proportion_ratio_upper",
          "q_value");
      double ratio = number(r, "proportion_ratio");
      Wording.Phrase differs =
          Wording.ratio(
              number(r, "proportion_ratio_lower"),
              number(r, "proportion_ratio_upper"),
              (Double) r.get("q_value"),
              c.level());
      String text =
          ratioWithInterval(harmFormLabel(form), "boys to girls", r, "proportion_ratio", c.level());
      f.use(differs);
      if (!differs.claimed()) {
        none.add(text);
      } else if (ratio > 1) {
        boys.add(text);
      } else {
        more.add(text);
      }
    }
    if (!boys.isEmpty()) {
      s += "; more " + String.join(" and ", boys) + " among boys";
    }
    if (!more.isEmpty()) {
      s += "; more " + String.join(" and ", more) + " among girls";
    }
    if (!none.isEmpty()) {
      s += "; no difference beyond chance in " + String.join(" or ", none);
    }
    return s + ".";
  }

  /** "label (name 1.78, 95% CI 1.01 to 3.13)" from a row's ratio column and its limits. */
  private static String ratioWithInterval(
      String label, String name, Map<String, Object> row, String column, double level) {
    return String.format(
        Locale.ROOT,
        "%s (%s %.2f, %s CI %.2f to %.2f)",
        label,
        name,
        number(row, column),
        Wording.level(level),
        number(row, column + "_lower"),
        number(row, column + "_upper"));
  }

  private static String harmFormLabel(String form) {
    return switch (form) {
      case "extrafamilial_harm" -> "extrafamilial harm";
      case "sexual_abuse_exploitation" -> "sexual abuse or exploitation";
      case "suicide_or_self_harm" -> "suicide or self-harm";
      default -> form.replace('_', ' ');
    };
  }

  /** Ethnic groups over- and under-represented against the child population (crude ratios). */
  private static String ethnicity(Finding f, Context c) {
    List<Map<String, Object>> rows =
        f.evidence.rows(
            "representation", c.keys("characteristic", "ethnicity", "standardisation", "none"));
    if (rows.isEmpty()) {
      f.missing("representation");
      return null;
    }
    List<String> over = new ArrayList<>();
    List<String> under = new ArrayList<>();
    for (Map<String, Object> r : rows) {
      if (!present(r, "ratio", "ratio_lower", "ratio_upper")) {
        continue;
      }
      String group = (String) r.get("category");
      f.cite(
          "representation",
          c.keys("characteristic", "ethnicity", "category", group, "standardisation", "none"),
          "ratio",
          "ratio_lower",
          "ratio_upper",
          "q_value");
      Wording.Phrase p =
          Wording.representation(
              number(r, "ratio_lower"),
              number(r, "ratio_upper"),
              (Double) r.get("q_value"),
              c.level());
      String text = ratioWithInterval(ethnicGroup(group), "ratio", r, "ratio", c.level());
      if (p.claimed()) {
        (number(r, "ratio_lower") > 1 ? over : under).add(text);
      }
    }
    List<String> parts = new ArrayList<>();
    if (!over.isEmpty()) {
      parts.add(String.join(" and ", over) + " children were over-represented");
    }
    if (!under.isEmpty()) {
      parts.add(String.join(" and ", under) + " children under-represented");
    }
    if (parts.isEmpty()) {
      f.claimed = false;
      parts.add("no ethnic group was over- or under-represented beyond chance");
    }
    String s =
        "Against the child population in " + c.period() + ", " + String.join(", and ", parts);
    Map<String, Object> age =
        f.cite(
            "associations",
            c.keys("association", "age_band_by_ethnicity", "row_type", "test"),
            "q_value");
    if (age != null && age.get("q_value") != null) {
      boolean differs = ((Number) age.get("q_value")).doubleValue() < 1 - c.level();
      f.claimed &= differs;
      s +=
          differs
              ? "; the age profile differed between ethnic groups (" + q(age.get("q_value")) + ")"
              : "; the age profile did not differ between ethnic groups beyond chance ("
                  + q(age.get("q_value"))
                  + ")";
    }
    return s + ".";
  }

  /** The most common likely causes of death and of serious harm, from their ranks. */
  private static String causes(Finding f, Context c) {
    List<String> parts = new ArrayList<>();
    for (String[] type :
        new String[][] {
          {
            "death",
            "the most common likely cause of death",
            "the most common likely causes of death"
          },
          {
            "serious_harm",
            "the most common form of serious harm",
            "the most common forms of serious harm"
          }
        }) {
      List<Wording.Ranked> shares =
          ranked(
              f,
              "cause_distribution",
              c.keys("incident_type", type[0]),
              "category",
              CAUSE_LABELS,
              3);
      if (shares.isEmpty()) {
        return null;
      }
      parts.add(f.use(Wording.leading(shares, type[1], type[2])));
    }
    return "In " + c.period() + ", " + String.join("; ", parts) + ".";
  }

  private static final String[] SHARE = {"count", "share", "share_lower", "share_upper"};

  /** A share in words ("a fifth (21%)"), from a row's share columns. */
  private static String share(Finding f, Map<String, Object> row) {
    return f.use(
        Wording.share(
            number(row, "share"), number(row, "share_lower"), number(row, "share_upper")));
  }

  /** A share of a group in words ("a fifth of children (21%)"), from a row's share columns. */
  private static String shareOf(Finding f, Map<String, Object> row, String group) {
    return f.use(
        Wording.shareOf(
            number(row, "share"), number(row, "share_lower"), number(row, "share_upper"), group));
  }

  private static Map<String, String> codeLabels(String file) {
    return labels(file, "code", "label");
  }

  static final Map<String, String> AGE_LABELS = ageLabels();

  private static Map<String, String> ageLabels() {
    Map<String, String> m = new LinkedHashMap<>();
    CodeLists.ageBands("panel").forEach(b -> m.put(b.code(), b.groupLabel()));
    return m;
  }

  /** Ranked rows of a table (rank column), as Wording's ranked shares, with their citations. */
  private static List<Wording.Ranked> ranked(
      Finding f,
      String table,
      Map<String, Object> keys,
      String categoryColumn,
      Map<String, String> labels,
      int limit) {
    List<Map<String, Object>> rows =
        f.evidence.rows(table, keys).stream()
            .filter(r -> r.get("rank") != null && r.get("share") != null)
            .sorted(Comparator.comparing(r -> ((Number) r.get("rank")).intValue()))
            .limit(limit)
            .toList();
    List<Wording.Ranked> out = new ArrayList<>();
    for (Map<String, Object> r : rows) {
      Map<String, Object> k = new LinkedHashMap<>(keys);
      k.put(categoryColumn, r.get(categoryColumn));
      boolean hasSeparation = r.containsKey("separated_from_next");
      f.cite(
          table,
          k,
          hasSeparation
              ? new String[] {
                "rank",
                "share",
                "share_lower",
                "share_upper",
                "separated_from_next",
                "next_difference_q_value"
              }
              : new String[] {"rank", "share", "share_lower", "share_upper"});
      String code = (String) r.get(categoryColumn);
      out.add(
          new Wording.Ranked(
              labels.getOrDefault(code, code),
              number(r, "share"),
              number(r, "share_lower"),
              number(r, "share_upper"),
              hasSeparation ? (Boolean) r.get("separated_from_next") : null));
    }
    if (out.isEmpty()) {
      f.missing(table);
    }
    return out;
  }

  /** The largest age group, the second, and whether the second moved up since last year. */
  private static String ageGroups(Finding f, Context c) {
    Map<String, Object> keys = c.keys("characteristic", "age_band");
    List<Wording.Ranked> ranked = ranked(f, "demographics", keys, "category", AGE_LABELS, 3);
    if (ranked.size() < 3) {
      return null;
    }
    String s =
        "In "
            + c.period()
            + ", "
            + f.use(
                Wording.leading(ranked, "were", "the largest age group", "the largest age groups"));
    Map<String, Object> second =
        f.evidence.rows("demographics", keys).stream()
            .filter(r -> r.get("rank") != null && ((Number) r.get("rank")).intValue() == 2)
            .findFirst()
            .orElse(null);
    Integer previous = second == null ? null : (Integer) second.get("previous_rank");
    if (previous != null && previous > 2) {
      Map<String, Object> passed =
          f.evidence.rows("demographics", keys).stream()
              .filter(r -> r.get("previous_rank") != null && (Integer) r.get("previous_rank") == 2)
              .findFirst()
              .orElse(null);
      if (passed != null && passed.get("share") != null) {
        Map<String, Object> k = new LinkedHashMap<>(keys);
        k.put("category", second.get("category"));
        f.cite("demographics", k, "rank", "previous_rank");
        Map<String, Object> kp = new LinkedHashMap<>(keys);
        kp.put("category", passed.get("category"));
        f.cite("demographics", kp, "rank", "previous_rank", "share", "share_lower", "share_upper");
        String code = (String) passed.get("category");
        s +=
            "; "
                + f.use(
                    Wording.place(
                        ranked.get(1),
                        new Wording.Ranked(
                            AGE_LABELS.getOrDefault(code, code),
                            number(passed, "share"),
                            number(passed, "share_lower"),
                            number(passed, "share_upper"),
                            null),
                        2,
                        previous));
        return s + ".";
      }
    }
    return s + "; " + f.use(Wording.second(ranked)) + ".";
  }

  /** The characteristics least often recorded, with the share not recorded. */
  private static String notRecorded(Finding f, Context c) {
    List<Map<String, Object>> rows =
        f.evidence.rows("completeness", c.keys()).stream()
            .filter(r -> r.get("not_recorded_share") != null)
            .sorted(
                Comparator.comparing(r -> -((Number) r.get("not_recorded_share")).doubleValue()))
            .limit(3)
            .toList();
    if (rows.isEmpty()) {
      f.missing("completeness");
      return null;
    }
    List<String> parts = new ArrayList<>();
    for (Map<String, Object> r : rows) {
      String ch = (String) r.get("characteristic");
      f.cite(
          "completeness",
          c.keys("characteristic", ch),
          "not_recorded_share",
          "not_recorded_share_lower",
          "not_recorded_share_upper");
      double share = number(r, "not_recorded_share");
      double lower = number(r, "not_recorded_share_lower");
      double upper = number(r, "not_recorded_share_upper");
      String name = ch.replace("_recorded", "").replace('_', ' ');
      parts.add(
          parts.isEmpty()
              ? name
                  + " was not recorded for "
                  + f.use(Wording.shareOf(share, lower, upper, "children"))
              : name + " for " + f.use(Wording.share(share, lower, upper)));
    }
    return "In " + c.period() + ", " + list(parts) + ": the characteristics least often recorded.";
  }

  /** "a, b and c". */
  private static String list(List<String> parts) {
    return parts.size() == 1
        ? parts.get(0)
        : String.join(", ", parts.subList(0, parts.size() - 1))
            + " and "
            + parts.get(parts.size() - 1);
  }

  /** A prevalence row for all children (or one subgroup category). */
  private static Map<String, Object> prevalence(
      Finding f, Context c, String measure, String subgroup, String subgroupCategory) {
    Map<String, Object> row =
        f.cite(
            "prevalence",
            c.keys(
                "measure",
                measure,
                "subgroup_characteristic",
                subgroup,
                "subgroup_category",
                subgroupCategory),
            SHARE);
    return row == null || row.get("share") == null ? null : row;
  }

  private static String socialCare(Finding f, Context c) {
    Map<String, Object> known = prevalence(f, c, "known_to_social_care", "all", "all");
    if (known == null) {
      return null;
    }
    return "In "
        + c.period()
        + ", "
        + shareOf(f, known, "children")
        + " were known to children's social care before the incident (current or previous"
        + " contact, among those recorded).";
  }

  private static String ehcPlans(Finding f, Context c) {
    Map<String, Object> r = prevalence(f, c, "ehc_plan_or_assessment", "school_phase", "secondary");
    if (r == null) {
      return null;
    }
    return "In "
        + c.period()
        + ", "
        + shareOf(f, r, "secondary-school-age children")
        + " had an EHC plan or were being assessed for one (ages 11 to 15).";
  }

  private static String mentalHealth(Finding f, Context c) {
    Map<String, Object> all =
        f.cite(
            "prevalence",
            c.keys(
                "measure",
                "child_mental_health",
                "subgroup_characteristic",
                "all",
                "subgroup_category",
                "all"),
            "count",
            "share",
            "share_lower",
            "share_upper",
            "trend_slope",
            "trend_q_value");
    if (all == null || all.get("share") == null) {
      return null;
    }
    String s =
        "In "
            + c.period()
            + ", "
            + shareOf(f, all, "children")
            + " had one or more mental health conditions";
    Object q = all.get("trend_q_value");
    if (q != null && all.get("trend_slope") != null) {
      Wording.Phrase trend = Wording.trend(number(all, "trend_slope"), (Double) q, c.level());
      s += ", " + f.use(trend) + " (test for trend across age bands, " + q(q) + ")";
    }
    return s + ".";
  }

  /** "q = 0.012", "q < 0.001". */
  static String q(Object q) {
    double v = ((Number) q).doubleValue();
    return v < 0.001 ? "q < 0.001" : String.format(Locale.ROOT, "q = %.3f", v);
  }

  private static String parentalNeeds(Finding f, Context c) {
    Map<String, Object> mh = prevalence(f, c, "parent_mental_health", "all", "all");
    Map<String, Object> sm = prevalence(f, c, "parent_substance_misuse", "all", "all");
    Map<String, Object> dis = prevalence(f, c, "parent_disability", "all", "all");
    if (mh == null || sm == null || dis == null) {
      return null;
    }
    return "In "
        + c.period()
        + ", "
        + shareOf(f, mh, "children")
        + " had a parent with a mental health condition, "
        + share(f, sm)
        + " a parent who misused alcohol or substances and "
        + share(f, dis)
        + " a parent with a disability.";
  }

  private static String abuse(Finding f, Context c) {
    String[][] kinds = {
      {"abuse_neglect", "neglect"},
      {"abuse_domestic", "domestic abuse"},
      {"abuse_physical", "physical abuse"},
      {"abuse_sexual", "sexual abuse"},
      {"abuse_emotional", "emotional abuse"}
    };
    List<String> parts = new ArrayList<>();
    for (String[] k : kinds) {
      Map<String, Object> r = prevalence(f, c, k[0], "all", "all");
      if (r == null) {
        return null;
      }
      parts.add(
          parts.isEmpty()
              ? k[1] + " featured in the histories of " + shareOf(f, r, "children")
              : k[1] + " in " + share(f, r));
    }
    return "In " + c.period() + ", " + list(parts) + ".";
  }

  private static String practiceThemes(Finding f, Context c) {
    Map<String, String> labels = codeLabels("practice_themes.csv");
    List<Wording.Ranked> rapid =
        ranked(f, "themes", c.keys("review_type", "rapid_review"), "theme", labels, 5);
    if (rapid.isEmpty()) {
      return null;
    }
    Wording.Phrase leading =
        Wording.leading(
            rapid,
            "the commonest practice theme of rapid reviews",
            "the commonest practice themes of rapid reviews");
    int named = leading.claimed() ? 1 : 2;
    String s = "In " + c.period() + ", " + f.use(leading);
    if (rapid.size() > named) {
      s +=
          "; the next were "
              + String.join(
                  ", ",
                  rapid.subList(named, rapid.size()).stream().map(Wording::labelled).toList());
    }
    List<Wording.Ranked> local =
        ranked(f, "themes", c.keys("review_type", "local_review"), "theme", labels, 2);
    Map<String, Object> anyLocal =
        f.evidence.rows("themes", c.keys("review_type", "local_review")).stream()
            .filter(r -> r.get("total") != null && r.get("rank") != null)
            .findFirst()
            .orElse(null);
    if (!local.isEmpty() && anyLocal != null) {
      Map<String, Object> k = c.keys("review_type", "local_review", "theme", anyLocal.get("theme"));
      f.cite("themes", k, "total");
      s +=
          "; of the "
              + ((Number) anyLocal.get("total")).longValue()
              + " local reviews, "
              + f.use(Wording.leading(local, "the commonest theme", "the commonest themes"));
    }
    f.nullReason = null; // local reviews are optional: a job without them still has the finding
    return s + ".";
  }

  /** A spotlight's share (its size, a profile share or a ratio), cited; null when missing. */
  private static Map<String, Object> spotlight(Finding f, Context c, Object... keys) {
    Map<String, Object> r =
        f.cite(
            "spotlights",
            c.keys(keys),
            "count",
            "denominator",
            "share",
            "share_lower",
            "share_upper");
    return r == null || r.get("share") == null ? null : r;
  }

  private static String spotlightMentalHealth(Finding f, Context c) {
    Map<String, Object> r =
        spotlight(
            f,
            c,
            "spotlight",
            "child_mental_health",
            "measure",
            "ratio",
            "unit",
            "children",
            "within_characteristic",
            "likely_cause",
            "within_category",
            "suicide");
    return r == null
        ? null
        : "In "
            + c.period()
            + ", "
            + shareOf(f, r, "the children who died by suicide")
            + " had a recorded mental health condition.";
  }

  private static String spotlightPreschool(Finding f, Context c) {
    Map<String, Object> r =
        spotlight(
            f,
            c,
            "spotlight",
            "preschool_parent_mental_health",
            "measure",
            "size",
            "unit",
            "incidents");
    return r == null
        ? null
        : "In "
            + c.period()
            + ", "
            + shareOf(f, r, "incidents about children aged 1 to 5")
            + " involved a parent with a mental health condition.";
  }

  private static String spotlightExtrafamilial(Finding f, Context c) {
    Map<String, Object> r =
        spotlight(f, c, "spotlight", "extrafamilial_harm", "measure", "size", "unit", "children");
    return r == null
        ? null
        : "In "
            + c.period()
            + ", extrafamilial harm featured for "
            + shareOf(f, r, "children")
            + ", "
            + ((Number) r.get("count")).longValue()
            + " in all.";
  }
}
