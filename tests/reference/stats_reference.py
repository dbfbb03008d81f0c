#!/usr/bin/python3
"""Reference values for gapscore's statistics kernels, from scipy/statsmodels.

Run with Debian's interpreter (scipy 1.10.1, statsmodels 0.13.5):
    /usr/bin/python3 tests/reference/stats_reference.py
Writes tests/data/reference/stats_reference.json (inputs and expected outputs,
17 significant digits). tests/stats_test.cpp compares gapscore to it.
Everything here is computed independently of gapscore's formulas: Gini by the
O(n^2) definition, Theil as ln(n) - entropy, Hedges' J with 50-digit mpmath gamma functions.
"""
import json
import math
import os

import numpy as np
import scipy
import scipy.special
import scipy.stats
import statsmodels.api as sm
import mpmath

mpmath.mp.dps = 50

rng = np.random.default_rng(20240229)
OUT = os.path.join(os.path.dirname(__file__), "..", "data", "reference", "stats_reference.json")


def r17(v):
    if v is None:
        return None
    v = float(v)
    if math.isnan(v) or math.isinf(v):
        return None
    return float("%.17g" % v)


def lst(a):
    return [r17(v) for v in a]


def gini_definition(x):
    x = np.asarray(x, float)
    n = len(x)
    if n == 0 or x.mean() <= 0 or (x < 0).any():
        return None
    return np.abs(x[:, None] - x[None, :]).sum() / (2 * n * n * x.mean())


def theil(x):
    x = np.asarray(x, float)
    if len(x) == 0 or x.mean() <= 0 or (x < 0).any():
        return None
    return math.log(len(x)) - scipy.stats.entropy(x)


def cv(x):
    x = np.asarray(x, float)
    if len(x) == 0 or x.mean() == 0:
        return None
    return x.std(ddof=0) / x.mean()


def hedges(a, b):
    a, b = np.asarray(a, float), np.asarray(b, float)
    n1, n2 = len(a), len(b)
    if n1 < 2 or n2 < 2:
        return None
    df = n1 + n2 - 2
    sp = math.sqrt(((n1 - 1) * a.var(ddof=1) + (n2 - 1) * b.var(ddof=1)) / df)
    if sp == 0:
        return None
    d = (a.mean() - b.mean()) / sp
    # Exact J in 50-digit arithmetic: a float gammaln difference loses ~1e-12 at large df.
    j = float(mpmath.gamma(mpmath.mpf(df) / 2) / (mpmath.sqrt(mpmath.mpf(df) / 2) * mpmath.gamma((mpmath.mpf(df) - 1) / 2)))
    return {"g": j * d, "d": d, "j": j}


def mwu(a, b):
    if len(a) == 0 or len(b) == 0:
        return None
    res = scipy.stats.mannwhitneyu(a, b, method="asymptotic", use_continuity=True, alternative="two-sided")
    if math.isnan(res.pvalue):
        return None
    return {"u": res.statistic, "p": res.pvalue}


def spearman(x, y):
    if len(x) < 3 or np.ptp(x) == 0 or np.ptp(y) == 0:
        return None
    r = scipy.stats.spearmanr(x, y)
    return {"rho": r.correlation, "p": r.pvalue}


# ---- one-sample inequality data ----
samples = {
    "two_values": [0.2, 0.8],
    "three_with_zero": [0.0, 0.5, 1.0],
    "ties": [0.3, 0.3, 0.3, 0.7, 0.7, 0.1],
    "all_equal": [0.4] * 7,
    "one_value": [0.9],
    "all_zero": [0.0, 0.0, 0.0],
    "shares_uniform_500": rng.uniform(0, 1, 500).tolist(),
    "skewed_lognormal_300": rng.lognormal(0, 1.2, 300).tolist(),
    "mostly_zero": [0.0] * 40 + rng.uniform(0.5, 1, 10).tolist(),
    "hand_written": [0.05, 0.12, 0.12, 0.33, 0.61, 0.61, 0.61, 0.95],
}
one_sample = []
for name, x in samples.items():
    one_sample.append({
        "name": name, "x": lst(x),
        "gini": r17(gini_definition(x)), "theil_t": r17(theil(x)), "cv": r17(cv(x)),
        "quantiles": {str(q): r17(np.percentile(x, q * 100)) for q in (0.0, 0.025, 0.25, 0.5, 0.75, 0.975, 1.0)},
        "ranks": lst(scipy.stats.rankdata(x)),
    })

# ---- two-sample comparisons ----
pairs = {
    "small_2_2": ([1.0, 2.0], [3.0, 5.0]),
    "small_3_5": ([2.1, 2.5, 3.9], [1.0, 1.2, 1.9, 2.2, 2.8]),
    "ties_across": ([1, 2, 2, 3, 3, 3], [2, 3, 3, 4, 4, 5, 5]),
    "normal_40_60": (rng.normal(1.3, 0.4, 40).tolist(), rng.normal(1.0, 0.5, 60).tolist()),
    "large_400_300": (rng.normal(2.0, 1.0, 400).tolist(), rng.normal(1.8, 1.1, 300).tolist()),
    "identical_distribution": (rng.normal(0, 1, 25).tolist(), rng.normal(0, 1, 25).tolist()),
    "one_side_constant": ([2.0, 2.0, 2.0], [1.0, 3.0, 5.0]),
    "large_df_2500_2500": (rng.normal(0.1, 1.0, 2500).tolist(), rng.normal(0.0, 1.0, 2500).tolist()),
}
two_sample = []
for name, (a, b) in pairs.items():
    entry = {"name": name, "a": lst(a), "b": lst(b), "hedges": None, "mwu": None}
    h = hedges(a, b)
    if h:
        entry["hedges"] = {k: r17(v) for k, v in h.items()}
    m = mwu(a, b)
    if m:
        entry["mwu"] = {k: r17(v) for k, v in m.items()}
    two_sample.append(entry)

# ---- bootstrap: scipy's percentile CI for the stratified difference of means ----
boot = []
for name in ("normal_40_60", "small_3_5", "large_400_300"):
    a, b = pairs[name]
    res = scipy.stats.bootstrap((np.asarray(a), np.asarray(b)), lambda x, y, axis=-1: x.mean(axis=axis) - y.mean(axis=axis),
                                method="percentile", n_resamples=20000, confidence_level=0.95, vectorized=True,
                                random_state=np.random.default_rng(7))
    boot.append({"name": name, "a": lst(a), "b": lst(b), "low": r17(res.confidence_interval.low),
                 "high": r17(res.confidence_interval.high), "standard_error": r17(res.standard_error)})

# ---- Spearman ----
corr = []
x = rng.normal(0, 1, 200)
corr_sets = {
    "monotone_noise": (x.tolist(), (x + rng.normal(0, 1.5, 200)).tolist()),
    "ties": ([1, 1, 2, 2, 3, 3, 4, 4, 5, 5], [2, 1, 2, 3, 3, 5, 4, 4, 6, 5]),
    "small": ([1.0, 2.0, 3.0, 4.0], [1.0, 3.0, 2.0, 4.0]),
    "weak_1000": (rng.uniform(0, 1, 1000).tolist(), rng.uniform(0, 1, 1000).tolist()),
    "perfect": ([1.0, 2.0, 3.0, 4.0, 5.0], [2.0, 4.0, 6.0, 8.0, 10.0]),
    "negative": ([5.0, 3.0, 4.0, 1.0, 2.0, 0.5], [0.1, 0.4, 0.2, 0.9, 0.6, 1.0]),
    "constant": ([1.0, 1.0, 1.0, 1.0], [1.0, 2.0, 3.0, 4.0]),
}
for name, (a, b) in corr_sets.items():
    s = spearman(np.asarray(a, float), np.asarray(b, float))
    corr.append({"name": name, "x": lst(a), "y": lst(b),
                 "rho": r17(s["rho"]) if s else None, "p": r17(s["p"]) if s else None})

# ---- OLS with HC3 ----
ols = []
n = 120
mode = rng.integers(0, 3, n)
share = rng.uniform(0, 1, n)
role = rng.integers(0, 2, n)
y = 1.0 + 0.8 * share + 0.2 * role + rng.normal(0, 0.3, n)
X = np.column_stack([np.ones(n), (mode == 1).astype(float), (mode == 2).astype(float), share, role.astype(float)])
fit = sm.OLS(y, X).fit(cov_type="HC3")
ols.append({"name": "work_mode_design", "y": lst(y), "x": [lst(r) for r in X], "k": X.shape[1], "full_rank": True,
            "coef": lst(fit.params), "se": lst(fit.bse), "p": lst(fit.pvalues), "r_squared": r17(fit.rsquared)})
# Simple regression, small n.
Xs = np.column_stack([np.ones(6), [1.0, 2.0, 3.0, 4.0, 5.0, 7.0]])
ys = np.array([1.1, 1.9, 3.2, 3.9, 5.3, 6.8])
fit = sm.OLS(ys, Xs).fit(cov_type="HC3")
ols.append({"name": "simple_6", "y": lst(ys), "x": [lst(r) for r in Xs], "k": 2, "full_rank": True,
            "coef": lst(fit.params), "se": lst(fit.bse), "p": lst(fit.pvalues), "r_squared": r17(fit.rsquared)})
# Collinear columns: rank deficient.
Xc = np.column_stack([np.ones(10), np.arange(10.0), 2 * np.arange(10.0)])
ols.append({"name": "collinear", "y": lst(np.arange(10.0)), "x": [lst(r) for r in Xc], "k": 3, "full_rank": False})

data = {
    "generated_by": "tests/reference/stats_reference.py",
    "scipy": scipy.__version__, "numpy": np.__version__, "statsmodels": sm.__version__ if hasattr(sm, "__version__") else "0.13",
    "one_sample": one_sample, "two_sample": two_sample, "bootstrap": boot, "spearman": corr, "ols": ols,
}
with open(OUT, "w") as f:
    json.dump(data, f, indent=1)
    f.write("\n")
print("wrote", os.path.normpath(OUT))
