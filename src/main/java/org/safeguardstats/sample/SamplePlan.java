package org.safeguardstats.sample;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.when;

import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The small driver-side plan: for each reporting year the exact counts (incidents by type,
 * children, age bands, reviews and their links, LCSPRs), row offsets and permutation parameters.
 * Spark expressions read it as per-year constants.
 */
final class SamplePlan {

  /** An affine permutation k -> (a*k + b) mod n of 0..n-1, with the inverse multiplier. */
  record Perm(long n, long a, long b, long ainv) {
    static Perm of(long n, double frac, long seed, int year, String salt) {
      if (n <= 1) {
        return new Perm(Math.max(n, 1), 1, 0, 1);
      }
      double jitter = (Draws.unit(Draws.mix(seed, year, salt, "a")) - 0.5) * 0.04;
      long a = Math.max(1, Math.round(n * (frac + jitter)) % n);
      while (BigInteger.valueOf(a).gcd(BigInteger.valueOf(n)).longValue() != 1) {
        a = a % n + 1;
      }
      long b = Math.floorMod(Draws.mix(seed, year, salt, "b"), n);
      long ainv = BigInteger.valueOf(a).modInverse(BigInteger.valueOf(n)).longValue();
      return new Perm(n, a, b, ainv);
    }
  }

  /** Everything the expressions need for one reporting year. */
  static final class YearPlan {
    int year;
    long nInc, nDeath, nHarm, nOther;
    long n2, n3, n4, m2, m3; // incidents with 2/3/4 children; m2 = with >= 2, m3 = with >= 3
    long nKids, incOffset;
    long[] bandCum; // cumulative children per Panel age band, in code-list order
    long linked, lcsprYes; // incidents linked to a review (slots 0..linked-1), with LCSPR yes
    long nRev, revSame, revPrev, revOffset;
    long startDay, days;
    Perm type, kids, lcspr, age, rev;
  }

  final SampleSpec spec;
  final List<YearPlan> years = new ArrayList<>();
  final long totalInc, totalChildren, totalRev;
  final int incIdWidth, revIdWidth;
  private final List<Calibration.Band> bands;

  SamplePlan(SampleSpec spec, Vocabulary vocabulary) {
    this.spec = spec;
    List<String> bandCodes = vocabulary.bands.stream().map(b -> b.code()).toList();
    bands = List.copyOf(Vocabulary.covering(Calibration.BANDS, bandCodes, "band shares").values());
    long inc = 0, kids = 0, rev = 0, maxN = 0, maxR = 0;
    for (int y = spec.firstYear(); y <= spec.lastYear(); y++) {
      YearPlan p = planYear(y);
      p.incOffset = inc;
      p.revOffset = rev;
      inc += p.nInc;
      kids += p.nKids;
      rev += p.nRev;
      maxN = Math.max(maxN, p.nInc);
      maxR = Math.max(maxR, p.nRev);
      years.add(p);
    }
    planReviews();
    totalInc = inc;
    totalChildren = kids;
    totalRev = rev;
    incIdWidth = Math.max(5, Long.toString(maxN).length());
    revIdWidth = Math.max(3, Long.toString(maxR).length());
  }

  private YearPlan planYear(int y) {
    long seed = spec.seed();
    YearPlan p = new YearPlan();
    p.year = y;
    double s = spec.scale();
    p.nInc = Math.round(Calibration.baseIncidents(y) * s);
    long[] split = allocate(p.nInc, Calibration.typeWeights(y));
    p.nDeath = split[0];
    p.nHarm = split[1];
    p.nOther = split[2];
    p.n2 = Math.round(Calibration.SIBLING_SHARES[0] * p.nInc);
    p.n3 = Math.round(Calibration.SIBLING_SHARES[1] * p.nInc);
    p.n4 = Math.round(Calibration.SIBLING_SHARES[2] * p.nInc);
    p.m3 = p.n3 + p.n4;
    p.m2 = p.n2 + p.m3;
    p.nKids = p.nInc + p.m2 + p.m3 + p.n4;
    long[] counts = allocate(p.nKids, bands.stream().mapToDouble(b -> b.share(y)).toArray());
    p.bandCum = new long[counts.length];
    long c = 0;
    for (int i = 0; i < counts.length; i++) {
      c += counts[i];
      p.bandCum[i] = c;
    }
    LocalDate start = LocalDate.of(y - 1, 4, 1);
    p.startDay = start.toEpochDay();
    p.days = LocalDate.of(y, 4, 1).toEpochDay() - p.startDay;
    p.type = Perm.of(p.nInc, 0.6180339887, seed, y, "type");
    p.kids = Perm.of(p.nInc, 0.4142135624, seed, y, "kids");
    p.lcspr = Perm.of(p.nInc, 0.7320508076, seed, y, "lcspr");
    p.age = Perm.of(p.nKids, 0.2360679775, seed, y, "age");
    p.nRev = Math.round(Calibration.baseReviews(y) * s);
    p.rev = Perm.of(p.nRev, 0.6457513111, seed, y, "rev");
    return p;
  }

  /** Links reviews to incidents of the same or the previous year and fixes LCSPR yes counts. */
  private void planReviews() {
    for (YearPlan p : years) {
      long linkedTotal = Math.round(Calibration.REVIEWS_LINKED * p.nRev);
      YearPlan prev = plan(p.year - 1);
      long wantPrev =
          prev != null && prev.nInc > 0
              ? Math.round(Calibration.REVIEWS_OF_PREVIOUS_YEAR * linkedTotal)
              : 0;
      p.revSame = Math.min(linkedTotal - wantPrev, p.nInc);
      p.revPrev = wantPrev;
    }
    for (YearPlan p : years) {
      YearPlan prev = plan(p.year - 1);
      if (prev != null) {
        p.revPrev = Math.min(p.revPrev, prev.nInc - prev.revSame);
      }
    }
    for (YearPlan p : years) {
      YearPlan next = plan(p.year + 1);
      p.linked = p.revSame + (next == null ? 0 : next.revPrev);
      p.lcsprYes =
          Math.min(p.nInc, Math.max(p.linked, Math.round(Calibration.LCSPR_SHARE * p.nInc)));
    }
  }

  private YearPlan plan(int year) {
    int i = year - spec.firstYear();
    return i >= 0 && i < years.size() ? years.get(i) : null;
  }

  /**
   * One row per global id {@code _id} (ids of a year are contiguous), with its reporting year
   * {@code _year} and its index within the year in column {@code index}.
   */
  Dataset<Row> rowsByYear(
      SparkSession spark,
      long total,
      long rowsPerPart,
      ToLongFunction<YearPlan> offset,
      ToLongFunction<YearPlan> count,
      String index) {
    int parts = (int) Math.max(1, Math.min(10_000, (total + rowsPerPart - 1) / rowsPerPart));
    return spark
        .range(0, total, 1, parts)
        .toDF("_id")
        .withColumn("_year", yearOf(col("_id"), offset, count))
        .withColumn(index, col("_id").minus(yp(col("_year"), offset)));
  }

  /** A per-year constant: CASE year WHEN y THEN f(plan) END. */
  Column yp(Column year, ToLongFunction<YearPlan> f) {
    Column c = null;
    for (YearPlan p : years) {
      c =
          c == null
              ? when(year.equalTo(p.year), lit(f.applyAsLong(p)))
              : c.when(year.equalTo(p.year), lit(f.applyAsLong(p)));
    }
    return c;
  }

  /** Year of a global row id, given each year's offset and row count. */
  private Column yearOf(
      Column id, ToLongFunction<YearPlan> offset, ToLongFunction<YearPlan> count) {
    Column c = null;
    for (YearPlan p : years) {
      Column cond = id.lt(offset.applyAsLong(p) + count.applyAsLong(p));
      c = c == null ? when(cond, lit(p.year)) : c.when(cond, lit(p.year));
    }
    return c;
  }

  /** Position of k under the year's permutation {@code which} of 0..n-1. */
  Column perm(Column year, Column k, Function<YearPlan, Perm> which, ToLongFunction<YearPlan> n) {
    return pmod(
        yp(year, p -> which.apply(p).a()).multiply(k).plus(yp(year, p -> which.apply(p).b())),
        yp(year, n));
  }

  /** Largest-remainder allocation of total over weights. */
  static long[] allocate(long total, double[] weights) {
    double sum = Arrays.stream(weights).sum();
    long[] out = new long[weights.length];
    double[] rem = new double[weights.length];
    long used = 0;
    for (int i = 0; i < weights.length; i++) {
      double raw = total * weights[i] / sum;
      out[i] = (long) Math.floor(raw);
      rem[i] = raw - out[i];
      used += out[i];
    }
    Integer[] order = new Integer[weights.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(
        order, (a, b) -> rem[a] != rem[b] ? Double.compare(rem[b], rem[a]) : Integer.compare(a, b));
    for (int i = 0; i < total - used; i++) {
      out[order[i % order.length]]++;
    }
    return out;
  }
}
