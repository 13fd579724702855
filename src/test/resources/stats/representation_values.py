#!/usr/bin/env python3
"""Expected representation-ratio limits, computed without the project's Java code.

Run:  python3 representation_values.py > representation-values.csv
One stratum: scipy's Wilson interval (binomtest().proportion_ci(method='wilson')) of x/N,
divided by the population share p = Pg/P.
Strata: the score equation (O - tE)^2 = z^2 (tE - t^2 S), E = sum N_a p_a, S = sum N_a p_a^2,
solved for t by 40-digit mpmath bisection on each side of O/E (not the closed form the Java
code uses); z = sqrt(2) erfinv(level) in mpmath. Columns follow independent-values.csv; strata
inputs are '|'-separated per stratum.
"""
import mpmath
import scipy
from scipy import stats

mpmath.mp.dps = 40
rows = []


def wilson_over_share(x, n, pg, p, level):
    ci = stats.binomtest(x, n).proportion_ci(confidence_level=level, method="wilson")
    share = pg / p
    lower = 0.0 if x == 0 else ci.low / share
    upper = (1.0 if x == n else ci.high) / share
    rows.append(("wilson_over_population_share", f"x={x};n={n};Pg={pg};P={p}", level,
                 (x / n) / share, lower, upper,
                 f"scipy {scipy.__version__} binomtest().proportion_ci(method='wilson') / (Pg/P)"))


def bisect(f, a, b):
    """Root of f between a and b, where f changes sign (200 halvings: far below 1e-40)."""
    fa = f(a)
    for _ in range(200):
        m = (a + b) / 2
        if (f(m) < 0) == (fa < 0):
            a, fa = m, f(m)
        else:
            b = m
    return (a + b) / 2


def stratified(xs, ns, pgs, ps, level):
    z = mpmath.sqrt(2) * mpmath.erfinv(mpmath.mpf(level))
    shares = [mpmath.mpf(pg) / p for pg, p in zip(pgs, ps)]
    o = mpmath.mpf(sum(xs))
    e = sum(n * s for n, s in zip(ns, shares))
    s2 = sum(n * s * s for n, s in zip(ns, shares))
    f = lambda t: (o - t * e) ** 2 - z ** 2 * (t * e - t * t * s2)
    est = o / e
    lower = mpmath.mpf(0) if o == 0 else bisect(f, mpmath.mpf(0), est)
    upper = bisect(f, max(est, mpmath.mpf("1e-30")), e / s2)
    join = lambda v: "|".join(str(a) for a in v)
    rows.append(("stratified_binomial_score",
                 f"x={join(xs)};N={join(ns)};Pg={join(pgs)};P={join(ps)}", level,
                 float(est), float(lower), float(upper),
                 f"mpmath {mpmath.__version__} 40-digit bisection of (O-tE)^2 = z^2(tE - t^2 S)"))


for level in (0.95, 0.998):
    wilson_over_share(700, 1000, 65, 100, level)  # issue 8: share CI excludes 0.65
    wilson_over_share(426, 631, 72584897, 100000000, level)  # ~ sample 2019-20 White
    wilson_over_share(0, 50, 1, 10, level)
    wilson_over_share(50, 50, 3, 10, level)
    wilson_over_share(3, 631, 22373641, 1000000000, level)
    stratified([700], [1000], [65], [100], level)  # one stratum: must equal the Wilson row
    stratified([12, 5, 3], [60, 40, 50], [3000, 2500, 1000], [20000, 25000, 30000], level)
    stratified([20, 8, 6, 9, 7], [150, 60, 70, 110, 90], [60, 50, 45, 40, 35],
               [1000, 1000, 1000, 1000, 1000], level)
    stratified([0, 0], [30, 20], [1, 1], [10, 20], level)
stratified([2, 3], [6, 4], [30, 20], [1000, 1000], 0.95)  # RepresentationAnalysisTest, black by age
stratified([10, 30], [100, 200], [20, 20], [400, 200], 0.95)  # RepresentationAnalysisTest, pooled

print("method,inputs,confidence,expected_value,expected_lower,expected_upper,source")
for r in rows:
    print(",".join([r[0], r[1], str(r[2])] + [repr(float(v)) for v in r[3:6]] + [r[6]]))
