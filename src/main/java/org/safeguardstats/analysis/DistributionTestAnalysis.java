package org.safeguardstats.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.safeguardstats.counts.Breakdown;
import org.safeguardstats.counts.CountTable;
import org.safeguardstats.counts.Margin;
import org.safeguardstats.counts.Period;
import org.safeguardstats.stats.BenjaminiHochberg;
import org.safeguardstats.stats.ChiSquareHomogeneity;
import org.safeguardstats.stats.KatzRiskRatio;
import org.safeguardstats.stats.RaoScott;
import org.safeguardstats.stats.TwoByTwoTest;
import org.safeguardstats.tables.DistributionTestRow;
import org.safeguardstats.tables.EstimateColumns;

/**
 * Tests on distributions. Homogeneity across reporting years (is the mix of categories the same
 * every year?) by Pearson's chi-square, with a seeded Monte Carlo p-value when an expected count is
 * below 5; and 2×2 associations of a form of harm with sex (boys against girls, among children
 * whose likely cause is known, so unknown causes are in no denominator): the ratio of the two
 * proportions with the Katz log interval, Pearson chi-square or, when an expected count is below 5,
 * Fisher's exact test. Each test is computed once (it does not depend on the confidence level);
 * Benjamini-Hochberg q-values are taken within each family: all homogeneity tests of the span, and
 * the association tests of one period.
 */
public final class DistributionTestAnalysis {
  /** Forms of harm compared between boys and girls (likely causes that make them up). */
  static final List<String[]> ASSOCIATIONS =
      List.of(
          new String[] {"extrafamilial_harm", "extrafamilial_assault", "extrafamilial_homicide"},
          new String[] {"sexual_abuse_exploitation", "sexual_abuse_exploitation"},
          new String[] {"suicide_or_self_harm", "suicide", "self_harm"});

  static final Margin SEX_BY_CAUSE =
      Margin.of(Breakdown.SEX_MARGIN.first(), Breakdown.LIKELY_CAUSE.first());

  private DistributionTestAnalysis() {}

  /** The counts this analysis reads. */
  public static List<Margin> margins() {
    List<Margin> margins =
        new ArrayList<>(Breakdown.shareFamilies().stream().map(Breakdown::margin).toList());
    margins.add(SEX_BY_CAUSE);
    return margins;
  }

  /**
   * One test, computed once; its rows (one per level) are made once its family's q-values are
   * known.
   */
  private record Test(Double pValue, RowMaker row) {}

  private interface RowMaker {
    DistributionTestRow make(String family, int familySize, Double qValue, double level);
  }

  public static List<DistributionTestRow> rows(CountTable counts, RunContext run) {
    Period all = new Period(run.firstYear(), run.lastYear());
    Map<String, List<Test>> families = new LinkedHashMap<>();
    if (all.pooled()) {
      families.put(
          "homogeneity_across_years " + all.label(),
          Breakdown.shareFamilies().stream().map(s -> homogeneity(counts, run, all, s)).toList());
    }
    for (Period period : run.periods()) {
      families.put(
          "association_2x2 " + period.label(),
          ASSOCIATIONS.stream().map(a -> association(counts, run, period, a)).toList());
    }
    List<DistributionTestRow> rows = new ArrayList<>();
    for (double level : run.confidenceLevels()) {
      families.forEach(
          (family, tests) -> {
            Double[] p = tests.stream().map(Test::pValue).toArray(Double[]::new);
            Double[] q = BenjaminiHochberg.qValues(p);
            int size = BenjaminiHochberg.familySize(p);
            for (int i = 0; i < tests.size(); i++) {
              rows.add(tests.get(i).row().make(family, size, q[i], level));
            }
          });
    }
    return rows;
  }

  private static Test homogeneity(CountTable countTable, RunContext run, Period all, Breakdown s) {
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
      return new Test(
          null,
          (family, size, q, level) ->
              homogeneityRow(run, all, s, json, null, null, null, partial, family, size, q, level)
                  .because(missing));
    }
    ChiSquareHomogeneity.Result r = ChiSquareHomogeneity.of(table);
    if (s.incidents()) {
      return new Test(
          r.methodPValue(),
          (family, size, q, level) ->
              homogeneityRow(
                  run, all, s, json, r, null, r.methodPValue(), partial, family, size, q, level));
    }
    // Children cluster in incidents: Rao and Scott's first-order correction.
    RaoScott.Result rs = RaoScott.of(table, designEffects);
    return new Test(
        rs.pValue(),
        (family, size, q, level) ->
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
                level));
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
        null,
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
        EstimateColumns.none("not_applicable"),
        partial,
        r == null ? null : r.nullReason(),
        level);
  }

  private static Test association(CountTable counts, RunContext run, Period period, String[] harm) {
    String missing = counts.missing(period);
    Set<String> causes = Set.of(java.util.Arrays.copyOfRange(harm, 1, harm.length));
    Set<String> known = knownCauses();
    long a = children(counts, period, "male", causes);
    long n1 = children(counts, period, "male", known);
    long c = children(counts, period, "female", causes);
    long n2 = children(counts, period, "female", known);
    // A period with a year of no records has no counts: the row says so, with no test.
    TwoByTwoTest.Result chi = missing != null ? null : TwoByTwoTest.of(a, c, n1 - a, n2 - c);
    return new Test(
        chi == null ? null : chi.pValue(),
        (family, size, q, level) ->
            new DistributionTestRow(
                run.run(),
                run.period(period),
                "association_2x2",
                "children",
                "sex",
                harm[0],
                "male vs female",
                chi == null
                    ? "\"" + missing + "\""
                    : String.format("{\"male\":[%d,%d],\"female\":[%d,%d]}", a, n1, c, n2),
                chi == null ? null : chi.statistic(),
                null,
                chi == null ? null : chi.degreesOfFreedom(),
                chi == null ? null : chi.pValue(),
                chi == null ? null : chi.asymptoticPValue(),
                chi == null ? null : chi.smallestExpected(),
                chi == null ? null : chi.reliable(),
                null,
                null,
                chi == null ? null : chi.method(),
                family,
                size,
                q,
                chi == null
                    ? EstimateColumns.none(missing)
                    : EstimateColumns.attempted(KatzRiskRatio.of(a, n1, c, n2, level)),
                counts.partial(period),
                chi == null ? missing : chi.nullReason(),
                level));
  }

  private static long children(CountTable counts, Period period, String sex, Set<String> causes) {
    return causes.stream()
        .mapToLong(cause -> counts.sum(SEX_BY_CAUSE, period, CountTable.ALL, sex, cause).children())
        .sum();
  }

  /** Causes of death or serious harm that are known: the denominator of a form of harm's risk. */
  static Set<String> knownCauses() {
    Set<String> known = new java.util.LinkedHashSet<>();
    Breakdown.likelyCauses().forEach(b -> known.addAll(b.categories()));
    return known;
  }
}
