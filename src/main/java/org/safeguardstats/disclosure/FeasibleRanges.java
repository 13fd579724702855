package org.safeguardstats.disclosure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.LinearConstraintSet;
import org.apache.commons.math3.optim.linear.LinearObjectiveFunction;
import org.apache.commons.math3.optim.linear.NonNegativeConstraint;
import org.apache.commons.math3.optim.linear.PivotSelectionRule;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.linear.SimplexSolver;
import org.apache.commons.math3.optim.linear.UnboundedSolutionException;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;

/**
 * The range each suppressed count can take given the published ones: minimise and maximise it
 * subject to every relation (as an equation over the suppressed counts) and non-negativity, by the
 * simplex method (Commons Math). A count unbounded above has infinite width.
 */
final class FeasibleRanges {
  /** Σ coefficient · cell = constant, over suppressed cells. */
  record Equation(Map<String, Integer> terms, long constant) {}

  private final Map<String, double[]> ranges;

  private FeasibleRanges(Map<String, double[]> ranges) {
    this.ranges = ranges;
  }

  /** The range's width in whole counts: the limits rounded inward, as counts are whole. */
  double width(String cell) {
    double[] r = ranges.get(cell);
    return Math.floor(r[1] + 1e-6) - Math.ceil(r[0] - 1e-6);
  }

  /** Groups of suppressed cells linked by shared equations, each solved on its own. */
  static List<List<String>> blocks(List<Equation> equations) {
    Map<String, String> parent = new LinkedHashMap<>();
    for (Equation e : equations) {
      List<String> cs = List.copyOf(e.terms().keySet());
      cs.forEach(c -> parent.putIfAbsent(c, c));
      for (int i = 1; i < cs.size(); i++) {
        parent.put(root(parent, cs.get(i)), root(parent, cs.get(0)));
      }
    }
    Map<String, List<String>> groups = new LinkedHashMap<>();
    for (String c : parent.keySet()) {
      groups.computeIfAbsent(root(parent, c), k -> new ArrayList<>()).add(c);
    }
    return new ArrayList<>(groups.values());
  }

  private static String root(Map<String, String> parent, String c) {
    while (!parent.get(c).equals(c)) {
      c = parent.get(c);
    }
    return c;
  }

  static FeasibleRanges of(List<String> block, List<Equation> equations) {
    Map<String, Integer> index = new HashMap<>();
    block.forEach(c -> index.put(c, index.size()));
    List<LinearConstraint> constraints = new ArrayList<>();
    for (Equation e : equations) {
      if (!index.containsKey(e.terms().keySet().iterator().next())) {
        continue;
      }
      double[] a = new double[block.size()];
      e.terms().forEach((c, k) -> a[index.get(c)] += k);
      constraints.add(new LinearConstraint(a, Relationship.EQ, e.constant()));
    }
    // Non-negativity as explicit constraints: Commons Math 3.6.1's NonNegativeConstraint(true)
    // returns wrong optima on such degenerate problems (a + b + c = 9 gives b at most 0).
    for (int i = 0; i < block.size(); i++) {
      double[] unit = new double[block.size()];
      unit[i] = 1;
      constraints.add(new LinearConstraint(unit, Relationship.GEQ, 0));
    }
    Map<String, double[]> ranges = new HashMap<>();
    for (String c : block) {
      double[] objective = new double[block.size()];
      objective[index.get(c)] = 1;
      double lower = optimum(objective, constraints, GoalType.MINIMIZE);
      double upper = optimum(objective, constraints, GoalType.MAXIMIZE);
      ranges.put(c, new double[] {lower, upper});
    }
    return new FeasibleRanges(ranges);
  }

  private static double optimum(
      double[] objective, List<LinearConstraint> constraints, GoalType goal) {
    try {
      return new SimplexSolver()
          .optimize(
              new MaxIter(100_000),
              new LinearObjectiveFunction(objective, 0),
              new LinearConstraintSet(constraints),
              goal,
              new NonNegativeConstraint(false),
              // Tables make degenerate problems; Bland's rule cannot cycle.
              PivotSelectionRule.BLAND)
          .getValue();
    } catch (UnboundedSolutionException e) {
      return goal == GoalType.MAXIMIZE ? Double.POSITIVE_INFINITY : 0;
    }
  }
}
