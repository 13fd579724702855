#!/usr/bin/env python3
"""Expected values for PoissonTrendTest, TrendAnalysisTest and TrendJobTest, computed without the
project's Java code or Spark.

Run:  python3 poisson_trend_values.py > poisson-trend-values.csv
Tool: an independent IRLS (Newton-Raphson) for the Poisson log-linear model
ln mu_t = a + b (year_t - mean year) + ln(exposure_t), in 40-digit mpmath arithmetic, iterated
until the step is below 1e-30. Then, the contract's one rule for every series:
  SE(b)      = sqrt([(X' W X)^-1]_bb) * sqrt(max(dispersion, 1)),  X = [1, t - tbar], W = diag(mu)
  dispersion = sum (y - mu)^2 / mu / (n - 2)                      (Pearson chi-square / df)
  q          = Student's t quantile on n - 2 df at 1 - alpha/2   (mpmath: incomplete beta, solved)
  APC        = 100 (e^b - 1),  limits 100 (e^(b -/+ q SE) - 1)
  p          = two-sided tail of |b / SE| on t with n - 2 df     (mpmath incomplete beta)
A limit is left empty, with null_reason upper_limit_overflow, when its exact value is beyond the
largest double (1.797e308): it has no finite double to be.
The t quantiles are cross-checked against scipy.stats.t to 1e-12.

Issue 8's figure for counts 1,1,1 ("slope 0, SE 0.70710678, 95% CI -75.0% to +299.8%, p 1") is
checked below: slope, SE and p agree; its CI is the z interval 100(e^(-/+1.96 SE) - 1), while the
rule above (t on 1 df) gives the wider one in the CSV.
Columns: ';' separates the years, counts and exposures ('' = no offset); '' in apc_upper = null.
"""
import sys

import mpmath as mp
import scipy
from scipy.stats import t as student

mp.mp.dps = 40
SOURCE = ("mpmath " + mp.__version__ + " IRLS (40 digits) and t on n-2 df by mpmath betainc"
          + " (checked against scipy " + scipy.__version__ + ")")
DOUBLE_MAX = mp.mpf(sys.float_info.max)


def fit(years, counts, exposures):
    n = len(years)
    mean = mp.mpf(sum(years)) / n
    t = [mp.mpf(y) - mean for y in years]
    off = [mp.log(e) for e in exposures] if exposures else [mp.mpf(0)] * n
    y = [mp.mpf(c) for c in counts]
    a = mp.log(sum(y) / sum(mp.e ** o for o in off))
    b = mp.mpf(0)

    def information(a, b):
        mu = [mp.e ** (a + b * ti + oi) for ti, oi in zip(t, off)]
        iaa = sum(mu)
        iab = sum(mi * ti for mi, ti in zip(mu, t))
        ibb = sum(mi * ti * ti for mi, ti in zip(mu, t))
        return mu, iaa, iab, ibb

    for _ in range(500):
        mu, iaa, iab, ibb = information(a, b)
        ga = sum(yi - mi for yi, mi in zip(y, mu))
        gb = sum((yi - mi) * ti for yi, mi, ti in zip(y, mu, t))
        det = iaa * ibb - iab * iab
        da = (ibb * ga - iab * gb) / det
        db = (iaa * gb - iab * ga) / det
        a += da
        b += db
        if abs(da) + abs(db) < mp.mpf(10) ** -30:
            break
    else:
        raise RuntimeError("no convergence")
    mu, iaa, iab, ibb = information(a, b)
    var_b = iaa / (iaa * ibb - iab * iab)
    dispersion = sum((yi - mi) ** 2 / mi for yi, mi in zip(y, mu)) / (n - 2)
    return b, mp.sqrt(var_b) * mp.sqrt(max(dispersion, 1)), dispersion


def t_two_sided(x, df):
    """P(|T| >= |x|) for T ~ t(df): the regularised incomplete beta I_{df/(df+x^2)}(df/2, 1/2)."""
    return mp.betainc(mp.mpf(df) / 2, mp.mpf(1) / 2, 0, df / (df + x * x), regularized=True)


def t_quantile(level, df):
    """The t value with P(|T| >= t) = 1 - level, solved in mpmath, checked against scipy."""
    alpha = 1 - mp.mpf(level)
    guess = mp.mpf(student.ppf(1 - float(alpha) / 2, df))
    q = mp.findroot(lambda x: t_two_sided(x, df) - alpha, guess)
    assert abs(q - guess) <= 1e-12 * guess, (level, df, q, guess)
    return q


# name, years, counts, exposures, levels
CASES = [
    ("with_population", [2018, 2019, 2020, 2021, 2022, 2023], [412, 398, 436, 455, 441, 470],
     [11_950_000, 12_020_000, 12_080_000, 12_110_000, 12_150_000, 12_170_000], ["0.95", "0.998"]),
    ("counts_only", [2019, 2020, 2021, 2022, 2023, 2024], [52, 47, 60, 58, 66, 71], None,
     ["0.95", "0.998"]),
    ("over_dispersed", [2018, 2019, 2020, 2021, 2022, 2023], [300, 420, 310, 460, 330, 500],
     [11_950_000, 12_020_000, 12_080_000, 12_110_000, 12_150_000, 12_170_000], ["0.95", "0.998"]),
    ("three_years_with_a_zero", [2022, 2023, 2024], [0, 3, 4], [1000, 1100, 1200],
     ["0.95", "0.998"]),
    ("gap_in_years", [2015, 2016, 2019, 2020, 2024], [30, 28, 35, 31, 44], None, ["0.95", "0.998"]),
    # flat and constant-rate series: MLlib gives no standard error for these (issue 8)
    ("flat_1_1_1", [2022, 2023, 2024], [1, 1, 1], None, ["0.95"]),
    ("flat_10_10_10_10", [2021, 2022, 2023, 2024], [10, 10, 10, 10], None, ["0.95"]),
    ("flat_3_3_3_3_3", [2020, 2021, 2022, 2023, 2024], [3, 3, 3, 3, 3], None, ["0.95"]),
    ("constant_rate", [2022, 2023, 2024], [10, 20, 30], [1000, 2000, 3000], ["0.95"]),
    # the job-level flat series: one death a year over 2020-2024 (TrendJobTest, population 1000)
    ("flat_1_1_1_1_1", [2020, 2021, 2022, 2023, 2024], [1, 1, 1, 1, 1], None, ["0.95", "0.999"]),
    ("flat_10_10_10_10_10", [2020, 2021, 2022, 2023, 2024], [10, 10, 10, 10, 10], None,
     ["0.95", "0.999"]),
    # upper limits beyond any double (issue 8): t on 1 df is 636.6 at 0.999, 318.3 at 0.998
    ("deaths_0_1_0", [2022, 2023, 2024], [0, 1, 0], None, ["0.95", "0.999"]),
    ("counts_1_1_1000", [2022, 2023, 2024], [1, 1, 1000], None, ["0.95", "0.998"]),
    # five years (a table trend): finite at 0.95, overflowing at 0.999
    ("five_years_overflow", [2020, 2021, 2022, 2023, 2024], [1, 0, 0, 2, 1000], None,
     ["0.95", "0.999"]),
    # one count apart, dispersion either side of 1: the widths must be nearly the same
    ("dispersion_just_above_1", [2019, 2020, 2021, 2022, 2023, 2024],
     [400, 430, 395, 445, 420, 460], None, ["0.95"]),
    ("dispersion_just_below_1", [2019, 2020, 2021, 2022, 2023, 2024],
     [400, 430, 396, 445, 420, 460], None, ["0.95"]),
]


def number(x):
    return repr(float(x))


def main():
    b, se, _ = fit([2022, 2023, 2024], [1, 1, 1], None)
    z = mp.sqrt(2) * mp.erfinv(mp.mpf("0.95"))
    assert b == 0 and abs(se - mp.sqrt(2) / 2) < mp.mpf(10) ** -30
    assert round(float(100 * (mp.e ** (-z * se) - 1)), 1) == -75.0
    assert round(float(100 * (mp.e ** (z * se) - 1)), 1) == 299.8
    print("case,years,counts,exposures,confidence,slope,slope_se,apc,apc_lower,apc_upper,"
          "p_value,dispersion,null_reason,source")
    for name, years, counts, exposures, levels in CASES:
        b, se, disp = fit(years, counts, exposures)
        df = len(years) - 2
        p = t_two_sided(b / se, df)
        for level in levels:
            q = t_quantile(level, df)
            lo = 100 * (mp.e ** (b - q * se) - 1)
            hi = 100 * (mp.e ** (b + q * se) - 1)
            overflow = hi > DOUBLE_MAX
            ex = ";".join(str(e) for e in exposures) if exposures else ""
            print(f"{name},{';'.join(map(str, years))},{';'.join(map(str, counts))},{ex},{level},"
                  f"{number(b)},{number(se)},{number(100 * (mp.e ** b - 1))},{number(lo)},"
                  f"{'' if overflow else number(hi)},{number(p)},{number(disp)},"
                  f"{'upper_limit_overflow' if overflow else ''},{SOURCE}")


if __name__ == "__main__":
    main()
