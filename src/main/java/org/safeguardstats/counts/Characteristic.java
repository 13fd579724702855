package org.safeguardstats.counts;

import java.util.List;
import org.apache.spark.sql.Column;

/**
 * Something about a child that can be counted (sex, Panel age band, EHC plan, practice themes,
 * ...), declared once from {@code data-schemas/} by {@link Characteristics}.
 *
 * @param name the declared column or derived value it comes from (e.g. {@code ehc_plan})
 * @param categories every category in publication order, not-recorded ones last
 * @param notRecorded the categories that mean "not recorded": {@code not_recorded} (also an empty
 *     cell) and the schema's {@code x-not-recorded} values; never in a share's denominator
 * @param multiValued true when a child can be in several categories at once (practice themes)
 * @param values Spark: an accepted incident row's categories (array of strings; one unless
 *     multi-valued)
 */
public record Characteristic(
    String name,
    List<String> categories,
    List<String> notRecorded,
    boolean multiValued,
    Column values) {

  /** The categories that count as recorded, in publication order. */
  public List<String> recorded() {
    return categories.stream().filter(c -> !notRecorded.contains(c)).toList();
  }
}
