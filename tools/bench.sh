#!/usr/bin/env bash
# Benchmarks (npm run bench; not part of npm test). Builds what it needs into
# build/bench, then
#   1. Google Benchmark micro-benchmarks of the native core -> bench/results/micro.json
#   2. end to end, CSV bytes -> per-team results: gapscore native and wasm (dist/, 1 and 2
#      workers) against DuckDB-WASM and Arquero, on sorted and on shuffled rows with repeated
#      keys (bench/js/shuffle-data.mjs), one child process per run -> bench/results/e2e.json
#   3. the table and chart in docs/performance.md (chart: bench/results/e2e.svg)
#   4. partial states: partial + merge time and state size per million rows, native CLI
#      (bench/partial_merge.sh -> bench/results/partial_merge.json; BENCH_PARTIAL=0 skips it)
# Env: BENCH_SIZES (default 10k,100k,1M,5M activity rows), BENCH_REPEATS (3),
#      BENCH_ENGINES (native,wasm,wasm-2,duckdb-wasm,arquero), BENCH_ORDERS (sorted,shuffled; also quoted),
#      BENCH_OUT (default bench/results/e2e.json), BENCH_MICRO=0 skips step 1.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f build/bench/build.ninja ]; then
  cmake -S . -B build/bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DGAPSCORE_BUILD_TESTS=OFF >/dev/null
fi
cmake --build build/bench --target gapscore_bench gapscore_e2e gapscore

# The peers, and esbuild for the package build below, are dev dependencies.
if [ ! -d node_modules/@duckdb/duckdb-wasm ] || [ ! -d node_modules/arquero ] || [ ! -x node_modules/.bin/esbuild ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
# dist/ is what npm test / npm run build made; build it only when it is missing.
if [ ! -f dist/index.js ] || [ ! -f dist/gapscore.wasm ]; then
  bash tools/build.sh package
fi

mkdir -p bench/results
if [ "${BENCH_MICRO:-1}" != 0 ]; then
  echo "== micro-benchmarks (build/bench/bench/gapscore_bench)" >&2
  build/bench/bench/gapscore_bench --benchmark_repetitions="${BENCH_REPEATS:-3}" \
    --benchmark_report_aggregates_only=true \
    --benchmark_out=bench/results/micro.json --benchmark_out_format=json
fi

echo "== end to end (bench/js/run.mjs)" >&2
node bench/js/run.mjs
node bench/js/render.mjs

if [ "${BENCH_PARTIAL:-1}" != 0 ]; then
  echo "== partial states (bench/partial_merge.sh)" >&2
  bash bench/partial_merge.sh build/bench/tools/gapscore
fi
