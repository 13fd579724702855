package org.safeguardstats.input;

import static org.apache.spark.sql.functions.col;

import org.safeguardstats.config.JobConfig;
import org.safeguardstats.counts.AggregateCounts;
import org.safeguardstats.validation.InputValidation;
import org.safeguardstats.validation.Validated;

/**
 * Published notification counts in EES format (inputs.notifications): the job's count indicator by
 * its filter, whose values map to incident types. Yields the counts of the job's geographic level.
 */
public final class EesCounts extends EesTable<AggregateCounts> {
  private final JobConfig.Aggregate spec;

  public EesCounts(JobConfig job) {
    super(
        "notifications",
        job,
        job.aggregate().filter(),
        job.aggregate().categories().keySet(),
        job.aggregate().countIndicator());
    this.spec = job.aggregate();
  }

  /** Spark: the accepted rows of the configured level, collected (a few per year). */
  @Override
  public AggregateCounts from(Validated validated) {
    return AggregateCounts.of(
        spec.measure(),
        validated
            .accepted()
            .filter(col("geographic_level").equalTo(spec.geographicLevel()))
            .select(
                col(InputValidation.REPORTING_YEAR), col(spec.filter()), col(spec.countIndicator()))
            .orderBy(InputValidation.REPORTING_YEAR)
            .collectAsList()
            .stream()
            .map(
                r ->
                    new AggregateCounts.Cell(
                        r.getInt(0), spec.categories().get(r.getString(1)), r.getString(2)))
            .toList());
  }
}
