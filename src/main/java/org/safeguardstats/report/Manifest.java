package org.safeguardstats.report;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;

/**
 * manifest.json: what a run read, what it wrote, with which code, and how long each stage took.
 * Enough to reproduce or audit a run; holds no record contents.
 */
public final class Manifest {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final ObjectNode root = JSON.createObjectNode();

  public Manifest(String runId, String jobName, boolean synthetic, JsonNode jobAsRun) {
    root.put("run_id", runId);
    root.put("job_name", jobName);
    root.put("synthetic_data", synthetic);
    root.set("job", jobAsRun);
    ObjectNode code = root.putObject("code_version");
    Properties build = buildInfo();
    code.put("version", build.getProperty("version", "unknown"));
    code.put("git_commit", build.getProperty("git.commit", "unknown"));
    root.put("java_version", System.getProperty("java.version"));
  }

  public Manifest put(String field, String value) {
    root.put(field, value);
    return this;
  }

  public ObjectNode object(String field) {
    return root.with(field);
  }

  public ArrayNode array(String field) {
    return root.withArray(field);
  }

  /** One input: its path, format and every file with size and SHA-256. */
  public void addInput(String name, String path, String format, List<Path> files) {
    ObjectNode in = object("inputs").putObject(name);
    in.put("path", path).put("format", format);
    ArrayNode fs = in.putArray("files");
    for (Path f : files) {
      fs.addObject().put("path", f.toString()).put("size_bytes", size(f)).put("sha256", sha256(f));
    }
  }

  public String toJson() {
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
