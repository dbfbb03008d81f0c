#!/usr/bin/env bash
# Builds gapscore. Usage: tools/build.sh native|wasm-core|all
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

case "${1:-all}" in
  native) build_native ;;
  wasm-core) build_wasm_core ;;
  all) build_native; build_wasm_core ;;
  *) echo "usage: tools/build.sh native|wasm-core|all" >&2; exit 2 ;;
esac
