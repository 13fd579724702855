package org.safeguardstats.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safeguardstats.config.InvalidInputException;
import org.safeguardstats.schema.DeclaredSchema;
import org.safeguardstats.testing.Fixtures;

/** Input problems that stop a run before any Spark work, each naming the file, row and column. */
class PreflightTest {
  @TempDir Path tmp;
  static final DeclaredSchema REVIEWS = DeclaredSchema.input("reviews");

  String problem(Path file) {
    return assertThrows(
            InvalidInputException.class,
            () -> InputReader.preflight("reviews", file.toString(), Syntax.CSV, REVIEWS, false))
        .getMessage();
  }

  @Test
  void missingFile() {
    Path f = tmp.resolve("nope.csv");
    assertEquals("Input reviews: " + f + " does not exist", problem(f));
  }

  @Test
  void emptyFile() {
    Path f = Fixtures.write(tmp, "empty.csv", List.of());
    assertEquals(
        "Input reviews: " + f + " row 1: the header row is missing (empty file)", problem(f));
  }

  @Test
  void missingRequiredColumn() {
    Path f =
        Fixtures.write(
            tmp, "r.csv", List.of("review_id,incident_id,local_authority_code", "R1,,E06000001"));
    assertEquals(
        "Input reviews: "
            + f
            + " row 1: required column review_date is missing (see "
            + "data-schemas/inputs/reviews.schema.json)",
        problem(f));
  }

  @Test
  void undeclaredOrRepeatedColumn() {
    Path f =
        Fixtures.write(
            tmp, "r.csv", List.of("review_id,review_date,local_authority_code,reviewer_name"));
    assertEquals(
        "Input reviews: "
            + f
            + " row 1: column reviewer_name is not declared in "
            + "data-schemas/inputs/reviews.schema.json",
        problem(f));
    Path g =
        Fixtures.write(
            tmp, "g.csv", List.of("review_id,review_date,local_authority_code,review_id"));
    assertEquals("Input reviews: " + g + " row 1: column review_id appears twice", problem(g));
  }

  @Test
  void aFolderIsReadFileByFileSkippingHiddenAndMarkerFiles() {
    Path dir = tmp.resolve("parts");
    Fixtures.write(dir, "part-1.csv", List.of("review_id,review_date,local_authority_code"));
    Fixtures.write(dir, "part-0.csv", List.of("review_id,review_date,local_authority_code"));
    Fixtures.write(dir, "_SUCCESS", List.of());
    Fixtures.write(dir, ".part-0.csv.crc", List.of("x"));
    assertEquals(
        List.of(dir.resolve("part-0.csv"), dir.resolve("part-1.csv")),
        InputReader.preflight("reviews", dir.toString(), Syntax.CSV, REVIEWS, false).paths());
    Fixtures.write(dir, "part-2.csv", List.of("review_id,local_authority_code"));
    assertEquals(
        "Input reviews: "
            + dir.resolve("part-2.csv")
            + " row 1: required column review_date is missing (see "
            + "data-schemas/inputs/reviews.schema.json)",
        assertThrows(
                InvalidInputException.class,
                () -> InputReader.preflight("reviews", dir.toString(), Syntax.CSV, REVIEWS, false))
            .getMessage());
  }
}
