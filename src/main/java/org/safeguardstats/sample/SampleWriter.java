package org.safeguardstats.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/**
 * Writes one input in its declared column order, as CSV or parquet: one sorted file {@code
 * name.csv} ({@code name.parquet}), or a folder {@code name/part-00000.csv ...} ({@code
 * part-00000.parquet ...}) whose parts, read in name order, give the sorted rows. Parquet keeps the
 * generated column types (booleans, whole-year ages); the job reads every column as text.
 */
final class SampleWriter {
  private SampleWriter() {}

  static void write(
      Dataset<Row> df,
      List<String> sortKeys,
      List<String> columns,
      Path outDir,
      String name,
      boolean single,
      SampleGenerator.Format format) {
    Column[] keys = cols(sortKeys);
    String ext = "." + format.name().toLowerCase(Locale.ROOT);
    Path file = outDir.resolve(name + ext);
    Path folder = outDir.resolve(name);
    try {
      Files.createDirectories(outDir);
      if (single) {
        Path tmp = outDir.resolve("." + name + ".tmp");
        deleteRecursively(tmp);
        writer(df.repartition(1).sortWithinPartitions(keys).select(cols(columns)), format)
            .save(tmp.toString());
        Files.move(listParts(tmp, ext).get(0), file, StandardCopyOption.REPLACE_EXISTING);
        deleteRecursively(tmp);
        deleteRecursively(folder);
      } else {
        // Rows are generated in key order within each range partition and partitions in key
        // order.
        writer(df.sortWithinPartitions(keys).select(cols(columns)), format).save(folder.toString());
        List<Path> parts = listParts(folder, ext);
        try (Stream<Path> all = Files.list(folder)) {
          for (Path p : all.toList()) {
            if (!parts.contains(p)) {
              Files.delete(p); // _SUCCESS, .crc files
            }
          }
        }
        for (int i = 0; i < parts.size(); i++) {
          Files.move(
              parts.get(i), folder.resolve(String.format(Locale.ROOT, "part-%05d%s", i, ext)));
        }
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Column[] cols(List<String> names) {
    return names.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
  }

  private static DataFrameWriter<Row> writer(Dataset<Row> df, SampleGenerator.Format format) {
    return switch (format) {
      case CSV -> csvWriter(df);
      case PARQUET -> df.write().mode(SaveMode.Overwrite).format("parquet");
    };
  }

  private static DataFrameWriter<Row> csvWriter(Dataset<Row> df) {
    return df.write()
        .mode(SaveMode.Overwrite)
        .format("csv")
        .option("header", "true")
        .option("nullValue", "")
        .option("quote", "\"")
        .option("escape", "\"")
        .option("ignoreLeadingWhiteSpace", "false")
        .option("ignoreTrailingWhiteSpace", "false")
        .option("lineSep", "\n")
        .option("encoding", "UTF-8");
  }

  private static List<Path> listParts(Path dir, String ext) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(
              p ->
                  p.getFileName().toString().startsWith("part-")
                      && p.getFileName().toString().endsWith(ext))
          .sorted(Comparator.comparing(p -> p.getFileName().toString()))
          .toList();
    }
  }

  private static void deleteRecursively(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    }
  }
}
