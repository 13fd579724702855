package org.safeguardstats.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.safeguardstats.testing.Fixtures;

/**
 * The disclosure auditor on hand-made tables (bounds worked out by hand in the comments) and on
 * larger cases whose bounds come from {@code src/test/resources/stats/audit_values.py}
 * (scipy.optimize.linprog on each case as one programme, not split; rerun with {@code python3
 * src/test/resources/stats/audit_values.py}, which rewrites audit-cases.csv and audit-values.csv).
 * Threshold 5 throughout unless said.
 */
class LinearAuditTest {
  static final int THRESHOLD = 5;

  @Test
  void aSingleSuppressedPartOfAPublishedTotalIsRecovered() {
    // total 12 = a 7 + b: b = 12 − 7 = 5 exactly.
    LinearAudit.Report r = oneSuppressedPart(12, 7).audit(THRESHOLD);
    assertBounds(r, "b", 5, 5);
    assertFalse(r.passes(), r.toString());
    assertEquals(List.of("b"), cells(r.unprotected()));
    assertTrue(r.toString().contains("b [5, 5] (exactly recovered) through sum"), r.toString());
  }

  /** total = a + b with b suppressed. */
  private static LinearAudit oneSuppressedPart(long total, long a) {
    return new LinearAudit()
        .published("total", total)
        .published("a", a)
        .suppressed("b")
        .sum("sum", "total", "a", "b");
  }

  @Test
  void twoSuppressedPartsAreProtectedOnlyWhenTheirSumIsAtLeastTheThreshold() {
    // total 20 = a 16 + b + c: b + c = 4, so each lies in [0, 4], 4 wide < 5: unprotected.
    LinearAudit.Report narrow = pair(20, 16).audit(THRESHOLD);
    assertBounds(narrow, "b", 0, 4);
    assertBounds(narrow, "c", 0, 4);
    assertEquals(List.of("b", "c"), cells(narrow.unprotected()), narrow.toString());
    // total 20 = a 15 + b + c: b + c = 5, each in [0, 5], 5 wide: protected (at the boundary).
    LinearAudit.Report edge = pair(20, 15).audit(THRESHOLD);
    assertBounds(edge, "b", 0, 5);
    assertTrue(edge.passes(), edge.toString());
    // total 20 = a 8 + b + c: b + c = 12, each in [0, 12].
    LinearAudit.Report wide = pair(20, 8).audit(THRESHOLD);
    assertBounds(wide, "c", 0, 12);
    assertTrue(wide.passes(), wide.toString());
    // The same [0, 12] is too narrow at threshold 7 + 6 = 13.
    assertFalse(pair(20, 8).audit(13).passes());
  }

  private static LinearAudit pair(long total, long a) {
    return new LinearAudit()
        .published("total", total)
        .published("a", a)
        .suppressed("b")
        .suppressed("c")
        .sum("sum", "total", "a", "b", "c");
  }

  /**
   * A 3 × 3 table with row totals R, column totals C and the grand total:
   *
   * <pre>
   *        c0  c1  c2 |  R
   *   r0    2  10  12 | 24
   *   r1    8  15   9 | 32
   *   r2   11   7  14 | 32
   *   C    21  32  35 | 88
   * </pre>
   */
  static LinearAudit table(String... suppressed) {
    long[][] t = {{2, 10, 12}, {8, 15, 9}, {11, 7, 14}};
    List<String> hidden = List.of(suppressed);
    LinearAudit a = new LinearAudit();
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        String id = "r" + i + "c" + j;
        if (hidden.contains(id)) {
          a.suppressed(id);
        } else {
          a.published(id, t[i][j]);
        }
      }
    }
    for (int i = 0; i < 3; i++) {
      a.published("r" + i, t[i][0] + t[i][1] + t[i][2]);
      a.published("c" + i, t[0][i] + t[1][i] + t[2][i]);
      a.sum("row" + i, "r" + i, "r" + i + "c0", "r" + i + "c1", "r" + i + "c2");
      a.sum("col" + i, "c" + i, "r0c" + i, "r1c" + i, "r2c" + i);
    }
    a.published("t", 88);
    a.sum("total", "t", "r0", "r1", "r2");
    return a;
  }

  @Test
  void aPrimaryOnlyTwoWayTableFails() {
    // r0c0 = r0 24 − 10 − 12 = 2 (and = c0 21 − 8 − 11 = 2).
    LinearAudit.Report r = table("r0c0").audit(THRESHOLD);
    assertBounds(r, "r0c0", 2, 2);
    assertFalse(r.passes());
    assertEquals(List.of("col0", "row0"), r.of("r0c0").relations().stream().sorted().toList());
  }

  @Test
  void theFourCornersOfARectangleProtectATwoWayTable() {
    // Suppress r0c0, r0c1, r1c0, r1c1. Rows: x00 + x01 = 24 − 12 = 12, x10 + x11 = 32 − 9 = 23;
    // columns: x00 + x10 = 21 − 11 = 10, x01 + x11 = 32 − 7 = 25. One freedom, x00 = s:
    // x01 = 12 − s, x10 = 10 − s, x11 = 13 + s, all ≥ 0 for s in [0, 10]. So x00 in [0, 10],
    // x01 in [2, 12], x10 in [0, 10], x11 in [13, 23]: all 10 wide.
    LinearAudit.Report r = table("r0c0", "r0c1", "r1c0", "r1c1").audit(THRESHOLD);
    assertBounds(r, "r0c0", 0, 10);
    assertBounds(r, "r0c1", 2, 12);
    assertBounds(r, "r1c0", 0, 10);
    assertBounds(r, "r1c1", 13, 23);
    assertTrue(r.passes(), r.toString());
    assertEquals(1, r.blocks());
    // At threshold 11 the same pattern is too narrow everywhere.
    assertEquals(4, table("r0c0", "r0c1", "r1c0", "r1c1").audit(11).unprotected().size());
  }

  /**
   * Table A, incidents by region: England 20 = North 3 (primary) + Midlands 8 (complement) + South
   * 9. Table B, Midlands incidents by nature: 8 = deaths 5 + serious harm 3, all published. B's
   * total is A's Midlands cell (relation "same"): alone, A has North + Midlands = 20 − 9 = 11, each
   * in [0, 11]; B has nothing suppressed. Together Midlands = 8, so North = 20 − 8 − 9 = 3.
   */
  @Test
  void linkedTablesSharingATotalPinACellThatEachAloneProtects() {
    LinearAudit alone = regions();
    LinearAudit.Report a = alone.audit(THRESHOLD);
    assertBounds(a, "A.north", 0, 11);
    assertTrue(a.passes(), a.toString());
    assertTrue(midlandsByNature(new LinearAudit()).audit(THRESHOLD).passes());

    LinearAudit both = midlandsByNature(regions());
    both.relation("same", Map.of("A.midlands", 1L, "B.total", -1L));
    LinearAudit.Report r = both.audit(THRESHOLD);
    assertBounds(r, "A.north", 3, 3);
    assertBounds(r, "A.midlands", 8, 8);
    assertFalse(r.passes());
    assertEquals(List.of("england", "same"), r.of("A.north").relations());
  }

  private static LinearAudit regions() {
    return new LinearAudit()
        .published("A.england", 20)
        .suppressed("A.north")
        .suppressed("A.midlands")
        .published("A.south", 9)
        .sum("england", "A.england", "A.north", "A.midlands", "A.south");
  }

  private static LinearAudit midlandsByNature(LinearAudit a) {
    return a.published("B.total", 8)
        .published("B.death", 5)
        .published("B.serious_harm", 3)
        .sum("nature", "B.total", "B.death", "B.serious_harm");
  }

  /**
   * A hierarchy: England 46 = North 17 + South 29; North = NE 2 + NW 6 + YH 9; South = SE 10 + SW 7
   * + L 12.
   */
  static LinearAudit hierarchy(String... suppressed) {
    Map<String, Long> v = new LinkedHashMap<>();
    v.put("england", 46L);
    v.put("north", 17L);
    v.put("south", 29L);
    v.put("ne", 2L);
    v.put("nw", 6L);
    v.put("yh", 9L);
    v.put("se", 10L);
    v.put("sw", 7L);
    v.put("l", 12L);
    List<String> hidden = List.of(suppressed);
    LinearAudit a = new LinearAudit();
    v.forEach(
        (cell, value) -> {
          if (hidden.contains(cell)) {
            a.suppressed(cell);
          } else {
            a.published(cell, value);
          }
        });
    return a.sum("england", "england", "north", "south")
        .sum("north", "north", "ne", "nw", "yh")
        .sum("south", "south", "se", "sw", "l");
  }

  @Test
  void aHierarchicalTable() {
    // NE with NW in the North: NE + NW = 17 − 9 = 8, each in [0, 8].
    LinearAudit.Report siblings = hierarchy("ne", "nw").audit(THRESHOLD);
    assertBounds(siblings, "ne", 0, 8);
    assertTrue(siblings.passes(), siblings.toString());
    // NE with its sub-total: North = 46 − 29 = 17, then NE = 17 − 6 − 9 = 2.
    LinearAudit.Report parent = hierarchy("ne", "north").audit(THRESHOLD);
    assertBounds(parent, "north", 17, 17);
    assertBounds(parent, "ne", 2, 2);
    assertFalse(parent.passes());
    // NE and SE with both sub-totals: NE = North − 15 ≥ 0, SE = South − 19 ≥ 0 and North + South
    // = 46, so North in [15, 27], South in [19, 31], NE = North − 15 in [0, 12], SE in [0, 12].
    LinearAudit.Report both = hierarchy("ne", "se", "north", "south").audit(THRESHOLD);
    assertBounds(both, "north", 15, 27);
    assertBounds(both, "south", 19, 31);
    assertBounds(both, "ne", 0, 12);
    assertBounds(both, "se", 0, 12);
    assertTrue(both.passes(), both.toString());
  }

  @Test
  void aCellThatNothingBoundsAboveIsProtected() {
    // total (suppressed) = a 4 + b: b ≥ 0 and total = 4 + b ≥ 4, neither bounded above; c is in no
    // relation at all.
    LinearAudit.Report r =
        new LinearAudit()
            .suppressed("total")
            .published("a", 4)
            .suppressed("b")
            .suppressed("c")
            .sum("sum", "total", "a", "b")
            .audit(THRESHOLD);
    assertBounds(r, "total", 4, Double.POSITIVE_INFINITY);
    assertBounds(r, "b", 0, Double.POSITIVE_INFINITY);
    assertBounds(r, "c", 0, Double.POSITIVE_INFINITY);
    assertTrue(r.passes(), r.toString());
    assertEquals(List.of(), r.of("c").relations());
  }

  @Test
  void anInconsistentPublishedRelationIsReported() {
    // a 6 + b 3 = 9, but the published total is 10: 6 + 3 − 10 = −1.
    LinearAudit.Report r =
        new LinearAudit()
            .published("total", 10)
            .published("a", 6)
            .published("b", 3)
            .sum("sum", "total", "a", "b")
            .audit(THRESHOLD);
    assertFalse(r.passes());
    assertEquals(List.of("sum"), r.findings().get(0).relations());
    assertTrue(r.toString().contains("1·a(6) + 1·b(3) + -1·total(10) = -1, not 0"), r.toString());
  }

  @Test
  void suppressedCellsThatCannotBeNonNegativeAreReported() {
    // total 5 = a 7 + b needs b = −2.
    LinearAudit.Report r = oneSuppressedPart(5, 7).audit(THRESHOLD);
    assertFalse(r.passes());
    assertEquals(List.of("b"), r.findings().get(0).cells());
    assertEquals(List.of(), r.bounds());
  }

  @Test
  void declarationsAreChecked() {
    LinearAudit a = new LinearAudit().published("a", 1);
    assertThrows(IllegalArgumentException.class, () -> a.suppressed("a"));
    assertThrows(IllegalArgumentException.class, () -> a.sum("s", "a", "missing"));
    // a = a cancels to no cells at all.
    assertThrows(IllegalArgumentException.class, () -> a.sum("zero", "a", "a"));
    a.published("b", 1).sum("s", "a", "b");
    assertThrows(IllegalArgumentException.class, () -> a.sum("s", "b", "a"));
  }

  /**
   * The scipy cases: three unlinked tables in one case ("split": the auditor splits it into three
   * blocks, scipy solves it whole), a 3 × 3 × 2 table with every margin (a 2 × 2 × 2 cube of
   * suppressions, only 3 wide; and a weak pattern that the margins pin down), a 12 × 12 table with
   * 34 suppressions in one block, and general coefficients ("coefficients": people = 2 × pairs +
   * singles, where the relaxation gives pairs_north ≤ 6.5, rounded to 6, and singles in [0, 13];
   * whole numbers would also rule out singles = 0, an example of the integer range being narrower
   * than the relaxation's).
   */
  @TestFactory
  Stream<DynamicTest> casesSolvedByScipy() {
    Map<String, LinearAudit> audits = scipyCases();
    Map<String, List<String[]>> expected = new TreeMap<>();
    List<String> values = Fixtures.resourceLines("/stats/audit-values.csv");
    for (String line : values.subList(1, values.size())) {
      String[] f = line.split(",");
      expected.computeIfAbsent(f[0], k -> new ArrayList<>()).add(f);
    }
    assertEquals(audits.keySet(), expected.keySet());
    return expected.entrySet().stream()
        .map(
            e ->
                DynamicTest.dynamicTest(
                    e.getKey(),
                    () -> {
                      LinearAudit.Report r = audits.get(e.getKey()).audit(THRESHOLD);
                      assertEquals(e.getValue().size(), r.bounds().size(), r.toString());
                      for (String[] f : e.getValue()) {
                        double upper =
                            f[3].equals("inf")
                                ? Double.POSITIVE_INFINITY
                                : Double.parseDouble(f[3]);
                        assertBounds(r, f[1], Double.parseDouble(f[2]), upper);
                      }
                      assertEquals(List.of(), r.findings());
                    }));
  }

  @Test
  void componentsAreSolvedApart() {
    // "split": tables A, B and C link no suppressed cell to another's, E's relation has none, and
    // D.lonely is in no relation: three blocks (their bounds are checked against scipy above).
    assertEquals(3, scipyCases().get("split").audit(THRESHOLD).blocks());
  }

  /** The cases of audit-cases.csv: one line per published cell, suppressed cell or relation. */
  static Map<String, LinearAudit> scipyCases() {
    Map<String, LinearAudit> audits = new TreeMap<>();
    List<String> cases = Fixtures.resourceLines("/stats/audit-cases.csv");
    for (String line : cases.subList(1, cases.size())) {
      String[] f = line.split(",", -1);
      LinearAudit a = audits.computeIfAbsent(f[0], k -> new LinearAudit());
      switch (f[1]) {
        case "published" -> a.published(f[2], Long.parseLong(f[3]));
        case "suppressed" -> a.suppressed(f[2]);
        case "relation" -> a.relation(f[2], terms(f[4]));
        default -> throw new AssertionError(line);
      }
    }
    return audits;
  }

  static Map<String, Long> terms(String written) {
    Map<String, Long> terms = new LinkedHashMap<>();
    for (String t : written.split(";")) {
      int colon = t.lastIndexOf(':');
      terms.put(t.substring(0, colon), Long.parseLong(t.substring(colon + 1)));
    }
    return terms;
  }

  static void assertBounds(LinearAudit.Report r, String cell, double lower, double upper) {
    LinearAudit.Bounds b = r.of(cell);
    assertEquals(lower, b.lower(), 0, cell + " lower: " + b);
    assertEquals(upper, b.upper(), 0, cell + " upper: " + b);
  }

  static List<String> cells(List<LinearAudit.Bounds> bounds) {
    return bounds.stream().map(LinearAudit.Bounds::cell).toList();
  }

  @Test
  void everySuppressedPartOfOneRelationGetsItsFullRange() {
    // a + b + c = 39 - 30 = 9 with a, b, c >= 0: each lies in [0, 9] (by hand). Commons Math
    // 3.6.1 with NonNegativeConstraint(true) gave b and c [0, 0]: this case guards the workaround.
    LinearAudit.Report r =
        new LinearAudit()
            .suppressed("a")
            .suppressed("b")
            .suppressed("c")
            .published("d", 30)
            .published("t", 39)
            .sum("r", "t", "a", "b", "c", "d")
            .audit(5);
    for (String cell : new String[] {"a", "b", "c"}) {
      assertEquals(0.0, r.of(cell).lower(), cell);
      assertEquals(9.0, r.of(cell).upper(), cell);
    }
  }
}
