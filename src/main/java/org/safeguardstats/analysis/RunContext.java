package org.safeguardstats.analysis;

import java.util.List;
import org.safeguardstats.config.JobConfig;
import org.safeguardstats.counts.Period;

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

  /** A new row starting with the run columns. */
  OutputRow head() {
    return new OutputRow().put("run_id", runId).put("synthetic", synthetic);
  }

  /** A new row starting with the run and period columns. */
  OutputRow head(Period period) {
    return head()
        .put("period", period.label())
        .put("period_type", period.type())
        .put("first_year", period.firstYear())
        .put("last_year", period.lastYear());
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
