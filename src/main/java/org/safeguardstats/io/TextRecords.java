package org.safeguardstats.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The records of one byte range of a text file: those that START in {@code [start, end)}, each read
 * to its end even past {@code end}, with the 1-based line it starts on. A record ends at a line
 * feed outside a quoted field (CSV, RFC 4180) or at any line feed (JSON lines); a CR before it is
 * dropped, a UTF-8 byte order mark at the file's start skipped, blank records skipped.
 *
 * <p>Where records end follows a four-state machine (field start, unquoted, quoted, quote inside a
 * quoted field); a quote opens a quoted field only at a field's start, as CSV parsers read it.
 * {@link #transitions} runs it from all four states at once (one table look-up per byte), so a
 * cheap parallel pre-pass gives each range's exact starting state from the ranges before it.
 */
final class TextRecords {
  static final int FIELD_START = 0;
  static final int UNQUOTED = 1;
  static final int QUOTED = 2;
  static final int CLOSING = 3;

  /** The transition function that leaves every state as it is (state s in bits 2s, 2s+1). */
  static final int IDENTITY = 0b11_10_01_00;

  /** A record longer than this is kept as one row with a read problem, not held in memory. */
  static final int MAX_RECORD_BYTES = 64 << 20;

  private static final int OTHER = 0;
  private static final int QUOTE = 1;
  private static final int COMMA = 2;
  private static final int LF = 3;
  private static final int[] STEP = new int[16];
  private static final int[] COMPOSE = new int[256 * 4];
  private static final byte[] CSV_CLASSES = new byte[256];
  private static final byte[] LINE_CLASSES = new byte[256];

  static {
    for (int s = 0; s < 4; s++) {
      for (int c = 0; c < 4; c++) {
        STEP[s << 2 | c] = next(s, c);
      }
    }
    for (int f = 0; f < 256; f++) {
      for (int c = 0; c < 4; c++) {
        int g = 0;
        for (int s = 0; s < 4; s++) {
          g |= STEP[(f >> (2 * s) & 3) << 2 | c] << (2 * s);
        }
        COMPOSE[f << 2 | c] = g;
      }
    }
    CSV_CLASSES['"'] = QUOTE;
    CSV_CLASSES[','] = COMMA;
    CSV_CLASSES['\n'] = LF;
    LINE_CLASSES['\n'] = LF;
  }

  private static int next(int state, int c) {
    return switch (state) {
      case FIELD_START -> c == QUOTE ? QUOTED : c == COMMA || c == LF ? FIELD_START : UNQUOTED;
      case QUOTED -> c == QUOTE ? CLOSING : QUOTED;
      case CLOSING -> c == QUOTE ? QUOTED : c == COMMA || c == LF ? FIELD_START : UNQUOTED;
      default -> c == COMMA || c == LF ? FIELD_START : UNQUOTED;
    };
  }

  /** What a pre-pass learns of a range: its state transition function and its line feeds. */
  record Transitions(int function, long lineFeeds) {
    int stateAfter(int stateBefore) {
      return function >> (2 * stateBefore) & 3;
    }

    /** As a task result: a long[] serializes under Kryo as under Java serialization. */
    long[] asArray() {
      return new long[] {function, lineFeeds};
    }

    static Transitions of(long[] a) {
      return new Transitions((int) a[0], a[1]);
    }
  }

  /** The pre-pass over {@code length} bytes of {@code in} (positioned at the range's start). */
  static Transitions transitions(InputStream in, long length, boolean csv, boolean fileStart)
      throws IOException {
    byte[] classes = csv ? CSV_CLASSES : LINE_CLASSES;
    byte[] buf = new byte[1 << 16];
    int f = IDENTITY;
    long lineFeeds = 0;
    long left = length;
    boolean first = fileStart;
    while (left > 0) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (n < 0) {
        break;
      }
      int i = 0;
      if (first) {
        first = false;
        i = bomLength(buf, n);
      }
      for (; i < n; i++) {
        byte b = buf[i];
        if (b == '\n') {
          lineFeeds++;
        }
        f = COMPOSE[f << 2 | classes[b & 0xff]];
      }
      left -= n;
    }
    return new Transitions(f, lineFeeds);
  }

  private static int bomLength(byte[] buf, int n) {
    return n >= 3 && buf[0] == (byte) 0xEF && buf[1] == (byte) 0xBB && buf[2] == (byte) 0xBF
        ? 3
        : 0;
  }

  private final InputStream in;
  private final byte[] classes;
  private final long end;
  private final byte[] buf = new byte[1 << 16];
  private int bufPos;
  private int bufLen;
  private boolean eof;
  private long pos; // file offset of the next byte read
  private int state;
  private long line;

  private byte[] record = new byte[1024];
  private int recordLength;
  private long recordLine;
  private String problem;

  /**
   * {@code in} is positioned at {@code start - 1} (or 0 when {@code start} is 0); {@code state} and
   * {@code line} are those before byte {@code start}.
   */
  TextRecords(InputStream in, long start, long end, int state, long line, boolean csv)
      throws IOException {
    this.in = in;
    this.classes = csv ? CSV_CLASSES : LINE_CLASSES;
    this.end = end;
    this.state = state;
    this.line = line;
    if (start == 0) {
      pos = 0;
      fill();
      int bom = bomLength(buf, bufLen);
      bufPos = bom;
      pos = bom;
    } else {
      pos = start - 1;
      // A record starts at start exactly when the byte before it ended one.
      boolean atRecord = read() == '\n' && state == FIELD_START;
      if (!atRecord) {
        skipToRecordStart();
      }
    }
  }

  private void skipToRecordStart() throws IOException {
    int b;
    while ((b = read()) >= 0 && !endsRecord(b)) {}
  }

  /** Moves the state machine over one byte; true when the byte ends a record. */
  private boolean endsRecord(int b) {
    int c = classes[b];
    if (c == LF) {
      line++;
      if (state != QUOTED) {
        state = FIELD_START;
        return true;
      }
    }
    state = STEP[state << 2 | c];
    return false;
  }

  private void fill() throws IOException {
    bufPos = 0;
    bufLen = 0;
    while (bufLen == 0) {
      int n = in.read(buf, 0, buf.length);
      if (n < 0) {
        eof = true;
        return;
      }
      bufLen = n;
    }
  }

  private int read() throws IOException {
    if (bufPos == bufLen) {
      if (eof) {
        return -1;
      }
      fill();
      if (eof) {
        return -1;
      }
    }
    pos++;
    return buf[bufPos++] & 0xff;
  }

  /**
   * Moves to the next non-blank record that starts before the range's end; false when there is
   * none.
   */
  boolean next() throws IOException {
    while (pos < end) {
      recordLine = line;
      recordLength = 0;
      problem = null;
      boolean any = false;
      boolean tooLong = false;
      int b;
      while ((b = read()) >= 0) {
        any = true;
        if (endsRecord(b)) {
          break;
        }
        if (recordLength == record.length) {
          if (recordLength >= MAX_RECORD_BYTES) {
            tooLong = true;
            continue;
          }
          record = Arrays.copyOf(record, Math.min(MAX_RECORD_BYTES, record.length * 2));
        }
        record[recordLength++] = (byte) b;
      }
      if (!any) {
        return false; // end of file
      }
      if (b < 0 && state == QUOTED) {
        problem = "unterminated quoted field";
      } else if (tooLong) {
        problem = "record longer than " + (MAX_RECORD_BYTES >> 20) + " MiB";
      }
      if (recordLength > 0 && record[recordLength - 1] == '\r') {
        recordLength--;
      }
      if (problem != null || !blank()) {
        return true;
      }
    }
    return false;
  }

  private boolean blank() {
    for (int i = 0; i < recordLength; i++) {
      if (record[i] != ' ' && record[i] != '\t') {
        return false;
      }
    }
    return true;
  }

  /** The record's bytes, {@code [0, length())}; reused by the next call of {@link #next}. */
  byte[] bytes() {
    return record;
  }

  int length() {
    return recordLength;
  }

  /** The 1-based line the record starts on. */
  long line() {
    return recordLine;
  }

  /** Why the record cannot be read as a whole (unterminated quote, too long), or null. */
  String problem() {
    return problem;
  }
}
