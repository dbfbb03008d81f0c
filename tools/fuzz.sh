#!/usr/bin/env bash
# libFuzzer targets (tests/fuzz/, README there), clang with ASan + UBSan. Fuzzing
# uses build/native-fuzz (coverage instrumentation in every object); a replay
# uses the test tree build/native-asan, which npm test builds anyway.
#
#   tools/fuzz.sh [SECONDS]   build, then fuzz every target for SECONDS (default 60), one at a time
#                             (npm run fuzz -- SECONDS). New inputs go to build/fuzz-corpus/<target>/,
#                             crashes to build/fuzz-findings/<target>/; the checked-in corpus is read only.
#   tools/fuzz.sh --replay    run every target once over tests/fuzz/corpus/<target>/ and
#                             tests/fuzz/regressions/<target>/ (-runs=0; npm test does this).
#                             tests/fuzz/pending/ (crashers of bugs not fixed yet) is not replayed.
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/sanitizer-env.sh

TARGETS=(fuzz_activity_csv fuzz_activity_json fuzz_people_json fuzz_usage fuzz_config fuzz_verify fuzz_state
         fuzz_person_query fuzz_xlsx_parts fuzz_byte_ranges)
REPLAY_BIN=build/native-asan/tests/fuzz
BIN=build/native-fuzz/tests/fuzz

# Longest input tried per target: a few KB is plenty for tables and configs;
# the verify seeds are whole reports.
max_len() {
  case "$1" in
    fuzz_config) echo 2048 ;;
    fuzz_verify|fuzz_state|fuzz_xlsx_parts) echo 65536 ;;
    *) echo 4096 ;;
  esac
}

# Optional dictionary (tokens libFuzzer splices into inputs).
dict_for() {
  case "$1" in
    fuzz_activity_csv|fuzz_byte_ranges) echo tests/fuzz/dict/csv.dict ;;
    fuzz_usage) echo tests/fuzz/dict/usage.dict ;;
    fuzz_state) echo tests/fuzz/dict/state.dict ;;
    fuzz_xlsx_parts) echo tests/fuzz/dict/xlsx.dict ;;
    *) echo tests/fuzz/dict/json.dict ;;
  esac
}

replay() {
  local failed=()
  bash tools/build.sh native-asan gapscore_fuzzers >/dev/null
  for t in "${TARGETS[@]}"; do
    local corpus=tests/fuzz/corpus/$t regressions=tests/fuzz/regressions/$t
    local n log=build/fuzz-findings/$t/replay.log
    mkdir -p "build/fuzz-findings/$t"
    n=$(find "$corpus" "$regressions" -type f -size +0 2>/dev/null | wc -l)  # libFuzzer skips empty files (.gitkeep)
    if "$REPLAY_BIN/$t" -runs=0 -artifact_prefix="build/fuzz-findings/$t/replay-" "$corpus" "$regressions" >"$log" 2>&1; then
      # Every non-empty file was read as a seed (libFuzzer runs each seed once,
      # and the empty input on its own), and the replay finished.
      local seeds
      seeds=$(grep -m1 -o 'seed corpus: files: [0-9]*' "$log" | tr -dc 0-9 || true)
      if [ "${seeds:-none}" != "$n" ] || ! grep -q '^Done [0-9]* runs' "$log"; then
        echo "  $t: read ${seeds:-no} of $n inputs, or did not finish (log: $log)" >&2
        failed+=("$t")
        continue
      fi
      printf '  %-20s %3d inputs ok\n' "$t" "$n"
    else
      echo "  $t: FAILED on its corpus or regressions (log: $log)" >&2
      grep -E 'ERROR|SUMMARY|runtime error|Test unit written|^    #[0-9]' "$log" | head -30 >&2 || true
      failed+=("$t")
    fi
  done
  if ((${#failed[@]})); then
    echo "fuzz replay failed: ${failed[*]}" >&2
    exit 1
  fi
}

# What a finding is: the first sanitizer summary (or libFuzzer's deadly signal /
# timeout / OOM line) when the input is run once more.
triage() {  # target file
  local out line
  out=$(timeout 120 "$BIN/$1" "$2" 2>&1 || true)
  line=$(grep -m1 -E '^SUMMARY|ERROR: libFuzzer' <<<"$out" || true)
  echo "${line:-(does not reproduce on its own)}" | cut -c1-200
}

fuzz() {
  local seconds=$1 failed=()
  bash tools/build.sh native-fuzz
  for t in "${TARGETS[@]}"; do
    local scratch=build/fuzz-corpus/$t findings=build/fuzz-findings/$t log
    mkdir -p "$scratch" "$findings"
    log=$findings/fuzz.log
    touch "$findings/.started"
    echo "== $t: fuzzing ${seconds}s (max_len $(max_len "$t"))"
    # Fork mode with one worker: a crash (e.g. a known bug not fixed yet) is
    # saved and fuzzing goes on for the whole time instead of stopping there.
    # The first corpus folder receives the new inputs; the checked-in ones are only read.
    local status=0
    "$BIN/$t" -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
      -max_total_time="$seconds" -max_len="$(max_len "$t")" -timeout=25 -rss_limit_mb=2048 \
      -dict="$(dict_for "$t")" -artifact_prefix="$findings/" \
      "$scratch" "tests/fuzz/corpus/$t" "tests/fuzz/regressions/$t" >"$log" 2>&1 || status=$?
    # The last status line: "#<executions>: cov: <n> ft: <n> corp: <n> ... oom/timeout/crash: a/b/c time: <s>".
    local final execs
    final=$(grep -E '^#[0-9]+: cov: ' "$log" | tail -1 || true)
    execs=${final%%:*}
    echo "   execs: ${execs#\#}   ${final#*: }"
    local new=()
    mapfile -t new < <(find "$findings" -maxdepth 1 -type f -newer "$findings/.started" \
      \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'slow-unit-*' \) | sort)
    if ((${#new[@]})) || ((status)); then
      echo "   FOUND ${#new[@]} input(s) in $findings/ (exit $status, log $log); by first report line:" >&2
      for f in "${new[@]}"; do triage "$t" "$f"; done | sort | uniq -c | sort -rn | sed 's/^/   /' >&2
      failed+=("$t")
    fi
  done
  if ((${#failed[@]})); then
    echo "findings in: ${failed[*]} (reproduce: $BIN/<target> <file>; see tests/fuzz/README.md)" >&2
    exit 1
  fi
}

case "${1:-60}" in
  --replay) replay ;;
  -h|--help) sed -n '2,12p' "$0" ;;
  *[!0-9]*) echo "usage: tools/fuzz.sh [SECONDS] | --replay" >&2; exit 2 ;;
  *) fuzz "${1:-60}" ;;
esac
