"""Expected values for ClusteredMethodsTest, computed independently of the project's Java code
with scipy (regularised incomplete beta, beta quantiles, chi-square tail) and plain Python.

Run: python3 src/test/resources/stats/clustered_values.py   (scipy 1.17.1)
"""
from scipy.special import betainc
from scipy.stats import beta, chi2, norm


def design_effect_of_share(y, n, sy2, syn, sn2):
    p = y / n
    lin = (sy2 - 2 * p * syn + p * p * sn2) / n**2
    return max(1.0, lin / (p * (1 - p) / n))


def yoy(x1, x2, t1, t2, d, level):
    # Exact conditional binomial (Clopper-Pearson) on effective counts x/D (Korn & Graubard 1998)
    a = 1 - level
    n, x = (x1 + x2) / d, x2 / d
    pl = 0.0 if x2 == 0 else beta.ppf(a / 2, x, n - x + 1)
    pu = beta.ppf(1 - a / 2, x + 1, n - x)
    rl, ru = pl / (1 - pl) * t1 / t2, pu / (1 - pu) * t1 / t2
    p0 = t2 / (t1 + t2)
    lower_tail = 1.0 if x >= n else betainc(n - x, x + 1, 1 - p0)  # P(X <= x)
    upper_tail = 1.0 if x <= 0 else betainc(x, n - x + 1, p0)      # P(X >= x)
    p = min(1.0, 2 * min(lower_tail, upper_tail))
    return rl, ru, p


def wilson(x, n, z):
    c = 2 * x + z * z
    h = z * (z * z + 4 * x * (1 - x / n)) ** 0.5
    return (c - h) / (2 * (n + z * z)), (c + h) / (2 * (n + z * z))


def newcombe(x1, n1, d1, x2, n2, d2, level):
    z = norm.ppf(1 - (1 - level) / 2)
    p1, p2 = x1 / n1, x2 / n2
    l1, u1 = wilson(x1 / d1, n1 / d1, z)
    l2, u2 = wilson(x2 / d2, n2 / d2, z)
    diff = p2 - p1
    return diff - ((p2 - l2) ** 2 + (u1 - p1) ** 2) ** 0.5, diff + ((u2 - p2) ** 2 + (p1 - l1) ** 2) ** 0.5


def rao_scott(table, d):
    r, c = len(table), len(table[0])
    n = sum(map(sum, table))
    R = [sum(row) for row in table]
    C = [sum(table[i][j] for i in range(r)) for j in range(c)]
    x2 = sum((table[i][j] - R[i] * C[j] / n) ** 2 / (R[i] * C[j] / n) for i in range(r) for j in range(c))
    df = (r - 1) * (c - 1)
    delta = max(1.0, sum((1 - R[i] / n) * (1 - C[j] / n) * d[i][j] for i in range(r) for j in range(c)) / df)
    return x2, delta, chi2.sf(x2 / delta, df)


print("ofChange(400, 760, 330, 620) =", repr(design_effect_of_share(330, 730, 620, 620, 1380)))
d = design_effect_of_share(330, 730, 620, 620, 1380)
print("yoy counts 400->330 D, 0.95:", [repr(v) for v in yoy(400, 330, 1, 1, d, 0.95)])
print("yoy rates 400->330 D, 0.95:", [repr(v) for v in yoy(400, 330, 11886910, 11998646, d, 0.95)])
print("yoy 3->9 D=1.5, 0.998:", [repr(v) for v in yoy(3, 9, 1, 1, 1.5, 0.998)])
print("yoy 5->0 D=1.9, 0.95 (R_L = 0):", [repr(v) for v in yoy(5, 0, 1, 1, 1.9, 0.95)])
print("newcombe 120/400 d1.6, 90/380 d1.3, 0.95:", [repr(v) for v in newcombe(120, 400, 1.6, 90, 380, 1.3, 0.95)])
t = [[30, 42, 25], [55, 40, 61], [15, 22, 9]]
dd = [[1.4, 1.9, 1.2], [1.6, 1.5, 1.8], [1.1, 1.3, 1.7]]
print("rao_scott table:", [repr(v) for v in rao_scott(t, dd)])
print("rao_scott all d = 1:", [repr(v) for v in rao_scott(t, [[1.0] * 3] * 3)])


def strat_score(o, e, s, z):
    # (E^2 + z^2 S) t^2 - E(2O + z^2) t + O^2 = 0, solved with numpy's root finder (independent of
    # the closed form used in Java)
    import numpy as np
    roots = sorted(np.roots([e * e + z * z * s, -e * (2 * o + z * z), o * o]).real)
    return roots[0], roots[1]


def score_p(o, e, s):
    return 2 * norm.sf(abs(o - e) / (e - s) ** 0.5)


z95 = norm.ppf(0.975)
# one stratum: 700 of 1000 against population share 0.65 with D = 1.9
x, n, p0, d = 700, 1000, 0.65, 1.9
lo, hi = wilson(x / d, n / d, z95)
print("representation one stratum D=1.9:", repr(lo / p0), repr(hi / p0), "p =", repr(score_p(x / d, n * p0 / d, n * p0 * p0 / d)))
print("representation one stratum D=1 p:", repr(score_p(x, n * p0, n * p0 * p0)))
# two strata: x = (30, 55), N = (200, 150), p = (0.1, 0.3); D = 1.6
xs, ns, ps, d = (30, 55), (200, 150), (0.1, 0.3), 1.6
O = sum(xs); E = sum(a * b for a, b in zip(ns, ps)); S = sum(a * b * b for a, b in zip(ns, ps))
lo, hi = strat_score(O / d, E / d, S / d, z95)
print("stratified D=1.6:", repr(O / E), repr(lo), repr(hi), "p =", repr(score_p(O / d, E / d, S / d)))

# Year-on-year change of children, from incident lists: 2022-23 incidents with 1, 1, 2, 3 children,
# 2023-24 with 1, 2, 2 (ClusteredIntervalsTest). The change's share x2 / (x1 + x2) over incidents:
# y_i = n_i = m_i for this year's incidents, y_i = 0, n_i = m_i for last year's.
last, this = [1, 1, 2, 3], [1, 2, 2]
ys = [0] * len(last) + this
ns = last + this
Y, N = sum(ys), sum(ns)
p = Y / N
lin = sum((y - p * n) ** 2 for y, n in zip(ys, ns)) / N**2
D = max(1.0, lin / (p * (1 - p) / N))
print("yoy children 7 -> 5: D =", repr(D), [repr(v) for v in yoy(7, 5, 1, 1, D, 0.95)])

# Representation family (RepresentationAnalysisTest.oneYearFlagAgreesWithTheShareInterval): 1,000
# singleton children, white 700, mixed 100, asian 100, black 50, other 50, against population
# shares 0.65, 0.05, 0.15, 0.10, 0.05; score-test p-values and BH q-values (written out here:
# q_(i) = min_{j >= i} m p_(j) / j).
xs = [700, 100, 100, 50, 50]
shares = [0.65, 0.05, 0.15, 0.10, 0.05]
ps = [score_p(x, 1000 * s, 1000 * s * s) for x, s in zip(xs, shares)]
order = sorted(range(5), key=lambda i: ps[i])
q = [0.0] * 5
running = 1.0
for rank in range(5, 0, -1):
    i = order[rank - 1]
    running = min(running, 5 * ps[i] / rank)
    q[i] = min(1.0, running)
print("representation family p:", [repr(v) for v in ps])
print("representation family q:", [repr(v) for v in q])
