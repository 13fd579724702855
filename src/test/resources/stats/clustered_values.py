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
