package org.safeguardstats.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.safeguardstats.counts.Period;
import org.safeguardstats.stats.ChiSquareHomogeneity;
import org.safeguardstats.stats.Estimate;
import org.safeguardstats.stats.FisherExact;
import org.safeguardstats.stats.KatzRiskRatio;

/**
 * Tests on distributions. Homogeneity across reporting years (is the mix of categories the same
 * every year?) by Pearson's chi-square, with a seeded Monte Carlo p-value when an expected count is
 * below 5; and 2×2 associations of a form of harm with sex (boys against girls, among children
 * whose likely cause is known, so unknown causes are in no denominator): risk ratio with the Katz
 * log interval, Pearson chi-square or, when an expected count is below 5, Fisher's exact test.
 */
public final class DistributionTestAnalysis {
  /** Forms of harm compared between boys and girls (likely causes that make them up). */
  static final List<String[]> ASSOCIATIONS =
      List.of(
          new String[] {"extrafamilial_harm", "extrafamilial_assault", "extrafamilial_homicide"},
          new String[] {"sexual_abuse_exploitation", "sexual_abuse_exploitation"},
          new String[] {"suicide_or_self_harm", "suicide", "self_harm"});

  private DistributionTestAnalysis() {}

  public static List<OutputRow> rows(CountCube cube, RunContext run) {
    List<OutputRow> rows = new ArrayList<>();
    Period all = new Period(run.firstYear(), run.lastYear());
    for (double level : run.confidenceLevels()) {
      if (all.pooled()) {
        for (ShareChangeAnalysis.Shares s : ShareChangeAnalysis.families()) {
          rows.add(homogeneity(cube, run, all, s, level));
        }
      }
      for (Period period : run.periods()) {
        for (String[] a : ASSOCIATIONS) {
          rows.add(association(cube, run, period, a, level));
        }
      }
    }
    return rows;
  }

  private static OutputRow homogeneity(
      CountCube cube, RunContext run, Period all, ShareChangeAnalysis.Shares s, double level) {
    int years = all.lastYear() - all.firstYear() + 1;
    long[][] table = new long[s.categories().size()][years];
    StringBuilder counts = new StringBuilder("{");
    for (int i = 0; i < s.categories().size(); i++) {
      String category = s.categories().get(i);
      counts.append(i > 0 ? "," : "").append('"').append(category).append("\":[");
      for (int j = 0; j < years; j++) {
        int year = all.firstYear() + j;
        Predicate<CountCube.Cell> where =
            c -> c.reportingYear() == year && s.in().test(c) && s.value().apply(c).equals(category);
        table[i][j] = s.incidents() ? cube.incidents(where) : cube.children(where);
        counts.append(j > 0 ? "," : "").append(table[i][j]);
      }
      counts.append(']');
    }
    ChiSquareHomogeneity.Result r = ChiSquareHomogeneity.of(table);
    OutputRow row =
        start(
                run,
                all,
                "homogeneity_across_years",
                s.universe(),
                s.characteristic(),
                null,
                "reporting years")
            .put("counts", counts.append('}').toString())
            .put("statistic", r.statistic())
            .put("degrees_of_freedom", r.degreesOfFreedom())
            .put("p_value", r.pValue())
            .put("smallest_expected", r.smallestExpected())
            .put("reliable", r.nullReason() == null ? r.reliable() : null)
            .put("monte_carlo_p_value", r.monteCarloPValue())
            .put("replicates", r.replicates())
            .put("method", r.method());
    putRiskRatio(row, null);
    return row.put("risk_ratio_null_reason", "not_applicable")
        .put("null_reason", r.nullReason())
        .put("confidence_level", level);
  }

  private static OutputRow association(
      CountCube cube, RunContext run, Period period, String[] harm, double level) {
    Set<String> causes = Set.of(java.util.Arrays.copyOfRange(harm, 1, harm.length));
    long a = children(cube, period, "male", causes);
    Set<String> known = knownCauses();
    long n1 = children(cube, period, "male", known);
    long c = children(cube, period, "female", causes);
    long n2 = children(cube, period, "female", known);
    long[][] table = {{a, c}, {n1 - a, n2 - c}};
    ChiSquareHomogeneity.Result chi = ChiSquareHomogeneity.of(table);
    boolean small = chi.smallestExpected() != null && chi.smallestExpected() < 5;
    Double p =
        chi.nullReason() != null
            ? null
            : small ? FisherExact.twoSidedPValue(a, c, n1 - a, n2 - c) : chi.pValue();
    OutputRow row =
        start(run, period, "association_2x2", "children", "sex", harm[0], "male vs female")
            .put("counts", String.format("{\"male\":[%d,%d],\"female\":[%d,%d]}", a, n1, c, n2))
            .put("statistic", chi.statistic())
            .put("degrees_of_freedom", chi.degreesOfFreedom())
            .put("p_value", p)
            .put("smallest_expected", chi.smallestExpected())
            .put("reliable", chi.nullReason() == null ? !small : null)
            .put("monte_carlo_p_value", null)
            .put("replicates", null)
            .put(
                "method",
                chi.nullReason() != null ? null : small ? "fisher_exact" : "pearson_chi_square");
    Estimate rr = KatzRiskRatio.of(a, n1, c, n2, level);
    putRiskRatio(row, rr);
    return row.put("risk_ratio_null_reason", rr.nullReason())
        .put("null_reason", chi.nullReason())
        .put("confidence_level", level);
  }

  private static long children(CountCube cube, Period period, String sex, Set<String> causes) {
    return cube.children(
        c ->
            period.contains(c.reportingYear())
                && c.sex().equals(sex)
                && causes.contains(c.likelyCause()));
  }

  /** Causes of death or serious harm that are known: the denominator of a form of harm's risk. */
  static Set<String> knownCauses() {
    Set<String> known = new java.util.HashSet<>(CauseDistributionAnalysis.causes("death"));
    known.addAll(CauseDistributionAnalysis.causes("serious_harm"));
    return known;
  }

  private static OutputRow start(
      RunContext run,
      Period period,
      String test,
      String universe,
      String characteristic,
      String category,
      String comparison) {
    return run.head(period)
        .put("test", test)
        .put("universe", universe)
        .put("characteristic", characteristic)
        .put("category", category)
        .put("comparison", comparison);
  }

  private static void putRiskRatio(OutputRow row, Estimate rr) {
    boolean has = rr != null && rr.value() != null;
    row.put("risk_ratio", has ? rr.value() : null)
        .put("risk_ratio_lower", has ? rr.lower() : null)
        .put("risk_ratio_upper", has ? rr.upper() : null)
        .put("risk_ratio_method", rr == null ? null : rr.method());
  }
}
