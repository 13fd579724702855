package org.safeguardstats.stats;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Benjamini-Hochberg q-values for a family of m tests: with the p-values sorted, p_(1) ≤ ... ≤
 * p_(m),
 *
 * <pre>{@code
 * q_(i) = min over j >= i of  min(1, m p_(j) / j)
 * }</pre>
 *
 * the smallest false discovery rate at which the i-th test would be declared significant by the
 * step-up procedure. Tests without a p-value (null) are not in the family: m counts the others.
 *
 * <p>References: Benjamini Y, Hochberg Y (1995). Controlling the false discovery rate: a practical
 * and powerful approach to multiple testing. JRSS B 57:289-300. R {@code stats::p.adjust(method =
 * "BH")}.
 */
public final class BenjaminiHochberg {
  private BenjaminiHochberg() {}

  /** The q-value of each p-value, in the same order; null where the p-value is null. */
  public static Double[] qValues(Double[] p) {
    Integer[] order =
        java.util.stream.IntStream.range(0, p.length)
            .filter(i -> p[i] != null)
            .boxed()
            .sorted(Comparator.comparingDouble(i -> p[i]))
            .toArray(Integer[]::new);
    for (Integer i : order) {
      if (!(p[i] >= 0 && p[i] <= 1)) {
        throw new IllegalArgumentException("A p-value must be between 0 and 1; got " + p[i] + ".");
      }
    }
    int m = order.length;
    Double[] q = new Double[p.length];
    double running = 1.0;
    for (int k = m - 1; k >= 0; k--) {
      running = Math.min(running, m * p[order[k]] / (k + 1));
      q[order[k]] = running;
    }
    return q;
  }

  /** Tests in the family: the p-values that are not null. */
  public static int familySize(Double[] p) {
    return (int) Arrays.stream(p).filter(x -> x != null).count();
  }

  /** A row with its family's size and its q-value. */
  public interface InFamily<T> {
    T with(T row, int familySize, Double qValue);
  }

  /**
   * Rows, in their order, each with the size of its family and its q-value within the family: the
   * rows of one family are those with the same {@code family} key.
   */
  public static <T> java.util.List<T> inFamilies(
      java.util.List<T> rows,
      java.util.function.Function<T, String> family,
      java.util.function.Function<T, Double> pValue,
      InFamily<T> with) {
    java.util.Map<String, java.util.List<Integer>> families = new java.util.LinkedHashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      families.computeIfAbsent(family.apply(rows.get(i)), k -> new java.util.ArrayList<>()).add(i);
    }
    java.util.List<T> out = new java.util.ArrayList<>(rows);
    for (java.util.List<Integer> members : families.values()) {
      Double[] p = members.stream().map(i -> pValue.apply(rows.get(i))).toArray(Double[]::new);
      Double[] q = qValues(p);
      int size = familySize(p);
      for (int k = 0; k < members.size(); k++) {
        out.set(members.get(k), with.with(rows.get(members.get(k)), size, q[k]));
      }
    }
    return out;
  }
}
