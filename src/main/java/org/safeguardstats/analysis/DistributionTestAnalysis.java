package org.safeguardstats.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.safeguardstats.counts.Breakdown;
import org.safeguardstats.counts.CountTable;
import org.safeguardstats.counts.Margin;
import org.safeguardstats.counts.Period;
import org.safeguardstats.stats.ChiSquareHomogeneity;
import org.safeguardstats.stats.Estimate;
import org.safeguardstats.stats.KatzRiskRatio;
import org.safeguardstats.stats.TwoByTwoTest;
import org.safeguardstats.tables.DistributionTestRow;
import org.safeguardstats.tables.EstimateColumns;

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

  public static List<DistributionTestRow> rows(CountTable counts, RunContext run) {
    List<DistributionTestRow> rows = new ArrayList<>();
    Period all = new Period(run.firstYear(), run.lastYear());
    for (double level : run.confidenceLevels()) {
      if (all.pooled()) {
        for (Breakdown s : Breakdown.shareFamilies()) {
          rows.add(homogeneity(counts, run, all, s, level));
        }
      }
      for (Period period : run.periods()) {
        for (String[] a : ASSOCIATIONS) {
          rows.add(association(counts, run, period, a, level));
        }
      }
    }
    return rows;
  }

  private static DistributionTestRow homogeneity(
      CountTable countTable, RunContext run, Period all, Breakdown s, double level) {
    int years = all.lastYear() - all.firstYear() + 1;
    long[][] table = new long[s.categories().size()][years];
    StringBuilder counts = new StringBuilder("{");
    for (int i = 0; i < s.categories().size(); i++) {
      String category = s.categories().get(i);
      counts.append(i > 0 ? "," : "").append('"').append(category).append("\":[");
      for (int j = 0; j < years; j++) {
        int year = all.firstYear() + j;
        table[i][j] = s.count(countTable, new Period(year, year), category);
        counts.append(j > 0 ? "," : "").append(table[i][j]);
      }
      counts.append(']');
    }
    ChiSquareHomogeneity.Result r = ChiSquareHomogeneity.of(table);
    return new DistributionTestRow(
        run.run(),
        run.period(all),
        "homogeneity_across_years",
        s.universe(),
        s.characteristic(),
        null,
        "reporting years",
        counts.append('}').toString(),
        r.statistic(),
        r.degreesOfFreedom(),
        r.pValue(),
        r.smallestExpected(),
        r.nullReason() == null ? r.reliable() : null,
        r.monteCarloPValue(),
        r.replicates(),
        r.method(),
        EstimateColumns.none("not_applicable"),
        r.nullReason(),
        level);
  }

  private static DistributionTestRow association(
      CountTable counts, RunContext run, Period period, String[] harm, double level) {
    Set<String> causes = Set.of(java.util.Arrays.copyOfRange(harm, 1, harm.length));
    long a = children(counts, period, "male", causes);
    Set<String> known = knownCauses();
    long n1 = children(counts, period, "male", known);
    long c = children(counts, period, "female", causes);
    long n2 = children(counts, period, "female", known);
    TwoByTwoTest.Result chi = TwoByTwoTest.of(a, c, n1 - a, n2 - c);
    Estimate rr = KatzRiskRatio.of(a, n1, c, n2, level);
    return new DistributionTestRow(
        run.run(),
        run.period(period),
        "association_2x2",
        "children",
        "sex",
        harm[0],
        "male vs female",
        String.format("{\"male\":[%d,%d],\"female\":[%d,%d]}", a, n1, c, n2),
        chi.statistic(),
        chi.degreesOfFreedom(),
        chi.pValue(),
        chi.smallestExpected(),
        chi.reliable(),
        null,
        null,
        chi.method(),
        EstimateColumns.attempted(rr),
        chi.nullReason(),
        level);
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
