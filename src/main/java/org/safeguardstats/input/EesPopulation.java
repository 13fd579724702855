package org.safeguardstats.input;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.safeguardstats.config.InvalidInputException;
import org.safeguardstats.config.JobConfig;
import org.safeguardstats.counts.PopulationBaseline;
import org.safeguardstats.validation.InputValidation;
import org.safeguardstats.validation.Validated;

/**
 * Published child population totals in EES format (inputs.population, shape ees): England's 0-17
 * totals in the indicator aggregate.population_indicator names. Yields them as total rows.
 */
public final class EesPopulation extends EesTable<PopulationBaseline> {
  private final String geographicLevel;
  private final String indicator;
  private final String file;

  public EesPopulation(JobConfig job) {
    super("population", job, null, Set.of(), indicator(job));
    this.geographicLevel = job.aggregate().geographicLevel();
    this.indicator = indicator(job);
    this.file = job.input("population").path();
  }

  private static String indicator(JobConfig job) {
    if (job.aggregate() == null || job.aggregate().populationIndicator() == null) {
      throw new InvalidInputException(
          "Input population: shape ees needs aggregate.population_indicator (the column holding"
              + " the 0-17 population) in a job on published counts");
    }
    return job.aggregate().populationIndicator();
  }

  /**
   * Spark: the accepted rows of the job's level as total rows; a GSS symbol leaves that year
   * without a population. The source is the row's source_url when the file has one.
   */
  @Override
  public PopulationBaseline from(Validated validated) {
    List<PopulationBaseline.Cell> cells = new ArrayList<>();
    for (Row r :
        validated
            .accepted()
            .filter(col("geographic_level").equalTo(geographicLevel))
            .select(col(InputValidation.REPORTING_YEAR), col(indicator), col("source_url"))
            .collectAsList()) {
      String value = r.getString(1);
      if (value.chars().allMatch(Character::isDigit)) {
        String source = r.isNullAt(2) ? file : r.getString(2);
        cells.add(
            new PopulationBaseline.Cell(
                r.getInt(0),
                PopulationTable.ALL,
                PopulationTable.ALL,
                PopulationTable.ALL,
                Long.parseLong(value),
                source));
      }
    }
    return new PopulationBaseline(cells);
  }
}
