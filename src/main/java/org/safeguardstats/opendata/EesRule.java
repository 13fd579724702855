package org.safeguardstats.opendata;

import static org.safeguardstats.opendata.Finding.Severity.ERROR;
import static org.safeguardstats.opendata.Finding.Severity.WARNING;

import java.util.Locale;
import org.safeguardstats.opendata.Finding.Severity;

/**
 * The checker's rules, in the order it runs them. A rule's id is the name of the DfE screener check
 * (eesyscreener's {@code check_}/{@code precheck_} function) it implements, without that prefix, as
 * the screener's own results name it; rules of the project's own have no screener check. The
 * severity is the screener's (FAIL is an error); {@link #GENERAL_NULL} also warns, for legacy
 * symbols.
 */
public enum EesRule {
  FILENAME_SPACES(Stage.FILE_NAMES, ERROR, "check_filename_spaces", "no spaces in file names"),
  FILENAME_SPECIAL(
      Stage.FILE_NAMES,
      ERROR,
      "check_filename_special",
      "file names hold only letters, digits, hyphens and underscores"),
  FILENAMES_MATCH(
      Stage.FILE_NAMES, ERROR, "check_filenames_match", "NAME.meta.csv stands beside NAME.csv"),
  FILENAME_LOWER_CASE(
      Stage.FILE_NAMES, WARNING, null, "file names are lower case (the EES format's convention)"),
  FILE_READ(
      Stage.FILE_READ,
      ERROR,
      "screen_csv (file_read)",
      "both files are UTF-8 CSV with a header and as many cells in each row as in the header"),
  COL_REQ_META(
      Stage.PRECHECK_COLUMNS,
      ERROR,
      "precheck_col_req_meta",
      "the metadata file has every required column"),
  COL_INVALID_META(
      Stage.PRECHECK_COLUMNS,
      ERROR,
      "precheck_col_invalid_meta",
      "the metadata file has no columns besides the required and optional ones"),
  COL_ORDER_META(
      Stage.PRECHECK_COLUMNS,
      WARNING,
      null,
      "the metadata columns come in the screener's order, optional ones last"),
  COL_REQ_DATA(
      Stage.PRECHECK_COLUMNS,
      ERROR,
      "precheck_col_req_data",
      "the data file has the five mandatory columns"),
  COL_TO_ROWS(
      Stage.PRECHECK_COLUMNS,
      ERROR,
      "precheck_col_to_rows",
      "no more metadata rows than non-mandatory data columns"),
  CROSS_META_TO_DATA(
      Stage.PRECHECK_CROSS_FILE,
      ERROR,
      "precheck_cross_meta_to_data",
      "every filter and filter group of the metadata is a data column"),
  CROSS_DATA_TO_META(
      Stage.PRECHECK_CROSS_FILE,
      WARNING,
      "precheck_cross_data_to_meta",
      "every data column with several values is a geography/time column or in the metadata"),
  COL_NAMES_SPACES(
      Stage.CHECK_COLUMNS, ERROR, "check_col_names_spaces", "no spaces in data column names"),
  COL_SNAKE_CASE(
      Stage.CHECK_COLUMNS,
      WARNING,
      "check_col_snake_case",
      "data column names use only a-z, 0-9 and _"),
  COL_VAR_START(
      Stage.CHECK_COLUMNS,
      WARNING,
      "check_col_var_start",
      "data column names start with a lower-case letter"),
  COL_IND_SMUSHED(
      Stage.CHECK_COLUMNS,
      ERROR,
      "check_col_ind_smushed",
      "no indicator name holds a filter value (e.g. number_female): tidy data"),
  COL_VAR_CHARACTERISTIC(
      Stage.CHECK_COLUMNS,
      WARNING,
      "check_col_var_characteristic",
      "no characteristic or characteristic_group filters"),
  META_COL_TYPE(
      Stage.PRECHECK_META, ERROR, "precheck_meta_col_type", "col_type is Filter or Indicator"),
  META_OB_UNIT(
      Stage.PRECHECK_META,
      ERROR,
      "precheck_meta_ob_unit",
      "time and geography columns are not in the metadata"),
  META_COL_NAME(
      Stage.PRECHECK_META, ERROR, "precheck_meta_col_name", "every metadata row has a col_name"),
  META_DUPE_LABEL(Stage.CHECK_META, ERROR, "check_meta_dupe_label", "labels are unique"),
  META_FIL_GRP(
      Stage.CHECK_META, ERROR, "check_meta_fil_grp", "indicators have no filter_grouping_column"),
  META_FIL_GRP_DUPE(
      Stage.CHECK_META, ERROR, "check_meta_fil_grp_dupe", "no column groups two filters"),
  META_FIL_GRP_IS_FIL(
      Stage.CHECK_META,
      WARNING,
      "check_meta_fil_grp_is_fil",
      "filter grouping columns are themselves metadata rows"),
  META_FIL_GRP_MATCH(
      Stage.CHECK_META,
      ERROR,
      "check_meta_fil_grp_match",
      "filter grouping columns are data columns"),
  META_FIL_GRP_STRIPPED(
      Stage.CHECK_META,
      ERROR,
      "check_meta_fil_grp_stripped",
      "filter group values stay distinct without their non-alphanumeric characters"),
  META_LABEL(Stage.CHECK_META, ERROR, "check_meta_label", "every metadata row has a label"),
  META_FILTER_HINT(
      Stage.CHECK_META, ERROR, "check_meta_filter_hint", "indicators have no filter_hint"),
  META_GEOG_CATCH(
      Stage.CHECK_META,
      ERROR,
      "check_meta_geog_catch",
      "no filter is named like a geography column"),
  META_INDICATOR_DP(
      Stage.CHECK_META, ERROR, "check_meta_indicator_dp", "filters have no indicator_dp"),
  META_COL_NAME_SPACES(
      Stage.CHECK_META, ERROR, "check_meta_col_name_spaces", "no spaces in col_name"),
  META_COL_NAME_DUPE(
      Stage.CHECK_META, ERROR, "check_meta_col_name_dupe", "col_name values are unique"),
  META_IND_DP_SET(
      Stage.CHECK_META,
      WARNING,
      "check_meta_ind_dp_set",
      "every indicator states its decimal places"),
  META_IND_DP_VALUES(
      Stage.CHECK_META,
      ERROR,
      "check_meta_ind_dp_values",
      "indicator_dp is blank or a non-negative integer"),
  META_IND_UNIT(Stage.CHECK_META, ERROR, "check_meta_ind_unit", "filters have no indicator_unit"),
  META_IND_UNIT_VALIDATION(
      Stage.CHECK_META,
      ERROR,
      "check_meta_ind_unit_validation",
      "indicator_unit is blank or one of EES's units"),
  META_INDICATOR_GROUPING(
      Stage.CHECK_META,
      ERROR,
      "check_meta_indicator_grouping",
      "filters have no indicator_grouping"),
  TIME_PERIOD_NUM(
      Stage.PRECHECK_TIME,
      ERROR,
      "precheck_time_period_num",
      "time_period is a 4 or 6 digit number"),
  TIME_ID_VALID(
      Stage.PRECHECK_TIME,
      ERROR,
      "precheck_time_id_valid",
      "time_identifier is one of EES's identifiers"),
  TIME_ID_MIX(
      Stage.PRECHECK_TIME,
      ERROR,
      "precheck_time_id_mix",
      "all time identifiers belong to the first one's family"),
  FILTER_NOT_SINGULAR(
      Stage.PRECHECK_FILTERS,
      ERROR,
      "precheck_filter_not_singular",
      "every filter has two or more values"),
  GEOG_LEVEL(
      Stage.PRECHECK_GEOGRAPHY,
      ERROR,
      "precheck_geog_level",
      "geographic_level is one of EES's levels"),
  GEOG_LEVEL_PRESENT(
      Stage.PRECHECK_GEOGRAPHY,
      ERROR,
      "precheck_geog_level_present",
      "the code and name columns of every level present are data columns"),
  TIME_PERIOD(
      Stage.CHECK_TIME,
      ERROR,
      "check_time_period",
      "time_period has the identifier's number of digits (Reporting year: 4)"),
  TIME_PERIOD_SIX(
      Stage.CHECK_TIME,
      ERROR,
      "check_time_period_six",
      "a six-digit time_period is two consecutive years (202324)"),
  FILTER_DEFAULTS(
      Stage.CHECK_FILTERS,
      WARNING,
      "check_filter_defaults",
      "every filter and filter group has its Total (or its filter_default) value"),
  FILTER_GROUP_LEVEL(
      Stage.CHECK_FILTERS,
      ERROR,
      "check_filter_group_level",
      "a filter group has no more values than its filter"),
  FILTER_ITEM_LIMIT(
      Stage.CHECK_FILTERS,
      ERROR,
      "check_filter_item_limit",
      "no filter has more than 25,000 values"),
  FILTER_WHITESPACE(
      Stage.CHECK_FILTERS,
      ERROR,
      "check_filter_whitespace",
      "filter and geography values have no leading or trailing whitespace"),
  FILTER_OB_TOTAL(
      Stage.CHECK_FILTERS,
      ERROR,
      "check_filter_ob_total",
      "geography and time columns hold no Total or All"),
  FILTER_BLANKS(
      Stage.CHECK_FILTERS, ERROR, "check_filter_blanks", "no blank filter or filter group values"),
  GEOG_COUNTRY_COMBOS(
      Stage.CHECK_GEOGRAPHY,
      ERROR,
      "check_geog_country_combos",
      "country_code and country_name are a known pair"),
  GEOG_REGION_COMBOS(
      Stage.CHECK_GEOGRAPHY,
      ERROR,
      "check_geog_region_combos",
      "region_code and region_name are a known pair"),
  GEOG_LA_COMBOS(
      Stage.CHECK_GEOGRAPHY,
      ERROR,
      "check_geog_la_combos",
      "old_la_code, new_la_code and la_name are a known local authority"),
  GEOG_LEVEL_COMPLETED(
      Stage.CHECK_GEOGRAPHY,
      ERROR,
      "check_geog_level_completed",
      "a row's own level has its code and name filled in"),
  GEOG_LA_COL_PRESENT(
      Stage.CHECK_GEOGRAPHY,
      ERROR,
      "check_geog_la_col_present",
      "if one local authority column is present, all are"),
  GEOG_REGION_COL_PRESENT(
      Stage.CHECK_GEOGRAPHY,
      ERROR,
      "check_geog_region_col_present",
      "if one region column is present, both are"),
  GEOG_REGION_FOR_LA(
      Stage.CHECK_GEOGRAPHY,
      WARNING,
      "check_geog_region_for_la",
      "local authority rows give their region"),
  GEOG_OVERCOMPLETED_COLS(
      Stage.CHECK_GEOGRAPHY,
      ERROR,
      "check_geog_overcompleted_cols",
      "a level's columns are blank on rows of a level that does not lie within it"),
  GENERAL_DUPES(
      Stage.CHECK_GENERAL,
      ERROR,
      "check_general_dupes",
      "no two rows share time, geography and every filter"),
  GENERAL_NULL(
      Stage.CHECK_GENERAL,
      ERROR,
      "check_general_null",
      "no NULL or NA anywhere (error); no legacy no-data symbols N/A . .. - (warning)"),
  IND_INVALID_ENTRY(
      Stage.CHECK_INDICATORS,
      ERROR,
      "check_ind_invalid_entry",
      "no blank indicator cells, no legacy ~ or :, no u"),
  HARMONISED_VARIABLES(
      Stage.CHECK_HARMONISED,
      ERROR,
      "check_harmonised_variables",
      "columns about a harmonised topic (ethnicity, SEN, ...) use the harmonised names"),
  HARMONISED_ETH_VALS(
      Stage.CHECK_HARMONISED,
      WARNING,
      "check_harmonised_eth_vals",
      "ethnicity_major holds the GSS major groups, Unknown and Total"),
  HARMONISED_SEX_VALS(
      Stage.CHECK_HARMONISED, ERROR, null, "sex holds Male, Female, Unknown and Total"),
  UNSAFE_CELL(
      Stage.CHECK_SAFETY,
      ERROR,
      null,
      "no text cell starts a spreadsheet formula (= + - @ tab or carriage return first)");

  /** The screener's stages: the checker stops after the first stage with an error. */
  public enum Stage {
    FILE_NAMES,
    FILE_READ,
    PRECHECK_COLUMNS,
    PRECHECK_CROSS_FILE,
    CHECK_COLUMNS,
    PRECHECK_META,
    CHECK_META,
    PRECHECK_TIME,
    PRECHECK_FILTERS,
    PRECHECK_GEOGRAPHY,
    CHECK_TIME,
    CHECK_FILTERS,
    CHECK_GEOGRAPHY,
    CHECK_GENERAL,
    CHECK_INDICATORS,
    CHECK_HARMONISED,
    CHECK_SAFETY
  }

  private final Stage stage;
  private final Severity severity;
  private final String screenerCheck;
  private final String summary;

  EesRule(Stage stage, Severity severity, String screenerCheck, String summary) {
    this.stage = stage;
    this.severity = severity;
    this.screenerCheck = screenerCheck;
    this.summary = summary;
  }

  /** The id findings carry: the screener check's name without its prefix. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public Stage stage() {
    return stage;
  }

  public Severity severity() {
    return severity;
  }

  /** The eesyscreener function implemented, or null for a rule of the project's own. */
  public String screenerCheck() {
    return screenerCheck;
  }

  public String summary() {
    return summary;
  }
}
