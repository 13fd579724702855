package org.safeguardstats.regression;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safeguardstats.config.JobConfig;
import org.safeguardstats.job.SafeguardStatsJob;

/**
 * Kryo, a common cluster setting for {@code spark.serializer}, cannot serialize Java records: a
 * record in an RDD or a task result fails the job ("can't get field offset on a record class"). The
 * hand-made regression job (CSV read in byte ranges with the pre-pass, every table, quarantined
 * rows) run under Kryo must give the recorded tables.
 */
class KryoSerializerTest {
  static SparkSession kryo;
  @TempDir Path tmp;

  @BeforeAll
  static void start() {
    kryo =
        SparkSession.builder()
            .master("local[2]")
            .appName("kryo")
            .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
            .config("spark.sql.shuffle.partitions", "4")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.sql.session.timeZone", "UTC")
            // Small ranges, so the record-boundary pre-pass runs and returns task results.
            .config("spark.sql.files.maxPartitionBytes", "4096")
            .config("spark.sql.files.openCostInBytes", "1024")
            .getOrCreate();
    kryo.sparkContext().setLogLevel("WARN");
  }

  @AfterAll
  static void stop() {
    kryo.stop();
  }

  @Test
  void theRegressionJobUnderKryoGivesTheRecordedTables() throws Exception {
    SafeguardStatsJob.RunResult result =
        SafeguardStatsJob.run(
            kryo,
            JobConfig.load(
                RegressionTest.jobFile("regression", tmp), tmp.resolve("out").toString()),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    RegressionTest.assertAsRecorded(
        "regression", result.runDir().resolve("internal"), t -> RegressionTest.dump(kryo, t));
  }
}
