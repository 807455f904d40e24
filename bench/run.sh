#!/usr/bin/env bash
# run.sh — runs every benchmark in bench/ and prints their tables (see bench/README.md).
#
# Assumes dist/ is built; builds it first only when it is missing or when BUILD=1 (the build
# installs what is missing, which a benchmark should not do behind your back).
# RUNS and SLOW_RUNS set the number of cold loads per profile (defaults: see bench/README.md).
# The native map benchmark is built Release in build/bench (CMake target map_bench, tests off)
# and reads the geometry the site ships, dist/content/map-geometry.json; build logs go to
# stderr, so stdout holds only the tables.
# Exits non-zero only if a page fails to load or to show its consent banner, the map fails to
# load, or the native benchmark fails to build or to read the geometry: slow figures are
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
node bench/speed.mjs
echo
node bench/map.mjs
echo
node bench/embed.mjs && echo
node bench/lighthouse.mjs; echo
node bench/load.mjs
echo
cmake -S . -B build/bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DPASSERELLE_TESTS=OFF >&2
cmake --build build/bench --target map_bench frame_bench pack_bench json_bench >&2
build/bench/map_bench dist/content/map-geometry.json
echo
build/bench/frame_bench "$PWD" dist/content/map-geometry.json
echo
build/bench/pack_bench content/international.fr.json
echo
build/bench/json_bench 0.5 2
