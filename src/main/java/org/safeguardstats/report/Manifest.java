package org.safeguardstats.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.safeguardstats.config.JobConfig;
import org.safeguardstats.counts.NotificationDates;
import org.safeguardstats.io.InputFiles;
import org.safeguardstats.validation.Validated;

/**
 * manifest.json: what a run read, what it wrote (per tier and table), with which code, and how long
 * each stage took. Enough to reproduce or audit a run; holds no record contents. Built from what
 * the stages produced: the inputs as preflight found them, the row accounting, the tables written,
 * each reporting year's first and last notification dates (record-level runs), the timings.
 */
public record Manifest(
    String runId,
    JobConfig job,
    String sparkVersion,
    Instant startedAt,
    List<Input> inputs,
    Collection<Validated.RowCounts> rowAccounting,
    Path runDir,
    Map<String, Map<String, Long>> outputs,
    Map<Integer, NotificationDates> notificationDates,
    List<Timing> stageTimings) {

  /** One input: its name, the shape it was read as, and the files preflight found. */
  public record Input(String name, String shape, InputFiles files) {}

  /** How long one stage took. */
  public record Timing(String stage, double seconds) {}

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The manifest, finished now; every input file with its size and SHA-256. */
  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("run_id", runId);
    root.put("job_name", job.name());
    root.put("synthetic_data", job.syntheticData());
    root.set("job", job.asRun());
    ObjectNode code = root.putObject("code_version");
    Properties build = buildInfo();
    code.put("version", build.getProperty("version", "unknown"));
    code.put("git_commit", build.getProperty("git.commit", "unknown"));
    root.put("java_version", System.getProperty("java.version"));
    root.put("started_at", startedAt.toString());
    root.put("spark_version", sparkVersion);
    ObjectNode in = root.putObject("inputs");
    for (Input i : inputs) {
      ObjectNode one = in.putObject(i.name());
      one.put("path", i.files().path())
          .put("format", i.files().syntax().toString())
          .put("shape", i.shape());
      ArrayNode fs = one.putArray("files");
      for (Path f : i.files().paths()) {
        fs.addObject()
            .put("path", f.toString())
            .put("size_bytes", size(f))
            .put("sha256", sha256(f));
      }
    }
    ObjectNode accounting = root.putObject("row_accounting");
    for (Validated.RowCounts c : rowAccounting) {
      accounting
          .putObject(c.input())
          .put("read", c.read())
          .put("accepted", c.accepted())
          .put("quarantined", c.quarantined());
    }
    if (notificationDates != null) {
      // every configured year; one with no records has null dates
      ObjectNode years = root.putObject("reporting_years");
      for (int y = job.firstYear(); y <= job.lastYear(); y++) {
        NotificationDates d = notificationDates.get(y);
        years
            .putObject(String.valueOf(y))
            .put("label", JobConfig.yearLabel(y))
            .put("first_notification_date", d == null ? null : d.first().toString())
            .put("last_notification_date", d == null ? null : d.last().toString())
            .put("partial_year", d != null && d.partial())
            .put("declared_complete", job.completeYears().contains(y));
      }
    }
    ObjectNode out = root.putObject("outputs");
    outputs.forEach(
        (tier, tables) -> {
          ObjectNode t = out.putObject(tier);
          tables.forEach(
              (table, rows) ->
                  t.putObject(table)
                      .put("path", runDir.resolve(tier).resolve(table).toString())
                      .put("rows", rows));
        });
    ArrayNode timings = root.putArray("stage_timings");
    for (Timing t : stageTimings) {
      timings
          .addObject()
          .put("stage", t.stage())
          .put("seconds", Math.round(t.seconds() * 1000) / 1000.0);
    }
    root.put("finished_at", Instant.now().toString());
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Properties buildInfo() {
    Properties p = new Properties();
    try (InputStream in =
        Manifest.class.getClassLoader().getResourceAsStream("safeguard-stats-build.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // The version is informative; a missing file leaves "unknown".
    }
    return p;
  }

  private static long size(Path f) {
    try {
      return Files.size(f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String sha256(Path f) {
    try (InputStream in = Files.newInputStream(f)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n = in.read(buf); n > 0; n = in.read(buf)) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + f, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
