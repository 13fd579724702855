package org.safeguardstats.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.special.Erf;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.regression.GeneralizedLinearRegression;
import org.apache.spark.ml.regression.GeneralizedLinearRegressionModel;
import org.apache.spark.ml.regression.GeneralizedLinearRegressionTrainingSummary;
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
 * the child population as exposure, fitted with Spark MLlib's {@link GeneralizedLinearRegression}
 * (family poisson, link log, solver IRLS).
 *
 * <p>Definition, for counts y_t over exposures T_t in years t (T_t = 1 when no exposure is given,
 * i.e. no offset):
 *
 * <pre>{@code
 * ln E[y_t] = a + b (t - tbar) + ln T_t          tbar = mean of the years (centred year)
 * annual percentage change  APC = 100 (e^b - 1)
 * SE(b) from the inverse Fisher information (Spark's coefficientStandardErrors)
 * dispersion phi = sum_t (y_t - mu_t)^2 / mu_t / (n - 2)         (Pearson chi-square / df)
 * if phi > 1:  SE(b) = SE(b) * sqrt(phi)                          (quasi-Poisson)
 * limits    100 (e^(b -/+ q SE(b)) - 1),   q = z = Phi^-1(1 - alpha/2)      (Poisson)
 *                                          q = t_{n-2}^-1(1 - alpha/2)        (quasi-Poisson)
 * p-value   2 (1 - Phi(|b| / SE(b)))  (Poisson);  2 (1 - T_{n-2}(|b| / SE(b)))  (quasi-Poisson)
 * }</pre>
 *
 * With an estimated dispersion the Wald statistic is referred to Student's t on n - 2 degrees of
 * freedom, as R's {@code summary.glm} does for {@code quasipoisson}; with a handful of years z
 * would overstate the evidence for a trend. The year is centred on its mean before fitting: the
 * slope b is the same as with the raw year, but the intercept is then the log rate at the middle of
 * the period instead of at year 0, so the two columns of the design are uncorrelated and IRLS is
 * well conditioned. mu_t are the fitted counts exp(a + b (t - tbar) + ln T_t), computed from
 * Spark's coefficients. Years need not be consecutive. Spark is run with no regularisation, at most
 * {@value #MAX_ITERATIONS} iterations and tolerance {@value #TOLERANCE} on the change of the
 * coefficients.
 *
 * <p>Method switch: {@code poisson_glm} when phi &lt;= 1 (the Poisson standard error is kept:
 * under-dispersion never narrows the interval); {@code quasi_poisson_glm} when phi &gt; 1 and the
 * standard error, limits and p-value come from the widened standard error and t. The slope and the
 * APC are the same either way.
 *
 * <p>Degenerate cases (value, standard error, limits, p-value and dispersion null; method {@code
 * poisson_glm}):
 *
 * <ul>
 *   <li>fewer than 3 years: reason {@code too_few_years} (with 2 years the model fits exactly and
 *       leaves no degree of freedom for the dispersion; use the year-on-year change);
 *   <li>every count 0: reason {@code no_events};
 *   <li>an exposure of 0: reason {@code no_denominator};
 *   <li>all events in the first year, or all in the last: the maximum-likelihood slope is infinite
 *       (minus or plus); reason {@code slope_not_estimable};
 *   <li>Spark's IRLS does not converge or gives a non-finite value: reason {@code not_converged}.
 * </ul>
 *
 * <p>References:
 *
 * <ol>
 *   <li>McCullagh P, Nelder JA (1989). Generalized Linear Models, 2nd ed., ch. 6 (log-linear models
 *       for counts) and s. 4.5 (dispersion from the Pearson statistic).
 *   <li>Wedderburn RWM (1974). Quasi-likelihood functions, generalized linear models, and the
 *       Gauss-Newton method. Biometrika 61:439-447.
 *   <li>Apache Spark MLlib, {@code GeneralizedLinearRegression} (IRLS, offsetCol).
 *   <li>Methods contract, {@code statistics.md}, "Multi-year trend".
 * </ol>
 */
public final class PoissonTrend {
  public static final String METHOD = "poisson_glm";
  public static final String QUASI = "quasi_poisson_glm";
  public static final int MIN_YEARS = 3;
  static final int MAX_ITERATIONS = 100;
  static final double TOLERANCE = 1e-10;

  private PoissonTrend() {}

  /**
   * Fits the trend.
   *
   * @param years reporting years (distinct, any order)
   * @param counts the count in each year (at least 0)
   * @param exposures the child population in each year, or null to model counts (no offset)
   * @param level confidence level, e.g. 0.95 or 0.998
   */
  public static Result fit(
      SparkSession spark, int[] years, long[] counts, double[] exposures, double level) {
    double z = ConfidenceLevel.z(level);
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
    long total = 0;
    for (int i = 0; i < n; i++) {
      if (counts[i] < 0) {
        throw new IllegalArgumentException(
            "Counts must not be negative; the count for " + years[i] + " is " + counts[i] + ".");
      }
      total += counts[i];
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
    if (n < MIN_YEARS) {
      return Result.missing(n, "too_few_years");
    }
    if (total == 0) {
      return Result.missing(n, "no_events");
    }
    if (exposures != null && Arrays.stream(exposures).anyMatch(e -> e == 0.0)) {
      return Result.missing(n, "no_denominator");
    }
    int first = Arrays.stream(years).min().getAsInt();
    int last = Arrays.stream(years).max().getAsInt();
    long inFirst = 0;
    long inLast = 0;
    for (int i = 0; i < n; i++) {
      inFirst += years[i] == first ? counts[i] : 0;
      inLast += years[i] == last ? counts[i] : 0;
    }
    if (inFirst == total || inLast == total) {
      return Result.missing(n, "slope_not_estimable");
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
    GeneralizedLinearRegressionModel model = glm.fit(data);
    GeneralizedLinearRegressionTrainingSummary summary = model.summary();
    double slope = model.coefficients().apply(0);
    double intercept = model.intercept();
    double poissonSe = summary.coefficientStandardErrors()[0];

    double pearson = 0.0;
    for (int i = 0; i < n; i++) {
      double mu = Math.exp(intercept + slope * t[i] + offset[i]);
      pearson += (counts[i] - mu) * (counts[i] - mu) / mu;
    }
    double dispersion = pearson / (n - 2);
    boolean quasi = dispersion > 1.0;
    double se = quasi ? poissonSe * Math.sqrt(dispersion) : poissonSe;
    double apc = 100.0 * Math.expm1(slope);
    double q = quasi ? tQuantile(level, n - 2) : z;
    double lower = percentChange(slope, -q * se);
    double upper = percentChange(slope, q * se);
    double p =
        quasi ? tTwoSided(slope / se, n - 2) : Erf.erfc(Math.abs(slope) / (se * Math.sqrt(2.0)));
    double[] all = {slope, se, apc, lower, upper, p, dispersion};
    if (summary.numIterations() >= MAX_ITERATIONS
        || !Arrays.stream(all).allMatch(Double::isFinite)
        || !(se > 0.0)) {
      return Result.missing(n, "not_converged");
    }
    return new Result(n, slope, se, apc, lower, upper, p, dispersion, quasi ? QUASI : METHOD, null);
  }

  /**
   * Student's t quantile for a two-sided interval at the level: quasi-Poisson estimates its
   * dispersion.
   */
  static double tQuantile(double level, int degreesOfFreedom) {
    ConfidenceLevel.check(level);
    return new org.apache.commons.math3.distribution.TDistribution(null, degreesOfFreedom, 1e-14)
        .inverseCumulativeProbability(1 - (1 - level) / 2);
  }

  /** Two-sided p-value of a t statistic. */
  static double tTwoSided(double t, int degreesOfFreedom) {
    return 2
        * new org.apache.commons.math3.distribution.TDistribution(null, degreesOfFreedom)
            .cumulativeProbability(-Math.abs(t));
  }

  /**
   * 100 (e^(slope + shift) - 1): the annual percentage change at a limit (shift = ±z·SE) or at the
   * estimate.
   */
  static double percentChange(double slope, double shift) {
    return 100.0 * Math.expm1(slope + shift);
  }

  /**
   * The fitted trend. {@code years} is the number of years given; {@code slope} is b (per year, log
   * scale), {@code slopeStandardError} its standard error (widened when quasi-Poisson), {@code
   * annualPercentChange} 100 (e^b - 1) with {@code lower} and {@code upper} its limits. Any null
   * field comes with a {@code nullReason}; no field is ever NaN or infinite.
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
      String method,
      String nullReason) {
    public Result {
      Double[] values = {
        slope, slopeStandardError, annualPercentChange, lower, upper, pValue, dispersion
      };
      for (Double v : values) {
        if (v != null && !Double.isFinite(v)) {
          throw new IllegalArgumentException(
              "A trend result must hold finite numbers, not " + v + ".");
        }
      }
      boolean complete = Arrays.stream(values).allMatch(v -> v != null);
      boolean empty = Arrays.stream(values).allMatch(v -> v == null);
      if (complete == (nullReason != null) || (!complete && !empty)) {
        throw new IllegalArgumentException(
            "A trend result has a null reason exactly when all its values are null.");
      }
      if (!METHOD.equals(method) && !QUASI.equals(method)) {
        throw new IllegalArgumentException("The method must be " + METHOD + " or " + QUASI + ".");
      }
    }

    /** The same fit with its limits at another confidence level (the fit does not depend on it). */
    public Result atLevel(double level) {
      if (nullReason != null) {
        return this;
      }
      double q = QUASI.equals(method) ? tQuantile(level, years - 2) : ConfidenceLevel.z(level);
      return new Result(
          years,
          slope,
          slopeStandardError,
          annualPercentChange,
          percentChange(slope, -q * slopeStandardError),
          percentChange(slope, q * slopeStandardError),
          pValue,
          dispersion,
          method,
          null);
    }

    static Result missing(int years, String reason) {
      return new Result(years, null, null, null, null, null, null, null, METHOD, reason);
    }
  }
}
