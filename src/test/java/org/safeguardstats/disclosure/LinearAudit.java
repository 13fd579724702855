package org.safeguardstats.disclosure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * An attacker's model of published tables, independent of the code that suppresses them. It knows
 * what anyone reading the tables knows: the published counts, which cells are suppressed, that a
 * count is never negative, and the linear relations between cells (a total is the sum of its parts,
 * within a table and across tables that publish the same total). For each suppressed cell it finds
 * the feasible range by linear programming, as sdcTable's {@code attack()} does:
 *
 * <pre>{@code
 * lower = min x_c   and   upper = max x_c   subject to   Σ_j a_rj x_j = 0 for every relation r,
 *                                                       x_j = published value  (published j),
 *                                                       x_j ≥ 0               (suppressed j)
 * }</pre>
 *
 * A suppressed cell is protected when {@code upper − lower ≥ threshold} (tau-ARGUS's and sdcTable's
 * sliding protection level set to the threshold); an unbounded upper limit is protected and {@code
 * lower == upper} (exact recovery) is the worst case. The limits are those of the linear relaxation
 * rounded inward to whole numbers (counts are whole); the range of whole-number solutions can be
 * narrower still, so a cell that passes here may in rare cases be pinned down further by integer
 * reasoning.
 *
 * <p>Scale: published values are substituted as constants, so the problem falls apart into
 * independent blocks of suppressed cells linked by shared relations; each block is solved on its
 * own, and a relation left with no suppressed cell is only checked (an inconsistent published
 * relation is reported, as is a block with no non-negative solution).
 */
final class LinearAudit {
  /** Rounding slack of the simplex solution before limits are rounded to whole numbers. */
  static final double SLACK = 1e-6;

  private final Map<String, Long> published = new LinkedHashMap<>();
  private final Map<String, Integer> suppressed = new LinkedHashMap<>();
  private final Map<String, Map<String, Long>> relations = new LinkedHashMap<>();

  /** A cell whose count is published. */
  LinearAudit published(String cell, long value) {
    declare(cell);
    published.put(cell, value);
    return this;
  }

  /** A cell whose count is suppressed: unknown to the attacker, and not negative. */
  LinearAudit suppressed(String cell) {
    declare(cell);
    suppressed.put(cell, suppressed.size());
    return this;
  }

  /** The relation {@code Σ coefficient × cell = 0}. */
  LinearAudit relation(String id, Map<String, Long> coefficients) {
    if (relations.containsKey(id)) {
      throw new IllegalArgumentException("Relation " + id + " is declared twice");
    }
    Map<String, Long> terms = new TreeMap<>();
    coefficients.forEach(
        (cell, a) -> {
          if (!published.containsKey(cell) && !suppressed.containsKey(cell)) {
            throw new IllegalArgumentException("Relation " + id + " uses undeclared cell " + cell);
          }
          terms.merge(cell, a, Long::sum);
        });
    terms.values().removeIf(a -> a == 0);
    if (terms.isEmpty()) {
      throw new IllegalArgumentException("Relation " + id + " has no cells");
    }
    relations.put(id, terms);
    return this;
  }

  /** The relation {@code total = Σ parts}. */
  LinearAudit sum(String id, String total, String... parts) {
    Map<String, Long> terms = new LinkedHashMap<>();
    terms.merge(total, -1L, Long::sum);
    for (String p : parts) {
      terms.merge(p, 1L, Long::sum);
    }
    return relation(id, terms);
  }

  private void declare(String cell) {
    if (published.containsKey(cell) || suppressed.containsKey(cell)) {
      throw new IllegalArgumentException("Cell " + cell + " is declared twice");
    }
  }

  /** Bounds every suppressed cell and judges it against the threshold. */
  Report audit(int threshold) {
    List<String> cells = List.copyOf(suppressed.keySet());
    int[] parent = new int[cells.size()];
    Arrays.setAll(parent, i -> i);
    List<Finding> findings = new ArrayList<>();
    List<Reduced> reduced = new ArrayList<>();
    relations.forEach(
        (id, terms) -> {
          Reduced r = reduce(id, terms);
          if (!r.unknowns().isEmpty()) {
            reduced.add(r);
            int first = r.unknowns().keySet().iterator().next();
            r.unknowns().keySet().forEach(j -> parent[find(parent, j)] = find(parent, first));
          } else if (r.constant() != 0) {
            findings.add(
                new Finding(
                    List.of(id),
                    List.of(),
                    "its published counts give "
                        + written(terms)
                        + " = "
                        + r.constant()
                        + ", not 0"));
          }
        });
    Map<Integer, List<Reduced>> blocks = new TreeMap<>();
    for (Reduced r : reduced) {
      blocks
          .computeIfAbsent(
              find(parent, r.unknowns().keySet().iterator().next()), k -> new ArrayList<>())
          .add(r);
    }
    Bounds[] bounds = new Bounds[cells.size()];
    for (List<Reduced> block : blocks.values()) {
      solve(cells, parent, block, findings).forEach(b -> bounds[suppressed.get(b.cell())] = b);
    }
    List<Bounds> all = new ArrayList<>();
    for (int i = 0; i < cells.size(); i++) {
      boolean inBlock = blocks.containsKey(find(parent, i));
      if (bounds[i] != null) {
        all.add(bounds[i]);
      } else if (!inBlock) {
        // In no relation: nothing bounds it but non-negativity.
        all.add(new Bounds(cells.get(i), 0, Double.POSITIVE_INFINITY, List.of()));
      }
    }
    return new Report(threshold, all, findings, blocks.size());
  }

  /** A relation with its published cells summed into a constant: Σ a_j x_j + constant = 0. */
  private record Reduced(String id, Map<Integer, Long> unknowns, long constant) {}

  private Reduced reduce(String id, Map<String, Long> terms) {
    Map<Integer, Long> unknowns = new TreeMap<>();
    long constant = 0;
    for (Map.Entry<String, Long> t : terms.entrySet()) {
      Integer j = suppressed.get(t.getKey());
      if (j == null) {
        constant =
            Math.addExact(constant, Math.multiplyExact(t.getValue(), published.get(t.getKey())));
      } else {
        unknowns.put(j, t.getValue());
      }
    }
    return new Reduced(id, unknowns, constant);
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  /** Two linear programmes per suppressed cell of one block; none if the block is infeasible. */
  private static List<Bounds> solve(
      List<String> cells, int[] parent, List<Reduced> block, List<Finding> findings) {
    int root = find(parent, block.get(0).unknowns().keySet().iterator().next());
    List<Integer> members = new ArrayList<>();
    for (int i = 0; i < cells.size(); i++) {
      if (find(parent, i) == root) {
        members.add(i);
      }
    }
    List<String> ids = block.stream().map(Reduced::id).toList();
    List<Bounds> out = new ArrayList<>();
    for (int i : members) {
      double lower;
      double upper;
      Optimisation.Result min = optimum(members, block, i, false);
      if (!min.getState().isFeasible()) {
        findings.add(
            new Finding(
                ids,
                members.stream().map(cells::get).toList(),
                "no non-negative counts of the suppressed cells satisfy these relations"));
        return List.of();
      }
      lower = Math.ceil(min.getValue() - SLACK);
      Optimisation.Result max = optimum(members, block, i, true);
      upper =
          max.getState() == Optimisation.State.UNBOUNDED
              ? Double.POSITIVE_INFINITY
              : Math.floor(max.getValue() + SLACK);
      out.add(new Bounds(cells.get(i), Math.max(0, lower), upper, ids));
    }
    return out;
  }

  /**
   * Minimise or maximise one cell over the block: every unknown at least 0, every relation an
   * equation (ojAlgo's simplex, set up here independently of the code under audit).
   */
  private static Optimisation.Result optimum(
      List<Integer> members, List<Reduced> block, int cell, boolean maximise) {
    ExpressionsBasedModel model = new ExpressionsBasedModel();
    Map<Integer, Variable> x = new TreeMap<>();
    for (int m : members) {
      x.put(m, model.newVariable("x" + m).lower(0).weight(m == cell ? 1 : 0));
    }
    for (Reduced r : block) {
      Expression e = model.newExpression(r.id()).level(-r.constant());
      r.unknowns().forEach((j, c) -> e.set(x.get(j), c));
    }
    return maximise ? model.maximise() : model.minimise();
  }

  /**
   * A suppressed cell's feasible range, and the relations of its block (the ones that can bound
   * it); {@code upper} is infinite when nothing bounds it above.
   */
  record Bounds(String cell, double lower, double upper, List<String> relations) {
    double width() {
      return upper - lower;
    }

    boolean protectedAt(int threshold) {
      return width() >= threshold;
    }

    @Override
    public String toString() {
      String range = "[" + whole(lower) + ", " + whole(upper) + "]";
      String how = lower == upper ? "exactly recovered" : "width " + whole(width());
      return cell + " " + range + " (" + how + ") through " + String.join(", ", relations);
    }
  }

  /** Published numbers that contradict a relation, or a block of relations with no solution. */
  record Finding(List<String> relations, List<String> cells, String what) {
    @Override
    public String toString() {
      return "relations "
          + String.join(", ", relations)
          + (cells.isEmpty() ? "" : " on " + String.join(", ", cells))
          + ": "
          + what;
    }
  }

  /** Every suppressed cell's bounds, the findings, and how many blocks were solved. */
  record Report(int threshold, List<Bounds> bounds, List<Finding> findings, int blocks) {
    List<Bounds> unprotected() {
      return bounds.stream().filter(b -> !b.protectedAt(threshold)).toList();
    }

    boolean passes() {
      return unprotected().isEmpty() && findings.isEmpty();
    }

    Bounds of(String cell) {
      return bounds.stream()
          .filter(b -> b.cell().equals(cell))
          .findFirst()
          .orElseThrow(() -> new IllegalArgumentException("No bounds for " + cell));
    }

    @Override
    public String toString() {
      List<Bounds> open = unprotected();
      StringBuilder s =
          new StringBuilder(
              "Disclosure audit, threshold "
                  + threshold
                  + ": "
                  + open.size()
                  + " of "
                  + bounds.size()
                  + " suppressed cells unprotected (feasible range narrower than "
                  + threshold
                  + "), "
                  + findings.size()
                  + " inconsistencies");
      open.forEach(b -> s.append("\n  unprotected ").append(b));
      findings.forEach(f -> s.append("\n  inconsistent ").append(f));
      return s.toString();
    }
  }

  private static String whole(double v) {
    return Double.isInfinite(v) ? "∞" : String.valueOf(Math.round(v));
  }

  /** A relation of published cells written out with their counts, e.g. {@code 1·a(6) − 1·t(12)}. */
  private String written(Map<String, Long> terms) {
    return terms.entrySet().stream()
        .map(t -> t.getValue() + "·" + t.getKey() + "(" + published.get(t.getKey()) + ")")
        .collect(Collectors.joining(" + "));
  }
}
