package org.safeguardstats.stats;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Coverage at 95% of the intervals for children clustered in incidents, by simulation: seeded
 * datasets of incidents with a random number of children, siblings sharing the outcome, the design
 * effect D computed from the dataset's incident-level sums exactly as the job does ({@link
 * DesignEffect#ofShare} of Σ y², Σ y n, Σ n² over incidents), and for comparison the same interval
 * with D = 1. CI runs {@value #CI_DATASETS} datasets per scenario; the full run (the table in
 * docs/methods.md) is
 *
 * <pre>
 * mvn -B -q test -Dtest=ClusteredCoverageTest -Dcoverage.datasets=10000
 * </pre>
 *
 * <p>Designs (children per incident, and ρ): {@code sample}, 1 + Poisson(0.45) children (mean 1.45,
 * as in the sample), and {@code heavy}, 1 + geometric with mean 1.5 (mean 2.5, one incident in 15
 * with 6 or more children). Siblings share the outcome through a latent uniform: each incident
 * draws u, each child takes u with probability ρ (else a uniform of its own) and is in the category
 * when that value is below its probability, so each child's probability is exactly the nominal one
 * and siblings' outcomes are positively correlated.
 *
 * <ul>
 *   <li>(a) {@link WilsonInterval#clustered}: the share of children in a category, probability p;
 *   <li>(b) {@link RepresentationRatio#stratifiedBinomialScoreClustered} as the age-standardised
 *       ratio uses it: each child falls in one of 5 age bands independently of its siblings (35,
 *       15, 15, 20, 15%), is in the group with probability θ p_a (p_a the group's population share
 *       in band a: 1.3, 1.15, 1.0, 0.85, 0.7 × the nominal share), so siblings of different ages
 *       share their group through u; O, E = Σ N_a p_a, S = Σ N_a p_a² over the bands, and one D,
 *       that of the group's crude share over all bands (y_i the incident's children in the group,
 *       n_i its children);
 *   <li>(c) {@link KatzRiskRatio#clustered}: each child a boy with probability ½, a boy with the
 *       harm with probability p1, a girl p2; D1, D2 of each sex's share. Across sexes, {@code
 *       within sex}: boys and girls of an incident take separate latent uniforms (only same-sex
 *       siblings share); {@code shared}: one u for all siblings (brother and sister share the harm,
 *       the covariance the interval leaves out is positive); {@code opposite}: girls take 1 − u (a
 *       stress case, negative covariance).
 * </ul>
 *
 * Where the effective expected count (expected events / mean D, for (c) the smaller of the two
 * sexes') is at least {@value #CLAIMED_FROM}, the clustered intervals must cover within 94% to 96%
 * ((c) {@code shared}: at least 94%, it is conservative; {@code opposite} only reported), widened
 * by 3 Monte Carlo standard errors below 10,000 datasets; and where the mean D is at least 1.5 the
 * intervals with D = 1 must under-cover (below 94%), except in (c) {@code shared} and {@code
 * opposite}, where the covariance across sexes moves them too. For (c) the mean D column is the
 * mean of the larger of D1 and D2.
 */
class ClusteredCoverageTest {
  static final int CI_DATASETS = 500;
  static final double CLAIMED_FROM = 25;
  static final double LEVEL = 0.95;
  static final double[] BAND_N = {0.35, 0.15, 0.15, 0.2, 0.15};
  static final double[] BAND_SHARE = {1.3, 1.15, 1.0, 0.85, 0.7};
  static final int[] INCIDENTS = {60, 250, 1000};

  /** Children per incident and the probability that a child takes its incident's latent value. */
  record Design(String name, boolean heavy, double rho) {
    int children(SplittableRandom r) {
      if (heavy) {
        // 1 + geometric on 0, 1, ... with P(k) = 0.4 × 0.6^k: mean 1.5.
        return 1 + (int) Math.floor(Math.log(1 - r.nextDouble()) / Math.log(0.6));
      }
      // 1 + Poisson(0.45), by multiplying uniforms (Knuth).
      double limit = Math.exp(-0.45);
      int k = 0;
      double prod = r.nextDouble();
      while (prod > limit) {
        k++;
        prod *= r.nextDouble();
      }
      return 1 + k;
    }

    /** A child's latent value: the incident's u with probability ρ, else its own. */
    double latent(SplittableRandom r, double u) {
      return r.nextDouble() < rho ? u : r.nextDouble();
    }
  }

  static final List<Design> DESIGNS =
      List.of(
          new Design("sample", false, 0.5),
          new Design("sample", false, 0.9),
          new Design("heavy", true, 0.9));

  /** Incident-level sums of one share, as the count table keeps them. */
  static final class Sums {
    long y;
    long n;
    long y2;
    long yn;
    long n2;

    void add(long yi, long ni) {
      y += yi;
      n += ni;
      y2 += yi * yi;
      yn += yi * ni;
      n2 += ni * ni;
    }

    double designEffect() {
      return DesignEffect.ofShare(y, n, y2, yn, n2);
    }
  }

  /** Coverage of one scenario: clustered and D = 1, the mean D and the expected events. */
  record Result(
      String interval,
      Design design,
      int incidents,
      String parameters,
      double expected,
      double meanDesignEffect,
      double clustered,
      double plain,
      String claim) {
    double effectiveExpected() {
      return expected / meanDesignEffect;
    }

    String line() {
      return String.format(
          Locale.ROOT,
          "| %s | %s | %.1f | %d | %s | %.1f | %.2f | %.1f%% | %.1f%% |",
          interval,
          design.name(),
          design.rho(),
          incidents,
          parameters,
          expected,
          meanDesignEffect,
          100 * clustered,
          100 * plain);
    }
  }

  /** Datasets whose clustered and D = 1 intervals cover the truth, and the mean D. */
  static final class Tally {
    private int clustered;
    private int plain;
    private double sumD;
    private int datasets;

    void add(Estimate withD, Estimate withoutD, double truth, double designEffect) {
      clustered += covers(withD, truth) ? 1 : 0;
      plain += covers(withoutD, truth) ? 1 : 0;
      sumD += designEffect;
      datasets++;
    }

    Result result(
        String interval,
        Design design,
        int incidents,
        String parameters,
        double expected,
        String claim) {
      return new Result(
          interval,
          design,
          incidents,
          parameters,
          expected,
          sumD / datasets,
          (double) clustered / datasets,
          (double) plain / datasets,
          claim);
    }
  }

  static boolean covers(Estimate e, double truth) {
    return !e.isMissing() && e.lower() <= truth && truth <= e.upper();
  }

  /** (a) The share of children in a category with probability p. */
  static Result share(Design d, int incidents, double p, int datasets, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    Tally tally = new Tally();
    double meanChildren = 0;
    for (int k = 0; k < datasets; k++) {
      Sums s = new Sums();
      for (int i = 0; i < incidents; i++) {
        int m = d.children(r);
        double u = r.nextDouble();
        int y = 0;
        for (int c = 0; c < m; c++) {
          y += d.latent(r, u) < p ? 1 : 0;
        }
        s.add(y, m);
      }
      double de = s.designEffect();
      meanChildren += (double) s.n / datasets;
      tally.add(
          WilsonInterval.clustered(s.y, s.n, de, LEVEL), WilsonInterval.of(s.y, s.n, LEVEL), p, de);
    }
    return tally.result(
        "share",
        d,
        incidents,
        String.format(Locale.ROOT, "p = %.2f", p),
        meanChildren * p,
        "nominal");
  }

  /** (b) The age-standardised representation ratio, θ the true ratio. */
  static Result ageStandardised(
      Design d, int incidents, double share, double theta, int datasets, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] p = new double[BAND_N.length];
    double[] cumulative = new double[BAND_N.length];
    double acc = 0;
    double expectedShare = 0;
    for (int a = 0; a < p.length; a++) {
      p[a] = share * BAND_SHARE[a];
      acc += BAND_N[a];
      cumulative[a] = acc;
      expectedShare += BAND_N[a] * p[a];
    }
    Tally tally = new Tally();
    double meanChildren = 0;
    for (int k = 0; k < datasets; k++) {
      Sums crude = new Sums();
      long[] bandTotals = new long[p.length];
      for (int i = 0; i < incidents; i++) {
        int m = d.children(r);
        double u = r.nextDouble();
        int y = 0;
        for (int c = 0; c < m; c++) {
          double b = r.nextDouble();
          int a = 0;
          while (a < p.length - 1 && b >= cumulative[a]) {
            a++;
          }
          bandTotals[a]++;
          y += d.latent(r, u) < theta * p[a] ? 1 : 0;
        }
        crude.add(y, m);
      }
      double e = 0;
      double s2 = 0;
      for (int a = 0; a < p.length; a++) {
        e += bandTotals[a] * p[a];
        s2 += bandTotals[a] * p[a] * p[a];
      }
      RepresentationRatio.Strata strata = new RepresentationRatio.Strata(crude.y, e, s2);
      // One design effect, that of the group's crude share over all bands, as the job's.
      double de = crude.designEffect();
      meanChildren += (double) crude.n / datasets;
      tally.add(
          RepresentationRatio.stratifiedBinomialScoreClustered(strata, de, LEVEL),
          RepresentationRatio.stratifiedBinomialScore(strata, LEVEL),
          theta,
          de);
    }
    return tally.result(
        "age-standardised ratio",
        d,
        incidents,
        String.format(Locale.ROOT, "share %.2f, θ = %.1f", share, theta),
        meanChildren * theta * expectedShare,
        "nominal");
  }

  /** How boys' and girls' outcomes in one incident relate (see the class comment). */
  enum AcrossSexes {
    WITHIN_SEX("within sex"),
    SHARED("shared"),
    OPPOSITE("opposite");

    final String label;

    AcrossSexes(String label) {
      this.label = label;
    }
  }

  /** (c) The proportion ratio p1 / p2 of boys and girls with a harm. */
  static Result katz(
      Design d, int incidents, double p1, double p2, AcrossSexes across, int datasets, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double truth = p1 / p2;
    Tally tally = new Tally();
    double meanBoys = 0;
    double meanGirls = 0;
    for (int k = 0; k < datasets; k++) {
      Sums boys = new Sums();
      Sums girls = new Sums();
      for (int i = 0; i < incidents; i++) {
        int m = d.children(r);
        double u = r.nextDouble();
        double uGirls =
            switch (across) {
              case WITHIN_SEX -> r.nextDouble();
              case SHARED -> u;
              case OPPOSITE -> 1 - u;
            };
        int yb = 0;
        int nb = 0;
        int yg = 0;
        int ng = 0;
        for (int c = 0; c < m; c++) {
          if (r.nextDouble() < 0.5) {
            nb++;
            yb += d.latent(r, u) < p1 ? 1 : 0;
          } else {
            ng++;
            yg += d.latent(r, uGirls) < p2 ? 1 : 0;
          }
        }
        boys.add(yb, nb);
        girls.add(yg, ng);
      }
      double d1 = boys.designEffect();
      double d2 = girls.designEffect();
      meanBoys += (double) boys.n / datasets;
      meanGirls += (double) girls.n / datasets;
      tally.add(
          KatzRiskRatio.clustered(boys.y, boys.n, d1, girls.y, girls.n, d2, LEVEL),
          KatzRiskRatio.of(boys.y, boys.n, girls.y, girls.n, LEVEL),
          truth,
          Math.max(d1, d2));
    }
    return tally.result(
        "proportion ratio, " + across.label,
        d,
        incidents,
        String.format(Locale.ROOT, "p1 = %.2f, p2 = %.2f", p1, p2),
        Math.min(meanBoys * p1, meanGirls * p2),
        switch (across) {
          case WITHIN_SEX -> "nominal";
          case SHARED -> "conservative";
          case OPPOSITE -> "reported";
        });
  }

  static List<Result> run(int datasets) {
    List<Result> all = new ArrayList<>();
    long seed = 20_261_202;
    for (Design d : DESIGNS) {
      for (int k : INCIDENTS) {
        for (double p : new double[] {0.05, 0.15, 0.4}) {
          all.add(share(d, k, p, datasets, seed++));
        }
      }
    }
    for (Design d : DESIGNS) {
      for (int k : INCIDENTS) {
        all.add(ageStandardised(d, k, 0.05, 1.6, datasets, seed++));
        all.add(ageStandardised(d, k, 0.15, 0.6, datasets, seed++));
        all.add(ageStandardised(d, k, 0.3, 1.0, datasets, seed++));
      }
    }
    double[][] pairs = {{0.15, 0.06}, {0.05, 0.14}, {0.15, 0.15}};
    for (AcrossSexes across : AcrossSexes.values()) {
      for (Design d : DESIGNS) {
        if (across == AcrossSexes.OPPOSITE && !d.heavy()) {
          continue;
        }
        for (int k : INCIDENTS) {
          for (double[] pair : pairs) {
            all.add(katz(d, k, pair[0], pair[1], across, datasets, seed++));
          }
        }
      }
    }
    return all;
  }

  @Test
  void clusteredIntervalsCoverAndUnclusteredOnesDoNot() {
    int datasets = Integer.getInteger("coverage.datasets", CI_DATASETS);
    double se = Math.sqrt(0.95 * 0.05 / datasets);
    double slack = datasets >= 10_000 ? 0 : 3 * se;
    List<String> failures = new ArrayList<>();
    System.out.printf(
        Locale.ROOT,
        "%d datasets per scenario%n"
            + "| interval | design | ρ | incidents | parameters | expected events | mean D |"
            + " coverage | with D = 1 |%n",
        datasets);
    for (Result r : run(datasets)) {
      boolean claimed = r.effectiveExpected() >= CLAIMED_FROM;
      boolean nominal = r.clustered() >= 0.94 && r.clustered() <= 0.96;
      System.out.println(r.line() + (nominal ? "" : " *"));
      if (claimed
          && r.claim().equals("nominal")
          && !(Math.abs(r.clustered() - 0.95) <= 0.01 + slack)) {
        failures.add(r.line());
      }
      if (claimed && r.claim().equals("conservative") && r.clustered() < 0.94 - slack) {
        failures.add(r.line());
      }
      if (r.meanDesignEffect() >= 1.5
          && r.effectiveExpected() >= CLAIMED_FROM
          && r.claim().equals("nominal")
          && r.plain() >= 0.94) {
        failures.add(r.line() + " (D = 1 does not under-cover)");
      }
    }
    assertTrue(failures.isEmpty(), String.join("\n", failures));
  }
}
