package org.safeguardstats.sample;

/**
 * What the synthetic sample covers.
 *
 * @param firstYear first reporting year (year ending 31 March), e.g. 2019 for 2018-19
 * @param lastYear last reporting year, e.g. 2024 for 2023-24
 * @param scale multiplier on the number of incidents (and reviews) per year; 1 = the calibrated
 *     sample (e.g. 330 incidents in 2024). The population baseline does not scale.
 * @param seed seed of every hash; same seed and spec give byte-identical output
 */
public record SampleSpec(int firstYear, int lastYear, double scale, long seed) {

  public static final long DEFAULT_SEED = 20240331L;

  public SampleSpec {
    if (firstYear > lastYear) {
      throw new IllegalArgumentException(
          "firstYear " + firstYear + " is after lastYear " + lastYear);
    }
    if (firstYear < 1900 || lastYear > 2999) {
      throw new IllegalArgumentException(
          "reporting years must be four-digit years: " + firstYear + ".." + lastYear);
    }
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException("scale must be a positive number: " + scale);
    }
  }

  /**
   * The calibrated default: reporting years 2019 to 2024 (2018-19 to 2023-24), scale 1, seed
   * 20240331.
   */
  public static SampleSpec defaults() {
    return new SampleSpec(2019, 2024, 1.0, DEFAULT_SEED);
  }

  public SampleSpec withScale(double newScale) {
    return new SampleSpec(firstYear, lastYear, newScale, seed);
  }

  public SampleSpec withSeed(long newSeed) {
    return new SampleSpec(firstYear, lastYear, scale, newSeed);
  }
}
