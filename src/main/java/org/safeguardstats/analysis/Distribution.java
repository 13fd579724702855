package org.safeguardstats.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.safeguardstats.counts.Breakdown;
import org.safeguardstats.counts.CountTable;
import org.safeguardstats.counts.Period;
import org.safeguardstats.stats.DesignEffect;
import org.safeguardstats.stats.Estimate;
import org.safeguardstats.stats.SameSampleDifference;
import org.safeguardstats.stats.WilsonInterval;

/**
 * A breakdown's distribution in one period, computed one way for every table that publishes one
 * (likely causes, demographics): each category's count, its share of the recorded total (Wilson;
 * for children on effective counts with the share's design effect, incidents being the independent
 * units) and its rank by count (1 = largest; ties share the best rank), the recorded total and the
 * total, and the count-only categories. Only for a period whose years all have records.
 */
final class Distribution {
  /** Why a count-only row has no share: outside the child population, or not recorded. */
  static final String OUTSIDE_POPULATION = "outside_population_baseline";

  static final String NOT_RECORDED = "not_recorded_category";

  /** One category with a share. */
  record Share(String category, long count, Estimate share, Double designEffect, int rank) {}

  private final CountTable table;
  private final Breakdown breakdown;
  private final Period period;
  private final long recorded;
  private final long total;
  private final List<Share> shares;

  private Distribution(
      CountTable table,
      Breakdown breakdown,
      Period period,
      long recorded,
      long total,
      List<Share> shares) {
    this.table = table;
    this.breakdown = breakdown;
    this.period = period;
    this.recorded = recorded;
    this.total = total;
    this.shares = shares;
  }

  static Distribution of(CountTable table, Breakdown breakdown, Period period, double level) {
    if (table.missing(period) != null) {
      throw new IllegalArgumentException(
          "No distribution of " + period.label() + ": " + table.missing(period));
    }
    List<String> categories = breakdown.categories();
    long[] counts = categories.stream().mapToLong(c -> breakdown.count(table, period, c)).toArray();
    long recorded = breakdown.recorded(table, period);
    if (!breakdown.incidents()) {
      // Checks that the recorded cell is the categories' total: the design effects use its sums.
      breakdown.recordedCell(table, period);
    }
    CountTable.Cell all = table.total(period, breakdown.incidentType());
    long total = breakdown.incidents() ? all.incidents() : all.children();
    int[] ranks = ranks(counts);
    List<Share> shares = new ArrayList<>();
    for (int i = 0; i < categories.size(); i++) {
      Estimate share;
      Double designEffect = null;
      if (breakdown.incidents()) {
        share = WilsonInterval.of(counts[i], recorded, level);
      } else {
        // Children cluster in incidents: the share's interval uses its design effect.
        designEffect = breakdown.shareDesignEffect(table, period, categories.get(i));
        share = WilsonInterval.clustered(counts[i], recorded, designEffect, level);
      }
      shares.add(new Share(categories.get(i), counts[i], share, designEffect, ranks[i]));
    }
    return new Distribution(table, breakdown, period, recorded, total, List.copyOf(shares));
  }

  /** Rank of each count: 1 + the number of larger counts, so ties share the best rank. */
  static int[] ranks(long[] counts) {
    int[] ranks = new int[counts.length];
    for (int i = 0; i < counts.length; i++) {
      ranks[i] = 1;
      for (long other : counts) {
        if (other > counts[i]) {
          ranks[i]++;
        }
      }
    }
    return ranks;
  }

  /** The shares' denominator: the count over the categories with shares. */
  long recorded() {
    return recorded;
  }

  /** Everything counted in the period (incidents or children of the breakdown's incident type). */
  long total() {
    return total;
  }

  /** The categories with shares, in publication order. */
  List<Share> shares() {
    return shares;
  }

  Share share(String category) {
    return shares.stream()
        .filter(s -> s.category().equals(category))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("No category " + category));
  }

  /** A count-only category's count. */
  long count(String countOnly) {
    return breakdown.count(table, period, countOnly);
  }

  /** Why a count-only category has no share. */
  String countOnlyReason(String category) {
    return breakdown.outsidePopulation().contains(category) ? OUTSIDE_POPULATION : NOT_RECORDED;
  }

  /**
   * The category ranked just below this one: the next in order of count, largest first, ties in
   * publication order (so of two tied categories the first's next is the second); null for the
   * last.
   */
  Share next(String category) {
    List<Share> ordered =
        shares.stream().sorted(Comparator.comparingLong(Share::count).reversed()).toList();
    for (int i = 0; i + 1 < ordered.size(); i++) {
      if (ordered.get(i).category().equals(category)) {
        return ordered.get(i + 1);
      }
    }
    return null;
  }

  /**
   * Design effect of the difference between two categories' shares (children;
   * DesignEffect.ofDifference from the cells' incident-level sums, an upper bound); 1 for
   * incidents.
   */
  double differenceDesignEffect(Share first, Share second) {
    if (breakdown.incidents()) {
      return 1.0;
    }
    CountTable.Cell a = breakdown.cell(table, period, first.category());
    CountTable.Cell b = breakdown.cell(table, period, second.category());
    CountTable.Cell n = breakdown.recordedCell(table, period);
    return DesignEffect.ofDifference(
        a.children(),
        b.children(),
        n.children(),
        a.childrenSquared(),
        b.childrenSquared(),
        a.childrenCross(),
        b.childrenCross(),
        n.childrenSquared());
  }

  /**
   * The p-value of the Wald test of a category's share against the next ranked below it; null for
   * the last ranked or a degenerate difference.
   */
  Double nextPValue(Share first) {
    Share second = next(first.category());
    return second == null
        ? null
        : SameSampleDifference.pValue(
            first.count(), second.count(), recorded, differenceDesignEffect(first, second));
  }

  /** The difference between two categories' shares, first minus second, with its interval. */
  Estimate difference(Share first, Share second, double level) {
    return breakdown.incidents()
        ? SameSampleDifference.of(first.count(), second.count(), recorded, level)
        : SameSampleDifference.clustered(
            first.count(), second.count(), recorded, differenceDesignEffect(first, second), level);
  }
}
