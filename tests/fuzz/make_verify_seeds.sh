#!/usr/bin/env bash
# Rewrites the fuzz_verify seeds: real reports of the fixed inputs (tests/fuzz/fixed/)
# under a few configs, so that mutated reports get past the digest check.
# Re-run when the report format or the engine version changes (a report of
# another version stops at "cannot verify" and the fuzzer goes no deeper).
# Usage: bash tests/fuzz/make_verify_seeds.sh [path/to/gapscore]
set -euo pipefail
cd "$(dirname "$0")/../.."
cli=${1:-build/native-asan/tools/gapscore}
out=tests/fuzz/corpus/fuzz_verify
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"

seed() {  # name config-json
  printf '%s' "$2" >"$tmp/config.json"
  "$cli" analyze --activity tests/fuzz/fixed/activity.csv --people tests/fuzz/fixed/people.csv \
    --config "$tmp/config.json" --out "$out/$1.json" >/dev/null
}
seed default '{}'
seed overall_only '{"group_by":[],"bootstrap":{"resamples":100}}'
seed individual_salted '{"group_by":[],"privacy":{"individual_results":true,"salt":"f022f022f022f022f022f022f022f022","min_group_size":3},"bootstrap":{"resamples":100}}'
seed dp_seeded '{"group_by":["role"],"privacy":{"dp":{"epsilon":1,"seed":7}},"bootstrap":{"resamples":100}}'
seed month_window '{"period":"month","window":{"start":"2025-03-04","end":"2025-03-31"},"group_by":["work_mode"],"bootstrap":{"resamples":100}}'
seed rollout '{"rollout":{"by":"team","dates":{"Engineering":"2025-03-10"}},"bootstrap":{"resamples":100}}'
ls -l "$out"
