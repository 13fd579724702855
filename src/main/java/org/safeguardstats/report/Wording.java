package org.safeguardstats.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.safeguardstats.stats.ConfidenceLevel;

/**
 * The wording rules of the key findings, in one place: every phrase a finding may use, and when the
 * numbers allow it. A phrase that claims something (a rise, a fall, over-representation, "a fifth",
 * "the largest") is used only when the estimate's interval supports it, and, for a finding that
 * rests on a test, when its Benjamini-Hochberg q-value is below the level's α; otherwise the
 * sentence says the difference is within the range expected by chance, or gives the figure without
 * the claim. Figures are whole percentages rounded half up, as the annual report rounds them.
 */
public final class Wording {
  /**
   * A change whose interval includes zero and lies within ±this many percent "changed little"; a
   * wider one is given with "within the range expected by chance".
   */
  public static final double LITTLE_CHANGE_PERCENT = 10;

  /**
   * A share "a fairly even split" when its interval includes 50% or lies within 50% ± this margin.
   */
  public static final double EVEN_SPLIT_MARGIN = 0.05;

  /** A fraction is named only within this distance of the estimate (and inside its interval). */
  public static final double FRACTION_DISTANCE = 0.03;

  private Wording() {}

  /** A phrase and whether it claims more than chance would give. */
  public record Phrase(String text, boolean claimed) {}

  /** Whole percentage, half up (0.485 → "49%"). */
  public static String percent(double share) {
    return BigDecimal.valueOf(share)
            .movePointRight(2)
            .setScale(0, RoundingMode.HALF_UP)
            .toBigInteger()
            .toString()
        + "%";
  }

  /** A whole number of percent, half up, from a value already in percent (−17.6 → 18). */
  static long wholePercent(double percent) {
    return BigDecimal.valueOf(Math.abs(percent)).setScale(0, RoundingMode.HALF_UP).longValue();
  }

  /** Whether an interval excludes {@code none} and the q-value (when given) is below α. */
  static boolean beyondChance(
      double lower, double upper, double none, Double qValue, double level) {
    boolean excludes = lower > none || upper < none;
    return excludes && (qValue == null || ConfidenceLevel.belowAlpha(qValue, level));
  }

  /**
   * A percentage change: "fell by 18%" / "rose by 18%" when beyond chance; otherwise "changed
   * little" when its interval lies within ±{@link #LITTLE_CHANGE_PERCENT}%, "showed no clear
   * change" when it rounds to 0% with a wider interval, else "fell by 18%, within the range
   * expected by chance".
   */
  public static Phrase change(
      double percent, double lower, double upper, Double qValue, double level) {
    long whole = wholePercent(percent);
    String moved = (percent < 0 ? "fell" : "rose") + " by " + whole + "%";
    if (beyondChance(lower, upper, 0, qValue, level)) {
      return new Phrase(moved, true);
    }
    if (lower >= -LITTLE_CHANGE_PERCENT && upper <= LITTLE_CHANGE_PERCENT) {
      return new Phrase("changed little", false);
    }
    if (whole == 0) {
      // No change in the estimate, but a wide interval: "changed little" would claim too much.
      return new Phrase("showed no clear change", false);
    }
    return new Phrase(moved + ", within the range expected by chance", false);
  }

  /**
   * A representation ratio: "over-represented" when its lower limit is above 1, "under-represented"
   * when its upper limit is below 1 (and the q-value, when given, is below α); otherwise "not
   * clearly over- or under-represented".
   */
  public static Phrase representation(double lower, double upper, Double qValue, double level) {
    if (beyondChance(lower, upper, 1, qValue, level)) {
      return new Phrase(lower > 1 ? "over-represented" : "under-represented", true);
    }
    return new Phrase("not clearly over- or under-represented", false);
  }

  /**
   * A ratio of two groups' proportions: "differs" when its interval excludes 1 (and the q-value,
   * when given, is below α); otherwise "no difference beyond chance".
   */
  public static Phrase ratio(double lower, double upper, Double qValue, double level) {
    return beyondChance(lower, upper, 1, qValue, level)
        ? new Phrase(lower > 1 ? "higher" : "lower", true)
        : new Phrase("no difference beyond chance", false);
  }

  /**
   * Two groups' split from one group's share: "a fairly even split" when the share's interval
   * includes 50% or lies within 50% ± {@link #EVEN_SPLIT_MARGIN}; otherwise "more X than Y". The
   * even split is the claim here: it is made only when the numbers allow it.
   */
  public static Phrase split(double share, double lower, double upper, String group, String other) {
    boolean even =
        (lower <= 0.5 && upper >= 0.5)
            || (lower >= 0.5 - EVEN_SPLIT_MARGIN && upper <= 0.5 + EVEN_SPLIT_MARGIN);
    if (even) {
      return new Phrase("a fairly even split between " + group + " and " + other, true);
    }
    return new Phrase(
        share > 0.5 ? "more " + group + " than " + other : "more " + other + " than " + group,
        true);
  }

  /** A fraction in words; {@code of}: "a fifth of children", else "two in five children". */
  private record Fraction(double value, String words, boolean of) {}

  private static final List<Fraction> FRACTIONS =
      List.of(
          new Fraction(0.1, "a tenth", true),
          new Fraction(0.2, "a fifth", true),
          new Fraction(0.25, "a quarter", true),
          new Fraction(1.0 / 3, "a third", true),
          new Fraction(0.4, "two in five", false),
          new Fraction(0.5, "half", true),
          new Fraction(0.6, "three in five", false),
          new Fraction(2.0 / 3, "two thirds", true),
          new Fraction(0.75, "three quarters", true),
          new Fraction(0.8, "four in five", false),
          new Fraction(0.9, "nine in ten", false));

  /**
   * A share in words: the fraction nearest the estimate ("a fifth", "two in five", "half", "a
   * quarter", ...) when it lies inside the interval and within {@link #FRACTION_DISTANCE} of the
   * estimate; otherwise the whole percentage. The percentage follows the fraction in brackets. A
   * bare percentage claims nothing, so it is not a claim that failed: both are claimed.
   */
  public static Phrase share(double share, double lower, double upper) {
    Fraction f = fraction(share, lower, upper);
    return f == null
        ? new Phrase(percent(share), true)
        : new Phrase(f.words() + " (" + percent(share) + ")", true);
  }

  /**
   * A share of a group in words, by the rule of {@link #share}: "a fifth of children (22%)", "four
   * in five children (83%)", or "45% of children"; "two in five of the children who ..." when the
   * group is a definite one.
   */
  public static Phrase shareOf(double share, double lower, double upper, String group) {
    Fraction f = fraction(share, lower, upper);
    if (f == null) {
      return new Phrase(percent(share) + " of " + group, true);
    }
    boolean of = f.of() || group.startsWith("the ");
    return new Phrase(f.words() + (of ? " of " : " ") + group + " (" + percent(share) + ")", true);
  }

  /** The nearest fraction, when the rule of {@link #share} allows it; else null. */
  private static Fraction fraction(double share, double lower, double upper) {
    Fraction nearest = null;
    for (Fraction f : FRACTIONS) {
      if (nearest == null || Math.abs(f.value() - share) < Math.abs(nearest.value() - share)) {
        nearest = f;
      }
    }
    // Decimal, so that 0.53 and 0.47 are exactly 3 points from half.
    BigDecimal distance =
        BigDecimal.valueOf(share).subtract(BigDecimal.valueOf(nearest.value())).abs();
    return distance.compareTo(BigDecimal.valueOf(FRACTION_DISTANCE)) <= 0
            && lower <= nearest.value()
            && upper >= nearest.value()
        ? nearest
        : null;
  }

  /**
   * One ranked category: its label, share and the share's limits, and (when its table says) whether
   * it is separated beyond chance from the category ranked next below it.
   */
  public record Ranked(
      String label, double share, double lower, double upper, Boolean separatedFromNext) {
    public Ranked(String label, double share, double lower, double upper) {
      this(label, share, lower, upper, null);
    }
  }

  /**
   * Whether two consecutive ranked shares are separated beyond chance: as the table's own test of
   * their difference says when it has one (the higher's {@code separatedFromNext}), otherwise when
   * their intervals do not overlap. The latter is conservative (non-overlap implies a difference at
   * the level; overlap does not imply none: Schenker and Gentleman 2001, The American Statistician
   * 55:182–186), so "close" may be said of shares that a direct test would separate, never the
   * other way round.
   */
  static boolean separated(Ranked higher, Ranked lower) {
    return higher.separatedFromNext() != null
        ? higher.separatedFromNext()
        : higher.lower() > lower.upper();
  }

  /**
   * How many categories lead together: the first, and each next one while it is not separated
   * beyond chance from the one above it (or ties with it).
   */
  public static int leadingGroup(List<Ranked> ranked) {
    int n = 1;
    while (n < ranked.size() && !apart(ranked.get(n - 1), ranked.get(n))) {
      n++;
    }
    return n;
  }

  /** Separated and not tied: a tie is never a ranking, whatever a test says. */
  private static boolean apart(Ranked higher, Ranked lower) {
    return higher.share() != lower.share() && separated(higher, lower);
  }

  /**
   * The leading category: "X (27%) was the largest age group" when separated from the second;
   * otherwise every category not separated from the one above it: "X (27%), Y (25%) and Z (24%)
   * were the largest age groups, close together"; when that is every category, "X (27%) and Y (25%)
   * were close together, none clearly the largest age group". A single category is "the only age
   * group", which ranks nothing and so is not claimed.
   *
   * @param verb the verb of one category ("was"; "were" for labels such as "children under 1")
   * @param superlative "the largest", "the most common"
   * @param singular the noun of one category ("age group"); {@code plural} of several
   */
  public static Phrase leading(
      List<Ranked> ranked, String verb, String superlative, String singular, String plural) {
    Ranked first = ranked.get(0);
    if (ranked.size() == 1) {
      return new Phrase(labelled(first) + " " + verb + " the only " + singular, false);
    }
    int n = leadingGroup(ranked);
    if (n == 1) {
      return new Phrase(labelled(first) + " " + verb + " " + superlative + " " + singular, true);
    }
    String named = list(ranked.subList(0, n).stream().map(Wording::labelled).toList(), "and");
    if (n == ranked.size()) {
      // Every category leads: calling them all "the largest" would say nothing.
      return new Phrase(
          named + " were close together, none clearly " + superlative + " " + singular, false);
    }
    return new Phrase(named + " were " + superlative + " " + plural + ", close together", false);
  }

  /**
   * Items joined as a list: "a, b and c"; when an item's own words (outside its brackets) hold
   * "and", "or" or a comma, semicolons keep the items apart: "risk assessment and decision making
   * (41%); information sharing (34%); and the voice of the child (24%)".
   */
  public static String list(List<String> items, String conjunction) {
    if (items.size() == 1) {
      return items.get(0);
    }
    boolean plain =
        items.stream()
            .map(i -> i.replaceAll("\\([^)]*\\)", ""))
            .noneMatch(i -> i.contains(",") || i.contains(" and ") || i.contains(" or "));
    String last = items.get(items.size() - 1);
    return String.join(plain ? ", " : "; ", items.subList(0, items.size() - 1))
        + (plain ? " " : "; ")
        + conjunction
        + " "
        + last;
  }

  /**
   * The category in second place: "Y (20%) second" when separated from both neighbours; otherwise
   * "Y (20%) and Z (19%) close for second place" (or close to the first).
   */
  public static Phrase second(List<Ranked> ranked) {
    Ranked second = ranked.get(1);
    boolean aboveThird = ranked.size() < 3 || apart(second, ranked.get(2));
    if (apart(ranked.get(0), second) && aboveThird) {
      return new Phrase(labelled(second) + " second", true);
    }
    if (!aboveThird) {
      return new Phrase(
          labelled(second) + " and " + labelled(ranked.get(2)) + " close for second place", false);
    }
    return new Phrase(labelled(second) + " second, close to the first", false);
  }

  /**
   * A change of place between two years, of {@code moved} (now at {@code rank}, previously at
   * {@code previousRank}) against {@code passed}, the category that held that place last year and
   * is now at {@code passedRank}. "X now second rather than Y" when X moved up, Y is now below it
   * and X is separated from Y: by X's own test of the next category when Y is directly below,
   * otherwise by non-overlapping intervals; "X now second, close to Y (22%)" when Y is below but
   * not separated; "X now second, up from third" when Y is now above X (never "rather than" a
   * category ranked above); "X now second, down from first" when X moved down; "X second again"
   * when its place did not change. {@code named}: X's share was given earlier in the sentence, so
   * it is not repeated.
   */
  public static Phrase place(
      Ranked moved, Ranked passed, int rank, int previousRank, int passedRank, boolean named) {
    String x = named ? inSentence(moved.label()) : labelled(moved);
    String ordinal = ordinal(rank);
    if (rank == previousRank) {
      return new Phrase(x + " " + ordinal + " again", false);
    }
    if (rank > previousRank) {
      return new Phrase(x + " now " + ordinal + ", down from " + ordinal(previousRank), false);
    }
    if (passedRank < rank) {
      return new Phrase(x + " now " + ordinal + ", up from " + ordinal(previousRank), false);
    }
    boolean apart =
        passed.share() != moved.share()
            && (passedRank == rank + 1 ? separated(moved, passed) : moved.lower() > passed.upper());
    if (apart) {
      return new Phrase(x + " now " + ordinal + " rather than " + inSentence(passed.label()), true);
    }
    return new Phrase(x + " now " + ordinal + ", close to " + labelled(passed), false);
  }

  /** 1 → "first", 2 → "second", ... (places beyond tenth as "11th"). */
  static String ordinal(int place) {
    List<String> words =
        List.of(
            "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
            "tenth");
    return place >= 1 && place <= words.size() ? words.get(place - 1) : place + "th";
  }

  /**
   * A trend across ordered groups from a test's slope and q-value: "more among older children" when
   * beyond chance (q below α), "fewer among older children", else "with no clear trend".
   */
  public static Phrase trend(double slope, Double qValue, double level) {
    if (qValue != null && ConfidenceLevel.belowAlpha(qValue, level) && slope != 0) {
      return new Phrase(
          slope > 0 ? "more among older children" : "fewer among older children", true);
    }
    return new Phrase("with no clear trend", false);
  }

  /**
   * "label (27%)", the label as it reads mid-sentence; a label that ends in brackets takes the
   * share inside them: "sudden unexpected death in infancy (SUDI, 29%)".
   */
  static String labelled(Ranked r) {
    String label = inSentence(r.label());
    return label.endsWith(")")
        ? label.substring(0, label.length() - 1) + ", " + percent(r.share()) + ")"
        : label + " (" + percent(r.share()) + ")";
  }

  /**
   * A code list's label as it reads mid-sentence: its capital dropped ("Suicide" → "suicide"),
   * unless it starts with an acronym or a capitalised word pair ("SUDI", "EHC").
   */
  static String inSentence(String label) {
    return label.length() > 1
            && Character.isUpperCase(label.charAt(0))
            && Character.isLowerCase(label.charAt(1))
        ? Character.toLowerCase(label.charAt(0)) + label.substring(1)
        : label;
  }

  /** "95% CI 12% to 30%". */
  static String interval(double level, double lower, double upper) {
    return level(level) + " CI " + percent(lower) + " to " + percent(upper);
  }

  /** "95%", "99.8%". */
  static String level(double level) {
    return BigDecimal.valueOf(level).movePointRight(2).stripTrailingZeros().toPlainString() + "%";
  }
}
