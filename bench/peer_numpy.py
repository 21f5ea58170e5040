#!/usr/bin/env python3
"""The uncertainty benchmark's peer: bench/reference.yaml's model written the
way an analyst would, with NumPy, vectorised over draws.

    python3 bench/peer_numpy.py DRAWS [--seed S] [--scenario FILE]
    python3 bench/peer_numpy.py --base     (the deterministic base case)

Computes what `dcdemand mc` writes: for every year and each of the eight
summary metrics (dc_twh, ai_twh, national_twh, other_twh, dc_share_pct,
ai_share_pct, dc_load_gw, ai_load_gw) the mean, the sample sd (n - 1) and
the percentiles P5...P95 (NumPy's default linear interpolation, the same
definition as dcdemand's), and the exceedance probabilities of dc_share_pct
in 2030 above 8, 11 and 12 with their standard errors.  Prints one line
`Q YEAR METRIC MEAN SD P5 P10 P25 P50 P75 P90 P95` per cell, one line
`E METRIC YEAR THRESHOLD PROBABILITY STD_ERROR` per threshold, then its
elapsed seconds as the last line (sampling, model, statistics; not Python's
start-up or the YAML read).  Equations: docs/model.md; uncertain inputs: docs/uncertainty.md.
Supports what the reference scenario uses: linear or step series, capacity
(growth), energy and fleet drivers (fixed, exponential or Weibull lifetimes),
national demand given as total_twh or other_twh, and the six distribution
families.  Needs Debian's python3-numpy and python3-yaml.
"""
import math
import os
import sys
import time

try:
    import numpy as np
    import yaml
except ImportError:
    # a python3 earlier on PATH (a virtual environment, pyenv) may lack
    # Debian's packages: run under the system interpreter that has them
    if os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3") and \
            os.path.exists("/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    raise

PCTS = [5, 10, 25, 50, 75, 90, 95]
CHUNK = 50_000  # draws per vectorised chunk (keeps the arrays in memory)


def series(v, years):
    """A constant or a {year: value} mapping sampled on YEARS (flat outside)."""
    if not isinstance(v, dict):
        return np.full(len(years), float(v))
    interp = v.get("interpolation", "linear")
    pts = sorted((int(k), float(x)) for k, x in v.items() if k != "interpolation")
    xs = np.array([p[0] for p in pts], float)
    ys = np.array([p[1] for p in pts], float)
    if interp == "step":
        idx = np.clip(np.searchsorted(xs, years, side="right") - 1, 0, len(xs) - 1)
        return ys[idx]
    if interp != "linear":
        sys.exit(f"peer: interpolation {interp} not supported")
    return np.interp(years, xs, ys)


def survival(lt, ages, timing=None):
    """Vintage weights W(a) at whole ages A (docs/model.md, "Timing
    conventions"; shipping_year full): S(a) with survival: whole_ages, else
    (year_mean, the default) the mean of S over [a, a + 1], by 16-point
    Gauss-Legendre quadrature for the Weibull."""
    if not isinstance(lt, dict):
        lt = {"kind": "fixed", "years": lt}
    kind = lt["kind"]
    if kind == "fixed":
        s = lambda a: (a < lt["years"]).astype(float)
    elif kind == "exponential":
        s = lambda a: np.exp(-a / lt["years"])
    else:
        s = lambda a: np.exp(-((a / lt["scale"]) ** lt["shape"]))
    if (timing or {}).get("survival", "year_mean") == "whole_ages":
        return s(ages)
    if kind == "fixed":
        L = lt["years"]
        return np.minimum(ages + 1, L) - np.minimum(ages, L)
    if kind == "exponential":
        L = lt["years"]
        return L * (np.exp(-ages / L) - np.exp(-(ages + 1) / L))
    x, w = np.polynomial.legendre.leggauss(16)
    return (s(ages[..., None] + (x + 1) / 2) * w).sum(axis=-1) / 2


def grow(anchor, g, ib):
    """X(b) = ANCHOR (n,), X(t) = X(t-1)(1 + g(t)) forwards, divided backwards.
    G is (n, T) growth; returns (n, T)."""
    f = np.log1p(g)
    f[:, 0] = 0.0
    c = np.cumsum(f, axis=1)
    return anchor[:, None] * np.exp(c - c[:, ib:ib + 1])


def sample(spec, n, rng):
    d = spec["dist"]
    if d == "uniform":
        return rng.uniform(spec["min"], spec["max"], n)
    if d == "triangular":
        return rng.triangular(spec["min"], spec["mode"], spec["max"], n)
    if d == "pert":
        lo, mo, hi, lam = spec["min"], spec["mode"], spec["max"], spec.get("lambda", 4)
        a = 1 + lam * (mo - lo) / (hi - lo)
        b = 1 + lam * (hi - mo) / (hi - lo)
        return lo + (hi - lo) * rng.beta(a, b, n)
    if d in ("normal", "lognormal"):
        lo, hi = spec.get("min", -np.inf), spec.get("max", np.inf)
        if d == "normal":
            draw = lambda k: rng.normal(spec["mean"], spec["sd"], k)
        else:
            if "mean" in spec:
                s2 = math.log1p((spec["sd"] / spec["mean"]) ** 2)
                mu, sg = math.log(spec["mean"]) - s2 / 2, math.sqrt(s2)
            else:
                mu = math.log(spec["median"]) if "median" in spec else spec["mu"]
                sg = spec["sigma"]
            draw = lambda k: rng.lognormal(mu, sg, k)
        x = draw(n)
        bad = (x < lo) | (x > hi)
        while bad.any():  # truncation by rejection
            x[bad] = draw(int(bad.sum()))
            bad = (x < lo) | (x > hi)
        return x
    if d == "discrete":
        w = np.array(spec.get("weights", [1] * len(spec["values"])), float)
        return rng.choice(np.array(spec["values"], float), n, p=w / w.sum())
    sys.exit(f"peer: unknown distribution {d}")


def correlate(x, names, corr, rng):
    """Rank correlation: reorder each column by the ranks of correlated
    normal scores (Iman-Conover), Spearman targets via 2 sin(pi r / 6)."""
    d = len(names)
    c = np.eye(d)
    for item in corr:
        i, j = names.index(item["inputs"][0]), names.index(item["inputs"][1])
        c[i, j] = c[j, i] = 2 * math.sin(math.pi * item["rank"] / 6)
    z = rng.standard_normal((x.shape[0], d)) @ np.linalg.cholesky(c).T
    for j in range(d):
        if np.all(c[j, np.arange(d) != j] == 0):
            continue
        ranks = np.argsort(np.argsort(z[:, j]))
        x[:, j] = np.sort(x[:, j])[ranks]
    return x


class Model:
    def __init__(self, sc):
        y = sc["years"]
        self.years = np.arange(y["start"], y["end"] + 1)
        self.ib = y.get("base", y["start"]) - y["start"]
        self.sc = sc
        T = len(self.years)
        ages = self.years[:, None] - self.years[None, :]
        self.surv = {}
        for name, s in sc["segments"].items():
            if s["driver"] == "fleet":
                m = survival(s["lifetime"], np.maximum(ages, 0).astype(float), sc.get("timing"))
                self.surv[name] = np.where(ages >= 0, m, 0.0)  # [t, v]
        self.unc = sc.get("uncertainty", {})
        self.names = [k for k in self.unc if k != "correlations"]
        self.T = T

    def base(self, path):
        node = self.sc
        for k in path.split("."):
            node = node.get(k) if isinstance(node, dict) else None
        return node

    def inputs(self, path, default, n, draws):
        """The input at PATH for N draws: (n, T) for series, (n,) for numbers."""
        v = self.base(path)
        if v is None:
            v = default
        number = path.endswith(("_twh", "_gw")) and not isinstance(v, dict)
        arr = np.full(n, float(v)) if number else np.tile(series(v, self.years), (n, 1))
        if path in draws:
            spec = self.unc[path]
            mode = spec.get("apply", spec.get("mode") if isinstance(spec.get("mode"), str) else None)
            mode = mode or ("value" if number else "scale")
            x = draws[path] if number else draws[path][:, None]
            arr = arr * x if mode == "scale" else (arr + x if mode == "shift" else arr * 0 + x)
        return arr

    def evaluate(self, draws, n):
        sc, T, ib = self.sc, self.T, self.ib
        dc = np.zeros((n, T))
        ai = np.zeros((n, T))
        for name, s in sc["segments"].items():
            tot = ai if s.get("ai") else None
            p = f"segments.{name}."
            if s["driver"] == "energy":
                e = grow(self.inputs(p + "energy_twh", 0, n, draws),
                         self.inputs(p + "growth", 0, n, draws), ib)
                if s.get("basis") == "it":
                    e = e * self.inputs(p + "pue", sc.get("pue"), n, draws)
                dc += e
                if tot is not None:
                    tot += e
                continue
            if s["driver"] == "capacity":
                k = grow(self.inputs(p + "capacity_gw", 0, n, draws),
                         self.inputs(p + "growth", 0, n, draws), ib)
            else:
                units = self.inputs(p + "shipments", 0, n, draws)
                power = self.inputs(p + "unit_power_w", 0, n, draws)
                k = (units * power) @ self.surv[name].T / 1e9
            util = self.inputs(p + "utilisation", 1, n, draws)
            idle = self.inputs(p + "idle", 0, n, draws)
            pue = self.inputs(p + "pue", sc.get("pue"), n, draws)
            e = k * (idle + (1 - idle) * util) * 8.76 * pue
            dc += e
            if tot is not None:
                tot += e
        nat = sc["national"]
        g = self.inputs("national.growth", 0, n, draws)
        if "total_twh" in nat:
            other_b = self.inputs("national.total_twh", 0, n, draws) - dc[:, ib]
        else:
            other_b = self.inputs("national.other_twh", 0, n, draws)
        other = grow(other_b, g, ib)
        return dc, ai, other

    def draw(self, n, rng):
        x = np.column_stack([sample(self.unc[k], n, rng) for k in self.names])
        if self.unc.get("correlations"):
            x = correlate(x, self.names, self.unc["correlations"], rng)
        return {k: x[:, j] for j, k in enumerate(self.names)}


def main(argv):
    path, seed, ndraws, base = "bench/reference.yaml", 1, None, False
    it = iter(argv)
    for a in it:
        if a == "--seed":
            seed = int(next(it))
        elif a == "--scenario":
            path = next(it)
        elif a == "--base":
            base = True
        else:
            ndraws = int(float(a))
    with open(path) as f:
        model = Model(yaml.safe_load(f))
    if base:
        dc, _, other = model.evaluate({}, 1)
        share = (100 * dc / (other + dc))[0]
        for y, s in zip(model.years, share):
            print(f"{y} {s:.9g}")
        return 0
    if not ndraws or ndraws < 1:
        sys.exit("usage: python3 bench/peer_numpy.py DRAWS [--seed S] [--scenario FILE]")
    t0 = time.perf_counter()
    rng = np.random.default_rng(seed)
    dc = np.empty((ndraws, model.T))
    ai = np.empty((ndraws, model.T))
    other = np.empty((ndraws, model.T))
    for a in range(0, ndraws, CHUNK):
        m = min(CHUNK, ndraws - a)
        dc[a:a + m], ai[a:a + m], other[a:a + m] = model.evaluate(model.draw(m, rng), m)
    # the eight summary metrics, one (n, T) array at a time (memory)
    metrics = [("dc_twh", lambda: dc), ("ai_twh", lambda: ai),
               ("national_twh", lambda: other + dc), ("other_twh", lambda: other),
               ("dc_share_pct", lambda: 100 * dc / (other + dc)),
               ("ai_share_pct", lambda: 100 * ai / (other + dc)),
               ("dc_load_gw", lambda: dc / 8.76), ("ai_load_gw", lambda: ai / 8.76)]
    stats = {}
    exceed = []
    t2030 = min(2030, int(model.years[-1])) - int(model.years[0])
    for name, f in metrics:
        x = f()
        stats[name] = (x.mean(axis=0), x.std(axis=0, ddof=1), np.percentile(x, PCTS, axis=0))
        if name == "dc_share_pct":
            for thr in (8, 11, 12):
                p = float(np.mean(x[:, t2030] > thr))
                exceed.append((thr, p, math.sqrt(p * (1 - p) / ndraws)))
        del x
    elapsed = time.perf_counter() - t0
    for t, y in enumerate(model.years):
        for name, _ in metrics:
            mu, sd, q = stats[name]
            print(f"Q {y} {name} {mu[t]:.9g} {sd[t]:.9g} " +
                  " ".join(f"{q[i, t]:.9g}" for i in range(len(PCTS))))
    for thr, p, se in exceed:
        print(f"E dc_share_pct {model.years[t2030]} {thr} {p:.6g} {se:.6g}")
    print(f"{elapsed:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
