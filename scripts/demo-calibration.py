#!/usr/bin/env python3
"""Prints the calibration constants of the demo gemeente
(crates/data/src/demo/calibration.rs) from the real CBS files in
../shared/data (see its README). Standard library only; run once by hand:

    python3 scripts/demo-calibration.py [path/to/shared/data]

Nothing reads these files at run time: the printed figures are pasted into
calibration.rs as constants.
"""
import csv
import math
import os
import statistics
import sys
from statistics import NormalDist

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "shared", "data")
QUANTILES = (1, 5, 25, 50, 75, 95, 99)


def load(path):
    with open(os.path.join(DATA, path), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def num(row, col):
    try:
        return float(row[col])
    except (KeyError, ValueError):
        return None


def quantile(xs, q):
    """Linear interpolation between order statistics (numpy's default)."""
    xs = sorted(xs)
    k = (len(xs) - 1) * q / 100
    f = int(k)
    c = min(f + 1, len(xs) - 1)
    return xs[f] + (xs[c] - xs[f]) * (k - f)


def urban(row, col):
    return num(row, col) in (1.0, 2.0)


def table(name, xs):
    values = ", ".join(f"{quantile(xs, q):.1f}" for q in QUANTILES)
    print(f"    // n = {len(xs)}\n    {name}: [{values}],")


buurten = [
    r
    for r in load("cbs_kwb_2024/kwb2024_buurten.csv")
    if urban(r, "stedelijkheid_1_5") and (num(r, "inwoners") or 0) >= 500
]
print(f"// Urban buurten (stedelijkheid 1-2, >= 500 inwoners): {len(buurten)}")
print(f"// quantiles p{', p'.join(map(str, QUANTILES))}")
for name, col in [
    ("woz", "gem_woz_waarde_x1000eur"),
    ("koop", "pct_koopwoningen"),
    ("eengezins", "pct_eengezinswoningen"),
    ("hh_size", "gem_huishoudensgrootte"),
    ("income", "gem_inkomen_per_inwoner_x1000eur"),
    ("crime", "misdrijven_per_1000_inw_12mnd"),
    ("health", "pct_goed_ervaren_gezondheid_rivm"),
    ("density", "bevolkingsdichtheid_per_km2"),
]:
    table(name, [v for r in buurten if (v := num(r, col)) is not None])
for name, col in [("young", "inwoners_0_14"), ("old", "inwoners_65plus")]:
    table(
        name + " (% of inwoners)",
        [100 * num(r, col) / num(r, "inwoners") for r in buurten if num(r, col) is not None],
    )

# Larger buurten are less dense: slope of density's normal score on
# log2(area), least squares.
pairs = [
    (math.log2(num(r, "oppervlakte_land_ha")), num(r, "bevolkingsdichtheid_per_km2"))
    for r in buurten
    if num(r, "oppervlakte_land_ha") and num(r, "bevolkingsdichtheid_per_km2") is not None
]
order = sorted(d for _, d in pairs)
first = {}
last = {}
for i, d in enumerate(order):
    first.setdefault(d, i)
    last[d] = i
normal = NormalDist()
xs = [x for x, _ in pairs]
zs = [normal.inv_cdf(((first[d] + last[d]) / 2 + 0.5) / len(order)) for _, d in pairs]
mx, mz = statistics.mean(xs), statistics.mean(zs)
slope = sum((x - mx) * (z - mz) for x, z in zip(xs, zs)) / sum((x - mx) ** 2 for x in xs)
print(f"    // density z per doubling of area: {slope:.2f}; median area {statistics.median(2 ** x for x in xs):.0f} ha")

rows = load("cbs_kwb_gemeenten_2020_2025/kwb_gemeenten_woningvoorraad_2020_2025.csv")
by_code = {}
for r in rows:
    by_code.setdefault(r["gemeentecode"], {})[int(r["jaar"])] = r
g2024 = [r for r in rows if r["jaar"] == "2024" and urban(r, "ste_mvs")]
print(f"\n// Urban gemeenten 2024 (ste_mvs 1-2): {len(g2024)}")
for col in ["p_huurw", "p_wcorpw", "p_ov_hw", "p_leegsw"]:
    table(col, [v for r in g2024 if (v := num(r, col)) is not None])
ratios = [num(r, "p_wcorpw") / num(r, "p_huurw") for r in g2024 if num(r, "p_huurw")]
print(f"    // corporation share of rented dwellings, median {quantile(ratios, 50):.2f}")
print(
    "    // households per dwelling, median "
    f"{quantile([num(r, 'a_hh') / num(r, 'a_woning') for r in g2024], 50):.3f}"
)

print("\n// Median yearly change, urban gemeenten (%), per KWB edition pair")
for col in ["a_inw", "a_hh", "a_woning", "g_wozbag_eur"]:
    out = []
    for y in range(2020, 2025):
        ch = [
            100 * (num(ys[y + 1], col) / num(ys[y], col) - 1)
            for ys in by_code.values()
            if y in ys and y + 1 in ys and urban(ys[y + 1], "ste_mvs")
            and num(ys[y], col) and num(ys[y + 1], col) is not None
        ]
        out.append(f"{y}->{y + 1}: {quantile(ch, 50):.2f}")
    print(f"    // {col}: " + ", ".join(out))
print("\n// Mean yearly change of shares, urban gemeenten (percentage points)")
for col in ["p_koopw", "p_wcorpw", "p_leegsw"]:
    ch = [
        num(ys[y + 1], col) - num(ys[y], col)
        for ys in by_code.values()
        for y in range(2020, 2025)
        if y in ys and y + 1 in ys and urban(ys[y + 1], "ste_mvs")
        and num(ys[y], col) is not None and num(ys[y + 1], col) is not None
    ]
    print(f"    // {col}: {sum(ch) / len(ch):+.2f} per year")
