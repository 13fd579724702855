package org.safeguardstats.stats;

/**
 * Representation ratio of a group against a population baseline: observed / expected, where x_g of
 * the N incidents with the characteristic recorded are in group g and the group is a share p_g =
 * P_g / P of the child population of the recorded categories.
 *
 * <p>x_g is part of N, so it is binomial given N, not Poisson; the limits are binomial too.
 *
 * <p>One stratum, method {@code wilson_over_population_share}:
 *
 * <pre>{@code
 * E = N * p_g,   ratio = x_g / E = share_g / p_g,   L, U = Wilson limits of x_g / N, divided by p_g
 * }</pre>
 *
 * so the ratio's over/under flag always agrees with the share's interval against p_g.
 *
 * <p>Over strata a (reporting year, age band), method {@code stratified_binomial_score}: x_a is
 * binomial(N_a, θ p_a) with a common ratio θ; O = Σ x_a, E = Σ N_a p_a, S = Σ N_a p_a². O − θE is
 * an unbiased estimating function for θ with variance Var_θ(O) = Σ N_a θp_a(1 − θp_a) = θE − θ²S;
 * the limits are the θ where the score statistic equals z (a generalised score interval):
 *
 * <pre>{@code
 * (O - θE)^2 = z^2 (θE - θ^2 S)
 * (E^2 + z^2 S) θ^2 - E(2O + z^2) θ + O^2 = 0
 * L, U = (E(2O + z^2) -/+ z sqrt(E^2(4O + z^2) - 4 S O^2)) / (2(E^2 + z^2 S))
 * }</pre>
 *
 * With one stratum (E = Np, S = Np²) this is Wilson's equation for π = θp, so the two methods give
 * the same limits. The interval always contains O / E when O·S ≤ E² (always so for one stratum);
 * otherwise O / E lies where the model's variance is negative and the ratio is null with reason
 * {@code outside_binomial_model}. Expected 0, or a zero or subnormal population share: null with
 * reason {@code no_expected}. Observed below 10: flagged low reliability. The functions take plain
 * counts (doubles where effective counts may be passed in).
 *
 * <p>{@link #of} and {@link #ageStandardised} are the Poisson indirectly standardised ratio of
 * PHEindicatormethods (events in a population at risk), kept with their published test values; the
 * representation table does not use them, since its x is part of N.
 *
 * <p>References:
 *
 * <ol>
 *   <li>Wilson EB (1927). Probable inference, the law of succession, and statistical inference.
 *       JASA 22:209-212.
 *   <li>Rao CR (1948). Large sample tests of statistical hypotheses concerning several parameters
 *       with applications to problems of estimation. Proc Camb Phil Soc 44:50-57.
 *   <li>Boos DD (1992). On generalized score tests. The American Statistician 46:327-333.
 *   <li>Spiegelhalter DJ (2005). Funnel plots for comparing institutional performance. Stat Med
 *       24:1185-1202 (the binomial variance of an indirectly standardised count).
 *   <li>Breslow NE, Day NE (1987). Statistical Methods in Cancer Research, vol. II, ch. 2.
 *   <li>PHEindicatormethods {@code calculate_ISRatio} / {@code phe_isr}.
 *   <li>Methods contract, {@code statistics.md}, "Representation ratio against a population
 *       baseline".
 * </ol>
 */
public final class RepresentationRatio {

  public static final String WILSON_OVER_POPULATION_SHARE = "wilson_over_population_share";
  public static final String STRATIFIED_BINOMIAL_SCORE = "stratified_binomial_score";

  private RepresentationRatio() {}

  /**
   * One stratum: x of n against a population share; limits = Wilson limits of x / n divided by the
   * population share.
   */
  public static Estimate wilsonOverPopulationShare(
      long x, long n, double populationShare, double level) {
    if (!(populationShare >= 0.0 && populationShare <= 1.0)) {
      throw new IllegalArgumentException(
          "The population share must be between 0 and 1; got " + populationShare + ".");
    }
    Estimate share = WilsonInterval.of(x, n, level);
    if (n == 0 || populationShare < Double.MIN_NORMAL) {
      return Estimate.missing(WILSON_OVER_POPULATION_SHARE, "no_expected");
    }
    return new Estimate(
        share.value() / populationShare,
        share.lower() / populationShare,
        share.upper() / populationShare,
        WILSON_OVER_POPULATION_SHARE,
        x < Reliability.MIN_EVENTS,
        null);
  }

  /**
   * Over strata: O / E with the score limits of θ in x_a ~ binomial(N_a, θ p_a).
   *
   * @param observed O = Σ x_a
   * @param expected E = Σ N_a p_a
   * @param sumNp2 S = Σ N_a p_a², between 0 and E
   */
  public static Estimate stratifiedBinomialScore(
      double observed, double expected, double sumNp2, double level) {
    if (!(observed >= 0.0 && expected >= 0.0 && sumNp2 >= 0.0)
        || !Double.isFinite(observed)
        || !Double.isFinite(expected)
        || !(sumNp2 <= expected)) {
      throw new IllegalArgumentException(
          "O, E and S must be finite, O and S at least 0 and S at most E; got O = "
              + observed
              + ", E = "
              + expected
              + ", S = "
              + sumNp2
              + ".");
    }
    double z = ConfidenceLevel.z(level);
    if (expected < Double.MIN_NORMAL) {
      return Estimate.missing(STRATIFIED_BINOMIAL_SCORE, "no_expected");
    }
    double o = observed;
    double e = expected;
    double z2 = z * z;
    // One stratum with x = N sits exactly on this boundary, so allow for rounding.
    if (o * sumNp2 > e * e * (1.0 + 1e-12)) {
      return Estimate.missing(STRATIFIED_BINOMIAL_SCORE, "outside_binomial_model");
    }
    double discriminant = e * e * (4.0 * o + z2) - 4.0 * sumNp2 * o * o;
    double centre = e * (2.0 * o + z2);
    double halfWidth = z * Math.sqrt(discriminant);
    double denominator = 2.0 * (e * e + z2 * sumNp2);
    double lower = o == 0.0 ? 0.0 : (centre - halfWidth) / denominator;
    double upper = (centre + halfWidth) / denominator;
    double ratio = o / e;
    if (!Double.isFinite(ratio) || !Double.isFinite(lower) || !Double.isFinite(upper)) {
      return Estimate.missing(STRATIFIED_BINOMIAL_SCORE, "no_expected");
    }
    return new Estimate(
        ratio, lower, upper, STRATIFIED_BINOMIAL_SCORE, o < Reliability.MIN_EVENTS, null);
  }

  /**
   * One stratum, children clustered in incidents: the Wilson limits of the share on the effective
   * counts x / D of n / D ({@link WilsonInterval#clustered}), divided by the population share; the
   * ratio is that of the real counts. D = 1 gives {@link #wilsonOverPopulationShare}'s limits.
   */
  public static Estimate wilsonOverPopulationShareClustered(
      long x, long n, double populationShare, double designEffect, double level) {
    Estimate plain = wilsonOverPopulationShare(x, n, populationShare, level);
    DesignEffect.require(designEffect);
    String method = WILSON_OVER_POPULATION_SHARE + PoissonLimits.DESIGN_EFFECT;
    if (plain.isMissing()) {
      return Estimate.missing(method, plain.nullReason());
    }
    Estimate share = WilsonInterval.clustered(x, n, designEffect, level);
    return new Estimate(
        plain.value(),
        share.lower() / populationShare,
        share.upper() / populationShare,
        method,
        plain.lowReliability(),
        null);
  }

  /**
   * Over strata, children clustered in incidents: the stratified score limits on the effective O /
   * D, E / D and S / D (Korn and Graubard 1998's effective counts); the ratio O / E is unchanged.
   */
  public static Estimate stratifiedBinomialScoreClustered(
      Strata strata, double designEffect, double level) {
    DesignEffect.require(designEffect);
    Estimate e =
        stratifiedBinomialScore(
            strata.observed() / designEffect,
            strata.expected() / designEffect,
            strata.sumNp2() / designEffect,
            level);
    String method = STRATIFIED_BINOMIAL_SCORE + PoissonLimits.DESIGN_EFFECT;
    if (e.isMissing()) {
      return Estimate.missing(method, e.nullReason());
    }
    return new Estimate(
        strata.observed() / strata.expected(),
        e.lower(),
        e.upper(),
        method,
        strata.observed() < Reliability.MIN_EVENTS,
        null);
  }

  /**
   * Two-sided p-value of the score test of θ = 1, the test the score limits invert (so p &lt; α
   * exactly when the interval at 1 − α excludes 1): z = (O − E) / √(E − S), p = 2 Φ(−|z|). With one
   * stratum it is the Wilson score test of the share against the population share; effective counts
   * (O / D, E / D, S / D) give the clustered test. Null when E − S is not positive (every
   * population share 1, or no expected count).
   */
  public static Double scoreTestPValue(double observed, double expected, double sumNp2) {
    double variance = expected - sumNp2;
    if (!(variance > 0.0) || !Double.isFinite(variance)) {
      return null;
    }
    double z = Math.abs(observed - expected) / Math.sqrt(variance);
    return 2.0 * NORMAL.cumulativeProbability(-z);
  }

  private static final org.apache.commons.math3.distribution.NormalDistribution NORMAL =
      new org.apache.commons.math3.distribution.NormalDistribution(null, 0.0, 1.0);

  /** O / E over strata with the stratified binomial score limits (see {@link #strata}). */
  public static Estimate stratifiedBinomialScore(Strata strata, double level) {
    return stratifiedBinomialScore(strata.observed(), strata.expected(), strata.sumNp2(), level);
  }

  /** Poisson ISR (PHEindicatormethods): O / E with Poisson limits of O divided by E. */
  public static Estimate of(long observed, double expected, double level) {
    if (!(expected >= 0.0) || !Double.isFinite(expected)) {
      throw new IllegalArgumentException(
          "The expected count must be a finite number of at least 0; got " + expected + ".");
    }
    Estimate count = PoissonLimits.of(observed, level);
    if (expected == 0.0) {
      return Estimate.missing(count.method(), "no_expected");
    }
    return new Estimate(
        count.value() / expected,
        count.lower() / expected,
        count.upper() / expected,
        count.method(),
        count.lowReliability(),
        null);
  }

  /** Poisson ISR over strata (PHEindicatormethods): O / E with Poisson limits of O over E. */
  public static StandardisedRatio ageStandardised(
      long[] observedInGroup,
      long[] recordedTotal,
      double[] groupPopulation,
      double[] totalPopulation,
      double level) {
    Strata s = strata(observedInGroup, recordedTotal, groupPopulation, totalPopulation);
    return new StandardisedRatio(s.observed(), s.expected(), of(s.observed(), s.expected(), level));
  }

  /**
   * O = Σ x_a, E = Σ N_a P_g,a / P_a and S = Σ N_a (P_g,a / P_a)² over strata; a stratum with no
   * population (P_a = 0) adds nothing to E or S.
   *
   * @param observedInGroup x_g,a, incidents in group g and stratum a
   * @param recordedTotal N_a, incidents in stratum a with the characteristic recorded
   * @param groupPopulation P_g,a, children in group g and stratum a
   * @param totalPopulation P_a, children in stratum a (all groups with the characteristic)
   */
  public static Strata strata(
      long[] observedInGroup,
      long[] recordedTotal,
      double[] groupPopulation,
      double[] totalPopulation) {
    if (observedInGroup == null
        || recordedTotal == null
        || groupPopulation == null
        || totalPopulation == null) {
      throw new IllegalArgumentException("All four stratum arrays are required.");
    }
    int strata = observedInGroup.length;
    if (strata == 0
        || recordedTotal.length != strata
        || groupPopulation.length != strata
        || totalPopulation.length != strata) {
      throw new IllegalArgumentException(
          "The four stratum arrays must be non-empty and of the same length.");
    }
    long observed = 0;
    double expected = 0.0;
    double sumNp2 = 0.0;
    for (int a = 0; a < strata; a++) {
      long x = observedInGroup[a];
      long n = recordedTotal[a];
      double pg = groupPopulation[a];
      double p = totalPopulation[a];
      if (x < 0 || x > n) {
        throw new IllegalArgumentException(
            "In stratum "
                + a
                + " the group count "
                + x
                + " must be between 0 and the recorded total "
                + n
                + ".");
      }
      if (!(pg >= 0.0) || !(p >= pg) || !Double.isFinite(p)) {
        throw new IllegalArgumentException(
            "In stratum "
                + a
                + " the group population "
                + pg
                + " must be between 0 and the finite total population "
                + p
                + ".");
      }
      observed = Math.addExact(observed, x);
      if (p > 0.0) {
        double share = pg / p;
        expected += n * share;
        sumNp2 += n * share * share;
      }
    }
    return new Strata(observed, expected, sumNp2);
  }

  /** O, E and S = Σ N_a p_a² over strata. */
  public record Strata(long observed, double expected, double sumNp2) {}

  /** Observed and expected counts and the ratio O / E with its limits. */
  public record StandardisedRatio(long observed, Double expected, Estimate ratio) {
    public StandardisedRatio {
      Estimate.requireFinite(expected, "expected count");
    }
  }
}
