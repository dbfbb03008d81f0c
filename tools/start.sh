#!/usr/bin/env bash
# npm start: builds gapscore, prints the sample organisation's summary from the
# native CLI, then builds the offline web demo and serves it on localhost.
#   PORT=9000 npm start    (default 8080, or any free port when that is taken)
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
echo

# The npm package (incremental: CMake rebuilds only what changed) and the demo built from it.
bash tools/build.sh package >/dev/null
bash tools/build-demo.sh
echo
exec node web-demo/serve.mjs web-demo/dist
