package org.safeguardstats.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Paths to the project's own files from tests (surefire runs in the project folder). */
public final class Fixtures {
  private Fixtures() {}

  public static Path project() {
    return Path.of(System.getProperty("project.basedir", ".")).toAbsolutePath().normalize();
  }

  public static Path file(String relative) {
    return project().resolve(relative);
  }

  /** A CSV test resource's data lines: header first, blank lines left out. */
  public static List<String> resourceLines(String resource) {
    try (java.io.InputStream in = Fixtures.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new AssertionError("missing test resource " + resource);
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
          .lines()
          .filter(l -> !l.isBlank())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes lines to a new file in a folder and returns it. */
  public static Path write(Path dir, String name, List<String> lines) {
    try {
      Files.createDirectories(dir);
      return Files.write(dir.resolve(name), lines);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A job file in dir pointing at the given inputs, years and output. */
  public static Path jobFile(
      Path dir,
      String incidents,
      String population,
      String reviews,
      int first,
      int last,
      String levels,
      Path output) {
    return write(
        dir,
        "job.yaml",
        List.of(
            "name: test-job",
            "synthetic_data: true",
            "inputs:",
            "  incidents: {path: " + incidents + ", format: csv}",
            "  population: {path: " + population + ", format: csv}",
            reviews == null ? "" : "  reviews: {path: " + reviews + ", format: csv}",
            "reporting_years: {first: " + first + ", last: " + last + "}",
            "confidence_levels: " + levels,
            "output: {path: " + output + "}"));
  }
}
