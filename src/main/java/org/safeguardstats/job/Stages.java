package org.safeguardstats.job;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import org.safeguardstats.report.Manifest.Timing;

/**
 * Runs the job's stages in order, each under a Spark job description (so the Spark UI shows it by
 * name), printing each with its time.
 */
final class Stages {
  private final SparkSession spark;
  private final PrintStream out;
  private final List<Timing> timings = new ArrayList<>();

  Stages(SparkSession spark, PrintStream out) {
    this.spark = spark;
    this.out = out;
  }

  <T> T run(String stage, Supplier<T> work) {
    if (spark != null) {
      spark.sparkContext().setJobDescription(stage);
    }
    long start = System.nanoTime();
    T result = work.get();
    double seconds = (System.nanoTime() - start) / 1e9;
    timings.add(new Timing(stage, seconds));
    out.printf("  %-44s %7.1f s%n", stage, seconds);
    return result;
  }

  void run(String stage, Runnable work) {
    run(
        stage,
        () -> {
          work.run();
          return null;
        });
  }

  List<Timing> timings() {
    return timings;
  }
}
