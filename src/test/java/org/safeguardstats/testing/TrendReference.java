package org.safeguardstats.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.safeguardstats.analysis.PoissonTrend;

/**
 * Independent expected values for the trend: stats/poisson-trend-values.csv, written by
 * stats/poisson_trend_values.py, an IRLS written separately in Python with 40-digit mpmath
 * arithmetic and t quantiles from mpmath (statsmodels and R are not installed here), never the Java
 * code or Spark.
 */
public final class TrendReference {
  private TrendReference() {}

  /** One row of poisson-trend-values.csv; a null upper limit comes with its null reason. */
  public record Case(
      String name,
      int[] years,
      long[] counts,
      double[] exposures,
      double level,
      double slope,
      double se,
      double apc,
      double lower,
      Double upper,
      double p,
      double dispersion,
      String nullReason,
      String source) {
    @Override
    public String toString() {
      return name + " @" + level + " [" + source + "]";
    }
  }

  public static List<Case> read() {
    List<String> lines = Fixtures.resourceLines("/stats/poisson-trend-values.csv");
    List<Case> cases = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", 14);
      cases.add(
          new Case(
              f[0],
              Stream.of(f[1].split(";")).mapToInt(Integer::parseInt).toArray(),
              Stream.of(f[2].split(";")).mapToLong(Long::parseLong).toArray(),
              f[3].isBlank()
                  ? null
                  : Stream.of(f[3].split(";")).mapToDouble(Double::parseDouble).toArray(),
              Double.parseDouble(f[4]),
              Double.parseDouble(f[5]),
              Double.parseDouble(f[6]),
              Double.parseDouble(f[7]),
              Double.parseDouble(f[8]),
              f[9].isBlank() ? null : Double.parseDouble(f[9]),
              Double.parseDouble(f[10]),
              Double.parseDouble(f[11]),
              f[12].isBlank() ? null : f[12],
              f[13]));
    }
    return cases;
  }

  /** The named case at a level. */
  public static Case named(String name, double level) {
    return read().stream()
        .filter(c -> c.name().equals(name) && c.level() == level)
        .findFirst()
        .orElseThrow();
  }

  /** |actual - expected| within relative × |expected|, or within absolute near 0. */
  private static void near(
      double expected, Double actual, double relative, double absolute, String what) {
    double tolerance = Math.max(relative * Math.abs(expected), absolute);
    assertTrue(
        actual != null && Math.abs(actual - expected) <= tolerance,
        () -> what + ": expected " + expected + " but was " + actual);
  }

  /**
   * Every value against the 40-digit IRLS, for the trend's values (slope, SE, APC, p, dispersion)
   * and its limits; a limit the reference says is beyond the largest double is null with {@code
   * upper_limit_overflow}. All to 1e-8 relative (a large limit's relative error is the absolute
   * error of its exponent b + t SE); slope and dispersion to 1e-9 absolute near 0 (flat series: the
   * reference's 1e-41 is IRLS noise), APC and limits to 1e-7 absolute (percentage points).
   */
  public static void assertAgrees(Case c, PoissonTrend.Result r) {
    assertEquals(c.years().length, r.years());
    assertEquals(c.nullReason(), r.nullReason(), c + " null reason");
    assertEquals(PoissonTrend.METHOD, r.method(), c + " method");
    assertEquals(c.level(), r.confidenceLevel());
    near(c.slope(), r.slope(), 1e-8, 1e-9, c + " slope");
    near(c.se(), r.slopeStandardError(), 1e-8, 0, c + " standard error");
    near(c.dispersion(), r.dispersion(), 1e-8, 1e-9, c + " dispersion");
    near(c.p(), r.pValue(), 1e-8, 0, c + " p-value");
    near(c.apc(), r.annualPercentChange(), 1e-8, 1e-7, c + " APC");
    near(c.lower(), r.lower(), 1e-8, 1e-7, c + " lower");
    if (c.upper() == null) {
      assertNull(r.upper(), c + " upper");
    } else {
      near(c.upper(), r.upper(), 1e-8, 1e-7, c + " upper");
    }
  }

  /** The result against the named case at the result's level. */
  public static void assertAgrees(String name, PoissonTrend.Result r) {
    assertAgrees(named(name, r.confidenceLevel()), r);
  }
}
