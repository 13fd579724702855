package org.safeguardstats.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.apache.spark.sql.SparkSession;
import org.safeguardstats.counts.Period;
import org.safeguardstats.counts.PopulationBaseline;
import org.safeguardstats.counts.YearlyCounts;
import org.safeguardstats.stats.BenjaminiHochberg;
import org.safeguardstats.stats.Reliability;
import org.safeguardstats.tables.TrendRow;

/**
 * Multi-year trend of each measure by incident type: Poisson regression of the yearly counts on
 * reporting year, once on counts and once on rates (offset ln child population), via {@link
 * PoissonTrend}. Years whose count (or, for rates, population) is missing are left out of the fit
 * and shown as such in {@code counts}. Fitted once per series; each confidence level only changes
 * the limits, so the rows do not depend on the order of the levels.
 *
 * <p>A trend needs at least {@value #MIN_YEARS} fitted years (Fingertips' rule, methods contract
 * "Multi-year trend"); with fewer the row is null with reason {@code too_few_years} and nothing is
 * fitted. {@code low_reliability} is set when any fitted year's count is below 10 ({@link
 * Reliability}).
 */
public final class TrendAnalysis {
  public static final int MIN_YEARS = 5;

  private TrendAnalysis() {}

  public static List<TrendRow> rows(
      SparkSession spark, YearlyCounts counts, PopulationBaseline population, RunContext run) {
    Period span = new Period(run.firstYear(), run.lastYear());
    List<TrendRow> rows = new ArrayList<>();
    for (String measure : counts.measures()) {
      for (String category : YearlyCounts.categories()) {
        for (String exposure : List.of("none", "child_population")) {
          // Years fitted: those with a count (and, for rates, a population); the others are
          // shown in counts with why they were left out.
          List<long[]> used = new ArrayList<>();
          List<Double> pops = new ArrayList<>();
          StringBuilder json = new StringBuilder("{");
          for (int y = run.firstYear(); y <= run.lastYear(); y++) {
            YearlyCounts.Count c = counts.count(measure, category, new Period(y, y));
            OptionalLong p = population.total(y);
            boolean noPopulation = exposure.equals("child_population") && p.isEmpty();
            String cell =
                !c.present()
                    ? "\"" + c.missingReason() + "\""
                    : noPopulation
                        ? "\"" + c.value() + " (no_population)\""
                        : String.valueOf(c.value());
            json.append(y > run.firstYear() ? "," : "")
                .append('"')
                .append(y)
                .append("\":")
                .append(cell);
            if (c.present() && !noPopulation) {
              used.add(new long[] {y, c.value()});
              pops.add((double) p.orElse(0));
            }
          }
          String countsJson = json.append('}').toString();
          int[] years = used.stream().mapToInt(a -> (int) a[0]).toArray();
          long[] values = used.stream().mapToLong(a -> a[1]).toArray();
          double[] exposures =
              exposure.equals("none")
                  ? null
                  : pops.stream().mapToDouble(Double::doubleValue).toArray();
          List<Double> levels = run.confidenceLevels();
          List<PoissonTrend.Result> fits =
              years.length < MIN_YEARS
                  ? PoissonTrend.missing(years.length, "too_few_years", levels)
                  : PoissonTrend.fit(spark, years, values, exposures, levels);
          for (PoissonTrend.Result r : fits) {
            String reason =
                r.slope() == null && used.isEmpty() && exposure.equals("child_population")
                    ? "no_population"
                    : r.nullReason();
            rows.add(
                new TrendRow(
                    run.run(),
                    span.label(),
                    span.firstYear(),
                    span.lastYear(),
                    measure,
                    "incident_type",
                    category,
                    exposure,
                    years.length,
                    countsJson,
                    counts.partial(span),
                    r.slope(),
                    r.slopeStandardError(),
                    r.annualPercentChange(),
                    r.lower(),
                    r.upper(),
                    r.pValue(),
                    null,
                    null,
                    r.dispersion(),
                    r.method(),
                    reason,
                    Reliability.low(values),
                    r.confidenceLevel()));
          }
        }
      }
    }
    return withQValues(rows);
  }

  /**
   * Benjamini-Hochberg q-values within each family of trend tests: every trend of one measure and
   * exposure (all incident types and the all row) at one confidence level.
   */
  static List<TrendRow> withQValues(List<TrendRow> rows) {
    return BenjaminiHochberg.inFamilies(
        rows,
        r -> r.measure() + " " + r.exposure() + " " + r.confidenceLevel(),
        TrendRow::pValue,
        TrendRow::inFamily);
  }
}
