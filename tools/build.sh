#!/usr/bin/env bash
# Builds gapscore. Usage: tools/build.sh native|wasm-core|package|all
# Build trees live in build/ (cached between runs; CMake rebuilds what changed).
set -euo pipefail
cd "$(dirname "$0")/.."

build_native() {
  if [ ! -f build/native/build.ninja ]; then
    cmake -S . -B build/native -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  fi
  cmake --build build/native
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
  wasm-core) build_wasm_core ;;
  package) build_package ;;
  all) build_native; build_package ;;
  *) echo "usage: tools/build.sh native|wasm-core|package|all" >&2; exit 2 ;;
esac
