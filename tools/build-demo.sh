#!/usr/bin/env bash
# Builds the offline web demo (web-demo/dist) from the npm package in dist/.
# Usage: tools/build-demo.sh   (after `npm run build`; npm start does both)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f dist/gapscore.wasm ]; then
  echo "build-demo: dist/ is missing; building the package first" >&2
  bash tools/build.sh package
fi
node web-demo/build.mjs
