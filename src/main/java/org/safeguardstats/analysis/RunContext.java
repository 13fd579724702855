package org.safeguardstats.analysis;

import java.util.List;
import org.safeguardstats.config.JobConfig;
import org.safeguardstats.counts.Period;
import org.safeguardstats.tables.PeriodColumns;
import org.safeguardstats.tables.RunColumns;

/** What every analysis row needs to say about its run. */
public record RunContext(
    String runId,
    boolean synthetic,
    int firstYear,
    int lastYear,
    List<int[]> pooledPeriods,
    List<Double> confidenceLevels) {
  public RunContext(
      String runId, boolean synthetic, int firstYear, int lastYear, List<Double> confidenceLevels) {
    this(runId, synthetic, firstYear, lastYear, List.of(), confidenceLevels);
  }

  public static RunContext of(String runId, JobConfig job) {
    return new RunContext(
        runId,
        job.syntheticData(),
        job.firstYear(),
        job.lastYear(),
        job.pooledPeriods(),
        job.confidenceLevels());
  }

  /** The run columns every row starts with. */
  RunColumns run() {
    return new RunColumns(runId, synthetic);
  }

  /** A period's columns. */
  PeriodColumns period(Period period) {
    return new PeriodColumns(period.label(), period.type(), period.firstYear(), period.lastYear());
  }

  /** Each year, the whole span pooled, then any other pooled spans the job asks for. */
  List<Period> periods() {
    List<Period> periods = new java.util.ArrayList<>(Period.yearsAndPooled(firstYear, lastYear));
    for (int[] p : pooledPeriods) {
      Period extra = new Period(p[0], p[1]);
      if (!periods.contains(extra)) {
        periods.add(extra);
      }
    }
    return periods;
  }
}
