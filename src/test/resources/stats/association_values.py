"""Expected values for AssociationAnalysisTest and SpotlightAnalysisTest, computed from a list of
invented incidents independently of the project's Java code (plain Python, numpy, scipy 1.17.1).

It writes two files beside itself:

- association-cells.csv: the count table the tests build (CountTable.builder), cell by cell, as the
  count stage defines it (children; incidents through their first child; sum of m^2; sum of m n,
  n the incident's children in the margin's recorded cell of the same second category), for the
  margins the two analyses read;
- association-values.csv: the expected value of a column of one output row (table, key, column,
  expected), the row named by the values of its table's key columns joined by "|" (associations:
  association, row_type, period, category, group, confidence_level; spotlights: spotlight,
  measure, unit, incident_type, characteristic, category, within_category, period,
  confidence_level), "null" for a null.

Every expected value is computed from the incident list itself, not from the cells: design effects
from the incident-level residuals (sum over incidents of (y - p n)^2, the linearised variance of a
ratio), the chi-square test and expected counts from scipy.stats.chi2_contingency, Rao and Scott's
delta written out, Haberman's adjusted residuals by hand in numpy, Wilson intervals written out on
effective counts (children) and from scipy.stats.binomtest (incidents).

Run from the repository root: python3 src/test/resources/stats/association_values.py
"""
import csv
import os
import random
from math import sqrt

import numpy as np
from scipy.stats import binomtest, chi2, chi2_contingency, norm

HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(20240331)

BANDS = ["under_1", "1_to_5", "6_to_10", "11_to_15", "16_to_17"]
GROUPS = ["white", "mixed", "asian", "black", "other"]
DEATH = ["sudi", "suicide", "fatal_maltreatment_family", "extrafamilial_homicide", "other_death"]
HARM = ["nonfatal_assault_family", "sexual_abuse_exploitation", "extrafamilial_assault", "neglect",
        "self_harm", "other_harm"]
FORM = {"sudi": "other_known", "suicide": "suicide_or_self_harm",
        "fatal_maltreatment_family": "other_known", "extrafamilial_homicide": "extrafamilial_harm",
        "other_death": "other_known", "nonfatal_assault_family": "other_known",
        "sexual_abuse_exploitation": "sexual_abuse_exploitation",
        "extrafamilial_assault": "extrafamilial_harm", "neglect": "other_known",
        "self_harm": "suicide_or_self_harm", "other_harm": "other_known",
        "unknown": "unknown", "not_recorded": "unknown"}
EFH_TYPES = ["criminal_exploitation", "sexual_exploitation", "serious_youth_violence", "online_harm",
             "other"]
# Categories that are not recorded (never in a share's denominator), per characteristic.
NOT_RECORDED = {
    "sex": {"not_recorded"},
    "panel_age_band_0_to_17": {"18_to_25", "not_recorded"},
    "ethnicity_major": {"unknown"},
    "likely_cause": {"unknown", "not_recorded"},
    "harm_form": {"unknown"},
    "child_mental_health": {"not_recorded"},
    "parent_mental_health": {"not_recorded"},
    "extrafamilial_harm": {"not_recorded"},
    "extrafamilial_harm_type": {"not_recorded"},
}


def pick(weights):
    r = rng.random() * sum(w for _, w in weights)
    for v, w in weights:
        r -= w
        if r < 0:
            return v
    return weights[-1][0]


# Each group's age mix differs (so the age x ethnicity test has something to find).
AGE_MIX = {
    "white": [40, 20, 10, 20, 10], "mixed": [20, 35, 15, 20, 10], "asian": [50, 25, 10, 10, 5],
    "black": [10, 10, 10, 30, 40], "other": [30, 20, 20, 20, 10], "unknown": [30, 20, 15, 20, 15],
}


def child(group, kind, shared, year):
    # 2024 has no child aged 6 to 10 (an empty row of the age table: no expected counts).
    mix = [0 if year == 2024 and b == "6_to_10" else w for b, w in zip(BANDS, AGE_MIX[group])]
    band = pick([("18_to_25", 2), ("not_recorded", 2)] + list(zip(BANDS, mix)))
    older = band in ("11_to_15", "16_to_17", "18_to_25")
    sex = pick([("male", 48), ("female", 48), ("not_recorded", 4)])
    mental = pick([("yes", 45 if older else 8), ("no", 45 if older else 80), ("not_recorded", 12)])
    if kind == "death":
        cause = shared if shared and rng.random() < 0.7 else pick(
            [("sudi", 40 if band == "under_1" else 2), ("suicide", 25 if older else 1),
             ("fatal_maltreatment_family", 10), ("extrafamilial_homicide", 6 if older else 1),
             ("other_death", 8), ("unknown", 6)])
    elif kind == "serious_harm":
        cause = shared if shared and rng.random() < 0.7 else pick(
            [("nonfatal_assault_family", 30), ("sexual_abuse_exploitation", 14 if older else 4),
             ("extrafamilial_assault", 14 if older else 1), ("neglect", 12),
             ("self_harm", 12 if older else 1), ("other_harm", 6), ("unknown", 6)])
    else:
        cause = "not_recorded"
    if mental == "yes" and older and kind == "death" and rng.random() < 0.4:
        cause = "suicide"
    efh = pick([("yes", 35 if older else 4), ("no", 55), ("not_recorded", 10)])
    efh_type = pick([(t, 1) for t in EFH_TYPES] + [("not_recorded", 1)]) if efh == "yes" else "not_recorded"
    return {"sex": sex, "panel_age_band_0_to_17": band, "likely_cause": cause,
            "harm_form": FORM[cause], "child_mental_health": mental,
            "extrafamilial_harm": efh, "extrafamilial_harm_type": efh_type}


incidents = []  # (year, type, [child, ...]), the first child being the first by child_ref
for year in (2023, 2024):
    for _ in range(150 if year == 2023 else 130):
        kind = pick([("death", 45), ("serious_harm", 50), ("other", 5)])
        # 2023 has no child of the Other group (an empty column: no share, no residual).
        other = 0 if year == 2023 else 4
        group = pick([("white", 55), ("mixed", 12), ("asian", 10), ("black", 13), ("other", other),
                      ("unknown", 6)])
        parent = pick([("yes", 45), ("no", 40), ("not_recorded", 15)])
        size = pick([(1, 60), (2, 25), (3, 10), (4, 5)])
        children, shared = [], None
        for _ in range(size):
            # Siblings mostly share their ethnic group and always their parents.
            g = group if rng.random() < 0.9 else pick([(x, 1) for x in GROUPS[:4]])
            c = child(g, kind, shared, year)
            c["ethnicity_major"] = g
            c["parent_mental_health"] = parent
            shared = shared or c["likely_cause"]
            children.append(c)
        incidents.append((year, kind, children))

# --- the count table's cells --------------------------------------------------------------------
MARGINS = [
    (None, None),
    ("harm_form", "sex"),
    ("panel_age_band_0_to_17", "ethnicity_major"),
    ("child_mental_health", None),
    ("panel_age_band_0_to_17", "child_mental_health"),
    ("sex", "child_mental_health"),
    ("ethnicity_major", "child_mental_health"),
    ("likely_cause", "child_mental_health"),
    ("child_mental_health", "likely_cause"),
    ("parent_mental_health", "panel_age_band_0_to_17"),
    ("extrafamilial_harm", None),
    ("panel_age_band_0_to_17", "extrafamilial_harm"),
    ("sex", "extrafamilial_harm"),
    ("extrafamilial_harm_type", "extrafamilial_harm"),
]
REC = "*recorded"


def margin_name(first, second):
    return "total" if first is None else first if second is None else f"{first} x {second}"


def keys(c, first, second):
    """The cells (category, category2) a child is in: its category and, if recorded, *recorded."""
    if first is None:
        return [("", "")]
    s = "" if second is None else c[second]
    out = [(c[first], s)]
    if c[first] not in NOT_RECORDED[first]:
        out.append((REC, s))
    return out


cells = {}
for year, kind, children in incidents:
    for first, second in MARGINS:
        m = {}
        for i, c in enumerate(children):
            for k in keys(c, first, second):
                m.setdefault(k, [0, False])
                m[k][0] += 1
                m[k][1] |= i == 0
        for (cat, cat2), (count, has_first) in m.items():
            n = 0 if first is None else m.get((REC, cat2), [0])[0]
            key = (margin_name(first, second), year, kind, cat, cat2)
            old = cells.get(key, (0, 0, 0, 0))
            cells[key] = (old[0] + count, old[1] + int(has_first), old[2] + count * count,
                          old[3] + count * n)
with open(os.path.join(HERE, "association-cells.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["margin", "year", "incident_type", "category", "category2", "children",
                "incidents", "children_squared", "children_cross"])
    for k in sorted(cells):
        w.writerow(list(k) + list(cells[k]))

# --- expected values, from the incident list ------------------------------------------------------
PERIODS = [("2022-23", 2023, 2023), ("2023-24", 2024, 2024), ("2022-23 to 2023-24", 2023, 2024)]
values = []


KEYS = {
    "associations": ["association", "row_type", "period", "category", "group", "confidence_level"],
    "spotlights": ["spotlight", "measure", "unit", "incident_type", "characteristic", "category",
                   "within_category", "period", "confidence_level"],
}


def text(v):
    if v is None:
        return "null"
    if isinstance(v, (bool, np.bool_)):
        return str(bool(v)).lower()
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    return repr(float(v)) if isinstance(v, (float, np.floating)) else str(v)


def out(table, match, column, value, source):
    # source: how the value was computed (see the comments at each call); not written out.
    key = "|".join(text(match.get(k)) for k in KEYS[table])
    values.append([table, key, column, text(value)])


def share_sums(first, last, numerator, denominator, kind=None):
    """Per incident of the period (and type): y_i children meeting numerator, n_i denominator."""
    ys, ns = [], []
    for year, k, children in incidents:
        if first <= year <= last and (kind is None or k == kind):
            ys.append(sum(1 for c in children if denominator(c, k) and numerator(c, k)))
            ns.append(sum(1 for c in children if denominator(c, k)))
    return ys, ns


def design_effect(ys, ns):
    y, n = sum(ys), sum(ns)
    if n == 0 or y == 0 or y == n:
        return 1.0
    p = y / n
    lin = sum((a - p * b) ** 2 for a, b in zip(ys, ns)) / n**2
    return max(1.0, lin / (p * (1 - p) / n))


def wilson(x, n, z):
    # Wilson (1927) written out; at x = 0 the lower limit is 0, at x = n the upper is 1.
    c = 2 * x + z * z
    h = z * sqrt(z * z + 4 * x * (1 - x / n))
    lo = 0.0 if x == 0 else (c - h) / (2 * (n + z * z))
    hi = 1.0 if x == n else (c + h) / (2 * (n + z * z))
    return lo, hi


def z_of(level):
    return float(norm.ppf(1 - (1 - level) / 2))


# Age band within ethnic groups: the test and every cell, each period, at both levels.
for label, first, last in PERIODS:
    table = np.zeros((len(BANDS), len(GROUPS)))
    d = np.ones((len(BANDS), len(GROUPS)))
    for j, g in enumerate(GROUPS):
        for i, b in enumerate(BANDS):
            ys, ns = share_sums(
                first, last,
                lambda c, k, b=b: c["panel_age_band_0_to_17"] == b,
                lambda c, k, g=g: c["ethnicity_major"] == g and c["panel_age_band_0_to_17"] in BANDS)
            table[i, j] = sum(ys)
            d[i, j] = design_effect(ys, ns)
    rows = table.sum(axis=1) > 0
    cols = table.sum(axis=0) > 0
    sub = table[rows][:, cols]
    x2, p_pearson, df, expected_sub = chi2_contingency(sub, correction=False)
    n = table.sum()
    R, C = table.sum(axis=1), table.sum(axis=0)
    delta = max(1.0, sum((1 - R[i] / n) * (1 - C[j] / n) * d[i, j]
                         for i in range(len(BANDS)) for j in range(len(GROUPS))
                         if R[i] > 0 and C[j] > 0) / df)
    p_rs = float(chi2.sf(x2 / delta, df))
    E = np.outer(R, C) / n
    key = {"association": "age_band_by_ethnicity", "row_type": "test", "period": label}
    src = "scipy chi2_contingency; delta and p = chi2.sf(X2 / delta, df) by hand"
    for level in (0.95, 0.998):
        k = dict(key, confidence_level=level)
        cells_too = level == 0.95 or first != last
        out("associations", k, "statistic", float(x2), src)
        out("associations", k, "degrees_of_freedom", int(df), src)
        out("associations", k, "design_effect", float(delta), src)
        out("associations", k, "p_value", p_rs, src)
        out("associations", k, "q_value", p_rs, "family of one test")
        out("associations", k, "family_size", 1, "family of one test")
        out("associations", k, "asymptotic_p_value", float(p_pearson), src)
        out("associations", k, "smallest_expected", float(expected_sub.min()), src)
        out("associations", k, "reliable", bool(expected_sub.min() >= 5), src)
        out("associations", k, "total", int(n), "children aged 0-17 with a recorded group")
        z = z_of(level)
        for j, g in enumerate(GROUPS if cells_too else []):
            for i, b in enumerate(BANDS):
                k = {"association": "age_band_by_ethnicity", "row_type": "cell", "period": label,
                     "category": b, "group": g, "confidence_level": level}
                src = "numpy: (O - E) / sqrt(E (1 - R/N)(1 - C/N) delta); Wilson on O/D of C/D"
                out("associations", k, "observed", int(table[i, j]), src)
                out("associations", k, "expected", float(E[i, j]), src)
                out("associations", k, "row_total", int(R[i]), src)
                out("associations", k, "group_total", int(C[j]), src)
                out("associations", k, "design_effect", float(delta), src)
                if C[j] == 0:
                    out("associations", k, "null_reason", "no_denominator", src)
                    out("associations", k, "share", None, src)
                    out("associations", k, "adjusted_residual", None, src)
                    continue
                lo, hi = wilson(table[i, j] / d[i, j], C[j] / d[i, j], z)
                out("associations", k, "share", float(table[i, j] / C[j]), src)
                out("associations", k, "share_lower", float(lo), src)
                out("associations", k, "share_upper", float(hi), src)
                out("associations", k, "share_design_effect", float(d[i, j]), src)
                if E[i, j] == 0:
                    out("associations", k, "null_reason", "no_expected", src)
                    out("associations", k, "adjusted_residual", None, src)
                    continue
                r = (table[i, j] - E[i, j]) / sqrt(
                    E[i, j] * (1 - R[i] / n) * (1 - C[j] / n) * delta)
                out("associations", k, "adjusted_residual", float(r), src)
                out("associations", k, "residual_flag",
                    "over" if r > z else "under" if r < -z else "not_different", src)
                out("associations", k, "null_reason", None, src)

# Harm by sex, pooled (the rows moved from distribution_tests keep their method).
for label, first, last in PERIODS[2:]:
    for form in ("extrafamilial_harm", "sexual_abuse_exploitation", "suicide_or_self_harm"):
        sides = []
        for sex in ("male", "female"):
            ys, ns = share_sums(first, last, lambda c, k: c["harm_form"] == form,
                                lambda c, k, s=sex: c["sex"] == s and c["harm_form"] != "unknown")
            sides.append((sum(ys), sum(ns), design_effect(ys, ns)))
        (a, n1, d1), (c_, n2, d2) = sides
        p = (a + c_) / (n1 + n2)
        z2 = (a / n1 - c_ / n2) ** 2 / (p * (1 - p) * (d1 / n1 + d2 / n2))
        x2 = chi2_contingency([[a, c_], [n1 - a, n2 - c_]], correction=False)[0]
        rr = (a / n1) / (c_ / n2)
        se = sqrt(d1 * (1 / a - 1 / n1) + d2 * (1 / c_ - 1 / n2))
        k = {"association": "harm_form_by_sex", "row_type": "test", "period": label,
             "category": form, "confidence_level": 0.95}
        src = "two-sample z with clustered variances (= X2 / delta); Katz on effective counts"
        out("associations", k, "p_value", float(chi2.sf(z2, 1)), src)
        out("associations", k, "design_effect", float(x2 / z2), src)
        out("associations", k, "proportion_ratio", rr, src)
        out("associations", k, "proportion_ratio_lower", rr * np.exp(-z_of(0.95) * se), src)
        out("associations", k, "proportion_ratio_upper", rr * np.exp(z_of(0.95) * se), src)

# Spotlights: every figure as a share over incidents, each period, at 0.95 (and some at 0.998).
TYPES = ["death", "serious_harm", "other"]


def rec(ch):
    return lambda c, k: c[ch] not in NOT_RECORDED[ch]


def eq(ch, v):
    return lambda c, k: c[ch] == v


def both(*fs):
    return lambda c, k: all(f(c, k) for f in fs)


SPOTLIGHTS = []  # (spotlight, group predicate, figures)
mh = eq("child_mental_health", "yes")
figs = [("size", "all", "child_mental_health", "yes", None, None, mh, rec("child_mental_health"),
         None, True)]
for t in TYPES:
    figs.append(("profile", "all", "incident_type", t, "child_mental_health", "yes",
                 lambda c, k, t=t: k == t, mh, None, False))
for ch, cats in [("panel_age_band_0_to_17", BANDS), ("sex", ["male", "female"]),
                 ("ethnicity_major", GROUPS)]:
    for v in cats:
        figs.append(("profile", "all", ch, v, "child_mental_health", "yes", eq(ch, v),
                     both(mh, rec(ch)), None, False))
for kind, causes in (("death", DEATH), ("serious_harm", HARM)):
    for v in causes:
        figs.append(("profile", kind, "likely_cause", v, "child_mental_health", "yes",
                     eq("likely_cause", v), both(mh, rec("likely_cause")), kind, False))
figs.append(("ratio", "all", "child_mental_health", "yes", "likely_cause", "suicide", mh,
             both(eq("likely_cause", "suicide"), rec("child_mental_health")), None, True))
SPOTLIGHTS.append(("child_mental_health", mh, figs))

young = eq("panel_age_band_0_to_17", "1_to_5")
pre = both(eq("parent_mental_health", "yes"), young)
figs = [("size", "all", "parent_mental_health", "yes", "panel_age_band_0_to_17", "1_to_5",
         eq("parent_mental_health", "yes"), both(young, rec("parent_mental_health")), None, True)]
for t in TYPES:
    figs.append(("profile", "all", "incident_type", t,
                 "parent_mental_health x panel_age_band_0_to_17", "yes x 1_to_5",
                 lambda c, k, t=t: k == t, pre, None, False))
SPOTLIGHTS.append(("preschool_parent_mental_health", pre, figs))

efh = eq("extrafamilial_harm", "yes")
figs = [("size", "all", "extrafamilial_harm", "yes", None, None, efh, rec("extrafamilial_harm"),
         None, True)]
for t in TYPES:
    figs.append(("profile", "all", "incident_type", t, "extrafamilial_harm", "yes",
                 lambda c, k, t=t: k == t, efh, None, False))
for ch, cats in [("panel_age_band_0_to_17", BANDS), ("sex", ["male", "female"]),
                 ("extrafamilial_harm_type", EFH_TYPES)]:
    for v in cats:
        figs.append(("profile", "all", ch, v, "extrafamilial_harm", "yes", eq(ch, v),
                     both(efh, rec(ch)), None, False))
SPOTLIGHTS.append(("extrafamilial_harm", efh, figs))


def first_children(first, last, pred):
    return sum(1 for y, k, ch in incidents if first <= y <= last and pred(ch[0], k))


for label, first, last in PERIODS:
    for spot, group, figs in SPOTLIGHTS:
        group_children = sum(share_sums(first, last, group, lambda c, k: True)[0])
        group_incidents = first_children(first, last, group)
        for (measure, itype, ch, cat, wch, wcat, num, den, kind, incidents_too) in figs:
            units = ["children", "incidents"] if incidents_too else ["children"]
            for unit in units:
                # Sizes and ratios everywhere; profiles of the pooled period (one category of
                # each profile in single years); 0.998 for the pooled sizes and ratios.
                if measure == "profile" and first == last and cat not in ("female", "death"):
                    continue
                for level in (0.95, 0.998) if measure != "profile" and first != last else (0.95,):
                    k = {"spotlight": spot, "measure": measure, "unit": unit,
                         "incident_type": itype, "characteristic": ch, "category": cat,
                         "within_category": wcat, "period": label,
                         "confidence_level": level}
                    if unit == "children":
                        ys, ns = share_sums(first, last, num, den, kind)
                        x, n, dd = sum(ys), sum(ns), design_effect(ys, ns)
                        src = "linearised D over incidents; Wilson on x/D of n/D"
                        gc = group_children
                    else:
                        x = first_children(first, last, both(num, den))
                        n = first_children(first, last, den)
                        dd = None
                        src = "incidents through their first child; scipy binomtest wilson"
                        gc = group_incidents
                    out("spotlights", k, "group_count", gc, src)
                    out("spotlights", k, "count", x, src)
                    out("spotlights", k, "denominator", n, src)
                    out("spotlights", k, "within_characteristic", wch, "spotlights.csv")
                    if n == 0:
                        out("spotlights", k, "share", None, src)
                        out("spotlights", k, "null_reason", "no_denominator", src)
                        continue
                    if dd is None:
                        ci = binomtest(x, n).proportion_ci(confidence_level=level, method="wilson")
                        lo, hi = ci.low, ci.high
                    else:
                        lo, hi = wilson(x / dd, n / dd, z_of(level))
                        out("spotlights", k, "design_effect", dd, src)
                    out("spotlights", k, "share", x / n, src)
                    out("spotlights", k, "share_lower", float(lo), src)
                    out("spotlights", k, "share_upper", float(hi), src)
                    out("spotlights", k, "low_reliability", x < 10, src)

with open(os.path.join(HERE, "association-values.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["table", "key", "column", "expected"])
    w.writerows(values)
print(len(cells), "cells,", len(values), "expected values")
