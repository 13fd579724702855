package org.safeguardstats.opendata;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The {@code jobs/check-open-data} command: checks EES open-data files and prints what it finds.
 *
 * <pre>{@code
 * jobs/check-open-data FILE_OR_FOLDER...
 * }</pre>
 *
 * A file is a data file {@code NAME.csv} (its {@code NAME.meta.csv} beside it; naming the metadata
 * file checks its data file); a folder is every data file under it. Exit status 0 when no file has
 * an error (warnings are printed), 1 when one has, 2 when an argument is not a CSV file or a folder
 * holding one.
 */
public final class CheckOpenData {
  private CheckOpenData() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      err.println("usage: jobs/check-open-data FILE_OR_FOLDER...");
      return 2;
    }
    List<Path> files = new ArrayList<>();
    for (String a : args) {
      Path p = Path.of(a);
      List<Path> found = dataFiles(p);
      if (found.isEmpty()) {
        err.println(
            a
                + (Files.exists(p)
                    ? ": not a data .csv file, nor a folder holding one"
                    : ": no such file or folder"));
        return 2;
      }
      found.stream().filter(f -> !files.contains(f)).forEach(files::add);
    }
    EesChecker checker = new EesChecker();
    int failed = 0;
    for (Path f : files) {
      List<Finding> findings = checker.check(f);
      long errors = findings.stream().filter(Finding::isError).count();
      findings.forEach(out::println);
      out.println(
          f
              + ": "
              + (errors > 0 ? "FAILED, " + errors + " error(s)" : "passed")
              + ", "
              + (findings.size() - errors)
              + " warning(s)");
      failed += errors > 0 ? 1 : 0;
    }
    out.println(files.size() + " file(s) checked, " + failed + " failed");
    return failed > 0 ? 1 : 0;
  }

  /** The data files an argument names: itself, its data file, or those under a folder. */
  static List<Path> dataFiles(Path p) {
    String name = p.getFileName() == null ? "" : p.getFileName().toString();
    if (Files.isDirectory(p)) {
      try (Stream<Path> s = Files.walk(p)) {
        return s.filter(Files::isRegularFile).filter(CheckOpenData::isDataFile).sorted().toList();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (name.endsWith(".meta.csv")) {
      Path data = p.resolveSibling(name.replaceFirst("\\.meta\\.csv$", ".csv"));
      return Files.isRegularFile(data) ? List.of(data) : List.of();
    }
    return Files.isRegularFile(p) && name.endsWith(".csv") ? List.of(p) : List.of();
  }

  private static boolean isDataFile(Path p) {
    String name = p.getFileName().toString();
    return name.endsWith(".csv") && !name.endsWith(".meta.csv");
  }
}
