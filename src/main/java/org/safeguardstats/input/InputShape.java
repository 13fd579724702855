package org.safeguardstats.input;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.safeguardstats.io.InputFiles;
import org.safeguardstats.schema.DeclaredSchema;
import org.safeguardstats.validation.Validated;

/**
 * What an input's table holds, whatever its file syntax: its declared columns, how preflight checks
 * a header, the rules its rows must pass, and what the counts take from the accepted rows. One
 * class per shape; {@link JobInputs} chooses them from the job file.
 *
 * @param <T> what the input yields
 */
public abstract class InputShape<T> {
  private final String input;
  private final DeclaredSchema declared;

  /**
   * {@code input}: the input's name in the job file, in messages and in the quarantine table;
   * {@code declared}: the columns preflight checks each CSV header against.
   */
  protected InputShape(String input, DeclaredSchema declared) {
    this.input = input;
    this.declared = declared;
  }

  public final String input() {
    return input;
  }

  public final DeclaredSchema declared() {
    return declared;
  }

  /** True when a header may carry columns the schema does not declare (they are not read). */
  public boolean ignoresUndeclaredColumns() {
    return false;
  }

  /** The schema rows are read and validated with, from what preflight found (no Spark). */
  public DeclaredSchema schema(InputFiles files) {
    return declared;
  }

  /** The schema's rules and this shape's own, with the columns it derives. */
  public abstract Validated validate(Dataset<Row> raw, DeclaredSchema schema);

  /** Spark: what the counts take from the validated rows. */
  public abstract T from(Validated validated);
}
