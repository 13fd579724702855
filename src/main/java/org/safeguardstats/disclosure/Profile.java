package org.safeguardstats.disclosure;

import java.util.List;
import java.util.Map;
import org.safeguardstats.schema.CodeLists;

/**
 * A disclosure-control profile of {@code data-schemas/code-lists/disclosure_profiles.csv}: counts
 * from 1 to the threshold are suppressed (and zeros, when the profile says they are disclosive);
 * published counts at the rounded geographic levels are rounded to the base, half-up.
 *
 * @param roundedLevels geographic levels whose counts are rounded ({@code all}: every level); empty
 *     for none
 */
public record Profile(
    String name,
    int threshold,
    boolean zerosDisclosive,
    int roundingBase,
    List<String> roundedLevels) {
  static final String FILE = "disclosure_profiles.csv";
  static final String ALL_LEVELS = "all";

  public Profile {
    if (threshold < 1) {
      throw new IllegalArgumentException(
          "A disclosure threshold must be at least 1; got " + threshold);
    }
    if (roundingBase < 0) {
      throw new IllegalArgumentException("A rounding base cannot be negative; got " + roundingBase);
    }
    roundedLevels = List.copyOf(roundedLevels);
  }

  /** The named profile of the code list. */
  public static Profile named(String name) {
    for (Map<String, String> r : CodeLists.rows(FILE)) {
      if (r.get("profile").equals(name)) {
        String levels = r.get("rounded_levels");
        return new Profile(
            name,
            Integer.parseInt(r.get("threshold")),
            Boolean.parseBoolean(r.get("zeros_disclosive")),
            Integer.parseInt(r.get("rounding_base")),
            levels.isEmpty() ? List.of() : List.of(levels.split(";")));
      }
    }
    throw new IllegalArgumentException(
        "No disclosure profile '"
            + name
            + "'; the profiles are "
            + CodeLists.rows(FILE).stream().map(r -> r.get("profile")).toList()
            + " (data-schemas/code-lists/"
            + FILE
            + ").");
  }

  /** The same profile with another threshold (a job file may set 7 or 10 on the default). */
  public Profile withThreshold(int threshold) {
    return new Profile(name, threshold, zerosDisclosive, roundingBase, roundedLevels);
  }

  /** Whether a count is suppressed before any secondary suppression. */
  boolean primary(long count) {
    return count == 0 ? zerosDisclosive : count <= threshold;
  }

  /**
   * The count as published at a geographic level: rounded to the base, half-up, where it applies.
   */
  long rounded(long count, String level) {
    boolean applies =
        roundingBase > 1 && (roundedLevels.contains(ALL_LEVELS) || roundedLevels.contains(level));
    return applies ? Math.floorDiv(count + roundingBase / 2, roundingBase) * roundingBase : count;
  }
}
