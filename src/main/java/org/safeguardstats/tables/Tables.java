package org.safeguardstats.tables;

import java.util.LinkedHashMap;
import java.util.Map;

/** Each analysis table's row type, in writing order (the quarantine is written from Spark rows). */
public final class Tables {
  public static final Map<String, Class<? extends Record>> ROW_TYPES = rowTypes();

  private Tables() {}

  private static Map<String, Class<? extends Record>> rowTypes() {
    Map<String, Class<? extends Record>> m = new LinkedHashMap<>();
    m.put("year_on_year", YearOnYearRow.class);
    m.put("representation", RepresentationRow.class);
    m.put("cause_distribution", CauseDistributionRow.class);
    m.put("demographics", DemographicsRow.class);
    m.put("themes", ThemeRow.class);
    m.put("relative_rates", RelativeRateRow.class);
    m.put("share_changes", ShareChangeRow.class);
    m.put("distribution_tests", DistributionTestRow.class);
    m.put("associations", AssociationRow.class);
    m.put("spotlights", SpotlightRow.class);
    m.put("completeness", CompletenessRow.class);
    m.put("prevalence", PrevalenceRow.class);
    m.put("trend", TrendRow.class);
    m.put("key_findings", KeyFindingRow.class);
    return java.util.Collections.unmodifiableMap(m);
  }
}
