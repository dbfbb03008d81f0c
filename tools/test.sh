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

step "wasm build of the core library"
bash tools/build.sh wasm-core

step "all tests passed"
