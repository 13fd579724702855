package org.safeguardstats.stats;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Coverage of the stratified binomial score interval at 95%, by simulation: seeded datasets with
 * x_a ~ binomial(N_a, θ p_a) over 5 age bands (one year) or 6 years × 5 age bands, for several
 * recorded totals N, population shares and true ratios θ. CI runs 2,000 datasets per scenario; the
 * full run (the table in docs/methods.md) is
 *
 * <pre>
 * mvn -B -q test -Dtest=RepresentationCoverageTest -Dcoverage.datasets=10000
 * </pre>
 *
 * Where the true expected count θE is at least {@value #CLAIMED_FROM}, coverage must be within 94%
 * to 96% (widened by 3 Monte Carlo standard errors below 10,000 datasets); below that the
 * discreteness of small counts makes coverage swing either side, as Wilson's own does, and the
 * table only reports it.
 */
class RepresentationCoverageTest {
  static final double CLAIMED_FROM = 40;

  /** Share of N and of the group's population share (relative to the nominal) by age band. */
  static final double[] BAND_N = {0.35, 0.15, 0.15, 0.2, 0.15};

  static final double[] BAND_SHARE = {1.3, 1.15, 1.0, 0.85, 0.7};

  record Scenario(int years, int n, double share, double theta, long[] sizes, double[] shares) {
    static Scenario of(int years, int n, double share, double theta) {
      int strata = years * BAND_N.length;
      long[] sizes = new long[strata];
      double[] shares = new double[strata];
      for (int y = 0; y < years; y++) {
        double yearWeight = 1 + 0.05 * (y - years / 2.0);
        for (int b = 0; b < BAND_N.length; b++) {
          int a = y * BAND_N.length + b;
          sizes[a] = Math.round(n * BAND_N[b] * yearWeight / years);
          shares[a] = share * BAND_SHARE[b] * (1 + 0.02 * y);
        }
      }
      return new Scenario(years, n, share, theta, sizes, shares);
    }

    double expected() {
      double e = 0;
      for (int a = 0; a < sizes.length; a++) {
        e += sizes[a] * shares[a];
      }
      return e;
    }

    double sumNp2() {
      double s = 0;
      for (int a = 0; a < sizes.length; a++) {
        s += sizes[a] * shares[a] * shares[a];
      }
      return s;
    }

    /** Share of datasets whose interval covers θ. */
    double coverage(int datasets, long seed) {
      SplittableRandom random = new SplittableRandom(seed);
      double e = expected();
      double s = sumNp2();
      int covered = 0;
      for (int d = 0; d < datasets; d++) {
        long o = 0;
        for (int a = 0; a < sizes.length; a++) {
          double pi = theta * shares[a];
          for (long i = 0; i < sizes[a]; i++) {
            if (random.nextDouble() < pi) {
              o++;
            }
          }
        }
        Estimate r = RepresentationRatio.stratifiedBinomialScore(o, e, s, 0.95);
        if (!r.isMissing() && r.lower() <= theta && theta <= r.upper()) {
          covered++;
        }
      }
      return (double) covered / datasets;
    }
  }

  static List<Scenario> scenarios() {
    List<Scenario> all = new ArrayList<>();
    for (int years : new int[] {1, 6}) {
      for (int n : new int[] {20, 50, 200, 1000, 5000}) {
        for (double share : new double[] {0.02, 0.1, 0.3, 0.6}) {
          for (double theta : new double[] {0.6, 1.0, 1.6}) {
            Scenario s = Scenario.of(years, n, share, theta);
            double maxShare = 0;
            for (double p : s.shares()) {
              maxShare = Math.max(maxShare, p);
            }
            if (theta * maxShare <= 1) {
              all.add(s);
            }
          }
        }
      }
    }
    return all;
  }

  @Test
  void coverageIsNominalWhereTheExpectedCountIsNotSmall() {
    int datasets = Integer.getInteger("coverage.datasets", 2_000);
    double se = Math.sqrt(0.95 * 0.05 / datasets);
    double slack = datasets >= 10_000 ? 0 : 3 * se;
    List<String> failures = new ArrayList<>();
    System.out.printf(
        Locale.ROOT,
        "%d datasets per scenario%n| strata | N | share | θ | θE | coverage |%n",
        datasets);
    long seed = 20_261_201;
    for (Scenario s : scenarios()) {
      double coverage = s.coverage(datasets, seed++);
      double thetaE = s.theta() * s.expected();
      boolean claimed = thetaE >= CLAIMED_FROM;
      System.out.printf(
          Locale.ROOT,
          "| %d | %d | %.2f | %.1f | %.1f | %.1f%%%s |%n",
          s.sizes().length,
          s.n(),
          s.share(),
          s.theta(),
          thetaE,
          100 * coverage,
          claimed || (coverage >= 0.94 && coverage <= 0.96) ? "" : " *");
      if (claimed && (coverage < 0.94 - slack || coverage > 0.96 + slack)) {
        failures.add(s + " coverage " + coverage);
      }
    }
    assertTrue(failures.isEmpty(), String.join("\n", failures));
  }
}
