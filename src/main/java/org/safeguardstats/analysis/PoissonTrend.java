package org.safeguardstats.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.regression.GeneralizedLinearRegression;
import org.apache.spark.ml.regression.GeneralizedLinearRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.safeguardstats.stats.ConfidenceLevel;

/**
 * Multi-year trend in yearly counts (or rates): Poisson regression of the count on the year, with
 * the child population as exposure. Spark MLlib's {@link GeneralizedLinearRegression} (family
 * poisson, link log, solver IRLS) fits the coefficients; the standard error is computed here from
 * the Fisher information of the fitted model.
 *
 * <p>Definition, for counts y_t over exposures T_t in years t (T_t = 1 when no exposure is given,
 * i.e. no offset):
 *
 * <pre>{@code
 * ln E[y_t] = a + b (t - tbar) + ln T_t          tbar = mean of the years (centred year)
 * mu_t      = exp(a + b (t - tbar) + ln T_t)      fitted counts
 * I         = X' diag(mu) X,  X = [1, t - tbar]   Fisher information
 * dispersion phi = sum_t (y_t - mu_t)^2 / mu_t / (n - 2)        (Pearson chi-square / df)
 * SE(b)     = sqrt((I^-1)_22) * sqrt(max(phi, 1))               (one rule, always)
 * APC       = 100 (e^b - 1)
 * limits    100 (e^(b -/+ q SE(b)) - 1),   q = t_{n-2}^-1(1 - alpha/2)
 * p-value   2 (1 - T_{n-2}(|b| / SE(b)))
 * }</pre>
 *
 * Method {@value #METHOD}: quasi-Poisson with the dispersion floored at 1 and Student's t on n - 2
 * degrees of freedom for every series, as R's {@code summary.glm} does for {@code quasipoisson} but
 * never narrower than Poisson. There is no switch at phi = 1, so a series just below and one just
 * above give nearly the same interval. The Fisher information is computed here, not taken from
 * Spark's {@code coefficientStandardErrors}, because Spark gives none when the working response is
 * constant (a flat or constant-rate series), where the standard error is perfectly defined.
 *
 * <p>The year is centred on its mean before fitting: the slope b is the same as with the raw year,
 * but the design is well conditioned. Years need not be consecutive, nor in order. Spark is run
 * with no regularisation, at most {@value #MAX_ITERATIONS} iterations and tolerance {@value
 * #TOLERANCE} on the change of the coefficients. The fit does not depend on the confidence level:
 * it is done once and each level only sets its limits.
 *
 * <p>This function fits from {@value #MIN_YEARS} years (so its tests can use short series); the
 * {@code trend} table asks for {@value TrendAnalysis#MIN_YEARS} ({@link TrendAnalysis}).
 *
 * <p>Degenerate cases (value, standard error, limits, p-value and dispersion null):
 *
 * <ul>
 *   <li>fewer than {@value #MIN_YEARS} years: reason {@code too_few_years};
 *   <li>every count 0: reason {@code no_events};
 *   <li>an exposure of 0: reason {@code no_denominator};
 *   <li>all events in the first year, or all in the last: the maximum-likelihood slope is infinite
 *       (minus or plus); reason {@code slope_not_estimable};
 *   <li>Spark's IRLS does not converge or gives a non-finite value: reason {@code not_converged}.
 * </ul>
 *
 * An upper limit beyond the largest double is null with reason {@value #UPPER_LIMIT_OVERFLOW}, the
 * rest of the result kept. The lower limit lies between -100% and the APC, so it never overflows.
 *
 * <p>References:
 *
 * <ol>
 *   <li>McCullagh P, Nelder JA (1989). Generalized Linear Models, 2nd ed., ch. 6 (log-linear models
 *       for counts), s. 2.5 (Fisher information) and s. 4.5 (dispersion from the Pearson
 *       statistic).
 *   <li>Wedderburn RWM (1974). Quasi-likelihood functions, generalized linear models, and the
 *       Gauss-Newton method. Biometrika 61:439-447.
 *   <li>Apache Spark MLlib, {@code GeneralizedLinearRegression} (IRLS, offsetCol).
 *   <li>Methods contract, {@code statistics.md}, "Multi-year trend".
 * </ol>
 */
public final class PoissonTrend {
  public static final String METHOD = "quasi_poisson_glm_floor1";
  public static final String UPPER_LIMIT_OVERFLOW = "upper_limit_overflow";
  public static final int MIN_YEARS = 3;
  static final int MAX_ITERATIONS = 100;
  static final double TOLERANCE = 1e-10;

  private PoissonTrend() {}

  /** Fits the trend and gives its limits at one confidence level. */
  public static Result fit(
      SparkSession spark, int[] years, long[] counts, double[] exposures, double level) {
    return fit(spark, years, counts, exposures, List.of(level)).get(0);
  }

  /**
   * Fits the trend once and gives a result for each confidence level, in the order given.
   *
   * @param years reporting years (distinct, any order)
   * @param counts the count in each year (at least 0)
   * @param exposures the child population in each year, or null to model counts (no offset)
   * @param levels confidence levels, e.g. 0.95 and 0.998
   */
  public static List<Result> fit(
      SparkSession spark, int[] years, long[] counts, double[] exposures, List<Double> levels) {
    levels.forEach(ConfidenceLevel::check);
    if (years == null || counts == null) {
      throw new IllegalArgumentException("Years and counts are required.");
    }
    int n = years.length;
    if (counts.length != n || (exposures != null && exposures.length != n)) {
      throw new IllegalArgumentException(
          "Years, counts and exposures must be of the same length; got "
              + n
              + ", "
              + counts.length
              + (exposures == null ? "" : " and " + exposures.length)
              + ".");
    }
    if (Arrays.stream(years).distinct().count() != n) {
      throw new IllegalArgumentException(
          "Each year must appear once; got " + Arrays.toString(years) + ".");
    }
    for (int i = 0; i < n; i++) {
      if (counts[i] < 0) {
        throw new IllegalArgumentException(
            "Counts must not be negative; the count for " + years[i] + " is " + counts[i] + ".");
      }
      if (exposures != null && (!(exposures[i] >= 0.0) || !Double.isFinite(exposures[i]))) {
        throw new IllegalArgumentException(
            "Exposures must be finite numbers of at least 0; the exposure for "
                + years[i]
                + " is "
                + exposures[i]
                + ".");
      }
    }
    if (spark == null) {
      throw new IllegalArgumentException("A Spark session is required.");
    }
    String degenerate = degenerate(years, counts, exposures);
    if (degenerate != null) {
      return missing(n, degenerate, levels);
    }

    double mean = Arrays.stream(years).asDoubleStream().average().getAsDouble();
    double[] t = new double[n];
    double[] offset = new double[n];
    List<Row> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      t[i] = years[i] - mean;
      offset[i] = exposures == null ? 0.0 : Math.log(exposures[i]);
      rows.add(RowFactory.create((double) counts[i], Vectors.dense(t[i]), offset[i]));
    }
    StructType schema =
        new StructType(
            new StructField[] {
              DataTypes.createStructField("count", DataTypes.DoubleType, false),
              DataTypes.createStructField("features", SQLDataTypes.VectorType(), false),
              DataTypes.createStructField("offset", DataTypes.DoubleType, false)
            });
    Dataset<Row> data = spark.createDataFrame(rows, schema);
    GeneralizedLinearRegression glm =
        new GeneralizedLinearRegression()
            .setFamily("poisson")
            .setLink("log")
            .setSolver("irls")
            .setFitIntercept(true)
            .setRegParam(0.0)
            .setMaxIter(MAX_ITERATIONS)
            .setTol(TOLERANCE)
            .setLabelCol("count")
            .setFeaturesCol("features");
    if (exposures != null) {
      glm.setOffsetCol("offset");
    }
    GeneralizedLinearRegressionModel model;
    try {
      model = glm.fit(data);
    } catch (AssertionError | IllegalArgumentException diverged) {
      // MLlib reports an IRLS that runs off to non-finite weights by a failed assertion ("Sum of
      // weights cannot be zero"), and a singular system by an IllegalArgumentException.
      return missing(n, "not_converged", levels);
    }
    double slope = model.coefficients().apply(0);
    double intercept = model.intercept();

    // Fisher information X' diag(mu) X and the Pearson statistic at the fitted coefficients.
    double iaa = 0.0;
    double iab = 0.0;
    double ibb = 0.0;
    double pearson = 0.0;
    for (int i = 0; i < n; i++) {
      double mu = Math.exp(intercept + slope * t[i] + offset[i]);
      iaa += mu;
      iab += mu * t[i];
      ibb += mu * t[i] * t[i];
      pearson += (counts[i] - mu) * (counts[i] - mu) / mu;
    }
    double dispersion = pearson / (n - 2);
    double se = Math.sqrt(iaa / (iaa * ibb - iab * iab)) * Math.sqrt(Math.max(dispersion, 1.0));
    double apc = 100.0 * Math.expm1(slope);
    double p = tTwoSided(slope / se, n - 2);
    double[] all = {slope, se, apc, p, dispersion};
    if (model.summary().numIterations() >= MAX_ITERATIONS
        || !Arrays.stream(all).allMatch(Double::isFinite)
        || !(se > 0.0)) {
      return missing(n, "not_converged", levels);
    }
    List<Result> results = new ArrayList<>(levels.size());
    for (double level : levels) {
      double q = tQuantile(level, n - 2);
      double upper = percentChange(slope, q * se);
      boolean overflow = !Double.isFinite(upper);
      results.add(
          new Result(
              n,
              slope,
              se,
              apc,
              percentChange(slope, -q * se),
              overflow ? null : upper,
              p,
              dispersion,
              overflow ? UPPER_LIMIT_OVERFLOW : null,
              level));
    }
    return results;
  }

  /** Why a series has no fit before fitting it, or null. */
  private static String degenerate(int[] years, long[] counts, double[] exposures) {
    long total = Arrays.stream(counts).sum();
    if (years.length < MIN_YEARS) {
      return "too_few_years";
    }
    if (total == 0) {
      return "no_events";
    }
    if (exposures != null && Arrays.stream(exposures).anyMatch(e -> e == 0.0)) {
      return "no_denominator";
    }
    int first = Arrays.stream(years).min().getAsInt();
    int last = Arrays.stream(years).max().getAsInt();
    long inFirst = 0;
    long inLast = 0;
    for (int i = 0; i < years.length; i++) {
      inFirst += years[i] == first ? counts[i] : 0;
      inLast += years[i] == last ? counts[i] : 0;
    }
    return inFirst == total || inLast == total ? "slope_not_estimable" : null;
  }

  /** A null result with its reason at each level. */
  static List<Result> missing(int years, String reason, List<Double> levels) {
    return levels.stream()
        .map(l -> new Result(years, null, null, null, null, null, null, null, reason, l))
        .toList();
  }

  /** Student's t quantile for a two-sided interval at the level. */
  static double tQuantile(double level, int degreesOfFreedom) {
    ConfidenceLevel.check(level);
    return new TDistribution(null, degreesOfFreedom, 1e-14)
        .inverseCumulativeProbability(1 - (1 - level) / 2);
  }

  /** Two-sided p-value of a t statistic. */
  static double tTwoSided(double t, int degreesOfFreedom) {
    return 2 * new TDistribution(null, degreesOfFreedom).cumulativeProbability(-Math.abs(t));
  }

  /** 100 (e^(slope + shift) - 1): the annual percentage change at a limit (shift = ±q·SE). */
  static double percentChange(double slope, double shift) {
    return 100.0 * Math.expm1(slope + shift);
  }

  /**
   * The fitted trend at one confidence level. {@code years} is the number of years given; {@code
   * slope} is b (per year, log scale), {@code slopeStandardError} its standard error (with the
   * dispersion), {@code annualPercentChange} 100 (e^b - 1) with {@code lower} and {@code upper} its
   * limits at {@code confidenceLevel}. Either every value is present and {@code nullReason} is
   * null; or only {@code upper} is null, with reason {@value #UPPER_LIMIT_OVERFLOW}; or every value
   * is null, with the reason. No value is ever NaN or infinite.
   */
  public record Result(
      int years,
      Double slope,
      Double slopeStandardError,
      Double annualPercentChange,
      Double lower,
      Double upper,
      Double pValue,
      Double dispersion,
      String nullReason,
      double confidenceLevel) {
    public Result {
      Double[] fitted = {slope, slopeStandardError, annualPercentChange, lower, pValue, dispersion};
      for (Double v : fitted) {
        if (v != null && !Double.isFinite(v)) {
          throw new IllegalArgumentException(
              "A trend result must hold finite numbers, not " + v + ".");
        }
      }
      if (upper != null && !Double.isFinite(upper)) {
        throw new IllegalArgumentException(
            "An infinite upper limit is null with reason " + UPPER_LIMIT_OVERFLOW + ".");
      }
      boolean complete = Arrays.stream(fitted).allMatch(v -> v != null);
      boolean empty = Arrays.stream(fitted).allMatch(v -> v == null) && upper == null;
      boolean consistent =
          complete
              ? (upper == null) == UPPER_LIMIT_OVERFLOW.equals(nullReason)
                  && (upper == null || nullReason == null)
              : empty && nullReason != null && !UPPER_LIMIT_OVERFLOW.equals(nullReason);
      if (!consistent) {
        throw new IllegalArgumentException(
            "A trend result has every value, or every value but an overflowing upper limit (reason "
                + UPPER_LIMIT_OVERFLOW
                + "), or none with a null reason.");
      }
    }

    /** The method behind the values, or null when there are none. */
    public String method() {
      return slope == null ? null : METHOD;
    }
  }
}
