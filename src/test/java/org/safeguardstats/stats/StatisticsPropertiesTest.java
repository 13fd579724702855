package org.safeguardstats.stats;

import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Scale;

/** Invariants that hold for every input, checked on random inputs by jqwik. */
class StatisticsPropertiesTest {

  private static void assertOrdered(Estimate e, String at) {
    assertTrue(e.lower() <= e.value() && e.value() <= e.upper(), at + ": " + e);
  }

  private static void assertWider(Estimate narrow, Estimate wide, String at) {
    assertTrue(
        wide.lower() <= narrow.lower() && narrow.upper() <= wide.upper(),
        at + ": " + narrow + " vs " + wide);
  }

  @Property(tries = 300)
  void wilsonLimitsBracketTheShareAndWidenWithTheLevel(
      @ForAll @LongRange(min = 1, max = 10_000_000) long n,
      @ForAll @DoubleRange(min = 0.0, max = 1.0) double fraction,
      @ForAll @DoubleRange(min = 0.5, max = 0.99) double level,
      @ForAll @DoubleRange(min = 0.001, max = 0.009) @Scale(4) double extra) {
    long x = Math.round(fraction * n);
    Estimate e = WilsonInterval.of(x, n, level);
    assertOrdered(e, "x=" + x + " n=" + n);
    assertTrue(e.lower() >= 0.0 && e.upper() <= 1.0);
    assertWider(e, WilsonInterval.of(x, n, level + extra), "x=" + x + " n=" + n);
    assertWider(
        WilsonInterval.of(x, n, 0.95), WilsonInterval.of(x, n, 0.998), "x=" + x + " n=" + n);
  }

  @Property(tries = 300)
  void poissonLimitsBracketTheCountAndWidenWithTheLevel(
      @ForAll @LongRange(min = 0, max = 100_000_000) long o,
      @ForAll @DoubleRange(min = 0.5, max = 0.99) double level,
      @ForAll @DoubleRange(min = 0.001, max = 0.009) @Scale(4) double extra) {
    Estimate e = PoissonLimits.of(o, level);
    assertOrdered(e, "O=" + o);
    assertTrue(e.lower() >= 0.0);
    assertWider(e, PoissonLimits.of(o, level + extra), "O=" + o);
    assertWider(PoissonLimits.of(o, 0.95), PoissonLimits.of(o, 0.998), "O=" + o);
  }

  @Property(tries = 200)
  void smallCountsAreAlwaysExactAndLowReliability(@ForAll @LongRange(min = 0, max = 30) long o) {
    Estimate e = PoissonLimits.of(o, 0.95);
    assertTrue(e.lowReliability() == (o < 10));
    assertTrue(e.method().equals(o < 10 ? "exact_poisson" : "byar"));
  }

  @Property(tries = 300)
  void ratesBracketTheRate(
      @ForAll @LongRange(min = 0, max = 10_000_000) long o,
      @ForAll @DoubleRange(min = 1, max = 1e8) double population) {
    assertOrdered(PoissonRate.of(o, population, 100_000, 0.95), "O=" + o + " P=" + population);
  }

  @Property(tries = 300)
  void representationRatioContainsOneWhenObservedEqualsExpected(
      @ForAll @LongRange(min = 1, max = 10_000_000) long o,
      @ForAll @DoubleRange(min = 0.5, max = 0.999) @Scale(4) double level) {
    Estimate e = RepresentationRatio.of(o, o, level);
    assertTrue(e.lower() <= 1.0 && 1.0 <= e.upper(), "O=E=" + o + ": " + e);
  }

  @Property(tries = 200)
  void yearOnYearIntervalForEqualCountsContainsNoChange(
      @ForAll @LongRange(min = 1, max = 1_000_000) long x,
      @ForAll @DoubleRange(min = 0.5, max = 0.999) @Scale(4) double level) {
    YearOnYearChange.Result r = YearOnYearChange.of(x, x, 1, 1, level);
    assertTrue(r.percentChangeLower() <= 0.0 && 0.0 <= r.percentChangeUpper(), "x=" + x + ": " + r);
    assertTrue(r.pValue() == 1.0, "x=" + x + ": " + r);
  }

  @Property(tries = 200)
  void yearOnYearLimitsBracketTheRatioAndWidenWithTheLevel(
      @ForAll @LongRange(min = 1, max = 100_000) long previous,
      @ForAll @LongRange(min = 0, max = 100_000) long current,
      @ForAll @DoubleRange(min = 1, max = 1e7) double t1,
      @ForAll @DoubleRange(min = 1, max = 1e7) double t2) {
    YearOnYearChange.Result r = YearOnYearChange.of(previous, current, t1, t2, 0.95);
    YearOnYearChange.Result wide = YearOnYearChange.of(previous, current, t1, t2, 0.998);
    String at = previous + " -> " + current + " over " + t1 + ", " + t2;
    assertTrue(r.ratioLower() <= r.ratio() && r.ratio() <= r.ratioUpper(), at + ": " + r);
    assertTrue(wide.ratioLower() <= r.ratioLower() && r.ratioUpper() <= wide.ratioUpper(), at);
    // p may underflow to 0 for extreme counts, but never leaves [0, 1]
    assertTrue(r.pValue() >= 0.0 && r.pValue() <= 1.0, at);
  }

  @Property(tries = 100)
  void zeroPreviousCountAlwaysHasAFiniteLowerLimit(
      @ForAll @LongRange(min = 1, max = 1_000_000) long current) {
    YearOnYearChange.Result r = YearOnYearChange.of(0, current, 1, 1, 0.95);
    assertTrue(r.ratio() == null && r.ratioUpper() == null && r.ratioLower() > 0.0, r.toString());
  }
}
