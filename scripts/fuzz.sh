#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ with clang (-DPASSERELLE_FUZZ=ON, in build/fuzz) and
# runs each for a bounded time, then prints one line per target: seconds, executions, edges
# covered (cov), features (ft), corpus kept (inputs/bytes) and findings.  Exits 1 if any
# target crashed, broke a property (fuzz/properties.hpp), leaked, timed out or ran out of
# memory; 2 on a usage error.
#
#   scripts/fuzz.sh                      every target, FUZZ_SECONDS (default 20) each
#   scripts/fuzz.sh fuzz_markup          one target ("markup" works too)
#   FUZZ_SECONDS=3600 scripts/fuzz.sh    a long run
#
# Each target starts from build/fuzz/corpus/<target>/: the committed seeds of
# fuzz/corpus/<target>/ are copied in, and what earlier runs found stays there, so the
# committed corpus is never touched and long runs build on each other.  Crashes land in
# build/fuzz/crashes/<target>/ (the path is printed); replay one with
# `build/fuzz/<target> <file>` and make it a test in tests/core/unit-fuzz-regressions.cpp.
# Logs: build/fuzz/logs/<target>.log.
set -euo pipefail

all_targets=(fuzz_pack fuzz_markup fuzz_consent_cookie fuzz_map_route fuzz_map_geometry)

# What one input may be: a trimmed pack is ~6 KB, the cookie is capped at 2 KB and the
# fragment at 2 KB (both a little beyond, to reach the "too long" paths), and the geometry
# limits of fuzz_geometry_limits() make anything past a few KB a repetition.
max_len() {
  case "$1" in
    fuzz_pack) echo 8192 ;;
    fuzz_markup) echo 1024 ;;
    fuzz_consent_cookie) echo 2100 ;;
    fuzz_map_route) echo 2200 ;;
    fuzz_map_geometry) echo 4096 ;;
  esac
}

dict() {
  case "$1" in
    fuzz_pack | fuzz_map_geometry) echo fuzz/json.dict ;;
    fuzz_markup) echo fuzz/markup.dict ;;
  esac
}

# Everything runs from main, which bash reads whole before it starts: editing this file
# during a long run cannot derail it.
main() {
  cd "$(dirname "$0")/.."
  local seconds="${FUZZ_SECONDS:-20}" build=build/fuzz
  local targets=("${all_targets[@]}")
  if [ $# -gt 0 ]; then
    local t="$1"
    [[ "$t" == fuzz_* ]] || t="fuzz_$t"
    if [[ " ${all_targets[*]} " != *" $t "* ]]; then
      echo "fuzz.sh: unknown target '$1' (one of: ${all_targets[*]})" >&2
      exit 2
    fi
    targets=("$t")
  fi
  local tool
  for tool in clang clang++; do
    command -v "$tool" >/dev/null || { echo "fuzz.sh: $tool not found: run scripts/install-deps.sh" >&2; exit 2; }
  done

  echo "fuzz: building ${targets[*]} in $build (clang, libFuzzer + ASan + UBSan)"
  if [ ! -f "$build/build.ninja" ]; then
    CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DPASSERELLE_FUZZ=ON -DPASSERELLE_TESTS=OFF >/dev/null
  fi
  cmake --build "$build" --target "${targets[@]}"

  export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
  mkdir -p "$build/logs"
  local failed=0 rows=()
  for t in "${targets[@]}"; do
    local corpus="$build/corpus/$t" crashes="$build/crashes/$t" log="$build/logs/$t.log"
    mkdir -p "$corpus" "$crashes"
    cp -n fuzz/corpus/"$t"/* "$corpus"/ 2>/dev/null || true
    local args=(-max_total_time="$seconds" -max_len="$(max_len "$t")" -timeout=10
                -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$crashes/")
    local d
    d="$(dict "$t")"
    [ -n "$d" ] && args+=(-dict="$d")
    echo "fuzz: $t for ${seconds}s"
    local start rc=0
    start=$(date +%s)
    "$build/$t" "${args[@]}" "$corpus" >"$log" 2>&1 || rc=$?
    local took=$(( $(date +%s) - start ))

    # libFuzzer's last status line ("#N ... cov: C ft: F corp: U/B ...") and final stats.
    local execs last cov ft units finding="none"
    execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)"
    last="$(grep -E '^#[0-9]+.*cov: ' "$log" | tail -n 1 || true)"
    cov="$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")"
    ft="$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")"
    units="$(sed -n 's/.* corp: \([0-9]*\/[0-9]*[a-zA-Z]*\).*/\1/p' <<<"$last")"
    if [ "$rc" -ne 0 ]; then
      failed=1
      local artifact reason
      artifact="$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n 1)"
      reason="$(grep -m1 -E '(==[0-9]+==ERROR|runtime error|property violated|ERROR: libFuzzer)' "$log" || true)"
      finding="exit $rc: ${artifact:-no artifact (see $log)}"
      echo "fuzz: $t FAILED (exit $rc): ${reason:-see $log}"
      [ -n "$artifact" ] && echo "fuzz:   reproduce: $build/$t $artifact"
      echo "fuzz:   log: $log"
    fi
    rows+=("$(printf '%-20s %5ss %11s %7s %7s %10s  %s' "$t" "$took" "${execs:-?}" "${cov:-?}" \
      "${ft:-?}" "${units:-?}" "$finding")")
  done

  echo
  printf '%-20s %6s %11s %7s %7s %10s  %s\n' target time executions cov ft corpus findings
  local r
  for r in "${rows[@]}"; do echo "$r"; done
  if [ "$failed" -ne 0 ]; then
    echo "fuzz: FAILED: crash inputs are in $build/crashes/ (README.md, \"Fuzzing\")"
    exit 1
  fi
  echo "fuzz: ok"
}

main "$@"
