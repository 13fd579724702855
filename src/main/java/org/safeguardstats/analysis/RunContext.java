package org.safeguardstats.analysis;

import java.util.List;
import org.safeguardstats.config.JobConfig;

/** What every analysis row needs to say about its run. */
public record RunContext(String runId, boolean synthetic, int firstYear, int lastYear, List<Double> confidenceLevels) {
  public static RunContext of(String runId, JobConfig job) {
    return new RunContext(runId, job.syntheticData(), job.firstYear(), job.lastYear(), job.confidenceLevels());
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

  List<Period> periods() {
    return Period.yearsAndPooled(firstYear, lastYear);
  }
}
