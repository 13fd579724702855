package org.safeguardstats.stats;

/**
 * Representation ratio of a group against a population baseline: an indirectly standardised ratio
 * of observed to expected events.
 *
 * <p>Definition, one stratum (among N incidents with the characteristic recorded, and a child
 * population P of which P_g are in group g):
 *
 * <pre>{@code
 * E     = N * P_g / P
 * ratio = O / E                      (= share_g / pop_share_g)
 * L, U  = (Poisson limits of O) / E  (exact below 10 events, Byar from 10)
 * }</pre>
 *
 * Age-standardised over strata a:
 *
 * <pre>{@code
 * E = sum_a N_a * P_g,a / P_a,   O = sum_a x_g,a,   ratio = O / E,   limits as above
 * }</pre>
 *
 * E is treated as fixed, as is usual for indirect standardisation. A stratum with no population
 * (P_a = 0) contributes nothing to E. When E = 0 the ratio is null with reason {@code no_expected}.
 * Observed counts below 10 use method {@code exact_poisson} and are flagged low reliability.
 * Over-representation is shown only when L &gt; 1, under-representation only when U &lt; 1.
 *
 * <p>References:
 *
 * <ol>
 *   <li>Breslow NE, Day NE (1987). Statistical Methods in Cancer Research, vol. II, ch. 2.
 *   <li>PHEindicatormethods {@code calculate_ISRatio} / {@code phe_isr}.
 *   <li>Methods contract, {@code statistics.md}, "Representation ratio against a population
 *       baseline".
 * </ol>
 */
public final class RepresentationRatio {

  private RepresentationRatio() {}

  /** O / E with Poisson limits of O divided by E; E = 0 gives reason {@code no_expected}. */
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

  /**
   * Age-standardised (indirect) ratio over strata a: E = Σ N_a·P_ga/P_a, O = Σ x_ga.
   *
   * @param observedInGroup x_g,a, incidents in group g and stratum a
   * @param recordedTotal N_a, incidents in stratum a with the characteristic recorded
   * @param groupPopulation P_g,a, children in group g and stratum a
   * @param totalPopulation P_a, children in stratum a (all groups with the characteristic)
   */
  public static StandardisedRatio ageStandardised(
      long[] observedInGroup,
      long[] recordedTotal,
      double[] groupPopulation,
      double[] totalPopulation,
      double level) {
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
        expected += n * pg / p;
      }
    }
    return new StandardisedRatio(observed, expected, of(observed, expected, level));
  }

  /** Observed and expected counts and the ratio O / E with its limits. */
  public record StandardisedRatio(long observed, Double expected, Estimate ratio) {
    public StandardisedRatio {
      Estimate.requireFinite(expected, "expected count");
    }
  }
}
