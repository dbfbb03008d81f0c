#!/usr/bin/python3
"""Reference values for the adjusted AI user / non-user gap and the paradox flag.

Independent of gapscore: pandas for the person table, statsmodels
ols('y ~ ai_user + C(stratum)').fit(cov_type='HC3') for the like-with-like
comparison (normal p-values and 95% interval, reference level = first stratum
in sorted order); its Hedges' g divides by the residual SD of
ols('y ~ C(stratum):C(ai_user)'), the spread inside each cell's two sides. Strata, as docs/metrics.md defines them: overall, the cross
product of the group_by keys and role (when roles are known); a group's own
gap, role only. A cell with fewer than K AI users or fewer than K non-users
joins the largest cell of its team (its group's, for a group's gap) that has
K of each; without one the team's cells are one cell, dropped with fewer than
K on a side; fewer than K people on either side left means no estimate.

It also writes the datasets it checks (small CSVs, deterministic):
  tests/data/adjusted_gap/simpson/     AI users do better inside every team but
                                       work mostly in low-output teams: the
                                       pooled gap points the other way
  tests/data/adjusted_gap/no_paradox/  AI users spread evenly, pooled and
                                       adjusted agree
and reads the built-in sample (web-demo/sample, activity + people).
Writes tests/data/adjusted_gap/<case>.expected.json; tests/adjusted_gap_test.cpp
compares gapscore to them to 1e-9 relative.

Run: /usr/bin/python3 tests/reference/adjusted_gap_reference.py
"""
import datetime
import json
import math
import os

import numpy as np
import pandas as pd
import statsmodels
import statsmodels.formula.api as smf

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
DATA = os.path.join(ROOT, "tests", "data", "adjusted_gap")
AI_USER_MIN_SHARE = 0.10
K = 5  # privacy.min_group_size (default)
CONFIG = {"group_by": ["team"]}
Z975 = 1.959963984540054


def num(v):
    if v is None:
        return None
    v = float(v)
    return None if not math.isfinite(v) else float("%.17g" % v)


# ---------------------------------------------------------------- datasets
def workdays(start, n):
    d, out = start, []
    while len(out) < n:
        if d.weekday() < 5:
            out.append(d)
        d += datetime.timedelta(days=1)
    return out


def write_org(name, teams, seed):
    """teams: (team, people, base output per hour, AI adoption share, AI effect on output per hour).

    Each person works every fourth workday for 6 weeks; quality-adjusted output
    per hour is set by team base, role (analyst +0.1 over specialist), AI use and noise.
    """
    rng = np.random.default_rng(seed)
    days = workdays(datetime.date(2025, 3, 3), 30)[::4]  # 8 days over 6 weeks
    people_rows, act_rows = [], []
    pid = 0
    for team, n, base, adoption, effect in teams:
        users = set(rng.choice(n, size=int(round(adoption * n)), replace=False).tolist())
        for i in range(n):
            pid += 1
            person = "S%04d" % pid
            role = "lead" if i == 0 else ("analyst" if i % 2 else "specialist")
            people_rows.append((person, team, role))
            ai = i in users
            level = base + (0.1 if role == "analyst" else 0.0) + (effect if ai else 0.0) + rng.normal(0, 0.12)
            for day in days:
                tasks = int(rng.integers(3, 9))
                ai_tasks = int(rng.integers(1, tasks + 1)) if ai else 0
                quality = round(float(rng.uniform(0.7, 0.95)), 3)
                rework = round(float(rng.uniform(0, 0.3)), 2)
                hours = round(max(0.5, tasks * quality / max(level, 0.2) - rework), 2)
                baseline = round(hours * (1.25 if ai_tasks else 1.0) + float(rng.normal(0, 0.05)), 2)
                act_rows.append((person, day.isoformat(), "work", tasks, ai_tasks, hours, baseline, rework, quality))
    d = os.path.join(DATA, name)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "people.csv"), "w", newline="") as f:
        f.write("person_id,team,role\n")
        for r in people_rows:
            f.write("%s,%s,%s\n" % r)
    with open(os.path.join(d, "activity.csv"), "w", newline="") as f:
        f.write("person_id,date,task_type,tasks,ai_tasks,hours,baseline_hours,rework_hours,quality\n")
        for r in act_rows:
            f.write("%s,%s,%s,%d,%d,%s,%s,%s,%s\n" % r)
    return d


# ---------------------------------------------------------------- reference
def person_table(d):
    act = pd.read_csv(os.path.join(d, "activity.csv"), dtype={"person_id": str})
    people = pd.read_csv(os.path.join(d, "people.csv"), dtype={"person_id": str, "team": str, "role": str})
    info = {p: (t if isinstance(t, str) and t else "(unassigned)", r if isinstance(r, str) and r else "(unassigned)")
            for p, t, r in zip(people["person_id"], people["team"], people["role"])}
    rows = []
    for pid, g in act.groupby("person_id", sort=True):
        q = g["quality"].notna()
        rework = g["rework_hours"].fillna(0.0) if "rework_hours" in g.columns else 0.0 * g["hours"]
        cost = (g.loc[q, "hours"] + rework[q]).sum()
        y = (g.loc[q, "tasks"] * g.loc[q, "quality"]).sum() / cost if cost != 0 else None
        tasks = g["tasks"].sum()
        share = g["ai_tasks"].sum() / tasks if tasks != 0 else None
        team, role = info.get(pid, ("(unassigned)", "(unassigned)"))
        rows.append({"person_id": pid, "team": team, "role": role, "y": y,
                     "ai_user": int(share is not None and share >= AI_USER_MIN_SHARE)})
    t = pd.DataFrame(rows)
    return t[t["y"].notna()].reset_index(drop=True)


def pooled(t):
    u, n = t.loc[t.ai_user == 1, "y"].to_numpy(), t.loc[t.ai_user == 0, "y"].to_numpy()
    if len(u) < K or len(n) < K:
        return None
    df = len(u) + len(n) - 2
    sp = math.sqrt(((len(u) - 1) * u.var(ddof=1) + (len(n) - 1) * n.var(ddof=1)) / df)
    j = math.exp(math.lgamma(df / 2) - math.lgamma((df - 1) / 2)) / math.sqrt(df / 2)
    return {"difference": u.mean() - n.mean(), "s_pooled": sp, "j": j, "n_users": len(u), "n_non_users": len(n)}


def adjusted(t, strata, pool):
    out = {"strata": strata, "estimate": None}
    if pool is None or not strata:
        return out
    t = t.copy()
    # A cell is compared on its own with at least K people on each side (privacy: a cell's difference
    # describes its people). A smaller one joins the largest such cell with the same values of the strata
    # but the last (the same team), the first in key order on a tie; without one, all the cells of that
    # prefix are one cell, kept with K on each side.
    cells = {}
    for key, g in t.groupby(strata if len(strata) > 1 else strata[0], sort=True):
        key = key if isinstance(key, tuple) else (key,)
        cells[tuple(str(v) for v in key)] = (int(g.ai_user.sum()), int(len(g) - g.ai_user.sum()))
    target = {}
    keys = sorted(cells)
    for prefix in sorted({k[:-1] for k in keys}):
        members = [k for k in keys if k[:-1] == prefix]
        big = [k for k in members if cells[k][0] >= K and cells[k][1] >= K]
        if big:
            largest = min(big, key=lambda k: (-sum(cells[k]), k))  # the largest, the first in key order on a tie
            for k in members:
                target[k] = k if k in big else largest
        elif sum(cells[k][0] for k in members) >= K and sum(cells[k][1] for k in members) >= K:
            for k in members:
                target[k] = members[0]
    key_of = t[strata].astype(str).apply(tuple, axis=1)
    t["stratum"] = key_of.map(lambda k: "\x1f".join(target[k]) if k in target else None)
    kept = t[t["stratum"].notna()]
    if (kept.ai_user == 1).sum() < K or (kept.ai_user == 0).sum() < K:
        return out
    if kept["stratum"].nunique() > 1:
        fit = smf.ols("y ~ ai_user + C(stratum)", data=kept).fit(cov_type="HC3")
    else:
        fit = smf.ols("y ~ ai_user", data=kept).fit(cov_type="HC3")
    est, se = fit.params["ai_user"], fit.bse["ai_user"]
    ci = fit.conf_int(alpha=0.05).loc["ai_user"]
    assert abs(ci[0] - (est - Z975 * se)) <= 1e-12 * max(1.0, abs(est)), "statsmodels' interval is the normal one"
    # The scale of the like-with-like g: the residual SD of the saturated model (each cell's AI users and
    # non-users around their own mean), with Hedges' exact J on its residual df.
    saturated = smf.ols("y ~ C(stratum):C(ai_user)" if kept["stratum"].nunique() > 1 else "y ~ C(ai_user)",
                        data=kept).fit()
    df_within = saturated.df_resid
    j_within = math.exp(math.lgamma(df_within / 2) - math.lgamma((df_within - 1) / 2)) / math.sqrt(df_within / 2)
    out.update({"estimate": num(est), "se": num(se), "p_value": num(fit.pvalues["ai_user"]), "ci_low": num(ci[0]),
                "ci_high": num(ci[1]), "n": int(len(kept)),
                "hedges_g": num(j_within * est / math.sqrt(saturated.mse_resid))})
    out["paradox"] = bool(fit.pvalues["ai_user"] < 0.05 and pool["difference"] * est < 0)
    return out


def reference(d):
    t = person_table(d)
    roles_known = (t["role"] != "(unassigned)").any()
    pool = pooled(t)
    overall = {"pooled_difference": num(pool["difference"]) if pool else None,
               "adjusted": adjusted(t, ["team"] + (["role"] if roles_known else []), pool)}
    groups = []
    for team in sorted(t["team"].unique()):
        g = t[t["team"] == team]
        gp = pooled(g)
        groups.append({"key": {"team": team}, "people": int(len(g)),
                       "pooled_difference": num(gp["difference"]) if gp else None,
                       "adjusted": adjusted(g, ["role"] if roles_known else [], gp)})
    return {"overall": overall, "groups": groups}


def main():
    simpson = write_org("simpson", [
        # AI users concentrate in the low-output teams, and do better inside every team.
        ("Alpha", 30, 3.0, 0.20, 0.25), ("Bravo", 30, 2.4, 0.20, 0.35), ("Charlie", 30, 1.6, 0.50, 0.45),
        ("Delta", 30, 0.9, 0.80, 0.55), ("Echo", 30, 0.5, 0.80, 0.63), ("Foxtrot", 12, 1.6, 0.0, 0.0)], seed=7)
    plain = write_org("no_paradox", [
        ("Alpha", 30, 1.8, 0.5, 0.3), ("Bravo", 30, 1.5, 0.5, 0.3), ("Charlie", 30, 1.2, 0.5, 0.3),
        ("Delta", 30, 1.0, 0.5, 0.3)], seed=11)
    cases = [("simpson", simpson), ("no_paradox", plain), ("sample", os.path.join(ROOT, "web-demo", "sample"))]
    for name, d in cases:
        ref = reference(d)
        ref.update({"generated_by": "tests/reference/adjusted_gap_reference.py (statsmodels %s)" % statsmodels.__version__,
                    "data": os.path.relpath(d, os.path.join(ROOT, "tests", "data")), "config": CONFIG})
        path = os.path.join(DATA, name + ".expected.json")
        with open(path, "w") as f:
            json.dump(ref, f, indent=1)
            f.write("\n")
        a = ref["overall"]["adjusted"]
        print("wrote", os.path.relpath(path, ROOT), "pooled", ref["overall"]["pooled_difference"], "adjusted",
              a["estimate"], "paradox", a.get("paradox"))


if __name__ == "__main__":
    main()
