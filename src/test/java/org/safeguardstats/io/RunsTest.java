package org.safeguardstats.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listing and deleting runs on folders made here (no Spark). */
class RunsTest {
  @TempDir Path out;

  /** A complete run folder: a manifest with its start time (minute m of the day). */
  void complete(String id, int minute) throws IOException {
    Path dir = Files.createDirectories(out.resolve("runs").resolve(id).resolve("internal/t"));
    Files.writeString(dir.resolve("part-00000.parquet"), "x");
    String at = String.format("2026-12-01T10:%02d:00Z", minute);
    Files.writeString(
        out.resolve("runs").resolve(id).resolve("manifest.json"),
        "{\"started_at\": \"" + at + "\", \"finished_at\": \"" + at + "\"}");
  }

  List<String> ids() {
    return Runs.list(out).stream().map(Runs.Run::id).toList();
  }

  @Test
  void runsAreListedOldestFirstWithTheirStatusAndTheCurrentOne() throws IOException {
    assertEquals(List.of(), Runs.list(out));
    assertNull(Runs.current(out));
    complete("b", 2);
    complete("a", 1);
    Files.createDirectories(out.resolve("runs/c/internal"));
    Files.createDirectories(out.resolve("runs/.deleting-z"));
    Files.writeString(out.resolve("LATEST"), "b\n");
    List<Runs.Run> runs = Runs.list(out);
    assertEquals(List.of("a", "b", "c"), runs.stream().map(Runs.Run::id).toList());
    assertEquals(List.of(true, true, false), runs.stream().map(Runs.Run::complete).toList());
    assertEquals(List.of(false, true, false), runs.stream().map(Runs.Run::current).toList());
    assertEquals("2026-12-01T10:01:00Z", runs.get(0).startedAt().toString());
    assertNull(runs.get(2).finishedAt());
    assertEquals("b", Runs.current(out));
  }

  @Test
  void pruningKeepsTheNewestCompleteRunsAndTheCurrentOneAndNeverAnIncompleteOne()
      throws IOException {
    for (int i = 1; i <= 5; i++) {
      complete("r" + i, i);
    }
    Files.createDirectories(out.resolve("runs/incomplete/internal"));
    // Its folder's time, after every complete run's start, whatever the machine's clock says.
    Files.setLastModifiedTime(
        out.resolve("runs/incomplete"),
        java.nio.file.attribute.FileTime.from(java.time.Instant.parse("2026-12-01T11:00:00Z")));
    Files.createDirectories(out.resolve("runs/.deleting-r0/internal"));
    // The current run is an old one (e.g. a newer run was killed before its pointer switch).
    Files.writeString(out.resolve("LATEST"), "r2\n");
    // Keep 3: the current r2 and the two newest, r5 and r4; r1 and r3 go, oldest first.
    assertEquals(List.of("r1", "r3"), Runs.prune(out, 3));
    // An incomplete run is listed by its folder's time, after the complete ones here.
    assertEquals(List.of("r2", "r4", "r5", "incomplete"), ids());
    assertFalse(Files.exists(out.resolve("runs/.deleting-r0")), "remains of a deletion");
    assertTrue(Files.isDirectory(out.resolve("runs/incomplete")));
    // Keep 1: only the current run of the complete ones.
    assertEquals(List.of("r4", "r5"), Runs.prune(out, 1));
    assertEquals(List.of("r2", "incomplete"), ids());
  }
}
