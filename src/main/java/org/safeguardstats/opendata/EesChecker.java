package org.safeguardstats.opendata;

import static org.safeguardstats.opendata.EesRule.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.safeguardstats.io.CsvOutput;
import org.safeguardstats.opendata.EesReference.Level;
import org.safeguardstats.opendata.EesReference.TimeIdentifier;
import org.safeguardstats.opendata.EesRule.Stage;
import org.safeguardstats.opendata.Finding.Severity;

/**
 * Checks a DfE Explore Education Statistics open-data file, {@code NAME.csv} with {@code
 * NAME.meta.csv} beside it, by the rules of DfE's screener (eesyscreener) that apply to the job's
 * files plus a few of the project's own ({@link EesRule}). Like the screener it runs the rules
 * stage by stage and stops after the first stage with an error, so one mistake is not reported
 * again by every rule that depends on it. docs/open-data.md lists the rules and how they map to the
 * screener's checks.
 */
public final class EesChecker {
  /** The screener's advised maximum number of values of one filter. */
  static final int DEFAULT_FILTER_ITEM_LIMIT = 25_000;

  private static final Pattern PERIOD = Pattern.compile("\\d{4}(\\d{2})?");
  private static final Pattern DP = Pattern.compile("\\d+(\\.0*)?");
  private static final Set<String> SCHOOL_OR_PROVIDER = Set.of("school_name", "provider_name");
  private static final Set<String> INSTITUTION_LEVELS =
      Set.of("School", "Provider", "Institution", "Planning area");

  private final EesReference ref = new EesReference();
  private final int filterItemLimit;

  public EesChecker() {
    this(DEFAULT_FILTER_ITEM_LIMIT);
  }

  /** A checker with another filter item limit (tests: a small file over the limit). */
  EesChecker(int filterItemLimit) {
    this.filterItemLimit = filterItemLimit;
  }

  /** The metadata file that belongs to a data file: NAME.csv → NAME.meta.csv. */
  public static Path metaFile(Path dataFile) {
    String name = dataFile.getFileName().toString();
    return dataFile.resolveSibling(
        name.substring(0, name.length() - ".csv".length()) + ".meta.csv");
  }

  /** The findings on a data file and its metadata, in rule order; none when both pass. */
  public List<Finding> check(Path dataFile) {
    if (!dataFile.getFileName().toString().endsWith(".csv")) {
      throw new IllegalArgumentException(dataFile + " is not a .csv file");
    }
    return new Run(dataFile).findings;
  }

  /** One file pair's checking: the files, the metadata's shape, and the findings so far. */
  private final class Run {
    final List<Finding> findings = new ArrayList<>();
    final Path dataPath;
    final Path metaPath;
    EesTable data;
    EesTable meta;
    Stage current;

    Run(Path dataPath) {
      this.dataPath = dataPath;
      this.metaPath = metaFile(dataPath);
      Map<Stage, Runnable> stages = new EnumMap<>(Stage.class);
      stages.put(Stage.FILE_NAMES, this::fileNames);
      stages.put(Stage.FILE_READ, this::fileRead);
      stages.put(Stage.PRECHECK_COLUMNS, this::precheckColumns);
      stages.put(Stage.PRECHECK_CROSS_FILE, this::precheckCrossFile);
      stages.put(Stage.CHECK_COLUMNS, this::checkColumns);
      stages.put(Stage.PRECHECK_META, this::precheckMeta);
      stages.put(Stage.CHECK_META, this::checkMeta);
      stages.put(Stage.PRECHECK_TIME, this::precheckTime);
      stages.put(Stage.PRECHECK_FILTERS, this::precheckFilters);
      stages.put(Stage.PRECHECK_GEOGRAPHY, this::precheckGeography);
      stages.put(Stage.CHECK_TIME, this::checkTime);
      stages.put(Stage.CHECK_FILTERS, this::checkFilters);
      stages.put(Stage.CHECK_GEOGRAPHY, this::checkGeography);
      stages.put(Stage.CHECK_GENERAL, this::checkGeneral);
      stages.put(Stage.CHECK_INDICATORS, this::checkIndicators);
      stages.put(Stage.CHECK_HARMONISED, this::checkHarmonised);
      stages.put(Stage.CHECK_SAFETY, this::checkSafety);
      for (Map.Entry<Stage, Runnable> stage : stages.entrySet()) { // in the enum's order
        current = stage.getKey();
        stage.getValue().run();
        if (findings.stream().anyMatch(Finding::isError)) {
          return;
        }
      }
    }

    void add(EesRule rule, String file, Integer row, String column, String message) {
      add(rule, rule.severity(), file, row, column, message);
    }

    void add(
        EesRule rule, Severity severity, String file, Integer row, String column, String message) {
      if (rule.stage() != current) {
        throw new IllegalStateException(rule.id() + " runs in stage " + current + ", not its own");
      }
      findings.add(new Finding(rule, severity, file, row, column, message));
    }

    /** A finding about a file's header as a whole (row 1). */
    void onHeader(EesRule rule, EesTable table, String message) {
      add(rule, table.file(), 1, null, message);
    }

    // ---- the metadata's shape

    String m(String[] row, String column) {
      return meta.cell(row, column);
    }

    int metaRow(String[] row) {
      return EesTable.rowNumber(meta.rows().indexOf(row));
    }

    List<String[]> metaRows(String colType) {
      return meta.rows().stream().filter(r -> m(r, "col_type").equals(colType)).toList();
    }

    List<String> filters() {
      return metaRows("Filter").stream()
          .map(r -> m(r, "col_name"))
          .filter(c -> !c.isBlank())
          .toList();
    }

    List<String> indicators() {
      return metaRows("Indicator").stream()
          .map(r -> m(r, "col_name"))
          .filter(c -> !c.isBlank())
          .toList();
    }

    Set<String> filterGroups() {
      Set<String> groups = new LinkedHashSet<>();
      meta.rows().forEach(r -> groups.add(m(r, "filter_grouping_column")));
      groups.removeIf(String::isBlank);
      return groups;
    }

    Set<String> filtersAndGroups() {
      Set<String> c = new LinkedHashSet<>(filters());
      c.addAll(filterGroups());
      return c;
    }

    /** Every column the metadata names: its col_name values and filter grouping columns. */
    Set<String> metaColumns() {
      Set<String> c = new LinkedHashSet<>();
      meta.rows().forEach(r -> c.add(m(r, "col_name")));
      c.addAll(filterGroups());
      c.removeIf(String::isBlank);
      return c;
    }

    /**
     * School-level files may have the school (or provider) name as their one filter, or as the
     * group of their one filter: then it is a filter, not a geography column.
     */
    boolean schoolOrProviderIsTheFilter() {
      List<String> filters = filters();
      List<String> groups = List.copyOf(filterGroups());
      return filters.size() == 1
          && (SCHOOL_OR_PROVIDER.contains(filters.get(0))
              || (!groups.isEmpty() && SCHOOL_OR_PROVIDER.contains(groups.get(0))));
    }

    Set<String> levelsPresent() {
      return data.distinct("geographic_level");
    }

    /** Reports a column's cells that fail a test: the first row, and how many rows in all. */
    void cells(EesRule rule, Severity severity, String column, Predicate<String> bad, String what) {
      if (!data.has(column)) {
        return;
      }
      int first = -1;
      int n = 0;
      Set<String> values = new LinkedHashSet<>();
      for (int i = 0; i < data.rows().size(); i++) {
        String v = data.cell(data.rows().get(i), column);
        if (bad.test(v)) {
          first = first < 0 ? i : first;
          n++;
          values.add(v);
        }
      }
      if (n > 0) {
        add(
            rule,
            severity,
            data.file(),
            EesTable.rowNumber(first),
            column,
            what
                + (values.equals(Set.of("")) ? "" : " " + quoted(values))
                + (n > 1 ? " (" + n + " rows)" : ""));
      }
    }

    void cells(EesRule rule, String column, Predicate<String> bad, String what) {
      cells(rule, rule.severity(), column, bad, what);
    }

    /** Reports metadata rows that fail a test, one finding per row. */
    void metaRowsWhere(EesRule rule, String column, Predicate<String[]> bad, String what) {
      for (String[] r : meta.rows()) {
        if (bad.test(r)) {
          String name = m(r, "col_name");
          add(rule, meta.file(), metaRow(r), column, (name.isBlank() ? "" : name + ": ") + what);
        }
      }
    }

    // ---- stages

    void fileNames() {
      String metaName = metaPath.getFileName().toString();
      List<Path> files = new ArrayList<>(List.of(dataPath));
      if (Files.isRegularFile(metaPath)) {
        files.add(metaPath);
      } else {
        add(
            FILENAMES_MATCH,
            dataPath.toString(),
            null,
            null,
            "no metadata file " + metaName + " beside it");
      }
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (name.contains(" ")) {
          add(FILENAME_SPACES, file.toString(), null, null, "the file name has spaces");
        }
        String stem = name.replaceFirst("(\\.meta)?\\.csv$", "");
        Set<String> special = new LinkedHashSet<>();
        stem.codePoints()
            .filter(c -> !(c < 128 && Character.isLetterOrDigit(c)) && c != '-' && c != '_')
            .filter(c -> !Character.isWhitespace(c))
            .forEach(c -> special.add(Character.toString(c)));
        if (!special.isEmpty()) {
          add(
              FILENAME_SPECIAL,
              file.toString(),
              null,
              null,
              "the file name has "
                  + quoted(special)
                  + ": use only letters, digits, hyphens and underscores");
        }
        if (!name.equals(name.toLowerCase(Locale.ROOT))) {
          add(
              FILENAME_LOWER_CASE,
              file.toString(),
              null,
              null,
              "the file name has capital letters");
        }
      }
    }

    void fileRead() {
      for (Path p : List.of(dataPath, metaPath)) {
        try {
          EesTable t = EesTable.read(p);
          if (p == dataPath) {
            data = t;
          } else {
            meta = t;
          }
        } catch (EesTable.Unreadable e) {
          add(FILE_READ, p.toString(), e.row, null, e.getMessage());
        }
      }
    }

    void precheckColumns() {
      List<String> required = ref.values("meta_column_required");
      List<String> optional = ref.values("meta_column_optional");
      List<String> missing = required.stream().filter(c -> !meta.has(c)).toList();
      if (!missing.isEmpty()) {
        onHeader(COL_REQ_META, meta, "required columns missing: " + quoted(missing));
      }
      List<String> invalid =
          meta.header().stream()
              .filter(c -> !required.contains(c) && !optional.contains(c))
              .toList();
      if (!invalid.isEmpty()) {
        onHeader(
            COL_INVALID_META,
            meta,
            "columns that a metadata file may not have: " + quoted(invalid));
      }
      if (missing.isEmpty() && invalid.isEmpty()) {
        List<String> expected = new ArrayList<>(required);
        optional.stream().filter(meta::has).forEach(expected::add);
        if (!meta.header().equals(expected)) {
          onHeader(
              COL_ORDER_META,
              meta,
              "columns in the order " + quoted(meta.header()) + ", expected " + quoted(expected));
        }
      }
      List<String> missingData =
          ref.values("data_column_required").stream().filter(c -> !data.has(c)).toList();
      if (!missingData.isEmpty()) {
        onHeader(COL_REQ_DATA, data, "mandatory columns missing: " + quoted(missingData));
      }
      int dataColumns = data.header().size() - ref.values("data_column_required").size();
      if (dataColumns < meta.rows().size()) {
        add(
            COL_TO_ROWS,
            meta.file(),
            null,
            null,
            meta.rows().size()
                + " metadata rows for "
                + dataColumns
                + " non-mandatory data columns");
      }
    }

    void precheckCrossFile() {
      // Filter grouping columns are meta_fil_grp_match's to report, naming them as groups.
      for (String c : filters()) {
        if (!data.has(c)) {
          add(
              CROSS_META_TO_DATA,
              meta.file(),
              null,
              c,
              "a filter of the metadata is not a data column");
        }
      }
      Set<String> units = ref.observationalUnits();
      Set<String> described = metaColumns();
      for (String c : data.header()) {
        if (!units.contains(c) && !described.contains(c) && data.distinct(c).size() > 1) {
          add(
              CROSS_DATA_TO_META,
              data.file(),
              1,
              c,
              "not a time or geography column and not in the metadata (it has several values)");
        }
      }
    }

    void checkColumns() {
      for (String c : data.header()) {
        if (c.chars().anyMatch(Character::isWhitespace)) {
          add(COL_NAMES_SPACES, data.file(), 1, c, "the column name has spaces");
        }
        // Spaces are col_names_spaces' to report; every other character outside a-z, 0-9, _ here.
        Set<String> odd = new LinkedHashSet<>();
        c.codePoints()
            .filter(ch -> !(ch >= 'a' && ch <= 'z') && !(ch >= '0' && ch <= '9') && ch != '_')
            .filter(ch -> !Character.isWhitespace(ch))
            .forEach(ch -> odd.add(Character.toString(ch)));
        if (!odd.isEmpty()) {
          add(COL_SNAKE_CASE, data.file(), 1, c, "not snake_case: it has " + quoted(odd));
        }
        if (c.isEmpty() || c.charAt(0) < 'a' || c.charAt(0) > 'z') {
          add(COL_VAR_START, data.file(), 1, c, "the column name does not start with a-z");
        }
      }
      List<String> terms = ref.values("smushed_term");
      for (String c : indicators()) {
        String lower = c.toLowerCase(Locale.ROOT);
        List<String> found = terms.stream().filter(lower::contains).toList();
        if (!found.isEmpty()) {
          add(
              COL_IND_SMUSHED,
              meta.file(),
              null,
              c,
              "the indicator's name holds a filter value ("
                  + quoted(found)
                  + "): make it a filter value and the indicator one column (tidy data)");
        }
      }
      Set<String> named = metaColumns();
      for (String c : List.of("characteristic", "characteristic_group")) {
        if (named.contains(c)) {
          add(
              COL_VAR_CHARACTERISTIC,
              meta.file(),
              null,
              c,
              "a characteristic filter does not work well in the EES table tool: one filter per"
                  + " topic (e.g. sex, ethnicity_major)");
        }
      }
    }

    void precheckMeta() {
      List<String> types = ref.values("col_type");
      metaRowsWhere(
          META_COL_TYPE,
          "col_type",
          r -> !types.contains(m(r, "col_type")),
          "col_type is neither Filter nor Indicator");
      Set<String> units = ref.observationalUnits();
      units.removeAll(SCHOOL_OR_PROVIDER);
      for (String c : metaColumns()) {
        if (units.contains(c)) {
          add(
              META_OB_UNIT,
              meta.file(),
              null,
              c,
              "a time or geography column is not a filter: take it out of the metadata");
        }
      }
      metaRowsWhere(
          META_COL_NAME, "col_name", r -> m(r, "col_name").isBlank(), "col_name is blank");
    }

    void checkMeta() {
      Set<String> labels = new LinkedHashSet<>();
      metaRowsWhere(
          META_DUPE_LABEL, "label", r -> !labels.add(m(r, "label")), "the label is used twice");
      metaRowsWhere(
          META_FIL_GRP,
          "filter_grouping_column",
          r -> isIndicator(r) && !m(r, "filter_grouping_column").isBlank(),
          "an indicator has a filter_grouping_column");
      Set<String> groups = new LinkedHashSet<>();
      metaRowsWhere(
          META_FIL_GRP_DUPE,
          "filter_grouping_column",
          r ->
              !m(r, "filter_grouping_column").isBlank()
                  && !groups.add(m(r, "filter_grouping_column")),
          "this filter_grouping_column groups another filter too");
      Set<String> names = new LinkedHashSet<>();
      meta.rows().forEach(r -> names.add(m(r, "col_name")));
      for (String g : filterGroups()) {
        if (!names.contains(g)) {
          add(
              META_FIL_GRP_IS_FIL,
              meta.file(),
              null,
              g,
              "a filter grouping column should have its own metadata row");
        }
        if (!data.has(g)) {
          add(
              META_FIL_GRP_MATCH,
              meta.file(),
              null,
              g,
              "the filter grouping column is not in the data");
        } else {
          Set<String> values = data.distinct(g);
          Set<String> stripped = new LinkedHashSet<>();
          values.forEach(v -> stripped.add(v.replaceAll("[^\\p{Alnum}]", "")));
          if (stripped.size() != values.size()) {
            add(
                META_FIL_GRP_STRIPPED,
                data.file(),
                null,
                g,
                "values differ only in punctuation or spaces: " + quoted(values));
          }
        }
      }
      metaRowsWhere(META_LABEL, "label", r -> m(r, "label").isBlank(), "the label is blank");
      metaRowsWhere(
          META_FILTER_HINT,
          "filter_hint",
          r -> isIndicator(r) && !m(r, "filter_hint").isBlank(),
          "an indicator has a filter_hint");
      for (String c : filtersAndGroups()) {
        boolean schoolFilter = schoolOrProviderIsTheFilter() && SCHOOL_OR_PROVIDER.contains(c);
        if (ref.looksLikeGeography(c) && !schoolFilter) {
          add(
              META_GEOG_CATCH,
              meta.file(),
              null,
              c,
              "the filter is named like a geography column: geography goes in the geography columns");
        }
      }
      metaRowsWhere(
          META_INDICATOR_DP,
          "indicator_dp",
          r -> isFilter(r) && !m(r, "indicator_dp").isBlank(),
          "a filter has an indicator_dp");
      metaRowsWhere(
          META_COL_NAME_SPACES,
          "col_name",
          r -> m(r, "col_name").chars().anyMatch(Character::isWhitespace),
          "col_name has spaces");
      Set<String> seen = new LinkedHashSet<>();
      metaRowsWhere(
          META_COL_NAME_DUPE,
          "col_name",
          r -> !m(r, "col_name").isBlank() && !seen.add(m(r, "col_name")),
          "col_name is described twice");
      metaRowsWhere(
          META_IND_DP_SET,
          "indicator_dp",
          r -> isIndicator(r) && m(r, "indicator_dp").isBlank(),
          "the indicator does not state its decimal places");
      metaRowsWhere(
          META_IND_DP_VALUES,
          "indicator_dp",
          r ->
              !m(r, "indicator_dp").isBlank() && !DP.matcher(m(r, "indicator_dp").trim()).matches(),
          "indicator_dp is not blank, 0 or a positive integer");
      metaRowsWhere(
          META_IND_UNIT,
          "indicator_unit",
          r -> isFilter(r) && !m(r, "indicator_unit").isBlank(),
          "a filter has an indicator_unit");
      List<String> units = ref.values("indicator_unit");
      metaRowsWhere(
          META_IND_UNIT_VALIDATION,
          "indicator_unit",
          r ->
              isIndicator(r)
                  && !m(r, "indicator_unit").isEmpty()
                  && !units.contains(m(r, "indicator_unit")),
          "indicator_unit is not blank or one of " + quoted(units));
      metaRowsWhere(
          META_INDICATOR_GROUPING,
          "indicator_grouping",
          r -> isFilter(r) && !m(r, "indicator_grouping").isBlank(),
          "a filter has an indicator_grouping");
    }

    boolean isIndicator(String[] metaRow) {
      return m(metaRow, "col_type").equals("Indicator");
    }

    boolean isFilter(String[] metaRow) {
      return m(metaRow, "col_type").equals("Filter");
    }

    /** The first row's identifier: the screener's base for the identifier family and digits. */
    TimeIdentifier baseIdentifier() {
      return data.rows().isEmpty()
          ? null
          : ref.timeIdentifiers.get(data.cell(data.rows().get(0), "time_identifier"));
    }

    void precheckTime() {
      cells(
          TIME_PERIOD_NUM,
          "time_period",
          v -> !PERIOD.matcher(v).matches(),
          "time_period is not a 4 or 6 digit number:");
      cells(
          TIME_ID_VALID,
          "time_identifier",
          v -> !ref.timeIdentifiers.containsKey(v),
          "not a time identifier of EES:");
      TimeIdentifier base = baseIdentifier();
      if (base != null) {
        cells(
            TIME_ID_MIX,
            "time_identifier",
            v ->
                ref.timeIdentifiers.containsKey(v)
                    && !ref.timeIdentifiers.get(v).family().equals(base.family()),
            "cannot share a file with '" + base.name() + "':");
      }
    }

    void precheckFilters() {
      for (String f : filters()) {
        if (data.has(f) && data.distinct(f).size() < 2) {
          add(
              FILTER_NOT_SINGULAR,
              meta.file(),
              null,
              f,
              "the filter has only " + quoted(data.distinct(f)) + ": take it out of the metadata");
        }
      }
    }

    void precheckGeography() {
      cells(
          GEOG_LEVEL,
          "geographic_level",
          v -> !ref.levels.containsKey(v),
          "not a geographic level of EES:");
      Set<String> present = levelsPresent();
      if (present.equals(Set.of("National"))) {
        return;
      }
      for (String level : present) {
        Level l = ref.levels.get(level);
        if (l == null || level.equals("Planning area")) {
          continue;
        }
        List<String> missing = l.columns().stream().filter(c -> !data.has(c)).toList();
        if (!missing.isEmpty()) {
          onHeader(GEOG_LEVEL_PRESENT, data, level + " rows need the columns " + quoted(missing));
        }
      }
    }

    void checkTime() {
      TimeIdentifier base = baseIdentifier();
      if (base != null) {
        cells(
            TIME_PERIOD,
            "time_period",
            v -> v.length() != base.digits(),
            "'" + base.name() + "' needs a " + base.digits() + " digit time_period, not");
      }
      cells(
          TIME_PERIOD_SIX,
          "time_period",
          v -> v.length() == 6 && !consecutive(v),
          "a six-digit time_period names two consecutive years (e.g. 202324), not");
    }

    void checkFilters() {
      Map<String, String> defaults = new LinkedHashMap<>();
      for (String[] r : metaRows("Filter")) {
        String d = m(r, "filter_default");
        defaults.put(m(r, "col_name"), d.isBlank() ? "Total" : d);
      }
      filterGroups().forEach(g -> defaults.putIfAbsent(g, "Total"));
      defaults.forEach(
          (column, value) -> {
            if (data.has(column) && !data.distinct(column).contains(value)) {
              add(
                  FILTER_DEFAULTS,
                  data.file(),
                  null,
                  column,
                  "no '" + value + "' row: every filter needs its total (or filter_default)");
            }
          });
      for (String[] r : metaRows("Filter")) {
        String f = m(r, "col_name");
        String g = m(r, "filter_grouping_column");
        if (!g.isBlank() && data.has(f) && data.has(g)) {
          int fn = data.distinct(f).size();
          int gn = data.distinct(g).size();
          if (fn < gn) {
            add(
                FILTER_GROUP_LEVEL,
                meta.file(),
                metaRow(r),
                f,
                "its group "
                    + g
                    + " has more values ("
                    + gn
                    + ") than the filter ("
                    + fn
                    + "): the grouping is the wrong way round?");
          }
        }
      }
      for (String c : filtersAndGroups()) {
        int n = data.distinct(c).size();
        if (n > filterItemLimit) {
          add(
              FILTER_ITEM_LIMIT,
              data.file(),
              null,
              c,
              n + " values, more than the advised " + filterItemLimit);
        }
      }
      Set<String> spaced = new LinkedHashSet<>(filters());
      ref.levels.values().forEach(l -> spaced.addAll(l.columns()));
      for (String c : spaced) {
        cells(FILTER_WHITESPACE, c, v -> !v.equals(v.strip()), "leading or trailing whitespace in");
      }
      List<String> totals = ref.values("total_value");
      Set<String> units = new LinkedHashSet<>(ref.observationalUnits());
      data.header().stream().filter(ref::looksLikeGeography).forEach(units::add);
      if (schoolOrProviderIsTheFilter()) {
        units.removeAll(SCHOOL_OR_PROVIDER);
      }
      for (String c : units) {
        cells(
            FILTER_OB_TOTAL,
            c,
            totals::contains,
            "a time or geography column holds a total, which should be blank:");
      }
      for (String c : filtersAndGroups()) {
        cells(FILTER_BLANKS, c, String::isEmpty, "blank filter value");
      }
    }

    void checkGeography() {
      combos(GEOG_COUNTRY_COMBOS, List.of("country_code", "country_name"), ref.countries);
      combos(GEOG_REGION_COMBOS, List.of("region_code", "region_name"), ref.regions);
      combos(
          GEOG_LA_COMBOS, List.of("old_la_code", "new_la_code", "la_name"), ref.localAuthorities);
      for (String level : levelsPresent()) {
        Level l = ref.levels.get(level);
        if (l == null || level.equals("Planning area")) {
          continue;
        }
        for (String c : l.columns()) {
          // An authority abolished before ONS codes has no new_la_code: it may be blank.
          if (!c.equals("new_la_code")) {
            cellsAt(level, c, GEOG_LEVEL_COMPLETED, String::isEmpty, level + " row with a blank");
          }
        }
      }
      columnsTogether(GEOG_LA_COL_PRESENT, ref.levels.get("Local authority"));
      columnsTogether(GEOG_REGION_COL_PRESENT, ref.levels.get("Regional"));
      if (levelsPresent().contains("Local authority")) {
        List<String> regionColumns = ref.levels.get("Regional").columns();
        List<String> missing = regionColumns.stream().filter(c -> !data.has(c)).toList();
        if (!missing.isEmpty()) {
          onHeader(
              GEOG_REGION_FOR_LA,
              data,
              "local authority rows should give their region: no columns " + quoted(missing));
        } else {
          for (String c : regionColumns) {
            cellsAt(
                "Local authority",
                c,
                GEOG_REGION_FOR_LA,
                String::isEmpty,
                "Local authority row with a blank");
          }
        }
      }
      Set<String> present = levelsPresent();
      for (Level l : ref.levels.values()) {
        if (l.name().equals("National")) {
          continue;
        }
        Set<String> elsewhere = new LinkedHashSet<>(present);
        elsewhere.removeIf(l::mayBeFilledAt);
        for (String c : l.columns()) {
          if (SCHOOL_OR_PROVIDER.contains(c) && schoolOrProviderIsTheFilter()) {
            continue; // the school or provider name is then the file's filter, filled everywhere
          }
          for (String level : elsewhere) {
            cellsAt(
                level,
                c,
                GEOG_OVERCOMPLETED_COLS,
                v -> !v.isEmpty(),
                level + " row fills a " + l.name() + " column, which should be blank:");
          }
        }
      }
    }

    /** Cells of one column on rows of one geographic level that fail a test. */
    void cellsAt(String level, String column, EesRule rule, Predicate<String> bad, String what) {
      if (!data.has(column)) {
        return;
      }
      int first = -1;
      int n = 0;
      for (int i = 0; i < data.rows().size(); i++) {
        String[] r = data.rows().get(i);
        if (data.cell(r, "geographic_level").equals(level) && bad.test(data.cell(r, column))) {
          first = first < 0 ? i : first;
          n++;
        }
      }
      if (n > 0) {
        String value = data.cell(data.rows().get(first), column);
        add(
            rule,
            data.file(),
            EesTable.rowNumber(first),
            column,
            what
                + (value.isEmpty() ? "" : " '" + value + "'")
                + (n > 1 ? " (" + n + " rows)" : ""));
      }
    }

    /** Code and name columns whose combinations must be known; blank and x codes are skipped. */
    void combos(EesRule rule, List<String> columns, Set<List<String>> known) {
      if (!columns.stream().allMatch(data::has)) {
        return;
      }
      Set<List<String>> reported = new LinkedHashSet<>();
      for (int i = 0; i < data.rows().size(); i++) {
        String[] r = data.rows().get(i);
        List<String> combo = columns.stream().map(c -> data.cell(r, c)).toList();
        String code = combo.get(columns.size() - 2);
        boolean skipped = combo.get(0).isEmpty() || code.isEmpty() || code.equals("x");
        if (!skipped && !known.contains(combo) && reported.add(combo)) {
          add(
              rule,
              data.file(),
              EesTable.rowNumber(i),
              String.join(" / ", columns),
              quoted(combo) + " is not a known combination (case matters)");
        }
      }
    }

    void columnsTogether(EesRule rule, Level level) {
      List<String> present = level.columns().stream().filter(data::has).toList();
      if (!present.isEmpty() && present.size() < level.columns().size()) {
        List<String> missing = level.columns().stream().filter(c -> !data.has(c)).toList();
        onHeader(rule, data, "with " + quoted(present) + " the data also needs " + quoted(missing));
      }
    }

    void checkGeneral() {
      List<String> key = new ArrayList<>();
      ref.observationalUnits().stream().filter(data::has).forEach(key::add);
      filtersAndGroups().stream().filter(c -> data.has(c) && !key.contains(c)).forEach(key::add);
      Set<String> present = levelsPresent();
      boolean institutionsOnly = present.size() == 1 && INSTITUTION_LEVELS.containsAll(present);
      Map<List<String>, Integer> firstSeen = new LinkedHashMap<>();
      int first = -1;
      int firstOriginal = -1;
      int n = 0;
      for (int i = 0; i < data.rows().size(); i++) {
        String[] r = data.rows().get(i);
        if (!institutionsOnly && INSTITUTION_LEVELS.contains(data.cell(r, "geographic_level"))) {
          continue;
        }
        List<String> k = key.stream().map(c -> data.cell(r, c)).toList();
        Integer before = firstSeen.putIfAbsent(k, i);
        if (before != null) {
          if (first < 0) {
            first = i;
            firstOriginal = before;
          }
          n++;
        }
      }
      if (n > 0) {
        add(
            GENERAL_DUPES,
            data.file(),
            EesTable.rowNumber(first),
            null,
            "same time, geography and filters as row "
                + EesTable.rowNumber(firstOriginal)
                + (n > 1 ? " (" + n + " duplicate rows)" : ""));
      }
      List<String> nulls = ref.values("symbol_null");
      for (String c : data.header()) {
        cells(GENERAL_NULL, c, nulls::contains, "null symbol");
      }
      for (String[] r : meta.rows()) {
        for (String c : meta.header()) {
          if (nulls.contains(m(r, c))) {
            add(GENERAL_NULL, meta.file(), metaRow(r), c, "null symbol '" + m(r, c) + "'");
          }
        }
      }
      if (findings.stream().noneMatch(f -> f.rule() == GENERAL_NULL)) {
        List<String> legacy = ref.values("symbol_legacy_warning");
        for (String c : data.header()) {
          cells(
              GENERAL_NULL,
              Severity.WARNING,
              c,
              legacy::contains,
              "legacy no-data symbol (use x or z):");
        }
      }
    }

    void checkIndicators() {
      Set<String> bad = new LinkedHashSet<>(ref.values("symbol_legacy_fail"));
      bad.addAll(ref.values("symbol_not_accepted"));
      bad.add("");
      for (String c : indicators()) {
        cells(
            IND_INVALID_ENTRY,
            c,
            bad::contains,
            "blank, or a symbol EES does not accept here (accepted: "
                + quoted(ref.values("symbol_accepted"))
                + "):");
      }
    }

    void checkHarmonised() {
      Set<String> standard = new LinkedHashSet<>();
      ref.harmonisedColumns.values().forEach(standard::addAll);
      for (String c : metaColumns()) {
        String lower = c.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, Set<String>> e : ref.harmonisedColumns.entrySet()) {
          if (lower.contains(e.getKey()) && !standard.contains(c)) {
            add(
                HARMONISED_VARIABLES,
                meta.file(),
                null,
                c,
                "a harmonised topic: name the column " + quoted(e.getValue()));
            break;
          }
        }
      }
      cells(
          HARMONISED_ETH_VALS,
          "ethnicity_major",
          v -> !ref.ethnicityMajor.contains(v),
          "not a GSS major ethnic group, Unknown or Total:");
      List<String> sex = ref.values("harmonised_sex");
      cells(HARMONISED_SEX_VALS, "sex", v -> !sex.contains(v), "not one of " + quoted(sex) + ":");
    }

    void checkSafety() {
      for (EesTable t : List.of(data, meta)) {
        for (String c : t.header()) {
          if (CsvOutput.startsFormula(c)) {
            add(
                UNSAFE_CELL,
                t.file(),
                1,
                c,
                "a column name that a spreadsheet would run as a formula");
          }
        }
      }
      for (String c : data.header()) {
        cells(
            UNSAFE_CELL, c, CsvOutput::startsFormula, "text a spreadsheet would run as a formula:");
      }
      for (String[] r : meta.rows()) {
        for (String c : meta.header()) {
          if (CsvOutput.startsFormula(m(r, c))) {
            add(
                UNSAFE_CELL,
                meta.file(),
                metaRow(r),
                c,
                "text a spreadsheet would run as a formula");
          }
        }
      }
    }
  }

  /** 202324 names 2023 to 2024; 199900 names 1999 to 2000. */
  static boolean consecutive(String period) {
    int first = Integer.parseInt(period.substring(2, 4));
    int second = Integer.parseInt(period.substring(4, 6));
    return second == (first + 1) % 100;
  }

  private static String quoted(Iterable<String> values) {
    List<String> q = new ArrayList<>();
    values.forEach(v -> q.add("'" + v + "'"));
    return String.join(", ", q);
  }
}
