package org.safeguardstats.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.safeguardstats.io.LocalFiles;

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
        LocalFiles.deleteTree(tmp);
        writer(df.repartition(1).sortWithinPartitions(keys).select(cols(columns)), format)
            .save(tmp.toString());
        Files.move(LocalFiles.parts(tmp, ext).get(0), file, StandardCopyOption.REPLACE_EXISTING);
        LocalFiles.deleteTree(tmp);
        LocalFiles.deleteTree(folder);
      } else {
        // Rows are generated in key order within each range partition and partitions in key
        // order.
        writer(df.sortWithinPartitions(keys).select(cols(columns)), format).save(folder.toString());
        List<Path> parts = LocalFiles.parts(folder, ext);
        LocalFiles.keepOnly(folder, parts);
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
}
