#!/usr/bin/env bash
# The whole test suite (npm test): installs what is missing, builds native and
# wasm, and runs every test layer. Exits non-zero on the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
step() { echo; echo "== $* ($(( $(date +%s) - start ))s)"; }

step "setup"
bash tools/setup.sh

step "native build"
bash tools/build.sh native

step "native tests (GoogleTest via ctest)"
ctest --test-dir build/native --output-on-failure -j2 --timeout 600

step "wasm module and npm package (dist/)"
bash tools/build.sh package

step "package tests (node:test: Node ESM, TypeScript, Vite + Chromium)"
node --test --test-concurrency=1 tests/js/

step "all tests passed"
