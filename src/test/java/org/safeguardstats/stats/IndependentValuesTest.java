package org.safeguardstats.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.safeguardstats.stats.VectorFile.assertClose;
import static org.safeguardstats.stats.VectorFile.assertEstimate;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Values in stats/independent-values.csv, produced by stats/independent_values.py with scipy (Boost
 * quantiles, binomtest) and mpmath (40-digit bisection), never by the Java code under test. Each
 * row's source column names the tool and route. Asserted to 1e-9 relative. Covers 0 events, x = n,
 * counts 9/10/11, 10 million, population 1 and levels 0.95/0.998.
 */
class IndependentValuesTest {

  private static final List<VectorFile.Row> ROWS = VectorFile.read("/stats/independent-values.csv");

  @Test
  void fileIsComplete() {
    assertTrue(ROWS.size() >= 100, "rows: " + ROWS.size());
  }

  @TestFactory
  Stream<DynamicTest> independentValues() {
    return ROWS.stream().map(row -> DynamicTest.dynamicTest(row.toString(), () -> check(row)));
  }

  private static void check(VectorFile.Row row) {
    switch (row.method()) {
      case "wilson" ->
          assertEstimate(row, WilsonInterval.of(row.count("x"), row.count("n"), row.level()));
      case "poisson_count" -> {
        Estimate e = PoissonLimits.of(row.count("x"), row.level());
        assertEquals(row.count("x") < 10 ? "exact_poisson" : "byar", e.method());
        assertEquals(row.count("x") < 10, e.lowReliability());
        assertEstimate(row, e);
      }
      case "exact_poisson_not_used" -> {
        // the published limits at 10 and 11 are Byar's, so they must differ from the exact ones
        Estimate e = PoissonLimits.of(row.count("x"), row.level());
        assertEquals("byar", e.method());
        assertNotEquals(row.lower(), e.lower(), 1e-6);
        assertNotEquals(row.upper(), e.upper(), 1e-6);
      }
      case "rate_per_100000" ->
          assertEstimate(row, PoissonRate.of(row.count("x"), row.in("n"), 100_000.0, row.level()));
      case "representation_ratio" ->
          assertEstimate(row, RepresentationRatio.of(row.count("O"), row.in("E"), row.level()));
      case "age_standardised_ratio" -> {
        RepresentationRatio.StandardisedRatio s =
            RepresentationRatio.ageStandardised(
                new long[] {12, 5, 3},
                new long[] {60, 40, 50},
                new double[] {3000, 2500, 1000},
                new double[] {20000, 25000, 30000},
                row.level());
        assertEquals(20, s.observed());
        assertClose(row.in("E"), s.expected(), "expected");
        assertEstimate(row, s.ratio());
      }
      case "year_on_year" -> {
        long x1 = row.count("x1");
        long x2 = row.count("x2");
        YearOnYearChange.Result r =
            YearOnYearChange.of(x1, x2, row.in("T1"), row.in("T2"), row.level());
        assertClose(row.value(), r.ratio(), row + " ratio");
        assertClose(row.lower(), r.ratioLower(), row + " lower");
        assertClose(row.upper(), r.ratioUpper(), row + " upper");
        if (x1 + x2 > 1_000_000) {
          // Commons Math's regularizedBeta builds its power term a ln(x) + b ln(1 - x) from
          // terms of size ~1e7, so at 20 million events the tail is good to ~1.5e-9, not 1e-9
          // (checked against a 40-digit mpmath continued fraction: scipy is the accurate one).
          assertTrue(
              Math.abs(r.pValue() - row.p()) <= 1e-8 * row.p(), row + " p-value " + r.pValue());
        } else {
          assertClose(row.p(), r.pValue(), row + " p-value");
        }
        // percentage change is 100 (R - 1) of the ratio just checked (compared to the
        // ratio itself: near R = 1 the subtraction would magnify a 1e-9 relative error)
        if (row.value() != null) {
          assertEquals(100 * (r.ratio() - 1), r.percentChange(), 0.0);
          assertEquals(100 * (r.ratioUpper() - 1), r.percentChangeUpper(), 0.0);
        }
        assertEquals(100 * (r.ratioLower() - 1), r.percentChangeLower(), 0.0);
        assertEquals(x1 == 0 ? "zero_previous_count" : null, r.nullReason());
        assertEquals("exact_conditional_binomial", r.method());
      }
      case "relative_rate" ->
          assertEstimate(
              row,
              RelativeRate.of(
                  row.count("xg"), row.in("Pg"), row.count("xr"), row.in("Pr"), row.level()));
      case "newcombe" ->
          assertEstimate(
              row,
              NewcombeDifference.of(
                  row.count("x1"), row.count("n1"), row.count("x2"), row.count("n2"), row.level()));
      case "katz" ->
          assertEstimate(
              row,
              KatzRiskRatio.of(
                  row.count("a"), row.count("n1"), row.count("c"), row.count("n2"), row.level()));
      case "fisher_exact" ->
          assertClose(
              row.p(),
              FisherExact.twoSidedPValue(
                  row.count("a"), row.count("b"), row.count("c"), row.count("d")),
              row + " p-value");
      default -> throw new AssertionError("no check for " + row);
    }
  }
}
