#!/usr/bin/env python3
"""Expected values for DemographicsAnalysisTest and ThemeAnalysisTest, computed from incident and
review lists without the project's Java code (scipy 1.17.1, numpy).

Run (from the project folder):
    python3 src/test/resources/stats/demographics_values.py
It rewrites, beside this script:
  demographics-cells.csv   the count-table cells of the incident list below (the test's input:
                           children, incidents counted through their first child, sum m^2 and
                           sum m n per cell, as CountTable defines them)
  demographics-values.csv  expected demographics rows, from the incident list directly
  themes-values.csv        expected themes rows, from the incident and review lists directly

Independent of the Java code: design effects are taken from the incidents directly,
sum_i (y_i - p n_i)^2 / N^2 over the binomial variance, not from the cells' sums; ranks from
scipy.stats.rankdata(method='min'); the next-rank difference's variance from the covariance form
p1(1-p1)/n + p2(1-p2)/n + 2 p1 p2 / n, its p-value 2 norm.sf(|d| / se) and Benjamini-Hochberg
q-values over the distribution's adjacent differences from scipy.stats.false_discovery_control,
and its design effect's bound as the true linearised
variance sum_i (y1_i - y2_i - d n_i)^2 / N^2 plus 2 sum_i y1_i y2_i / N^2 (the term the count table
cannot hold), with the true design effect written beside it; plain Wilson limits from scipy's
binomtest().proportion_ci(method='wilson').
"""
import csv
from decimal import Decimal
import os

import numpy as np
from scipy import stats

HERE = os.path.dirname(os.path.abspath(__file__))

# Children: sex (m male, f female, n not recorded), Panel age band, GSS major ethnic group.
SEX = {"m": "male", "f": "female", "n": "not_recorded"}
BAND = {"u": "under_1", "a": "1_to_5", "b": "6_to_10", "c": "11_to_15", "d": "16_to_17",
        "e": "18_to_25", "x": "not_recorded"}
ETH = {"W": "white", "M": "mixed", "A": "asian", "B": "black", "O": "other", "U": "unknown"}

# Incidents per reporting year (all serious harm); the first child listed is the first by child_ref.
# 2023: under-1s first, 11-15 second, 16-17 third, 1-5 and 6-10 tied; 2024: under-1s first,
# 16-17 now second, 11-15 third. I6 and I3 have siblings in two age bands.
INCIDENTS = {
    2023: ["fuW", "muW", "fuM maM", "mcW", "fcB mbB", "fcW muW", "mdW", "fdA", "muW fuW", "maW",
           "fcM", "meW", "nxU", "mcB fcB", "fuA muA", "mbW", "mdB"],
    2024: ["fuW", "muW fuW", "muB", "fdW", "mdM fbM", "mdW", "fdB", "mcW", "fcA", "maW faW", "fuM",
           "mdA", "fxW", "neW", "fuO", "mcW"],
}

BREAKDOWNS = {
    # characteristic: (margin name, categories with shares, count-only categories, value of child)
    "sex": ("sex", ["male", "female"], ["not_recorded"], lambda c: SEX[c[0]]),
    "age_band": ("panel_age_band_0_to_17", ["under_1", "1_to_5", "6_to_10", "11_to_15", "16_to_17"],
                 ["18_to_25", "not_recorded"], lambda c: BAND[c[1]]),
    "ethnicity": ("ethnicity_major", ["white", "mixed", "asian", "black", "other"], ["unknown"],
                  lambda c: ETH[c[2]]),
}


def children(incident):
    return incident.split()


def cells():
    rows = []
    for year, incidents in INCIDENTS.items():
        kids = [children(i) for i in incidents]
        rows.append(("total", year, "", sum(map(len, kids)), len(kids),
                     sum(len(k) ** 2 for k in kids), 0))
        for name, (margin, cats, only, value) in BREAKDOWNS.items():
            for cat in cats + only + ["*recorded"]:
                ch = inc = sq = cross = 0
                for k in kids:
                    inside = [c for c in k if (value(c) in cats if cat == "*recorded" else value(c) == cat)]
                    n = sum(1 for c in k if value(c) in cats)
                    m = len(inside)
                    if m == 0:
                        continue
                    ch += m
                    sq += m * m
                    cross += m * n
                    first = k[0]
                    inc += (value(first) in cats) if cat == "*recorded" else (value(first) == cat)
                rows.append((margin, year, cat, ch, inc, sq, cross))
    with open(os.path.join(HERE, "demographics-cells.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["margin", "year", "category", "children", "incidents", "children_squared",
                    "children_cross"])
        w.writerows(r for r in rows if r[3] > 0)


def per_incident(years, value, cats):
    """Per incident: (count of each category, n recorded)."""
    out = []
    for y in years:
        for i in INCIDENTS[y]:
            k = children(i)
            out.append(({c: sum(1 for x in k if value(x) == c) for c in cats},
                        sum(1 for x in k if value(x) in cats)))
    return out


def wilson(x, n, z):
    c = 2 * x + z * z
    h = z * (z * z + 4 * x * (1 - x / n)) ** 0.5
    lo = 0.0 if x == 0 else (c - h) / (2 * (n + z * z))
    hi = 1.0 if x == n else (c + h) / (2 * (n + z * z))
    return lo, hi


def distribution(years, value, cats, level):
    z = stats.norm.ppf(1 - (1 - level) / 2)
    inc = per_incident(years, value, cats)
    counts = {c: sum(i[0][c] for i in inc) for c in cats}
    n = sum(counts.values())
    ranks = dict(zip(cats, stats.rankdata([-counts[c] for c in cats], method="min").astype(int)))
    out = {}
    for c in cats:
        p = counts[c] / n
        if 0 < counts[c] < n:
            lin = sum((i[0][c] - p * i[1]) ** 2 for i in inc) / n ** 2
            d = max(1.0, lin / (p * (1 - p) / n))
        else:
            d = 1.0
        lo, hi = wilson(counts[c] / d, n / d, z)
        out[c] = dict(count=counts[c], recorded=n, share=p, lower=lo, upper=hi, d=d,
                      rank=ranks[c])
    # next below: order by count, largest first, ties in publication order (a stable sort)
    order = sorted(cats, key=lambda c: -counts[c])
    for a, b in zip(order, order[1:]):
        p1, p2 = counts[a] / n, counts[b] / n
        diff = p1 - p2
        var = p1 * (1 - p1) / n + p2 * (1 - p2) / n + 2 * p1 * p2 / n
        lin = sum((i[0][a] - i[0][b] - diff * i[1]) ** 2 for i in inc) / n ** 2
        both = 2 * sum(i[0][a] * i[0][b] for i in inc) / n ** 2
        nd = max(1.0, (lin + both) / var) if var > 0 else 1.0
        true_d = max(1.0, lin / var) if var > 0 else 1.0
        half = z * (nd * var) ** 0.5
        pv = 2 * stats.norm.sf(abs(diff) / (nd * var) ** 0.5) if var > 0 else None
        out[a].update(next=b, diff=diff, dlo=diff - half, dhi=diff + half, nd=nd, true_nd=true_d,
                      p=pv)
    # the adjacent differences of one distribution are one Benjamini-Hochberg family
    tested = [c for c in order if out[c].get("p") is not None]
    if tested:
        qs = stats.false_discovery_control([out[c]["p"] for c in tested], method="bh")
        for c, q in zip(tested, qs):
            out[c].update(q=float(q), family=len(tested), separated=out[c]["diff"] > 0
                          and Decimal(repr(float(q))) < 1 - Decimal(repr(level)))
    return out


def newcombe(x1, n1, d1, x2, n2, d2, z):
    p1, p2 = x1 / n1, x2 / n2
    l1, u1 = wilson(x1 / d1, n1 / d1, z)
    l2, u2 = wilson(x2 / d2, n2 / d2, z)
    diff = p2 - p1
    return diff, diff - ((p2 - l2) ** 2 + (u1 - p1) ** 2) ** 0.5, diff + ((u2 - p2) ** 2 + (p1 - l1) ** 2) ** 0.5


def fmt(v):
    if v is None:
        return ""
    if isinstance(v, str):
        return v
    if isinstance(v, (bool, np.bool_)):
        return "true" if v else "false"
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    return repr(float(v))


def demographics():
    cols = ["first_year", "last_year", "characteristic", "category", "level", "count", "recorded",
            "share", "share_lower", "share_upper", "design_effect", "rank", "previous_share",
            "previous_rank", "rank_change", "change_pp", "change_lower_pp", "change_upper_pp",
            "next_category", "next_difference_pp", "next_lower_pp", "next_upper_pp",
            "next_design_effect", "true_next_design_effect", "next_p_value", "next_family_size",
            "next_q_value", "separated"]
    rows = []
    for level in (0.95, 0.998):
        z = stats.norm.ppf(1 - (1 - level) / 2)
        for first, last in ((2023, 2023), (2024, 2024), (2023, 2024)):
            years = list(range(first, last + 1))
            for name, (_, cats, only, value) in BREAKDOWNS.items():
                now = distribution(years, value, cats, level)
                before = distribution([2023], value, cats, level) if (first, last) == (2024, 2024) else None
                for c in cats:
                    r = now[c]
                    row = dict(first_year=first, last_year=last, characteristic=name, category=c,
                               level=level, count=r["count"], recorded=r["recorded"],
                               share=r["share"], share_lower=r["lower"], share_upper=r["upper"],
                               design_effect=r["d"], rank=r["rank"])
                    if before:
                        b = before[c]
                        ch = newcombe(b["count"], b["recorded"], b["d"], r["count"], r["recorded"], r["d"], z)
                        row.update(previous_share=b["share"], previous_rank=b["rank"],
                                   rank_change=b["rank"] - r["rank"], change_pp=100 * ch[0],
                                   change_lower_pp=100 * ch[1], change_upper_pp=100 * ch[2])
                    if "next" in r:
                        row.update(next_category=r["next"], next_difference_pp=100 * r["diff"],
                                   next_lower_pp=100 * r["dlo"], next_upper_pp=100 * r["dhi"],
                                   next_design_effect=r["nd"], true_next_design_effect=r["true_nd"],
                                   next_p_value=r["p"], next_family_size=r.get("family"),
                                   next_q_value=r.get("q"), separated=r.get("separated"))
                    rows.append(row)
                for c in only:
                    count = sum(1 for y in years for i in INCIDENTS[y] for x in children(i) if value(x) == c)
                    rows.append(dict(first_year=first, last_year=last, characteristic=name,
                                     category=c, level=level, count=count,
                                     recorded=now[cats[0]]["recorded"]))
    with open(os.path.join(HERE, "demographics-values.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(cols)
        for r in rows:
            w.writerow([fmt(r.get(c)) for c in cols])


# Practice themes: each rapid review (incident) with its themes ('-' none recorded), per year; local
# reviews likewise. Codes: h coordination_handover, p professional_curiosity, r risk_assessment,
# v child_voice, e escalation, i information_sharing, m male_carers.
THEME = {"h": "coordination_handover", "p": "professional_curiosity", "r": "risk_assessment",
         "v": "child_voice", "e": "escalation", "i": "information_sharing", "m": "male_carers"}
THEMES = list(THEME.values())
RAPID = {2023: ["hp", "hr", "pv", "h", "-", "hpe", "ri", "v", "hm", "-", "p", "hpr", "hv", "pi",
                "r", "-", "hp"],
         2024: ["hp", "pr", "p", "hpv", "-", "r", "pe", "hp", "i", "pv", "hpr", "v", "-", "pm",
                "hr", "ep"]}
LOCAL = {2023: ["hp", "r", "-", "hpv", "pe"], 2024: ["h", "hr", "p", "-", "-", "ri", "hv"]}


def theme_rows(kind, reviews, years, level):
    got = [r for y in years for r in reviews[y]]
    recorded = [set(THEME[c] for c in r) for r in got if r != "-"]
    counts = [sum(t in r for r in recorded) for t in THEMES]
    ranks = stats.rankdata([-c for c in counts], method="min").astype(int)
    out = []
    for t, c, rank in zip(THEMES, counts, ranks):
        ci = stats.binomtest(c, len(recorded)).proportion_ci(confidence_level=level, method="wilson")
        out.append([years[0], years[-1], kind, t, level, c, len(recorded), len(got),
                    c / len(recorded), 0.0 if c == 0 else ci.low, 1.0 if c == len(recorded) else ci.high, rank])
    out.append([years[0], years[-1], kind, "not_recorded", level, len(got) - len(recorded),
                len(recorded), len(got), None, None, None, None])
    return out


def themes():
    with open(os.path.join(HERE, "themes-values.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["first_year", "last_year", "review_type", "theme", "level", "count", "recorded",
                    "total", "share", "share_lower", "share_upper", "rank"])
        for level in (0.95, 0.998):
            for years in ([2023], [2024], [2023, 2024]):
                for kind, reviews in (("rapid_review", RAPID), ("local_review", LOCAL)):
                    for r in theme_rows(kind, reviews, years, level):
                        w.writerow([fmt(v) for v in r])


def theme_cells():
    """The rapid reviews as count-table cells of practice_themes: every child of an incident has
    its themes (the incidents of INCIDENTS, in order)."""
    with open(os.path.join(HERE, "demographics-cells.csv"), "a", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        for year, reviews in RAPID.items():
            assert len(reviews) == len(INCIDENTS[year]), "a rapid review per incident"
            kids = [len(children(i)) for i in INCIDENTS[year]]
            for t in THEMES + ["not_recorded", "*recorded"]:
                ch = inc = sq = cross = 0
                for r, m in zip(reviews, kids):
                    has = (r == "-") if t == "not_recorded" else (r != "-") if t == "*recorded" \
                        else (t in [THEME[c] for c in r if c != "-"])
                    if has:
                        n = 0 if r == "-" else m
                        ch, inc, sq, cross = ch + m, inc + 1, sq + m * m, cross + m * n
                if ch:
                    w.writerow(["practice_themes", year, t, ch, inc, sq, cross])


def difference_checks():
    """Printed: SameSampleDifferenceTest's values (Wald, covariance form of the variance), and
    DesignEffect.ofDifference on a small incident list (y1, y2, n per incident)."""
    for x1, x2, n, d, level in ((120, 90, 400, 1.0, 0.95), (120, 90, 400, 1.7, 0.95),
                                (7, 3, 25, 1.0, 0.998)):
        z = stats.norm.ppf(1 - (1 - level) / 2)
        p1, p2 = x1 / n, x2 / n
        var = p1 * (1 - p1) / n + p2 * (1 - p2) / n + 2 * p1 * p2 / n
        half = float(z * (d * var) ** 0.5)
        print(f"wald {x1} - {x2} of {n}, D = {d}, {level}:", repr(p1 - p2), repr(p1 - p2 - half),
              repr(p1 - p2 + half), "p", repr(float(2 * stats.norm.sf(abs(p1 - p2) / (d * var) ** 0.5))))
    inc = [(2, 0, 2), (1, 1, 3), (0, 1, 1), (1, 0, 1), (0, 2, 2), (1, 0, 2), (0, 0, 1), (3, 0, 3)]
    y1, y2, n = (sum(i[k] for i in inc) for k in range(3))
    p1, p2 = y1 / n, y2 / n
    var = p1 * (1 - p1) / n + p2 * (1 - p2) / n + 2 * p1 * p2 / n
    lin = sum((a - b - (p1 - p2) * m) ** 2 for a, b, m in inc) / n ** 2
    both = 2 * sum(a * b for a, b, m in inc) / n ** 2
    print(f"ofDifference Y1 = {y1}, Y2 = {y2}, N = {n}; sums y1^2 {sum(a * a for a, b, m in inc)},"
          f" y2^2 {sum(b * b for a, b, m in inc)}, y1 n {sum(a * m for a, b, m in inc)},"
          f" y2 n {sum(b * m for a, b, m in inc)}, n^2 {sum(m * m for a, b, m in inc)}:"
          f" bound {max(1.0, (lin + both) / var)!r}, true {max(1.0, lin / var)!r}")


cells()
theme_cells()
demographics()
themes()
difference_checks()
