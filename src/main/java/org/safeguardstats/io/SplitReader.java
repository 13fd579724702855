package org.safeguardstats.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;

/**
 * Text files (CSV or JSON lines) as ONE RDD of rows over byte ranges of all files, so every core
 * works from the first stage whether the input is one large file or many small parts. Ranges are
 * cut and packed into partitions as Spark's file sources do ({@code spark.sql.files.*}); a range
 * owns the records that start in it. A file of several ranges first gets a parallel pre-pass (each
 * range's state transitions and line feeds) from which each range's starting quote state and line
 * number follow exactly.
 */
final class SplitReader {
  /** A text file to read: its name in outputs, its Hadoop path and length. */
  record Source(String name, String uri, long length) implements Serializable {}

  /** What to make of a record's fields: CSV (with its header's columns) or one JSON line. */
  interface RowMaker extends Serializable {
    /** Null to skip the record (a CSV file's header). */
    InternalRow row(int index, Source file, TextRecords record, boolean firstOfFile);
  }

  /** Bytes [start, end) of a file, with the state and line before {@code start}. */
  record Range(int file, long start, long end, int state, long line) implements Serializable {}

  private final SparkSession spark;
  private final long maxSplitBytes;
  private final long openCostBytes;

  SplitReader(SparkSession spark, long maxSplitBytes, long openCostBytes) {
    this.spark = spark;
    this.maxSplitBytes = maxSplitBytes;
    this.openCostBytes = openCostBytes;
  }

  JavaRDD<InternalRow> read(List<Source> files, boolean csv, RowMaker maker) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<HadoopConf> conf = jsc.broadcast(new HadoopConf(jsc.hadoopConfiguration()));
    int cores = Math.max(1, jsc.defaultParallelism());
    long total = 0;
    for (Source f : files) {
      total += f.length() + openCostBytes;
    }
    // As Spark's FilePartition.maxSplitBytes: small inputs still spread over every core.
    long split = Math.min(maxSplitBytes, Math.max(openCostBytes, total / cores));
    split = Math.max(split, 3); // a byte order mark stays in the first range, which skips it
    List<Range> ranges = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      long length = files.get(i).length();
      for (long start = 0; start < length; start += split) {
        ranges.add(new Range(i, start, Math.min(length, start + split), -1, -1));
      }
    }
    ranges = startingStates(jsc, conf, files, ranges, csv);
    List<List<Range>> partitions = new ArrayList<>();
    List<Range> current = new ArrayList<>();
    long size = 0;
    for (Range r : ranges) {
      long len = r.end() - r.start();
      if (!current.isEmpty() && size + len > split) {
        partitions.add(current);
        current = new ArrayList<>();
        size = 0;
      }
      current.add(r);
      size += len + openCostBytes;
    }
    if (!current.isEmpty()) {
      partitions.add(current);
    }
    List<Source> sources = List.copyOf(files);
    List<List<Range>> parts = List.copyOf(partitions);
    // Tasks get their ranges through the closure (Java serialization) and the RDD holds only
    // indices: Kryo, a common cluster setting for spark.serializer, cannot serialize records.
    return jsc.parallelize(indices(parts.size()), Math.max(1, parts.size()))
        .flatMap(i -> new Rows(sources, parts.get(i), csv, maker, conf.value().get()));
  }

  private static List<Integer> indices(int n) {
    return java.util.stream.IntStream.range(0, n).boxed().toList();
  }

  /**
   * Each range with its starting state and line: from a pre-pass over every range of a file but its
   * last (no range follows it).
   */
  private static List<Range> startingStates(
      JavaSparkContext jsc,
      Broadcast<HadoopConf> conf,
      List<Source> files,
      List<Range> ranges,
      boolean csv) {
    List<Range> scanned = new ArrayList<>();
    for (int i = 0; i < ranges.size(); i++) {
      Range r = ranges.get(i);
      if (i + 1 < ranges.size() && ranges.get(i + 1).file() == r.file()) {
        scanned.add(r);
      }
    }
    List<TextRecords.Transitions> found = List.of();
    if (!scanned.isEmpty()) {
      List<Source> sources = List.copyOf(files);
      String stage = jsc.getLocalProperty("spark.job.description");
      jsc.setJobDescription((stage == null ? "" : stage + ": ") + "find record boundaries");
      List<Range> toScan = List.copyOf(scanned);
      found =
          jsc
              .parallelize(indices(toScan.size()), toScan.size())
              .map(
                  i -> {
                    Range r = toScan.get(i);
                    Source f = sources.get(r.file());
                    try (InputStream in = open(conf.value().get(), f, r.start() + 1)) {
                      return TextRecords.transitions(in, r.end() - r.start(), csv, r.start() == 0)
                          .asArray();
                    }
                  })
              .collect()
              .stream()
              .map(TextRecords.Transitions::of)
              .toList();
      jsc.setJobDescription(stage);
    }
    List<Range> out = new ArrayList<>();
    int k = 0;
    int state = TextRecords.FIELD_START;
    long line = 1;
    for (int i = 0; i < ranges.size(); i++) {
      Range r = ranges.get(i);
      if (r.start() == 0) {
        state = TextRecords.FIELD_START;
        line = 1;
      }
      out.add(new Range(r.file(), r.start(), r.end(), state, line));
      if (k < scanned.size() && scanned.get(k) == r) {
        TextRecords.Transitions t = found.get(k++);
        state = t.stateAfter(state);
        line += t.lineFeeds();
      }
    }
    return out;
  }

  /** The file positioned one byte before {@code start}: where a range's reader starts. */
  static InputStream open(Configuration conf, Source f, long start) throws IOException {
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(f.uri());
    FileSystem fs = p.getFileSystem(conf);
    FSDataInputStream in = fs.open(p);
    if (start > 0) {
      in.seek(start - 1);
    }
    return in;
  }

  /** The rows of a partition's ranges, one record at a time. */
  private static final class Rows implements Iterator<InternalRow> {
    private final List<Source> files;
    private final Iterator<Range> ranges;
    private final boolean csv;
    private final RowMaker maker;
    private final Configuration conf;
    private InputStream in;
    private TextRecords records;
    private Source file;
    private int index;
    private boolean firstOfFile;
    private InternalRow next;

    Rows(List<Source> files, List<Range> ranges, boolean csv, RowMaker maker, Configuration conf) {
      this.files = files;
      this.ranges = ranges.iterator();
      this.csv = csv;
      this.maker = maker;
      this.conf = conf;
    }

    @Override
    public boolean hasNext() {
      try {
        while (next == null) {
          if (records == null || !records.next()) {
            close();
            if (!ranges.hasNext()) {
              return false;
            }
            Range r = ranges.next();
            index = r.file();
            file = files.get(index);
            in = open(conf, file, r.start());
            records = new TextRecords(in, r.start(), r.end(), r.state(), r.line(), csv);
            firstOfFile = r.start() == 0;
            continue;
          }
          next = maker.row(index, file, records, firstOfFile);
          firstOfFile = false;
        }
        return true;
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + file.name(), e);
      }
    }

    private void close() throws IOException {
      if (in != null) {
        in.close();
        in = null;
        records = null;
      }
    }

    @Override
    public InternalRow next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      InternalRow r = next;
      next = null;
      return r;
    }
  }

  /** A Hadoop configuration that travels to executors (it is Writable, not Serializable). */
  static final class HadoopConf implements Serializable {
    private transient Configuration conf;

    HadoopConf(Configuration conf) {
      this.conf = conf;
    }

    Configuration get() {
      return conf;
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
      out.defaultWriteObject();
      conf.write(out);
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
      in.defaultReadObject();
      conf = new Configuration(false);
      conf.readFields(in);
    }
  }
}
