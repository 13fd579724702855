package org.safeguardstats.schema;

import java.util.List;

/**
 * A value derived from a declared column (a schema's {@code x-derived}): either the column's
 * whole-year age banded by a scheme of {@code age_bands.csv}, or the column's code mapped through a
 * code list.
 *
 * @param name the derived value's name (e.g. {@code panel_age_band})
 * @param from the declared column it comes from
 * @param bands the {@code age_bands.csv} scheme (banding), or null
 * @param otherwise a declared column holding the band itself, used when {@code from} is empty
 * @param codeList the code list mapped through (mapping), or null
 * @param key the code list's column matched against {@code from}
 * @param value the code list's column that gives the derived value
 * @param notRecorded derived values that mean "not recorded" besides {@code not_recorded}
 */
public record Derived(
    String name,
    String from,
    String bands,
    String otherwise,
    String codeList,
    String key,
    String value,
    List<String> notRecorded) {}
