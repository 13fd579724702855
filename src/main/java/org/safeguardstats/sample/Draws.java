package org.safeguardstats.sample;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.shiftRightUnsigned;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;

/**
 * Seeded random draws as Spark expressions: a value depends only on the seed, a salt and the row's
 * keys, never on partitioning. Drawn codes are checked against the {@link Vocabulary}.
 */
final class Draws {
  static final double TWO_POW_53 = 9007199254740992.0;

  final long seed;
  final Vocabulary vocabulary;

  Draws(long seed, Vocabulary vocabulary) {
    this.seed = seed;
    this.vocabulary = vocabulary;
  }

  /** Uniform double in [0, 1) from xxhash64(seed, salt, keys...). */
  Column u(String salt, Column... keys) {
    Column[] all = new Column[keys.length + 2];
    all[0] = lit(seed);
    all[1] = lit(salt);
    System.arraycopy(keys, 0, all, 2, keys.length);
    return shiftRightUnsigned(xxhash64(all), 11).cast("double").divide(TWO_POW_53);
  }

  /**
   * Categorical draw of an incident column's value: value, probability, value, probability, ...,
   * last value (the remainder). Values are checked against the column's declared values.
   */
  Column pick(String column, Column u, Object... pairs) {
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i] != null) {
        vocabulary.code(column, (String) pairs[i]);
      }
    }
    return pickAny(u, pairs);
  }

  /** Integer draw: value, probability, ..., last value. */
  static Column pickInt(Column u, Object... pairs) {
    return pickAny(u, pairs).cast("int");
  }

  private static Column pickAny(Column u, Object... pairs) {
    Column c = null;
    double cum = 0;
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      cum += ((Number) pairs[i + 1]).doubleValue();
      Column v = value(pairs[i]);
      c = c == null ? when(u.lt(cum), v) : c.when(u.lt(cum), v);
    }
    Column last = value(pairs[pairs.length - 1]);
    return c == null ? last : c.otherwise(last);
  }

  private static Column value(Object v) {
    return v == null ? lit(null).cast("string") : lit(v);
  }

  /** A declared value of an incident column (see {@link Vocabulary#code}). */
  String code(String column, String value) {
    return vocabulary.code(column, value);
  }

  /** True where the incident column holds one of the (checked) values. */
  Column is(String column, String... values) {
    return col(column).isin(Arrays.stream(values).map(v -> code(column, v)).toArray());
  }

  /** One of the codes, uniformly. */
  Column oneOf(List<String> codes, String salt, Column... keys) {
    Column[] lits = codes.stream().map(org.apache.spark.sql.functions::lit).toArray(Column[]::new);
    Column idx = floor(u(salt, keys).multiply(codes.size())).cast("int").plus(1);
    return element_at(array(lits), idx);
  }

  /**
   * Practice-theme codes joined by ';' (in code-list order): a weighted sample without replacement
   * of countCol codes (Efraimidis-Spirakis keys -ln(u)/w).
   */
  Column themes(String salt, String yearCol, String idCol, String countCol) {
    List<String> themes = vocabulary.themes;
    String codes = String.join(",", themes.stream().map(t -> "'" + t + "'").toList());
    String weights =
        String.join(
            ",",
            themes.stream()
                .map(t -> String.valueOf(Calibration.THEME_WEIGHTS.getOrDefault(t, 1.0)))
                .toList());
    String key =
        "-ln((cast(shiftrightunsigned(xxhash64(cast("
            + seed
            + " as bigint), '"
            + salt
            + "', "
            + yearCol
            + ", "
            + idCol
            + ", i), 11) as double) + 0.5) / "
            + TWO_POW_53
            + ") / element_at(array("
            + weights
            + "), i + 1)";
    String sampled =
        "slice(array_sort(transform(sequence(0, "
            + (themes.size() - 1)
            + "), i -> named_struct('key', "
            + key
            + ", 'i', i))), 1, "
            + countCol
            + ")";
    return expr(
        "array_join(transform(array_sort(transform("
            + sampled
            + ", s -> s.i)), i -> element_at(array("
            + codes
            + "), i + 1)), ';')");
  }

  // ---- driver side (plan parameters only) ----

  /** SplitMix64-style mix of a seed, a year and salts. */
  static long mix(long seed, int year, String... salts) {
    long h = seed * 0x9E3779B97F4A7C15L + year;
    for (String s : salts) {
      for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
        h = (h ^ b) * 0x100000001B3L;
      }
      h = splitmix(h);
    }
    return splitmix(h);
  }

  private static long splitmix(long z) {
    z += 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  static double unit(long h) {
    return (h >>> 11) / TWO_POW_53;
  }
}
