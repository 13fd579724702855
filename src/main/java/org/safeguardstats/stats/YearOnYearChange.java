package org.safeguardstats.stats;

import org.apache.commons.math3.special.Beta;

/**
 * Change between two years' counts (or rates): rate ratio, percentage change, exact conditional
 * confidence interval and two-sided exact p-value.
 *
 * <p>Definition: x1 events over exposure T1 last year, x2 over T2 this year (T = 1 when counts are
 * compared; otherwise the child population).
 *
 * <pre>{@code
 * R = (x2/T2) / (x1/T1),          percentage change = 100 (R - 1)
 * given n = x1 + x2:  x2 ~ Binomial(n, pi),   pi = R T2 / (R T2 + T1)
 * pi_L = Beta^-1(alpha/2; x2, n - x2 + 1)     (0 when x2 = 0)      Clopper-Pearson
 * pi_U = Beta^-1(1 - alpha/2; x2 + 1, n - x2) (1 when x2 = n)
 * R_L, R_U = pi/(1 - pi) * T1/T2  at pi_L, pi_U
 * p = min(1, 2 min(P(X <= x2), P(X >= x2))),  X ~ Binomial(n, pi0),  pi0 = T2/(T1 + T2)
 * }</pre>
 *
 * The p-value is the central one that the Clopper-Pearson interval inverts, so p &lt; alpha exactly
 * when the interval excludes R = 1. R's {@code binom.test}/{@code poisson.test} "minlike" p-value
 * is not used: it can disagree with this interval (5 to 0 over 11,886,910 and 11,998,646 children:
 * minlike p = 0.031 while the 95% interval contains 1). Tails are regularized beta functions, so
 * small p-values keep their digits. {@code 1 - pi} is taken as the complementary beta quantile
 * rather than by subtraction, so limits keep their digits when pi is close to 1.
 *
 * <p>Degenerate cases (method {@code exact_conditional_binomial} throughout):
 *
 * <ul>
 *   <li>x1 = 0, x2 &gt; 0: R and R_U are infinite, so ratio, upper limit and their percentage
 *       changes are null with reason {@code zero_previous_count}; R_L and the p-value are given.
 *   <li>x1 = x2 = 0: everything null with reason {@code no_events}, and p = 1 (the only possible
 *       outcome was observed).
 *   <li>x2 = 0, x1 &gt; 0: R = 0, R_L = 0 and a finite R_U; nothing is null.
 *   <li>T1 = 0 or T2 = 0: nothing can be compared; everything including the p-value is null with
 *       reason {@code no_denominator}.
 *   <li>Exposures so unequal (a subnormal one) that the ratio or a limit is beyond the doubles: all
 *       but the p-value null with reason {@code outside_double_range}, never an error.
 * </ul>
 *
 * <p>References:
 *
 * <ol>
 *   <li>Fay MP (2010). Two-sided exact tests and matching confidence intervals for discrete data. R
 *       Journal 2(1):53-58.
 *   <li>R Core Team, {@code stats::poisson.test} and {@code stats::binom.test}.
 *   <li>Clopper CJ, Pearson ES (1934). The use of confidence or fiducial limits illustrated in the
 *       case of the binomial. Biometrika 26:404-413.
 *   <li>Breslow NE, Day NE (1987). Statistical Methods in Cancer Research, vol. II, s. 2.2
 *       (conditional comparison of two Poisson rates).
 * </ol>
 */
public final class YearOnYearChange {

  public static final String METHOD = "exact_conditional_binomial";

  /** Method of a change in counts of children clustered in incidents (effective counts). */
  public static final String CLUSTERED = METHOD + PoissonLimits.DESIGN_EFFECT;

  private YearOnYearChange() {}

  /** Rate ratio current/previous with exact conditional limits and two-sided p-value. */
  public static Result of(
      long previous, long current, double previousExposure, double currentExposure, double level) {
    check(previous, current, previousExposure, currentExposure);
    return change(previous, current, previousExposure, currentExposure, 1.0, level, METHOD);
  }

  private static void check(
      long previous, long current, double previousExposure, double currentExposure) {
    if (previous < 0 || current < 0) {
      throw new IllegalArgumentException(
          "Counts must not be negative; got previous = "
              + previous
              + ", current = "
              + current
              + ".");
    }
    if (previous + current > Integer.MAX_VALUE || previous + current < 0) {
      throw new IllegalArgumentException(
          "The two counts together must not exceed " + Integer.MAX_VALUE + ".");
    }
    checkExposure(previousExposure, "previous");
    checkExposure(currentExposure, "current");
  }

  /**
   * The change in counts of children clustered in incidents: the same exact conditional method on
   * the effective counts x1 / D and x2 / D (real numbers; Korn and Graubard 1998), with D the
   * design effect of the share x2 / (x1 + x2) over incidents ({@link DesignEffect#ofChange}). The
   * binomial tails and quantiles are regularized incomplete beta functions, defined for real
   * counts. The ratio is that of the real counts; D = 1 gives {@link #of}.
   */
  public static Result clustered(
      long previous,
      long current,
      double previousExposure,
      double currentExposure,
      double designEffect,
      double level) {
    check(previous, current, previousExposure, currentExposure);
    DesignEffect.require(designEffect);
    return change(
        previous, current, previousExposure, currentExposure, designEffect, level, CLUSTERED);
  }

  private static Result change(
      long previous,
      long current,
      double previousExposure,
      double currentExposure,
      double designEffect,
      double level,
      String method) {
    double alpha = ConfidenceLevel.alpha(level);
    if (previousExposure == 0.0 || currentExposure == 0.0) {
      return new Result(
          previous, current, null, null, null, null, null, null, null, method, "no_denominator");
    }
    if (previous + current == 0) {
      return new Result(
          previous, current, null, null, null, null, null, null, 1.0, method, "no_events");
    }
    // Effective counts: x / D (D = 1 leaves them the integers they are).
    double n = (previous + current) / designEffect;
    double x = current / designEffect;
    double exposureRatio = previousExposure / currentExposure;
    double total = previousExposure + currentExposure;
    double pValue = twoSidedPValue(x, n, currentExposure / total, previousExposure / total);

    double lower = current == 0 ? 0.0 : odds(alpha / 2.0, x, n - x + 1.0) * exposureRatio;
    if (!Double.isFinite(exposureRatio) || !Double.isFinite(lower)) {
      return beyondDoubles(previous, current, pValue, method);
    }
    if (previous == 0) {
      return new Result(
          previous,
          current,
          null,
          lower,
          null,
          null,
          percent(lower),
          null,
          pValue,
          method,
          "zero_previous_count");
    }
    double upper = odds(1.0 - alpha / 2.0, x + 1.0, n - x) * exposureRatio;
    double ratio = ((double) current / currentExposure) / ((double) previous / previousExposure);
    if (!Double.isFinite(upper) || !Double.isFinite(ratio)) {
      return beyondDoubles(previous, current, pValue, method);
    }
    return new Result(
        previous,
        current,
        ratio,
        lower,
        upper,
        percent(ratio),
        percent(lower),
        percent(upper),
        pValue,
        method,
        null);
  }

  /**
   * Exposures so unequal (e.g. a subnormal population) that the ratio or a limit is beyond the
   * doubles: null with reason {@code outside_double_range}, the p-value kept.
   */
  private static Result beyondDoubles(long previous, long current, double pValue, String method) {
    return new Result(
        previous,
        current,
        null,
        null,
        null,
        null,
        null,
        null,
        pValue,
        method,
        "outside_double_range");
  }

  private static void checkExposure(double exposure, String which) {
    if (!(exposure >= 0.0) || !Double.isFinite(exposure)) {
      throw new IllegalArgumentException(
          "The "
              + which
              + " exposure must be a finite number of at least 0 "
              + "(use 1 to compare counts); got "
              + exposure
              + ".");
    }
  }

  private static double percent(double ratio) {
    return 100.0 * (ratio - 1.0);
  }

  /**
   * pi/(1 - pi) at the prob-quantile of Beta(a, b); 1 - pi is the (1 - prob)-quantile of Beta(b,
   * a).
   */
  private static double odds(double prob, double a, double b) {
    return Quantiles.beta(prob, a, b) / Quantiles.beta(1.0 - prob, b, a);
  }

  /**
   * Central two-sided exact binomial p-value, min(1, 2 min(P(X &lt;= x), P(X &gt;= x))) for X ~
   * Binomial(n, p): the p-value the Clopper-Pearson interval inverts, so p &lt; alpha exactly when
   * the interval excludes no change. p + q = 1, passed separately so that neither loses digits.
   */
  static double twoSidedPValue(double x, double n, double p, double q) {
    return Math.min(1.0, 2.0 * Math.min(lowerTail(x, n, q), upperTail(x, n, p)));
  }

  /**
   * P(X &lt;= k) for X ~ Binomial(n, 1 - q), as I_q(n - k, k + 1) so small tails keep their digits.
   */
  private static double lowerTail(double k, double n, double q) {
    if (k < 0) {
      return 0.0;
    }
    return k >= n ? 1.0 : Beta.regularizedBeta(q, n - k, k + 1.0);
  }

  /** P(X &gt;= k) for X ~ Binomial(n, p), as I_p(k, n - k + 1). */
  private static double upperTail(double k, double n, double p) {
    if (k > n) {
      return 0.0;
    }
    return k <= 0 ? 1.0 : Beta.regularizedBeta(p, k, n - k + 1.0);
  }

  /**
   * Rate ratio current/previous, its limits, the same as percentage changes, and the p-value. Any
   * null field comes with a {@code nullReason}; no field is ever NaN or infinite.
   */
  public record Result(
      long previous,
      long current,
      Double ratio,
      Double ratioLower,
      Double ratioUpper,
      Double percentChange,
      Double percentChangeLower,
      Double percentChangeUpper,
      Double pValue,
      String method,
      String nullReason) {
    public Result {
      Estimate.requireFinite(ratio, "ratio");
      Estimate.requireFinite(ratioLower, "lower limit of the ratio");
      Estimate.requireFinite(ratioUpper, "upper limit of the ratio");
      Estimate.requireFinite(percentChange, "percentage change");
      Estimate.requireFinite(percentChangeLower, "lower limit of the percentage change");
      Estimate.requireFinite(percentChangeUpper, "upper limit of the percentage change");
      Estimate.requireFinite(pValue, "p-value");
      boolean complete =
          ratio != null
              && ratioLower != null
              && ratioUpper != null
              && percentChange != null
              && percentChangeLower != null
              && percentChangeUpper != null
              && pValue != null;
      if (complete == (nullReason != null)) {
        throw new IllegalArgumentException(
            "A result has a null reason exactly when some field is null.");
      }
    }
  }
}
