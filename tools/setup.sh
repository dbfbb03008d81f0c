#!/usr/bin/env bash
# Installs everything gapscore needs on a fresh Debian 12 machine. Idempotent:
# a second run checks, finds nothing missing, and returns in about a second.
# Sources: Debian packages (apt) and the npm registry only.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  cmake ninja-build g++ clang lld pkg-config
  libclang-rt-14-dev  # ASan/UBSan/libFuzzer runtimes (clang only recommends it)
  libgtest-dev libgmock-dev libbenchmark-dev
  nlohmann-json3-dev libfast-float-dev
  zlib1g-dev  # inflating .xlsx workbooks in the native CLI (the wasm build uses the platform's DecompressionStream)
  emscripten binaryen
  python3 python3-scipy python3-pandas python3-statsmodels python3-mpmath python3-jsonschema
  pybind11-dev python3-pybind11 python3-dev python3-distributed python3-dask  # tools/python, tools/dask
  chromium
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing apt packages: ${missing[*]}" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm dev dependencies, reinstalled only when the lockfile changed.
if [ -f package-lock.json ]; then
  stamp=node_modules/.gapscore-lock-stamp
  if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
    echo "setup: npm ci" >&2
    npm ci --no-audit --no-fund --loglevel=error
    mkdir -p node_modules && cp package-lock.json "$stamp"
  fi
fi
