"""The `associations` table on the embedded sample, computed from data/sample/incidents.csv
directly (plain Python, scipy 1.17.1), independently of the job. Its harm_form_by_sex rows (the 2x2
associations of harm with sex, in distribution_tests until the associations table): each sex's
design effect from the incident-level residuals, Katz's interval on effective counts, the Rao-Scott
p-value; and the size of what both leave out, the covariance between the boys' and the girls'
shares within incidents (docs/methods.md, "Proportion ratio"). Its age_band_by_ethnicity test rows:
Pearson's X2 (scipy chi2_contingency), Rao and Scott's delta from each band's share of its group
and the corrected p-value. Every record of the sample is accepted by the job, so no validation is
repeated here.

Periods are printed by the years ending 31 March: 2024 is 2023-24, 2019-2024 is 2018-19 to 2023-24.

Run from the repository root: python3 src/test/resources/stats/association_sample.py
"""
import csv
from collections import defaultdict
from math import exp, log, sqrt

from scipy.stats import chi2, norm

forms = {r["code"]: r["harm_form"] for r in csv.DictReader(open("data-schemas/code-lists/likely_causes.csv"))}
incidents = defaultdict(list)
year_of = {}
for r in csv.DictReader(open("data/sample/incidents.csv")):
    y, m = int(r["notification_date"][:4]), int(r["notification_date"][5:7])
    year_of[r["incident_id"]] = y + (1 if m >= 4 else 0)
    form = forms.get(r["likely_cause"], "unknown") if r["likely_cause"] else "unknown"
    incidents[r["incident_id"]].append((r["sex"], form))


def sums(first, last, sex, form):
    ys, ns = [], []
    for i, children in incidents.items():
        if first <= year_of[i] <= last:
            ys.append(sum(1 for s, f in children if s == sex and f == form))
            ns.append(sum(1 for s, f in children if s == sex and f != "unknown"))
    return ys, ns


z = norm.ppf(0.975)
periods = [(y, y) for y in range(2019, 2025)] + [(2019, 2024), (2022, 2024)]
for first, last in periods:
    for form in ("extrafamilial_harm", "sexual_abuse_exploitation", "suicide_or_self_harm"):
        yb, nb = sums(first, last, "male", form)
        yg, ng = sums(first, last, "female", form)
        a, n1, c, n2 = sum(yb), sum(nb), sum(yg), sum(ng)
        p1, p2 = a / n1, c / n2
        r1 = [y - p1 * n for y, n in zip(yb, nb)]
        r2 = [y - p2 * n for y, n in zip(yg, ng)]
        v1, v2 = sum(e * e for e in r1) / n1**2, sum(e * e for e in r2) / n2**2
        d1 = max(1.0, v1 / (p1 * (1 - p1) / n1))
        d2 = max(1.0, v2 / (p2 * (1 - p2) / n2))
        rr = p1 / p2
        se = sqrt(d1 * (1 / a - 1 / n1) + d2 * (1 / c - 1 / n2))
        cov = sum(e1 * e2 for e1, e2 in zip(r1, r2)) / (n1 * n2)
        se_cov = sqrt(max(0.0, v1 / p1**2 + v2 / p2**2 - 2 * cov / (p1 * p2)))
        se_lin = sqrt(v1 / p1**2 + v2 / p2**2)
        p = (a + c) / (n1 + n2)
        z2 = (p1 - p2) ** 2 / (p * (1 - p) * (d1 / n1 + d2 / n2))
        label = str(last) if first == last else f"{first}-{last}"
        print(
            f"{label} {form}: boys {a}/{n1} D1 = {d1:.4f}, girls {c}/{n2} D2 = {d2:.4f}; "
            f"ratio {rr:.4f} ({exp(log(rr) - z * se):.4f} to {exp(log(rr) + z * se):.4f}), "
            f"Rao-Scott p = {chi2.sf(z2, 1):.4g}; covariance of the two shares {cov:.3g}: "
            f"SE of ln ratio with it / without it (unfloored) = {se_cov / se_lin:.4f}"
        )


# Age band (Panel, 0 to 17) within ethnic major groups: the Rao-Scott test of independence.
import numpy as np
from scipy.stats import chi2_contingency

bands = [r for r in csv.DictReader(open("data-schemas/code-lists/age_bands.csv")) if r["scheme"] == "panel"]
child_bands = [b["code"] for b in bands if b["max_age"] and int(b["max_age"]) <= 17]
major = {r["code"]: r["major_group"] for r in csv.DictReader(open("data-schemas/code-lists/ethnicity.csv"))}
groups = ["white", "mixed", "asian", "black", "other"]
people = defaultdict(list)
for r in csv.DictReader(open("data/sample/incidents.csv")):
    if r["age_years"]:
        age = int(r["age_years"])
        band = next((b["code"] for b in bands if b["max_age"] and int(b["min_age"]) <= age <= int(b["max_age"])), None)
    else:
        band = r["age_band"]
    people[r["incident_id"]].append((band, major.get(r["ethnicity"], "unknown")))
for first, last in periods:
    table = np.zeros((len(child_bands), len(groups)))
    d = np.ones_like(table)
    for j, g in enumerate(groups):
        for i, b in enumerate(child_bands):
            ys, ns = [], []
            for inc, children in people.items():
                if first <= year_of[inc] <= last:
                    ys.append(sum(1 for cb, cg in children if cg == g and cb == b))
                    ns.append(sum(1 for cb, cg in children if cg == g and cb in child_bands))
            Y, N = sum(ys), sum(ns)
            table[i, j] = Y
            if 0 < Y < N:
                p = Y / N
                lin = sum((y - p * n) ** 2 for y, n in zip(ys, ns)) / N**2
                d[i, j] = max(1.0, lin / (p * (1 - p) / N))
    R, C, n = table.sum(axis=1), table.sum(axis=0), table.sum()
    sub = table[R > 0][:, C > 0]
    x2, p_pearson, df, expected = chi2_contingency(sub, correction=False)
    delta = max(1.0, sum((1 - R[i] / n) * (1 - C[j] / n) * d[i, j] for i in range(len(R)) for j in range(len(C))
                         if R[i] > 0 and C[j] > 0) / df)
    label = str(last) if first == last else f"{first}-{last}"
    print(
        f"{label} age band by ethnic group: X2 = {x2:.4f} on {df} df (p = {p_pearson:.4g}), "
        f"delta = {delta:.4f}, Rao-Scott p = {chi2.sf(x2 / delta, df):.4g}, smallest expected {expected.min():.3g}"
    )
