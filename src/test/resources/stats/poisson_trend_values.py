#!/usr/bin/env python3
"""Expected values for PoissonTrendTest, computed without the project's Java code or Spark.

Run:  python3 poisson_trend_values.py > poisson-trend-values.csv
Tool: an independent IRLS (Newton-Raphson) for the Poisson log-linear model
ln mu_t = a + b (year_t - mean year) + ln(exposure_t), in 50-digit mpmath arithmetic, iterated
until the step is below 1e-40. Then
  SE(b)      = sqrt([(X' W X)^-1]_bb),  W = diag(mu)
  dispersion = sum (y - mu)^2 / mu / (n - 2)                      (Pearson chi-square / df)
  if dispersion > 1: SE(b) *= sqrt(dispersion)                   (quasi-Poisson)
  APC        = 100 (e^b - 1),  limits 100 (e^(b -/+ q SE) - 1): q = z = Phi^-1(1 - alpha/2) (mpmath)
               for Poisson; for quasi-Poisson q = t quantile on n - 2 df and p from t (scipy.stats.t),
               as R's summary.glm does for family quasipoisson
  p          = erfc(|b / SE| / sqrt 2)                            (two-sided Wald)
Columns: ';' separates the years, counts and exposures ('' = no offset).
"""
import mpmath as mp

mp.mp.dps = 50
import scipy
SOURCE = ("mpmath " + mp.__version__ + " IRLS (50 digits); Wald z from mpmath erfinv (Poisson) or t on n-2 df from scipy "
          + scipy.__version__ + " (quasi-Poisson)")


def fit(years, counts, exposures):
    n = len(years)
    mean = mp.mpf(sum(years)) / n
    t = [mp.mpf(y) - mean for y in years]
    off = [mp.log(e) if exposures else mp.mpf(0) for e in (exposures or [1] * n)]
    y = [mp.mpf(c) for c in counts]
    a = mp.log(sum(y) / sum(mp.e ** o for o in off))
    b = mp.mpf(0)
    for _ in range(200):
        mu = [mp.e ** (a + b * ti + oi) for ti, oi in zip(t, off)]
        # score and information
        ga = sum(yi - mi for yi, mi in zip(y, mu))
        gb = sum((yi - mi) * ti for yi, mi, ti in zip(y, mu, t))
        iaa = sum(mu)
        iab = sum(mi * ti for mi, ti in zip(mu, t))
        ibb = sum(mi * ti * ti for mi, ti in zip(mu, t))
        det = iaa * ibb - iab * iab
        da = (ibb * ga - iab * gb) / det
        db = (iaa * gb - iab * ga) / det
        a += da
        b += db
        if abs(da) + abs(db) < mp.mpf(10) ** -40:
            break
    else:
        raise RuntimeError("no convergence")
    mu = [mp.e ** (a + b * ti + oi) for ti, oi in zip(t, off)]
    iaa = sum(mu)
    iab = sum(mi * ti for mi, ti in zip(mu, t))
    ibb = sum(mi * ti * ti for mi, ti in zip(mu, t))
    var_b = iaa / (iaa * ibb - iab * iab)
    pearson = sum((yi - mi) ** 2 / mi for yi, mi in zip(y, mu))
    dispersion = pearson / (n - 2)
    se = mp.sqrt(var_b)
    method = "poisson_glm"
    if dispersion > 1:
        se *= mp.sqrt(dispersion)
        method = "quasi_poisson_glm"
    return b, se, dispersion, method


CASES = [
    # name, years, counts, exposures
    ("with_population", [2018, 2019, 2020, 2021, 2022, 2023], [412, 398, 436, 455, 441, 470],
     [11_950_000, 12_020_000, 12_080_000, 12_110_000, 12_150_000, 12_170_000]),
    ("counts_only", [2019, 2020, 2021, 2022, 2023, 2024], [52, 47, 60, 58, 66, 71], None),
    ("over_dispersed", [2018, 2019, 2020, 2021, 2022, 2023], [300, 420, 310, 460, 330, 500],
     [11_950_000, 12_020_000, 12_080_000, 12_110_000, 12_150_000, 12_170_000]),
    ("three_years_with_a_zero", [2022, 2023, 2024], [0, 3, 4], [1000, 1100, 1200]),
    ("gap_in_years", [2015, 2016, 2019, 2020, 2024], [30, 28, 35, 31, 44], None),
]

print("case,years,counts,exposures,confidence,slope,slope_se,apc,apc_lower,apc_upper,p_value,dispersion,method,source")
for name, years, counts, exposures in CASES:
    b, se, disp, method = fit(years, counts, exposures)
    for level in ("0.95", "0.998"):
        df = len(years) - 2
        if method == "quasi_poisson_glm":
            from scipy.stats import t as student
            z = mp.mpf(student.ppf(1 - (1 - float(level)) / 2, df))
            p = mp.mpf(2 * student.sf(abs(float(b / se)), df))
        else:
            z = mp.sqrt(2) * mp.erfinv(mp.mpf(level))
            p = mp.erfc(abs(b / se) / mp.sqrt(2))
        apc = 100 * (mp.e ** b - 1)
        lo = 100 * (mp.e ** (b - z * se) - 1)
        hi = 100 * (mp.e ** (b + z * se) - 1)
        f = lambda x: repr(float(x))
        ex = ";".join(str(e) for e in exposures) if exposures else ""
        print(f"{name},{';'.join(map(str, years))},{';'.join(map(str, counts))},{ex},{level},"
              f"{f(b)},{f(se)},{f(apc)},{f(lo)},{f(hi)},{f(p)},{f(disp)},{method},{SOURCE}")
