package org.safeguardstats.analysis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.safeguardstats.counts.Breakdown;
import org.safeguardstats.counts.CountTable;
import org.safeguardstats.counts.Margin;
import org.safeguardstats.counts.Period;
import org.safeguardstats.stats.ChiSquareHomogeneity;
import org.safeguardstats.stats.RaoScott;
import org.safeguardstats.tables.DistributionTestRow;

/**
 * Tests on distributions: homogeneity across reporting years (is the mix of categories the same
 * every year?) by Pearson's chi-square, with a seeded Monte Carlo p-value when an expected count is
 * below 5 (incidents) or Rao and Scott's correction (children clustered in incidents). Each test is
 * computed once (it does not depend on the confidence level); Benjamini-Hochberg q-values are taken
 * within the family of all homogeneity tests of the span. Associations between two characteristics
 * (harm by sex, age band by ethnic group) are the {@code associations} table's.
 */
public final class DistributionTestAnalysis {
  private DistributionTestAnalysis() {}

  /** The counts this analysis reads. */
  public static List<Margin> margins() {
    return Breakdown.shareFamilies().stream().map(Breakdown::margin).toList();
  }

  public static List<DistributionTestRow> rows(CountTable counts, RunContext run) {
    Period all = new Period(run.firstYear(), run.lastYear());
    Map<String, List<TestFamilies.Test<DistributionTestRow>>> families = new LinkedHashMap<>();
    if (all.pooled()) {
      families.put(
          "homogeneity_across_years " + all.label(),
          Breakdown.shareFamilies().stream().map(s -> homogeneity(counts, run, all, s)).toList());
    }
    return TestFamilies.rows(families, run.confidenceLevels());
  }

  private static TestFamilies.Test<DistributionTestRow> homogeneity(
      CountTable countTable, RunContext run, Period all, Breakdown s) {
    int years = all.lastYear() - all.firstYear() + 1;
    long[][] table = new long[s.categories().size()][years];
    double[][] designEffects = new double[s.categories().size()][years];
    String missing = countTable.missing(all);
    StringBuilder counts = new StringBuilder("{");
    for (int i = 0; i < s.categories().size(); i++) {
      String category = s.categories().get(i);
      counts.append(i > 0 ? "," : "").append('"').append(category).append("\":[");
      for (int j = 0; j < years; j++) {
        Period year = new Period(all.firstYear() + j, all.firstYear() + j);
        counts.append(j > 0 ? "," : "");
        if (countTable.missing(year) != null) {
          // A year with no records is missing, not a column of zeros.
          counts.append('"').append(countTable.missing(year)).append('"');
          continue;
        }
        table[i][j] = s.count(countTable, year, category);
        counts.append(table[i][j]);
        if (!s.incidents()) {
          s.recordedCell(countTable, year);
          designEffects[i][j] = s.shareDesignEffect(countTable, year, category);
        }
      }
      counts.append(']');
    }
    String json = counts.append('}').toString();
    boolean partial = countTable.partial(all);
    if (missing != null) {
      return new TestFamilies.Test<>(
          null,
          (family, size, q, level) ->
              List.of(
                  homogeneityRow(
                          run, all, s, json, null, null, null, partial, family, size, q, level)
                      .because(missing)));
    }
    ChiSquareHomogeneity.Result r = ChiSquareHomogeneity.of(table);
    if (s.incidents()) {
      return new TestFamilies.Test<>(
          r.methodPValue(),
          (family, size, q, level) ->
              List.of(
                  homogeneityRow(
                      run,
                      all,
                      s,
                      json,
                      r,
                      null,
                      r.methodPValue(),
                      partial,
                      family,
                      size,
                      q,
                      level)));
    }
    // Children cluster in incidents: Rao and Scott's first-order correction.
    RaoScott.Result rs = RaoScott.of(table, designEffects);
    return new TestFamilies.Test<>(
        rs.pValue(),
        (family, size, q, level) ->
            List.of(
                homogeneityRow(
                    run,
                    all,
                    s,
                    json,
                    rs.pearson(),
                    rs.designEffect(),
                    rs.pValue(),
                    partial,
                    family,
                    size,
                    q,
                    level)));
  }

  /**
   * A homogeneity row: Pearson's statistic and asymptotic p-value beside the p-value of the row's
   * method (Monte Carlo for small incident tables, Rao-Scott for children; the Monte Carlo p-value
   * assumes independent children and is not used for them).
   */
  private static DistributionTestRow homogeneityRow(
      RunContext run,
      Period all,
      Breakdown s,
      String json,
      ChiSquareHomogeneity.Result r,
      Double designEffect,
      Double pValue,
      boolean partial,
      String family,
      int size,
      Double q,
      double level) {
    boolean monteCarlo = r != null && designEffect == null && r.monteCarloPValue() != null;
    String method = r == null ? null : designEffect != null ? RaoScott.METHOD : r.method();
    return new DistributionTestRow(
        run.run(),
        run.period(all),
        "homogeneity_across_years",
        s.universe(),
        s.characteristic(),
        "reporting years",
        json,
        r == null ? null : r.statistic(),
        designEffect,
        r == null ? null : r.degreesOfFreedom(),
        pValue,
        r == null ? null : r.pValue(),
        r == null ? null : r.smallestExpected(),
        r == null || r.nullReason() != null ? null : r.reliable(),
        monteCarlo ? r.replicates() : null,
        monteCarlo ? r.monteCarloStandardError() : null,
        method,
        family,
        size,
        q,
        partial,
        r == null ? null : r.nullReason(),
        level);
  }
}
