#!/usr/bin/python3
"""Reference values for the statistical insights: KPI audit (Spearman),
work-mode OLS with HC3, and the rollout difference-in-differences.

Independent of gapscore: pandas for the person and person-week tables,
scipy.stats.spearmanr, statsmodels OLS(...).fit(cov_type='HC3') with patsy
formulas (treatment coding, reference = first level in sorted order).
Cases are listed in tests/data/insights/cases.json; writes
tests/data/insights/<case>.expected.json. tests/insights_test.cpp compares
gapscore to these to 1e-8 relative.

Run: /usr/bin/python3 tests/reference/insights_reference.py
"""
import json
import os

import numpy as np
import pandas as pd
import scipy.stats
import statsmodels.formula.api as smf

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.normpath(os.path.join(HERE, "..", "data"))
AI_USER_MIN_SHARE = 0.10


def num(v):
    if v is None:
        return None
    v = float(v)
    return None if not np.isfinite(v) else float("%.17g" % v)


def sums(rows):
    rework = rows["rework_hours"].fillna(0.0)
    q = rows["quality"].notna()
    e = rows["errors"].notna()
    v = rows["outcome_value"].notna()
    i = rows["ai_interactions"].notna()
    out = {
        "tasks": rows["tasks"].sum(), "ai_tasks": rows["ai_tasks"].sum(), "hours": rows["hours"].sum(),
        "q_w": (rows.loc[q, "tasks"] * rows.loc[q, "quality"]).sum(), "q_t": rows.loc[q, "tasks"].sum(),
        "q_cost": (rows.loc[q, "hours"] + rework[q]).sum(),
        "errors": rows.loc[e, "errors"].sum(), "e_t": rows.loc[e, "tasks"].sum(),
        "value": rows.loc[v, "outcome_value"].sum() if v.any() else None,
        "interactions": rows.loc[i, "ai_interactions"].sum() if i.any() else None,
    }
    return out


def ratio(a, b):
    return None if b == 0 else a / b


def person_table(act, people):
    rows = []
    for pid, g in act.groupby("person_id", sort=True):
        s = sums(g)
        rows.append({"person_id": pid, "hours": s["hours"], "tasks": s["tasks"], "ai_interactions": s["interactions"],
                     "outcome_value": s["value"], "quality": ratio(s["q_w"], s["q_t"]), "error_rate": ratio(s["errors"], s["e_t"]),
                     "share": ratio(s["ai_tasks"], s["tasks"]), "y": ratio(s["q_w"], s["q_cost"])})
    t = pd.DataFrame(rows)
    return t.merge(people[["person_id", "team", "role", "work_mode"]], on="person_id", how="left")


def kpi_audit(pt, k):
    out = []
    for proxy in ("hours", "tasks", "ai_interactions"):
        for outcome in ("outcome_value", "quality", "error_rate"):
            d = pt[[proxy, outcome]].dropna()
            if len(d) < max(3, k):
                continue
            # Values equal to nine decimals are ties (as in gapscore), whatever the summation order.
            r = scipy.stats.spearmanr(np.rint(d[proxy] * 1e9) / 1e9, np.rint(d[outcome] * 1e9) / 1e9)
            out.append({"proxy": proxy, "outcome": outcome, "n": len(d), "rho": num(r.correlation), "p_value": num(r.pvalue)})
    return out


def work_mode(pt, k):
    d = pt.dropna(subset=["y", "share", "work_mode"]).copy()
    d["role"] = d["role"].fillna("(unassigned)")
    while True:  # leave out modes below k people and roles below 2, until stable
        modes = d["work_mode"].value_counts()
        roles = d["role"].value_counts()
        keep = d["work_mode"].map(modes) >= max(2, k)
        keep &= d["role"].map(roles) >= 2
        if keep.all():
            break
        d = d[keep]
    raw = smf.ols("y ~ C(work_mode)", data=d).fit(cov_type="HC3")
    adj = smf.ols("y ~ C(work_mode) + share + C(role)", data=d).fit(cov_type="HC3")
    levels = sorted(d["work_mode"].unique())
    out = {"reference": levels[0], "people": len(d), "modes": []}
    for m in levels:
        entry = {"work_mode": m, "people": int((d["work_mode"] == m).sum()), "mean": num(d.loc[d["work_mode"] == m, "y"].mean())}
        if m != levels[0]:
            name = "C(work_mode)[T.%s]" % m
            for key, fit in (("raw", raw), ("adjusted", adj)):
                ci = fit.conf_int(alpha=0.05).loc[name]  # normal interval with the HC3 covariance
                entry[key] = {"estimate": num(fit.params[name]), "se": num(fit.bse[name]), "p_value": num(fit.pvalues[name]),
                              "ci_low": num(ci[0]), "ci_high": num(ci[1])}
        out["modes"].append(entry)
    out["ai_task_share_coefficient"] = num(adj.params["share"])
    return out


def rollout(act, pt, by, dates):
    dates = {g: pd.Timestamp(d) for g, d in dates.items()}
    earliest = min(dates.values())
    act = act.copy()
    act["week"] = act["date"] - pd.to_timedelta(act["date"].dt.weekday, unit="D")
    group_of = dict(zip(pt["person_id"], pt[by].fillna("(unassigned)")))
    obs = []
    for (pid, week), g in act.groupby(["person_id", "week"]):
        s = sums(g)
        group = group_of[pid]
        treated = group in dates
        post = week >= (dates[group] if treated else earliest)
        obs.append({"treated": int(treated), "post": int(post), "y": ratio(s["q_w"], s["q_cost"]),
                    "e": ratio(s["errors"], s["e_t"])})
    o = pd.DataFrame(obs)
    out = []
    for outcome, col in (("quality_adjusted_output_per_hour", "y"), ("error_rate", "e")):
        d = o.dropna(subset=[col]).rename(columns={col: "v"})
        fit = smf.ols("v ~ treated + post + treated:post", data=d).fit(cov_type="HC3")
        ci = fit.conf_int().loc["treated:post"]
        out.append({"outcome": outcome, "estimate": num(fit.params["treated:post"]), "se": num(fit.bse["treated:post"]),
                    "p_value": num(fit.pvalues["treated:post"]), "ci_low": num(ci[0]), "ci_high": num(ci[1]),
                    "observations": len(d),
                    "treated_pre_mean": num(d.loc[(d.treated == 1) & (d.post == 0), "v"].mean())})
    return out


def main():
    cases = json.load(open(os.path.join(DATA, "insights", "cases.json")))
    for case in cases:
        d = os.path.join(DATA, case["data"])
        act = pd.read_csv(os.path.join(d, "activity.csv"), dtype={"person_id": str}, parse_dates=["date"])
        people = pd.read_csv(os.path.join(d, "people.csv"), dtype={"person_id": str})
        k = case["config"].get("privacy", {}).get("min_group_size", 5)
        pt = person_table(act, people)
        ro = case["config"]["rollout"]
        expected = {"generated_by": "tests/reference/insights_reference.py", "kpi_audit": kpi_audit(pt, k),
                    "work_mode": work_mode(pt, k), "rollout": rollout(act, pt, ro["by"], ro["dates"])}
        out = os.path.join(DATA, "insights", case["name"] + ".expected.json")
        json.dump(expected, open(out, "w"), indent=1)
        open(out, "a").write("\n")
        print("wrote", os.path.relpath(out, os.path.join(HERE, "..", "..")))


if __name__ == "__main__":
    main()
