package org.safeguardstats.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safeguardstats.schema.DeclaredSchema;
import org.safeguardstats.testing.SparkTestBase;

/**
 * The writing side of publication, on rows built here: published files identical byte for byte
 * across runs, the internal tier owner-only from creation, and a write that fails midway leaving
 * what readers see as it was.
 */
class PublicationTest extends SparkTestBase {
  @TempDir Path tmp;

  static final Set<PosixFilePermission> GROUP_OR_OTHERS =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);

  /**
   * Published rows of year_on_year with every declared column: a value of the column's type where
   * the row is not suppressed, nulls (where nullable) in the suppressed one.
   */
  static List<Map<String, Object>> publishedRows() {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      boolean suppressed = i == 1;
      Map<String, Object> row = new LinkedHashMap<>();
      for (StructField f : DeclaredSchema.published("year_on_year").sparkSchema().fields()) {
        Object v;
        if (f.dataType().equals(DataTypes.StringType)) {
          v = f.name() + "-" + i;
        } else if (f.dataType().equals(DataTypes.IntegerType)) {
          v = 2020 + i;
        } else if (f.dataType().equals(DataTypes.LongType)) {
          v = 40L + i;
        } else if (f.dataType().equals(DataTypes.DoubleType)) {
          v = 0.25 * (i + 1);
        } else {
          v = suppressed;
        }
        row.put(f.name(), suppressed && f.nullable() ? null : v);
      }
      row.put("suppressed", suppressed);
      row.put("suppression_reason", suppressed ? "primary" : null);
      rows.add(row);
    }
    return rows;
  }

  /** A quarantine of one row, as validation gives it (no run id yet). */
  Dataset<Row> quarantine() {
    return spark.sql(
        "select 'incidents' as input, 'a.csv' as source_file, cast(2 as bigint) as source_row,"
            + " 1 as reason_count, array('age: not a number') as reasons, '{\"age\":\"x\"}' as record");
  }

  /** A complete run: internal quarantine and key findings, one published table, the manifest. */
  OutputWriter completeRun(Path out, String runId) {
    OutputWriter w = new OutputWriter(spark, out.toString(), runId);
    w.write("quarantine", quarantine());
    w.writeFile("internal", "key_findings.md", "# Key findings\n");
    w.writePublished("year_on_year", publishedRows());
    w.writeManifest(manifest(runId));
    w.publish();
    return w;
  }

  static String manifest(String runId) {
    String now = java.time.Instant.now().toString();
    return "{\"run_id\": \""
        + runId
        + "\", \"started_at\": \""
        + now
        + "\", \"finished_at\": \""
        + now
        + "\"}\n";
  }

  static List<Path> tree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.sorted().toList();
    }
  }

  @Test
  void twoRunsOfTheSameRowsGiveIdenticalPublishedFilesAndAnOwnerOnlyInternalTier()
      throws IOException {
    Path out = tmp.resolve("out");
    completeRun(out, "20261201T100000Z-aaaaaaaa");
    completeRun(out, "20261201T100001Z-bbbbbbbb");
    Path a = out.resolve("runs/20261201T100000Z-aaaaaaaa/published/year_on_year");
    Path b = out.resolve("runs/20261201T100001Z-bbbbbbbb/published/year_on_year");
    // One file per table with a fixed name: nothing else (no checksum, no _SUCCESS).
    assertEquals(List.of(a, a.resolve(OutputWriter.PART_FILE)), tree(a));
    assertEquals(List.of(b, b.resolve(OutputWriter.PART_FILE)), tree(b));
    assertEquals(
        -1L,
        Files.mismatch(a.resolve(OutputWriter.PART_FILE), b.resolve(OutputWriter.PART_FILE)),
        "published parquet files differ between two runs of the same rows");

    // What was written reads back as given, in the published schema.
    Dataset<Row> back = spark.read().parquet(b.toString());
    assertEquals(DeclaredSchema.published("year_on_year").columnNames(), List.of(back.columns()));
    List<Row> rows = back.collectAsList();
    assertEquals(3, rows.size());
    assertEquals(
        List.of(false, true, false), rows.stream().map(r -> r.getAs("suppressed")).toList());
    assertEquals("primary", rows.get(1).getAs("suppression_reason"));
    assertEquals("period-2", rows.get(2).getAs("period"));

    // Internal: the run folder and every folder and file under internal/ owner-only; the
    // manifest too. Spark wrote the quarantine's parquet, the driver the rest.
    Path run = out.resolve("runs/20261201T100001Z-bbbbbbbb");
    assertEquals("rwx------", perms(run));
    assertEquals("rw-------", perms(run.resolve("manifest.json")));
    List<Path> internal = tree(run.resolve("internal"));
    assertTrue(internal.contains(run.resolve("internal/quarantine/" + OutputWriter.PART_FILE)));
    assertTrue(internal.contains(run.resolve("internal/key_findings.md")));
    for (Path p : internal) {
      Set<PosixFilePermission> given = Files.getPosixFilePermissions(p);
      assertTrue(
          given.stream().noneMatch(GROUP_OR_OTHERS::contains),
          p + " is " + PosixFilePermissions.toString(given));
    }
    assertEquals(
        1L,
        spark.read().parquet(run.resolve("internal/quarantine").toString()).count(),
        "the quarantine reads back");
    assertEquals("20261201T100001Z-bbbbbbbb", Runs.current(out));
    assertEquals(run.toRealPath(), out.resolve("latest").toRealPath());
  }

  static String perms(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void aWriteThatFailsMidwayLeavesWhatReadersSeeAsItWasAndTheNextRunSucceeds() throws IOException {
    Path out = tmp.resolve("fails");
    String old = "20261201T100000Z-00000001";
    completeRun(out, old);
    Path oldPart = out.resolve("runs/" + old + "/published/year_on_year/" + OutputWriter.PART_FILE);
    byte[] before = Files.readAllBytes(oldPart);

    String failing = "20261201T100100Z-00000002";
    OutputWriter w = new OutputWriter(spark, out.toString(), failing);
    w.write("quarantine", quarantine());
    // Something already where the next table goes: Spark's write of it fails.
    Files.createDirectories(out.resolve("runs/" + failing + "/published"));
    Files.writeString(out.resolve("runs/" + failing + "/published/year_on_year"), "in the way");
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> w.writePublished("year_on_year", publishedRows()));
    assertTrue(
        e.getMessage().contains("Cannot write published/year_on_year of run " + failing),
        e.getMessage());
    assertTrue(e.getMessage().contains("the run is not published"), e.getMessage());
    assertTrue(e.getMessage().contains("LATEST still names run " + old), e.getMessage());
    // The failed run has no manifest, so it cannot be published.
    assertThrows(IllegalStateException.class, w::publish);

    assertEquals(old, Runs.current(out));
    assertEquals(out.resolve("runs/" + old).toRealPath(), out.resolve("latest").toRealPath());
    assertArrayEquals(before, Files.readAllBytes(oldPart), "the previous run's table is intact");
    List<Runs.Run> runs = Runs.list(out);
    assertEquals(List.of(old, failing), runs.stream().map(Runs.Run::id).toList());
    assertEquals(List.of(true, false), runs.stream().map(Runs.Run::complete).toList());

    String next = "20261201T100200Z-00000003";
    completeRun(out, next);
    assertEquals(next, Runs.current(out));
    assertNotEquals(old, Runs.current(out), "the pointer moved on");
    // Keeping one run deletes the old complete run, never the incomplete one.
    assertEquals(List.of(old), Runs.prune(out, 1));
    assertEquals(List.of(failing, next), Runs.list(out).stream().map(Runs.Run::id).toList());
    assertFalse(Files.exists(out.resolve("runs/" + old)));
  }
}
