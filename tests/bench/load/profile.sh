#!/usr/bin/env bash
# Profiles Veche while a scenario runs against it, with perf sampling the CPU
# clock (this machine's virtual CPUs have no hardware counters: `perf stat -e
# instructions true` says "not supported", but timer sampling works):
#
#   tests/bench/load/profile.sh fanout [seconds] [veche_load options]   # default: 5,000 subscribers, 320 approvals/s
#   tests/bench/load/profile.sh storm  [seconds] [veche_load options]
#   tests/bench/load/profile.sh durable [seconds] [veche_load options]
#
# perf records the whole machine (-a) from the moment the generator starts
# measuring; the report shows where the veche process spent its time (self
# time per function, kernel included, and per shared object), then the
# generator's own. Files go to $build/bench-results/profile-SCENARIO.*.
set -euo pipefail
cd "$(dirname "$0")/../../.."
build=${VECHE_BENCH_BUILD:-build-bench}
scenario=${1:?usage: $0 fanout|storm|durable [seconds] [veche_load options]}
seconds=${2:-8}
shift $(( $# >= 2 ? 2 : 1 ))
generator="$build/tests/bench/load/veche_load"
results="$build/bench-results"
mkdir -p "$results"
log="$results/profile-$scenario.log"
data="$results/profile-$scenario.perf"

case "$scenario" in
  fanout) args=(fanout --only veche --subscribers 5000 --rates 320 --step-seconds $((seconds + 2)) "$@") ;;
  storm) args=(storm --only veche --storm-seconds "$seconds" "$@") ;;
  durable) args=(durable --only veche --seconds $((seconds + 2)) "$@") ;;
  *) echo "usage: $0 fanout|storm|durable [seconds] [veche_load options]" >&2; exit 2 ;;
esac

echo "profile: load $(cut -d' ' -f1-3 /proc/loadavg)"
"$generator" "${args[@]}" --json "$results/profile-$scenario.json" >"$results/profile-$scenario.txt" 2>"$log" &
generator_pid=$!
trap 'kill "$generator_pid" 2>/dev/null || true' EXIT
# Wait (at most 10 minutes) for the generator to start measuring.
for _ in $(seq 1 6000); do
  grep -q measuring "$log" && break
  kill -0 "$generator_pid" 2>/dev/null || { cat "$log"; exit 1; }
  sleep 0.1
done
perf record -e cpu-clock -F 999 -a -g -o "$data" -- sleep "$seconds" 2>/dev/null
wait "$generator_pid"
trap - EXIT
cat "$results/profile-$scenario.txt" | head -20

echo "== share of the machine's samples by process"
perf report -i "$data" --no-children --sort comm --stdio -g none 2>/dev/null | grep -E '^ +[0-9]' | head -8
for comm in veche veche_load; do
  echo "== $comm: share of its own samples by shared object (kernel = system calls, TCP, loopback)"
  perf report -i "$data" --comm "$comm" --no-children --percentage relative --sort dso --stdio -g none 2>/dev/null |
    grep -E '^ +[0-9]' | head -8
  echo "== $comm: share of its own samples by function (self time)"
  perf report -i "$data" --comm "$comm" --no-children --percentage relative --sort dso,sym --stdio -g none \
    --percent-limit 0.7 2>/dev/null | grep -E '^ +[0-9]' | cut -c1-160 | head -40
done
