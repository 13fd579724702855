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
}
