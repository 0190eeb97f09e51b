#!/usr/bin/env bash
# Runs the load benchmarks of docs/benchmarks.md, each against Veche and then
# against the Node `ws` reference, back to back in one process run:
#
#   tests/bench/load/run.sh fanout     # 5,000 then 10,000 subscribers, approvals at rising rates
#   tests/bench/load/run.sh storm      # 5,000 participants vote on 50 questions within 5 s
#   tests/bench/load/run.sh idle       # 15,000 connections held: server memory per connection
#   tests/bench/load/run.sh durable    # acknowledged durable votes a second
#   tests/bench/load/run.sh requestlog # start-up time and memory after 1,000,000 acknowledged votes
#   tests/bench/load/run.sh similar    # `similar` answers in a session of 5,000 questions while 1,000 vote
#   tests/bench/load/run.sh cluster-durable  # acknowledged votes/s through 3 nodes on nats-server -js, ack p99 at half
#   tests/bench/load/run.sh cluster-fanout   # 3 nodes × 3,000 subscribers, then 1 node × 9,000, same rates (nodes at nice 10)
#   tests/bench/load/run.sh all        # the six above the cluster ones, one after another
#
# VECHE_BENCH_PIN=1 runs the server under test on CPU 0 and the generator on
# CPU 1 (taskset), as when the clients are on other machines; results then
# end in -pinned. Further arguments go to veche_load (e.g. `fanout --rates
# 20,40,80 --step-seconds 5`).
# Builds a Release tree in build-bench/ (VECHE_BENCH_BUILD to change it),
# installs the reference's npm package when missing, prints the machine's load
# first (measure when it is low: the two cores are shared), and keeps each
# result as a table (.txt) and JSON under $build/bench-results/.
set -euo pipefail
cd "$(dirname "$0")/../../.."
build=${VECHE_BENCH_BUILD:-build-bench}

if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build "$build" -j "$(nproc)" --target veche veche_load
# The cluster scenarios run against Veche only: no reference to install.
if [[ "${1:-}" != cluster-* ]] && [ ! -d tests/bench/load/reference/node_modules ]; then
  (cd tests/bench/load/reference && npm ci --no-audit --no-fund --loglevel=error)
fi

results="$build/bench-results"
mkdir -p "$results"
generator=("$build/tests/bench/load/veche_load")
pinned=()
suffix=
if [ "${VECHE_BENCH_PIN:-}" = 1 ]; then
  generator=(taskset -c 1 "${generator[@]}")
  pinned=(--server-cpus 0)
  suffix=-pinned
fi

run() {
  local name=$1$suffix
  shift
  echo "== $name: load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"
  "${generator[@]}" "$@" "${pinned[@]}" --json "$results/$name.json" | tee "$results/$name.txt"
}

scenario=${1:-}
[ $# -gt 0 ] && shift
case "$scenario" in
  fanout)
    run fanout-5000 fanout --subscribers 5000 "$@"
    run fanout-10000 fanout --subscribers 10000 "$@"
    ;;
  storm | idle | durable | similar | cluster-durable | cluster-fanout)
    run "$scenario" "$scenario" "$@"
    ;;
  requestlog)
    run requestlog durable --only veche --acks 1000000 "$@"
    ;;
  all)
    "$0" fanout "$@"
    "$0" storm
    "$0" idle
    "$0" durable
    "$0" requestlog
    "$0" similar
    ;;
  *)
    echo "usage: $0 fanout|storm|idle|durable|requestlog|similar|cluster-durable|cluster-fanout|all [veche_load options]" >&2
    exit 2
    ;;
esac
