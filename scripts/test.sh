#!/usr/bin/env bash
# The one command that runs every test, on a fresh machine too: installs what is missing,
# then
#   0. structure: scripts/check-structure.mjs (who may include whom, no function longer than a
#      screen without a reason) and the node tests of the project's own scripts (tests/tools:
#      that check itself, the pl_* constants of C++ and JS and exports.txt, the loader's rules);
#   1. native: core, UI and consent-log GoogleTest suites + CLI checks, under AddressSanitizer
#      and UBSan; the consent log's suite runs against SQLite files and a throwaway PostgreSQL
#      cluster (scripts/pg-cluster.sh: started for ctest, stopped after, even on failure);
#   2. fuzzing: each libFuzzer target of fuzz/ for FUZZ_SECONDS (default 15 here) from its
#      seed corpus (scripts/fuzz.sh, clang, build/fuzz);
#   3. web: builds dist/ (and the Release passerelle-consent-log beside passerelle-pack), checks
#      its size budgets (scripts/check-budgets.mjs);
#   3b. consent log faults: the real service killed with -9 under load, PostgreSQL stopped, a
#      full disk, a read-only file (tests/consent_log/faults.test.mjs, its own throwaway cluster);
#   4. server: nginx with the site's rules (deploy/nginx/) serving dist/: headers per kind of
#      file, requests, hostile requests, the production example (tests/server);
#   5. browser: drives dist/, served by the same nginx, in headless Chromium (tests/e2e).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh

echo "== structure (layers and function length: ARCHITECTURE.md)"
node scripts/check-structure.mjs
node --test tests/tools/

echo "== native tests (ASan + UBSan)"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:strict_string_checks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
cmake -S . -B build/native-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DPASSERELLE_SANITIZE=ON >/dev/null
cmake --build build/native-asan
bash scripts/pg-cluster.sh run -- ctest --test-dir build/native-asan --output-on-failure -j"$(nproc)"

echo "== fuzzing (bounded)"
FUZZ_SECONDS=${FUZZ_SECONDS:-15} bash scripts/fuzz.sh

echo "== web build"
bash scripts/build-site.sh
node scripts/check-budgets.mjs   # size budgets: page ≤ 300 KB, embed.js ≤ 4 KB (brotli)

echo "== consent log faults (kill -9, PostgreSQL stopped, full disk, read-only file)"
bash scripts/pg-cluster.sh run -- node --test --test-concurrency=1 tests/consent_log/

echo "== server tests (nginx, deploy/nginx/)"
npm run --silent test:server

echo "== browser tests (headless Chromium)"
npm run --silent test:e2e
