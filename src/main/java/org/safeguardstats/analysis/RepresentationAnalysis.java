package org.safeguardstats.analysis;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.safeguardstats.counts.Breakdown;
import org.safeguardstats.counts.CountTable;
import org.safeguardstats.counts.Margin;
import org.safeguardstats.counts.Period;
import org.safeguardstats.counts.PopulationBaseline;
import org.safeguardstats.stats.BenjaminiHochberg;
import org.safeguardstats.stats.Estimate;
import org.safeguardstats.stats.Reliability;
import org.safeguardstats.stats.RepresentationRatio;
import org.safeguardstats.stats.WilsonInterval;
import org.safeguardstats.tables.EstimateColumns;
import org.safeguardstats.tables.RepresentationRow;

/**
 * Children by ethnic major group, sex and Panel age band against the child population: the
 * representation ratio observed / expected, where expected = recorded total × population share. One
 * reporting year is one stratum (Wilson limits of the share over the population share); a pooled
 * period has each year as a stratum, and the ethnicity ratio standardised over age has reporting
 * year × Panel age band 0-17 (stratified binomial score limits). Not-recorded children are a row of
 * their own and are left out of every denominator.
 */
public final class RepresentationAnalysis {
  static final List<Breakdown> BREAKDOWNS =
      List.of(Breakdown.ETHNICITY, Breakdown.SEX, Breakdown.AGE_BAND);
  static final Margin AGE_BY_ETHNICITY = Breakdown.AGE_BY_ETHNICITY;

  private RepresentationAnalysis() {}

  /** The counts this analysis reads. */
  public static List<Margin> margins() {
    List<Margin> margins = new ArrayList<>(BREAKDOWNS.stream().map(Breakdown::margin).toList());
    margins.addAll(List.of(Margin.TOTAL, AGE_BY_ETHNICITY));
    return margins;
  }

  public static List<RepresentationRow> rows(
      CountTable counts, PopulationBaseline population, RunContext run) {
    List<RepresentationRow> rows = new ArrayList<>();
    for (double level : run.confidenceLevels()) {
      List<RepresentationRow> atLevel = new ArrayList<>();
      for (Period period : run.periods()) {
        String missing = counts.missing(period);
        for (Breakdown ch : BREAKDOWNS) {
          atLevel.addAll(
              missing != null
                  ? noRecords(run, counts, period, ch.characteristic(), "none", all(ch), level)
                  : crude(counts, population, run, period, ch, level));
          if (ch == Breakdown.ETHNICITY) {
            atLevel.addAll(
                missing != null
                    ? noRecords(run, counts, period, "ethnicity", "age", ch.categories(), level)
                    : ageStandardised(counts, population, run, period, level));
          }
        }
      }
      rows.addAll(withQValues(atLevel));
    }
    return rows;
  }

  /**
   * Benjamini-Hochberg q-values of the ratios' score tests of "no over- or under-representation",
   * within each family: every ratio of one characteristic and standardisation at one level (all its
   * categories and periods).
   */
  static List<RepresentationRow> withQValues(List<RepresentationRow> rows) {
    return BenjaminiHochberg.inFamilies(
        rows,
        r -> r.characteristic() + " " + r.standardisation(),
        RepresentationRow::pValue,
        RepresentationRow::inFamily);
  }

  private static List<String> all(Breakdown ch) {
    List<String> all = new ArrayList<>(ch.categories());
    all.addAll(ch.countOnly());
    return all;
  }

  /** A period with a year that has no records: every row null with that reason, never zeros. */
  private static List<RepresentationRow> noRecords(
      RunContext run,
      CountTable counts,
      Period period,
      String characteristic,
      String standardisation,
      List<String> categories,
      double level) {
    String missing = counts.missing(period);
    List<RepresentationRow> rows = new ArrayList<>();
    for (String g : categories) {
      rows.add(
          row(
              run,
              counts,
              period,
              characteristic,
              g,
              standardisation,
              null,
              null,
              null,
              EstimateColumns.none(missing),
              null,
              null,
              null,
              null,
              null,
              null,
              missing,
              null,
              null,
              level));
    }
    return rows;
  }

  private static List<RepresentationRow> crude(
      CountTable counts,
      PopulationBaseline population,
      RunContext run,
      Period period,
      Breakdown ch,
      double level) {
    long recorded = ch.recorded(counts, period);
    long all = counts.total(period, CountTable.ALL).children();
    long notRecorded = all - recorded;
    // Each year a stratum: populations summed over the period's years for the row, expected
    // counts summed year by year; null if a year has no population.
    int years = period.lastYear() - period.firstYear() + 1;
    int groups = ch.categories().size();
    long[][] observed = new long[groups][years];
    long[] recordedByYear = new long[years];
    double[][] groupPop = new double[groups][years];
    double[] totalPop = new double[years];
    long[] pop = new long[groups];
    long popTotal = 0;
    boolean complete = true;
    Set<String> sources = new LinkedHashSet<>();
    for (int y = period.firstYear(); y <= period.lastYear(); y++) {
      int s = y - period.firstYear();
      Period year = new Period(y, y);
      recordedByYear[s] = ch.recorded(counts, year);
      PopulationBaseline.Breakdown b = population.breakdown(y, ch.characteristic());
      if (!b.byCategory().keySet().containsAll(ch.categories())) {
        complete = false;
        break;
      }
      sources.addAll(b.sources());
      for (int i = 0; i < groups; i++) {
        long p = b.byCategory().get(ch.categories().get(i));
        observed[i][s] = ch.count(counts, year, ch.categories().get(i));
        groupPop[i][s] = p;
        totalPop[s] += p;
        pop[i] += p;
        popTotal += p;
      }
    }
    List<RepresentationRow> rows = new ArrayList<>();
    String source = String.join("; ", sources);
    // Children cluster in incidents: the share and the ratio use the share's design effect.
    ch.recordedCell(counts, period);
    for (int i = 0; i < groups; i++) {
      String g = ch.categories().get(i);
      long x = ch.count(counts, period, g);
      double d = ch.shareDesignEffect(counts, period, g);
      Estimate share = WilsonInterval.clustered(x, recorded, d, level);
      boolean has = complete && popTotal > 0;
      Double popShare = has ? (double) pop[i] / popTotal : null;
      Double expected = null;
      Estimate ratio = null;
      Double p = null;
      if (has && period.pooled()) {
        RepresentationRatio.Strata byYear =
            RepresentationRatio.strata(observed[i], recordedByYear, groupPop[i], totalPop);
        expected = byYear.expected();
        ratio = RepresentationRatio.stratifiedBinomialScoreClustered(byYear, d, level);
        p = pValue(byYear, d, ratio);
      } else if (has) {
        expected = recorded * popShare;
        ratio =
            RepresentationRatio.wilsonOverPopulationShareClustered(x, recorded, popShare, d, level);
        p = pValue(new RepresentationRatio.Strata(x, expected, expected * popShare), d, ratio);
      }
      rows.add(
          row(
              run,
              counts,
              period,
              ch.characteristic(),
              g,
              "none",
              x,
              recorded,
              notRecorded,
              EstimateColumns.of(share),
              d,
              has ? pop[i] : null,
              has ? popTotal : null,
              popShare,
              expected,
              ratio,
              has ? ratio.nullReason() : "no_population",
              p,
              source,
              level));
    }
    for (String g : ch.countOnly()) {
      long x = ch.count(counts, period, g);
      String reason =
          ch.outsidePopulation().contains(g)
              ? "outside_population_baseline"
              : "not_recorded_category";
      rows.add(
          row(
              run,
              counts,
              period,
              ch.characteristic(),
              g,
              "none",
              x,
              recorded,
              notRecorded,
              EstimateColumns.none(reason),
              null,
              null,
              null,
              null,
              null,
              null,
              reason,
              null,
              null,
              level));
    }
    return rows;
  }

  private static List<RepresentationRow> ageStandardised(
      CountTable counts,
      PopulationBaseline population,
      RunContext run,
      Period period,
      double level) {
    List<String> bands = Breakdown.AGE_BAND.categories();
    List<String> groups = Breakdown.ETHNICITY.categories();
    int years = period.lastYear() - period.firstYear() + 1;
    int strata = years * bands.size();
    long allChildren = counts.total(period, CountTable.ALL).children();
    Set<String> sources = new LinkedHashSet<>();
    List<RepresentationRow> rows = new ArrayList<>();
    for (String g : groups) {
      long[] observed = new long[strata];
      long[] recorded = new long[strata];
      double[] groupPop = new double[strata];
      double[] totalPop = new double[strata];
      boolean complete = true;
      int s = 0;
      for (int y = period.firstYear(); y <= period.lastYear(); y++) {
        Period year = new Period(y, y);
        Map<String, PopulationBaseline.Breakdown> byBand = population.ethnicityByAgeBand(y);
        for (String band : bands) {
          observed[s] = counts.sum(AGE_BY_ETHNICITY, year, CountTable.ALL, band, g).children();
          for (String e : groups) {
            recorded[s] += counts.sum(AGE_BY_ETHNICITY, year, CountTable.ALL, band, e).children();
          }
          PopulationBaseline.Breakdown b = byBand.get(band);
          if (b == null || !b.byCategory().keySet().containsAll(groups)) {
            complete = false;
          } else {
            sources.addAll(b.sources());
            groupPop[s] = b.byCategory().get(g);
            totalPop[s] = groups.stream().mapToLong(e -> b.byCategory().get(e)).sum();
          }
          s++;
        }
      }
      long o = java.util.Arrays.stream(observed).sum();
      long n = java.util.Arrays.stream(recorded).sum();
      // Left out of the standardisation: ethnicity or age not recorded, or aged 18 to 25.
      RepresentationRatio.Strata r =
          complete ? RepresentationRatio.strata(observed, recorded, groupPop, totalPop) : null;
      // Children cluster in incidents: the design effect of the group's crude share of the period
      // (its one-way margin), applied to the strata's effective counts.
      double d = Breakdown.ETHNICITY.shareDesignEffect(counts, period, g);
      Estimate ratio =
          complete ? RepresentationRatio.stratifiedBinomialScoreClustered(r, d, level) : null;
      rows.add(
          row(
              run,
              counts,
              period,
              "ethnicity",
              g,
              "age",
              o,
              n,
              allChildren - n,
              EstimateColumns.none("not_applicable"),
              d,
              null,
              null,
              null,
              complete ? r.expected() : null,
              ratio,
              complete ? ratio.nullReason() : "no_population_by_age",
              complete ? pValue(r, d, ratio) : null,
              complete ? String.join("; ", sources) : null,
              level));
    }
    return rows;
  }

  /** The score test's p-value on effective counts, when the ratio has a value. */
  private static Double pValue(RepresentationRatio.Strata s, double d, Estimate ratio) {
    return ratio.value() == null
        ? null
        : RepresentationRatio.scoreTestPValue(s.observed() / d, s.expected() / d, s.sumNp2() / d);
  }

  private static RepresentationRow row(
      RunContext run,
      CountTable counts,
      Period period,
      String characteristic,
      String category,
      String standardisation,
      Long observed,
      Long recorded,
      Long notRecorded,
      EstimateColumns share,
      Double designEffect,
      Long population,
      Long populationTotal,
      Double populationShare,
      Double expected,
      Estimate ratio,
      String ratioReason,
      Double pValue,
      String source,
      double level) {
    boolean hasRatio = ratio != null && ratio.value() != null;
    return new RepresentationRow(
        run.run(),
        run.period(period),
        characteristic,
        category,
        standardisation,
        observed,
        recorded,
        notRecorded,
        share,
        designEffect,
        population,
        populationTotal,
        populationShare,
        expected,
        EstimateColumns.of(ratio).because(ratioReason),
        hasRatio ? flag(ratio) : null,
        hasRatio ? pValue : null,
        null,
        null,
        source == null || source.isEmpty() ? null : source,
        observed != null && Reliability.low(observed),
        counts.partial(period),
        level);
  }

  /** Over or under only when the interval excludes 1. */
  static String flag(Estimate ratio) {
    if (ratio.lower() > 1) {
      return "over";
    }
    if (ratio.upper() < 1) {
      return "under";
    }
    return "not_different";
  }
}
