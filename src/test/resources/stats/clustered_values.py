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


# --- 2x2 associations of a form of harm with sex, children clustered in incidents -----------------
from math import exp, log, sqrt

from scipy.stats import chi2_contingency


def katz_clustered(a, n1, d1, c, n2, d2, level):
    # Katz et al. (1978) log interval written out on the effective counts a/D1 of n1/D1 and c/D2 of
    # n2/D2 (Korn & Graubard 1998); the ratio is that of the real counts.
    z = norm.ppf(1 - (1 - level) / 2)
    ea, en1, ec, en2 = a / d1, n1 / d1, c / d2, n2 / d2
    rr = (a / n1) / (c / n2)
    se = sqrt(1 / ea - 1 / en1 + 1 / ec - 1 / en2)
    return rr, exp(log(rr) - z * se), exp(log(rr) + z * se)


def two_by_two_rao_scott(x1, n1, d1, x2, n2, d2):
    # Pearson's X^2 and expected counts from scipy's chi2_contingency (no continuity correction);
    # the clustered test written as the two-sample z-test of p1 = p2 with the pooled p and the
    # variance p(1 - p)(D1/n1 + D2/n2) (each share's variance times its design effect, shares taken
    # as independent): z^2 = X^2 / delta, so delta = X^2 / z^2 (not RaoScott.of's sum over cells).
    table = [[x1, x2], [n1 - x1, n2 - x2]]
    x2stat, p_pearson, _, expected = chi2_contingency(table, correction=False)
    p = (x1 + x2) / (n1 + n2)
    z2 = (x1 / n1 - x2 / n2) ** 2 / (p * (1 - p) * (d1 / n1 + d2 / n2))
    return x2stat, x2stat / z2, chi2.sf(z2, 1), p_pearson, expected.min()


print("katz clustered 58/294 D1.3, 24/311 D1.15, 0.95:", [repr(v) for v in katz_clustered(58, 294, 1.3, 24, 311, 1.15, 0.95)])
print("katz clustered 58/294 D1.3, 24/311 D1.15, 0.998:", [repr(v) for v in katz_clustered(58, 294, 1.3, 24, 311, 1.15, 0.998)])
print("katz D = 1 (scipy relative_risk's formula), 0.95:", [repr(v) for v in katz_clustered(58, 294, 1.0, 24, 311, 1.0, 0.95)])
print("2x2 rao-scott 58/294 D1.3, 24/311 D1.15 [X2, delta, p, p_pearson, min E]:", [repr(v) for v in two_by_two_rao_scott(58, 294, 1.3, 24, 311, 1.15)])
print("2x2 rao-scott small 2/15 D1.4, 6/20 D1.2:", [repr(v) for v in two_by_two_rao_scott(2, 15, 1.4, 6, 20, 1.2)])

# The association analysis on a hand-made count table (analysis/ClusteredAssociationTest), 2023-24.
# Each incident: (type, children as (sex, form)), the first listed being the first child. Forms: E
# extrafamilial_harm, S sexual_abuse_exploitation, X suicide_or_self_harm, O other_known, U unknown.
incidents = [
    ("serious_harm", [("male", "E"), ("male", "E")]),                  # P1 two brothers assaulted
    ("serious_harm", [("male", "E"), ("female", "E")]),                # P2 brother and sister
    ("death", [("male", "X")]),                                        # P3 suicide
    ("serious_harm", [("female", "S"), ("female", "S")]),              # P4 sisters
    ("serious_harm", [("female", "S")]),                               # P5
    ("death", [("male", "O"), ("female", "O")]),                       # P6 twins, SUDI
    ("serious_harm", [("male", "O"), ("male", "U")]),                  # P7 neglect, unknown
    ("serious_harm", [("female", "X")]),                               # P8 self-harm
    ("serious_harm", [("male", "S")]),                                 # P9
    ("death", [("female", "U")]),                                      # P10 unknown
    ("serious_harm", [("male", "E")]),                                 # P11
    ("serious_harm", [("female", "O"), ("female", "O"), ("male", "O")]),  # P12 neglect, three
]


def share_of(sex, form):
    # y_i: the incident's children of that sex with the form; n_i: that sex with a known cause.
    ys = [sum(1 for s, f in ch if s == sex and f == form) for _, ch in incidents]
    ns = [sum(1 for s, f in ch if s == sex and f != "U") for _, ch in incidents]
    Y, N = sum(ys), sum(ns)
    p = Y / N
    lin = sum((y - p * n) ** 2 for y, n in zip(ys, ns)) / N**2
    return Y, N, max(1.0, lin / (p * (1 - p) / N))


for form in "ESX":
    a, n1, d1 = share_of("male", form)
    c, n2, d2 = share_of("female", form)
    print("association", form, "boys", a, n1, repr(d1), "girls", c, n2, repr(d2))
    print("   katz 0.95:", [repr(v) for v in katz_clustered(a, n1, d1, c, n2, d2, 0.95)])
    print("   rao-scott [X2, delta, p, p_pearson, min E]:", [repr(v) for v in two_by_two_rao_scott(a, n1, d1, c, n2, d2)])

# The count table's cells of margin harm_form x sex (children, incidents through the first child,
# sum m^2, sum m n), per incident type, for the test to build.
cells = {}
for t, ch in incidents:
    for sex in ("male", "female"):
        n = sum(1 for s, f in ch if s == sex and f != "U")
        for form in set(f for s, f in ch if s == sex) | ({"*recorded"} if n else set()):
            m = n if form == "*recorded" else sum(1 for s, f in ch if s == sex and f == form)
            first = ch[0][0] == sex and (ch[0][1] == form or (form == "*recorded" and ch[0][1] != "U"))
            k = (t, form, sex)
            old = cells.get(k, (0, 0, 0, 0))
            cells[k] = (old[0] + m, old[1] + int(first), old[2] + m * m, old[3] + m * n)
for k in sorted(cells):
    print("cell", k, cells[k])
