package org.safeguardstats.disclosure;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Primary and secondary (complementary) suppression of counts linked by relations "total = sum of
 * parts", within and across tables (statistics.md, "Disclosure control").
 *
 * <p>Primary: a count from 1 to the profile's threshold (and a zero, when the profile says zeros
 * are disclosive) is suppressed. Secondary, repeated over every relation until nothing changes: a
 * relation with exactly one suppressed member would give it away by subtraction, so its smallest
 * non-zero unsuppressed part is suppressed too; a relation whose total is published and whose
 * suppressed parts sum to less than the threshold would bound each of them to fewer values than the
 * threshold, so more is suppressed (the smallest non-zero part, else the total). Ties go to the
 * cell declared first, so the result depends only on the cells and relations, never on hashing.
 * Cells that are public elsewhere (DfE's own national figures, a previous release) are never
 * suppressed and count as published in every relation.
 *
 * <p>The rule is local to each relation, and linked relations can narrow a cell more than any one
 * relation does (the four cells of a rectangle in a table with row and column totals move only
 * together). So each round ends with a check over all relations at once: every suppressed cell's
 * feasible range, by linear programming over the suppressed cells linked to it (non-negative, every
 * relation holding), must be at least the threshold wide; a cell that is narrower has the smallest
 * published non-zero count of its relations suppressed too, and the rounds go on until every range
 * is wide enough. The test suite's auditor checks the result independently.
 */
public final class Suppression {
  /** Why a count is or is not published. */
  public enum Status {
    PUBLISHED,
    PRIMARY,
    SECONDARY,
    PUBLIC;

    boolean hidden() {
      return this == PRIMARY || this == SECONDARY;
    }
  }

  /**
   * The decision on one count: its value as published (rounded where the profile says; null when
   * suppressed) and the reason for a suppression, which never holds the count.
   */
  public record Decision(String cell, Status status, Long published, String reason) {
    public boolean suppressed() {
      return status.hidden();
    }
  }

  private record Cell(String id, long value, String level, boolean publicElsewhere, int order) {}

  /** The smallest count first; of equal counts, the one declared first. */
  private static final Comparator<Cell> SMALLEST_FIRST =
      Comparator.comparingLong(Cell::value).thenComparingInt(Cell::order);

  private record Relation(String id, String total, List<String> parts) {}

  private final Map<String, Cell> cells = new LinkedHashMap<>();
  private final List<Relation> relations = new ArrayList<>();

  /** A count of the tables to publish, at a geographic level (e.g. {@code National}). */
  public Suppression count(String id, long value, String level) {
    return declare(new Cell(id, value, level, false, cells.size()));
  }

  /** A count already public elsewhere: never suppressed, published in every relation. */
  public Suppression publicCount(String id, long value, String level) {
    return declare(new Cell(id, value, level, true, cells.size()));
  }

  private Suppression declare(Cell c) {
    if (c.value() < 0) {
      throw new IllegalArgumentException("A count cannot be negative: " + c.id());
    }
    Cell before = cells.putIfAbsent(c.id(), c);
    if (before != null && before.value() != c.value()) {
      throw new IllegalArgumentException(
          "The cell " + c.id() + " is declared twice with different counts");
    }
    return this;
  }

  /** The relation total = sum of parts, every cell declared before. */
  public Suppression sum(String id, String total, List<String> parts) {
    for (String c : concat(total, parts)) {
      if (!cells.containsKey(c)) {
        throw new IllegalArgumentException("Relation " + id + " names an undeclared cell " + c);
      }
    }
    relations.add(new Relation(id, total, List.copyOf(parts)));
    return this;
  }

  private static List<String> concat(String total, List<String> parts) {
    List<String> all = new ArrayList<>(parts);
    all.add(total);
    return all;
  }

  /** Every cell's decision, in the order declared. */
  public Map<String, Decision> protect(Profile profile) {
    Map<String, Status> status = new LinkedHashMap<>();
    Map<String, String> reason = new LinkedHashMap<>();
    for (Cell c : cells.values()) {
      if (c.publicElsewhere()) {
        status.put(c.id(), Status.PUBLIC);
      } else if (profile.primary(c.value())) {
        status.put(c.id(), Status.PRIMARY);
        reason.put(
            c.id(),
            c.value() == 0
                ? "primary: a zero, disclosive under profile " + profile.name()
                : "primary: a count from 1 to " + profile.threshold());
      } else {
        status.put(c.id(), Status.PUBLISHED);
      }
    }
    Set<String> wideEnough = new HashSet<>();
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Relation r : relations) {
        String next = complement(r, status, profile.threshold());
        if (next != null) {
          status.put(next, Status.SECONDARY);
          reason.put(next, "secondary: protects a suppressed count of " + r.id());
          changed = true;
        }
      }
      if (!changed) {
        for (Map.Entry<String, String> widen :
            widen(status, profile.threshold(), wideEnough).entrySet()) {
          status.put(widen.getKey(), Status.SECONDARY);
          reason.put(
              widen.getKey(),
              "secondary: widens the range of a suppressed count of " + widen.getValue());
          changed = true;
        }
      }
    }
    Map<String, Decision> out = new LinkedHashMap<>();
    for (Cell c : cells.values()) {
      Status s = status.get(c.id());
      out.put(
          c.id(),
          new Decision(
              c.id(),
              s,
              s.hidden() ? null : profile.rounded(c.value(), c.level()),
              reason.get(c.id())));
    }
    return out;
  }

  /** The cell a relation needs suppressed next, or null when it is safe on its own. */
  private String complement(Relation r, Map<String, Status> status, int threshold) {
    List<Cell> members = concat(r.total(), r.parts()).stream().map(cells::get).toList();
    List<Cell> hidden = members.stream().filter(c -> hidden(status, c)).toList();
    if (hidden.isEmpty()) {
      return null;
    }
    boolean totalHidden = hidden(status, cells.get(r.total()));
    long hiddenSum = hidden.stream().mapToLong(Cell::value).sum();
    boolean safe = hidden.size() >= 2 && (totalHidden || hiddenSum >= threshold);
    if (safe) {
      return null;
    }
    Cell part =
        r.parts().stream()
            .map(cells::get)
            .filter(c -> canProtect(status, c))
            .min(SMALLEST_FIRST)
            .orElse(null);
    if (part != null) {
      return part.id();
    }
    Cell total = cells.get(r.total());
    // No part left to hide: hiding the total leaves the parts bound only by other relations.
    return canProtect(status, total) ? total.id() : null;
  }

  /**
   * For each suppressed cell whose feasible range over all relations is narrower than the
   * threshold, the cell to suppress next (the smallest published non-zero count of its relations)
   * with the relation it shares; empty when every range is wide enough.
   */
  private Map<String, String> widen(
      Map<String, Status> status, int threshold, Set<String> wideEnough) {
    List<FeasibleRanges.Equation> equations = equations(status);
    Map<String, String> out = new LinkedHashMap<>();
    for (List<String> block : FeasibleRanges.blocks(equations)) {
      // Suppressing more never narrows a range, so a cell found wide enough stays so.
      List<String> open = block.stream().filter(c -> !wideEnough.contains(c)).toList();
      if (open.isEmpty()) {
        continue;
      }
      FeasibleRanges ranges =
          FeasibleRanges.of(block, open, equations, c -> cells.get(c).value(), threshold);
      List<String> tooNarrow = new ArrayList<>();
      for (String c : open) {
        if (ranges.width(c) >= threshold) {
          wideEnough.add(c);
        } else {
          tooNarrow.add(c);
        }
      }
      for (String cell : tooNarrow) {
        // The cell's own relations first; else any relation of its block.
        Candidate best = candidate(status, out, List.of(cell));
        if (best == null) {
          best = candidate(status, out, block);
        }
        if (best != null) {
          out.put(best.cell().id(), best.via().id());
        }
      }
    }
    return out;
  }

  /** A count to suppress next, and the relation it shares with the count it protects. */
  private record Candidate(Cell cell, Relation via) {}

  /**
   * The smallest published non-zero count (first declared among equals) of the relations holding
   * any of the cells, not already chosen; null when there is none.
   */
  private Candidate candidate(
      Map<String, Status> status, Map<String, String> chosen, List<String> of) {
    Candidate best = null;
    for (Relation r : relations) {
      List<String> members = concat(r.total(), r.parts());
      if (members.stream().noneMatch(of::contains)) {
        continue;
      }
      for (String id : members) {
        Cell c = cells.get(id);
        if (canProtect(status, c)
            && !chosen.containsKey(id)
            && (best == null || SMALLEST_FIRST.compare(c, best.cell()) < 0)) {
          best = new Candidate(c, r);
        }
      }
    }
    return best;
  }

  /** The relations with a suppressed member, as equations over the suppressed cells. */
  private List<FeasibleRanges.Equation> equations(Map<String, Status> status) {
    List<FeasibleRanges.Equation> out = new ArrayList<>();
    for (Relation r : relations) {
      // parts - total = 0, published counts moved to the right-hand side.
      Map<String, Integer> terms = new LinkedHashMap<>();
      long constant = 0;
      Cell total = cells.get(r.total());
      if (hidden(status, total)) {
        terms.put(total.id(), -1);
      } else {
        constant += total.value();
      }
      for (String id : r.parts()) {
        Cell c = cells.get(id);
        if (hidden(status, c)) {
          terms.merge(id, 1, Integer::sum);
        } else {
          constant -= c.value();
        }
      }
      if (!terms.isEmpty()) {
        out.add(new FeasibleRanges.Equation(terms, constant));
      }
    }
    return out;
  }

  private static boolean hidden(Map<String, Status> status, Cell c) {
    return status.get(c.id()).hidden();
  }

  /** A published count that hiding would protect another: not public elsewhere, not zero. */
  private static boolean canProtect(Map<String, Status> status, Cell c) {
    return !hidden(status, c) && !c.publicElsewhere() && c.value() > 0;
  }
}
