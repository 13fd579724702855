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
import org.safeguardstats.stats.Estimate;
import org.safeguardstats.stats.Reliability;
import org.safeguardstats.stats.RepresentationRatio;
import org.safeguardstats.stats.WilsonInterval;

/**
 * Children by ethnic major group, sex and Panel age band against the child population: the
 * representation ratio observed / expected, where expected = recorded total × population share (an
 * indirectly standardised ratio with one stratum), and for ethnicity also the ratio standardised
 * over age bands (strata: reporting year × Panel age band 0-17). Not-recorded children are a row of
 * their own and are left out of every denominator.
 */
public final class RepresentationAnalysis {
  static final List<Breakdown> BREAKDOWNS =
      List.of(Breakdown.ETHNICITY, Breakdown.SEX, Breakdown.AGE_BAND);
  static final Margin AGE_BY_ETHNICITY =
      Margin.of(Breakdown.AGE_BAND_MARGIN.first(), Breakdown.ETHNIC_GROUP.first());

  private RepresentationAnalysis() {}

  /** The counts this analysis reads. */
  public static List<Margin> margins() {
    List<Margin> margins = new ArrayList<>(BREAKDOWNS.stream().map(Breakdown::margin).toList());
    margins.addAll(List.of(Margin.TOTAL, AGE_BY_ETHNICITY));
    return margins;
  }

  public static List<OutputRow> rows(
      CountTable counts, PopulationBaseline population, RunContext run) {
    List<OutputRow> rows = new ArrayList<>();
    for (double level : run.confidenceLevels()) {
      for (Period period : run.periods()) {
        for (Breakdown ch : BREAKDOWNS) {
          rows.addAll(crude(counts, population, run, period, ch, level));
          if (ch == Breakdown.ETHNICITY) {
            rows.addAll(ageStandardised(counts, population, run, period, level));
          }
        }
      }
    }
    return rows;
  }

  private static List<OutputRow> crude(
      CountTable counts,
      PopulationBaseline population,
      RunContext run,
      Period period,
      Breakdown ch,
      double level) {
    long recorded = ch.recorded(counts, period);
    long all = counts.total(period, CountTable.ALL).children();
    long notRecorded = all - recorded;
    // Population of each category summed over the period's years; null if a year has none.
    Long[] pop = new Long[ch.categories().size()];
    long popTotal = 0;
    boolean complete = true;
    Set<String> sources = new LinkedHashSet<>();
    java.util.Arrays.fill(pop, 0L);
    for (int y = period.firstYear(); y <= period.lastYear(); y++) {
      PopulationBaseline.Breakdown b = population.breakdown(y, ch.characteristic());
      if (!b.byCategory().keySet().containsAll(ch.categories())) {
        complete = false;
        break;
      }
      sources.addAll(b.sources());
      for (int i = 0; i < pop.length; i++) {
        pop[i] += b.byCategory().get(ch.categories().get(i));
        popTotal += b.byCategory().get(ch.categories().get(i));
      }
    }
    List<OutputRow> rows = new ArrayList<>();
    for (int i = 0; i < ch.categories().size(); i++) {
      String g = ch.categories().get(i);
      long x = ch.count(counts, period, g);
      OutputRow row = start(run, period, ch.characteristic(), g, "none", x, recorded, notRecorded);
      Estimate share = WilsonInterval.of(x, recorded, level);
      Shares.putShare(row, share);
      String reason = null;
      if (complete && popTotal > 0) {
        double popShare = (double) pop[i] / popTotal;
        double expected = recorded * popShare;
        Estimate ratio = RepresentationRatio.of(x, expected, level);
        row.put("population", pop[i])
            .put("population_total", popTotal)
            .put("population_share", popShare)
            .put("expected", expected);
        putRatio(row, ratio);
        reason = ratio.nullReason();
      } else {
        row.put("population", null)
            .put("population_total", null)
            .put("population_share", null)
            .put("expected", null);
        putRatio(row, null);
        reason = "no_population";
      }
      rows.add(finish(row, String.join("; ", sources), x, share.nullReason(), reason, level));
    }
    for (String g : ch.countOnly()) {
      long x = ch.count(counts, period, g);
      OutputRow row = start(run, period, ch.characteristic(), g, "none", x, recorded, notRecorded);
      Shares.putNoShare(row);
      row.put("population", null)
          .put("population_total", null)
          .put("population_share", null)
          .put("expected", null);
      putRatio(row, null);
      String reason =
          ch.margin().first().notRecorded().contains(g)
              ? "not_recorded_category"
              : "outside_population_baseline";
      rows.add(finish(row, null, x, reason, reason, level));
    }
    return rows;
  }

  private static List<OutputRow> ageStandardised(
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
    List<OutputRow> rows = new ArrayList<>();
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
      OutputRow row = start(run, period, "ethnicity", g, "age", o, n, allChildren - n);
      Shares.putNoShare(row);
      row.put("population", null).put("population_total", null).put("population_share", null);
      String reason;
      if (complete) {
        RepresentationRatio.StandardisedRatio r =
            RepresentationRatio.ageStandardised(observed, recorded, groupPop, totalPop, level);
        row.put("expected", r.expected());
        putRatio(row, r.ratio());
        reason = r.ratio().nullReason();
      } else {
        row.put("expected", null);
        putRatio(row, null);
        reason = "no_population_by_age";
      }
      rows.add(
          finish(
              row,
              complete ? String.join("; ", sources) : null,
              o,
              "not_applicable",
              reason,
              level));
    }
    return rows;
  }

  private static OutputRow start(
      RunContext run,
      Period period,
      String characteristic,
      String category,
      String standardisation,
      long observed,
      long recorded,
      long notRecorded) {
    return run.head(period)
        .put("characteristic", characteristic)
        .put("category", category)
        .put("standardisation", standardisation)
        .put("observed", observed)
        .put("recorded_total", recorded)
        .put("not_recorded", notRecorded);
  }

  private static void putRatio(OutputRow row, Estimate ratio) {
    boolean has = ratio != null && ratio.value() != null;
    row.put("ratio", has ? ratio.value() : null)
        .put("ratio_lower", has ? ratio.lower() : null)
        .put("ratio_upper", has ? ratio.upper() : null)
        .put("ratio_method", has ? ratio.method() : null)
        .put("representation", has ? flag(ratio) : null);
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

  private static OutputRow finish(
      OutputRow row,
      String source,
      long observed,
      String shareReason,
      String ratioReason,
      double level) {
    return row.put("population_source", source == null || source.isEmpty() ? null : source)
        .put("low_reliability", Reliability.low(observed))
        .put("share_null_reason", shareReason)
        .put("ratio_null_reason", ratioReason)
        .put("confidence_level", level);
  }
}
