package org.safeguardstats.disclosure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * The range each suppressed count can take given the published ones: maximise (and, when needed,
 * minimise) it subject to every relation (as an equation over the suppressed counts) and
 * non-negativity, by ojAlgo's simplex method. A count unbounded above has infinite width.
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

  /**
   * The range of each of {@code cells} (of the block), from its true value {@code values} and the
   * equations: the maximum first, and the minimum only when the maximum alone leaves the range
   * narrower than {@code threshold} (the minimum is at most the true value).
   */
  static FeasibleRanges of(
      List<String> block,
      List<String> cells,
      List<Equation> equations,
      ToLongFunction<String> values,
      int threshold) {
    // One model per block; each cell in turn carries the objective's only weight.
    ExpressionsBasedModel model = new ExpressionsBasedModel();
    Map<String, Variable> x = new HashMap<>();
    for (String c : block) {
      x.put(c, model.newVariable(c).lower(0).weight(0));
    }
    int n = 0;
    for (Equation e : equations) {
      if (!x.containsKey(e.terms().keySet().iterator().next())) {
        continue;
      }
      Expression row = model.newExpression("e" + n++).level(e.constant());
      e.terms().forEach((c, k) -> row.set(x.get(c), k));
    }
    Map<String, double[]> ranges = new HashMap<>();
    for (String c : cells) {
      x.get(c).weight(1);
      double upper = optimum(model, true);
      long value = values.applyAsLong(c);
      double lower = upper - value >= threshold ? value : optimum(model, false);
      x.get(c).weight(0);
      ranges.put(c, new double[] {lower, upper});
    }
    return new FeasibleRanges(ranges);
  }

  /** The objective's largest or smallest value (ojAlgo's simplex). */
  private static double optimum(ExpressionsBasedModel model, boolean maximise) {
    Optimisation.Result r = maximise ? model.maximise() : model.minimise();
    if (r.getState() == Optimisation.State.UNBOUNDED) {
      return maximise ? Double.POSITIVE_INFINITY : 0;
    }
    if (!r.getState().isFeasible()) {
      throw new IllegalStateException(
          "Disclosure control: the counts do not satisfy their relations");
    }
    return r.getValue();
  }
}
