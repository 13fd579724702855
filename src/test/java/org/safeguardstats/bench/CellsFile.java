package org.safeguardstats.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.safeguardstats.counts.CountTable;

/**
 * DuckDB's cells handed from its process to the count-stage process: one tab-separated line each.
 */
final class CellsFile {
  private CellsFile() {}

  static void write(Path file, Map<DuckCountTable.Key, CountTable.Cell> cells) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (var e : cells.entrySet()) {
        DuckCountTable.Key k = e.getKey();
        CountTable.Cell c = e.getValue();
        w.write(
            String.join(
                "\t",
                k.margin(),
                Integer.toString(k.year()),
                k.incidentType(),
                k.first(),
                k.second(),
                Long.toString(c.children()),
                Long.toString(c.incidents()),
                Long.toString(c.childrenSquared()),
                Long.toString(c.childrenCross())));
        w.write('\n');
      }
    }
  }

  static Map<DuckCountTable.Key, CountTable.Cell> read(Path file) throws IOException {
    Map<DuckCountTable.Key, CountTable.Cell> cells = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String[] f = line.split("\t", -1);
      cells.put(
          new DuckCountTable.Key(f[0], Integer.parseInt(f[1]), f[2], f[3], f[4]),
          new CountTable.Cell(
              Long.parseLong(f[5]),
              Long.parseLong(f[6]),
              Long.parseLong(f[7]),
              Long.parseLong(f[8])));
    }
    return cells;
  }
}
