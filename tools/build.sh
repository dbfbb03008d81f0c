#!/usr/bin/env bash
# Builds gapscore. Usage: tools/build.sh native|native-asan [TARGET]|native-fuzz|wasm-core|package|all
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

# A clang tree with ASan + UBSan (GAPSCORE_SANITIZE) and the libFuzzer targets,
# -O1 with line tables so that it stays fast and stacks stay readable (function,
# file, line and column; -g's variables for a debugger cost about 15 % of the
# compile); no benchmarks. Linked by lld: an ASan test executable links in
# 0.4-0.5 s against 1.2-1.5 s with ld.bfd (the release tree keeps bfd: GCC's
# LTO plugin). Usage: configure_sanitized DIR [CMAKE ARG...]
configure_sanitized() {
  local dir=$1; shift
  CC=clang CXX=clang++ configure "$dir" cmake -DCMAKE_BUILD_TYPE=Debug \
    -DCMAKE_CXX_FLAGS_DEBUG="-O1 -gline-tables-only" -DCMAKE_EXE_LINKER_FLAGS=-fuse-ld=lld \
    -DGAPSCORE_SANITIZE=ON -DGAPSCORE_FUZZ=ON "$@"
}

# The checked tree: unit tests, the CLI (some tests run it; tests/js/parity.test.mjs
# compares its reports, clang's, with g++'s and wasm's) and the fuzz targets,
# which here replay inputs only (no coverage instrumentation: tools/fuzz.sh --replay).
# Each test executable is one ctest test (tests/CMakeLists.txt says why).
build_native_asan() {
  configure_sanitized build/native-asan -DGAPSCORE_FUZZ_COVERAGE=OFF -DGAPSCORE_BUILD_BENCH=OFF -DGAPSCORE_TEST_PER_EXECUTABLE=ON
  cmake --build build/native-asan ${1:+--target "$1"}
}

# The fuzzing tree: libFuzzer's coverage instrumentation in every object
# (GAPSCORE_FUZZ_COVERAGE), and only the fuzz targets. tools/fuzz.sh SECONDS.
build_native_fuzz() {
  configure_sanitized build/native-fuzz -DGAPSCORE_FUZZ_COVERAGE=ON -DGAPSCORE_BUILD_BENCH=OFF -DGAPSCORE_BUILD_TESTS=OFF
  cmake --build build/native-fuzz --target gapscore_fuzzers
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
  cp wasm/js/*.d.ts dist/
  # Comments and spaces are for readers of wasm/js/, not for every download: our
  # modules lose them but keep their names and statements (stack traces stay
  # readable; rewriting the syntax would also fold the variables that keep
  # bundlers from resolving node: modules), and the Emscripten glue, which nobody
  # reads, is minified whole. About 10 KB gzip of the 400 KiB budget. esbuild
  # comes from the dev dependencies (tools/setup.sh).
  # The .d.ts files keep their docs.
  local esbuild=node_modules/.bin/esbuild
  [ -x "$esbuild" ] || { echo "build.sh package: $esbuild is missing; run npm ci first (npm test and npm start do)" >&2; exit 1; }
  for f in wasm/js/*.js; do
    "$esbuild" "$f" --minify-whitespace --format=esm --log-level=warning --outfile="dist/${f##*/}"
  done
  for f in dist/*.mjs; do
    "$esbuild" "$f" --minify --format=esm --log-level=warning --outfile="$f" --allow-overwrite
  done
  cp docs/report.schema.json dist/
}

case "${1:-all}" in
  native) build_native ;;
  native-asan) build_native_asan "${2:-}" ;;
  native-fuzz) build_native_fuzz ;;
  wasm-core) build_wasm_core ;;
  package) build_package ;;
  all) build_native; build_package ;;
  *) echo "usage: tools/build.sh native|native-asan [TARGET]|native-fuzz|wasm-core|package|all" >&2; exit 2 ;;
esac
