package org.safeguardstats.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.safeguardstats.counts.Breakdown;
import org.safeguardstats.counts.Characteristics;
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
 * below 5 (incidents) or Rao and Scott's correction (children); and 2×2 associations of a form of
 * harm with sex (boys against girls, among children whose likely cause is known, so unknown causes
 * are in no denominator). Each test is computed once (it does not depend on the confidence level);
 * Benjamini-Hochberg q-values are taken within each family: all homogeneity tests of the span, and
 * the association tests of one period.
 *
 * <p>The associations count children, who cluster in incidents. The forms of harm are the
 * categories of the derived characteristic {@code harm_form} (the {@code harm_form} column of
 * likely_causes.csv; its recorded total is the children with a known cause), counted by harm form ×
 * sex, so the {@link CountTable#RECORDED} cell of each sex is that sex's children with a known
 * cause and each sex's share of a form has its incident-level sums Σ y², Σ y n, Σ n² (y_i the
 * incident's children of that sex with the form, n_i those with a known cause): its design effect
 * D1 (boys), D2 (girls). The proportion ratio (a/n1) / (c/n2) has Katz's interval on the effective
 * counts a/D1 of n1/D1 and c/D2 of n2/D2 ({@link KatzRiskRatio#clustered}); the test is Rao and
 * Scott's first-order correction of the 2×2 table ({@link TwoByTwoTest#clustered}, δ = (n2 D1 + n1
 * D2) / n in the row's design_effect), as for the homogeneity of children, its p-value kept and
 * flagged not reliable when an expected count is below 5 (Fisher's test assumes independent
 * children). Both leave out the covariance between the boys' and the girls' shares of the same
 * incident (a brother and a sister): it is positive when siblings share the harm, which makes the
 * interval and the test conservative.
 */
public final class DistributionTestAnalysis {
  /** Forms of harm by sex: each sex's share of a form with its incident-level sums. */
  static final Margin HARM_BY_SEX =
      Margin.of(Characteristics.of("harm_form"), Breakdown.SEX_MARGIN.first());

  /**
   * The harm_form of the known causes that make up no form compared (likely_causes.csv): in the
   * denominators, never tested itself.
   */
  static final String OTHER_KNOWN = "other_known";

  private DistributionTestAnalysis() {}

  /** The counts this analysis reads. */
  public static List<Margin> margins() {
    List<Margin> margins =
        new ArrayList<>(Breakdown.shareFamilies().stream().map(Breakdown::margin).toList());
    margins.add(HARM_BY_SEX);
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
          harmForms().stream().map(f -> association(counts, run, period, f)).toList());
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

  /** The forms of harm compared between boys and girls: harm_form's known categories but one. */
  static List<String> harmForms() {
    List<String> recorded = HARM_BY_SEX.first().recorded();
    if (!recorded.contains(OTHER_KNOWN)) {
      throw new IllegalStateException(
          "harm_form (likely_causes.csv) has no category " + OTHER_KNOWN + ": " + recorded);
    }
    return recorded.stream().filter(f -> !f.equals(OTHER_KNOWN)).toList();
  }

  /** One sex's share of a form of harm among its children with a known cause, with its D. */
  private record Share(long x, long n, double designEffect) {
    static Share of(CountTable counts, Period period, String sex, String form) {
      CountTable.Cell cell = counts.sum(HARM_BY_SEX, period, CountTable.ALL, form, sex);
      CountTable.Cell known =
          counts.sum(HARM_BY_SEX, period, CountTable.ALL, CountTable.RECORDED, sex);
      return new Share(cell.children(), known.children(), cell.shareDesignEffect(known));
    }
  }

  private static Test association(CountTable counts, RunContext run, Period period, String form) {
    // A period with a year of no records has no counts: the row says so, with no test.
    String missing = counts.missing(period);
    Share boys = missing != null ? null : Share.of(counts, period, "male", form);
    Share girls = missing != null ? null : Share.of(counts, period, "female", form);
    TwoByTwoTest.Result test =
        missing != null
            ? null
            : TwoByTwoTest.clustered(
                boys.x(),
                boys.n(),
                boys.designEffect(),
                girls.x(),
                girls.n(),
                girls.designEffect());
    String json =
        missing != null
            ? "\"" + missing + "\""
            : String.format(
                java.util.Locale.ROOT,
                "{\"male\":[%d,%d],\"female\":[%d,%d],\"design_effect\":{\"male\":%s,\"female\":%s}}",
                boys.x(),
                boys.n(),
                girls.x(),
                girls.n(),
                Double.toString(boys.designEffect()),
                Double.toString(girls.designEffect()));
    return new Test(
        test == null ? null : test.pValue(),
        (family, size, q, level) ->
            associationRow(
                run,
                counts,
                period,
                form,
                json,
                test,
                family,
                size,
                q,
                test == null
                    ? EstimateColumns.none(missing)
                    : EstimateColumns.attempted(
                        KatzRiskRatio.clustered(
                            boys.x(),
                            boys.n(),
                            boys.designEffect(),
                            girls.x(),
                            girls.n(),
                            girls.designEffect(),
                            level)),
                test == null ? missing : test.nullReason(),
                level));
  }

  /** An association row; {@code test} null when the period has no counts. */
  private static DistributionTestRow associationRow(
      RunContext run,
      CountTable counts,
      Period period,
      String form,
      String json,
      TwoByTwoTest.Result test,
      String family,
      int size,
      Double q,
      EstimateColumns ratio,
      String nullReason,
      double level) {
    return new DistributionTestRow(
        run.run(),
        run.period(period),
        "association_2x2",
        "children",
        "sex",
        form,
        "male vs female",
        json,
        test == null ? null : test.statistic(),
        test == null ? null : test.designEffect(),
        test == null ? null : test.degreesOfFreedom(),
        test == null ? null : test.pValue(),
        test == null ? null : test.asymptoticPValue(),
        test == null ? null : test.smallestExpected(),
        test == null ? null : test.reliable(),
        null,
        null,
        test == null ? null : test.method(),
        family,
        size,
        q,
        ratio,
        counts.partial(period),
        nullReason,
        level);
  }
}
