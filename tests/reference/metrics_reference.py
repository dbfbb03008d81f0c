#!/usr/bin/python3
"""Independent reference implementation of every figure in gapscore's report.

Written from the definitions in docs/metrics.md with pandas/numpy/scipy,
sharing no code with gapscore. For each case under tests/data/metrics/ it
reads the input CSVs and writes expected.json next to them; the hand-made
edge cases are written here too. tests/metrics_test.cpp runs gapscore on the
same inputs and compares every number to 1e-9 relative.

Run: /usr/bin/python3 tests/reference/metrics_reference.py
"""
import json
import math
import os

import numpy as np
import pandas as pd
import scipy.stats

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.normpath(os.path.join(HERE, "..", "data", "metrics"))
AI_USER_MIN_SHARE = 0.10
REWORK_THRESHOLD = 0.15
# The tests run gapscore with the smallest allowed privacy thresholds, so that
# small test groups still show figures; the rules themselves are applied here too.
K = 3
K_EXTREMES = 3
CONFIG = {"group_by": ["team"], "privacy": {"min_group_size": K, "min_group_size_extremes": K_EXTREMES}}


def num(v):
    if v is None:
        return None
    v = float(v)
    if math.isnan(v) or math.isinf(v):
        return None
    return float("%.17g" % v)


def ratio(a, b):
    return None if b == 0 else a / b


# ---------------------------------------------------------------- edge cases
EDGE = {
    "one_person": {
        "activity.csv": "person_id,date,task_type,tasks,ai_tasks,hours,rework_hours,quality,errors\n"
                        "P1,2025-03-03,a,5,2,4,0.5,0.8,1\nP1,2025-03-04,b,3,0,2,0,0.9,0\n",
        "config": {"group_by": ["team"]},
    },
    "all_ai_users": {
        "activity.csv": "person_id,date,task_type,tasks,ai_tasks,hours,quality,errors,team\n"
                        "P1,2025-03-03,a,5,5,4,0.8,1,T\nP2,2025-03-03,a,4,2,3,0.7,0,T\nP3,2025-03-04,a,6,6,5,0.9,2,T\n",
    },
    "no_ai_users": {
        "activity.csv": "person_id,date,task_type,tasks,ai_tasks,hours,baseline_hours,outcome_value,cycle_time_hours,team\n"
                        "P1,2025-03-03,a,5,0,4,4,100,10,T\nP2,2025-03-03,a,4,0,3,3.5,80,12,T\nP3,2025-03-10,a,6,0,5,5,90,8,U\n",
    },
    "zero_hours_and_zero_tasks": {
        "activity.csv": "person_id,date,task_type,tasks,ai_tasks,hours,quality,team\n"
                        "P1,2025-03-03,a,0,0,0,,T\nP2,2025-03-03,a,4,2,0,0.5,T\nP3,2025-03-03,a,0,0,2,,T\n",
    },
    "only_required_columns": {
        "activity.csv": "person_id,date,task_type,tasks,ai_tasks,hours\n"
                        "P1,2025-03-03,a,5,1,4\nP2,2025-03-03,a,4,0,3\nP3,2025-03-04,b,2,2,1\nP4,2025-03-11,b,3,0,3\n",
    },
    "complementary_and_churn": {
        # Team A (2 people) is below K=3; B (3) must be hidden too so A cannot be
        # recovered from the total. In week 2 one person joins C: C's and the
        # overall week-2 cells differ from week 1 by one person.
        "activity.csv": "person_id,date,task_type,tasks,ai_tasks,hours,quality,team\n"
                        + "".join("%s,%s,a,%d,%d,%d,0.%d,%s\n" % (pid, day, 4 + i % 3, i % 4, 3 + i % 2, 5 + i % 4, team)
                                  for day in ("2025-03-03", "2025-03-10")
                                  for i, (pid, team) in enumerate([("A1", "A"), ("A2", "A"), ("B1", "B"), ("B2", "B"),
                                                                   ("B3", "B")] + [("C%d" % j, "C") for j in range(6)]))
                        + "C9,2025-03-11,a,5,2,4,0.7,C\n",
    },
    "ties_in_gap": {
        # Identical quality-adjusted output per hour across people: rank ties in Mann-Whitney.
        "activity.csv": "person_id,date,task_type,tasks,ai_tasks,hours,quality,rework_hours,team\n"
                        + "".join("U%d,2025-03-03,a,4,%d,2,%s,0,T\n" % (i, 4 if i < 4 else 0, "0.5" if i % 2 else "1")
                                  for i in range(8)),
    },
}


def write_edge_cases():
    for name, files in EDGE.items():
        d = os.path.join(DATA, name)
        os.makedirs(d, exist_ok=True)
        for fname, text in files.items():
            if fname == "config":
                continue
            with open(os.path.join(d, fname), "w", newline="") as f:
                f.write(text)


# ---------------------------------------------------------------- loading
def load(case_dir):
    act = pd.read_csv(os.path.join(case_dir, "activity.csv"), dtype={"person_id": str, "team": str})
    people = surveys = playbook = None
    if os.path.exists(os.path.join(case_dir, "people.csv")):
        people = pd.read_csv(os.path.join(case_dir, "people.csv"), dtype={"person_id": str, "team": str, "manager_id": str})
    if os.path.exists(os.path.join(case_dir, "surveys.csv")):
        surveys = pd.read_csv(os.path.join(case_dir, "surveys.csv"), dtype={"person_id": str})
    if os.path.exists(os.path.join(case_dir, "playbook.csv")):
        playbook = pd.read_csv(os.path.join(case_dir, "playbook.csv"))
    return act, people, surveys, playbook


def person_teams(act, people):
    """team per person: people table first, then first inline value, else (unassigned)."""
    teams = {}
    if "team" in act.columns:
        for pid, t in zip(act["person_id"], act["team"]):
            if pid not in teams and isinstance(t, str) and t != "":
                teams[pid] = t
    if people is not None:
        for pid, t in zip(people["person_id"], people["team"]):
            if isinstance(t, str) and t != "":
                teams[pid] = t
    return {pid: teams.get(pid, "(unassigned)") for pid in act["person_id"].unique()}


def person_roles(act, people):
    roles = {}
    if "role" in act.columns:
        for pid, r in zip(act["person_id"], act["role"]):
            if pid not in roles and isinstance(r, str):
                roles[pid] = r
    if people is not None and "role" in people.columns:
        for pid, r in zip(people["person_id"], people["role"]):
            if isinstance(r, str):
                roles[pid] = r
    return roles


# ---------------------------------------------------------------- definitions
def has(df, col):
    return col in df.columns


def class_sums(rows):
    """Sums over one class of rows, each optional column over the rows where it is filled."""
    s = {"tasks": rows["tasks"].sum(), "ai_tasks": rows["ai_tasks"].sum(), "hours": rows["hours"].sum(), "rows": len(rows)}
    rework = rows["rework_hours"].fillna(0.0) if has(rows, "rework_hours") else pd.Series(0.0, index=rows.index)
    cost = rows["hours"] + rework
    if has(rows, "quality"):
        m = rows["quality"].notna()
        s["q_tasks"] = rows.loc[m, "tasks"].sum()
        s["q_weighted"] = (rows.loc[m, "tasks"] * rows.loc[m, "quality"]).sum()
        s["q_cost"] = cost[m].sum()
    if has(rows, "errors"):
        m = rows["errors"].notna()
        s["e_tasks"] = rows.loc[m, "tasks"].sum()
        s["errors"] = rows.loc[m, "errors"].sum()
    if has(rows, "outcome_value"):
        m = rows["outcome_value"].notna()
        s["v_value"] = rows.loc[m, "outcome_value"].sum()
        s["v_cost"] = cost[m].sum()
    if has(rows, "cycle_time_hours"):
        m = rows["cycle_time_hours"].notna()
        s["c_tasks"] = rows.loc[m, "tasks"].sum()
        s["c_weighted"] = (rows.loc[m, "tasks"] * rows.loc[m, "cycle_time_hours"]).sum()
    if has(rows, "rework_hours"):
        m = rows["rework_hours"].notna()
        s["r_rows"] = int(m.sum())
        s["r_hours"] = rows.loc[m, "hours"].sum()
        s["rework"] = rows.loc[m, "rework_hours"].sum()
    if has(rows, "baseline_hours"):
        m = rows["baseline_hours"].notna()
        s["b_rows"] = int(m.sum())
        s["b_baseline"] = rows.loc[m, "baseline_hours"].sum()
        s["b_hours"] = rows.loc[m, "hours"].sum()
        s["b_rework"] = rework[m].sum()
    if has(rows, "ai_interactions"):
        m = rows["ai_interactions"].notna()
        s["interactions"] = rows.loc[m, "ai_interactions"].sum()
    return s


# The people behind each metric (docs/privacy.md, "The people behind each
# figure"): who has rows (or answers) that enter its sums. A metric is
# withheld when one of its sets holds 1..K-1 people. Defined here from the
# docs, not from gapscore's code.
def _has(s, *keys):
    return any(s.get(k, 0) for k in keys)


KIND_TEST = {
    "ai_baseline_rows": lambda a, ai, man, extra: _has(ai, "b_rows"),
    "ai_rework_rows": lambda a, ai, man, extra: _has(ai, "r_rows"),
    "manual_rework_rows": lambda a, ai, man, extra: _has(man, "r_rows"),
    "rework_rows": lambda a, ai, man, extra: _has(a, "r_rows"),
    "quality_rows": lambda a, ai, man, extra: _has(a, "q_tasks", "q_cost"),
    "ai_quality_rows": lambda a, ai, man, extra: _has(ai, "q_tasks", "q_cost"),
    "manual_quality_rows": lambda a, ai, man, extra: _has(man, "q_tasks", "q_cost"),
    "value_rows": lambda a, ai, man, extra: extra["v_rows"]["all"] > 0,
    "ai_value_rows": lambda a, ai, man, extra: extra["v_rows"]["ai"] > 0,
    "manual_value_rows": lambda a, ai, man, extra: extra["v_rows"]["manual"] > 0,
    "error_rows": lambda a, ai, man, extra: _has(a, "e_tasks", "errors"),
    "ai_error_rows": lambda a, ai, man, extra: _has(ai, "e_tasks", "errors"),
    "manual_error_rows": lambda a, ai, man, extra: _has(man, "e_tasks", "errors"),
    "cycle_time_rows": lambda a, ai, man, extra: _has(a, "c_tasks"),
    "ai_cycle_time_rows": lambda a, ai, man, extra: _has(ai, "c_tasks"),
    "manual_cycle_time_rows": lambda a, ai, man, extra: _has(man, "c_tasks"),
    "interaction_rows": lambda a, ai, man, extra: a.get("interactions", 0) != 0,
    "recommended_rows": lambda a, ai, man, extra: extra["recommended_tasks"] > 0,
    "covered_ai_rows": lambda a, ai, man, extra: extra["covered_ai_tasks"] > 0,
    "sentiment_answers": lambda a, ai, man, extra: extra["sentiment"],
    "wellbeing_answers": lambda a, ai, man, extra: extra["wellbeing"],
}

# Of three figures that add up, one stands on all the others' people.
METRIC_KINDS = {
    "time_saved_hours": ["ai_baseline_rows"], "time_saved_rate": ["ai_baseline_rows"],
    "rework_hours": ["rework_rows", "ai_rework_rows", "manual_rework_rows"],
    "ai_rework_hours": ["ai_rework_rows"], "manual_rework_hours": ["manual_rework_rows"],
    "rework_rate": ["rework_rows"], "net_time_saved_hours": ["ai_baseline_rows", "ai_rework_rows"],
    "quality_mean": ["quality_rows"], "quality_adjusted_output_per_hour": ["quality_rows"],
    "value_per_hour": ["value_rows"], "value_uplift": ["ai_value_rows", "manual_value_rows"],
    "quality_delta": ["ai_quality_rows", "manual_quality_rows"], "error_rate": ["error_rows"],
    "error_reduction": ["ai_error_rows", "manual_error_rows"], "cycle_time_hours": ["cycle_time_rows"],
    "cycle_time_speedup": ["ai_cycle_time_rows", "manual_cycle_time_rows"],
    "ai_interactions_per_person": ["interaction_rows"], "sentiment_mean": ["sentiment_answers"],
    "sentiment_favorable_share": ["sentiment_answers"], "wellbeing_mean": ["wellbeing_answers"],
    "utilization_rate": ["recommended_rows"], "off_playbook_ai_share": ["covered_ai_rows"],
    "playbook_gap": ["recommended_rows"], "sentiment_gap": ["sentiment_answers"],
}


# What a trend cell publishes that can be withheld: its metrics and gap_score's components.
# (No sentiment_gap: trend cells carry no survey answers, docs/privacy.md.)
TREND_FIGURES = {"time_saved_hours", "quality_adjusted_output_per_hour", "error_rate", "playbook_gap"}


def below_k_metrics(rows, active, answers, playbook_status):
    """Metrics (and score components) with 1..K-1 people behind one of their sets."""
    counts = {k: 0 for k in KIND_TEST}
    for p in active:
        r = rows[rows["person_id"] == p]
        ai, man = r[r["ai_tasks"] > 0], r[r["ai_tasks"] == 0]
        extra = {"v_rows": {n: int(x["outcome_value"].notna().sum()) if has(x, "outcome_value") else 0
                            for n, x in (("all", r), ("ai", ai), ("manual", man))},
                 "sentiment": p in answers and "ai_sentiment" in answers[p],
                 "wellbeing": p in answers and "wellbeing" in answers[p],
                 "recommended_tasks": 0, "covered_ai_tasks": 0}
        if playbook_status is not None and len(r):
            st = r.apply(lambda x: playbook_status(x["person_id"], x["task_type"]), axis=1)
            extra["recommended_tasks"] = r[st == 1]["tasks"].sum()
            extra["covered_ai_tasks"] = r[st >= 0]["ai_tasks"].sum()
        sums = (class_sums(r), class_sums(ai), class_sums(man))
        for kind, test in KIND_TEST.items():
            counts[kind] += bool(test(*sums, extra))
    return sorted(m for m, kinds in METRIC_KINDS.items() if any(0 < counts[k] < K for k in kinds))


def person_table(act):
    out = {}
    for pid, rows in act.groupby("person_id", sort=True):
        s = class_sums(rows)
        share = ratio(s["ai_tasks"], s["tasks"])
        p = {"share": share, "ai_user": share is not None and share >= AI_USER_MIN_SHARE}
        p["rework_rate"] = ratio(s["rework"], s["r_hours"]) if "rework" in s else None
        p["qaoph"] = ratio(s["q_weighted"], s["q_cost"]) if "q_weighted" in s else None
        out[pid] = p
    return out


def gini(x):
    x = np.asarray(x, float)
    if len(x) == 0 or (x < 0).any() or x.mean() <= 0:
        return None
    return np.abs(x[:, None] - x[None, :]).sum() / (2 * len(x) ** 2 * x.mean())


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


def latest_answers(surveys, persons, start=None, end=None):
    out = {}
    if surveys is None:
        return out
    sv = surveys[surveys["person_id"].isin(persons)].copy()
    if start is not None:
        sv = sv[(sv["date"] >= start) & (sv["date"] <= end)]
    for col in ("ai_sentiment", "wellbeing"):
        if col not in sv.columns:
            continue
        v = sv[sv[col].notna()].sort_values("date")
        for pid, rows in v.groupby("person_id"):
            out.setdefault(pid, {})[col] = float(rows[col].iloc[-1])
    return out


def evaluate(rows, persons, pinfo, answers, inputs, playbook_status, gap):
    """All figures for one set of people over the given activity rows."""
    rows = rows[rows["person_id"].isin(persons)]
    active = sorted(rows["person_id"].unique())
    s_all = class_sums(rows)
    s_ai = class_sums(rows[rows["ai_tasks"] > 0])
    s_man = class_sums(rows[rows["ai_tasks"] == 0])
    headcount = len(active)
    users = [p for p in active if pinfo[p]["ai_user"]]
    shares = [pinfo[p]["share"] for p in active if pinfo[p]["share"] is not None]
    m = {}
    m["headcount"] = headcount
    m["ai_users"] = len(users)
    m["adoption_rate"] = ratio(len(users), headcount)
    m["ai_task_share"] = ratio(s_all["ai_tasks"], s_all["tasks"])
    m["within_gini"] = gini(shares)
    # Time saved counts AI-assisted rows only (ai_tasks > 0): a group without
    # them saved 0 hours; the net saving subtracts all rework on AI-assisted rows.
    ai_rows = rows[rows["ai_tasks"] > 0]
    if inputs["baseline_hours"]:
        with_baseline = ai_rows[ai_rows["baseline_hours"].notna()]
        if len(ai_rows) == 0:
            m["time_saved_hours"], m["time_saved_rate"] = 0.0, None
        elif len(with_baseline) == 0:
            m["time_saved_hours"] = m["time_saved_rate"] = None
        else:
            saved = with_baseline["baseline_hours"].sum() - with_baseline["hours"].sum()
            m["time_saved_hours"] = saved
            m["time_saved_rate"] = ratio(saved, with_baseline["baseline_hours"].sum())
    else:
        m["time_saved_hours"] = m["time_saved_rate"] = None
    has_rework = inputs["rework_hours"] and s_all["r_rows"]
    m["rework_hours"] = s_all["rework"] if has_rework else None
    m["ai_rework_hours"] = ai_rows["rework_hours"].sum() if has_rework else None
    m["manual_rework_hours"] = rows[rows["ai_tasks"] == 0]["rework_hours"].sum() if has_rework else None
    m["rework_rate"] = ratio(s_all["rework"], s_all["r_hours"]) if inputs["rework_hours"] else None
    if m["time_saved_hours"] is None:
        m["net_time_saved_hours"] = None
    else:
        ai_rework = ai_rows["rework_hours"].fillna(0).sum() if inputs["rework_hours"] else 0.0
        m["net_time_saved_hours"] = m["time_saved_hours"] - ai_rework
    m["output_per_hour"] = ratio(s_all["tasks"], s_all["hours"])
    qm = lambda s: ratio(s["q_weighted"], s["q_tasks"])
    vph = lambda s: ratio(s["v_value"], s["v_cost"])
    er = lambda s: ratio(s["errors"], s["e_tasks"])
    ct = lambda s: ratio(s["c_weighted"], s["c_tasks"])
    if inputs["quality"]:
        m["quality_mean"] = qm(s_all)
        m["quality_adjusted_output_per_hour"] = ratio(s_all["q_weighted"], s_all["q_cost"])
    else:
        m["quality_mean"] = m["quality_adjusted_output_per_hour"] = None
    if inputs["outcome_value"]:
        m["value_per_hour"] = vph(s_all)
        a, b = vph(s_ai), vph(s_man)
        m["value_uplift"] = a / b - 1 if a is not None and b else None
    else:
        m["value_per_hour"] = m["value_uplift"] = None
    if inputs["quality"]:
        a, b = qm(s_ai), qm(s_man)
        m["quality_delta"] = a - b if a is not None and b is not None else None
    else:
        m["quality_delta"] = None
    if inputs["errors"]:
        m["error_rate"] = er(s_all)
        a, b = er(s_ai), er(s_man)
        m["error_reduction"] = 1 - a / b if a is not None and b else None
    else:
        m["error_rate"] = m["error_reduction"] = None
    if inputs["cycle_time_hours"]:
        m["cycle_time_hours"] = ct(s_all)
        a, b = ct(s_man), ct(s_ai)
        m["cycle_time_speedup"] = a / b - 1 if a is not None and b else None
    else:
        m["cycle_time_hours"] = m["cycle_time_speedup"] = None
    m["ai_interactions_per_person"] = ratio(s_all["interactions"], headcount) if inputs["ai_interactions"] else None
    sent = [answers[p]["ai_sentiment"] for p in active if p in answers and "ai_sentiment" in answers[p]]
    well = [answers[p]["wellbeing"] for p in active if p in answers and "wellbeing" in answers[p]]
    if inputs["surveys_sentiment"]:
        m["sentiment_mean"] = float(np.mean(sent)) if sent else None
        m["sentiment_favorable_share"] = float(np.mean([v >= 4 for v in sent])) if sent else None
    else:
        m["sentiment_mean"] = m["sentiment_favorable_share"] = None
    m["wellbeing_mean"] = (float(np.mean(well)) if well else None) if inputs["surveys_wellbeing"] else None
    if inputs["playbook"]:
        st = rows.apply(lambda r: playbook_status(r["person_id"], r["task_type"]), axis=1) if len(rows) else pd.Series([], dtype=float)
        rec = rows[st == 1]
        covered = rows[st >= 0]
        m["utilization_rate"] = ratio(rec["ai_tasks"].sum(), rec["tasks"].sum())
        m["off_playbook_ai_share"] = ratio(rows[st == 0]["ai_tasks"].sum(), covered["ai_tasks"].sum())
    else:
        m["utilization_rate"] = m["off_playbook_ai_share"] = None

    comps = {"adoption_gap": None if m["adoption_rate"] is None else 1 - m["adoption_rate"],
             "usage_unevenness": m["within_gini"]}
    if inputs["rework_hours"]:
        reworking = [p for p in users if pinfo[p]["rework_rate"] is not None and pinfo[p]["rework_rate"] >= REWORK_THRESHOLD]
        comps["effectiveness_gap"] = ratio(len(reworking), len(users))
    if inputs["playbook"]:
        comps["playbook_gap"] = None if m["utilization_rate"] is None else 1 - m["utilization_rate"]
    if inputs["surveys_sentiment"]:
        comps["sentiment_gap"] = None if m["sentiment_mean"] is None else (5 - m["sentiment_mean"]) / 4
    vals = [v for v in comps.values() if v is not None]
    score = 100 * sum(vals) / len(vals) if vals else None
    result = {"metrics": {k: num(v) for k, v in m.items()},
              "score": {"value": num(score), "components": {k: num(v) for k, v in comps.items()}},
              "withheld_below_k": below_k_metrics(rows, active, answers,
                                                  playbook_status if inputs["playbook"] else None)}
    if gap:
        result["gap"] = gap_stats(active, pinfo, inputs)
    return result


def gap_stats(active, pinfo, inputs):
    if not inputs["quality"]:
        return {"available": False}
    u = [pinfo[p]["qaoph"] for p in active if pinfo[p]["ai_user"] and pinfo[p]["qaoph"] is not None]
    n = [pinfo[p]["qaoph"] for p in active if not pinfo[p]["ai_user"] and pinfo[p]["qaoph"] is not None]
    out = {"n_users": len(u), "n_non_users": len(n)}
    if len(u) < max(2, K) or len(n) < max(2, K):
        out["available"] = False
        return out
    out["available"] = True
    a, b = np.asarray(u), np.asarray(n)
    out["mean_users"], out["mean_non_users"] = num(a.mean()), num(b.mean())
    out["difference"] = num(a.mean() - b.mean())
    df = len(a) + len(b) - 2
    sp = math.sqrt(((len(a) - 1) * a.var(ddof=1) + (len(b) - 1) * b.var(ddof=1)) / df)
    j = math.exp(math.lgamma(df / 2) - math.lgamma((df - 1) / 2)) / math.sqrt(df / 2)
    out["hedges_g"] = num(j * (a.mean() - b.mean()) / sp) if sp > 0 else None
    r = scipy.stats.mannwhitneyu(a, b, method="asymptotic", use_continuity=True, alternative="two-sided")
    out["mann_whitney_u"] = num(r.statistic)
    out["p_value"] = num(r.pvalue)
    out["ci_available"] = len(u) >= K_EXTREMES and len(n) >= K_EXTREMES
    boot = scipy.stats.bootstrap((a, b), lambda x, y, axis=-1: x.mean(axis=axis) - y.mean(axis=axis), method="percentile",
                                 n_resamples=4000, vectorized=True, random_state=np.random.default_rng(5))
    out["ci_low_scipy"] = num(boot.confidence_interval.low)
    out["ci_high_scipy"] = num(boot.confidence_interval.high)
    out["bootstrap_standard_error"] = num(boot.standard_error)
    return out


def reference(case_dir, group_by="team"):
    act, people, surveys, playbook = load(case_dir)
    for c in ("date",):
        act[c] = pd.to_datetime(act[c])
    if surveys is not None:
        surveys["date"] = pd.to_datetime(surveys["date"])
    inputs = {c: c in act.columns for c in ("baseline_hours", "rework_hours", "errors", "quality", "outcome_value",
                                            "cycle_time_hours", "ai_interactions")}
    inputs["surveys_sentiment"] = surveys is not None and "ai_sentiment" in surveys.columns
    inputs["surveys_wellbeing"] = surveys is not None and "wellbeing" in surveys.columns
    inputs["playbook"] = playbook is not None
    teams = person_teams(act, people)
    roles = person_roles(act, people)
    pb = {}
    pb_roles = set()
    if playbook is not None:
        for r, t, rec in zip(playbook["role"], playbook["task_type"], playbook["ai_recommended"]):
            pb[(r, t)] = 1 if str(rec).lower() == "true" else 0
            pb_roles.add(r)

    def playbook_status(pid, task):
        role = roles.get(pid)
        if role not in pb_roles:
            return -1
        return pb.get((role, task), 0)

    pinfo = person_table(act)
    persons = sorted(act["person_id"].unique())
    answers = latest_answers(surveys, persons)
    # Figures for every cell; the privacy rules are checked separately
    # (tests/privacy_test.cpp). Here a cell is marked below_k when it has fewer
    # than K people: gapscore must hide it, and may hide more (complementary).
    overall = evaluate(act, persons, pinfo, answers, inputs, playbook_status, True)
    overall["below_k"] = overall["metrics"]["headcount"] < K
    out = {"overall": overall, "groups": []}
    group_names = sorted(set(teams.values()))
    adoption, share = [], []
    for g in group_names:
        members = [p for p in persons if teams[p] == g]
        res = evaluate(act, members, pinfo, answers, inputs, playbook_status, True)
        res["key"] = {group_by: g}
        res["below_k"] = res["metrics"]["headcount"] < K
        out["groups"].append(res)
        if res["below_k"]:
            continue
        if res["metrics"]["adoption_rate"] is not None:
            adoption.append(res["metrics"]["adoption_rate"])
        if res["metrics"]["ai_task_share"] is not None:
            share.append(res["metrics"]["ai_task_share"])
    # Uniformity over the groups with at least K people (gapscore uses the groups it shows;
    # the test compares only when those are the same groups).
    out["uniformity"] = {}
    for name, vals in (("adoption_rate", adoption), ("ai_task_share", share)):
        out["uniformity"][name] = {"groups": len(vals), "gini": num(gini(vals)), "theil_t": num(theil(vals)),
                                   "cv": num(cv(vals)), "min": num(min(vals)) if vals else None,
                                   "max": num(max(vals)) if vals else None}
    # Weekly trends: people active in the week. No survey answers: a week's few
    # answers, in its score beside the window's, could give one person's.
    act["week"] = act["date"] - pd.to_timedelta(act["date"].dt.weekday, unit="D")
    trends = []
    for week, rows in sorted(act.groupby("week"), key=lambda kv: kv[0]):
        wk_persons = sorted(rows["person_id"].unique())
        wk_info = person_table(rows)
        wk_answers = {}
        cells = [(None, wk_persons)] + [(g, [p for p in wk_persons if teams[p] == g]) for g in group_names]
        # A group with nobody active in the week has no trend cell at all.
        cells = [(g, members) for g, members in cells if members]
        for g, members in cells:
            res = evaluate(rows, members, wk_info, wk_answers, inputs, playbook_status, False)
            trends.append({"start": week.strftime("%Y-%m-%d"), "key": None if g is None else {group_by: g},
                           "headcount": res["metrics"]["headcount"], "below_k": 0 < res["metrics"]["headcount"] < K,
                           "metrics": {k: res["metrics"][k] for k in ("adoption_rate", "ai_task_share", "time_saved_hours",
                                                                      "quality_adjusted_output_per_hour", "error_rate")},
                           "gap_score": res["score"]["value"], "components": res["score"]["components"],
                           "withheld_below_k": [m for m in res["withheld_below_k"] if m in TREND_FIGURES]})
    out["trends"] = trends
    return out


def main():
    write_edge_cases()
    for name in sorted(os.listdir(DATA)):
        d = os.path.join(DATA, name)
        if not os.path.isdir(d):
            continue
        ref = reference(d)
        ref["generated_by"] = "tests/reference/metrics_reference.py"
        ref["config"] = CONFIG
        with open(os.path.join(d, "expected.json"), "w") as f:
            json.dump(ref, f, indent=1)
            f.write("\n")
        print("wrote", os.path.relpath(os.path.join(d, "expected.json"), os.path.join(HERE, "..", "..")))


if __name__ == "__main__":
    main()
