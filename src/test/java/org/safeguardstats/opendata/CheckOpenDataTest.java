package org.safeguardstats.opendata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safeguardstats.testing.Fixtures;

/** The command's exit status: 0 no errors, 1 errors, 2 a bad argument. */
class CheckOpenDataTest {
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  int run(String... args) {
    return CheckOpenData.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  static String fixture(String relative) {
    return Fixtures.file("src/test/resources/" + relative).toString();
  }

  @Test
  void aPassingFileExitsZero() {
    assertEquals(0, run(fixture("opendata-examples/children_by_sex_ethnicity.csv")));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("1 file(s) checked, 0 failed"));
  }

  @Test
  void warningsAloneExitZero() {
    assertEquals(0, run(fixture("opendata/meta_ind_dp_set/fail")));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("WARNING meta_ind_dp_set"));
  }

  @Test
  void anErrorExitsOneAndIsPrinted() {
    // A folder and the metadata file of another fixture: both data files are checked.
    int status =
        run(
            fixture("opendata/general_dupes/fail"),
            fixture("opendata/general_dupes/pass/children_by_sex.meta.csv"));
    assertEquals(1, status);
    String printed = out.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("ERROR general_dupes"), printed);
    assertTrue(printed.contains("2 file(s) checked, 1 failed"), printed);
  }

  @Test
  void badArgumentsExitTwo(@TempDir Path empty) {
    assertEquals(2, run());
    assertEquals(2, run(empty.toString()));
    assertEquals(2, run(empty.resolve("missing.csv").toString()));
    assertTrue(
        err.toString(StandardCharsets.UTF_8).contains("missing.csv: no such file or folder"));
    assertEquals(2, run(Fixtures.file("pom.xml").toString()));
  }
}
