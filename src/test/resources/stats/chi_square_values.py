#!/usr/bin/env python3
"""Expected values for ChiSquareHomogeneityTest, computed without the project's Java code.

Run:  python3 chi_square_values.py > chi-square-values.csv
Tools: scipy.stats.chi2_contingency(correction=False) for the statistic, degrees of freedom,
asymptotic p-value and expected counts (on the table with its zero rows and columns removed,
since scipy refuses zero expected counts); for small tables, the exact conditional p-value
P(X^2 >= X^2_obs | both margins) by enumerating every table with the observed margins, each
weighted by prod R! prod C! / (N! prod n!) in exact rational arithmetic (fractions.Fraction).
That exact value is what the Monte Carlo p-value estimates. Table cells: ' ' between columns,
'/' between rows.
"""
import math
from fractions import Fraction

import numpy as np
import scipy
from scipy import stats

SCIPY = "scipy " + scipy.__version__


def drop_empty(t):
    t = [row for row in t if sum(row) > 0]
    keep = [j for j in range(len(t[0])) if sum(row[j] for row in t) > 0] if t else []
    return [[row[j] for j in keep] for row in t]


def chi2(t):
    """X^2 in exact rationals."""
    r = [sum(row) for row in t]
    c = [sum(col) for col in zip(*t)]
    n = sum(r)
    s = Fraction(0)
    for i, row in enumerate(t):
        for j, o in enumerate(row):
            e = Fraction(r[i] * c[j], n)
            s += (o - e) ** 2 / e
    return s


def tables(r, c):
    """Every table of non-negative integers with row sums r and column sums c."""
    if len(r) == 1:
        yield [list(c)]
        return
    def rows(total, cols):
        if len(cols) == 1:
            if total <= cols[0]:
                yield [total]
            return
        for k in range(min(total, cols[0]) + 1):
            for rest in rows(total - k, cols[1:]):
                yield [k] + rest
    for first in rows(r[0], c):
        for rest in tables(r[1:], [cj - k for cj, k in zip(c, first)]):
            yield [first] + rest


def exact_p(t):
    r = [sum(row) for row in t]
    c = [sum(col) for col in zip(*t)]
    n = sum(r)
    const = Fraction(math.prod(math.factorial(x) for x in r) * math.prod(math.factorial(x) for x in c),
                     math.factorial(n))
    observed = chi2(t)
    p = Fraction(0)
    total = Fraction(0)
    count = 0
    for u in tables(r, c):
        prob = const / math.prod(math.factorial(x) for row in u for x in row)
        total += prob
        count += 1
        if chi2(u) >= observed:
            p += prob
    assert total == 1, total
    return float(p), count


CASES = [
    ("cause_by_year_3x4", [[30, 25, 28, 35], [12, 18, 15, 9], [40, 38, 45, 50]], False),
    ("two_by_two_no_yates", [[25, 15], [10, 30]], False),
    ("large_counts_tiny_p", [[900, 850, 800, 700, 600], [100, 150, 200, 300, 400]], False),
    ("homogeneous_x2_zero", [[10, 20], [20, 40]], False),
    ("zero_row_and_column", [[0, 0, 0], [30, 0, 20], [10, 0, 25]], False),
    ("small_2x3", [[3, 1, 0], [1, 4, 5]], True),
    ("small_3x3", [[2, 0, 1], [1, 3, 0], [0, 1, 4]], True),
    ("small_3x4", [[1, 2, 0, 3], [4, 1, 2, 0], [0, 3, 5, 1]], True),
    ("small_2x2_p_about_0_05", [[6, 1], [2, 7]], True),
]

print("case,table,statistic,df,p_value,smallest_expected,exact_p,source")
for name, t, small in CASES:
    reduced = drop_empty(t)
    res = stats.chi2_contingency(np.array(reduced), correction=False)
    statistic, p, dof, expected = res.statistic, res.pvalue, res.dof, res.expected_freq
    # chi2_contingency's p is chi2.sf(statistic, dof); recomputed from the exact rational X^2
    # so that X^2 = 0 gives exactly 1 and tiny p-values keep their digits
    x2 = float(chi2(reduced))
    assert abs(x2 - statistic) <= 1e-12 * max(1.0, x2), (x2, statistic)
    assert abs(stats.chi2.sf(x2, dof) - p) <= 1e-12 * p + 1e-300
    source = SCIPY + " chi2_contingency(correction=False)"
    if reduced != t:
        source += " on the table without its zero rows and columns"
    ex = ""
    if small:
        ep, count = exact_p(reduced)
        ex = repr(ep)
        source += f"; exact_p by enumerating all {count} tables with these margins (fractions)"
    cells = "/".join(" ".join(str(x) for x in row) for row in t)
    print(f"{name},{cells},{float(statistic)!r},{int(dof)},{float(p)!r},{float(expected.min())!r},{ex},{source}")
