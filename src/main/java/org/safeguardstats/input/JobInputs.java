package org.safeguardstats.input;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.safeguardstats.config.InvalidInputException;
import org.safeguardstats.config.JobConfig;
import org.safeguardstats.counts.AggregateCounts;
import org.safeguardstats.counts.PopulationBaseline;
import org.safeguardstats.counts.ReviewCounts;

/**
 * The job's inputs, each with its shape chosen once from the job file and preflighted once. An
 * input the job does not name is null.
 */
public record JobInputs(
    CheckedInput<Dataset<Row>> incidents,
    CheckedInput<AggregateCounts> notifications,
    CheckedInput<PopulationBaseline> population,
    CheckedInput<ReviewCounts> reviews) {

  /** The population sources, by the name a job file's {@code shape} gives them. */
  static final Map<String, Function<JobConfig, InputShape<PopulationBaseline>>> POPULATION =
      Map.of(
          "population", PopulationTable::new,
          "ees", EesPopulation::new,
          "ons_myeb1", OnsMyeb1::new);

  /** Chooses each input's shape and preflights it: files and headers, no Spark. */
  public static JobInputs check(JobConfig job) {
    return new JobInputs(
        check(job, "incidents", "incidents", Map.of("incidents", IncidentRecords::new)),
        check(job, "notifications", "ees", Map.of("ees", EesCounts::new)),
        check(job, "population", "population", POPULATION),
        check(job, "reviews", "reviews", Map.of("reviews", ReviewRecords::new)));
  }

  private static <T> CheckedInput<T> check(
      JobConfig job,
      String input,
      String byDefault,
      Map<String, Function<JobConfig, InputShape<T>>> shapes) {
    JobConfig.InputSpec spec = job.input(input);
    if (spec == null) {
      return null;
    }
    String name = spec.shape() == null ? byDefault : spec.shape();
    Function<JobConfig, InputShape<T>> shape = shapes.get(name);
    if (shape == null) {
      throw new InvalidInputException(
          "Input "
              + input
              + ": inputs."
              + input
              + ".shape "
              + name
              + " is not one of "
              + String.join(", ", new TreeSet<>(shapes.keySet())));
    }
    return CheckedInput.preflight(name, shape.apply(job), spec);
  }

  /** The inputs the job names, in reading order. */
  public List<CheckedInput<?>> all() {
    return Stream.<CheckedInput<?>>of(incidents, notifications, population, reviews)
        .filter(Objects::nonNull)
        .toList();
  }
}
