package org.safeguardstats.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.apache.spark.sql.SparkSession;

/**
 * Multi-year trend of incidents and children by incident type: Poisson regression of the
 * yearly counts on reporting year, once on counts and once on rates (offset ln child
 * population), via {@link PoissonTrend}. Fitted once per series; each confidence level only
 * changes the limits.
 */
public final class TrendAnalysis {
  private TrendAnalysis() {}

  public static List<OutputRow> rows(SparkSession spark, CountCube cube, PopulationBaseline population, RunContext run) {
    int n = run.lastYear() - run.firstYear() + 1;
    int[] years = new int[n];
    double[] exposures = new double[n];
    boolean havePopulation = true;
    for (int i = 0; i < n; i++) {
      years[i] = run.firstYear() + i;
      OptionalLong p = population.total(years[i]);
      havePopulation &= p.isPresent();
      exposures[i] = p.orElse(0);
    }
    Period span = new Period(run.firstYear(), run.lastYear());
    List<OutputRow> rows = new ArrayList<>();
    for (String measure : YearOnYearAnalysis.MEASURES) {
      for (String category : YearOnYearAnalysis.CATEGORIES) {
        long[] counts = new long[n];
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < n; i++) {
          counts[i] = YearOnYearAnalysis.count(cube, measure, category, new Period(years[i], years[i]));
          json.append(i > 0 ? "," : "").append('"').append(years[i]).append("\":").append(counts[i]);
        }
        String countsJson = json.append('}').toString();
        for (String exposure : List.of("none", "child_population")) {
          boolean rates = exposure.equals("child_population");
          PoissonTrend.Result fit = rates && !havePopulation ? null
              : PoissonTrend.fit(spark, years, counts, rates ? exposures : null, run.confidenceLevels().get(0));
          for (double level : run.confidenceLevels()) {
            PoissonTrend.Result r = fit == null ? null : fit.atLevel(level);
            boolean has = r != null && r.nullReason() == null;
            rows.add(run.head()
                .put("period", span.label())
                .put("first_year", span.firstYear())
                .put("last_year", span.lastYear())
                .put("measure", measure)
                .put("characteristic", "incident_type")
                .put("category", category)
                .put("exposure", exposure)
                .put("years", n)
                .put("counts", countsJson)
                .put("slope", has ? r.slope() : null)
                .put("slope_standard_error", has ? r.slopeStandardError() : null)
                .put("annual_percent_change", has ? r.annualPercentChange() : null)
                .put("annual_percent_change_lower", has ? r.lower() : null)
                .put("annual_percent_change_upper", has ? r.upper() : null)
                .put("p_value", has ? r.pValue() : null)
                .put("dispersion", has ? r.dispersion() : null)
                .put("method", has ? r.method() : null)
                .put("null_reason", r == null ? "no_population" : r.nullReason())
                .put("confidence_level", level));
          }
        }
      }
    }
    return rows;
  }
}
