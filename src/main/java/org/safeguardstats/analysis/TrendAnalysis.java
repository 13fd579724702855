package org.safeguardstats.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
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

  /** One series to fit: a measure of one incident type, as counts or as rates. */
  private record Series(
      String measure,
      String category,
      String exposure,
      String countsJson,
      int[] years,
      long[] values,
      double[] exposures) {}

  public static List<TrendRow> rows(
      SparkSession spark, YearlyCounts counts, PopulationBaseline population, RunContext run) {
    Period span = new Period(run.firstYear(), run.lastYear());
    List<Series> series = new ArrayList<>();
    for (String measure : counts.measures()) {
      for (String category : YearlyCounts.categories()) {
        for (String exposure : List.of("none", "child_population")) {
          series.add(series(counts, population, run, measure, category, exposure));
        }
      }
    }
    List<Double> levels = run.confidenceLevels();
    List<List<PoissonTrend.Result>> fits =
        inParallel(
            series,
            s ->
                s.years().length < MIN_YEARS
                    ? PoissonTrend.missing(s.years().length, "too_few_years", levels)
                    : PoissonTrend.fit(spark, s.years(), s.values(), s.exposures(), levels));
    List<TrendRow> rows = new ArrayList<>();
    for (int i = 0; i < series.size(); i++) {
      Series s = series.get(i);
      for (PoissonTrend.Result r : fits.get(i)) {
        String reason =
            r.slope() == null && s.years().length == 0 && s.exposure().equals("child_population")
                ? "no_population"
                : r.nullReason();
        rows.add(
            new TrendRow(
                run.run(),
                span.label(),
                span.firstYear(),
                span.lastYear(),
                s.measure(),
                "incident_type",
                s.category(),
                s.exposure(),
                s.years().length,
                s.countsJson(),
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
                Reliability.low(s.values()),
                r.confidenceLevel()));
      }
    }
    return withQValues(rows);
  }

  /**
   * Years fitted: those with a count (and, for rates, a population); the others are shown in the
   * counts with why they were left out.
   */
  private static Series series(
      YearlyCounts counts,
      PopulationBaseline population,
      RunContext run,
      String measure,
      String category,
      String exposure) {
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
              : noPopulation ? "\"" + c.value() + " (no_population)\"" : String.valueOf(c.value());
      json.append(y > run.firstYear() ? "," : "").append('"').append(y).append("\":").append(cell);
      if (c.present() && !noPopulation) {
        used.add(new long[] {y, c.value()});
        pops.add((double) p.orElse(0));
      }
    }
    return new Series(
        measure,
        category,
        exposure,
        json.append('}').toString(),
        used.stream().mapToInt(a -> (int) a[0]).toArray(),
        used.stream().mapToLong(a -> a[1]).toArray(),
        exposure.equals("none") ? null : pops.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /**
   * The fits, in the order of the series. Each MLlib fit is a string of tiny Spark jobs whose cost
   * is scheduling, not work, so several run at once (Spark runs jobs from several threads
   * concurrently); each fit is independent, so the results are those of fitting one by one.
   */
  static <T, R> List<R> inParallel(List<T> items, Function<T, R> f) {
    ExecutorService pool = Executors.newFixedThreadPool(FITS_AT_ONCE);
    try {
      List<Future<R>> futures = new ArrayList<>();
      for (T item : items) {
        futures.add(pool.submit(() -> f.apply(item)));
      }
      List<R> results = new ArrayList<>();
      for (Future<R> future : futures) {
        results.add(future.get());
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while fitting trends.", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** Fits run at once (a few: each waits mostly on the scheduler, not on a core). */
  static final int FITS_AT_ONCE = 4;

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
