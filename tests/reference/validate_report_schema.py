#!/usr/bin/python3
"""Validates gapscore reports against docs/report.schema.json (JSON Schema 2020-12).

Usage: validate_report_schema.py GAPSCORE_CLI SOURCE_DIR
Runs the CLI on the built-in sample and on every case in tests/data/metrics
(with and without optional tables, several group_by settings) and checks
each report. Registered with ctest as report_schema.
"""
import json
import os
import subprocess
import sys
import tempfile

import jsonschema

cli, src = sys.argv[1], sys.argv[2]
schema = json.load(open(os.path.join(src, "docs", "report.schema.json")))
validator = jsonschema.Draft202012Validator(schema)
jsonschema.Draft202012Validator.check_schema(schema)


def run(args):
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        subprocess.run([cli, "analyze", *args, "--out", out.name], check=True, stderr=subprocess.DEVNULL)
        return json.load(open(out.name))


def tables(d, names):
    args = []
    for t in names:
        p = os.path.join(d, t + ".csv")
        if os.path.exists(p):
            args += ["--" + t, p]
    return args


runs = []
sample = os.path.join(src, "web-demo", "sample")
runs.append(("sample", tables(sample, ["activity", "people", "surveys", "playbook"])))
runs.append(("sample by team,work_mode", tables(sample, ["activity", "people"]) + ["--group-by", "team,work_mode"]))
runs.append(("sample by role, activity only", tables(sample, ["activity"]) + ["--group-by", "role"]))
for case in sorted(os.listdir(os.path.join(src, "tests", "data", "metrics"))):
    d = os.path.join(src, "tests", "data", "metrics", case)
    runs.append((case, tables(d, ["activity", "people", "surveys", "playbook"])))
dp_config = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False)
dp_config.write('{"privacy": {"dp": {"epsilon": 2, "seed": 5}}, "group_by": ["team"]}')
dp_config.close()
runs.append(("differential privacy", tables(sample, ["activity", "people"]) + ["--config", dp_config.name]))
usage_dir = os.path.join(src, "tests", "data", "usage")
runs.append(("adoption-only from usage exports", ["--people", os.path.join(usage_dir, "people.csv")] +
             sum([["--usage", os.path.join(usage_dir, f)] for f in ("m365_user_detail_2025-03-30.csv", "m365_graph.json",
                  "github_users.ndjson", "github_team_engineering.json")], [])))
runs.append(("activity with usage exports", tables(sample, ["activity", "people"]) +
             ["--usage", os.path.join(usage_dir, "github_users.ndjson")]))
# The sample's people table has a department column (not a gapscore column): teams rolled up by it.
runs.append(("teams rolled up by department", tables(sample, ["activity", "people"]) + ["--rollup-by", "department"]))
bad = os.path.join(src, "tests", "data", "bad")
runs.append(("lenient run with skipped rows", ["--activity", os.path.join(bad, "ragged_short_row.csv")]))

failures = 0
# The schema must reject what it is meant to reject.
probe = run(runs[0][1])
for path, bad_value in ((("overall", "metrics", "adoption_rate"), "0.5"), (("overall", "score", "value"), 101),
                        (("summary", "people"), -1), (("overall", "metrics", "not_a_metric"), 1)):
    mutated = json.loads(json.dumps(probe))
    node = mutated
    for k in path[:-1]:
        node = node[k]
    node[path[-1]] = bad_value
    if validator.is_valid(mutated):
        print("schema accepted an invalid report:", path, bad_value)
        failures += 1
for name, args in runs:
    report = run(args)
    errors = sorted(validator.iter_errors(report), key=lambda e: list(e.path))
    for e in errors[:5]:
        print("%s: %s at %s" % (name, e.message, "/".join(map(str, e.path))))
    failures += len(errors)
    if "rolled up" in name and len(report.get("rollup", {}).get("groups", [])) < 2:
        print("%s: no rollup section with its departments" % name)
        failures += 1
    print("%-40s %s" % (name, "ok" if not errors else "%d errors" % len(errors)))
sys.exit(1 if failures else 0)
