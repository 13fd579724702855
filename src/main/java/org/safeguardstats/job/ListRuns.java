package org.safeguardstats.job;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.safeguardstats.io.Runs;

/**
 * {@code jobs/runs OUTPUT_FOLDER}: every run under the output folder, oldest first, with its status
 * (complete: its manifest exists; incomplete: still running, or stopped before its manifest), start
 * and finish times, and which one is current ({@code LATEST}). Exit 2 when the folder does not
 * exist.
 */
public final class ListRuns {
  private ListRuns() {}

  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: jobs/runs OUTPUT_FOLDER");
      System.exit(2);
    }
    Path root = Path.of(args[0]).toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      System.err.println("safeguard-stats: output folder " + root + " does not exist");
      System.exit(2);
    }
    print(root, Runs.list(root), System.out);
  }

  static void print(Path root, List<Runs.Run> runs, PrintStream out) {
    out.printf(
        Locale.ROOT,
        "%-27s  %-10s  %-24s  %-24s  %s%n",
        "run",
        "status",
        "started",
        "finished",
        "");
    for (Runs.Run r : runs) {
      out.printf(
          Locale.ROOT,
          "%-27s  %-10s  %-24s  %-24s  %s%n",
          r.id(),
          r.complete() ? "complete" : "incomplete",
          r.startedAt(),
          r.finishedAt() == null ? "-" : r.finishedAt(),
          r.current() ? "current (LATEST)" : "");
    }
    String current = Runs.current(root);
    out.println(
        current == null
            ? "No run published yet under " + root
            : "Readers: read "
                + root.resolve(Runs.POINTER)
                + " ("
                + current
                + "), then "
                + root.resolve("runs").resolve(current).resolve("internal")
                + "/<table>/ (this release writes no published tables yet)");
  }
}
