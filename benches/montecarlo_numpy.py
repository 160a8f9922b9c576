#!/usr/bin/env python3
"""The Monte Carlo of shared/spec/model-v1.md ("Uncertainty") in vectorised
numpy: the peer Wikken's speed is measured against.

    python3 benches/montecarlo_numpy.py MODEL.json [REPETITIONS]

Reads an afwegingsmodel file, runs the model's Monte Carlo (its
`uncertainty.iterations` and `uncertainty.seed`) REPETITIONS times (default
5) and prints one JSON object: the wall-clock seconds of each run
(`runs_s`, computation only: reading the JSON is not timed) and, from the
last run, per option `mean`, `sd`, `p5`, `p50`, `p95`, `prob_positive`,
`prob_best`, and the top-level `evpi`, so the benchmark can check that both
implementations agree statistically (the streams differ, so the figures
agree within sampling error, not to the digit).

The implementation is what a competent numpy user would write: PV factors
for all flows at once as a (flows x years) array; per distribution kind one
(iterations x flows) array of draws from `numpy.random.default_rng(seed)`;
the npv per option by one matrix product of the draws with a (flows x
options) matrix of sign x PV factor (faster here than sorting the flows by
option and `np.add.reduceat`, see `--reduceat`); percentiles by
`np.percentile(..., axis=0)` (linear, numpy's default); `prob_best` by
`argmax` (ties go to the first option, as the spec says).
"""

import json
import sys
import time

import numpy as np


def flows_of(model):
    """Per flow: option index, sign, PV factor, amount, distribution."""
    horizon = model.get("horizon_years", 30)
    rate = model.get("discount_rate", 0.0225)
    rows = []
    for i, option in enumerate(model["options"]):
        for f in option.get("flows", []):
            adjust = f.get("adjust") or {}
            benefit = f["kind"] == "benefit"
            from_year = f.get("from_year", 0)
            rows.append(
                (
                    i,
                    1.0 if benefit else -1.0,
                    f["amount"],
                    from_year,
                    min(f.get("to_year", from_year), horizon - 1),
                    f.get("growth", 0.0),
                    (1 - adjust.get("deadweight", 0.0))
                    * (1 - adjust.get("attribution", 0.0))
                    * (1 - adjust.get("displacement", 0.0))
                    if benefit
                    else 1.0,
                    1 - adjust.get("drop_off", 0.0) if benefit else 1.0,
                    f.get("uncertainty"),
                )
            )
    return rows, horizon, rate


def pv_factors(rows, horizon, rate):
    """Sum over years of (1+g)^(t-from) * A(t) / (1+r)^t, for all flows at once."""
    t = np.arange(horizon, dtype=float)[None, :]
    col = lambda k: np.array([r[k] for r in rows], dtype=float)[:, None]
    start, last, growth, base, keep = col(3), col(4), col(5), col(6), col(7)
    k = t - start
    inside = (k >= 0) & (t <= last)
    k = np.where(inside, k, 0.0)
    value = base * ((1 + growth) * keep) ** k / (1 + rate) ** t
    return np.where(inside, value, 0.0).sum(axis=1)


def prepare(model):
    """Everything that does not depend on the draws."""
    rows, horizon, rate = flows_of(model)
    n_opt = len(model["options"])
    option = np.array([r[0] for r in rows], dtype=np.intp)
    sign = np.array([r[1] for r in rows])
    amount = np.array([r[2] for r in rows])
    coef = sign * pv_factors(rows, horizon, rate) if rows else np.zeros(0)
    fixed = np.zeros(n_opt)
    kinds = {"triangular": [], "pert": [], "uniform": [], "normal": []}
    for j, r in enumerate(rows):
        u = r[8]
        if u is None:
            fixed[option[j]] += coef[j] * amount[j]
        elif u["distribution"] in ("triangular", "uniform") and u["low"] == u["high"]:
            fixed[option[j]] += coef[j] * u["low"]  # a constant
        else:
            kinds[u["distribution"]].append(j)
    groups = []
    for kind, idx in kinds.items():
        if not idx:
            continue
        idx = np.array(idx, dtype=np.intp)
        unc = [rows[j][8] for j in idx]
        if kind == "normal":
            params = (amount[idx], np.array([u["sd"] for u in unc]))
        else:
            low = np.array([u["low"] for u in unc])
            high = np.array([u["high"] for u in unc])
            if kind == "pert":
                span = high - low
                params = (
                    low,
                    span,
                    1 + 4 * (amount[idx] - low) / span,
                    1 + 4 * (high - amount[idx]) / span,
                )
            elif kind == "triangular":
                params = (low, amount[idx], high)
            else:
                params = (low, high)
        groups.append((kind, idx, params))
    order = np.concatenate([idx for _, idx, _ in groups]) if groups else np.zeros(0, np.intp)
    # (flows x options): sign x PV factor in the column of the flow's option
    weights = np.zeros((len(order), n_opt))
    weights[np.arange(len(order)), option[order]] = coef[order]
    by_option = np.argsort(option[order], kind="stable")
    starts = np.searchsorted(option[order][by_option], np.arange(n_opt))
    return {
        "n_opt": n_opt,
        "fixed": fixed,
        "groups": groups,
        "weights": weights,
        "coef": coef[order],
        "by_option": by_option,
        "starts": starts,
        "has_flows": np.isin(np.arange(n_opt), option[order]),
    }


def draws(rng, prep, n):
    """(iterations x uncertain flows) amounts, grouped by distribution kind."""
    parts = []
    for kind, idx, p in prep["groups"]:
        size = (n, len(idx))
        if kind == "triangular":
            parts.append(rng.triangular(p[0], p[1], p[2], size=size))
        elif kind == "pert":
            parts.append(p[0] + p[1] * rng.beta(p[2], p[3], size=size))
        elif kind == "uniform":
            parts.append(rng.uniform(p[0], p[1], size=size))
        else:
            parts.append(rng.normal(p[0], p[1], size=size))
    return np.concatenate(parts, axis=1)


def npv_matmul(prep, x):
    return prep["fixed"] + x @ prep["weights"]


def npv_reduceat(prep, x):
    n_opt = prep["n_opt"]
    x *= prep["coef"]
    x = x[:, prep["by_option"]]
    sums = np.zeros((x.shape[0], n_opt))
    has = prep["has_flows"]
    sums[:, has] = np.add.reduceat(x, prep["starts"][has], axis=1)
    return prep["fixed"] + sums


def monte_carlo(prep, iterations, seed, npv_of=npv_matmul):
    """The spec's statistics per option, and evpi."""
    rng = np.random.default_rng(seed)
    if prep["groups"]:
        npv = npv_of(prep, draws(rng, prep, iterations))
    else:
        npv = np.broadcast_to(prep["fixed"], (iterations, prep["n_opt"]))
    mean = npv.mean(axis=0)
    p5, p50, p95 = np.percentile(npv, [5, 50, 95], axis=0)
    wins = np.bincount(npv.argmax(axis=1), minlength=prep["n_opt"])
    return {
        "mean": mean,
        "sd": npv.std(axis=0),
        "p5": p5,
        "p50": p50,
        "p95": p95,
        "prob_positive": (npv > 0).mean(axis=0),
        "prob_best": wins / iterations,
        "evpi": max(npv.max(axis=1).mean() - mean.max(), 0.0),
    }


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    if not args:
        sys.exit(__doc__)
    with open(args[0], encoding="utf-8") as f:
        model = json.load(f)
    reps = int(args[1]) if len(args) > 1 else 5
    npv_of = npv_reduceat if "--reduceat" in argv else npv_matmul
    unc = model.get("uncertainty") or {}
    iterations, seed = unc.get("iterations", 10000), unc.get("seed", 1)
    runs = []
    for _ in range(reps):
        t0 = time.perf_counter()
        prep = prepare(model)
        result = monte_carlo(prep, iterations, seed, npv_of)
        runs.append(time.perf_counter() - t0)
    out = {"runs_s": runs, "numpy": np.__version__}
    out.update({k: (v.tolist() if isinstance(v, np.ndarray) else v) for k, v in result.items()})
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv)
