#!/usr/bin/env bash
# Builds Veche with sanitizers in their own build directories and runs the
# tests that can find what they look for (docs/reliability.md):
#
#   scripts/sanitize.sh asan   AddressSanitizer + UBSan (build-asan/): the unit and integration tests
#   scripts/sanitize.sh tsan   ThreadSanitizer (build-tsan/): the integration tests where threads meet
#
# Extra arguments go to ctest. Any report fails the test that caused it.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
kind=${1:-}
[ $# -gt 0 ] && shift

case "$kind" in
    asan)
        build=$root/build-asan
        sanitize=address,undefined
        targets=(veche veche_unit_tests veche_integration_tests veche_fuzz_tests)
        labels='unit|integration'
        tests=()
        ;;
    tsan)
        build=$root/build-tsan
        sanitize=thread
        targets=(veche veche_integration_tests)
        labels='integration'
        # Where several threads of the server meet: many clients at once, the
        # store's writer thread committing while rooms publish, shutdown and
        # crashes in the middle of it, a slow client and a flood. The rest of
        # the integration suite is single-client and runs under ASan.
        tests=(-R 'storm|right after a snapshot|survives kill|ask, moderate|resumes with since|stops reading|never reads|flood|SIGTERM closes|same rid after|thousand reactions')
        ;;
    *)
        sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//' >&2
        exit 2
        ;;
esac

generator=()
if [ ! -f "$build/CMakeCache.txt" ] && command -v ninja >/dev/null 2>&1; then generator=(-G Ninja); fi
# -O1 -g1: quick to build, fast enough under the sanitizers, reports with
# lines. Warnings are the main build's business (with -Werror): under the
# sanitizers GCC's flow analysis sees false "maybe uninitialized" in libstdc++.
cmake -S "$root" -B "$build" "${generator[@]}" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" \
    -DVECHE_WERROR=OFF -DVECHE_SANITIZE="$sanitize" >/dev/null
cmake --build "$build" -j "$(nproc)" --target "${targets[@]}"

# Every process (the test executables and the servers they start) writes its
# reports to files here, so a report in a server a test killed still counts.
reports=$build/sanitizer-reports
rm -rf "$reports"
mkdir -p "$reports"
common="log_path=$reports/report:halt_on_error=1"
export ASAN_OPTIONS="$common:abort_on_error=1:detect_leaks=1"
# GLib and GStreamer keep caches for the life of the process: not our leaks.
export LSAN_OPTIONS="suppressions=$root/tests/sanitizers/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="$common:print_stacktrace=1"
export TSAN_OPTIONS="$common:second_deadlock_stack=1"

cd "$build"
status=0
ctest --output-on-failure -j "$(nproc)" --timeout 600 -L "$labels" "${tests[@]}" "$@" || status=$?
if [ -n "$(ls -A "$reports")" ]; then
    echo "sanitize: $kind reports in $reports:" >&2
    for f in "$reports"/*; do
        echo "== $f" >&2
        head -n 60 "$f" >&2
    done
    status=1
fi
exit "$status"
