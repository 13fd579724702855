package org.safeguardstats.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleFunction;
import org.safeguardstats.counts.Breakdown;
import org.safeguardstats.counts.Characteristics;
import org.safeguardstats.counts.CountTable;
import org.safeguardstats.counts.Margin;
import org.safeguardstats.counts.Period;
import org.safeguardstats.stats.AdjustedResiduals;
import org.safeguardstats.stats.ConfidenceLevel;
import org.safeguardstats.stats.Estimate;
import org.safeguardstats.stats.KatzRiskRatio;
import org.safeguardstats.stats.RaoScott;
import org.safeguardstats.stats.Reliability;
import org.safeguardstats.stats.TwoByTwoTest;
import org.safeguardstats.stats.WilsonInterval;
import org.safeguardstats.tables.AssociationRow;
import org.safeguardstats.tables.EstimateColumns;
import org.safeguardstats.tables.LimitColumns;

/**
 * Associations between two characteristics of children, per reporting year and pooled; children
 * cluster in incidents, so every interval and test uses design effects from the count table's
 * incident-level sums.
 *
 * <p><b>Harm by sex</b> ({@code harm_form_by_sex}): 2×2 associations of each form of harm with sex,
 * boys against girls, among children whose likely cause is known (so unknown causes are in no
 * denominator). The forms are the categories of the derived characteristic {@code harm_form} (the
 * {@code harm_form} column of likely_causes.csv), counted by harm form × sex, so the {@link
 * CountTable#RECORDED} cell of each sex is that sex's children with a known cause and each sex's
 * share of a form has its incident-level sums: its design effect D1 (boys), D2 (girls). The
 * proportion ratio (a/n1) / (c/n2) has Katz's interval on the effective counts a/D1 of n1/D1 and
 * c/D2 of n2/D2 ({@link KatzRiskRatio#clustered}); the test is Rao and Scott's first-order
 * correction of the 2×2 table ({@link TwoByTwoTest#clustered}, δ = (n2 D1 + n1 D2) / n), its
 * p-value kept and flagged not reliable when an expected count is below 5 (Fisher's test assumes
 * independent children). Both leave out the covariance between the boys' and the girls' shares of
 * the same incident: positive when siblings share the harm, which makes them conservative.
 *
 * <p><b>Age band within ethnic groups</b> ({@code age_band_by_ethnicity}): the Panel age bands of
 * children aged 0 to 17 by recorded ethnic major group, counted by age band × ethnic group so that
 * each band's share of a group has its incident-level sums. One test of independence (Pearson's
 * chi-square with Rao and Scott's first-order correction, {@link RaoScott}) and, per cell, the
 * expected count, Haberman's adjusted residual divided by √δ ({@link AdjustedResiduals}) flagged
 * {@code over} or {@code under} beyond ±z, and the band's share of the group (clustered Wilson).
 *
 * <p>Each test is computed once; Benjamini-Hochberg q-values are taken within each kind's tests of
 * one period (the three forms of harm; the one age test), so that adding a kind of association
 * never moves another's q-values. A period with a year of no records has no counts: its rows are
 * null with reason {@code no_records}.
 */
public final class AssociationAnalysis {
  static final String HARM_BY_SEX_KEY = "harm_form_by_sex";
  static final String AGE_BY_ETHNICITY_KEY = "age_band_by_ethnicity";
  private static final String AGE_COMPARISON = "age bands within ethnic groups";

  /** Forms of harm by sex: each sex's share of a form with its incident-level sums. */
  static final Margin HARM_BY_SEX =
      Margin.of(Characteristics.of("harm_form"), Breakdown.SEX_MARGIN.first());

  static final Margin AGE_BY_ETHNICITY = Breakdown.AGE_BY_ETHNICITY;

  /**
   * The harm_form of the known causes that make up no form compared (likely_causes.csv): in the
   * denominators, never tested itself.
   */
  static final String OTHER_KNOWN = "other_known";

  private AssociationAnalysis() {}

  /** The counts this analysis reads. */
  public static List<Margin> margins() {
    return List.of(Margin.TOTAL, HARM_BY_SEX, AGE_BY_ETHNICITY);
  }

  public static List<AssociationRow> rows(CountTable counts, RunContext run) {
    Map<String, List<TestFamilies.Test<AssociationRow>>> families = new LinkedHashMap<>();
    for (Period period : run.periods()) {
      families.put(
          HARM_BY_SEX_KEY + " " + period.label(),
          harmForms().stream().map(f -> association(counts, run, period, f)).toList());
      families.put(
          AGE_BY_ETHNICITY_KEY + " " + period.label(),
          List.of(ageByEthnicity(counts, run, period)));
    }
    return TestFamilies.rows(families, run.confidenceLevels());
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

  /** Not reliable: an expected count below 5 (null, a degenerate or missing table, is not). */
  private static boolean unreliable(TwoByTwoTest.Result test) {
    return Boolean.FALSE.equals(test.reliable());
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

  private static TestFamilies.Test<AssociationRow> association(
      CountTable counts, RunContext run, Period period, String form) {
    String missing = counts.missing(period);
    if (missing != null) {
      return harmTest(
          run,
          counts,
          period,
          form,
          "\"" + missing + "\"",
          null,
          TwoByTwoTest.Result.NONE,
          level -> EstimateColumns.none(missing),
          false,
          missing);
    }
    Share boys = Share.of(counts, period, "male", form);
    Share girls = Share.of(counts, period, "female", form);
    TwoByTwoTest.Result test =
        TwoByTwoTest.clustered(
            boys.x(), boys.n(), boys.designEffect(), girls.x(), girls.n(), girls.designEffect());
    String json =
        String.format(
            Locale.ROOT,
            "{\"male\":[%d,%d],\"female\":[%d,%d],\"design_effect\":{\"male\":%s,\"female\":%s}}",
            boys.x(),
            boys.n(),
            girls.x(),
            girls.n(),
            Double.toString(boys.designEffect()),
            Double.toString(girls.designEffect()));
    // The proportion ratio's rule (either count below 10), or the test's small expected counts.
    boolean low = Reliability.low(boys.x(), girls.x()) || unreliable(test);
    return harmTest(
        run,
        counts,
        period,
        form,
        json,
        boys.n() + girls.n(),
        test,
        level ->
            EstimateColumns.attempted(
                KatzRiskRatio.clustered(
                    boys.x(),
                    boys.n(),
                    boys.designEffect(),
                    girls.x(),
                    girls.n(),
                    girls.designEffect(),
                    level)),
        low,
        test.nullReason());
  }

  /** A harm-by-sex test: one row per level, with the proportion ratio at that level. */
  private static TestFamilies.Test<AssociationRow> harmTest(
      RunContext run,
      CountTable counts,
      Period period,
      String form,
      String json,
      Long total,
      TwoByTwoTest.Result test,
      DoubleFunction<EstimateColumns> ratio,
      boolean low,
      String nullReason) {
    return new TestFamilies.Test<>(
        test.pValue(),
        (family, size, q, level) ->
            List.of(
                testRow(
                    run,
                    counts,
                    period,
                    HARM_BY_SEX_KEY,
                    "harm_form",
                    form,
                    "sex",
                    "male vs female",
                    json,
                    total,
                    test,
                    family,
                    size,
                    q,
                    ratio.apply(level),
                    low,
                    nullReason,
                    level)));
  }

  private static AssociationRow testRow(
      RunContext run,
      CountTable counts,
      Period period,
      String association,
      String characteristic,
      String category,
      String groupCharacteristic,
      String comparison,
      String json,
      Long total,
      TwoByTwoTest.Result t,
      String family,
      int size,
      Double q,
      EstimateColumns ratio,
      boolean low,
      String nullReason,
      double level) {
    return new AssociationRow(
        run.run(),
        run.period(period),
        association,
        "test",
        "children",
        characteristic,
        category,
        groupCharacteristic,
        null,
        comparison,
        json,
        null,
        null,
        null,
        null,
        total,
        t.statistic(),
        t.designEffect(),
        t.degreesOfFreedom(),
        t.pValue(),
        t.asymptoticPValue(),
        t.smallestExpected(),
        t.reliable(),
        t.method(),
        family,
        size,
        q,
        ratio,
        null,
        null,
        LimitColumns.of(null),
        null,
        low,
        counts.partial(period),
        nullReason,
        level);
  }

  /**
   * The age bands (0 to 17) of each recorded ethnic group: the test of independence and its cells.
   */
  private static TestFamilies.Test<AssociationRow> ageByEthnicity(
      CountTable counts, RunContext run, Period period) {
    List<String> bands = Breakdown.AGE_BAND.categories();
    List<String> groups = Breakdown.ETHNICITY.categories();
    String missing = counts.missing(period);
    if (missing != null) {
      return new TestFamilies.Test<>(
          null,
          (family, size, q, level) -> {
            List<AssociationRow> rows = new ArrayList<>();
            rows.add(
                ageTestRow(
                    run,
                    counts,
                    period,
                    "\"" + missing + "\"",
                    null,
                    TwoByTwoTest.Result.NONE,
                    family,
                    size,
                    q,
                    missing,
                    level));
            for (String group : groups) {
              for (String band : bands) {
                rows.add(
                    cellRow(
                        run, counts, period, band, group, null, null, null, null, null, null, null,
                        null, null, missing, null, level));
              }
            }
            return rows;
          });
    }
    long[][] table = new long[bands.size()][groups.size()];
    double[][] designEffects = new double[bands.size()][groups.size()];
    long[] groupTotals = new long[groups.size()];
    StringBuilder json = new StringBuilder("{");
    for (int j = 0; j < groups.size(); j++) {
      String group = groups.get(j);
      // The group's recorded cell: its children aged 0 to 17, the bands' shares' denominator.
      CountTable.Cell recorded =
          counts.sum(AGE_BY_ETHNICITY, period, CountTable.ALL, CountTable.RECORDED, group);
      groupTotals[j] = recorded.children();
      json.append(j > 0 ? "," : "").append('"').append(group).append("\":{");
      long sum = 0;
      for (int i = 0; i < bands.size(); i++) {
        CountTable.Cell cell =
            counts.sum(AGE_BY_ETHNICITY, period, CountTable.ALL, bands.get(i), group);
        table[i][j] = cell.children();
        designEffects[i][j] = cell.shareDesignEffect(recorded);
        sum += cell.children();
        json.append(i > 0 ? "," : "")
            .append('"')
            .append(bands.get(i))
            .append("\":")
            .append(cell.children());
      }
      json.append('}');
      if (sum != groupTotals[j]) {
        throw new IllegalStateException(
            "age band x ethnic group: the recorded cell of "
                + group
                + " holds "
                + groupTotals[j]
                + " children, its bands "
                + sum);
      }
    }
    String counted = json.append('}').toString();
    RaoScott.Result rs = RaoScott.of(table, designEffects);
    TwoByTwoTest.Result test = TwoByTwoTest.Result.raoScott(rs);
    double[][] expected = AdjustedResiduals.expected(table);
    Double[][] residuals =
        rs.designEffect() == null
            ? new Double[bands.size()][groups.size()]
            : AdjustedResiduals.of(table, rs.designEffect());
    long n = Arrays.stream(groupTotals).sum();
    long[] bandTotals = new long[bands.size()];
    for (int i = 0; i < bands.size(); i++) {
      bandTotals[i] = Arrays.stream(table[i]).sum();
    }
    return new TestFamilies.Test<>(
        test.pValue(),
        (family, size, q, level) -> {
          List<AssociationRow> rows = new ArrayList<>();
          rows.add(
              ageTestRow(
                  run,
                  counts,
                  period,
                  counted,
                  n,
                  test,
                  family,
                  size,
                  q,
                  test.nullReason(),
                  level));
          double z = ConfidenceLevel.z(level);
          for (int j = 0; j < groups.size(); j++) {
            for (int i = 0; i < bands.size(); i++) {
              Double r = residuals[i][j];
              String reason =
                  groupTotals[j] == 0
                      ? "no_denominator"
                      : test.nullReason() != null
                          ? test.nullReason()
                          : r == null ? "no_expected" : null;
              rows.add(
                  cellRow(
                      run,
                      counts,
                      period,
                      bands.get(i),
                      groups.get(j),
                      table[i][j],
                      expected[i][j],
                      bandTotals[i],
                      groupTotals[j],
                      n,
                      rs.designEffect(),
                      r,
                      WilsonInterval.clustered(
                          table[i][j], groupTotals[j], designEffects[i][j], level),
                      groupTotals[j] == 0 ? null : designEffects[i][j],
                      reason,
                      r == null ? null : r > z ? "over" : r < -z ? "under" : "not_different",
                      level));
            }
          }
          return rows;
        });
  }

  private static AssociationRow ageTestRow(
      RunContext run,
      CountTable counts,
      Period period,
      String json,
      Long total,
      TwoByTwoTest.Result test,
      String family,
      int size,
      Double q,
      String nullReason,
      double level) {
    return testRow(
        run,
        counts,
        period,
        AGE_BY_ETHNICITY_KEY,
        "age_band",
        null,
        "ethnicity",
        AGE_COMPARISON,
        json,
        total,
        test,
        family,
        size,
        q,
        EstimateColumns.none("not_applicable"),
        unreliable(test),
        nullReason,
        level);
  }

  private static AssociationRow cellRow(
      RunContext run,
      CountTable counts,
      Period period,
      String band,
      String group,
      Long observed,
      Double expected,
      Long bandTotal,
      Long groupTotal,
      Long total,
      Double designEffect,
      Double residual,
      Estimate share,
      Double shareDesignEffect,
      String nullReason,
      String flag,
      double level) {
    return new AssociationRow(
        run.run(),
        run.period(period),
        AGE_BY_ETHNICITY_KEY,
        "cell",
        "children",
        "age_band",
        band,
        "ethnicity",
        group,
        AGE_COMPARISON,
        null,
        observed,
        expected,
        bandTotal,
        groupTotal,
        total,
        null,
        designEffect,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        EstimateColumns.none("not_applicable"),
        residual,
        flag,
        LimitColumns.of(share),
        shareDesignEffect,
        observed != null && Reliability.low(observed),
        counts.partial(period),
        nullReason,
        level);
  }
}
