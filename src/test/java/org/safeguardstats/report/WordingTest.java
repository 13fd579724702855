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
    // q = 0.05 is not below alpha = 1 - 0.95 = 0.05 (in binary 1 - 0.95 is 0.050000000000000044).
    assertFalse(Wording.change(-17.6, -29.1, -4.9, 0.05, L95).claimed());
    assertTrue(Wording.change(-17.6, -29.1, -4.9, 0.0499, L95).claimed());
    assertFalse(Wording.change(-17.6, -29.1, -4.9, 0.002, 0.998).claimed(), "0.002 at 99.8%");
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
    // The interval excludes 1 but the q-value does not pass: the sample's extrafamilial harm.
    Wording.Phrase q = Wording.ratio(1.01, 3.13, 0.064, L95);
    assertEquals("no difference beyond chance", q.text());
    assertFalse(q.claimed());
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
    assertTrue(tight.claimed(), "a bare percentage claims nothing, so no claim failed");
    assertEquals("a quarter (27%)", Wording.share(0.27, 0.20, 0.34).text());
    assertEquals("29%", Wording.share(0.29, 0.20, 0.38).text(), "no fraction within 3 points");
    assertEquals("half (52%)", Wording.share(0.52, 0.47, 0.57).text());
    assertEquals("two in five (41%)", Wording.share(0.41, 0.37, 0.45).text());
    // 53% and 47% are exactly 3 points from half (in binary, 0.030000000000000027).
    assertEquals("half (53%)", Wording.share(0.53, 0.48, 0.58).text());
    assertEquals("half (47%)", Wording.share(0.47, 0.42, 0.52).text());
    assertEquals("54%", Wording.share(0.54, 0.49, 0.59).text(), "4 points from half");
  }

  @Test
  void aShareOfAGroupReadsAsEnglishWhicheverFormTheRuleAllows() {
    assertEquals("a fifth of children (21%)", Wording.shareOf(0.21, 0.17, 0.25, "children").text());
    assertEquals(
        "four in five children (81%)", Wording.shareOf(0.81, 0.77, 0.85, "children").text());
    Wording.Phrase none = Wording.shareOf(0.29, 0.20, 0.38, "children");
    assertEquals("29% of children", none.text(), "no fraction within 3 points");
    assertTrue(none.claimed(), "a bare percentage claims nothing, so no claim failed");
    assertEquals(
        "two in five of the children who died by suicide (40%)",
        Wording.shareOf(0.40, 0.30, 0.50, "the children who died by suicide").text());
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

  static Wording.Phrase largest(List<Wording.Ranked> ranked) {
    return Wording.leading(ranked, "was", "the largest", "age group", "age groups");
  }

  @Test
  void theLargestOnlyWhenSeparatedFromTheSecond() {
    Wording.Phrase largest =
        largest(List.of(r("Under 1", 0.30, 0.26, 0.34), r("16 to 17", 0.20, 0.17, 0.24)));
    assertEquals("under 1 (30%) was the largest age group", largest.text());
    assertTrue(largest.claimed());
    Wording.Phrase close =
        largest(List.of(r("Under 1", 0.30, 0.26, 0.34), r("16 to 17", 0.27, 0.23, 0.31)));
    assertEquals(
        "under 1 (30%) and 16 to 17 (27%) were close together, none clearly the largest age group",
        close.text(), "every category leads: none is called the largest");
    assertFalse(close.claimed());
  }

  @Test
  void theLeadingGroupExtendsWhileTheNextIsNotSeparated() {
    // 27% overlaps 25% (23-31 against 21-29), 25% overlaps 22% (21-29 against 18-26), 22% is
    // clear of 10% (18-26 against 7-13): three lead together, the fourth is not named.
    List<Wording.Ranked> causes =
        List.of(
            r("Suicide", 0.27, 0.23, 0.31),
            r("SUDI", 0.25, 0.21, 0.29),
            r("Fatal maltreatment", 0.22, 0.18, 0.26),
            r("Other", 0.10, 0.07, 0.13));
    assertEquals(3, Wording.leadingGroup(causes));
    Wording.Phrase three = largest(causes);
    assertEquals(
        "suicide (27%), SUDI (25%) and fatal maltreatment (22%) were the largest age groups,"
            + " close together",
        three.text());
    assertFalse(three.claimed());
    // A table's own test says the first two are apart, but the second and third tie: the tie is
    // named with the second, and the first leads alone.
    List<Wording.Ranked> tie =
        List.of(
            new Wording.Ranked("Curiosity", 0.51, 0.40, 0.62, true),
            new Wording.Ranked("Risk", 0.35, 0.25, 0.46, true),
            new Wording.Ranked("Voice", 0.35, 0.25, 0.46, null));
    assertEquals("curiosity (51%) was the largest age group", largest(tie).text());
    // A tie at the top is grouped even when a test (wrongly) calls it separated.
    List<Wording.Ranked> topTie =
        List.of(
            new Wording.Ranked("Risk", 0.35, 0.30, 0.40, true),
            new Wording.Ranked("Voice", 0.35, 0.30, 0.40, true),
            new Wording.Ranked("Escalation", 0.10, 0.07, 0.13, null));
    assertEquals(
        "risk (35%) and voice (35%) were the largest age groups, close together",
        largest(topTie).text());
  }

  @Test
  void aSingleCategoryIsTheOnlyOneAndNotClaimed() {
    Wording.Phrase only = largest(List.of(r("Under 1", 1.0, 0.8, 1.0)));
    assertEquals("under 1 (100%) was the only age group", only.text());
    assertFalse(only.claimed(), "one category ranks nothing");
  }

  @Test
  void listsKeepTheirItemsApartWhenLabelsHoldAndOrCommas() {
    assertEquals("a", Wording.list(List.of("a"), "and"));
    assertEquals("a and b", Wording.list(List.of("a", "b"), "and"));
    assertEquals(
        "a (1%), b (2%) and c (3%)", Wording.list(List.of("a (1%)", "b (2%)", "c (3%)"), "and"));
    // Commas inside brackets do not count: the brackets keep the items apart.
    assertEquals(
        "White children (ratio 1.08, 95% CI 1.01 to 1.15) and Mixed children (ratio 2.00, 95% CI"
            + " 1.6 to 2.5)",
        Wording.list(
            List.of(
                "White children (ratio 1.08, 95% CI 1.01 to 1.15)",
                "Mixed children (ratio 2.00, 95% CI 1.6 to 2.5)"),
            "and"));
    assertEquals(
        "suicide or self-harm (0.68); extrafamilial harm (1.78); or sexual abuse or exploitation"
            + " (0.35)",
        Wording.list(
            List.of(
                "suicide or self-harm (0.68)",
                "extrafamilial harm (1.78)",
                "sexual abuse or exploitation (0.35)"),
            "or"));
  }

  @Test
  void secondOnlyWhenSeparatedFromBothNeighbours() {
    List<Wording.Ranked> clear =
        List.of(
            r("Under 1", 0.30, 0.26, 0.34),
            r("16 to 17", 0.20, 0.17, 0.23),
            r("11 to 15", 0.12, 0.09, 0.15));
    assertEquals("16 to 17 (20%) second", Wording.second(clear).text());
    assertTrue(Wording.second(clear).claimed());
    List<Wording.Ranked> closeBelow =
        List.of(
            r("Under 1", 0.30, 0.26, 0.34),
            r("16 to 17", 0.20, 0.17, 0.23),
            r("11 to 15", 0.19, 0.16, 0.22));
    assertEquals(
        "16 to 17 (20%) and 11 to 15 (19%) close for second place",
        Wording.second(closeBelow).text());
    assertFalse(Wording.second(closeBelow).claimed());
    // Clear of the third (17-23 against 9-15) but overlapping the first (26-34 against 22-30).
    List<Wording.Ranked> closeAbove =
        List.of(
            r("Under 1", 0.30, 0.26, 0.34),
            r("16 to 17", 0.26, 0.22, 0.30),
            r("11 to 15", 0.12, 0.09, 0.15));
    Wording.Phrase p = Wording.second(closeAbove);
    assertEquals("16 to 17 (26%) second, close to the first", p.text());
    assertFalse(p.claimed());
  }

  @Test
  void nowSecondRatherThanOnlyWhenSeparatedFromTheOneItPassed() {
    Wording.Ranked moved = r("16 to 17", 0.24, 0.21, 0.27);
    Wording.Ranked passed = r("11 to 15", 0.15, 0.12, 0.18);
    Wording.Phrase p = Wording.place(moved, passed, 2, 3, 3, false);
    assertEquals("16 to 17 (24%) now second rather than 11 to 15", p.text());
    assertTrue(p.claimed());
    Wording.Phrase close = Wording.place(moved, r("11 to 15", 0.22, 0.19, 0.25), 2, 3, 3, false);
    assertEquals("16 to 17 (24%) now second, close to 11 to 15 (22%)", close.text());
    assertFalse(close.claimed());
    assertEquals(
        "16 to 17 (24%) second again", Wording.place(moved, passed, 2, 2, 3, false).text());
    // Named earlier in the sentence: its share is not repeated.
    assertEquals(
        "16 to 17 now second rather than 11 to 15",
        Wording.place(moved, passed, 2, 3, 3, true).text());
  }

  @Test
  void aPlaceIsNeverRatherThanACategoryNowAboveNorClaimedWhenMovingDown() {
    Wording.Ranked moved = r("16 to 17", 0.24, 0.21, 0.27);
    // The band that was second is now first: "rather than" it would be false.
    Wording.Phrase above = Wording.place(moved, r("Under 1", 0.30, 0.27, 0.33), 2, 3, 1, false);
    assertEquals("16 to 17 (24%) now second, up from third", above.text());
    assertFalse(above.claimed());
    Wording.Phrase down = Wording.place(moved, r("Under 1", 0.30, 0.27, 0.33), 2, 1, 1, false);
    assertEquals("16 to 17 (24%) now second, down from first", down.text());
    assertFalse(down.claimed());
  }

  @Test
  void aPassedBandNotDirectlyBelowIsComparedByIntervalsNotByTheNextTest() {
    // The moved band's own test says it is separated from the band directly below (third), but
    // the band it passed is now fourth and its interval overlaps: close, not "rather than".
    Wording.Ranked moved = new Wording.Ranked("16 to 17", 0.24, 0.20, 0.28, true);
    Wording.Phrase p = Wording.place(moved, r("11 to 15", 0.21, 0.17, 0.25), 2, 3, 4, false);
    assertEquals("16 to 17 (24%) now second, close to 11 to 15 (21%)", p.text());
    assertFalse(p.claimed());
    // And the same test is used when the passed band is directly below, even with overlap.
    assertTrue(Wording.place(moved, r("11 to 15", 0.21, 0.17, 0.25), 2, 3, 3, false).claimed());
  }

  @Test
  void aTrendOnlyWhenItsQValueIsBelowAlpha() {
    Wording.Phrase up = Wording.trend(0.05, 0.001, L95);
    assertEquals("more among older children", up.text());
    assertTrue(up.claimed());
    Wording.Phrase down = Wording.trend(-0.05, 0.001, L95);
    assertEquals("fewer among older children", down.text());
    assertTrue(down.claimed());
    // A real slope whose q-value does not pass.
    Wording.Phrase notClaimed = Wording.trend(-0.05, 0.2, L95);
    assertEquals("with no clear trend", notClaimed.text());
    assertFalse(notClaimed.claimed());
    assertFalse(Wording.trend(0.05, 0.01, 0.998).claimed(), "0.01 at 99.8%");
    assertFalse(Wording.trend(0.05, 0.05, L95).claimed(), "q = alpha is not below it");
    assertFalse(Wording.trend(0.05, null, L95).claimed(), "no test");
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
