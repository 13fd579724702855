package org.safeguardstats.io;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A test hook, inert unless the system property {@code safeguardstats.test.pause-at} names a point:
 * there the job prints {@code test hook: paused at <point>} and waits (up to five minutes) until
 * the file named by {@code safeguardstats.test.resume-file} exists, so that a test can kill the
 * process or damage its output at a known moment of publication. The points are {@code table
 * written: <tier>/<table>}, {@code before pointer switch} (every tier and the manifest complete)
 * and {@code between pointers} ({@code LATEST} switched, the {@code latest} symlink not yet).
 */
public final class TestHook {
  static final String PAUSE_AT = "safeguardstats.test.pause-at";
  static final String RESUME_FILE = "safeguardstats.test.resume-file";
  private static final long WAIT_MILLIS = 5 * 60 * 1000;

  private TestHook() {}

  static void pause(String point) {
    if (!point.equals(System.getProperty(PAUSE_AT))) {
      return;
    }
    System.out.println("test hook: paused at " + point);
    System.out.flush();
    String resume = System.getProperty(RESUME_FILE);
    long deadline = System.currentTimeMillis() + WAIT_MILLIS;
    try {
      while (System.currentTimeMillis() < deadline
          && (resume == null || !Files.exists(Path.of(resume)))) {
        Thread.sleep(100);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
