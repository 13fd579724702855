package org.safeguardstats.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each wording rule: the phrase it allows when the interval supports the claim, and what it says
 * instead when it does not. Expected phrases are the rules of docs/methods.md (Key findings)
 * applied by hand to the numbers given.
 */
class WordingTest {
  static final double L95 = 0.95;

  @Test
  void percentagesAreWholeAndRoundHalfUpAsTheReportRoundsThem() {
    // 97/200: the double nearest 0.485 is just below it; its decimal form rounds to 49%.
    assertEquals("49%", Wording.percent(97.0 / 200));
    assertEquals("48%", Wording.percent(0.4849));
    assertEquals("3%", Wording.percent(0.025));
    assertEquals("0%", Wording.percent(0.0));
    assertEquals("100%", Wording.percent(1.0));
    assertEquals(18, Wording.wholePercent(-17.5));
    assertEquals("-18%", KeyFindings.signed(-17.6));
    assertEquals("+5%", KeyFindings.signed(4.5));
    assertEquals("0%", KeyFindings.signed(-0.4));
  }

  @Test
  void aFallIsClaimedOnlyWhenItsIntervalExcludesZero() {
    Wording.Phrase fell = Wording.change(-17.6, -29.1, -4.9, null, L95);
    assertEquals("fell by 18%", fell.text());
    assertTrue(fell.claimed());
    Wording.Phrase rose = Wording.change(12.2, 1.5, 24.0, null, L95);
    assertEquals("rose by 12%", rose.text());
    assertTrue(rose.claimed());
  }

  @Test
  void aFallWhoseIntervalIncludesZeroIsWithinChanceOrLittle() {
    Wording.Phrase wide = Wording.change(-17.6, -35.0, 3.0, null, L95);
    assertEquals("fell by 18%, within the range expected by chance", wide.text());
    assertFalse(wide.claimed());
    Wording.Phrase narrow = Wording.change(-3.0, -8.0, 2.5, null, L95);
    assertEquals("changed little", narrow.text());
    assertFalse(narrow.claimed());
    Wording.Phrase zero = Wording.change(0.3, -20.0, 25.0, null, L95);
    assertEquals(
        "showed no clear change",
        zero.text(),
        "a change that rounds to 0% is not 'rose by 0%', nor 'little' with a wide interval");
    assertFalse(zero.claimed());
  }

  @Test
  void aChangeThatRestsOnATestNeedsItsQValueBelowAlpha() {
    Wording.Phrase q = Wording.change(-17.6, -29.1, -4.9, 0.08, L95);
    assertEquals("fell by 18%, within the range expected by chance", q.text());
    assertFalse(q.claimed());
    assertTrue(Wording.change(-17.6, -29.1, -4.9, 0.04, L95).claimed());
    // At 99.8% the same q of 0.04 is not below alpha = 0.002.
    assertFalse(Wording.change(-17.6, -29.1, -4.9, 0.04, 0.998).claimed());
  }

  @Test
  void overAndUnderRepresentationOnlyWhenTheRatioIntervalExcludesOne() {
    assertEquals("over-represented", Wording.representation(1.2, 2.5, null, L95).text());
    assertEquals("under-represented", Wording.representation(0.6, 0.9, 0.01, L95).text());
    Wording.Phrase includes = Wording.representation(0.9, 1.3, null, L95);
    assertEquals("not clearly over- or under-represented", includes.text());
    assertFalse(includes.claimed());
    assertFalse(Wording.representation(1.2, 2.5, 0.2, L95).claimed(), "q-value of 0.2");
    assertFalse(Wording.representation(1.0, 2.5, null, L95).claimed(), "a limit of exactly 1");
  }

  @Test
  void aRatioOfProportionsDiffersOnlyBeyondChance() {
    assertEquals("higher", Wording.ratio(1.01, 3.13, 0.03, L95).text());
    assertEquals("lower", Wording.ratio(0.18, 0.70, 0.002, L95).text());
    assertFalse(Wording.ratio(0.8, 1.4, null, L95).claimed());
  }

  @Test
  void aFairlyEvenSplitOnlyWhenTheIntervalIncludesHalfOrLiesWithinTheMargin() {
    Wording.Phrase even = Wording.split(0.49, 0.45, 0.53, "girls", "boys");
    assertEquals("a fairly even split between girls and boys", even.text());
    // Excludes 50% but lies within 45% to 55%: still fairly even.
    assertEquals(
        "a fairly even split between girls and boys",
        Wording.split(0.47, 0.455, 0.485, "girls", "boys").text());
    // Excludes 50% and reaches below 45%: not even.
    assertEquals("more boys than girls", Wording.split(0.44, 0.42, 0.46, "girls", "boys").text());
    assertEquals("more girls than boys", Wording.split(0.58, 0.54, 0.62, "girls", "boys").text());
  }

  @Test
  void aFractionOnlyWhenTheIntervalContainsItAndItIsNearTheEstimate() {
    assertEquals("a fifth (21%)", Wording.share(0.21, 0.17, 0.25).text());
    assertTrue(Wording.share(0.21, 0.17, 0.25).claimed());
    Wording.Phrase tight = Wording.share(0.21, 0.205, 0.215);
    assertEquals("21%", tight.text(), "the interval excludes a fifth");
    assertFalse(tight.claimed());
    assertEquals("a quarter (27%)", Wording.share(0.27, 0.20, 0.34).text());
    assertEquals("29%", Wording.share(0.29, 0.20, 0.38).text(), "no fraction within 3 points");
    assertEquals("half (52%)", Wording.share(0.52, 0.47, 0.57).text());
    assertEquals("two in five (41%)", Wording.share(0.41, 0.37, 0.45).text());
  }

  @Test
  void aShareOfAGroupReadsAsEnglishWhicheverFormTheRuleAllows() {
    assertEquals("a fifth of children (21%)", Wording.shareOf(0.21, 0.17, 0.25, "children").text());
    assertEquals(
        "four in five children (81%)", Wording.shareOf(0.81, 0.77, 0.85, "children").text());
    Wording.Phrase none = Wording.shareOf(0.29, 0.20, 0.38, "children");
    assertEquals("29% of children", none.text(), "no fraction within 3 points");
    assertFalse(none.claimed());
    assertEquals(
        "21% of children",
        Wording.shareOf(0.21, 0.205, 0.215, "children").text(), "the interval excludes a fifth");
  }

  @Test
  void aBracketedLabelTakesTheShareInsideItsBrackets() {
    assertEquals(
        "sudden unexpected death in infancy (SUDI, 29%)",
        Wording.labelled(r("Sudden unexpected death in infancy (SUDI)", 0.29, 0.24, 0.34)));
    assertEquals("suicide (25%)", Wording.labelled(r("Suicide", 0.25, 0.2, 0.3)));
  }

  static Wording.Ranked r(String label, double share, double lower, double upper) {
    return new Wording.Ranked(label, share, lower, upper);
  }

  @Test
  void theLargestOnlyWhenSeparatedFromTheSecond() {
    Wording.Phrase largest =
        Wording.leading(
            List.of(r("Under 1", 0.30, 0.26, 0.34), r("16 to 17", 0.20, 0.17, 0.24)),
            "the largest age group",
            "the largest age groups");
    assertEquals("under 1 (30%) was the largest age group", largest.text());
    assertTrue(largest.claimed());
    Wording.Phrase close =
        Wording.leading(
            List.of(r("Under 1", 0.30, 0.26, 0.34), r("16 to 17", 0.27, 0.23, 0.31)),
            "the largest age group",
            "the largest age groups");
    assertEquals(
        "under 1 (30%) and 16 to 17 (27%) were the largest age groups, close together",
        close.text());
    assertFalse(close.claimed());
  }

  @Test
  void secondOnlyWhenSeparatedFromBothNeighbours() {
    List<Wording.Ranked> clear =
        List.of(
            r("Under 1", 0.30, 0.26, 0.34),
            r("16 to 17", 0.20, 0.17, 0.23),
            r("11 to 15", 0.12, 0.09, 0.15));
    assertEquals("16 to 17 (20%) second", Wording.second(clear).text());
    List<Wording.Ranked> closeBelow =
        List.of(
            r("Under 1", 0.30, 0.26, 0.34),
            r("16 to 17", 0.20, 0.17, 0.23),
            r("11 to 15", 0.19, 0.16, 0.22));
    assertEquals(
        "16 to 17 (20%) and 11 to 15 (19%) close for second place",
        Wording.second(closeBelow).text());
    assertFalse(Wording.second(closeBelow).claimed());
  }

  @Test
  void nowSecondRatherThanOnlyWhenSeparatedFromTheOneItPassed() {
    Wording.Ranked moved = r("16 to 17", 0.24, 0.21, 0.27);
    Wording.Ranked passed = r("11 to 15", 0.15, 0.12, 0.18);
    Wording.Phrase p = Wording.place(moved, passed, 2, 3);
    assertEquals("16 to 17 (24%) now second rather than 11 to 15", p.text());
    assertTrue(p.claimed());
    Wording.Phrase close = Wording.place(moved, r("11 to 15", 0.22, 0.19, 0.25), 2, 3);
    assertEquals("16 to 17 (24%) now second, close to 11 to 15 (22%)", close.text());
    assertFalse(close.claimed());
    assertEquals("16 to 17 (24%) second again", Wording.place(moved, passed, 2, 2).text());
  }

  @Test
  void labelsReadMidSentenceWithoutTheirCapitalButAcronymsKeepTheirs() {
    assertEquals("suicide", Wording.inSentence("Suicide"));
    assertEquals("SUDI", Wording.inSentence("SUDI"));
    assertEquals("16 to 17", Wording.inSentence("16 to 17"));
  }

  @Test
  void levelsAreWrittenWithoutBinaryNoise() {
    assertEquals("95%", Wording.level(0.95));
    assertEquals("99.8%", Wording.level(0.998));
    assertEquals("95% CI 12% to 30%", Wording.interval(0.95, 0.12, 0.3));
  }
}
