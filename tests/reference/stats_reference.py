#!/usr/bin/python3
"""Reference values for gapscore's statistics kernels (core/src/stats/).

Run with Debian's interpreter (scipy 1.10.1, statsmodels 0.13.5, numpy 1.24):
    /usr/bin/python3 tests/reference/stats_reference.py
Writes tests/data/reference/stats_reference.json: every input and every expected
output, floats written with repr() (shortest text that round-trips, i.e. full
precision). tests/stats_test.cpp compares gapscore against it.

The expected values come from the libraries or definitions, independently of
gapscore's formulas:
  gini       O(n^2) definition sum|xi - xj| / (2 n^2 mean), numpy (population form)
  theil_t    ln(n) - scipy.stats.entropy(x)
  cv         numpy std(ddof=0) / mean
  quantiles  numpy.quantile(method='linear'); ranks scipy.stats.rankdata
  hedges     pooled SD from numpy; J = Gamma(df/2)/(sqrt(df/2) Gamma((df-1)/2)) with
             mpmath at 50 digits (scipy.special.gammaln is cross-checked against it)
  mwu        scipy.stats.mannwhitneyu(method='asymptotic', use_continuity=True, two-sided)
  welch      scipy.stats.ttest_ind(equal_var=False, alternative='greater'): one-sided p
  spearman   scipy.stats.spearmanr
  ols        statsmodels OLS(y, X).fit(cov_type='HC3'): params, bse, pvalues, rsquared
  bootstrap  scipy.stats.bootstrap((a, b), mean difference, method='percentile',
             n_resamples=20000), 40 runs with different seeds: their mean bounds and spread
A NaN/undefined result is written as null.
"""
import json
import math
import os
import warnings

import mpmath
import numpy as np
import scipy
import scipy.special
import scipy.stats
import statsmodels
import statsmodels.api as sm

warnings.simplefilter("ignore")  # scipy warns on constant input; the nulls below record it
mpmath.mp.dps = 50
rng = np.random.default_rng(20240611)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "reference", "stats_reference.json")


def num(v):
    if v is None:
        return None
    v = float(v)
    return None if math.isnan(v) or math.isinf(v) else v


def nums(a):
    return [num(v) for v in a]


def floats(a):
    return [float(v) for v in a]


# ---------------------------------------------------------------- one sample
def gini_definition(x):
    x = np.asarray(x, float)
    n = len(x)
    if n == 0 or (x < 0).any() or x.mean() <= 0:
        return None
    return np.abs(x[:, None] - x[None, :]).sum() / (2 * n * n * x.mean())


def theil(x):
    x = np.asarray(x, float)
    if len(x) == 0 or (x < 0).any() or x.mean() <= 0:
        return None
    return math.log(len(x)) - scipy.stats.entropy(x)


def cv(x):
    x = np.asarray(x, float)
    if len(x) == 0 or x.mean() == 0:
        return None
    return x.std(ddof=0) / x.mean()


QS = [0.0, 0.01, 0.025, 0.1, 0.25, 0.3, 0.5, 0.7, 0.75, 0.9, 0.975, 0.99, 1.0]
samples = {
    "one_value": [0.9],
    "two_values": [0.2, 0.8],
    "three_with_zero": [0.0, 0.5, 1.0],
    "five": [0.31, 0.05, 0.77, 0.5, 0.12],
    "ties": [0.3, 0.3, 0.3, 0.7, 0.7, 0.1],
    "all_equal": [0.4] * 7,
    "all_zero": [0.0, 0.0, 0.0],
    "one_nonzero": [0.0, 0.0, 0.0, 0.0, 3.5],
    "with_negative": [-0.5, 1.0, 2.0],
    "zero_mean": [-1.0, 1.0, -2.0, 2.0],
    "mostly_zero": [0.0] * 40 + rng.uniform(0.5, 1, 10).tolist(),
    "shares_uniform_500": rng.uniform(0, 1, 500).tolist(),
    "skewed_lognormal_300": rng.lognormal(0, 1.2, 300).tolist(),
    "counts_poisson_200": rng.poisson(3.0, 200).astype(float).tolist(),  # many ties
    "large_scale": (rng.uniform(0, 1, 50) * 1e7 + 1e6).tolist(),
    "tiny_scale": (rng.uniform(0, 1, 50) * 1e-9).tolist(),
    "hand_written": [0.05, 0.12, 0.12, 0.33, 0.61, 0.61, 0.61, 0.95],
}
one_sample = []
for name, x in samples.items():
    one_sample.append({
        "name": name, "x": floats(x),
        "gini": num(gini_definition(x)), "theil_t": num(theil(x)), "cv": num(cv(x)),
        "quantiles": [[q, float(np.quantile(np.asarray(x, float), q, method="linear"))] for q in QS],
        "ranks": floats(scipy.stats.rankdata(x)),
    })


# ---------------------------------------------------------------- two samples
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
    m = mpmath.mpf(df) / 2
    j = float(mpmath.gamma(m) / (mpmath.sqrt(m) * mpmath.gamma(m - mpmath.mpf("0.5"))))
    # scipy's gammaln gives the same J up to the cancellation of two large values.
    j_scipy = math.exp(scipy.special.gammaln(df / 2) - scipy.special.gammaln((df - 1) / 2)) / math.sqrt(df / 2)
    assert abs(j_scipy - j) < 1e-11 * j, (j, j_scipy)
    return {"g": j * d, "d": d, "j": j, "df": df}


def mwu(a, b):
    if len(a) == 0 or len(b) == 0:
        return None
    res = scipy.stats.mannwhitneyu(a, b, method="asymptotic", use_continuity=True, alternative="two-sided")
    return {"u": num(res.statistic), "p": num(res.pvalue)}


def welch_greater(a, b):
    """One-sided Welch t-test that mean(a) > mean(b); null where scipy has no answer (n < 2, no spread)."""
    if len(a) < 2 or len(b) < 2:
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = scipy.stats.ttest_ind(a, b, equal_var=False, alternative="greater")
    return num(res.pvalue)


pairs = {
    "one_each": ([1.0], [2.0]),
    "one_and_three": ([5.0], [1.0, 2.0, 3.0]),
    "small_2_2": ([1.0, 2.0], [3.0, 5.0]),
    "small_3_5": ([2.1, 2.5, 3.9], [1.0, 1.2, 1.9, 2.2, 2.8]),
    "ties_across": ([1, 2, 2, 3, 3, 3], [2, 3, 3, 4, 4, 5, 5]),
    "all_tied": ([2.0, 2.0, 2.0], [2.0, 2.0]),
    "both_constant_different": ([1.0, 1.0, 1.0], [3.0, 3.0]),
    "one_side_constant": ([2.0, 2.0, 2.0], [1.0, 3.0, 5.0]),
    "separated": ([10.0, 11.0, 12.5, 13.0, 14.0, 15.0, 16.0, 17.0], [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]),
    "normal_40_60": (rng.normal(1.3, 0.4, 40).tolist(), rng.normal(1.0, 0.5, 60).tolist()),
    "identical_distribution": (rng.normal(0, 1, 25).tolist(), rng.normal(0, 1, 25).tolist()),
    "skewed_120_90": (rng.lognormal(0.3, 0.9, 120).tolist(), rng.lognormal(0.0, 0.9, 90).tolist()),
    "integer_ties_200_150": (rng.integers(0, 6, 200).astype(float).tolist(), rng.integers(0, 5, 150).astype(float).tolist()),
    "large_400_300": (rng.normal(2.0, 1.0, 400).tolist(), rng.normal(1.8, 1.1, 300).tolist()),
    "large_df_2500_2500": (rng.normal(0.1, 1.0, 2500).tolist(), rng.normal(0.0, 1.0, 2500).tolist()),
}
two_sample = []
for name, (a, b) in pairs.items():
    h = hedges(a, b)
    two_sample.append({"name": name, "a": floats(a), "b": floats(b),
                       "hedges": {k: float(v) for k, v in h.items()} if h else None, "mwu": mwu(a, b),
                       "welch_greater": welch_greater(a, b)})

# ---------------------------------------------------------------- bootstrap
B = 20000
CONF = 0.95


def mean_difference(x, y, axis=-1):
    return x.mean(axis=axis) - y.mean(axis=axis)


boot = []
for name in ("small_3_5", "normal_40_60", "skewed_120_90", "large_400_300"):
    a, b = (np.asarray(v, float) for v in pairs[name])
    runs = []
    for seed in range(40):
        res = scipy.stats.bootstrap((a, b), mean_difference, method="percentile", n_resamples=B,
                                    confidence_level=CONF, vectorized=True, random_state=np.random.default_rng(1000 + seed))
        runs.append((res.confidence_interval.low, res.confidence_interval.high, res.standard_error))
    lows, highs, ses = (np.array(c) for c in zip(*runs))
    boot.append({"name": name, "a": floats(a), "b": floats(b), "n_resamples": B, "confidence": CONF,
                 # mean over the 40 runs (Monte-Carlo error mc_sd/sqrt(40)), and the spread of the
                 # runs: the Monte-Carlo error of one 20000-resample run
                 "runs": len(runs), "low": float(lows.mean()), "high": float(highs.mean()),
                 "standard_error": float(ses.mean()),
                 "low_mc_sd": float(lows.std(ddof=1)), "high_mc_sd": float(highs.std(ddof=1)),
                 "observed_difference": float(a.mean() - b.mean())})

# ---------------------------------------------------------------- Spearman
corr = []
x = rng.normal(0, 1, 200)
big = rng.integers(0, 20, 5000).astype(float)
corr_sets = {
    "n2": ([1.0, 2.0], [2.0, 1.0]),
    "n3": ([1.0, 2.0, 3.0], [1.0, 3.0, 2.0]),
    "small": ([1.0, 2.0, 3.0, 4.0], [1.0, 3.0, 2.0, 4.0]),
    "ties": ([1, 1, 2, 2, 3, 3, 4, 4, 5, 5], [2, 1, 2, 3, 3, 5, 4, 4, 6, 5]),
    "perfect": ([1.0, 2.0, 3.0, 4.0, 5.0], [2.0, 4.0, 6.0, 8.0, 10.0]),
    "perfect_negative": ([1.0, 2.0, 3.0, 4.0], [9.0, 7.0, 5.0, 1.0]),
    "negative": ([5.0, 3.0, 4.0, 1.0, 2.0, 0.5], [0.1, 0.4, 0.2, 0.9, 0.6, 1.0]),
    "constant": ([1.0, 1.0, 1.0, 1.0], [1.0, 2.0, 3.0, 4.0]),
    "monotone_noise_200": (x.tolist(), (x + rng.normal(0, 1.5, 200)).tolist()),
    "weak_1000": (rng.uniform(0, 1, 1000).tolist(), rng.uniform(0, 1, 1000).tolist()),
    "ties_5000": (big.tolist(), (big + rng.integers(0, 60, 5000)).astype(float).tolist()),
}
for name, (a, b) in corr_sets.items():
    a, b = np.asarray(a, float), np.asarray(b, float)
    if len(a) < 3 or np.ptp(a) == 0 or np.ptp(b) == 0:
        rho = p = None  # scipy gives NaN here (or, for n = 2, rho = ±1 with no p-value)
    else:
        r = scipy.stats.spearmanr(a, b)
        rho, p = num(r.correlation), num(r.pvalue)
    corr.append({"name": name, "x": floats(a), "y": floats(b), "rho": rho, "p": p})


# ---------------------------------------------------------------- OLS with HC3
def ols_entry(name, y, X, **extra):
    fit = sm.OLS(np.asarray(y, float), np.asarray(X, float)).fit(cov_type="HC3")
    e = {"name": name, "y": floats(y), "x": [floats(r) for r in X], "k": int(X.shape[1]), "full_rank": True,
         "coef": floats(fit.params), "se": nums(fit.bse), "p": nums(fit.pvalues), "r_squared": float(fit.rsquared),
         "has_constant": bool(fit.model.k_constant)}
    e.update(extra)
    return e


ols = []
n = 120
mode = rng.integers(0, 3, n)
share = rng.uniform(0, 1, n)
role = rng.integers(0, 2, n)
y = 1.0 + 0.8 * share + 0.2 * role + rng.normal(0, 0.3, n)
X = np.column_stack([np.ones(n), mode == 1, mode == 2, share, role]).astype(float)
ols.append(ols_entry("work_mode_design", y, X))

Xs = np.column_stack([np.ones(6), [1.0, 2.0, 3.0, 4.0, 5.0, 7.0]])
ols.append(ols_entry("simple_6", np.array([1.1, 1.9, 3.2, 3.9, 5.3, 6.8]), Xs))

# Larger design with skewed, heteroscedastic noise and badly scaled columns.
n = 500
hours = rng.uniform(20, 45, n)
tenure_days = rng.uniform(30, 5000, n)
share = rng.beta(0.7, 1.5, n)
team = rng.integers(0, 4, n)
noise = rng.lognormal(0, 0.6, n) * (0.5 + share)
y = 3.0 + 0.05 * hours + 1.5 * share + 0.0001 * tenure_days + 0.3 * (team == 2) + noise
X = np.column_stack([np.ones(n), hours, tenure_days, share, team == 1, team == 2, team == 3]).astype(float)
ols.append(ols_entry("heteroscedastic_500", y, X))

# No constant: R² is uncentred.
Xn = np.column_stack([share[:60], hours[:60] / 40])
ols.append(ols_entry("no_constant", y[:60], Xn))

# Full set of dummies and no intercept: an implicit constant (centred R²).
Xd = np.column_stack([team == t for t in range(4)]).astype(float)[:80]
Xd = np.column_stack([Xd, share[:80]])
ols.append(ols_entry("implicit_constant", y[:80], Xd))

# Collinear columns: rank deficient (column 2 = 2 x column 1).
Xc = np.column_stack([np.ones(10), np.arange(10.0), 2 * np.arange(10.0)])
ols.append({"name": "collinear", "y": floats(np.arange(10.0) ** 1.5), "x": [floats(r) for r in Xc], "k": 3,
            "full_rank": False, "rank": 2, "aliased": [2]})
# A dummy with no members (all-zero column) between two good columns.
Xz = np.column_stack([np.ones(12), np.zeros(12), np.linspace(0, 1, 12)])
ols.append({"name": "empty_category", "y": floats(np.linspace(0, 1, 12) ** 2), "x": [floats(r) for r in Xz], "k": 3,
            "full_rank": False, "rank": 2, "aliased": [1]})

# Singleton cell: one person in mode 2. Leverage 1, so HC3 is 0/0 for that row.
# statsmodels returns noise for it; the well-defined expectation is: coefficients as
# statsmodels, the dummy's SE undefined, every other SE equal to HC3 of the model
# without that row and that column.
n = 40
mode = np.zeros(n, int)
mode[rng.permutation(n)[:15]] = 1
single = 17
mode[single] = 2
share = rng.uniform(0, 1, n)
y = 1.0 + 0.8 * share + 0.3 * (mode == 1) + rng.normal(0, 0.3, n)
X = np.column_stack([np.ones(n), mode == 1, mode == 2, share]).astype(float)
full = sm.OLS(y, X).fit(cov_type="HC3")
keep = np.arange(n) != single
reduced = sm.OLS(y[keep], X[keep][:, [0, 1, 3]]).fit(cov_type="HC3")
se = [float(reduced.bse[0]), float(reduced.bse[1]), None, float(reduced.bse[2])]
p = [float(reduced.pvalues[0]), float(reduced.pvalues[1]), None, float(reduced.pvalues[2])]
ols.append({"name": "singleton_cell", "y": floats(y), "x": [floats(r) for r in X], "k": 4, "full_rank": True,
            "coef": floats(full.params), "se": se, "p": p, "r_squared": float(full.rsquared), "has_constant": True,
            "high_leverage_rows": [single]})

data = {
    "generated_by": "tests/reference/stats_reference.py",
    "versions": {"scipy": scipy.__version__, "numpy": np.__version__, "statsmodels": statsmodels.__version__,
                 "mpmath": mpmath.__version__},
    "one_sample": one_sample, "two_sample": two_sample, "bootstrap": boot, "spearman": corr, "ols": ols,
}
with open(OUT, "w") as f:
    json.dump(data, f, indent=1)
    f.write("\n")
print("wrote", os.path.normpath(OUT))
