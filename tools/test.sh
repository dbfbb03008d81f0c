#!/usr/bin/env bash
# The whole test suite (npm test): installs what is missing, builds native and
# wasm, and runs every test layer. Exits non-zero on the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
step() { echo; echo "== $* ($(( $(date +%s) - start ))s)"; }

step "setup"
bash tools/setup.sh

step "layering (tools/check_layers.py: no include points up a layer)"
python3 tools/check_layers.py

step "native build"
bash tools/build.sh native

step "native tests (GoogleTest via ctest; also tests/python: the Python module and a Dask LocalCluster, about 25 s)"
# A skipped case (e.g. a fixture whose set-up failed) is not a pass: fail on any.
ctest --test-dir build/native --output-on-failure -j2 --timeout 600 | tee build/native/ctest.log
if grep -q "The following tests did not run" build/native/ctest.log; then
  echo "some GoogleTest cases were skipped; a skipped check is not a passing one" >&2
  exit 1
fi

step "sanitized build (clang ASan + UBSan, build/native-asan: unit tests, CLI, fuzz targets)"
bash tools/build.sh native-asan

step "sanitized tests (ctest in build/native-asan)"
# Any ASan/UBSan report fails its test: UB is compiled non-recoverable and the
# runtime options (tools/sanitizer-env.sh) halt on the first error, leaks included.
source tools/sanitizer-env.sh
# Every label runs here, "slow" too. One ctest test per test executable here
# (GAPSCORE_TEST_PER_EXECUTABLE): about 2.5 min on 2 cores.
# Tests skipped under the sanitizers only, each for a named open bug (ctest regex,
# '|'-separated; empty = none). A test listed here still runs in build/native.
# Here a ctest test is a whole executable (e.g. csv_test), so this skips all its
# cases: to skip one case, give that executable a --gtest_filter instead.
ASAN_SKIP_TESTS=""
ctest --test-dir build/native-asan --output-on-failure -j2 --timeout 900 \
  ${ASAN_SKIP_TESTS:+-E "$ASAN_SKIP_TESTS"} | tee build/native-asan/ctest.log
if grep -q "The following tests did not run" build/native-asan/ctest.log; then
  echo "some GoogleTest cases were skipped under the sanitizers; a skipped check is not a passing one" >&2
  exit 1
fi

step "fuzz targets replay their seed corpus and regressions (tests/fuzz, -runs=0)"
bash tools/fuzz.sh --replay

step "wasm module and npm package (dist/)"
bash tools/build.sh package

# tests/js/parity.test.mjs requires byte-identical reports from g++
# (build/native), clang (build/native-asan's CLI), wasm in Node and in Chromium.
# One test file at a time. Two at once took 194-256 s instead of 304 s, but in
# one run of seven the demo's roll-up test found its table hidden after a
# re-analysis (likely a click during the redraw: the test now waits for it; not
# reproduced). The demo is built once here, not by each demo test file
# (GAPSCORE_DEMO_BUILT).
step "package tests (node:test: Node ESM, TypeScript, Vite + Chromium)"
bash tools/build-demo.sh
GAPSCORE_DEMO_BUILT=1 node --test --test-concurrency=1 tests/js/

step "all tests passed"
