#!/usr/bin/env python3
"""Writes the real-input fixtures of issue 20 (run from anywhere; deterministic):
  viva_person_query.csv        Viva Insights person query: published column names (mixed case),
                               NA (not licensed) and 0 (licensed, unused) weeks, M/D/YYYY dates, 14 weeks
  github_users_report_28day.json   GitHub Copilot users report, pretty-printed (organisation, 28 days)
  github_users_report_1day.json    enterprise users report, one day, on one line
  github_org_report.json           organisation aggregate report with day_totals
  activity_dates_*.csv         one activity table per date format
The segment counts expected for the person query come from tests/reference/segments_reference.py."""
import datetime as dt
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def write(name, text):
    with open(os.path.join(HERE, name), "w", newline="") as f:
        f.write(text)


# --- Viva person query -------------------------------------------------------
ORGS = ["Finance", "Sales", "Engineering"]
start = dt.date(2025, 1, 5)  # a Sunday: Viva weeks start on Sunday
WEEKS = 14
rows = []
header = ["PersonId", "MetricDate", "Organization", "FunctionType", "LevelDesignation", "SupervisorIndicator",
          "Collaboration_Hours", "Meeting_hours", "Email_hours", "Emails_sent", "Chats_sent",
          "Total_Copilot_actions_taken", "Copilot_actions_taken_in_Teams", "Copilot_actions_taken_in_Word",
          "Copilot_assisted_hours", "Total_Copilot_enabled_days", "Total_Copilot_active_days"]
# Per person a weekly pattern of actions (None = NA, not licensed that week).
patterns = {}
for i in range(30):
    org = ORGS[i % 3]
    kind = i % 6
    weeks = []
    for w in range(WEEKS):
        if kind == 0:    # power: 20+ every week
            a = 20 + (i + w) % 7
        elif kind == 1:  # habitual: 9..12 weeks with a few actions
            a = 3 if (w + i) % 7 != 0 else 0
        elif kind == 2:  # novice: every other week, ~4
            a = 4 if w % 2 == 0 else 0
        elif kind == 3:  # low: one action in the last 12 weeks
            a = 1 if w == 5 else 0
        elif kind == 4:  # never used: licensed with 0s
            a = 0
        else:            # licensed only from week 8: NA before
            a = None if w < 8 else (2 if w % 3 == 0 else 0)
        weeks.append(a)
    patterns["P%03d" % (i + 1)] = (org, weeks)

lines = [",".join(header)]
for w in range(WEEKS):
    d = start + dt.timedelta(days=7 * w)
    date_text = "%d/%d/%d" % (d.month, d.day, d.year)  # M/D/YYYY, as Viva's CSV writes it
    for pid, (org, weeks) in patterns.items():
        n = int(pid[1:])
        a = weeks[w]
        if a is None:
            cop = ["NA", "NA", "NA", "NA", "NA", "NA"]
        else:
            teams = a // 2
            cop = [str(a), str(teams), str(a - teams), "%.1f" % (a * 0.1), "5", str(min(5, (a + 3) // 4))]
        collab = 10 + (n * 7 + w * 3) % 15
        lines.append(",".join([pid, date_text, org, "IC" if n % 4 else "Manager", "Level %d" % (1 + n % 3),
                               "Manager" if n % 4 == 0 else "Individual Contributor",
                               "%.2f" % (collab + 0.25), "%.2f" % (collab / 2), "%.1f" % (collab / 4),
                               str(20 + (n * 5 + w) % 30), str(40 + (n * 3) % 50)] + cop))
write("viva_person_query.csv", "\r\n".join(lines) + "\r\n")
with open(os.path.join(HERE, "viva_person_query_weeks.json"), "w") as f:
    json.dump({"weeks": [(start + dt.timedelta(days=7 * w)).isoformat() for w in range(WEEKS)],
               "actions": {pid: weeks for pid, (org, weeks) in patterns.items()},
               "organization": {pid: org for pid, (org, weeks) in patterns.items()}}, f, indent=1, sort_keys=True)
    f.write("\n")


# --- GitHub Copilot users reports --------------------------------------------
def user_day(uid, login, day, interactions, gen, acc, chat, agent, cli):
    return {
        "user_id": uid, "user_login": login, "day": day,
        "organization_id": "4711", "enterprise_id": "99",
        "user_initiated_interaction_count": interactions,
        "code_generation_activity_count": gen, "code_acceptance_activity_count": acc,
        "loc_suggested_to_add_sum": gen * 3, "loc_suggested_to_delete_sum": 0,
        "loc_added_sum": acc * 2, "loc_deleted_sum": 0,
        "used_chat": chat, "used_agent": agent, "used_cli": cli,
        "totals_by_ide": ([{"ide": "vscode", "user_initiated_interaction_count": interactions,
                            "code_generation_activity_count": gen, "code_acceptance_activity_count": acc}]
                          if gen or interactions else []),
        "totals_by_feature": ([{"feature": "code_completion", "user_initiated_interaction_count": 0,
                                "code_generation_activity_count": gen, "code_acceptance_activity_count": acc}]
                              if gen else []) +
                             ([{"feature": "chat_panel_ask_mode", "user_initiated_interaction_count": interactions,
                                "code_generation_activity_count": 0, "code_acceptance_activity_count": 0}]
                              if interactions else []),
        "totals_by_language_feature": [],
        "totals_by_model_feature": ([{"model": "gpt-4.1", "feature": "chat_panel_ask_mode",
                                      "user_initiated_interaction_count": interactions}] if interactions else []),
        "totals_by_cli": ({"session_count": 1, "request_count": 2} if cli else {}),
    }


def users_28():
    days = []
    first = dt.date(2025, 3, 3)
    for k in range(28):
        d = (first + dt.timedelta(days=k)).isoformat()
        for u in range(1, 9):
            login = "dev%02d" % u
            if u == 8:  # inactive every day: all zero, no flags
                days.append(user_day(1000 + u, login, d, 0, 0, 0, False, False, False))
            elif u == 7:  # only the CLI, on Mondays
                days.append(user_day(1000 + u, login, d, 0, 0, 0, False, False, k % 7 == 0))
            elif (k + u) % u == 0 or u <= 2:
                days.append(user_day(1000 + u, login, d, 2 + u, 5 * u, 2 * u, u % 2 == 0, u == 3, False))
    return {"report_start_day": "2025-03-03", "report_end_day": "2025-03-30", "organization_id": "4711",
            "created_at": "2025-03-31T04:00:00Z", "day_totals": days}


write("github_users_report_28day.json", json.dumps(users_28(), indent=2) + "\n")
one = {"report_start_day": "2025-03-30", "report_end_day": "2025-03-30", "enterprise_id": "99",
       "created_at": "2025-03-31T04:00:00Z",
       "day_totals": [user_day(1001, "dev01", "2025-03-30", 3, 10, 4, True, False, False),
                      user_day(1002, "dev02", "2025-03-30", 0, 0, 0, False, True, False),
                      user_day(1008, "dev08", "2025-03-30", 0, 0, 0, False, False, False)]}
write("github_users_report_1day.json", json.dumps(one) + "\n")
org = {"report_start_day": "2025-03-24", "report_end_day": "2025-03-30", "organization_id": "4711",
       "created_at": "2025-03-31T04:00:00Z",
       "day_totals": [{"day": (dt.date(2025, 3, 24) + dt.timedelta(days=k)).isoformat(),
                       "daily_active_users": 5 + k % 3, "weekly_active_users": 7, "monthly_active_users": 8,
                       "user_initiated_interaction_count": 40 + k, "code_generation_activity_count": 120 + 2 * k,
                       "code_acceptance_activity_count": 50 + k,
                       "totals_by_ide": [{"ide": "vscode", "code_generation_activity_count": 100}],
                       "totals_by_feature": [{"feature": "code_completion", "code_generation_activity_count": 120}]}
                      for k in range(7)]}
write("github_org_report.json", json.dumps(org, indent=2) + "\n")


# --- activity tables with dates as exported ----------------------------------
def activity(fmt_day):
    out = ["person_id,date,task_type,tasks,ai_tasks,hours"]
    for p in range(1, 7):
        for k in range(20):
            d = dt.date(2025, 3, 1) + dt.timedelta(days=k)
            out.append("p%d,%s,report,%d,%d,%.1f" % (p, fmt_day(d), 2 + k % 3, (k + p) % 2, 3.5))
    return "\n".join(out) + "\n"


write("activity_dates_iso_datetime.csv", activity(lambda d: d.isoformat() + "T09:00:00Z"))
write("activity_dates_mdy.csv", activity(lambda d: "%d/%d/%d" % (d.month, d.day, d.year)))
write("activity_dates_dmy_dots.csv", activity(lambda d: "%d.%d.%d" % (d.day, d.month, d.year)))
write("activity_dates_ymd_slash.csv", activity(lambda d: "%04d/%02d/%02d" % (d.year, d.month, d.day)))
write("activity_dates_excel_serial.csv", activity(lambda d: str((d - dt.date(1899, 12, 30)).days)))
# Days 1..12 only: 03/01/2025 could be March or January.
write("activity_dates_ambiguous.csv", "\n".join(
    ["person_id,date,task_type,tasks,ai_tasks,hours"] +
    ["p%d,%02d/%02d/2025,report,2,1,3.5" % (p, m, d) for p in range(1, 4) for m in (1, 2) for d in range(1, 13)]) + "\n")
# M/D/YYYY detected from 13/.. no: from 3/14/2025 on row 2; a later 14/3/2025 contradicts it.
write("activity_dates_contradiction.csv", "person_id,date,task_type,tasks,ai_tasks,hours\n"
      "p1,3/14/2025,report,2,1,3.5\np1,3/15/2025,review,2,1,3.5\np1,14/3/2025,call,2,1,3.5\np2,3/16/2025,report,2,0,2\n")
write("activity_employee_id.csv", "Employee ID,date,task_type,tasks,ai_tasks,hours\np1,2025-03-01,report,2,1,3.5\n")
