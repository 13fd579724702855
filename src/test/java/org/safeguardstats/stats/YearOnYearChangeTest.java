package org.safeguardstats.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class YearOnYearChangeTest {

  // ---- a textbook implementation, independent of Commons Math, for small counts ----

  private static double pmf(int k, int n, double p) {
    double logChoose = 0.0;
    for (int i = 1; i <= k; i++) {
      logChoose += Math.log((double) (n - k + i) / i);
    }
    return Math.exp(logChoose + k * Math.log(p) + (n - k) * Math.log1p(-p));
  }

  private static double cdf(int k, int n, double p) {
    double sum = 0.0;
    for (int j = 0; j <= k; j++) {
      sum += pmf(j, n, p);
    }
    return sum;
  }

  /** Central two-sided p-value, min(1, 2 min(P(X <= x), P(X >= x))), by summing the pmf. */
  private static double bruteForcePValue(int x, int n, double p) {
    double atMost = cdf(x, n, p);
    double atLeast = 0.0; // summed, not 1 - cdf, so that small tails keep their digits
    for (int k = x; k <= n; k++) {
      atLeast += pmf(k, n, p);
    }
    return Math.min(1.0, 2 * Math.min(atMost, atLeast));
  }

  /** Clopper-Pearson limit by bisection on the binomial CDF (no beta quantile involved). */
  private static double bisect(java.util.function.DoubleUnaryOperator increasing, double target) {
    double lo = 0.0;
    double hi = 1.0;
    for (int i = 0; i < 200; i++) {
      double mid = (lo + hi) / 2;
      if (increasing.applyAsDouble(mid) < target) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return (lo + hi) / 2;
  }

  private static void assertRel(double expected, double actual, String at) {
    assertEquals(expected, actual, Math.max(1e-9 * Math.abs(expected), 1e-15), at);
  }

  @Test
  void limitsAndPValueMatchATextbookImplementationOnAGrid() {
    int[] counts = {0, 1, 2, 5, 9, 10, 11, 30};
    double[][] exposures = {{1, 1}, {3011, 800}, {11_500_000, 11_700_000}};
    for (double level : new double[] {0.95, 0.998}) {
      double half = (1 - level) / 2;
      for (double[] t : exposures) {
        for (int x1 : counts) {
          for (int x2 : counts) {
            if (x1 + x2 == 0) {
              continue;
            }
            int n = x1 + x2;
            String at = "x1=" + x1 + " x2=" + x2 + " T=" + t[0] + "," + t[1] + " level=" + level;
            YearOnYearChange.Result r = YearOnYearChange.of(x1, x2, t[0], t[1], level);
            double pi0 = t[1] / (t[0] + t[1]);
            assertRel(bruteForcePValue(x2, n, pi0), r.pValue(), at + " p");
            // P(X >= x2 | pi) rises with pi; P(X <= x2 | pi) falls with pi
            double piL = x2 == 0 ? 0.0 : bisect(pi -> 1 - cdf(x2 - 1, n, pi), half);
            assertRel(piL / (1 - piL) * t[0] / t[1], r.ratioLower(), at + " lower");
            if (x1 > 0) {
              double piU = bisect(pi -> -cdf(x2, n, pi), -half);
              assertRel(piU / (1 - piU) * t[0] / t[1], r.ratioUpper(), at + " upper");
              assertRel((x2 / t[1]) / (x1 / t[0]), r.ratio(), at + " ratio");
            }
          }
        }
      }
    }
  }

  @Test
  void fiveToNoneOverTheRealPopulationsIsNotSignificantAsItsIntervalSays() {
    // England's 0-17 populations 11,886,910 and 11,998,646 (issue 8): R's minlike p is 0.0305
    // (scipy 1.17.1 binomtest) while the interval contains 1. Central p = 2 (T1/(T1 + T2))^5 =
    // 0.061051746571299005 (mpmath 1.3.0, 40 digits; scipy binom.cdf gives the same).
    YearOnYearChange.Result r = YearOnYearChange.of(5, 0, 11_886_910, 11_998_646, 0.95);
    assertRel(0.061051746571299005, r.pValue(), "p");
    // upper limit 1.0811166950158759: mpmath bisection, independent-values.csv
    assertRel(1.0811166950158759, r.ratioUpper(), "upper");
  }

  /**
   * p &lt; alpha exactly when the interval excludes 1, for every pair with n &lt; 400. With x1 = 0
   * the interval is (R_L, infinity), so it excludes 1 only when R_L &gt; 1.
   */
  @Test
  void pValueAgreesWithTheIntervalForEveryPairBelow400() {
    double[][] exposures = {{1, 1}, {11_886_910, 11_998_646}};
    int checked = 0;
    for (double level : new double[] {0.95, 0.998}) {
      for (double[] t : exposures) {
        for (int n = 1; n < 400; n++) {
          for (int x2 = 0; x2 <= n; x2++) {
            YearOnYearChange.Result r = YearOnYearChange.of(n - x2, x2, t[0], t[1], level);
            boolean excludes = r.ratioLower() > 1 || (r.ratioUpper() != null && r.ratioUpper() < 1);
            boolean significant = r.pValue() < 1 - level;
            assertEquals(
                excludes,
                significant,
                "x1=" + (n - x2) + " x2=" + x2 + " T=" + t[0] + "," + t[1] + " level=" + level);
            checked++;
          }
        }
      }
    }
    assertEquals(4 * (400 * 401 / 2 - 1), checked);
  }

  // ---- orientation and degenerate rules ----

  @Test
  void swappingTheYearsInvertsRatioAndLimits() {
    // R's example the other way round: ratio 1/1.97149, limits 1/4.27727 and 1/0.85843
    YearOnYearChange.Result forward = YearOnYearChange.of(21, 11, 3011, 800, 0.95);
    YearOnYearChange.Result back = YearOnYearChange.of(11, 21, 800, 3011, 0.95);
    assertRel(1 / forward.ratio(), back.ratio(), "ratio");
    assertRel(1 / forward.ratioUpper(), back.ratioLower(), "lower");
    assertRel(1 / forward.ratioLower(), back.ratioUpper(), "upper");
    assertRel(forward.pValue(), back.pValue(), "p");
  }

  @Test
  void zeroPreviousCountGivesLowerLimitAndPValueOnly() {
    YearOnYearChange.Result r = YearOnYearChange.of(0, 5, 1, 1, 0.95);
    assertEquals("zero_previous_count", r.nullReason());
    assertNull(r.ratio());
    assertNull(r.ratioUpper());
    assertNull(r.percentChange());
    assertNull(r.percentChangeUpper());
    // pi_L solves pi^5 = 0.025 (x2 = n = 5), so R_L = pi/(1 - pi), by hand
    double piL = Math.pow(0.025, 0.2);
    assertRel(piL / (1 - piL), r.ratioLower(), "lower");
    assertRel(100 * (piL / (1 - piL) - 1), r.percentChangeLower(), "% lower");
    // all 5 events in one year: p = 2 * 0.5^5 = 0.0625, by hand
    assertRel(0.0625, r.pValue(), "p");
  }

  @Test
  void zeroCurrentCountGivesZeroRatioAndFiniteUpper() {
    YearOnYearChange.Result r = YearOnYearChange.of(5, 0, 1, 1, 0.95);
    assertNull(r.nullReason());
    assertEquals(0.0, r.ratio(), 0.0);
    assertEquals(0.0, r.ratioLower(), 0.0);
    assertEquals(-100.0, r.percentChange(), 0.0);
    assertEquals(-100.0, r.percentChangeLower(), 0.0);
    // pi_U solves (1 - pi)^5 = 0.025, by hand
    double piU = 1 - Math.pow(0.025, 0.2);
    assertRel(piU / (1 - piU), r.ratioUpper(), "upper");
    assertRel(0.0625, r.pValue(), "p");
  }

  @Test
  void noEventsInEitherYearIsAllNullWithPValueOneAsInR() {
    YearOnYearChange.Result r = YearOnYearChange.of(0, 0, 1, 1, 0.95);
    assertEquals("no_events", r.nullReason());
    assertNull(r.ratio());
    assertNull(r.ratioLower());
    assertNull(r.ratioUpper());
    assertNull(r.percentChangeLower());
    // the only possible outcome was observed (R's poisson.test(c(0, 0)) also gives 1)
    assertEquals(1.0, r.pValue(), 0.0);
  }

  @Test
  void zeroExposureIsNullWithReason() {
    YearOnYearChange.Result r = YearOnYearChange.of(3, 4, 0, 100, 0.95);
    assertEquals("no_denominator", r.nullReason());
    assertNull(r.pValue());
    assertNull(r.ratioLower());
  }

  @Test
  void tenMillionEqualCountsAreQuickAndShowNoChange() {
    YearOnYearChange.Result r =
        assertTimeoutPreemptively(
            Duration.ofSeconds(10), () -> YearOnYearChange.of(10_000_000, 10_000_000, 1, 1, 0.998));
    assertEquals(1.0, r.ratio(), 0.0);
    assertEquals(0.0, r.percentChange(), 0.0);
    assertEquals(1.0, r.pValue(), 0.0); // x == n p exactly
    assertNotNull(r.ratioLower());
  }

  @Test
  void invalidArgumentsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> YearOnYearChange.of(-1, 2, 1, 1, 0.95));
    assertThrows(IllegalArgumentException.class, () -> YearOnYearChange.of(1, -2, 1, 1, 0.95));
    assertThrows(IllegalArgumentException.class, () -> YearOnYearChange.of(1, 2, -1, 1, 0.95));
    assertThrows(
        IllegalArgumentException.class, () -> YearOnYearChange.of(1, 2, 1, Double.NaN, 0.95));
    assertThrows(IllegalArgumentException.class, () -> YearOnYearChange.of(1, 2, 1, 1, 0.0));
    assertThrows(
        IllegalArgumentException.class,
        () -> YearOnYearChange.of(Integer.MAX_VALUE, 1, 1, 1, 0.95));
  }
}
