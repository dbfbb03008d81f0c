#!/usr/bin/env bash
# Partial states (docs/partial-state.md), timed with the native CLI: a generated
# organisation of about a million activity rows cut into FILES files; `gapscore
# partial` on each (one thread), `gapscore merge` into a report and into a state,
# against one `gapscore analyze --threads 1` over all the files. Prints the figures
# per million rows and writes bench/results/partial_merge.json. Run by
# tools/bench.sh (npm run bench), or alone: bash bench/partial_merge.sh [path/to/gapscore]
# Env: BENCH_PM_PEOPLE (2000), BENCH_PM_DAYS (216), BENCH_PM_FILES (4).
set -euo pipefail
cd "$(dirname "$0")/.."
cli=$(realpath "${1:-build/bench/tools/gapscore}")
people=${BENCH_PM_PEOPLE:-2000} days=${BENCH_PM_DAYS:-216} files=${BENCH_PM_FILES:-4}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$cli" generate --people "$people" --days "$days" --out "$tmp/org" >/dev/null
rows=$(($(wc -l <"$tmp/org/activity.csv") - 1))
header=$(head -1 "$tmp/org/activity.csv")
per=$(((rows + files - 1) / files))
tail -n +2 "$tmp/org/activity.csv" | split -l "$per" -d - "$tmp/part-"
inputs=()
for f in "$tmp"/part-*; do
  { echo "$header"; cat "$f"; } >"$f.csv"
  rm "$f"
  inputs+=("$f.csv")
done
now() { date +%s.%N; }
calc() { awk "BEGIN { printf \"%.6f\", $1 }"; }
since() { calc "$(now) - $1"; }

t=$(now)
args=(); for f in "${inputs[@]}"; do args+=(--activity "$f"); done
"$cli" analyze "${args[@]}" --people "$tmp/org/people.csv" --threads 1 --out "$tmp/one.json"
analyze_s=$(since "$t")

partial_s=0 state_bytes=0 states=()
for f in "${inputs[@]}"; do
  t=$(now)
  "$cli" partial --activity "$f" --people "$tmp/org/people.csv" --threads 1 --out "$f.gsp"
  partial_s=$(calc "$partial_s + $(since "$t")")
  state_bytes=$((state_bytes + $(stat -c %s "$f.gsp")))
  states+=("$f.gsp")
done
t=$(now)
"$cli" merge "${states[@]}" --out "$tmp/merged.gsp"
merge_state_s=$(since "$t")
t=$(now)
"$cli" merge "${states[@]}" --out "$tmp/merged.json"
merge_report_s=$(since "$t")
cmp -s "$tmp/one.json" "$tmp/merged.json" || { echo "partial_merge: the merged report differs from analyze" >&2; exit 1; }
merged_bytes=$(stat -c %s "$tmp/merged.gsp")
csv_bytes=0; for f in "${inputs[@]}"; do csv_bytes=$((csv_bytes + $(stat -c %s "$f"))); done

per_m() { calc "$1 * 1000000 / $rows"; }
mkdir -p bench/results
cat >bench/results/partial_merge.json <<JSON
{
  "rows": $rows, "people": $people, "days": $days, "files": ${#inputs[@]}, "csv_bytes": $csv_bytes,
  "analyze_seconds": $(printf '%.3f' "$analyze_s"),
  "partial_seconds_total": $(printf '%.3f' "$partial_s"),
  "merge_to_state_seconds": $(printf '%.3f' "$merge_state_s"),
  "merge_to_report_seconds": $(printf '%.3f' "$merge_report_s"),
  "state_bytes_total": $state_bytes,
  "merged_state_bytes": $merged_bytes,
  "per_million_rows": {
    "partial_seconds": $(printf '%.3f' "$(per_m "$partial_s")"),
    "merge_to_report_seconds": $(printf '%.3f' "$(per_m "$merge_report_s")"),
    "state_bytes": $(printf '%.0f' "$(per_m "$state_bytes")"),
    "merged_state_bytes": $(printf '%.0f' "$(per_m "$merged_bytes")")
  },
  "report_identical_to_analyze": true
}
JSON
printf 'partial + merge, %d rows in %d files (%d people x %d days), native CLI, one thread:\n' "$rows" "${#inputs[@]}" "$people" "$days"
printf '  analyze (one run)      %6.2f s\n' "$analyze_s"
printf '  partial (all files)    %6.2f s   (%.2f s per million rows)\n' "$partial_s" "$(per_m "$partial_s")"
printf '  merge -> state         %6.2f s\n' "$merge_state_s"
printf '  merge -> report        %6.2f s   (%.2f s per million rows)\n' "$merge_report_s" "$(per_m "$merge_report_s")"
printf '  states                 %6.1f MB  (%.1f MB per million rows; merged state %.1f MB; CSV %.1f MB)\n' \
  "$(calc "$state_bytes / 1000000")" "$(calc "$(per_m "$state_bytes") / 1000000")" \
  "$(calc "$merged_bytes / 1000000")" "$(calc "$csv_bytes / 1000000")"
echo '  report byte-identical to analyze: yes (bench/results/partial_merge.json)'
