package org.safeguardstats.io;

import java.nio.file.Path;
import java.util.List;

/**
 * What preflight found for one input: its data files, each CSV file with its header row. Read from
 * these, so the run reads (and the manifest hashes) exactly the files that were checked. No files
 * for a remote path (Spark lists and reads it).
 */
public record InputFiles(String input, String path, Syntax syntax, List<DataFile> files) {
  /** A data file; {@code header} is null unless the syntax is CSV. */
  public record DataFile(Path path, List<String> header) {}

  public List<Path> paths() {
    return files.stream().map(DataFile::path).toList();
  }
}
