package org.safeguardstats.io;

import java.util.Locale;

/** How an input file is written; what its table holds is the input shape's business. */
public enum Syntax {
  CSV,
  JSONL,
  PARQUET;

  /** The syntax a job file's {@code format} names (csv, jsonl, parquet). */
  public static Syntax of(String format) {
    return valueOf(format.toUpperCase(Locale.ROOT));
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
