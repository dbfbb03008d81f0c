#!/usr/bin/python3
"""Writes realistic AI-usage export fixtures and their expected figures.

The files follow the vendors' published shapes:
- Microsoft 365 Copilot usage, user detail: the admin-center CSV (BOM, CRLF, as
  Excel saves it) and the Microsoft Graph JSON ({"value": [...]}).
- GitHub Copilot usage metrics, per user and day (NDJSON, one object per line)
  and the older organisation/team daily metrics API (a JSON array).
expected.json is computed here, independently of gapscore, for the report's
usage section. Run: /usr/bin/python3 tests/data/usage/make_fixtures.py
"""
import datetime as dt
import hashlib
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
rnd = random.Random(7)
D = dt.date


def iso(d):
    return d.isoformat()


teams = {"Engineering": "software_engineer", "Finance": "finance_analyst", "Sales": "account_executive"}
people = []
for t_i, (team, role) in enumerate(teams.items()):
    for i in range(8):
        n = t_i * 8 + i + 1
        people.append({"person_id": "E%03d" % n, "team": team, "role": role, "work_mode": ["onsite", "hybrid", "remote"][n % 3],
                       "email": "person%03d@contoso.com" % n, "github_login": ("dev-%03d" % n) if team == "Engineering" else ""})

with open(os.path.join(HERE, "people.csv"), "w", newline="") as f:
    f.write("person_id,team,role,work_mode,email,github_login\n")
    for p in people:
        f.write("%s,%s,%s,%s,%s,%s\n" % (p["person_id"], p["team"], p["role"], p["work_mode"], p["email"].upper() if p["person_id"] == "E002" else p["email"], p["github_login"]))

APPS = ["Copilot Chat", "Microsoft Teams Copilot", "Word Copilot", "Excel Copilot", "PowerPoint Copilot", "Outlook Copilot",
        "OneNote Copilot", "Loop Copilot"]
JSON_KEYS = ["copilotChatLastActivityDate", "microsoftTeamsCopilotLastActivityDate", "wordCopilotLastActivityDate",
             "excelCopilotLastActivityDate", "powerPointCopilotLastActivityDate", "outlookCopilotLastActivityDate",
             "oneNoteCopilotLastActivityDate", "loopCopilotLastActivityDate"]
SURFACES = ["chat", "teams", "word", "excel", "powerpoint", "outlook", "onenote", "loop"]

# Who uses Microsoft 365 Copilot: Finance mostly, Sales half, Engineering a little.
m365_users = [p for p in people if (p["team"] == "Finance" and p["person_id"] != "E016")
              or (p["team"] == "Sales" and int(p["person_id"][1:]) % 2 == 0) or p["person_id"] in ("E001", "E003")]


def m365_records(refresh, period):
    start = refresh - dt.timedelta(days=period - 1)
    recs = []
    for p in people + [{"email": "contractor@fabrikam.com", "person_id": None}]:
        dates = [""] * len(APPS)
        last = ""
        if p in m365_users or p["person_id"] is None:
            for a in rnd.sample(range(len(APPS)), rnd.randint(1, 4)):
                dates[a] = iso(start + dt.timedelta(days=rnd.randint(0, period - 1)))
            last = max(d for d in dates if d)
        recs.append((p["email"], last, dates))
    return recs


def write_m365_csv(name, refresh, period, conceal=False):
    recs = m365_records(refresh, period)
    header = ["Report Refresh Date", "User Principal Name", "Display Name", "Last Activity Date"] + \
             ["%s Last Activity Date" % a for a in APPS] + ["Report Period", "Department"]
    lines = [",".join(header)]
    for upn, last, dates in recs:
        user = hashlib.sha256(upn.encode()).hexdigest()[:32].upper() if conceal else upn
        display = "" if conceal else '"Doe, Jane"'
        lines.append(",".join([iso(refresh), user, display, last] + dates + [str(period), "Ops"]))
    with open(os.path.join(HERE, name), "w", newline="", encoding="utf-8-sig") as f:
        f.write("\r\n".join(lines) + "\r\n")
    return recs


march = write_m365_csv("m365_user_detail_2025-03-30.csv", D(2025, 3, 30), 30)
april = write_m365_csv("m365_user_detail_2025-04-29.csv", D(2025, 4, 29), 30)
concealed = write_m365_csv("m365_concealed_2025-03-30.csv", D(2025, 3, 30), 30, conceal=True)
with open(os.path.join(HERE, "identities.csv"), "w", newline="") as f:
    f.write("identity,person_id\n")
    for p in people:
        f.write("%s,%s\n" % (hashlib.sha256(p["email"].encode()).hexdigest()[:32].upper(), p["person_id"]))

# Graph JSON (7-day period), a separate fixture.
graph_refresh = D(2025, 4, 6)
graph = {"@odata.context": "https://graph.microsoft.com/beta/$metadata#reports", "value": []}
for upn, last, dates in m365_records(graph_refresh, 7):
    u = {"reportRefreshDate": iso(graph_refresh), "userPrincipalName": upn, "displayName": "Jane Doe", "lastActivityDate": last,
         "copilotActivityUserDetailsByPeriod": [{"reportPeriod": 7}]}
    for k, d in zip(JSON_KEYS, dates):
        u[k] = d
    graph["value"].append(u)
json.dump(graph, open(os.path.join(HERE, "m365_graph.json"), "w"), indent=1)

# GitHub per-user NDJSON for the engineers, 2025-03-03 .. 2025-03-30.
gh_lines = []
gh_start = D(2025, 3, 3)
gh_days = 28
for p in people:
    if not p["github_login"]:
        continue
    n = int(p["person_id"][1:])
    intensity = {1: 0.9, 2: 0.7, 3: 0.5, 4: 0.2, 5: 0.1, 6: 0.0, 7: 0.6, 8: 0.0}[n]
    for d in range(gh_days):
        day = gh_start + dt.timedelta(days=d)
        if day.weekday() >= 5 or rnd.random() >= intensity:
            continue
        gen = rnd.randint(3, 30)
        acc = rnd.randint(0, gen)
        sug = rnd.randint(10, 200)
        obj = {"day": iso(day), "enterprise_id": "1", "user_id": 1000 + n, "user_login": p["github_login"],
               "user_initiated_interaction_count": rnd.randint(0, 12), "code_generation_activity_count": gen,
               "code_acceptance_activity_count": acc, "loc_suggested_to_add_sum": sug, "loc_added_sum": rnd.randint(0, sug),
               "loc_deleted_sum": rnd.randint(0, 20), "used_chat": rnd.random() < 0.5, "used_agent": rnd.random() < 0.2,
               "used_cli": False, "ai_credits_used": 1.5,
               "totals_by_ide": [{"ide": "vscode", "code_generation_activity_count": gen}],
               "totals_by_feature": [{"feature": "code_completion", "code_generation_activity_count": gen,
                                      "code_acceptance_activity_count": acc, "loc_suggested_to_add_sum": sug,
                                      "loc_added_sum": 0, "user_initiated_interaction_count": 0}]}
        # loc_added_sum within the feature mirrors the top level.
        obj["totals_by_feature"][0]["loc_added_sum"] = obj["loc_added_sum"]
        if n == 7:  # one user whose export lacks counters: missing, not zero
            for k in ("code_generation_activity_count", "code_acceptance_activity_count"):
                del obj["totals_by_feature"][0][k]
        gh_lines.append(json.dumps(obj))
gh_lines.append(json.dumps({"day": "2025-03-28", "user_login": "ghost-user", "code_generation_activity_count": 5,
                            "code_acceptance_activity_count": 1}))  # not in people: unmatched
with open(os.path.join(HERE, "github_users.ndjson"), "w") as f:
    f.write("\n".join(gh_lines) + "\n" + gh_lines[0][:57])  # the export was cut off mid-line

# Organisation/team daily metrics (aggregate API).
agg = []
for d in range(14):
    day = D(2025, 3, 3) + dt.timedelta(days=d)
    agg.append({"date": iso(day), "total_active_users": 6 if day.weekday() < 5 else 2, "total_engaged_users": 5 if day.weekday() < 5 else 1,
                "copilot_ide_code_completions": {"total_engaged_users": 5, "editors": [
                    {"name": "vscode", "total_engaged_users": 5, "models": [{"name": "default", "is_custom_model": False, "languages": [
                        {"name": "python", "total_engaged_users": 4, "total_code_suggestions": 100 + d, "total_code_acceptances": 30 + d,
                         "total_code_lines_suggested": 200, "total_code_lines_accepted": 60},
                        {"name": "go", "total_engaged_users": 2, "total_code_suggestions": 50, "total_code_acceptances": 10,
                         "total_code_lines_suggested": 80, "total_code_lines_accepted": 20}]}]}]},
                "copilot_ide_chat": {"total_engaged_users": 3}, "copilot_dotcom_chat": {"total_engaged_users": 1},
                "copilot_dotcom_pull_requests": {"total_engaged_users": 0}})
json.dump(agg, open(os.path.join(HERE, "github_team_engineering.json"), "w"), indent=1)

# Bad files.
with open(os.path.join(HERE, "bad_not_usage.csv"), "w") as f:
    f.write("name,amount\nwidgets,3\n")
with open(os.path.join(HERE, "bad_m365_no_upn.csv"), "w") as f:
    f.write("Report Refresh Date,Display Name,Last Activity Date,Report Period\n2025-03-30,Jane,2025-03-29,30\n")
with open(os.path.join(HERE, "bad_github_middle_line.ndjson"), "w") as f:
    f.write(gh_lines[0] + "\n{\"day\": \"2025-03-04\", oops}\n" + gh_lines[1] + "\n")
with open(os.path.join(HERE, "bad_empty.ndjson"), "w") as f:
    f.write("\n\n")

# ---- expected figures: people + both M365 CSVs + GitHub NDJSON, group_by team, k = 3 ----
K = 3
ENGAGED_MIN_DAYS = 4
email_of = {p["email"]: p["person_id"] for p in people}
login_of = {p["github_login"]: p["person_id"] for p in people if p["github_login"]}
active = {}  # person -> set of days
surfaces = {}
tools = {}
gen = {}
rows_seen = set()
unmatched = set()
coverage = []


def add(person, day, surface, tool, is_active=True):
    if person is None:
        return
    if is_active:
        active.setdefault(person, set()).add(day)
        surfaces.setdefault(person, set()).add(tool + ":" + surface)
        tools.setdefault(person, set()).add(tool)


for recs, refresh in ((march, D(2025, 3, 30)), (april, D(2025, 4, 29))):
    start = refresh - dt.timedelta(days=29)
    coverage.append((start, refresh))
    for upn, last, dates in recs:
        person = email_of.get(upn)
        if person is None:
            unmatched.add(("m365", upn))
        for d, s in zip(dates, SURFACES):
            if d and (upn, d, "m365", s) not in rows_seen:
                rows_seen.add((upn, d, "m365", s))
                add(person, D.fromisoformat(d), s, "m365_copilot")

gh_objs = [json.loads(l) for l in gh_lines]
gh_first, gh_last = None, None
for o in gh_objs:
    person = login_of.get(o["user_login"])
    if person is None:
        unmatched.add(("gh", o["user_login"]))
    day = D.fromisoformat(o["day"])
    gh_first = day if gh_first is None or day < gh_first else gh_first
    gh_last = day if gh_last is None or day > gh_last else gh_last
    feats = o.get("totals_by_feature") or [dict(o, feature="copilot")]
    flags = [s for s in ("chat", "agent", "cli") if o.get("used_" + s)]
    for ft in feats:
        g, a = ft.get("code_generation_activity_count"), ft.get("code_acceptance_activity_count")
        ls, la = ft.get("loc_suggested_to_add_sum"), ft.get("loc_added_sum")
        is_active = any((x or 0) > 0 for x in (g, a, ft.get("user_initiated_interaction_count")))
        add(person, day, ft["feature"], "github_copilot", is_active)
        if person is not None:
            c = gen.setdefault(person, [0, 0, 0, 0, False, False])
            if g is not None and a is not None:
                c[0] += g; c[1] += a; c[4] = True
            if ls is not None and la is not None:
                c[2] += ls; c[3] += la; c[5] = True
    for s in flags:
        add(person, day, s, "github_copilot", True)
coverage.append((gh_first, gh_last))

# Covered days: union of ranges.
coverage.sort()
covered = 0
cur = None
for a, b in coverage:
    if cur and a <= cur[1] + dt.timedelta(days=1):
        cur = (cur[0], max(cur[1], b))
    else:
        if cur:
            covered += (cur[1] - cur[0]).days + 1
        cur = (a, b)
covered += (cur[1] - cur[0]).days + 1


def figures(members):
    act = [p for p in members if p in active]
    g = [gen.get(p) for p in members if gen.get(p)]
    acc = [c for c in g if c[4]]
    lines = [c for c in g if c[5]]
    out = {"population": len(members), "active_users": len(act),
           "engaged_users": sum(1 for p in act if len(active[p]) >= ENGAGED_MIN_DAYS),
           "usage_adoption_rate": len(act) / len(members),
           "non_adopters": len(members) - len(act),
           "active_days_share": sum(len(active[p]) / covered for p in act) / len(act) if act else None,
           "apps_per_active_user": sum(len(surfaces[p]) for p in act) / len(act) if act else None,
           "acceptance_rate": sum(c[1] for c in acc) / sum(c[0] for c in acc) if acc and sum(c[0] for c in acc) else None,
           "lines_acceptance_rate": sum(c[3] for c in lines) / sum(c[2] for c in lines) if lines and sum(c[2] for c in lines) else None,
           "tool_adoption": {t: sum(1 for p in members if t in tools.get(p, ())) / len(members) for t in ("m365_copilot", "github_copilot")}}
    return out


expected = {"config": {"group_by": ["team"], "privacy": {"min_group_size": K}},
            "files": ["m365_user_detail_2025-03-30.csv", "m365_user_detail_2025-04-29.csv", "github_users.ndjson"],
            "covered_days": covered, "unmatched_identities": len(unmatched),
            "matched_identities": len({("m365", u) for u, _, _ in march + april if u in email_of}) +
                                  len({("gh", o["user_login"]) for o in gh_objs if o["user_login"] in login_of}),
            "overall": figures([p["person_id"] for p in people]),
            "groups": [{"key": {"team": t}, **figures([p["person_id"] for p in people if p["team"] == t])} for t in sorted(teams)]}
# With the activity table tests/usage_test.cpp writes (every person 10 tasks, 5 of them
# AI-assisted unless the number is a multiple of 3): the rank correlation of telemetry
# intensity with the recorded AI task share, over everyone (no telemetry = intensity 0).
from scipy.stats import spearmanr  # noqa: E402
ids = sorted(p["person_id"] for p in people)
share = [0.0 if int(i[1:]) % 3 == 0 else 0.5 for i in ids]
intensity = [len(active.get(i, ())) / covered for i in ids]
rho, p_value = spearmanr(intensity, share)
expected["intensity_vs_ai_task_share"] = {"people": len(ids), "spearman_rho": float(rho), "p_value": float(p_value)}
json.dump(expected, open(os.path.join(HERE, "expected.json"), "w"), indent=1)
open(os.path.join(HERE, "expected.json"), "a").write("\n")
print("wrote fixtures; covered days", covered)
