package org.safeguardstats.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One validated, immutable job configuration: the job file checked against {@code
 * data-schemas/job.schema.json}, defaults filled in one place, paths made absolute. Precedence:
 * command line ({@code --output}) over job file over default.
 */
public record JobConfig(
    String name,
    String description,
    boolean syntheticData,
    Map<String, InputSpec> inputs,
    int firstYear,
    int lastYear,
    List<int[]> pooledPeriods,
    Set<Integer> completeYears,
    List<Double> confidenceLevels,
    String referenceGroup,
    String outputPath,
    List<String> outputTiers,
    int keepRuns,
    Disclosure disclosure,
    Aggregate aggregate,
    JsonNode asRun) {

  public static final List<Double> DEFAULT_CONFIDENCE_LEVELS = List.of(0.95);
  public static final String DEFAULT_REFERENCE_GROUP = "white";

  /** The output tier of every table unsuppressed, with the quarantine: owner-only. */
  public static final String INTERNAL = "internal";

  /** The output tier that may leave the building: disclosure-controlled tables only. */
  public static final String PUBLISHED = "published";

  public static final List<String> DEFAULT_TIERS = List.of(INTERNAL, PUBLISHED);
  public static final int DEFAULT_KEEP_RUNS = 10;
  public static final String DEFAULT_DISCLOSURE_PROFILE = "dfe";

  /**
   * The disclosure-control profile by name, and a threshold replacing the profile's own (null: the
   * profile's). Plain values: the disclosure package resolves them into a profile.
   */
  public record Disclosure(String profile, Integer threshold) {}

  /**
   * An input table: absolute path, file syntax (csv, jsonl, parquet) and, where the input can take
   * more than one, the table shape (null: the input's default).
   */
  public record InputSpec(String path, String format, String shape) {}

  /** Formats that were table shapes before {@code shape} existed. */
  private static final Set<String> OLD_SHAPE_FORMATS = Set.of("ees", "ons_myeb1");

  /**
   * How to read published aggregate counts: rows of one geographic level, the count indicator, and
   * the filter whose values map to incident types.
   */
  public record Aggregate(
      String geographicLevel,
      String measure,
      String countIndicator,
      String filter,
      Map<String, String> categories,
      String populationIndicator) {}

  /** True when the job reads published aggregate counts rather than records. */
  public boolean isAggregate() {
    return aggregate != null;
  }

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

  public static JobConfig load(Path file, String outputOverride) {
    JsonNode root;
    try {
      root = YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new InvalidInputException(
          "Job file " + file + " cannot be read as YAML: " + e.getMessage(), e);
    }
    return fromTree(file.toString(), root, outputOverride);
  }

  static JobConfig fromTree(String source, JsonNode root, String outputOverride) {
    if (root == null || !root.isObject()) {
      throw new InvalidInputException("Job file " + source + " must be a YAML mapping");
    }
    oldSpelling(source, root);
    List<String> problems = schemaProblems(root);
    if (!problems.isEmpty()) {
      throw new InvalidInputException(
          "Job file " + source + " is not valid:\n  " + String.join("\n  ", problems));
    }
    ObjectNode asRun = root.deepCopy();
    int first = root.path("reporting_years").path("first").asInt();
    int last = root.path("reporting_years").path("last").asInt();
    if (first > last) {
      throw new InvalidInputException(
          "Job file "
              + source
              + ": reporting_years.first ("
              + first
              + ") is after reporting_years.last ("
              + last
              + ")");
    }
    Map<String, InputSpec> inputs = new LinkedHashMap<>();
    root.path("inputs")
        .fields()
        .forEachRemaining(
            e ->
                inputs.put(
                    e.getKey(),
                    new InputSpec(
                        absolute(e.getValue().path("path").asText()),
                        e.getValue().path("format").asText(),
                        e.getValue().hasNonNull("shape")
                            ? e.getValue().get("shape").asText()
                            : null)));
    List<int[]> pooled = new ArrayList<>();
    for (JsonNode p : root.path("pooled_periods")) {
      int pf = p.path("first").asInt();
      int pl = p.path("last").asInt();
      if (pf >= pl || pf < first || pl > last) {
        throw new InvalidInputException(
            "Job file "
                + source
                + ": pooled_periods entry "
                + pf
                + " to "
                + pl
                + " must span at least two years within reporting_years ("
                + first
                + " to "
                + last
                + ")");
      }
      pooled.add(new int[] {pf, pl});
    }
    Set<Integer> complete = new java.util.TreeSet<>();
    for (JsonNode y : root.path("complete_years")) {
      if (y.asInt() < first || y.asInt() > last) {
        throw new InvalidInputException(
            "Job file "
                + source
                + ": complete_years entry "
                + y.asInt()
                + " is not within reporting_years ("
                + first
                + " to "
                + last
                + ")");
      }
      complete.add(y.asInt());
    }
    asRun.set("complete_years", JSON.valueToTree(complete));
    List<Double> levels = new ArrayList<>();
    root.path("confidence_levels").forEach(n -> levels.add(n.asDouble()));
    if (levels.isEmpty()) {
      levels.addAll(DEFAULT_CONFIDENCE_LEVELS);
      asRun.set("confidence_levels", JSON.valueToTree(levels));
    }
    String reference = root.path("reference_group").asText(DEFAULT_REFERENCE_GROUP);
    asRun.put("reference_group", reference);
    String output =
        absolute(
            outputOverride != null ? outputOverride : root.path("output").path("path").asText());
    JsonNode outputNode = root.path("output");
    List<String> tiers = new ArrayList<>();
    outputNode.path("tiers").forEach(t -> tiers.add(t.asText()));
    if (tiers.isEmpty()) {
      tiers.addAll(DEFAULT_TIERS);
    }
    if (!tiers.contains(INTERNAL)) {
      // Until disclosure control is applied to the tables (issue 11) a run writes only the
      // internal tier; without it a run would publish nothing and prune real runs.
      throw new InvalidInputException(
          "Job file "
              + source
              + ": output.tiers must include internal; this release writes no published tables"
              + " yet, so a run without the internal tier would write nothing");
    }
    int keepRuns = outputNode.path("keep_runs").asInt(DEFAULT_KEEP_RUNS);
    ObjectNode outputAsRun = asRun.putObject("output").put("path", output);
    outputAsRun.set("tiers", JSON.valueToTree(tiers));
    outputAsRun.put("keep_runs", keepRuns);
    JsonNode disclosureNode = root.path("disclosure");
    Disclosure disclosure =
        new Disclosure(
            disclosureNode.path("profile").asText(DEFAULT_DISCLOSURE_PROFILE),
            disclosureNode.hasNonNull("threshold")
                ? disclosureNode.get("threshold").asInt()
                : null);
    ObjectNode disclosureAsRun = asRun.putObject("disclosure").put("profile", disclosure.profile());
    if (disclosure.threshold() != null) {
      disclosureAsRun.put("threshold", disclosure.threshold());
    }
    boolean synthetic = root.path("synthetic_data").asBoolean(false);
    Aggregate aggregate = null;
    JsonNode agg = root.path("aggregate");
    boolean records = inputs.containsKey("incidents");
    boolean published = inputs.containsKey("notifications");
    if (records == published) {
      throw new InvalidInputException(
          "Job file "
              + source
              + ": inputs must name either incidents (records) or notifications (published counts), not "
              + (records ? "both" : "neither"));
    }
    if (records && !inputs.containsKey("population")) {
      throw new InvalidInputException(
          "Job file " + source + ": inputs.population is required with inputs.incidents");
    }
    if (published && !complete.isEmpty()) {
      throw new InvalidInputException(
          "Job file "
              + source
              + ": complete_years is only for inputs.incidents (a published count is never"
              + " inferred from an absent row)");
    }
    if (published != agg.isObject()) {
      throw new InvalidInputException(
          "Job file "
              + source
              + ": "
              + (published
                  ? "inputs.notifications needs an aggregate section"
                  : "aggregate is only for inputs.notifications"));
    }
    if (published) {
      Map<String, String> categories = new LinkedHashMap<>();
      agg.path("categories")
          .fields()
          .forEachRemaining(e -> categories.put(e.getKey(), e.getValue().asText()));
      aggregate =
          new Aggregate(
              agg.path("geographic_level").asText(),
              agg.path("measure").asText("notifications"),
              agg.path("count_indicator").asText(),
              agg.path("filter").asText(),
              Map.copyOf(categories),
              agg.hasNonNull("population_indicator")
                  ? agg.get("population_indicator").asText()
                  : null);
      ((ObjectNode) asRun.path("aggregate")).put("measure", aggregate.measure());
    }
    asRun.put("synthetic_data", synthetic);
    return new JobConfig(
        root.path("name").asText(),
        root.path("description").asText(""),
        synthetic,
        Map.copyOf(inputs),
        first,
        last,
        List.copyOf(pooled),
        Set.copyOf(complete),
        List.copyOf(levels),
        reference,
        output,
        List.copyOf(tiers),
        keepRuns,
        disclosure,
        aggregate,
        asRun);
  }

  /**
   * A format that named a table shape (ees, ons_myeb1) is refused with the new spelling, rather
   * than with the schema's bare "not in the enumeration".
   */
  private static void oldSpelling(String source, JsonNode root) {
    root.path("inputs")
        .fields()
        .forEachRemaining(
            e -> {
              String format = e.getValue().path("format").asText();
              if (OLD_SHAPE_FORMATS.contains(format)) {
                throw new InvalidInputException(
                    "Job file "
                        + source
                        + ": inputs."
                        + e.getKey()
                        + ".format: "
                        + format
                        + " is a table shape now, not a file format; write {path: "
                        + e.getValue().path("path").asText()
                        + ", format: csv, shape: "
                        + format
                        + "}");
              }
            });
  }

  /** Schema violations as sentences that name the field, e.g. "$.inputs.incidents.format: ...". */
  static List<String> schemaProblems(JsonNode root) {
    JsonSchema schema;
    try (InputStream in =
        JobConfig.class.getClassLoader().getResourceAsStream("data-schemas/job.schema.json")) {
      schema =
          JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
              .getSchema(JSON.readTree(in));
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read data-schemas/job.schema.json", e);
    }
    Set<ValidationMessage> messages = schema.validate(root);
    return messages.stream()
        .map(ValidationMessage::getMessage)
        .sorted()
        .collect(Collectors.toList());
  }

  private static String absolute(String path) {
    if (path.contains("://")) {
      return path;
    }
    return Path.of(path).toAbsolutePath().normalize().toString();
  }

  /** Whether the job writes the given output tier. */
  public boolean writes(String tier) {
    return outputTiers.contains(tier);
  }

  public InputSpec input(String name) {
    return inputs.get(name);
  }

  /** Reporting-year label: 2024 is "2023-24". */
  public static String yearLabel(int reportingYear) {
    return (reportingYear - 1) + "-" + String.format("%02d", reportingYear % 100);
  }
}
