package org.safeguardstats.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Year-on-year changes, share changes, homogeneity tests and 2×2 associations (Katz interval,
 * Rao-Scott test) of children clustered in incidents. Expected values come from {@code
 * src/test/resources/stats/clustered_values.py} (scipy 1.17.1: beta quantiles and the regularised
 * incomplete beta for real effective counts, normal quantile, chi-square tail, chi2_contingency for
 * the 2×2 tables; the design effects from the linearised formula written out there), not from the
 * project's code.
 */
class ClusteredMethodsTest {
  private static final double REL = 1e-9;

  private static void close(double expected, Double actual) {
    assertEquals(expected, actual, Math.abs(expected) * REL + 1e-14);
  }

  @Test
  void changeDesignEffectIsThatOfTheShareOfTheTwoYears() {
    close(1.8883769198837694, DesignEffect.ofChange(400, 760, 330, 620));
    // Singletons in both years: no design effect.
    assertEquals(1.0, DesignEffect.ofChange(400, 400, 330, 330), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> DesignEffect.ofChange(5, 4, 3, 3));
  }

  @Test
  void yearOnYearChangeOnEffectiveCounts() {
    double d = 1.8883769198837694;
    YearOnYearChange.Result c = YearOnYearChange.clustered(400, 330, 1, 1, d, 0.95);
    assertEquals(YearOnYearChange.CLUSTERED, c.method());
    close(330.0 / 400.0, c.ratio());
    close(0.6713524140307581, c.ratioLower());
    close(1.0127490282155136, c.ratioUpper());
    close(0.06644233500062457, c.pValue());

    YearOnYearChange.Result r = YearOnYearChange.clustered(400, 330, 11886910, 11998646, d, 0.95);
    close(0.6651005224978184, r.ratioLower());
    close(1.003317920287445, r.ratioUpper());
    close(0.05392975600386699, r.pValue());

    YearOnYearChange.Result small = YearOnYearChange.clustered(3, 9, 1, 1, 1.5, 0.998);
    close(0.2386972602346097, small.ratioLower());
    close(164.31834029807712, small.ratioUpper());
    close(0.2890625, small.pValue());

    YearOnYearChange.Result none = YearOnYearChange.clustered(5, 0, 1, 1, 1.9, 0.95);
    assertEquals(0.0, none.ratioLower());
    close(3.062401058641341, none.ratioUpper());
    close(0.3227347994868512, none.pValue());
  }

  @Test
  void designEffectOfOneIsTheUnclusteredChange() {
    YearOnYearChange.Result plain = YearOnYearChange.of(17, 29, 1000, 1100, 0.95);
    YearOnYearChange.Result one = YearOnYearChange.clustered(17, 29, 1000, 1100, 1.0, 0.95);
    assertEquals(plain.ratioLower(), one.ratioLower(), 0.0);
    assertEquals(plain.ratioUpper(), one.ratioUpper(), 0.0);
    assertEquals(plain.pValue(), one.pValue(), 0.0);
    assertThrows(
        IllegalArgumentException.class, () -> YearOnYearChange.clustered(1, 2, 1, 1, 0.9, 0.95));
    assertEquals(
        "zero_previous_count", YearOnYearChange.clustered(0, 4, 1, 1, 1.7, 0.95).nullReason());
  }

  @Test
  void shareChangeOnEffectiveSampleSizes() {
    Estimate e = NewcombeDifference.clustered(120, 400, 1.6, 90, 380, 1.3, 0.95);
    assertEquals(NewcombeDifference.CLUSTERED, e.method());
    close(90.0 / 380 - 120.0 / 400, e.value());
    close(-0.13782057745759702, e.lower());
    close(0.011366029823306062, e.upper());
    assertEquals(
        "no_denominator", NewcombeDifference.clustered(0, 0, 1, 1, 2, 1, 0.95).nullReason());
  }

  @Test
  void raoScottDividesPearsonByTheMeanDesignEffect() {
    long[][] t = {{30, 42, 25}, {55, 40, 61}, {15, 22, 9}};
    double[][] d = {{1.4, 1.9, 1.2}, {1.6, 1.5, 1.8}, {1.1, 1.3, 1.7}};
    RaoScott.Result r = RaoScott.of(t, d);
    close(14.261467333082903, r.pearson().statistic());
    close(1.4756370174830258, r.designEffect());
    close(0.04647244078906113, r.pValue());
    double[][] ones = {{1, 1, 1}, {1, 1, 1}, {1, 1, 1}};
    RaoScott.Result plain = RaoScott.of(t, ones);
    assertEquals(1.0, plain.designEffect(), 1e-12);
    close(0.00650566134395951, plain.pValue());
    // A degenerate table has no test.
    RaoScott.Result none =
        RaoScott.of(new long[][] {{0, 0}, {3, 4}}, new double[][] {{1, 1}, {1, 1}});
    assertNull(none.designEffect());
    assertNull(none.pValue());
    assertEquals("degenerate_table", none.pearson().nullReason());
  }

  @Test
  void katzIntervalOnEachGroupsEffectiveCounts() {
    // clustered_values.py: Katz's formula written out on a/D1 of n1/D1 and c/D2 of n2/D2.
    Estimate e = KatzRiskRatio.clustered(58, 294, 1.3, 24, 311, 1.15, 0.95);
    assertEquals("katz_log_design_effect", e.method());
    close(2.5564058956916096, e.value());
    close(1.5679134600598283, e.lower());
    close(4.168094266680669, e.upper());
    Estimate wide = KatzRiskRatio.clustered(58, 294, 1.3, 24, 311, 1.15, 0.998);
    close(1.1827388785933157, wide.lower());
    close(5.525489372006981, wide.upper());
    // D = 1 is the unclustered interval (scipy.stats.relative_risk's golden value).
    Estimate one = KatzRiskRatio.clustered(58, 294, 1, 24, 311, 1, 0.95);
    Estimate plain = KatzRiskRatio.of(58, 294, 24, 311, 0.95);
    close(1.632988651848711, one.lower());
    close(4.001994193975745, one.upper());
    assertEquals(plain.lower(), one.lower(), 0.0);
    assertEquals(plain.upper(), one.upper(), 0.0);
    assertEquals("zero_count", KatzRiskRatio.clustered(0, 5, 1.2, 3, 4, 1, 0.95).nullReason());
    assertEquals(
        "katz_log_design_effect", KatzRiskRatio.clustered(0, 5, 1.2, 3, 4, 1, 0.95).method());
    assertEquals("no_denominator", KatzRiskRatio.clustered(0, 0, 1, 3, 4, 1, 0.95).nullReason());
    assertThrows(
        IllegalArgumentException.class, () -> KatzRiskRatio.clustered(2, 5, 0.9, 3, 4, 1, 0.95));
  }

  @Test
  void twoByTwoRaoScottIsTheTwoSampleTestWithEachSharesDesignEffect() {
    // clustered_values.py: X² and expected counts from scipy's chi2_contingency; the clustered
    // p-value from the z-test of p1 = p2 with variance p(1 − p)(D1/n1 + D2/n2), δ = X² / z².
    TwoByTwoTest.Result r = TwoByTwoTest.clustered(58, 294, 1.3, 24, 311, 1.15);
    assertEquals(RaoScott.METHOD, r.method());
    close(18.607798422210955, r.statistic());
    close(1.2271074380165292, r.designEffect());
    close(9.856725920961037e-05, r.pValue());
    close(1.605623923715861e-05, r.asymptoticPValue());
    close(39.84793388429752, r.smallestExpected());
    assertEquals(1, r.degreesOfFreedom());
    assertEquals(Boolean.TRUE, r.reliable());
    // An expected count below 5: still Rao-Scott's p-value (Fisher's assumes independent
    // children), flagged not reliable.
    TwoByTwoTest.Result small = TwoByTwoTest.clustered(2, 15, 1.4, 6, 20, 1.2);
    assertEquals(RaoScott.METHOD, small.method());
    assertEquals(Boolean.FALSE, small.reliable());
    close(1.3503086419753088, small.statistic());
    close(1.3142857142857145, small.designEffect());
    close(0.3107680558962743, small.pValue());
    close(0.24522416685429996, small.asymptoticPValue());
    close(3.4285714285714284, small.smallestExpected());
    // Design effects of 1: Pearson's test.
    TwoByTwoTest.Result one = TwoByTwoTest.clustered(58, 294, 1, 24, 311, 1);
    assertEquals(1.0, one.designEffect(), 1e-15);
    close(1.605623923715861e-05, one.pValue());
    // No girl with the harm and no girl at all: a degenerate table, no test.
    TwoByTwoTest.Result none = TwoByTwoTest.clustered(3, 7, 1.2, 0, 0, 1);
    assertEquals("degenerate_table", none.nullReason());
    assertNull(none.pValue());
    assertNull(none.designEffect());
    assertNull(none.method());
    assertThrows(IllegalArgumentException.class, () -> TwoByTwoTest.clustered(8, 7, 1, 0, 1, 1));
  }

  @Test
  void representationRatioOnEffectiveCountsWithItsScoreTest() {
    Estimate one =
        RepresentationRatio.wilsonOverPopulationShareClustered(700, 1000, 0.65, 1.9, 0.95);
    assertEquals("wilson_over_population_share_design_effect", one.method());
    close(700 / 650.0, one.value());
    close(1.014639631214255, one.lower());
    close(1.134747516051315, one.upper());
    close(
        0.0161755482969553, RepresentationRatio.scoreTestPValue(700 / 1.9, 650 / 1.9, 422.5 / 1.9));
    close(0.0009165370761145319, RepresentationRatio.scoreTestPValue(700, 650, 422.5));

    RepresentationRatio.Strata strata =
        RepresentationRatio.strata(
            new long[] {30, 55},
            new long[] {200, 150},
            new double[] {10, 30},
            new double[] {100, 100});
    Estimate two = RepresentationRatio.stratifiedBinomialScoreClustered(strata, 1.6, 0.95);
    assertEquals("stratified_binomial_score_design_effect", two.method());
    close(1.3076923076923077, two.value());
    close(1.036093058939882, two.lower());
    close(1.6140923563220944, two.upper());
    close(
        0.02461876138081516,
        RepresentationRatio.scoreTestPValue(
            strata.observed() / 1.6, strata.expected() / 1.6, strata.sumNp2() / 1.6));
    // No variance under the null (population share 1): no test.
    assertNull(RepresentationRatio.scoreTestPValue(5, 5, 5));
  }

  @Test
  void subnormalExposuresAreNullWithAReasonNotAnError() {
    // Issue 8: degenerate inputs never throw. 1000 / 4.9e-324 is beyond the doubles.
    for (YearOnYearChange.Result r :
        new YearOnYearChange.Result[] {
          YearOnYearChange.of(5, 3, 1000, Double.MIN_VALUE, 0.95),
          YearOnYearChange.of(5, 3, 1e308, 1e-300, 0.95),
          YearOnYearChange.clustered(5, 3, 1000, Double.MIN_VALUE, 1.5, 0.95),
          YearOnYearChange.of(0, 3, 1000, Double.MIN_VALUE, 0.95)
        }) {
      assertNull(r.ratio());
      assertNull(r.ratioLower());
      assertEquals("outside_double_range", r.nullReason());
    }
  }
}
