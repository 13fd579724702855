#!/usr/bin/env python3
"""Expected values for the stats tests, computed without the project's Java code.

Run:  python3 independent_values.py > independent-values.csv
Tools: scipy (Boost-based quantiles and binomial tails) and mpmath
(40-digit bisection on the binomial tail for Clopper-Pearson). Columns follow
test-vectors.csv; `source` says which tool and route produced each row.
"""
import math
import scipy
import mpmath
from scipy import stats

mpmath.mp.dps = 40
SCIPY = "scipy " + scipy.__version__
rows = []


def z(level):
    return stats.norm.ppf(1 - (1 - level) / 2)


def exact_poisson(o, level):
    a = 1 - level
    lo = 0.0 if o == 0 else stats.chi2.ppf(a / 2, 2 * o) / 2
    return lo, stats.chi2.ppf(1 - a / 2, 2 * o + 2) / 2


def byar(o, level):
    zz = z(level)
    return (o * (1 - 1 / (9 * o) - zz / (3 * math.sqrt(o))) ** 3,
            (o + 1) * (1 - 1 / (9 * (o + 1)) + zz / (3 * math.sqrt(o + 1))) ** 3)


def poisson_limits(o, level):
    return exact_poisson(o, level) if o < 10 else byar(o, level)


def add(method, inputs, level, value, lower, upper, source):
    rows.append((method, inputs, level, value, lower, upper, source))


# Wilson: scipy.stats.binomtest(...).proportion_ci(method="wilson") (centre +/- half-width form)
for x, n in [(0, 10), (10, 10), (9, 100), (10, 100), (11, 100), (0, 1), (1, 1), (1, 10_000_000),
             (5_000_000, 10_000_000), (10_000_000, 10_000_000)]:
    for level in (0.95, 0.998):
        ci = stats.binomtest(x, n).proportion_ci(confidence_level=level, method="wilson")
        add("wilson", f"x={x};n={n}", level, x / n, ci.low, ci.high,
            SCIPY + " binomtest().proportion_ci(method='wilson')")

# Poisson count limits: exact from scipy.stats.chi2.ppf, Byar from the formula with scipy norm.ppf
for o in (0, 1, 9, 10, 11, 10_000_000):
    for level in (0.95, 0.998):
        lo, hi = poisson_limits(o, level)
        how = "chi2.ppf/2 (exact)" if o < 10 else "Byar formula, z = norm.ppf (byar)"
        add("poisson_count", f"x={o}", level, o, lo, hi, SCIPY + " " + how)
# exact limits at 10 and 11, to show the switch really happens at 10
for o in (10, 11):
    lo, hi = exact_poisson(o, 0.95)
    add("exact_poisson_not_used", f"x={o}", 0.95, o, lo, hi, SCIPY + " chi2.ppf/2 (exact; not the published method)")

# Rates per 100,000, including a population of 1
for o, pop in [(0, 1), (3, 1), (9, 250_000), (10, 250_000), (10_000_000, 12_000_000)]:
    for level in (0.95, 0.998):
        lo, hi = poisson_limits(o, level)
        add("rate_per_100000", f"x={o};n={pop}", level, o / pop * 1e5, lo / pop * 1e5, hi / pop * 1e5,
            SCIPY + " count limits / population * 100000")

# Representation ratio, one stratum: E = N * Pg / P
for o, n, pg, p in [(9, 200, 1500.0, 10000.0), (40, 200, 1500.0, 10000.0), (30, 200, 1500.0, 10000.0)]:
    e = n * pg / p
    for level in (0.95, 0.998):
        lo, hi = poisson_limits(o, level)
        add("representation_ratio", f"O={o};E={e!r}", level, o / e, lo / e, hi / e, SCIPY + " limits(O)/E")

# Age-standardised representation ratio (three strata, synthetic), E summed with math.fsum
strata = dict(x=[12, 5, 3], n=[60, 40, 50], pg=[3000.0, 2500.0, 1000.0], p=[20000.0, 25000.0, 30000.0])
e = math.fsum(n * pg / p for n, pg, p in zip(strata["n"], strata["pg"], strata["p"]))
o = sum(strata["x"])
for level in (0.95, 0.998):
    lo, hi = poisson_limits(o, level)
    add("age_standardised_ratio", "x=12/5/3;N=60/40/50;Pg=3000/2500/1000;P=20000/25000/30000;E=" + repr(e),
        level, o / e, lo / e, hi / e, SCIPY + " E = fsum(N_a*Pg_a/P_a); limits(O)/E")


# Relative rate, log-Wald: the formula with scipy's z
for xg, pg, xr, pr in [(30, 50_000.0, 120, 400_000.0), (5, 20_000.0, 300, 900_000.0),
                       (10_000_000, 2e7, 9_000_000, 2.1e7)]:
    for level in (0.95, 0.998):
        r = (xg / pg) / (xr / pr)
        se = math.sqrt(1 / xg + 1 / xr)
        add("relative_rate", f"xg={xg};Pg={pg!r};xr={xr};Pr={pr!r}", level, r, r * math.exp(-z(level) * se),
            r * math.exp(z(level) * se), SCIPY + " log-Wald formula, z = norm.ppf")

# Newcombe method 10 for p2 - p1 from scipy's Wilson limits
for x1, n1, x2, n2 in [(48, 80, 56, 70), (3, 10, 9, 10), (0, 20, 0, 25), (10, 10, 0, 12), (1045, 5000, 1100, 5100)]:
    for level in (0.95, 0.998):
        p1, p2 = x1 / n1, x2 / n2
        c1 = stats.binomtest(x1, n1).proportion_ci(confidence_level=level, method="wilson")
        c2 = stats.binomtest(x2, n2).proportion_ci(confidence_level=level, method="wilson")
        d = p2 - p1
        add("newcombe", f"x1={x1};n1={n1};x2={x2};n2={n2}", level, d,
            d - math.sqrt((p2 - c2.low) ** 2 + (c1.high - p1) ** 2),
            d + math.sqrt((c2.high - p2) ** 2 + (p1 - c1.low) ** 2),
            SCIPY + " method 10 from binomtest().proportion_ci(method='wilson')")

# Katz log risk ratio: the formula with scipy's z (the golden vector is in test-vectors.csv)
for a, n1, c, n2 in [(1, 9, 30, 100), (500, 10_000, 400, 12_000)]:
    for level in (0.95, 0.998):
        r = (a / n1) / (c / n2)
        se = math.sqrt(1 / a - 1 / n1 + 1 / c - 1 / n2)
        add("katz", f"a={a};n1={n1};c={c};n2={n2}", level, r, r * math.exp(-z(level) * se),
            r * math.exp(z(level) * se), SCIPY + " Katz formula, z = norm.ppf")


# Year-on-year: mpmath 40-digit bisection on the binomial tails (Clopper-Pearson), mapped to the
# rate ratio; central two-sided p-value from scipy.stats.binom's tails. (binomtest's p-value is
# R's "minlike" one, which can disagree with the central interval; it is not the method.)
def central_p(x2, n, pi0):
    return min(1.0, 2 * min(stats.binom.cdf(x2, n, pi0), stats.binom.sf(x2 - 1, n, pi0)))


def tail_ge(x, n, pi):  # P(X >= x) = I_pi(x, n - x + 1)
    return mpmath.betainc(x, n - x + 1, 0, pi, regularized=True)


def bisect(f, target, increasing):
    lo, hi = mpmath.mpf(0), mpmath.mpf(1)
    for _ in range(200):
        mid = (lo + hi) / 2
        if (f(mid) < target) == increasing:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def yoy(x1, x2, t1, t2, level):
    n = x1 + x2
    if n > 100_000:  # mpmath's series do not converge here; Boost beta quantiles instead
        return yoy_scipy(x1, x2, t1, t2, level)
    a = mpmath.mpf(1 - level) / 2
    pi_l = mpmath.mpf(0) if x2 == 0 else bisect(lambda q: tail_ge(x2, n, q), a, True)
    pi_u = mpmath.mpf(1) if x2 == n else bisect(lambda q: 1 - tail_ge(x2 + 1, n, q), a, False)
    k = mpmath.mpf(t1) / t2
    lo = pi_l / (1 - pi_l) * k
    hi = None if x1 == 0 else pi_u / (1 - pi_u) * k
    r = None if x1 == 0 else (mpmath.mpf(x2) / t2) / (mpmath.mpf(x1) / t1)
    pv = central_p(x2, n, t2 / (t1 + t2))
    return r, lo, hi, pv


def yoy_scipy(x1, x2, t1, t2, level):
    n = x1 + x2
    a = (1 - level) / 2
    b = stats.beta
    # 1 - pi for pi ~ Beta(A, B) at tail a is the quantile of Beta(B, A) at the other tail
    lo = 0.0 if x2 == 0 else b.ppf(a, x2, n - x2 + 1) / b.isf(a, n - x2 + 1, x2) * t1 / t2
    hi = None if x1 == 0 else b.isf(a, x2 + 1, n - x2) / b.ppf(a, n - x2, x2 + 1) * t1 / t2
    r = None if x1 == 0 else (x2 / t2) / (x1 / t1)
    return r, lo, hi, central_p(x2, n, t2 / (t1 + t2))


def f(v):
    return "" if v is None else mpmath.nstr(v, 17)


print("method,inputs,confidence,expected_value,expected_lower,expected_upper,expected_p,source")
for r_ in rows:
    print(",".join([r_[0], r_[1], repr(r_[2]), repr(float(r_[3])), repr(float(r_[4])), repr(float(r_[5])), "", r_[6]]))
# Fisher's exact test, two-sided: scipy.stats.fisher_exact (value/limits columns unused)
for t in [(1, 9, 11, 3), (10, 2, 3, 15), (0, 5, 0, 5), (3, 0, 0, 3), (20, 980, 5, 995), (0, 0, 0, 7)]:
    pv = stats.fisher_exact([[t[0], t[1]], [t[2], t[3]]]).pvalue
    print(",".join(["fisher_exact", "a={};b={};c={};d={}".format(*t), "0.95", "", "", "", repr(float(pv)),
                    SCIPY + " fisher_exact two-sided"]))
for x1, x2, t1, t2 in [(21, 11, 3011.0, 800.0), (5, 0, 1.0, 1.0), (0, 5, 1.0, 1.0), (10, 10, 1.0, 1.0),
                       (9, 11, 1.0, 1.0), (11, 9, 1.0, 1.0), (100, 130, 1.0, 1.0), (120, 150, 11_500_000.0, 11_700_000.0),
                       (1, 1, 1.0, 1.0), (10_000_000, 10_000_000, 1.0, 1.0), (10_000_000, 10_010_000, 1.0, 1.0),
                       (2, 2000, 1.0, 1.0), (100, 200, 1.0, 1.0), (200, 100, 1.0, 1.0),
                       (5, 0, 11_886_910.0, 11_998_646.0)]:
    for level in (0.95, 0.998):
        if x1 + x2 > 1_000_000 and level == 0.998:
            continue
        r, lo, hi, pv = yoy(x1, x2, t1, t2, level)
        print(",".join(["year_on_year", f"x1={x1};x2={x2};T1={t1!r};T2={t2!r}", repr(level), f(r), f(lo), f(hi),
                        repr(float(pv)), ("mpmath " + mpmath.__version__ + " bisection on I_pi" if x1 + x2 <= 100_000
                                          else SCIPY + " beta.ppf/beta.isf")
                        + " (Clopper-Pearson) mapped pi/(1-pi)*T1/T2; central p: " + SCIPY + " binom.cdf/sf"]))
