#!/usr/bin/env bash
# npm start: the main job on the built-in sample data.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
bash tools/build.sh native >/dev/null
sample=web-demo/sample
./build/native/tools/gapscore analyze \
  --activity "$sample/activity.csv" --people "$sample/people.csv" \
  --surveys "$sample/surveys.csv" --playbook "$sample/playbook.csv" \
  --out build/sample-report.json
./build/native/tools/gapscore analyze \
  --activity "$sample/activity.csv" --people "$sample/people.csv" \
  --surveys "$sample/surveys.csv" --playbook "$sample/playbook.csv" --format summary
echo
echo "Full report: build/sample-report.json"
