"""Expected values for CompletenessAnalysisTest and PrevalenceAnalysisTest, computed independently
of the project's Java code (plain Python, numpy and scipy 1.17).

A small seeded list of incidents (reporting years 2022 to 2024; 2021, also in the test's run, has
none) is drawn below. From it the script

1. counts the cells of every margin the two analyses declare, by the rules of CountTable's Javadoc
   (children; incidents through their first child by child_ref; Σ m² and Σ m n over incidents, n
   the incident's children in the margin's *recorded cell of the same second category), and writes
   them to prevalence_cells.csv, which the tests load into a CountTable (no Spark);
2. prints expected values computed from the incident list directly, not from those cells: each
   share's design effect from its incident-level residuals Σ (y − p n)² (Cochran 1977 s. 6.4),
   the Wilson interval on effective counts, Newcombe's change from the two Wilson intervals, and
   the chi-square test for trend as R's prop.trend.test computes it (the regression sum of squares
   of a weighted least-squares fit, here numpy's lstsq), divided by the Rao-Scott δ.

Characteristics not drawn are not recorded for every child (NOBT for ethnicity, which is required).

Run from the repository root: python3 src/test/resources/stats/prevalence_values.py
(rewrites src/test/resources/stats/prevalence_cells.csv; the seed makes it the same every time).
"""
import csv
import random
from collections import defaultdict

import numpy as np
from scipy.stats import chi2, false_discovery_control, norm

rng = random.Random(20240331)
YEARS = [2022, 2023, 2024]
PANEL = [("under_1", 0, 0), ("1_to_5", 1, 5), ("6_to_10", 6, 10), ("11_to_15", 11, 15), ("16_to_17", 16, 17)]
PHASE = [("pre_school", 0, 4), ("primary", 5, 10), ("secondary", 11, 15), ("post_16", 16, 17)]
EFH_TYPES = ["criminal_exploitation", "sexual_exploitation", "serious_youth_violence", "online_harm", "other"]
NR = "not_recorded"


def band(bands, age):
    if age is None:
        return NR
    return next(code for code, lo, hi in bands if lo <= age <= hi)


def pick(weights):
    u, acc = rng.random(), 0.0
    for value, w in weights:
        acc += w
        if u < acc:
            return value
    return weights[-1][0]


# The incidents: siblings share the incident's recording and much of its circumstances.
incidents = []
for year in YEARS:
    for k in range(12):
        kind = "death" if rng.random() < 0.45 else "serious_harm"
        size = pick([(1, 0.55), (2, 0.25), (3, 0.2)])
        base = rng.randint(0, 17)
        disability_nr = rng.random() < 0.25 + 0.1 * (year - 2022)
        mh_nr = rng.random() < 0.2
        contact = pick([("current", 0.35), ("previous", 0.25), ("never", 0.25), (NR, 0.15)])
        children = []
        for c in range(size):
            age = None if rng.random() < 0.05 else min(17, max(0, base + rng.randint(-3, 3)))
            efh = NR if rng.random() < 0.15 else ("yes" if rng.random() < (0.4 if (age or 0) >= 11 else 0.1) else "no")
            children.append({
                "child_ref": f"C{c + 1}",
                "sex": pick([("male", 0.5), ("female", 0.45), (NR, 0.05)]),
                "age": age,
                "disability": NR if (disability_nr or rng.random() < 0.05) else ("yes" if rng.random() < 0.2 else "no"),
                "sexuality_recorded": "yes" if rng.random() < 0.2 else ("no" if rng.random() < 0.7 else None),
                "child_mental_health": NR if mh_nr else ("yes" if rng.random() < 0.05 + 0.03 * (age or 0) else "no"),
                "social_care_contact": contact,
                "ehc_plan": pick([("in_place", 0.15), ("being_assessed", 0.1), ("none", 0.55), (NR, 0.2)]),
                "extrafamilial_harm": efh,
                "extrafamilial_harm_type": rng.choice(EFH_TYPES) if efh == "yes" and rng.random() < 0.9 else None,
            })
        incidents.append({"id": f"{year}-{k}", "year": year, "type": kind, "children": children})

# Each characteristic's value for a child, and the values that mean not recorded.
NOT_DRAWN = ["likely_cause", "care_leaver", "social_care_status", "parent_mental_health",
             "parent_substance_misuse", "parent_disability", "abuse_neglect", "abuse_domestic",
             "abuse_physical", "abuse_sexual", "abuse_emotional", "practice_themes", "lcspr_commissioned"]
CHAR = {
    "sex": (lambda ch: ch["sex"], {NR}),
    "ethnicity": (lambda ch: "NOBT", {"REFU", "NOBT"}),
    "disability": (lambda ch: ch["disability"], {NR}),
    "sexuality_recorded": (lambda ch: ch["sexuality_recorded"] or NR, {"no", NR}),
    "social_care_contact": (lambda ch: ch["social_care_contact"], {NR}),
    "ehc_plan": (lambda ch: ch["ehc_plan"], {NR}),
    "child_mental_health": (lambda ch: ch["child_mental_health"], {NR}),
    "extrafamilial_harm": (lambda ch: ch["extrafamilial_harm"], {NR}),
    "extrafamilial_harm_type": (lambda ch: ch["extrafamilial_harm_type"] or NR, {NR}),
    "panel_age_band": (lambda ch: band(PANEL, ch["age"]), {NR}),
    "panel_age_band_0_to_17": (lambda ch: band(PANEL, ch["age"]), {"18_to_25", NR}),
    "school_phase": (lambda ch: band(PHASE, ch["age"]), {NR}),
    "known_to_social_care": (lambda ch: {"current": "yes", "previous": "yes", "never": "no"}.get(ch["social_care_contact"], NR), {NR}),
    "ehc_plan_or_assessment": (lambda ch: {"in_place": "yes", "being_assessed": "yes", "none": "no"}.get(ch["ehc_plan"], NR), {NR}),
}
for name in NOT_DRAWN:
    CHAR[name] = (lambda ch: NR, {NR})

ONE_WAY = ["likely_cause", "sex", "care_leaver", "ethnicity", "disability", "sexuality_recorded",
           "social_care_contact", "social_care_status", "ehc_plan", "child_mental_health",
           "parent_mental_health", "parent_substance_misuse", "parent_disability", "abuse_neglect",
           "abuse_domestic", "abuse_physical", "abuse_sexual", "abuse_emotional", "extrafamilial_harm",
           "practice_themes", "lcspr_commissioned", "panel_age_band", "known_to_social_care",
           "ehc_plan_or_assessment", "extrafamilial_harm_type"]
# What CompletenessAnalysis reports: the one-way margins but the derived values and the type.
COMPLETENESS = [c for c in ONE_WAY if c not in ("known_to_social_care", "ehc_plan_or_assessment", "extrafamilial_harm_type")]
TWO_WAY = [("ehc_plan_or_assessment", "school_phase"), ("child_mental_health", "panel_age_band_0_to_17"),
           ("extrafamilial_harm", "sex"), ("extrafamilial_harm_type", "sex")]


def value(name, ch):
    return CHAR[name][0](ch)


def recorded(name, ch):
    return value(name, ch) not in CHAR[name][1]


# 1. The cells, by CountTable's rules.
cells = defaultdict(lambda: [0, 0, 0, 0])
for inc in incidents:
    kids = sorted(inc["children"], key=lambda ch: ch["child_ref"])
    first = kids[0]["child_ref"]
    margins = [("total", None, None)] + [(a, a, None) for a in ONE_WAY] + [(f"{a} x {b}", a, b) for a, b in TWO_WAY]
    for mname, a, b in margins:
        groups = defaultdict(list)
        for ch in kids:
            second = "" if b is None else value(b, ch)
            if a is None:
                groups[("", "")].append(ch)
                continue
            groups[(value(a, ch), second)].append(ch)
            if recorded(a, ch):
                groups[("*recorded", second)].append(ch)
        for (cat, second), members in groups.items():
            m = len(members)
            n = 0 if a is None else len(groups.get(("*recorded", second), []))
            c = cells[(mname, inc["year"], inc["type"], cat, second)]
            c[0] += m
            c[1] += any(ch["child_ref"] == first for ch in members)
            c[2] += m * m
            c[3] += m * n

with open("src/test/resources/stats/prevalence_cells.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["margin", "year", "incident_type", "category", "category2", "children", "incidents",
                "children_squared", "children_cross"])
    for key in sorted(cells):
        w.writerow(list(key) + cells[key])


# 2. Expected values from the incident list.
def in_period(first, last):
    return [inc for inc in incidents if first <= inc["year"] <= last]


def design_effect(pairs):
    """pairs: per incident (y_i, n_i); D from the linearised variance of Σy / Σn."""
    y = sum(p[0] for p in pairs)
    n = sum(p[1] for p in pairs)
    if n == 0 or y == 0 or y == n:
        return 1.0
    p = y / n
    lin = sum((yi - p * ni) ** 2 for yi, ni in pairs) / n**2
    return max(1.0, lin / (p * (1 - p) / n))


def wilson(x, n, z):
    c = 2 * x + z * z
    h = z * (z * z + 4 * x * (1 - x / n)) ** 0.5
    return (c - h) / (2 * (n + z * z)), (c + h) / (2 * (n + z * z))


def clustered_wilson(x, n, d, level):
    z = norm.ppf(1 - (1 - level) / 2)
    lo, hi = wilson(x / d, n / d, z)
    return x / n, (0.0 if x == 0 else lo), (1.0 if x == n else hi)


def trend(x, n, d, scores):
    """prop.trend.test's X² as a weighted regression sum of squares, then Rao-Scott's δ."""
    x, n, d, s = map(np.asarray, (x, n, d, scores))
    keep = n > 0
    x, n, d, s = x[keep], n[keep].astype(float), d[keep], s[keep].astype(float)
    p = x.sum() / n.sum()
    w = n / (p * (1 - p))
    X = np.column_stack([np.ones_like(s), s]) * np.sqrt(w)[:, None]
    yv = (x / n) * np.sqrt(w)
    beta, *_ = np.linalg.lstsq(X, yv, rcond=None)
    fitted = X @ beta
    mean = np.sqrt(w) * (w @ (x / n)) / w.sum()
    x2 = float(((fitted - mean) ** 2).sum())
    sbar = (n * s).sum() / n.sum()
    delta = max(1.0, float((d * n * (s - sbar) ** 2).sum() / (n * (s - sbar) ** 2).sum()))
    return x2, float(beta[1]), delta, float(chi2.sf(x2 / delta, 1))


def not_recorded_pairs(name, first, last):
    return [(sum(not recorded(name, ch) for ch in inc["children"]), len(inc["children"]))
            for inc in in_period(first, last)]


def share_pairs(name, category, first, last, sub=None, sub_category=None):
    out = []
    for inc in in_period(first, last):
        kids = [ch for ch in inc["children"] if sub is None or value(sub, ch) == sub_category]
        out.append((sum(value(name, ch) == category for ch in kids), sum(recorded(name, ch) for ch in kids)))
    return out


def show(label, *values):
    print(label, " ".join(repr(None if v is None else float(v)) for v in values))


for level in (0.95, 0.998):
    print(f"--- level {level}")
    for name in ("disability", "sexuality_recorded", "extrafamilial_harm"):
        for y in YEARS:
            pairs = not_recorded_pairs(name, y, y)
            z, t = sum(p[0] for p in pairs), sum(p[1] for p in pairs)
            d = design_effect(pairs)
            show(f"completeness {name} {y}: z t D share lower upper", z, t, d, *clustered_wilson(z, t, d, level))
            if y > YEARS[0]:
                before = not_recorded_pairs(name, y - 1, y - 1)
                z1, t1 = sum(p[0] for p in before), sum(p[1] for p in before)
                d1 = design_effect(before)
                zq = norm.ppf(1 - (1 - level) / 2)
                p1, p2 = z1 / t1, z / t
                l1, u1 = wilson(z1 / d1, t1 / d1, zq)
                l2, u2 = wilson(z / d, t / d, zq)
                diff = p2 - p1
                show(f"  change on {y - 1} pp", 100 * diff,
                     100 * (diff - ((p2 - l2) ** 2 + (u1 - p1) ** 2) ** 0.5),
                     100 * (diff + ((u2 - p2) ** 2 + (p1 - l1) ** 2) ** 0.5))
        x, n, d = [], [], []
        for y in YEARS:
            pairs = not_recorded_pairs(name, y, y)
            x.append(sum(p[0] for p in pairs)); n.append(sum(p[1] for p in pairs)); d.append(design_effect(pairs))
        show(f"  trend 2022-2024 X2 slope delta p", *trend(x, n, d, YEARS))

    # The completeness trends of 2022-2024, one per reported characteristic; BH over those with a p.
    p_values = {}
    for name in COMPLETENESS:
        x, n, d = [], [], []
        for y in YEARS:
            pairs = not_recorded_pairs(name, y, y)
            x.append(sum(p[0] for p in pairs)); n.append(sum(p[1] for p in pairs)); d.append(design_effect(pairs))
        if 0 < sum(x) < sum(n):
            p_values[name] = trend(x, n, d, YEARS)[3]
    q = dict(zip(p_values, false_discovery_control(list(p_values.values()), method="bh")))
    print("  completeness trend family 2022-2024: size", len(p_values), "q", {k: float(v) for k, v in q.items()})

    for name, cat, sub, subcats in (
        ("known_to_social_care", "yes", None, [None]),
        ("child_mental_health", "yes", "panel_age_band_0_to_17", [None] + [b[0] for b in PANEL]),
        ("ehc_plan_or_assessment", "yes", "school_phase", [None, "secondary"]),
        ("extrafamilial_harm", "yes", "sex", [None, "male", "female"]),
    ):
        for first, last in ((2024, 2024), (2022, 2024)):
            for sc in subcats:
                pairs = share_pairs(name, cat, first, last, None if sc is None else sub, sc)
                x, n = sum(p[0] for p in pairs), sum(p[1] for p in pairs)
                d = design_effect(pairs)
                est = clustered_wilson(x, n, d, level) if n else (None, None, None)
                show(f"prevalence {name} {first}-{last} {sc or 'all'}: x n D share lower upper", x, n, d, *est)
            if name == "child_mental_health":
                xs, ns, ds = [], [], []
                for b in PANEL:
                    pairs = share_pairs(name, cat, first, last, sub, b[0])
                    xs.append(sum(p[0] for p in pairs)); ns.append(sum(p[1] for p in pairs)); ds.append(design_effect(pairs))
                show(f"  trend across bands {first}-{last} X2 slope delta p", *trend(xs, ns, ds, range(1, 6)))
