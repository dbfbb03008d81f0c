#!/usr/bin/env python3
"""Independent pandas implementation of the usage-segment ladder (vivainsights'
identify_usage_segments, 12-week version) for tests/data/inputs/viva_person_query.csv.
Writes tests/data/inputs/segments_expected.json; tests/usage_inputs_test.cpp compares
gapscore's counts with it. Run with /usr/bin/python3 (Debian's pandas)."""
import json
import math
import os

import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data", "inputs")

df = pd.read_csv(os.path.join(DATA, "viva_person_query.csv"), na_values=["NA"], keep_default_na=True)
df["MetricDate"] = pd.to_datetime(df["MetricDate"], format="%m/%d/%Y")
df["actions"] = df["Total_Copilot_actions_taken"].fillna(0)  # not licensed that week: 0 actions
weeks = sorted(df["MetricDate"].unique())
window = weeks[-12:]
w = len(window)
habit_min = math.ceil(0.75 * w)
last = df[df["MetricDate"].isin(window)]
per = last.groupby("PersonId").agg(total=("actions", "sum"), active_weeks=("actions", lambda s: int((s > 0).sum())))
per["mean"] = per["total"] / w


def segment(r):
    habitual = r["active_weeks"] >= habit_min
    if r["mean"] == 0:
        return "non_user"
    if habitual and r["mean"] >= 15:
        return "power_user"
    if habitual:
        return "habitual_user"
    if r["mean"] >= 1:
        return "novice_user"
    return "low_user"


per["segment"] = per.apply(segment, axis=1)
org = df.drop_duplicates("PersonId").set_index("PersonId")["Organization"]
per["Organization"] = org
names = ["power_user", "habitual_user", "novice_user", "low_user", "non_user"]
out = {"weeks": w, "habit_min_weeks": habit_min,
       "first_week_date": pd.Timestamp(window[0]).date().isoformat(),
       "overall": {n: int((per["segment"] == n).sum()) for n in names},
       "groups": {g: {n: int(((per["segment"] == n) & (per["Organization"] == g)).sum()) for n in names}
                  for g in sorted(per["Organization"].unique())},
       "licensed": int(df[df["MetricDate"].isin(window)].dropna(subset=["Total_Copilot_actions_taken"])["PersonId"].nunique()),
       "active": int(per[per["total"] > 0].shape[0])}
with open(os.path.join(DATA, "segments_expected.json"), "w") as f:
    json.dump(out, f, indent=1, sort_keys=True)
    f.write("\n")
print(json.dumps(out))
