package org.safeguardstats.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safeguardstats.config.InvalidInputException;
import org.safeguardstats.config.JobConfig;
import org.safeguardstats.disclosure.Profile;
import org.safeguardstats.testing.Fixtures;

/**
 * The job file's disclosure section resolved to a profile (values from disclosure_profiles.csv).
 */
class JobProfileTest {
  @TempDir Path tmp;

  Profile profile(String disclosure) {
    List<String> lines =
        new ArrayList<>(
            List.of(
                "name: profile",
                "inputs:",
                "  incidents: {path: in.csv, format: csv}",
                "  population: {path: pop.csv, format: csv}",
                "reporting_years: {first: 2020, last: 2024}",
                "output: {path: out}"));
    if (disclosure != null) {
      lines.add(disclosure);
    }
    return SafeguardStatsJob.profile(JobConfig.load(Fixtures.write(tmp, "job.yaml", lines), null));
  }

  @Test
  void theDefaultIsDfeAtItsOwnThresholdAndAThresholdReplacesTheProfiles() {
    Profile dfe = profile(null);
    assertEquals("dfe", dfe.name());
    assertEquals(5, dfe.threshold());
    assertEquals(10, dfe.roundingBase());
    Profile acro = profile("disclosure: {profile: acro, threshold: 7}");
    assertEquals(7, acro.threshold());
    assertTrue(acro.zerosDisclosive());
    assertEquals(5, acro.roundingBase());
    assertEquals(7, profile("disclosure: {profile: opensafely}").threshold());
  }

  @Test
  void anUnknownProfileIsAProblemWithTheJobFile() {
    String message =
        assertThrows(InvalidInputException.class, () -> profile("disclosure: {profile: nope}"))
            .getMessage();
    assertTrue(message.contains("disclosure") && message.contains("nope"), message);
  }
}
