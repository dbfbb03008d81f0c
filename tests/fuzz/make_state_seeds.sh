#!/usr/bin/env bash
# Rewrites the fuzz_state seeds: real partial states of the fixed inputs
# (tests/fuzz/fixed/), whole and without their 32-byte checksum (the target
# appends a valid one, so mutations reach the reader). Re-run when the state
# format or the engine version changes.
# Usage: bash tests/fuzz/make_state_seeds.sh [path/to/gapscore]
set -euo pipefail
cd "$(dirname "$0")/../.."
cli=${1:-build/native/tools/gapscore}
out=tests/fuzz/corpus/fuzz_state
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"
fixed=tests/fuzz/fixed
# Two activity files (the fixed one cut in half) and the same file twice.
head -1 "$fixed/activity.csv" >"$tmp/a.csv"
cp "$tmp/a.csv" "$tmp/b.csv"
n=$(($(wc -l <"$fixed/activity.csv") / 2))
sed -n "2,${n}p" "$fixed/activity.csv" >>"$tmp/a.csv"
sed -n "$((n + 1)),\$p" "$fixed/activity.csv" >>"$tmp/b.csv"
seed() {  # name args...
  local name=$1; shift
  "$cli" partial "$@" --out "$tmp/$name.gsp" >/dev/null
  cp "$tmp/$name.gsp" "$out/$name.gsp"
  head -c -32 "$tmp/$name.gsp" >"$out/$name.body"
}
seed one --activity "$fixed/activity.csv"
seed with_people --activity "$fixed/activity.csv" --people "$fixed/people.csv"
seed two_files --activity "$tmp/a.csv" --activity "$tmp/b.csv" --people "$fixed/people.csv"
seed repeated --activity "$tmp/a.csv" --activity "$tmp/a.csv"
"$cli" partial --activity "$tmp/b.csv" --people "$fixed/people.csv" --out "$tmp/b.gsp" >/dev/null
"$cli" partial --activity "$tmp/a.csv" --people "$fixed/people.csv" --out "$tmp/a.gsp" >/dev/null
"$cli" merge "$tmp/a.gsp" "$tmp/b.gsp" --out "$out/merged.gsp" >/dev/null
head -c -32 "$out/merged.gsp" >"$out/merged.body"
ls -l "$out"
