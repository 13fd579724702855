package org.safeguardstats.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Primary and secondary suppression on hand-worked tables, and on seeded random tables checked by
 * the independent auditor ({@link LinearAudit}, which knows nothing of how cells were chosen).
 */
class SuppressionTest {
  static final Profile DFE = Profile.named("dfe");

  static Suppression.Status status(Map<String, Suppression.Decision> d, String cell) {
    return d.get(cell).status();
  }

  @Test
  void profilesOfTheCodeList() {
    assertEquals(5, DFE.threshold());
    assertFalse(DFE.zerosDisclosive());
    Profile os = Profile.named("opensafely");
    assertEquals(7, os.threshold());
    Profile acro = Profile.named("acro");
    assertEquals(10, acro.threshold());
    assertTrue(acro.zerosDisclosive());
    assertThrows(IllegalArgumentException.class, () -> Profile.named("none"));
    assertEquals(7, DFE.withThreshold(7).threshold());
  }

  @Test
  void primaryFromOneToTheThresholdAndZerosOnlyWhereDisclosive() {
    for (int threshold : new int[] {5, 7, 10}) {
      Profile p = DFE.withThreshold(threshold);
      assertFalse(p.primary(0), "a zero is a true zero");
      assertTrue(p.primary(1));
      assertTrue(p.primary(threshold));
      assertFalse(p.primary(threshold + 1));
    }
    assertTrue(Profile.named("acro").primary(0));
  }

  @Test
  void roundingHalfUpAtTheLevelsTheProfileNames() {
    // DfE: regional counts to the nearest 10, national ones as they are.
    assertEquals(20, DFE.rounded(15, "Regional"));
    assertEquals(10, DFE.rounded(14, "Regional"));
    assertEquals(15, DFE.rounded(15, "National"));
    // OpenSAFELY and ACRO: every count to the nearest 5 (8 -> 10, 12 -> 10, 13 -> 15).
    Profile os = Profile.named("opensafely");
    assertEquals(10, os.rounded(8, "National"));
    assertEquals(10, os.rounded(12, "National"));
    assertEquals(15, os.rounded(13, "National"));
    assertEquals(0, os.rounded(2, "National"));
  }

  /** One relation: parts a, b, c, ... (in that order) and their total t, all national. */
  static Suppression oneRelation(String relation, long... parts) {
    Suppression s = new Suppression();
    List<String> names = new java.util.ArrayList<>();
    long total = 0;
    for (int i = 0; i < parts.length; i++) {
      String name = String.valueOf((char) ('a' + i));
      s.count(name, parts[i], "National");
      names.add(name);
      total += parts[i];
    }
    return s.count("t", total, "National").sum(relation, "t", names);
  }

  @Test
  void aLoneSuppressedPartTakesTheSmallestNonZeroPartWithIt() {
    // 3 + 0 + 9 + 20 = 32: the 3 alone is 32 - 29; the 0 does not protect it; the 9 does (3 + 9
    // = 12 >= 5).
    Map<String, Suppression.Decision> d = oneRelation("sex", 3, 0, 9, 20).protect(DFE);
    assertEquals(Suppression.Status.PRIMARY, status(d, "a"));
    assertEquals(Suppression.Status.PUBLISHED, status(d, "b"));
    assertEquals(Suppression.Status.SECONDARY, status(d, "c"));
    assertEquals(Suppression.Status.PUBLISHED, status(d, "d"));
    assertNull(d.get("c").published());
    assertEquals(20L, d.get("d").published());
    assertEquals("secondary: protects a suppressed count of sex", d.get("c").reason());
    assertFalse(d.get("a").reason().contains("3"), "a reason never holds the count");
  }

  @Test
  void twoSmallPartsSummingBelowTheThresholdTakeAThird() {
    // 1 + 2 + 6 + 30 = 39: 1 and 2 are both primary, but each lies in [0, 3]: 6 goes too.
    Map<String, Suppression.Decision> d = oneRelation("r", 1, 2, 6, 30).protect(DFE);
    assertEquals(Suppression.Status.SECONDARY, status(d, "c"));
    assertEquals(Suppression.Status.PUBLISHED, status(d, "d"));
  }

  @Test
  void aCountPublicElsewhereIsNeverSuppressedAndProtectsNothing() {
    // DfE publishes the total; the 4 must be protected by the 8, not by hiding the total.
    Map<String, Suppression.Decision> d =
        new Suppression()
            .count("a", 4, "National")
            .count("b", 8, "National")
            .count("c", 30, "National")
            .publicCount("t", 42, "National")
            .sum("r", "t", List.of("a", "b", "c"))
            .protect(DFE);
    assertEquals(Suppression.Status.PUBLIC, status(d, "t"));
    assertEquals(Suppression.Status.SECONDARY, status(d, "b"));
  }

  @Test
  void ofEqualCandidatesTheFirstDeclaredGoesAndARunRepeatsExactly() {
    // 2 + 7 + 7 = 16: the 2 needs one 7 with it.
    Suppression one = oneRelation("r", 2, 7, 7);
    assertEquals(one.protect(DFE), oneRelation("r", 2, 7, 7).protect(DFE));
    assertEquals(Suppression.Status.SECONDARY, status(one.protect(DFE), "b"));
    assertEquals(Suppression.Status.PUBLISHED, status(one.protect(DFE), "c"));
    // The same counts declared c before b: now c goes.
    Map<String, Suppression.Decision> swapped =
        new Suppression()
            .count("a", 2, "National")
            .count("c", 7, "National")
            .count("b", 7, "National")
            .count("t", 16, "National")
            .sum("r", "t", List.of("a", "b", "c"))
            .protect(DFE);
    assertEquals(Suppression.Status.SECONDARY, status(swapped, "c"));
    assertEquals(Suppression.Status.PUBLISHED, status(swapped, "b"));
  }

  @Test
  void declarationsThatCannotBeRightAreRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> new Suppression().count("a", -1, "National"));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Suppression().count("a", 1, "National").count("a", 2, "National"));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Suppression().count("a", 1, "National").sum("r", "t", List.of("a")));
  }

  /**
   * A seeded random set of linked tables: {@code tables} two-way tables (rows by columns, with row,
   * column and grand totals) whose grand totals are the parts of one overall total, as a breakdown
   * by year and by type would be.
   */
  record Tables(Map<String, Long> cells, List<String[]> relations) {}

  static Tables random(long seed, int tables) {
    Random r = new Random(seed);
    Map<String, Long> cells = new java.util.LinkedHashMap<>();
    List<String[]> relations = new ArrayList<>();
    List<String> grands = new ArrayList<>();
    for (int t = 0; t < tables; t++) {
      int rows = 2 + r.nextInt(4);
      int cols = 2 + r.nextInt(4);
      long[][] v = new long[rows][cols];
      for (int i = 0; i < rows; i++) {
        for (int j = 0; j < cols; j++) {
          // Mostly large counts, a fair share of small ones and zeros.
          int kind = r.nextInt(10);
          v[i][j] = kind < 2 ? 0 : kind < 5 ? 1 + r.nextInt(6) : 6 + r.nextInt(60);
          cells.put(t + ":" + i + "," + j, v[i][j]);
        }
      }
      long grand = 0;
      List<String> rowTotals = new ArrayList<>();
      for (int i = 0; i < rows; i++) {
        long s = 0;
        List<String> parts = new ArrayList<>();
        for (int j = 0; j < cols; j++) {
          s += v[i][j];
          parts.add(t + ":" + i + "," + j);
        }
        cells.put(t + ":" + i + ",T", s);
        rowTotals.add(t + ":" + i + ",T");
        relations.add(concat(t + ":" + i + ",T", parts));
        grand += s;
      }
      List<String> colTotals = new ArrayList<>();
      for (int j = 0; j < cols; j++) {
        long s = 0;
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
          s += v[i][j];
          parts.add(t + ":" + i + "," + j);
        }
        cells.put(t + ":T," + j, s);
        colTotals.add(t + ":T," + j);
        relations.add(concat(t + ":T," + j, parts));
      }
      cells.put(t + ":T,T", grand);
      relations.add(concat(t + ":T,T", rowTotals));
      relations.add(concat(t + ":T,T", colTotals));
      grands.add(t + ":T,T");
    }
    cells.put("all", grands.stream().mapToLong(cells::get).sum());
    relations.add(concat("all", grands));
    return new Tables(cells, relations);
  }

  static String[] concat(String total, List<String> parts) {
    List<String> all = new ArrayList<>();
    all.add(total);
    all.addAll(parts);
    return all.toArray(String[]::new);
  }

  static Map<String, Suppression.Decision> protect(Tables t, Profile p) {
    Suppression s = new Suppression();
    t.cells().forEach((id, v) -> s.count(id, v, "National"));
    for (String[] rel : t.relations()) {
      s.sum(
          String.join("+", List.of(rel).subList(1, rel.length)),
          rel[0],
          List.of(rel).subList(1, rel.length));
    }
    return s.protect(p);
  }

  static LinearAudit.Report audit(
      Tables t, Map<String, Suppression.Decision> d, boolean primaryOnly, int threshold) {
    LinearAudit a = new LinearAudit();
    t.cells()
        .forEach(
            (id, v) -> {
              Suppression.Status s = d.get(id).status();
              boolean hidden =
                  s == Suppression.Status.PRIMARY
                      || (!primaryOnly && s == Suppression.Status.SECONDARY);
              if (hidden) {
                a.suppressed(id);
              } else {
                a.published(id, v);
              }
            });
    int n = 0;
    for (String[] rel : t.relations()) {
      a.sum("r" + n++, rel[0], java.util.Arrays.copyOfRange(rel, 1, rel.length));
    }
    return a.audit(threshold);
  }

  @ParameterizedTest
  @ValueSource(ints = {5, 7, 10})
  void theAuditorFindsNoSuppressedCountNarrowerThanTheThreshold(int threshold) {
    Profile p = DFE.withThreshold(threshold);
    int primaryOnlyFailures = 0;
    for (long seed = 1; seed <= 40; seed++) {
      Tables t = random(seed, 3);
      Map<String, Suppression.Decision> d = protect(t, p);
      LinearAudit.Report report = audit(t, d, false, threshold);
      assertTrue(report.passes(), "seed " + seed + ": " + report);
      if (!audit(t, d, true, threshold).passes()) {
        primaryOnlyFailures++;
      }
    }
    // Primary suppression alone gives cells away in (nearly) every random set.
    assertTrue(primaryOnlyFailures >= 35, primaryOnlyFailures + " of 40 primary-only sets fail");
  }

  @Test
  void theNamedProfilesPassTheAuditorToo() {
    for (String name : new String[] {"opensafely", "acro"}) {
      Profile p = Profile.named(name);
      for (long seed = 100; seed < 120; seed++) {
        Tables t = random(seed, 2);
        Map<String, Suppression.Decision> d = protect(t, p);
        // The auditor sees the unrounded counts: rounding only widens what an attacker knows.
        LinearAudit.Report report = audit(t, d, false, p.threshold());
        assertTrue(report.passes(), name + " seed " + seed + ": " + report);
      }
    }
  }
}
