#!/usr/bin/env bash
# Installs what is missing, then builds the static site into dist/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
export NODE_PATH=/usr/share/nodejs
make -f Makefile.emscripten -j"$(nproc)"
echo "build-site: dist/ is ready"
