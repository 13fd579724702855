package org.safeguardstats.analysis;

import java.util.ArrayList;
import java.util.List;
import org.safeguardstats.counts.Breakdown;
import org.safeguardstats.counts.CountTable;
import org.safeguardstats.counts.Margin;
import org.safeguardstats.counts.Period;
import org.safeguardstats.stats.BenjaminiHochberg;
import org.safeguardstats.stats.ConfidenceLevel;
import org.safeguardstats.stats.Estimate;
import org.safeguardstats.stats.Reliability;
import org.safeguardstats.tables.DemographicsRow;
import org.safeguardstats.tables.DifferenceColumns;
import org.safeguardstats.tables.LimitColumns;

/**
 * The children's sex, Panel age band (0 to 17) and ethnic group, per reporting year and pooled:
 * count, share of those recorded (Wilson on effective counts, children clustered in incidents) and
 * rank; for each year after the first, the previous year's share and rank, the change in percentage
 * points (Newcombe) and the rank change; and, for every category, the difference from the category
 * ranked next below it (percentage points, Wald interval of two multinomial proportions with a
 * design effect), so a table can say whether the largest is separated from the second beyond chance
 * or close to it. The 18 to 25 band and the not-recorded categories are rows with counts only. A
 * period with a year that has no records has no counts: its rows are null with reason {@code
 * no_records}, never zeros.
 */
public final class DemographicsAnalysis {
  /** The breakdowns published, in table order. */
  static final List<Breakdown> BREAKDOWNS =
      List.of(Breakdown.SEX, Breakdown.AGE_BAND, Breakdown.ETHNICITY);

  /** Why a change is null: the first year of the job has no year before it. */
  static final String NO_PREVIOUS_YEAR = "no_previous_year";

  /** Why a change is null on a pooled row. */
  static final String NOT_APPLICABLE = "not_applicable";

  /** Why a next difference is null: the category is ranked last. */
  static final String NO_NEXT_RANK = "no_next_rank";

  private DemographicsAnalysis() {}

  /** The counts this analysis reads. */
  public static List<Margin> margins() {
    List<Margin> margins = new ArrayList<>(BREAKDOWNS.stream().map(Breakdown::margin).toList());
    margins.add(Margin.TOTAL);
    return margins;
  }

  public static List<DemographicsRow> rows(CountTable counts, RunContext run) {
    List<DemographicsRow> rows = new ArrayList<>();
    for (double level : run.confidenceLevels()) {
      for (Period period : run.periods()) {
        for (Breakdown b : BREAKDOWNS) {
          rows.addAll(rows(counts, run, period, b, level));
        }
      }
    }
    return rows;
  }

  /** The year before a year row's; null for a pooled period or the job's first year. */
  static Period previous(RunContext run, Period period) {
    return period.pooled() || period.firstYear() == run.firstYear()
        ? null
        : new Period(period.firstYear() - 1, period.firstYear() - 1);
  }

  private static List<DemographicsRow> rows(
      CountTable table, RunContext run, Period period, Breakdown b, double level) {
    Period previous = previous(run, period);
    Rows row = new Rows(run, table, period, previous, b, level);
    List<DemographicsRow> rows = new ArrayList<>();
    String missing = table.missing(period);
    if (missing != null) {
      List<String> all = new ArrayList<>(b.categories());
      all.addAll(b.countOnly());
      all.forEach(c -> rows.add(row.withoutShare(c, null, null, null, missing)));
      return rows;
    }
    Distribution now = Distribution.of(table, b, period, level);
    Distribution before =
        previous == null || table.missing(previous) != null
            ? null
            : Distribution.of(table, b, previous, level);
    // The adjacent differences of one distribution are one family: "the largest" and "second"
    // rest on them together.
    List<Distribution.Share> shares = now.shares();
    Double[] p = shares.stream().map(now::nextPValue).toArray(Double[]::new);
    Double[] q = BenjaminiHochberg.qValues(p);
    int familySize = BenjaminiHochberg.familySize(p);
    for (int i = 0; i < shares.size(); i++) {
      rows.add(row.share(now, before, shares.get(i), p[i], familySize, q[i]));
    }
    for (String c : b.countOnly()) {
      rows.add(
          row.withoutShare(c, now.count(c), now.recorded(), now.total(), now.countOnlyReason(c)));
    }
    return rows;
  }

  /** What every row of one period and breakdown shares. */
  private record Rows(
      RunContext run,
      CountTable table,
      Period period,
      Period previous,
      Breakdown breakdown,
      double level) {

    DemographicsRow share(
        Distribution now,
        Distribution before,
        Distribution.Share s,
        Double nextP,
        int familySize,
        Double nextQ) {
      String previousPeriod = previous == null ? null : previous.label();
      Long previousCount = null;
      Long previousTotal = null;
      Double previousShare = null;
      Double previousDesignEffect = null;
      Integer previousRank = null;
      DifferenceColumns change =
          DifferenceColumns.none(period.pooled() ? NOT_APPLICABLE : NO_PREVIOUS_YEAR);
      if (previous != null) {
        ShareChange c = ShareChange.of(table, breakdown, previous, period, s.category(), level);
        previousCount = c.previous();
        previousTotal = c.previousTotal();
        previousDesignEffect = c.previousDesignEffect();
        change =
            c.difference() == null
                ? DifferenceColumns.none(c.missing())
                : DifferenceColumns.of(c.difference());
        if (before != null) {
          Distribution.Share then = before.share(s.category());
          previousShare = then.share().value();
          previousRank = then.rank();
        }
      }
      Distribution.Share next = now.next(s.category());
      DifferenceColumns difference = DifferenceColumns.none(NO_NEXT_RANK);
      Double differenceDesignEffect = null;
      Boolean separated = null;
      if (next != null) {
        Estimate d = now.difference(s, next, level);
        difference = DifferenceColumns.of(d);
        differenceDesignEffect = breakdown.incidents() ? null : now.differenceDesignEffect(s, next);
        // The next category's count is at most this one's: separated means larger, beyond
        // chance after the family's adjustment.
        separated =
            nextQ == null ? null : d.value() > 0 && ConfidenceLevel.belowAlpha(nextQ, level);
      }
      return new DemographicsRow(
          run.run(),
          run.period(period),
          breakdown.characteristic(),
          s.category(),
          s.count(),
          now.recorded(),
          now.total(),
          LimitColumns.of(s.share()),
          s.designEffect(),
          s.rank(),
          previousPeriod,
          previousCount,
          previousTotal,
          previousShare,
          previousDesignEffect,
          previousRank,
          change,
          previousRank == null ? null : previousRank - s.rank(),
          next == null ? null : next.category(),
          next == null ? null : next.count(),
          difference,
          differenceDesignEffect,
          nextP,
          next == null ? null : familySize,
          nextQ,
          separated,
          Reliability.low(s.count()),
          partial(),
          s.share().nullReason(),
          level);
    }

    /**
     * A row without a share: a not-recorded or out-of-population category (its counts), or any
     * category of a period with a year that has no records (every count null), with the reason.
     */
    DemographicsRow withoutShare(
        String category, Long count, Long recorded, Long total, String reason) {
      return new DemographicsRow(
          run.run(),
          run.period(period),
          breakdown.characteristic(),
          category,
          count,
          recorded,
          total,
          LimitColumns.of(null),
          null,
          null,
          previous == null ? null : previous.label(),
          null,
          null,
          null,
          null,
          null,
          DifferenceColumns.none(reason),
          null,
          null,
          null,
          DifferenceColumns.none(reason),
          null,
          null,
          null,
          null,
          null,
          count != null && Reliability.low(count),
          partial(),
          reason,
          level);
    }

    /** The period, or the year it is compared with, is partial. */
    private boolean partial() {
      return table.partial(period) || (previous != null && table.partial(previous));
    }
  }
}
