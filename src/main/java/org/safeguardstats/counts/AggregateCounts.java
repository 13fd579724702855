package org.safeguardstats.counts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Published counts by reporting year and incident type, read from accepted EES rows of the job's
 * geographic level. A GSS symbol stays a missing count with its reason, never a zero: {@code c}
 * suppressed, {@code x} not available, {@code z} not applicable, {@code low} rounds to zero, {@code
 * u} low reliability. Several rows for one year and type (e.g. every region) are summed; one
 * missing row makes the sum missing.
 */
public final class AggregateCounts implements YearlyCounts {
  private final String measure;
  private final Map<Integer, Map<String, Count>> byYear;

  AggregateCounts(String measure, Map<Integer, Map<String, Count>> byYear) {
    this.measure = measure;
    this.byYear = byYear;
  }

  /** The reason a GSS symbol stands for. */
  static String symbolReason(String symbol) {
    return switch (symbol) {
      case "c" -> "suppressed (c)";
      case "x" -> "not_available (x)";
      case "z" -> "not_applicable (z)";
      case "low" -> "rounds_to_zero (low)";
      case "u" -> "low_reliability (u)";
      default -> throw new IllegalArgumentException("Not a GSS symbol: " + symbol);
    };
  }

  static Count parse(String cell) {
    return cell.chars().allMatch(Character::isDigit)
        ? Count.of(Long.parseLong(cell))
        : new Count(null, symbolReason(cell));
  }

  /** One published cell: a count or a GSS symbol, for a reporting year and incident type. */
  public record Cell(int year, String category, String value) {}

  /** Several cells for one year and type (e.g. every region) are summed. */
  public static AggregateCounts of(String measure, List<Cell> cells) {
    Map<Integer, Map<String, Count>> byYear = new LinkedHashMap<>();
    for (Cell c : cells) {
      byYear
          .computeIfAbsent(c.year(), y -> new LinkedHashMap<>())
          .merge(c.category(), parse(c.value()), AggregateCounts::add);
    }
    return new AggregateCounts(measure, byYear);
  }

  static Count add(Count a, Count b) {
    if (!a.present()) {
      return a;
    }
    return b.present() ? Count.of(a.value() + b.value()) : b;
  }

  @Override
  public List<String> measures() {
    return List.of(measure);
  }

  @Override
  public Count count(String measure, String category, Period period) {
    Count sum = Count.of(0);
    for (int y = period.firstYear(); y <= period.lastYear(); y++) {
      Count c =
          byYear.getOrDefault(y, Map.of()).getOrDefault(category, new Count(null, "not_in_source"));
      sum = add(sum, c);
    }
    return sum;
  }
}
