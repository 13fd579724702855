package org.safeguardstats.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The runs under an output folder. A run is complete when its {@code manifest.json} exists: the
 * manifest is written last, in one rename, after every tier. The current run is the one {@code
 * LATEST} names (one line, written in one rename: the commit point of a publication, readable on
 * any file system, object stores included). Run folders whose name starts with a dot are the job's
 * own (a run being deleted) and are not runs.
 */
public final class Runs {
  public static final String MANIFEST = "manifest.json";
  public static final String POINTER = "LATEST";
  static final String DELETING = ".deleting-";

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One run folder: complete or not, its start and finish (from the manifest; for an incomplete run
   * the folder's last change as its start and no finish), and whether {@code LATEST} names it.
   */
  public record Run(
      String id, boolean complete, Instant startedAt, Instant finishedAt, boolean current) {}

  private Runs() {}

  /** The run id {@code LATEST} names, or null before the first publication. */
  public static String current(Path root) {
    Path pointer = root.resolve(POINTER);
    try {
      return Files.exists(pointer)
          ? Files.readString(pointer, StandardCharsets.UTF_8).trim()
          : null;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + pointer, e);
    }
  }

  /** Every run folder, oldest first (by start, then id). */
  public static List<Run> list(Path root) {
    Path runs = root.resolve("runs");
    if (!Files.isDirectory(runs)) {
      return List.of();
    }
    String current = current(root);
    List<Run> all = new ArrayList<>();
    try (Stream<Path> s = Files.list(runs)) {
      for (Path dir : s.filter(Files::isDirectory).toList()) {
        String id = dir.getFileName().toString();
        if (id.startsWith(".")) {
          continue;
        }
        Path manifest = dir.resolve(MANIFEST);
        if (Files.isRegularFile(manifest)) {
          JsonNode m = JSON.readTree(manifest.toFile());
          all.add(
              new Run(
                  id,
                  true,
                  Instant.parse(m.path("started_at").asText()),
                  Instant.parse(m.path("finished_at").asText()),
                  id.equals(current)));
        } else {
          all.add(
              new Run(
                  id, false, Files.getLastModifiedTime(dir).toInstant(), null, id.equals(current)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + runs, e);
    }
    all.sort(Comparator.comparing(Run::startedAt).thenComparing(Run::id));
    return all;
  }

  /**
   * Deletes complete runs beyond the newest {@code keep} (the current run always among those kept),
   * oldest first, and the remains of deletions that were interrupted. A run is first renamed out of
   * {@code runs/<id>} so that no one sees it half deleted; an incomplete run (perhaps still being
   * written) is never touched. Returns the ids deleted.
   */
  public static List<String> prune(Path root, int keep) {
    List<Run> complete = list(root).stream().filter(Run::complete).toList();
    List<Run> kept = new ArrayList<>();
    complete.stream().filter(Run::current).forEach(kept::add);
    for (int i = complete.size() - 1; i >= 0 && kept.size() < keep; i--) {
      if (!complete.get(i).current()) {
        kept.add(complete.get(i));
      }
    }
    List<String> deleted = new ArrayList<>();
    Path runs = root.resolve("runs");
    try {
      for (Run r : complete) {
        if (!kept.contains(r)) {
          Path away = runs.resolve(DELETING + r.id());
          Files.move(runs.resolve(r.id()), away, StandardCopyOption.ATOMIC_MOVE);
          LocalFiles.deleteTree(away);
          deleted.add(r.id());
        }
      }
      try (Stream<Path> s = Files.list(runs)) {
        for (Path left : s.filter(p -> p.getFileName().toString().startsWith(DELETING)).toList()) {
          LocalFiles.deleteTree(left);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete old runs under " + runs, e);
    }
    return deleted;
  }
}
