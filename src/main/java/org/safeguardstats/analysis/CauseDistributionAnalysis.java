package org.safeguardstats.analysis;

import java.util.ArrayList;
import java.util.List;
import org.safeguardstats.counts.Period;
import org.safeguardstats.schema.CodeLists;
import org.safeguardstats.stats.Estimate;
import org.safeguardstats.stats.WilsonInterval;

/**
 * Likely cause among children who died and among those seriously harmed, per reporting year and
 * pooled: count, share of those with a known cause (Wilson) and rank. {@code unknown} and {@code
 * not_recorded} are rows of their own, outside the share's denominator.
 */
public final class CauseDistributionAnalysis {
  static final List<String> INCIDENT_TYPES = List.of("death", "serious_harm");
  static final List<String> NOT_KNOWN = List.of("unknown", CountCube.NOT_RECORDED);

  private CauseDistributionAnalysis() {}

  static List<String> causes(String incidentType) {
    return CodeLists.rows("likely_causes.csv").stream()
        .filter(r -> r.get("applies_to").equals(incidentType))
        .map(r -> r.get("code"))
        .toList();
  }

  public static List<OutputRow> rows(CountCube cube, RunContext run) {
    List<OutputRow> rows = new ArrayList<>();
    for (double level : run.confidenceLevels()) {
      for (Period period : run.periods()) {
        for (String type : INCIDENT_TYPES) {
          rows.addAll(rows(cube, run, period, type, level));
        }
      }
    }
    return rows;
  }

  private static List<OutputRow> rows(
      CountCube cube, RunContext run, Period period, String type, double level) {
    List<String> causes = causes(type);
    long[] counts = causes.stream().mapToLong(cause -> count(cube, period, type, cause)).toArray();
    long recorded = java.util.Arrays.stream(counts).sum();
    long total =
        cube.children(c -> period.contains(c.reportingYear()) && c.incidentType().equals(type));
    List<OutputRow> rows = new ArrayList<>();
    for (int i = 0; i < causes.size(); i++) {
      int rank = 1;
      for (long other : counts) {
        if (other > counts[i]) {
          rank++;
        }
      }
      Estimate share = WilsonInterval.of(counts[i], recorded, level);
      rows.add(
          row(
              run,
              period,
              type,
              causes.get(i),
              counts[i],
              recorded,
              total,
              share,
              rank,
              share.nullReason(),
              level));
    }
    for (String cause : NOT_KNOWN) {
      long n = count(cube, period, type, cause);
      rows.add(
          row(
              run,
              period,
              type,
              cause,
              n,
              recorded,
              total,
              null,
              null,
              "not_recorded_category",
              level));
    }
    return rows;
  }

  private static long count(CountCube cube, Period period, String type, String cause) {
    return cube.children(
        c ->
            period.contains(c.reportingYear())
                && c.incidentType().equals(type)
                && c.likelyCause().equals(cause));
  }

  private static OutputRow row(
      RunContext run,
      Period period,
      String type,
      String cause,
      long count,
      long recorded,
      long total,
      Estimate share,
      Integer rank,
      String reason,
      double level) {
    OutputRow row =
        run.head(period)
            .put("incident_type", type)
            .put("characteristic", "likely_cause")
            .put("category", cause)
            .put("count", count)
            .put("recorded_total", recorded)
            .put("total", total);
    Shares.putShare(row, share);
    return row.put("rank", rank)
        .put("low_reliability", count < 10)
        .put("null_reason", reason)
        .put("confidence_level", level);
  }
}
