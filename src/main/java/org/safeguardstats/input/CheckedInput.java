package org.safeguardstats.input;

import org.safeguardstats.config.JobConfig.InputSpec;
import org.safeguardstats.io.InputFiles;
import org.safeguardstats.io.InputReader;
import org.safeguardstats.io.Syntax;
import org.safeguardstats.schema.DeclaredSchema;
import org.safeguardstats.validation.Validated;

/**
 * One input after preflight (files and headers checked, no Spark): its shape, the files found and
 * the schema to read them with. Reading uses these, so nothing is checked twice.
 */
public record CheckedInput<T>(
    String shapeName, InputShape<T> shape, InputFiles files, DeclaredSchema schema) {

  public static <T> CheckedInput<T> preflight(
      String shapeName, InputShape<T> shape, InputSpec spec) {
    InputFiles files =
        InputReader.preflight(
            shape.input(),
            spec.path(),
            Syntax.of(spec.format()),
            shape.declared(),
            shape.ignoresUndeclaredColumns());
    return new CheckedInput<>(shapeName, shape, files, shape.schema(files));
  }

  public String input() {
    return shape.input();
  }

  /** Spark: the files read with the schema, and validated. */
  public Validated readAndValidate(InputReader reader) {
    return shape.validate(reader.read(files, schema), schema);
  }

  /** Spark: what the counts take from the validated rows. */
  public T from(Validated validated) {
    return shape.from(validated);
  }
}
