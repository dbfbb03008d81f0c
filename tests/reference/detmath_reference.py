#!/usr/bin/python3
"""Reference values for gapscore's deterministic math (core/src/detmath.cpp).

Every value is computed with mpmath at 60 significant digits and then rounded
once to the nearest double, so an entry is the correctly rounded result and
"ulp distance to the reference" is an honest error measure. Inputs are doubles
drawn with a fixed seed, plus hand-picked edge points (near the roots of
lgamma, near 1 for log, subnormals, the overflow/underflow borders).

Run with Debian's interpreter (mpmath 1.2, scipy 1.10):
    /usr/bin/python3 tests/reference/detmath_reference.py
Writes tests/data/reference/detmath_reference.json; tests/detmath_test.cpp
reads it.
"""
import json
import os
import random
import sys

import mpmath

mpmath.mp.dps = 60
mpf = mpmath.mpf

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "reference", "detmath_reference.json")
rnd = random.Random(20240611)

DBL_MAX = sys.float_info.max
DBL_MIN = sys.float_info.min  # smallest normal
DENORM_MIN = 5e-324


def rd(v):
    """Round an mpmath value to the nearest double. Via 40 significant digits and
    Python's correctly rounded float(str): mpmath's own float() rounds to 53 bits
    first, which double-rounds results in the subnormal range."""
    return float(mpmath.nstr(mpf(v), 40, min_fixed=1, max_fixed=0))


def log_uniform(lo_exp, hi_exp):
    return 10.0 ** rnd.uniform(lo_exp, hi_exp)


def rows(name, xs, fn):
    out = []
    for x in xs:
        out.append([x, rd(fn(mpf(x)))])
    print("%-14s %5d points" % (name, len(out)), file=sys.stderr)
    return out


cases = {}

# ---- log: the whole positive range, dense near 1, subnormals ----
xs = [log_uniform(-307.5, 308.2) for _ in range(3000)]
xs += [1.0 + s * log_uniform(-15.5, -0.3) for _ in range(600) for s in (rnd.choice((1, -1)),)]
xs += [rnd.uniform(0.5, 2.0) for _ in range(400)]
xs += [DENORM_MIN, 1e-320, 1e-310, 2.5e-308, DBL_MIN, DBL_MAX, 0.5, 1.0, 2.0, 10.0, 0.7071067811865476,
       0.7071067811865475, 1.4142135623730951, 1.0000000000000002, 0.9999999999999999]
xs += [rnd.uniform(0, 1) * 1e-310 for _ in range(50)]
cases["log"] = rows("log", xs, mpmath.log)

# ---- log1p: tiny to huge, both signs, close to -1 ----
xs = [s * log_uniform(-300, -0.01) for _ in range(1500) for s in (rnd.choice((1, -1)),)]
xs += [log_uniform(-0.01, 307) for _ in range(800)]
xs += [-1.0 + log_uniform(-15, -0.5) for _ in range(300)]
xs += [rnd.uniform(-0.5, 1.0) for _ in range(400)]
xs += [1e-320, -1e-320, 1e-4, -1e-4, 0.5, -0.5, 1.0, DBL_MAX, -0.9999999999999999]
cases["log1p"] = rows("log1p", xs, mpmath.log1p)

# ---- exp: the whole finite range (to subnormal results), dense around 0 ----
xs = [rnd.uniform(-745.0, 709.78) for _ in range(3000)]
xs += [rnd.uniform(-1.0, 1.0) for _ in range(600)]
xs += [s * log_uniform(-20, 0) for _ in range(400) for s in (rnd.choice((1, -1)),)]
xs += [rnd.uniform(-745.0, -708.0) for _ in range(200)]  # subnormal results
xs += [0.0, 1.0, -1.0, 1e-300, -1e-300, 709.78, 709.782712893384, -708.39, -744.4, -745.1]
cases["exp"] = rows("exp", xs, mpmath.exp)

# ---- expm1: tiny to the overflow border, both signs ----
xs = [s * log_uniform(-300, 0) for _ in range(1800) for s in (rnd.choice((1, -1)),)]
xs += [rnd.uniform(-2.0, 2.0) for _ in range(600)]
xs += [rnd.uniform(-50.0, 709.78) for _ in range(600)]
xs += [0.5, -0.5, 0.25, -0.25, 0.6931471805599453, -0.6931471805599453, 1e-320, -1e-320, -40.0, 709.7]
cases["expm1"] = rows("expm1", xs, mpmath.expm1)

# ---- lgamma on (0, 1e7]: relative error is the target, so dense at the roots 1 and 2 ----
xs = [log_uniform(-300, 7) for _ in range(2500)]
xs += [rnd.uniform(0.0, 20.0) for _ in range(800)]
xs += [r + s * log_uniform(-15, -0.5) for _ in range(800) for r in (rnd.choice((1.0, 2.0)),)
       for s in (rnd.choice((1, -1)),)]
xs += [0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 9.99, 10.0, 10.01, 19.99, 20.0, 1234.5, 1e7, DENORM_MIN, 1e-310]
xs += [float(k) for k in range(3, 60)] + [k + 0.5 for k in range(0, 60)]
xs = [x for x in xs if 0.0 < x <= 1e7]
cases["lgamma"] = rows("lgamma", xs, mpmath.loggamma)

# ---- lgamma(m) - lgamma(m - 1/2): Hedges' J and the t distribution ----
ms = [0.75, 1.0, 1.5, 2.5, 9.0, 19.5, 19.99, 20.0, 20.5, 50.0, 1234.5, 1e5, 1e6, 2.5e7, 1e9]
ms += [log_uniform(-0.29, 9) for _ in range(300)]
ms += [k / 2.0 for k in range(2, 400)]
cases["lgamma_half_difference"] = rows("lgamma_half", ms, lambda m: mpmath.loggamma(m) - mpmath.loggamma(m - mpf("0.5")))

# ---- erfc over the real line, down to ~1e-307 ----
xs = [rnd.uniform(-6.0, 26.5) for _ in range(3000)]
xs += [s * log_uniform(-20, 0.3) for _ in range(500) for s in (rnd.choice((1, -1)),)]
xs += [0.0, 0.5, 0.4769362762044699, 1.0, 1.4999999, 1.5, 1.5000001, 2.0, 5.0, 10.0, 26.0, 26.5, -1.5, -6.0]
cases["erfc"] = rows("erfc", xs, mpmath.erfc)

# ---- normal upper tail P(Z > z), down to ~1e-300 ----
zs = [rnd.uniform(-10.0, 37.0) for _ in range(2000)]
zs += [s * log_uniform(-20, 0.5) for _ in range(300) for s in (rnd.choice((1, -1)),)]
zs += [0.0, 1.0, 1.959963984540054, 2.4999999, 2.5, 2.5000001, 5.0, 8.0, 20.0, 37.0, -37.0, -8.0]
cases["normal_sf"] = rows("normal_sf", zs, lambda z: mpmath.erfc(z / mpmath.sqrt(2)) / 2)

# ---- regularized incomplete beta I_x(a, b), a, b in [0.05, 1000] ----
ib = []
for _ in range(1200):
    a, b, x = log_uniform(-1.3, 3), log_uniform(-1.3, 3), rnd.uniform(0.0, 1.0)
    ib.append([a, b, x])
for _ in range(300):  # near the ends of (0, 1)
    a, b = log_uniform(-1.3, 2), log_uniform(-1.3, 2)
    x = log_uniform(-12, -1)
    ib.append([a, b, x if rnd.random() < 0.5 else 1.0 - x])
ib += [[0.5, 0.5, 0.5], [1.0, 1.0, 0.3], [2.0, 3.0, 0.4], [1000.0, 1000.0, 0.5], [0.05, 0.05, 0.99]]
cases["incomplete_beta"] = []
for a, b, x in ib:
    v = mpmath.betainc(mpf(a), mpf(b), 0, mpf(x), regularized=True)
    cases["incomplete_beta"].append([a, b, x, rd(v)])
print("%-14s %5d points" % ("incomplete_beta", len(ib)), file=sys.stderr)

# ---- Student t upper tail P(T > t): the p-values of Spearman's test ----
# Exact: P(T > t) = I_{df/(df+t²)}(df/2, 1/2) / 2 for t >= 0.
def t_sf(t, df):
    t, df = mpf(t), mpf(df)
    tail = mpmath.betainc(df / 2, mpf("0.5"), 0, df / (df + t * t), regularized=True) / 2
    return tail if t >= 0 else 1 - tail


ts = []
dfs = [1, 2, 3, 5, 8, 18, 30, 98, 500, 4998, 1e5, 1e6, 2.5, 7.3]
for _ in range(1200):
    df = rnd.choice(dfs)
    t = rnd.uniform(-10.0, 40.0) if rnd.random() < 0.7 else rnd.choice((1, -1)) * log_uniform(-8, 1)
    ts.append([t, float(df)])
ts += [[0.0, 10.0], [1.0, 1.0], [2.0, 998.0], [5.0, 1e6], [-3.0, 3.0], [1e-10, 50.0], [200.0, 4.0]]
cases["student_t_sf"] = [[t, df, rd(t_sf(t, df))] for t, df in ts]
print("%-14s %5d points" % ("student_t_sf", len(ts)), file=sys.stderr)

cases["generated_by"] = "tests/reference/detmath_reference.py"
cases["reference"] = "mpmath %s at %d digits, rounded once to double" % (mpmath.__version__, mpmath.mp.dps)
with open(OUT, "w") as fh:
    # repr() of a float round-trips exactly (shortest form of the same double).
    json.dump(cases, fh, separators=(",", ":"))
    fh.write("\n")
print("wrote", os.path.normpath(OUT), "reference:", cases["reference"])
