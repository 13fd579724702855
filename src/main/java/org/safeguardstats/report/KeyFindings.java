package org.safeguardstats.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.safeguardstats.analysis.RunContext;
import org.safeguardstats.config.JobConfig;
import org.safeguardstats.schema.CodeLists;
import org.safeguardstats.stats.ConfidenceLevel;
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
  static final Map<String, String> ETHNIC_CHILDREN =
      labels("ethnicity.csv", "major_group", "major_children");
  static final Map<String, String> CHARACTERISTIC_LABELS =
      labels("characteristics.csv", "characteristic", "label");

  private KeyFindings() {}

  private static Map<String, String> labels(String file, String key, String label) {
    Map<String, String> m = new LinkedHashMap<>();
    CodeLists.rows(file).forEach(r -> m.putIfAbsent(r.get(key), r.get(label)));
    return m;
  }

  /** A GSS major group's children as a sentence names them ("Black children"). */
  static String ethnicChildren(String code) {
    return ETHNIC_CHILDREN.getOrDefault(code, code);
  }

  /** A characteristic's name in a sentence ("sexuality"), from characteristics.csv. */
  static String characteristic(String name) {
    return CHARACTERISTIC_LABELS.getOrDefault(name, name.replace('_', ' '));
  }

  /**
   * One finding being written: the rows it cites, whether every claim in it held, and whether a
   * cited row is of a partial year.
   */
  private static final class Finding {
    final Evidence evidence;
    final List<Evidence.Reference> references = new ArrayList<>();
    boolean claimed = true;
    boolean partial;
    String nullReason;

    Finding(Evidence evidence) {
      this.evidence = evidence;
    }

    /**
     * Records why the finding has no figures, unless a reason is already recorded: the table is not
     * written, or has no such row. A finished sentence drops the reason (see rows()), so a row the
     * finding can do without leaves no trace.
     */
    void missing(String table) {
      if (nullReason == null) {
        nullReason = evidence.has(table) ? "no_row" : "no_table";
      }
    }

    /**
     * The row with these keys, cited with the columns read (a partial year's row with its {@code
     * partial_year}); null, with the reason, if absent.
     */
    Map<String, Object> cite(String table, Map<String, Object> keys, String... columns) {
      Map<String, Object> row = evidence.row(table, keys);
      if (row == null) {
        missing(table);
        return null;
      }
      List<String> read = new ArrayList<>(List.of(columns));
      if (Boolean.TRUE.equals(row.get("partial_year"))) {
        partial = true;
        read.add("partial_year");
      }
      references.add(new Evidence.Reference(table, keys, read));
      return row;
    }

    /**
     * Whether a cited row is missing or lacks a value of these columns; then the finding takes the
     * row's own null reason (a missing row's reason was recorded when it was cited).
     */
    boolean lacks(Map<String, Object> row, String... columns) {
      if (row == null) {
        return true;
      }
      if (present(row, columns)) {
        return false;
      }
      if (nullReason == null) {
        nullReason = reason(row);
      }
      return true;
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
          if (f.nullReason == null) {
            f.nullReason = NO_VALUE;
          }
          sentence = t.topic() + ": no figures for " + period + " (" + f.nullReason + ")";
          f.claimed = false;
        } else {
          // A finished sentence has its figures, whatever optional row was absent.
          f.nullReason = null;
          if (f.partial) {
            // A partial year's figures are provisional: nothing in them is claimed.
            f.claimed = false;
            sentence = sentence.substring(0, sentence.length() - 1) + PARTIAL;
          }
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

  /** The reason of a finding whose row has no value and gives no reason of its own. */
  static final String NO_VALUE = "no_value";

  /** How a sentence that cites a partial year's row ends. */
  static final String PARTIAL = " (partial year: provisional).";

  /** A row's own reason for its missing values: its null_reason, else its change's. */
  private static String reason(Map<String, Object> row) {
    Object r =
        row.get("null_reason") != null ? row.get("null_reason") : row.get("change_null_reason");
    return r == null ? null : r.toString();
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
    "count", "previous_count", "percent_change", "percent_change_lower", "percent_change_upper"
  };

  /**
   * Notifications this year against last: the change with its interval, and the incident type with
   * the largest change in count in the same direction when that type accounts for at least half of
   * the change and its own change is beyond chance. Without a previous year to compare, the year's
   * count alone.
   */
  private static String notifications(Finding f, Context c) {
    Map<String, Object> keys = c.keys("measure", "incidents", "category", "all");
    Map<String, Object> peek = f.evidence.row("year_on_year", keys);
    boolean compared = peek != null && present(peek, CHANGE_COLUMNS);
    Map<String, Object> all =
        f.cite("year_on_year", keys, compared ? CHANGE_COLUMNS : new String[] {"count"});
    if (f.lacks(all, "count")) {
      return null;
    }
    long count = ((Number) all.get("count")).longValue();
    if (!compared) {
      String why = reason(all);
      return notified(count, c.period())
          + "; "
          + (why == null || why.equals("no_previous_year")
              ? "no previous year to compare"
              : "no comparison with the previous year (" + why + ")")
          + ".";
    }
    // The year's change is the one comparison this finding is about, fixed in advance (not picked
    // from the table's family of changes), so its interval alone decides and its q-value is not
    // cited; the type that drove it is picked among the types, so its change must also pass its
    // q-value.
    Wording.Phrase change = change(all, c, false);
    String s =
        String.format(
            Locale.ROOT,
            "In %s, notifications %s (from %d to %d; %s)",
            c.period(),
            f.use(change),
            ((Number) all.get("previous_count")).longValue(),
            count,
            yoyInterval(all, c.level()));
    if (change.claimed()) {
      double total = number(all, "count") - number(all, "previous_count");
      Map<String, Object> largest = null;
      for (String type : List.of("death", "serious_harm", "other")) {
        Map<String, Object> r =
            f.evidence.row("year_on_year", c.keys("measure", "incidents", "category", type));
        if (r != null
            && present(r, CHANGE_COLUMNS)
            && Math.signum(number(r, "count") - number(r, "previous_count")) == Math.signum(total)
            && (largest == null || movement(r) > movement(largest))) {
          largest = r;
        }
      }
      // "Mainly" only when the type carries at least half of the change.
      if (largest != null
          && 2 * movement(largest) >= Math.abs(total)
          && change(largest, c, true).claimed()) {
        f.cite(
            "year_on_year",
            c.keys("measure", "incidents", "category", largest.get("category")),
            "count",
            "previous_count",
            "percent_change",
            "percent_change_lower",
            "percent_change_upper",
            "q_value");
        s +=
            String.format(
                Locale.ROOT,
                ", mainly %s %s notifications (from %d to %d; %s)",
                total < 0 ? "fewer" : "more",
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
    if (f.lacks(all, "count")) {
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
      if (f.lacks(r, "share")) {
        return null;
      }
      parts.add(
          Wording.percent(number(r, "share"))
              + " "
              + (type.equals("death") ? "deaths" : typeLabel(type)));
    }
    long count = ((Number) all.get("count")).longValue();
    return notified(count, c.period()) + ": " + Wording.list(parts, "and") + ".";
  }

  /** "330 serious incidents were notified in 2023-24" (one incident "was"). */
  private static String notified(long count, String period) {
    return count
        + " serious "
        + (count == 1 ? "incident was" : "incidents were")
        + " notified in "
        + period;
  }

  private static String shareWithInterval(Map<String, Object> row, double level) {
    return Wording.percent(number(row, "share"))
        + ", "
        + Wording.interval(level, number(row, "share_lower"), number(row, "share_upper"));
  }

  /**
   * The split between boys and girls (girls' share of children with sex recorded), and each form of
   * harm whose proportion differs between boys and girls beyond chance (the 2×2 associations with
   * their q-values, printed since they decide).
   */
  private static String sexAndHarm(Finding f, Context c) {
    Map<String, Object> girls =
        f.cite(
            "demographics",
            c.keys("characteristic", "sex", "category", "female"),
            "share",
            "share_lower",
            "share_upper");
    if (f.lacks(girls, "share", "share_lower", "share_upper")) {
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
            "In %s, there %s %s (girls %s).",
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
    // Sentences, not semicolons, between the parts: a list of labels with "or" in them takes
    // semicolons of its own.
    if (!boys.isEmpty()) {
      s += " More " + Wording.list(boys, "and") + " among boys.";
    }
    if (!more.isEmpty()) {
      s += " More " + Wording.list(more, "and") + " among girls.";
    }
    if (!none.isEmpty()) {
      s += " No difference beyond chance in " + Wording.list(none, "or") + ".";
    }
    return s;
  }

  /**
   * "label (name 1.78, 95% CI 1.01 to 3.13, q = 0.064)" from a row's ratio column, its limits and
   * (when it has one) its q-value.
   */
  private static String ratioWithInterval(
      String label, String name, Map<String, Object> row, String column, double level) {
    Object q = row.get("q_value");
    return String.format(
        Locale.ROOT,
        "%s (%s %.2f, %s CI %.2f to %.2f%s)",
        label,
        name,
        number(row, column),
        Wording.level(level),
        number(row, column + "_lower"),
        number(row, column + "_upper"),
        q == null ? "" : ", " + q(q));
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
      // The q-value decides but is not printed: a group it rules out is not named.
      String text =
          String.format(
              Locale.ROOT,
              "%s (ratio %.2f, %s CI %.2f to %.2f)",
              ethnicChildren(group),
              number(r, "ratio"),
              Wording.level(c.level()),
              number(r, "ratio_lower"),
              number(r, "ratio_upper"));
      if (p.claimed()) {
        (number(r, "ratio_lower") > 1 ? over : under).add(text);
      }
    }
    List<String> parts = new ArrayList<>();
    if (!over.isEmpty()) {
      parts.add(Wording.list(over, "and") + " were over-represented");
    }
    if (!under.isEmpty()) {
      parts.add(Wording.list(under, "and") + " were under-represented");
    }
    if (parts.isEmpty()) {
      f.claimed = false;
      parts.add("no ethnic group was over- or under-represented beyond chance");
    }
    String s =
        "Against the child population in " + c.period() + ", " + String.join(", and ", parts);
    // The age profile is optional: a run without the associations table still has the finding.
    Map<String, Object> age =
        f.cite(
            "associations",
            c.keys("association", "age_band_by_ethnicity", "row_type", "test"),
            "q_value");
    if (age != null && age.get("q_value") != null) {
      boolean differs = ConfidenceLevel.belowAlpha(number(age, "q_value"), c.level());
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

  /** "Nonfatal assault ...": a clause made a sentence of its own. */
  private static String capitalised(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** The most common likely causes of death and of serious harm, from their ranks. */
  private static String causes(Finding f, Context c) {
    List<String> parts = new ArrayList<>();
    for (String[] type :
        new String[][] {
          {"death", "likely cause of death", "likely causes of death"},
          {"serious_harm", "form of serious harm", "forms of serious harm"}
        }) {
      Map<String, Object> keys = c.keys("incident_type", type[0]);
      List<RankedRow> shares = ranked(f, "cause_distribution", keys, "category", CAUSE_LABELS);
      if (shares.isEmpty()) {
        return null;
      }
      parts.add(
          leading(f, "cause_distribution", shares, "was", "the most common", type[1], type[2]));
    }
    // Sentences, not semicolons, between the two: a list of causes may take semicolons.
    return "In " + c.period() + ", " + parts.get(0) + ". " + capitalised(parts.get(1)) + ".";
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

  /** A ranked row: Wording's ranked share, the keys that pick out its row, and the columns read. */
  private record RankedRow(
      Wording.Ranked ranked, Map<String, Object> row, Map<String, Object> keys, String[] columns) {}

  /**
   * The ranked rows of a table (rank column), in rank order, not yet cited; when there are none,
   * the finding takes the reason (no table, no row, or the rows' own null reason).
   */
  private static List<RankedRow> ranked(
      Finding f,
      String table,
      Map<String, Object> keys,
      String categoryColumn,
      Map<String, String> labels) {
    List<Map<String, Object>> all = f.evidence.rows(table, keys);
    List<Map<String, Object>> rows =
        all.stream()
            // A category of no child is neither among the largest nor next.
            .filter(r -> r.get("rank") != null && r.get("share") != null && number(r, "share") > 0)
            .sorted(Comparator.comparing(r -> ((Number) r.get("rank")).intValue()))
            .toList();
    if (rows.isEmpty()) {
      if (all.isEmpty()) {
        f.missing(table);
      } else if (f.nullReason == null) {
        f.nullReason = reason(all.get(0));
      }
    }
    List<RankedRow> out = new ArrayList<>();
    for (Map<String, Object> r : rows) {
      Map<String, Object> k = new LinkedHashMap<>(keys);
      k.put(categoryColumn, r.get(categoryColumn));
      boolean hasSeparation = r.containsKey("separated_from_next");
      String code = (String) r.get(categoryColumn);
      out.add(
          new RankedRow(
              new Wording.Ranked(
                  labels.getOrDefault(code, code),
                  number(r, "share"),
                  number(r, "share_lower"),
                  number(r, "share_upper"),
                  hasSeparation ? (Boolean) r.get("separated_from_next") : null),
              r,
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
                  : new String[] {"rank", "share", "share_lower", "share_upper"}));
    }
    return out;
  }

  private static List<Wording.Ranked> shares(List<RankedRow> rows) {
    return rows.stream().map(RankedRow::ranked).toList();
  }

  private static void cite(Finding f, String table, List<RankedRow> rows) {
    rows.forEach(r -> f.cite(table, r.keys(), r.columns()));
  }

  /**
   * The leading categories in words (by {@link Wording#leading}), citing the ones named and the one
   * below them that the separation was tested against.
   */
  private static String leading(
      Finding f,
      String table,
      List<RankedRow> rows,
      String verb,
      String superlative,
      String singular,
      String plural) {
    cite(f, table, rows.subList(0, Math.min(rows.size(), Wording.leadingGroup(shares(rows)) + 1)));
    return f.use(Wording.leading(shares(rows), verb, superlative, singular, plural));
  }

  /** How many of the first {@code n} rows to name so that none tied with the n-th is left out. */
  private static <T> int throughTies(List<T> sorted, int n, ToDoubleFunction<T> value) {
    int end = Math.min(n, sorted.size());
    while (end > 0
        && end < sorted.size()
        && value.applyAsDouble(sorted.get(end)) == value.applyAsDouble(sorted.get(end - 1))) {
      end++;
    }
    return end;
  }

  /** The largest age group (or groups), the second, and whether the second moved up. */
  private static String ageGroups(Finding f, Context c) {
    Map<String, Object> keys = c.keys("characteristic", "age_band");
    List<RankedRow> rows = ranked(f, "demographics", keys, "category", AGE_LABELS);
    if (rows.isEmpty()) {
      return null;
    }
    List<Wording.Ranked> ranked = shares(rows);
    String s =
        "In "
            + c.period()
            + ", "
            + leading(f, "demographics", rows, "were", "the largest", "age group", "age groups");
    if (ranked.size() < 2) {
      return s + ".";
    }
    int group = Wording.leadingGroup(ranked);
    Map<String, Object> second = rows.get(1).row();
    Integer rank = (Integer) second.get("rank");
    Integer previous = (Integer) second.get("previous_rank");
    Map<String, Object> passed =
        rows.stream()
            .map(RankedRow::row)
            .filter(r -> previous != null && Integer.valueOf(2).equals(r.get("previous_rank")))
            .findFirst()
            .orElse(null);
    if (rank == 2 && previous != null && previous != 2 && passed != null && passed != second) {
      Map<String, Object> k = new LinkedHashMap<>(keys);
      k.put("category", second.get("category"));
      f.cite("demographics", k, "previous_rank");
      Map<String, Object> kp = new LinkedHashMap<>(keys);
      kp.put("category", passed.get("category"));
      f.cite("demographics", kp, "rank", "previous_rank", "share", "share_lower", "share_upper");
      String code = (String) passed.get("category");
      Wording.Phrase place =
          Wording.place(
              ranked.get(1),
              new Wording.Ranked(
                  AGE_LABELS.getOrDefault(code, code),
                  number(passed, "share"),
                  number(passed, "share_lower"),
                  number(passed, "share_upper")),
              2,
              previous,
              ((Number) passed.get("rank")).intValue(),
              group > 1);
      return s + "; " + f.use(place) + ".";
    }
    if (group > 1) {
      return s + "."; // the second is among the largest already
    }
    // The first two are cited by the leading clause; second place also rests on the third.
    cite(f, "demographics", rows.subList(2, Math.min(rows.size(), 3)));
    return s + "; " + f.use(Wording.second(ranked)) + ".";
  }

  /**
   * The three characteristics with the largest share not recorded, and every one tied with the
   * third: no ranking is claimed, so the sentence lists them with their shares.
   */
  private static String notRecorded(Finding f, Context c) {
    List<Map<String, Object>> all = f.evidence.rows("completeness", c.keys());
    List<Map<String, Object>> sorted =
        all.stream()
            .filter(r -> present(r, "not_recorded_share", "not_recorded_share_lower"))
            .sorted(
                Comparator.comparing(r -> -((Number) r.get("not_recorded_share")).doubleValue()))
            .toList();
    if (sorted.isEmpty()) {
      if (all.isEmpty()) {
        f.missing("completeness");
      } else {
        f.nullReason = reason(all.get(0));
      }
      return null;
    }
    List<Map<String, Object>> rows =
        sorted.subList(0, throughTies(sorted, 3, r -> number(r, "not_recorded_share")));
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
      String name = characteristic(ch);
      parts.add(
          parts.isEmpty()
              ? name
                  + " was not recorded for "
                  + f.use(Wording.shareOf(share, lower, upper, "children"))
              : name + " for " + f.use(Wording.share(share, lower, upper)));
    }
    return "In " + c.period() + ", " + Wording.list(parts, "and") + ".";
  }

  /** A prevalence row for all children (or one subgroup category), cited; null when missing. */
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
    return f.lacks(row, "share", "share_lower", "share_upper") ? null : row;
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

  /** The ages of secondary school age, from age_bands.csv: "ages 11 to 15". */
  static String secondaryAges() {
    CodeLists.AgeBand b =
        CodeLists.ageBands("school_phase").stream()
            .filter(a -> a.code().equals("secondary"))
            .findFirst()
            .orElseThrow();
    return "ages " + b.minAge() + " to " + b.maxAge();
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
        + " had an EHC plan or were being assessed for one ("
        + secondaryAges()
        + "; among those whose EHC plan status was recorded).";
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
    if (f.lacks(all, "share", "share_lower", "share_upper")) {
      return null;
    }
    String s =
        "In "
            + c.period()
            + ", "
            + shareOf(f, all, "children")
            + " had one or more mental health conditions (among those recorded)";
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
        + Wording.list(
            List.of(
                shareOf(f, mh, "children") + " had a parent with a mental health condition",
                share(f, sm) + " a parent who misused alcohol or substances",
                share(f, dis) + " a parent with a disability"),
            "and")
        + ", each among those recorded.";
  }

  private static String abuse(Finding f, Context c) {
    List<String> parts = new ArrayList<>();
    for (String measure :
        List.of(
            "abuse_neglect",
            "abuse_domestic",
            "abuse_physical",
            "abuse_sexual",
            "abuse_emotional")) {
      Map<String, Object> r = prevalence(f, c, measure, "all", "all");
      if (r == null) {
        return null;
      }
      String kind = characteristic(measure);
      parts.add(
          parts.isEmpty()
              ? kind + " featured in the histories of " + shareOf(f, r, "children")
              : kind + " in " + share(f, r));
    }
    return "In " + c.period() + ", " + Wording.list(parts, "and") + ", each among those recorded.";
  }

  /**
   * The commonest practice themes of rapid reviews (five, or more when tied), and of local ones.
   */
  private static String practiceThemes(Finding f, Context c) {
    Map<String, String> labels = codeLabels("practice_themes.csv");
    List<RankedRow> rapid =
        ranked(f, "themes", c.keys("review_type", "rapid_review"), "theme", labels);
    if (rapid.isEmpty()) {
      return null;
    }
    String s =
        "In "
            + c.period()
            + ", "
            + leading(
                f,
                "themes",
                rapid,
                "was",
                "the commonest",
                "practice theme of rapid reviews",
                "practice themes of rapid reviews")
            + ".";
    int named = Wording.leadingGroup(shares(rapid));
    int end = throughTies(rapid, Math.max(5, named), r -> r.ranked().share());
    if (end > named) {
      List<RankedRow> next = rapid.subList(named, end);
      cite(f, "themes", next);
      s +=
          " The next "
              + (next.size() == 1 ? "was " : "were ")
              + Wording.list(next.stream().map(r -> Wording.labelled(r.ranked())).toList(), "and")
              + ".";
    }
    Map<String, Object> localKeys = c.keys("review_type", "local_review");
    // Local reviews are optional: ranked on a scratch finding, so their absence gives no reason.
    List<RankedRow> local = ranked(new Finding(f.evidence), "themes", localKeys, "theme", labels);
    if (!local.isEmpty() && local.get(0).row().get("total") != null) {
      Map<String, Object> first = local.get(0).row();
      f.cite("themes", local.get(0).keys(), "total");
      long total = ((Number) first.get("total")).longValue();
      s +=
          (total == 1 ? " In the one local review, " : " Of the " + total + " local reviews, ")
              + leading(f, "themes", local, "was", "the commonest", "theme", "themes")
              + ".";
    }
    return s;
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
    return f.lacks(r, "count", "denominator", "share", "share_lower", "share_upper") ? null : r;
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
            + shareOf(f, r, "the children who died by suicide and whose mental health was recorded")
            + " had a mental health condition ("
            + ((Number) r.get("count")).longValue()
            + " of "
            + ((Number) r.get("denominator")).longValue()
            + ").";
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
            + " involved a parent with a mental health condition (among those where it was"
            + " recorded).";
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
            + " (among those recorded), "
            + ((Number) r.get("count")).longValue()
            + " in all.";
  }
}
