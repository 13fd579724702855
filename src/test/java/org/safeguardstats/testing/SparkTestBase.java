package org.safeguardstats.testing;

import com.holdenkarau.spark.testing.JavaDataFrameSuiteBase;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * One local Spark session per test class (local[2], 4 shuffle partitions, no UI), with
 * spark-testing-base's DataFrame assertions available through {@link #frames}.
 */
public abstract class SparkTestBase {
  protected static Frames frames;
  protected static SparkSession spark;

  /** spark-testing-base's JUnit 4 base, driven from Jupiter. */
  public static final class Frames extends JavaDataFrameSuiteBase {
    @Override
    public boolean enableHiveSupport() {
      return false;
    }

    @Override
    public SparkConf conf() {
      return super.conf()
          .setMaster("local[2]")
          .set("spark.sql.shuffle.partitions", "4")
          .set("spark.ui.enabled", "false")
          .set("spark.driver.host", "127.0.0.1")
          .set("spark.sql.session.timeZone", "UTC");
    }
  }

  @BeforeAll
  static void startSpark() {
    frames = new Frames();
    frames.runBefore();
    spark = frames.spark();
    spark.sparkContext().setLogLevel("WARN");
  }

  @AfterAll
  static void stopSpark() {
    JavaDataFrameSuiteBase.runAfterClass();
    spark = null;
  }
}
