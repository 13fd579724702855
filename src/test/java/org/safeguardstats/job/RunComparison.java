package org.safeguardstats.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.StructField;

/**
 * Two runs of the same job compared: every table with the same schema and the same rows (every
 * column but {@code run_id}, exactly), and the same row accounting in the manifests.
 */
final class RunComparison {
  static final List<String> TABLES = SafeguardStatsJob.TABLES;

  private RunComparison() {}

  static String runId(Path out) throws IOException {
    Path latest = out.resolve("LATEST");
    assertTrue(Files.isRegularFile(latest), latest + " was not written");
    assertTrue(
        Files.isDirectory(out.resolve("latest")),
        out.resolve("latest") + " does not lead to a run folder");
    return Files.readString(latest, StandardCharsets.UTF_8).trim();
  }

  /** Every table: same schema; same sorted rows of every column but run_id, compared exactly. */
  static void assertSameTables(Path clusterOut, String clusterRun, Path localOut, String localRun) {
    SparkSession spark =
        SparkSession.builder()
            .appName("cluster-it reader")
            .master("local[1]")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.sql.session.timeZone", "UTC")
            .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    try {
      List<String> problems = new ArrayList<>();
      for (String table : TABLES) {
        Dataset<Row> c =
            spark.read().parquet(clusterOut.resolve("latest/internal").resolve(table).toString());
        Dataset<Row> l =
            spark.read().parquet(localOut.resolve("latest/internal").resolve(table).toString());
        assertEquals(l.schema(), c.schema(), table + ": the two runs wrote different schemas");
        assertEquals(
            c.isEmpty() ? List.of() : List.of(clusterRun),
            distinctRunIds(c),
            table + " (cluster): run_id must be the run's id");
        assertEquals(
            l.isEmpty() ? List.of() : List.of(localRun),
            distinctRunIds(l),
            table + " (local): run_id must be the run's id");
        List<String> cRows = canonicalRows(c.drop("run_id"));
        List<String> lRows = canonicalRows(l.drop("run_id"));
        if (!table.equals("quarantine")) {
          assertFalse(lRows.isEmpty(), table + " is empty: nothing would be compared");
        }
        if (!cRows.equals(lRows)) {
          problems.add(describeDifference(table, cRows, lRows));
        }
        System.out.printf(
            "%s: %d rows, identical apart from run_id: %s%n",
            table, lRows.size(), cRows.equals(lRows));
      }
      if (!problems.isEmpty()) {
        fail(
            "The cluster run ("
                + clusterOut
                + ") and the local run ("
                + localOut
                + ") differ:\n"
                + String.join("\n", problems));
      }
    } finally {
      spark.stop();
    }
  }

  static List<String> distinctRunIds(Dataset<Row> df) {
    return df.select("run_id").distinct().collectAsList().stream()
        .map(r -> r.getString(0))
        .toList();
  }

  /**
   * A row as text: each value exactly (doubles by their shortest round-trip form), fields separated
   * by U+001F.
   */
  static List<String> canonicalRows(Dataset<Row> df) {
    StructField[] fields = df.schema().fields();
    List<String> rows = new ArrayList<>();
    for (Row r : df.collectAsList()) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < fields.length; i++) {
        if (i > 0) {
          b.append('\u001f');
        }
        if (r.isNullAt(i)) {
          b.append("<null>");
        } else if (fields[i].dataType() instanceof ArrayType) {
          b.append(r.getList(i));
        } else {
          b.append(r.get(i));
        }
      }
      rows.add(b.toString());
    }
    rows.sort(null);
    return rows;
  }

  static String describeDifference(String table, List<String> cluster, List<String> local) {
    List<String> onlyCluster = new ArrayList<>(cluster);
    local.forEach(onlyCluster::remove);
    List<String> onlyLocal = new ArrayList<>(local);
    cluster.forEach(onlyLocal::remove);
    return table
        + ": cluster "
        + cluster.size()
        + " rows, local "
        + local.size()
        + " rows; "
        + onlyCluster.size()
        + " only in the cluster run, e.g.\n    "
        + onlyCluster.stream()
            .limit(3)
            .map(s -> s.replace('\u001f', '|'))
            .collect(Collectors.joining("\n    "))
        + "\n  "
        + onlyLocal.size()
        + " only in the local run, e.g.\n    "
        + onlyLocal.stream()
            .limit(3)
            .map(s -> s.replace('\u001f', '|'))
            .collect(Collectors.joining("\n    "));
  }

  /** The manifests' row accounting and output row counts agree too. */
  static void assertSameAccounting(Path clusterOut, Path localOut) throws IOException {
    ObjectMapper json = new ObjectMapper();
    JsonNode c = json.readTree(clusterOut.resolve("latest/manifest.json").toFile());
    JsonNode l = json.readTree(localOut.resolve("latest/manifest.json").toFile());
    assertEquals(
        l.path("row_accounting"),
        c.path("row_accounting"),
        "row accounting differs between the runs");
    for (String table : TABLES) {
      assertEquals(
          l.path("outputs").path("internal").path(table).path("rows"),
          c.path("outputs").path("internal").path(table).path("rows"),
          "manifest row count of " + table + " differs between the runs");
    }
  }
}
