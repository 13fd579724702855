package org.safeguardstats.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A table schema declared in {@code data-schemas/} (JSON Schema; property order is column order).
 * The schemas are packaged into the application jar, so the driver reads the same contract locally
 * and on a cluster. Spark schemas are derived from here and never inferred.
 */
public final class DeclaredSchema {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String resource;
  private final List<Column> columns;
  private final List<Derived> derived;

  private DeclaredSchema(String resource, List<Column> columns, List<Derived> derived) {
    this.resource = resource;
    this.columns = List.copyOf(columns);
    this.derived = List.copyOf(derived);
  }

  public static DeclaredSchema input(String name) {
    return load("data-schemas/inputs/" + name + ".schema.json");
  }

  public static DeclaredSchema output(String name) {
    return load("data-schemas/outputs/" + name + ".schema.json");
  }

  /**
   * A table as published: its declared output columns without {@code run_id} (so re-runs on the
   * same inputs give identical files), then the columns of {@code
   * data-schemas/published.schema.json} ({@code suppressed}, {@code suppression_reason}). The
   * quarantine holds record contents and has no published form.
   */
  public static DeclaredSchema published(String table) {
    if (table.equals(QUARANTINE)) {
      throw new IllegalArgumentException(
          "The quarantine holds record contents and has no published form");
    }
    DeclaredSchema internal = output(table);
    List<Column> columns = new ArrayList<>();
    internal.columns().stream().filter(c -> !c.name().equals(RUN_ID)).forEach(columns::add);
    columns.addAll(load(PUBLISHED_COLUMNS).columns());
    return new DeclaredSchema(internal.resource(), columns, List.of());
  }

  static final String QUARANTINE = "quarantine";
  static final String RUN_ID = "run_id";
  static final String PUBLISHED_COLUMNS = "data-schemas/published.schema.json";

  static DeclaredSchema load(String resource) {
    try (InputStream in = DeclaredSchema.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Schema " + resource + " is not on the classpath");
      }
      return parse(resource, JSON.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read schema " + resource, e);
    }
  }

  static DeclaredSchema parse(String resource, JsonNode root) {
    Set<String> required = new HashSet<>();
    root.path("required").forEach(n -> required.add(n.asText()));
    List<Column> columns = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> it = root.path("properties").fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode p = e.getValue();
      String type = null;
      if (p.path("type").isArray()) {
        for (JsonNode t : p.path("type")) {
          if (!"null".equals(t.asText())) {
            type = t.asText();
          }
        }
      } else {
        type = p.path("type").asText();
      }
      List<String> allowed = new ArrayList<>();
      p.path("enum")
          .forEach(
              v -> {
                if (!v.isNull()) {
                  allowed.add(v.asText());
                }
              });
      columns.add(
          new Column(
              e.getKey(),
              type,
              p.hasNonNull("format") ? p.get("format").asText() : null,
              required.contains(e.getKey()),
              allowed,
              p.hasNonNull("x-code-list") ? p.get("x-code-list").asText() : null,
              p.hasNonNull("x-separator") ? p.get("x-separator").asText() : null,
              p.hasNonNull("minimum") ? p.get("minimum").asDouble() : null,
              p.hasNonNull("maximum") ? p.get("maximum").asDouble() : null,
              p.hasNonNull("pattern") ? p.get("pattern").asText() : null,
              texts(p.path("x-not-recorded"))));
    }
    List<Derived> derived = new ArrayList<>();
    root.path("x-derived")
        .fields()
        .forEachRemaining(
            e -> {
              JsonNode d = e.getValue();
              derived.add(
                  new Derived(
                      e.getKey(),
                      d.path("from").asText(),
                      d.hasNonNull("bands") ? d.get("bands").asText() : null,
                      d.hasNonNull("otherwise") ? d.get("otherwise").asText() : null,
                      d.hasNonNull("code-list") ? d.get("code-list").asText() : null,
                      d.hasNonNull("key") ? d.get("key").asText() : null,
                      d.hasNonNull("value") ? d.get("value").asText() : null,
                      texts(d.path("x-not-recorded"))));
            });
    return new DeclaredSchema(resource, columns, derived);
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asText()));
    return out;
  }

  /**
   * This schema with more columns after the declared ones (e.g. a job's filter and indicator
   * columns).
   */
  public DeclaredSchema with(List<Column> more) {
    List<Column> all = new ArrayList<>(columns);
    all.addAll(more);
    return new DeclaredSchema(resource, all, derived);
  }

  public String resource() {
    return resource;
  }

  public List<Column> columns() {
    return columns;
  }

  /** Columns derived from declared ones (the schema's {@code x-derived}), in declared order. */
  public List<Derived> derived() {
    return derived;
  }

  public List<String> columnNames() {
    return columns.stream().map(Column::name).toList();
  }

  public Optional<Column> column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** The typed Spark schema; required columns are non-nullable. */
  public StructType sparkSchema() {
    List<StructField> fields = new ArrayList<>();
    for (Column c : columns) {
      fields.add(DataTypes.createStructField(c.name(), c.sparkType(), !c.required()));
    }
    return DataTypes.createStructType(fields);
  }

  /** Every column as a nullable string: how text inputs are read before validation types them. */
  public static StructType allStrings(List<String> names) {
    List<StructField> fields = new ArrayList<>();
    for (String n : names) {
      fields.add(DataTypes.createStructField(n, DataTypes.StringType, true));
    }
    return DataTypes.createStructType(fields);
  }
}
