#!/usr/bin/env bash
# Builds gapscore. Usage: tools/build.sh native|native-asan [TARGET]|native-clang|wasm-core|package|all
# Build trees live in build/ (cached between runs; CMake rebuilds what changed).
set -euo pipefail
cd "$(dirname "$0")/.."

# Configures a tree when it is new or its configure arguments changed (kept in
# a stamp file), so a cached build/ picks up new options. Warnings are errors
# in every tree (GAPSCORE_WERROR): the same warning set applies to all targets.
configure() {
  local dir=$1; shift
  local stamp="$dir/.gapscore-configure"
  if [ ! -f "$dir/build.ninja" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$*" ]; then
    "$@" -S . -B "$dir" -G Ninja -DGAPSCORE_WERROR=ON >/dev/null
    echo "$*" > "$stamp"
  fi
}

# With the Python module (tools/python, pybind11-dev from tools/setup.sh).
build_native() {
  configure build/native cmake -DCMAKE_BUILD_TYPE=Release -DGAPSCORE_PYTHON=ON
  cmake --build build/native
}

# The checked tree: clang with ASan + UBSan (GAPSCORE_SANITIZE) and libFuzzer
# coverage (GAPSCORE_FUZZ), -O1 with line tables so that it stays fast and
# stacks stay readable (function, file, line and column; -g's variables for a
# debugger cost about 15 % of the compile). Unit tests, the CLI (some tests run it) and the fuzz targets; no
# benchmarks. Used by tools/test.sh and tools/fuzz.sh (which builds only the
# target gapscore_fuzzers: tools/build.sh native-asan gapscore_fuzzers).
build_native_asan() {
  CC=clang CXX=clang++ configure build/native-asan cmake -DCMAKE_BUILD_TYPE=Debug \
    -DCMAKE_CXX_FLAGS_DEBUG="-O1 -gline-tables-only" -DGAPSCORE_SANITIZE=ON -DGAPSCORE_FUZZ=ON -DGAPSCORE_BUILD_BENCH=OFF
  cmake --build build/native-asan ${1:+--target "$1"}
}

# The CLI built with clang as well, so tests/js/parity.test.mjs can require
# byte-identical reports from g++, clang and wasm.
build_native_clang() {
  CC=clang CXX=clang++ configure build/native-clang cmake -DCMAKE_BUILD_TYPE=Release \
    -DGAPSCORE_BUILD_TESTS=OFF -DGAPSCORE_BUILD_BENCH=OFF
  cmake --build build/native-clang --target gapscore
}

# The core library compiled with Emscripten: keeps core portable from day one.
build_wasm_core() {
  export NODE_PATH=/usr/share/nodejs  # emcc's JS optimizer imports acorn from here
  configure build/wasm emcmake cmake -DCMAKE_BUILD_TYPE=Release
  cmake --build build/wasm --target gapscore_core
}

# The wasm module and the npm package in dist/.
build_package() {
  export NODE_PATH=/usr/share/nodejs
  configure build/wasm emcmake cmake -DCMAKE_BUILD_TYPE=Release
  cmake --build build/wasm --target gapscore_wasm gapscore_workbook_wasm detmath_parity gapscore_small_heap_wasm
  rm -rf dist && mkdir -p dist
  cp build/wasm/wasm/gapscore.mjs build/wasm/wasm/gapscore.wasm dist/
  cp build/wasm/wasm/gapscore-workbook.mjs build/wasm/wasm/gapscore-workbook.wasm dist/
  cp wasm/js/*.js wasm/js/*.d.ts dist/
  cp docs/report.schema.json dist/
}

case "${1:-all}" in
  native) build_native ;;
  native-asan) build_native_asan "${2:-}" ;;
  native-clang) build_native_clang ;;
  wasm-core) build_wasm_core ;;
  package) build_package ;;
  all) build_native; build_package ;;
  *) echo "usage: tools/build.sh native|native-asan [TARGET]|native-clang|wasm-core|package|all" >&2; exit 2 ;;
esac
