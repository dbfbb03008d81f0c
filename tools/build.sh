#!/usr/bin/env bash
# Builds gapscore. Usage: tools/build.sh native|native-asan [TARGET]|wasm-core|package|all
# Build trees live in build/ (cached between runs; CMake rebuilds what changed).
set -euo pipefail
cd "$(dirname "$0")/.."

build_native() {
  if [ ! -f build/native/build.ninja ]; then
    cmake -S . -B build/native -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  fi
  cmake --build build/native
}

# The checked tree: clang with ASan + UBSan (GAPSCORE_SANITIZE) and libFuzzer
# coverage (GAPSCORE_FUZZ), -O1 -g so that it stays fast and stacks stay
# readable. Unit tests, the CLI (some tests run it) and the fuzz targets; no
# benchmarks. Used by tools/test.sh and tools/fuzz.sh (which builds only the
# target gapscore_fuzzers: tools/build.sh native-asan gapscore_fuzzers).
build_native_asan() {
  # (Re)configure when the tree is new or was made without the fuzz targets.
  if [ ! -f build/native-asan/build.ninja ] || ! grep -q "^GAPSCORE_FUZZ:BOOL=ON" build/native-asan/CMakeCache.txt; then
    CC=clang CXX=clang++ cmake -S . -B build/native-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug \
      -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g" -DGAPSCORE_SANITIZE=ON -DGAPSCORE_FUZZ=ON \
      -DGAPSCORE_BUILD_BENCH=OFF >/dev/null
  fi
  cmake --build build/native-asan ${1:+--target "$1"}
}

# The core library compiled with Emscripten: keeps core portable from day one.
build_wasm_core() {
  export NODE_PATH=/usr/share/nodejs  # emcc's JS optimizer imports acorn from here
  if [ ! -f build/wasm/build.ninja ]; then
    emcmake cmake -S . -B build/wasm -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  fi
  cmake --build build/wasm --target gapscore_core
}

# The wasm module and the npm package in dist/.
build_package() {
  export NODE_PATH=/usr/share/nodejs
  if [ ! -f build/wasm/build.ninja ]; then
    emcmake cmake -S . -B build/wasm -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  fi
  cmake --build build/wasm --target gapscore_wasm
  rm -rf dist && mkdir -p dist
  cp build/wasm/wasm/gapscore.mjs build/wasm/wasm/gapscore.wasm dist/
  cp wasm/js/*.js wasm/js/*.d.ts dist/
  cp docs/report.schema.json dist/
}

case "${1:-all}" in
  native) build_native ;;
  native-asan) build_native_asan "${2:-}" ;;
  wasm-core) build_wasm_core ;;
  package) build_package ;;
  all) build_native; build_package ;;
  *) echo "usage: tools/build.sh native|native-asan [TARGET]|wasm-core|package|all" >&2; exit 2 ;;
esac
