package org.safeguardstats.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Local-disk housekeeping around Spark's writes: the part files of a written folder, the markers
 * beside them, and deleting a tree.
 */
public final class LocalFiles {
  private LocalFiles() {}

  /** The part files Spark wrote in a folder ({@code part-*EXT}), in name order. */
  public static List<Path> parts(Path dir, String ext) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(
              p ->
                  p.getFileName().toString().startsWith("part-")
                      && p.getFileName().toString().endsWith(ext))
          .sorted(Comparator.comparing(p -> p.getFileName().toString()))
          .toList();
    }
  }

  /** Deletes everything in a folder but the given files ({@code _SUCCESS}, checksums). */
  public static void keepOnly(Path dir, List<Path> keep) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.toList()) {
        if (!keep.contains(p)) {
          Files.delete(p);
        }
      }
    }
  }

  /** Deletes a file or folder and everything under it; nothing when it does not exist. */
  public static void deleteTree(Path path) throws IOException {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> s = Files.walk(path)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
