#!/usr/bin/env bash
# Fuzzes the WebSocket message decoder, the config loader, request targets and
# static files, text hygiene and token checks with libFuzzer (clang, AddressSanitizer,
# UBSan), in its own CMake build (build-fuzz/; the main build uses g++). See docs/reliability.md.
#
#   scripts/fuzz.sh build                  configure and build the fuzzers
#   scripts/fuzz.sh run TARGET SECONDS     fuzz one target (the test suite runs each for a few seconds)
#   scripts/fuzz.sh long [SECONDS]         every target, 30 minutes each unless told otherwise
#   scripts/fuzz.sh merge TARGET           fold what the runs found into the seed corpus (minimised)
#
# TARGET is one of: client_message settings static_path text_hygiene token.
# Inputs found along the way stay in build-fuzz/corpus/TARGET (the seeds in
# tests/fuzz/corpus/ are only read). A crash fails the run and is kept in
# build-fuzz/artifacts/TARGET/; copy it to tests/fuzz/regressions/TARGET/ so
# the unit tests replay it for good, and fix the bug.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build=${VECHE_FUZZ_BUILD:-$root/build-fuzz}
targets=(client_message settings static_path text_hygiene token)

usage() { sed -n '6,10p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

build_fuzzers() {
    local generator=()
    if [ ! -f "$build/CMakeCache.txt" ] && command -v ninja >/dev/null 2>&1; then generator=(-G Ninja); fi
    # -O1 -g: fast enough to fuzz, precise enough for sanitizer reports.
    cmake -S "$root" -B "$build" "${generator[@]}" \
        -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g" \
        -DVECHE_FUZZ=ON -DVECHE_SANITIZE=fuzzer-no-link,address,undefined >/dev/null
    cmake --build "$build" -j "$(nproc)" --target "${targets[@]/#/fuzz_}"
}

check_target() {
    local t
    for t in "${targets[@]}"; do [ "$t" = "$1" ] && return 0; done
    echo "fuzz: unknown target \"$1\" (${targets[*]})" >&2
    exit 2
}

# run TARGET SECONDS: fuzz on one core; the exit code is libFuzzer's (non-zero on a crash).
run_target() {
    local target=$1 seconds=$2
    check_target "$target"
    local exe=$build/tests/fuzz/fuzz_$target
    [ -x "$exe" ] || { echo "fuzz: $exe is missing: run scripts/fuzz.sh build" >&2; exit 2; }
    mkdir -p "$build/corpus/$target" "$build/artifacts/$target"
    # A target may have its own dictionary (tests/fuzz/TARGET.dict); JSON is the default.
    local dict=$root/tests/fuzz/$target.dict
    [ -f "$dict" ] || dict=$root/tests/fuzz/json.dict
    local status=0
    # 16 KiB: the largest WebSocket message the server reads; configs are not much bigger.
    "$exe" "$build/corpus/$target" "$root/tests/fuzz/corpus/$target" \
        -dict="$dict" -max_len=16384 -timeout=10 -rss_limit_mb=2048 \
        -max_total_time="$seconds" -print_final_stats=1 \
        -artifact_prefix="$build/artifacts/$target/" 2>"$build/fuzz_$target.log" || status=$?
    tail -n 12 "$build/fuzz_$target.log"
    if [ "$status" -ne 0 ]; then
        echo "fuzz: $target found a problem (log: $build/fuzz_$target.log); the input:" >&2
        ls -t "$build/artifacts/$target/" | head -n 1 | sed "s|^|  $build/artifacts/$target/|" >&2
        echo "fuzz: reproduce with $exe FILE; keep FILE in tests/fuzz/regressions/$target/" >&2
    fi
    return "$status"
}

merge_target() {
    local target=$1
    check_target "$target"
    "$build/tests/fuzz/fuzz_$target" -merge=1 "$root/tests/fuzz/corpus/$target" "$build/corpus/$target" \
        -max_len=16384 2>"$build/merge_$target.log"
    echo "fuzz: tests/fuzz/corpus/$target now has $(ls "$root/tests/fuzz/corpus/$target" | wc -l) inputs"
}

case "${1:-}" in
    build) build_fuzzers ;;
    run) [ $# -eq 3 ] || usage; run_target "$2" "$3" ;;
    long)
        build_fuzzers
        for t in "${targets[@]}"; do run_target "$t" "${2:-1800}"; done
        ;;
    merge) [ $# -eq 2 ] || usage; merge_target "$2" ;;
    *) usage ;;
esac
