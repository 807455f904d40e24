#!/usr/bin/env bash
# run.sh — runs every benchmark in bench/ and prints their tables (see bench/README.md).
#
# Assumes dist/ is built; builds it first only when it is missing or when BUILD=1 (the build
# installs what is missing, which a benchmark should not do behind your back).
# RUNS and SLOW_RUNS set the number of cold loads per profile (defaults: see bench/README.md).
# Exits non-zero only if a page fails to load or to show its consent banner: slow figures are
# reported, never judged.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -f dist/index.html || "${BUILD:-0}" == 1 ]]; then
  bash scripts/build-site.sh
fi
node bench/sizes.mjs
echo
node bench/startup.mjs
echo
node bench/consent.mjs
