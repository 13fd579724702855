"""Cases and expected bounds for LinearAuditTest, computed independently of the project's Java
code with scipy.optimize.linprog (HiGHS), solving each case as ONE linear programme over all of
its suppressed cells (no splitting into components, unlike the Java auditor).

For each suppressed cell x_c:  min / max x_c  subject to  A x = b,  x >= 0, where A holds the
relations' coefficients on suppressed cells and b minus the published cells' contribution. The
limits are rounded inward to whole numbers (counts are whole), as the auditor does.

Writes audit-cases.csv (case,kind,id,value,terms) and audit-values.csv (case,cell,lower,upper).
Run: python3 src/test/resources/stats/audit_values.py   (scipy 1.17.1)
"""
import csv
import math
from pathlib import Path

import numpy as np
from scipy.optimize import linprog

HERE = Path(__file__).parent


def two_way(prefix, table, suppressed):
    """A table with row totals, column totals and a grand total; cells r{i}c{j}, r{i}, c{j}, t."""
    cells, relations = {}, []
    rows, cols = len(table), len(table[0])
    for i in range(rows):
        for j in range(cols):
            cells[f"{prefix}r{i}c{j}"] = table[i][j]
        cells[f"{prefix}r{i}"] = sum(table[i])
        relations.append((f"{prefix}row{i}", {f"{prefix}r{i}c{j}": 1 for j in range(cols)} | {f"{prefix}r{i}": -1}))
    for j in range(cols):
        cells[f"{prefix}c{j}"] = sum(table[i][j] for i in range(rows))
        relations.append((f"{prefix}col{j}", {f"{prefix}r{i}c{j}": 1 for i in range(rows)} | {f"{prefix}c{j}": -1}))
    cells[f"{prefix}t"] = sum(map(sum, table))
    relations.append((f"{prefix}total", {f"{prefix}r{i}": 1 for i in range(rows)} | {f"{prefix}t": -1}))
    return cells, relations, {prefix + s for s in suppressed}


def three_way(table, suppressed):
    """An I x J x K table with every one- and two-way margin and the grand total (cell ids like
    'a1b.c0', '.' for a summed-over dimension); relations: each margin is the sum over one index."""
    I, J, K = table.shape
    def name(i, j, k):
        return f"a{'.' if i is None else i}b{'.' if j is None else j}c{'.' if k is None else k}"
    cells, relations = {}, []
    import itertools
    for i, j, k in itertools.product(*[list(range(n)) + [None] for n in (I, J, K)]):
        sl = tuple(slice(None) if v is None else v for v in (i, j, k))
        cells[name(i, j, k)] = int(np.sum(table[sl]))
    # a margin over an index: for every cell with that index summed (None), it equals the sum over it
    for i, j, k in itertools.product(*[list(range(n)) + [None] for n in (I, J, K)]):
        for axis, n in enumerate((I, J, K)):
            idx = [i, j, k]
            if idx[axis] is not None:
                continue
            parts = {}
            for v in range(n):
                idx[axis] = v
                parts[name(*idx)] = 1
            idx[axis] = None
            relations.append((f"sum{'ijk'[axis]}:{name(*idx)}", parts | {name(*idx): -1}))
    return cells, relations, set(suppressed)


def cases():
    # Three unlinked tables in one case: the auditor must split it into three blocks and give the
    # same bounds as this single programme over all of them; plus a consistent relation of
    # published cells only (checked, not solved) and a suppressed cell in no relation.
    a = two_way("A.", [[2, 10, 12], [8, 15, 9], [11, 7, 14]], ["r0c0", "r0c1", "r1c0", "r1c1"])
    b = two_way("B.", [[1, 4], [6, 3]], ["r0c0", "r0c1", "r1c0", "r1c1"])
    c = two_way("C.", [[3, 20, 5], [9, 4, 16]], ["r0c0", "r0c2", "r1c0", "r1c2", "r0", "r1"])
    cells = a[0] | b[0] | c[0] | {"D.lonely": 2, "E.a": 4, "E.b": 5, "E.t": 9}
    relations = a[1] + b[1] + c[1] + [("E.sum", {"E.a": 1, "E.b": 1, "E.t": -1})]
    yield "split", cells, relations, a[2] | b[2] | c[2] | {"D.lonely"}

    # A 3 x 3 x 2 table with all margins: the primary cells a0b0c0 = 2 and a1b1c1 = 1, and
    # complements in a cube so that every one-dimensional line through a suppressed cell holds two.
    t = np.array([[[2, 7], [5, 6], [9, 4]], [[6, 3], [8, 1], [3, 12]], [[4, 10], [7, 5], [11, 6]]])
    cube = ["a0b0c0", "a0b0c1", "a0b1c0", "a0b1c1", "a1b0c0", "a1b0c1", "a1b1c0", "a1b1c1"]
    yield ("three_way_cube",) + three_way(t, cube)
    # The same table with only the two primary cells and one complement each along c: the other
    # margins pin them down.
    yield ("three_way_weak",) + three_way(t, ["a0b0c0", "a0b0c1", "a1b1c0", "a1b1c1"])

    # One larger block for the solver: a 12 x 12 table, a random fifth of its inner cells and two
    # row totals suppressed (numpy's generator, seed 11).
    rng = np.random.default_rng(11)
    big = rng.integers(0, 40, size=(12, 12)).tolist()
    hidden = [f"r{i}c{j}" for i in range(12) for j in range(12) if rng.random() < 0.2] + ["r3", "r7"]
    yield ("two_way_large",) + two_way("", big, hidden)

    # General integer coefficients: a count published in a table of pairs (2 per pair) and of
    # people: people = 2 * pairs + singles.
    yield (
        "coefficients",
        {"people": 23, "pairs": 8, "singles": 7, "pairs_north": 3, "pairs_south": 5},
        [("people", {"people": -1, "pairs": 2, "singles": 1}),
         ("pairs", {"pairs": -1, "pairs_north": 1, "pairs_south": 1})],
        {"singles", "pairs_north", "pairs"},
    )


def bounds(cells, relations, suppressed):
    unknown = [c for c in cells if c in suppressed]
    col = {c: n for n, c in enumerate(unknown)}
    A, b = [], []
    for _, terms in relations:
        row = np.zeros(len(unknown))
        rhs = 0
        for cell, coef in terms.items():
            if cell in col:
                row[col[cell]] += coef
            else:
                rhs -= coef * cells[cell]
        if row.any():
            A.append(row)
            b.append(rhs)
        else:
            assert rhs == 0, "published relation inconsistent"
    out = []
    for cell in unknown:
        obj = np.zeros(len(unknown))
        obj[col[cell]] = 1
        if not A:
            out.append((cell, 0, math.inf))
            continue
        lo = linprog(obj, A_eq=np.array(A), b_eq=b, bounds=(0, None), method="highs")
        hi = linprog(-obj, A_eq=np.array(A), b_eq=b, bounds=(0, None), method="highs")
        assert lo.status == 0, lo.message
        upper = math.inf if hi.status == 3 else math.floor(-hi.fun + 1e-6)
        assert hi.status in (0, 3), hi.message
        out.append((cell, max(0, math.ceil(lo.fun - 1e-6)), upper))
    return out


def main():
    with open(HERE / "audit-cases.csv", "w", newline="") as f, open(HERE / "audit-values.csv", "w", newline="") as g:
        cw, vw = csv.writer(f, lineterminator="\n"), csv.writer(g, lineterminator="\n")
        cw.writerow(["case", "kind", "id", "value", "terms"])
        vw.writerow(["case", "cell", "lower", "upper"])
        for name, cells, relations, suppressed in cases():
            for cell, value in cells.items():
                if cell in suppressed:
                    cw.writerow([name, "suppressed", cell, "", ""])
                else:
                    cw.writerow([name, "published", cell, value, ""])
            for rid, terms in relations:
                cw.writerow([name, "relation", rid, "", ";".join(f"{c}:{a}" for c, a in terms.items())])
            for cell, lo, hi in bounds(cells, relations, suppressed):
                vw.writerow([name, cell, lo, "inf" if hi == math.inf else hi])
                print(name, cell, lo, hi)


if __name__ == "__main__":
    main()
