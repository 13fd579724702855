package org.safeguardstats.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * How long the auditor takes on a synthetic problem the size of the job's published tier: 3,300
 * cells (3,000 published, 300 suppressed) and 1,500 relations of 2 to 10 parts, in 100 groups of 33
 * cells. The time is printed, not asserted (it depends on the machine).
 */
class LinearAuditScaleTest {

  /**
   * Each group: 18 cells with random counts, then 15 totals, each the sum of 2 to 10 distinct
   * earlier cells of the group (so totals of totals occur, as in a hierarchy); {@code suppressed}
   * cells of the group, chosen at random, are suppressed.
   */
  static LinearAudit synthetic(int groups, int suppressedPerGroup, long seed) {
    Random random = new Random(seed);
    LinearAudit audit = new LinearAudit();
    for (int g = 0; g < groups; g++) {
      List<String> ids = new ArrayList<>();
      List<Long> values = new ArrayList<>();
      List<List<Integer>> parts = new ArrayList<>();
      for (int i = 0; i < 18; i++) {
        ids.add("g" + g + ".c" + i);
        values.add((long) random.nextInt(40));
      }
      for (int r = 0; r < 15; r++) {
        List<Integer> pool = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
          pool.add(i);
        }
        Collections.shuffle(pool, random);
        List<Integer> chosen = pool.subList(0, 2 + random.nextInt(9));
        parts.add(List.copyOf(chosen));
        ids.add("g" + g + ".t" + r);
        values.add(chosen.stream().mapToLong(values::get).sum());
      }
      Set<Integer> hidden = new HashSet<>();
      while (hidden.size() < suppressedPerGroup) {
        hidden.add(random.nextInt(ids.size()));
      }
      for (int i = 0; i < ids.size(); i++) {
        if (hidden.contains(i)) {
          audit.suppressed(ids.get(i));
        } else {
          audit.published(ids.get(i), values.get(i));
        }
      }
      for (int r = 0; r < parts.size(); r++) {
        audit.sum(
            "g" + g + ".r" + r,
            "g" + g + ".t" + r,
            parts.get(r).stream().map(ids::get).toArray(String[]::new));
      }
    }
    return audit;
  }

  @Test
  void theJobsSize() {
    measure(300);
    // A much heavier suppression, a third of all cells, for the scale's sake.
    measure(1100);
  }

  /**
   * One large block: a {@code size} × {@code size} table with row, column and grand totals, a
   * random fifth of its inner cells suppressed, all linked through shared rows and columns.
   */
  @Test
  void oneLargeBlock() {
    int size = 30;
    Random random = new Random(11);
    LinearAudit audit = new LinearAudit();
    long[] columns = new long[size];
    long all = 0;
    int hidden = 0;
    for (int i = 0; i < size; i++) {
      long row = 0;
      String[] cells = new String[size];
      for (int j = 0; j < size; j++) {
        long v = random.nextInt(40);
        cells[j] = "r" + i + "c" + j;
        if (random.nextInt(5) == 0) {
          audit.suppressed(cells[j]);
          hidden++;
        } else {
          audit.published(cells[j], v);
        }
        row += v;
        columns[j] += v;
      }
      all += row;
      audit.published("r" + i, row).sum("row" + i, "r" + i, cells);
    }
    for (int j = 0; j < size; j++) {
      String[] cells = new String[size];
      for (int i = 0; i < size; i++) {
        cells[i] = "r" + i + "c" + j;
      }
      audit.published("c" + j, columns[j]).sum("col" + j, "c" + j, cells);
    }
    String[] rows = new String[size];
    for (int i = 0; i < size; i++) {
      rows[i] = "r" + i;
    }
    audit.published("t", all).sum("total", "t", rows);
    long start = System.nanoTime();
    LinearAudit.Report r = audit.audit(5);
    System.out.printf(
        "LinearAudit: a %d x %d table, %d inner cells suppressed: %d blocks solved in %.2f s%n",
        size, size, hidden, r.blocks(), (System.nanoTime() - start) / 1e9);
    assertEquals(hidden, r.bounds().size());
    assertEquals(List.of(), r.findings());
  }

  private static void measure(int suppressed) {
    LinearAudit audit = synthetic(100, suppressed / 100, 11);
    long start = System.nanoTime();
    LinearAudit.Report r = audit.audit(5);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "LinearAudit: 3300 cells, %d suppressed, 1500 relations: %d blocks solved in %.2f s;"
            + " %d cells unprotected at threshold 5%n",
        suppressed, r.blocks(), seconds, r.unprotected().size());
    assertEquals(suppressed, r.bounds().size());
    assertEquals(List.of(), r.findings());
  }
}
