package org.safeguardstats.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safeguardstats.schema.DeclaredSchema;
import org.safeguardstats.testing.SparkTestBase;
import org.safeguardstats.validation.Validated;

/**
 * RFC 4180 files read as one row per record, at the line the record starts on, whatever the split
 * size: every record accepted or quarantined with its reason, read = accepted + quarantined =
 * records in the file. Expectations written by hand from the file text.
 */
class CsvReaderTest extends SparkTestBase {
  @TempDir static Path tmp;
  static final DeclaredSchema REVIEWS = DeclaredSchema.input("reviews");
  static final String HEADER =
      "\"review_id\",incident_id,review_date,\"local_authority_code\",practice_themes";

  /** The file of the findings, and the other RFC 4180 cases, one per record. */
  static byte[] rfc4180File() {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}); // UTF-8 BOM
    String[] before = {
      HEADER + "\r\n", // 1: quoted header names, CRLF
      "R1,\"C1 \"\"the eldest\"\", per LA\",2023-06-01,E06000001,child_voice\r\n", // 2
      "R2,\"first line\n", // 3: a quoted line break ...
      "second line\",2023-06-02,E06000001,\n", // 4: ... in one record
      "R3,I3,2023-06-03,E06000001,child_voice,x,y\n", // 5: two extra fields
      "\n", // 6: blank, not a record
      "   \r\n", // 7: blank
      "R4,I4,2023-06-04,E06000001\n", // 8: a field missing
    };
    for (String s : before) {
      b.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }
    b.writeBytes("R5,Ren".getBytes(StandardCharsets.US_ASCII));
    b.write(0xE9); // 9: é in Latin-1
    b.writeBytes(",2023-06-05,E06000001,\n".getBytes(StandardCharsets.US_ASCII));
    String[] after = {
      "R6,Zoë ✓ 日本,2023-06-06,E06000001,\n", // 10: non-ASCII UTF-8
      "\"R7\",\"a,b\",2023-06-07,E06000001,\"risk_assessment;child_voice\"\r\n", // 11
      "R8,\"CRLF\r\n", // 12: a quoted CRLF ...
      "inside\",2023-06-08,E06000001,\r\n", // 13
      "R9,\"\",2023-06-09,E06000001,\n", // 14: an empty quoted field
      "R10,\"never closed,2023-06-10,E06000001,\n", // 15: unterminated, to the end of file
      "R11,I11,2023-06-11,E06000001,\n", // 16: inside R10's quotes
    };
    for (String s : after) {
      b.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }
    return b.toByteArray();
  }

  /** Reasons by starting line, as written by hand from the file above. */
  static final Map<Long, List<String>> EXPECTED =
      new TreeMap<>(
          Map.of(
              2L, List.of(),
              3L, List.of(),
              5L, List.of("record has 7 fields, header has 5"),
              8L, List.of("record has 4 fields, header has 5"),
              9L, List.of("not UTF-8 text"),
              10L, List.of(),
              11L, List.of(),
              12L, List.of(),
              14L, List.of(),
              15L, List.of("unterminated quoted field")));

  static Path write(String name, byte[] bytes) {
    try {
      return Files.write(tmp.resolve(name), bytes);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static Validated read(Path file, InputReader reader) {
    InputFiles files =
        InputReader.preflight("reviews", file.toString(), Syntax.CSV, REVIEWS, false);
    return Validated.of("reviews", REVIEWS, reader.read(files, REVIEWS), List.of());
  }

  static Map<Long, List<String>> reasons(Validated v) {
    Map<Long, List<String>> m = new TreeMap<>();
    for (Row r : v.rows().select(InputReader.SOURCE_ROW, Validated.REASONS).collectAsList()) {
      List<String> previous = m.put(r.getLong(0), r.getList(1));
      assertEquals(null, previous, "two rows start on line " + r.getLong(0));
    }
    return m;
  }

  static String incidentOf(Validated v, String review) {
    return v.rows()
        .filter(org.apache.spark.sql.functions.col("review_id").equalTo(review))
        .select("incident_id")
        .first()
        .getString(0);
  }

  void checkRfc4180(Validated v) {
    assertEquals(EXPECTED, reasons(v));
    Validated.RowCounts c = v.counts();
    assertEquals(10, c.read(), "records in the file");
    assertEquals(6, c.accepted());
    assertEquals(4, c.quarantined());
    assertEquals(c.quarantined(), v.quarantined().count());
    assertEquals("C1 \"the eldest\", per LA", incidentOf(v, "R1"));
    assertEquals("first line\nsecond line", incidentOf(v, "R2"));
    assertEquals("Zoë ✓ 日本", incidentOf(v, "R6"));
    assertEquals("a,b", incidentOf(v, "R7"));
    assertEquals("CRLF\r\ninside", incidentOf(v, "R8"));
    assertEquals(
        "risk_assessment;child_voice",
        v.rows()
            .filter(org.apache.spark.sql.functions.col("review_id").equalTo("R7"))
            .first()
            .getAs("practice_themes"));
    // A record that cannot be read keeps no values: its fields may be in the wrong columns.
    for (Row q : v.quarantined().collectAsList()) {
      assertEquals("{}", q.getAs("record"), "line " + q.getAs("source_row"));
      assertEquals(1, (int) q.getAs("reason_count"));
    }
  }

  @Test
  void rfc4180RecordsEachAcceptedOrQuarantinedAtTheirStartingLine() {
    checkRfc4180(read(write("rfc4180.csv", rfc4180File()), new InputReader(spark)));
  }

  @Test
  void rangeBoundariesInsideQuotedLineBreaksChangeNothing() {
    byte[] bytes = rfc4180File();
    Path file = write("rfc4180-split.csv", bytes);
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    int open = text.indexOf("\"first line");
    int close = text.indexOf("line\",2023-06-02") + 4;
    for (long split : new long[] {3, 16, (open + close) / 2}) {
      boolean inside = false;
      for (long s = split; s < bytes.length; s += split) {
        inside |= s > open && s <= close;
      }
      assertTrue(inside, "split " + split + " puts a range start inside R2's quotes");
      InputReader reader = new InputReader(spark, split, 1);
      Dataset<Row> raw =
          reader.read(
              InputReader.preflight("reviews", file.toString(), Syntax.CSV, REVIEWS, false),
              REVIEWS);
      assertTrue(raw.rdd().getNumPartitions() >= 2, "split " + split);
      checkRfc4180(Validated.of("reviews", REVIEWS, raw, List.of()));
    }
  }

  @Test
  void aHeaderIsReadByTheSameParser() {
    Path f = write("header.csv", rfc4180File());
    assertEquals(REVIEWS.columnNames(), InputReader.csvHeader("reviews", f));
  }

  @Test
  void aFolderOfManyPartsIsOnePlanWithoutAUnion() throws IOException {
    Path dir = tmp.resolve("parts");
    Files.createDirectories(dir);
    for (int i = 0; i < 200; i++) {
      Files.writeString(
          dir.resolve(String.format("part-%05d.csv", i)),
          "review_id,review_date,local_authority_code\n"
              + ("P" + i + "a,2023-06-01,E06000001\n")
              + ("P" + i + "b,2023-06-01,E06000001\n"));
    }
    InputFiles files = InputReader.preflight("reviews", dir.toString(), Syntax.CSV, REVIEWS, false);
    Dataset<Row> raw = new InputReader(spark).read(files, REVIEWS);
    String plan = raw.queryExecution().analyzed().treeString();
    assertFalse(plan.contains("Union"), plan);
    int partitions = raw.rdd().getNumPartitions();
    assertTrue(partitions >= 2 && partitions < 200, partitions + " partitions");
    Validated v = Validated.of("reviews", REVIEWS, raw, List.of());
    assertEquals(new Validated.RowCounts("reviews", 400, 400, 0), v.counts());
    assertEquals(
        List.of(2L, 3L),
        raw.filter(org.apache.spark.sql.functions.col("review_id").isin("P17a", "P17b"))
            .orderBy(InputReader.SOURCE_ROW)
            .select(InputReader.SOURCE_ROW)
            .as(org.apache.spark.sql.Encoders.LONG())
            .collectAsList());
  }

  @Test
  void oneLargeFileIsReadByEveryCoreWithItsLineNumbers() throws IOException {
    Path f = tmp.resolve("large.csv");
    int records = 250_000;
    StringBuilder s = new StringBuilder("review_id,incident_id,review_date,local_authority_code\n");
    for (int i = 0; i < records; i++) {
      // Every tenth record has a quoted line break, so lines and records differ.
      s.append("L")
          .append(i)
          .append(i % 10 == 0 ? ",\"two\nlines\"" : ",one line")
          .append(",2023-06-01,E06000001\n");
    }
    Files.writeString(f, s);
    assertTrue(Files.size(f) > 8_000_000);
    InputFiles files = InputReader.preflight("reviews", f.toString(), Syntax.CSV, REVIEWS, false);
    Dataset<Row> raw = new InputReader(spark).read(files, REVIEWS);
    assertTrue(raw.rdd().getNumPartitions() >= 2, raw.rdd().getNumPartitions() + " partitions");
    Validated v = Validated.of("reviews", REVIEWS, raw, List.of());
    assertEquals(new Validated.RowCounts("reviews", records, records, 0), v.counts());
    // Record i starts on line 2 + i + (number of earlier records with two lines).
    List<Row> some =
        raw.filter(
                org.apache
                    .spark
                    .sql
                    .functions
                    .col("review_id")
                    .isin("L0", "L1", "L11", "L123456", "L249999"))
            .orderBy(InputReader.SOURCE_ROW)
            .select(InputReader.SOURCE_ROW)
            .collectAsList();
    List<Long> lines = new ArrayList<>();
    some.forEach(r -> lines.add(r.getLong(0)));
    assertEquals(List.of(2L, 4L, 15L, 2L + 123456 + 12346, 2L + 249999 + 25000), lines);
  }

  @Test
  void jsonLinesKeepTheirLineNumbersAcrossRanges() {
    byte[] json =
        ("{\"review_id\":\"J1\",\"review_date\":\"2023-06-01\",\"local_authority_code\":\"E06000001\"}\n"
                + "\n"
                + "{\"review_id\":\"J2\",\"review_date\":\"2023-06-01\",\"local_authority_code\":\"E06000001\",\"incident_id\":3}\r\n"
                + "not json\n"
                + "{\"review_id\":\"J3\",\"incident_id\":\"Ren")
            .getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(json);
    b.write(0xE9);
    b.writeBytes(
        "\",\"review_date\":\"2023-06-01\",\"local_authority_code\":\"E06000001\"}\n"
            .getBytes(StandardCharsets.UTF_8));
    Path f = write("r.jsonl", b.toByteArray());
    for (long split : new long[] {3, 7, 1 << 20}) {
      Dataset<Row> raw =
          new InputReader(spark, split, 1)
              .read(
                  InputReader.preflight("reviews", f.toString(), Syntax.JSONL, REVIEWS, false),
                  REVIEWS);
      Validated v = Validated.of("reviews", REVIEWS, raw, List.of());
      assertEquals(
          new TreeMap<>(
              Map.of(
                  1L,
                  List.of(),
                  3L,
                  List.of(),
                  4L,
                  List.of("not a JSON object"),
                  5L,
                  List.of("not UTF-8 text"))),
          reasons(v),
          "split " + split);
      assertEquals("3", incidentOf(v, "J2"));
    }
  }

  @Test
  void aFolderOfParquetPartsIsOneReadWithEachFilesRowIndex() {
    Path dir = tmp.resolve("parquet");
    for (int part = 0; part < 3; part++) {
      spark
          .range(part * 10, part * 10 + 10)
          .selectExpr(
              "concat('Q', id) as review_id",
              "'2023-06-01' as review_date",
              "'E06000001' as local_authority_code")
          .coalesce(1)
          .write()
          .mode("append")
          .parquet(dir.toString());
    }
    InputFiles files =
        InputReader.preflight("reviews", dir.toString(), Syntax.PARQUET, REVIEWS, false);
    assertEquals(3, files.files().size());
    Dataset<Row> raw = new InputReader(spark).read(files, REVIEWS);
    String plan = raw.queryExecution().analyzed().treeString();
    assertFalse(plan.contains("Union"), plan);
    List<Row> perFile =
        raw.groupBy(InputReader.SOURCE_FILE)
            .agg(
                org.apache.spark.sql.functions.min(InputReader.SOURCE_ROW),
                org.apache.spark.sql.functions.max(InputReader.SOURCE_ROW),
                org.apache.spark.sql.functions.count("*"))
            .orderBy(InputReader.SOURCE_FILE)
            .collectAsList();
    assertEquals(3, perFile.size());
    long total = 0;
    for (int i = 0; i < 3; i++) {
      Row r = perFile.get(i);
      assertEquals(files.files().get(i).path().toString(), r.getString(0));
      assertEquals(1L, r.getLong(1));
      assertEquals(r.getLong(3), r.getLong(2));
      total += r.getLong(3);
    }
    assertEquals(30, total);
  }
}
