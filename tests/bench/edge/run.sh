#!/usr/bin/env bash
# HLS viewers served by Veche alone vs through one nginx cache in front of it
# (docs/benchmarks.md, "Video through nginx"). Starts scripts/edge-demo.sh
# (deploy/nginx/veche.conf) on free loopback ports with the demo forum, waits
# for a segment of hall «main», then loads that segment with wrk:
#
#   1. straight from Veche (http://127.0.0.1:ORIGIN/hls/main/SEGMENT)
#   2. through nginx (https://localhost:EDGE/hls/main/SEGMENT, TLS, cached)
#
# and reports requests/s, Gbit/s, the CPU of Veche and of nginx in each run
# (and with no viewers: the demo halls' encoders are inside Veche), and how
# many of the requests reached Veche (its own counters).
#
#   tests/bench/edge/run.sh [SECONDS] [CONNECTIONS]     (default 15 s, 200 connections)
#
# Needs wrk (Debian package wrk, installed by scripts/setup.sh) and a built
# build/veche (VECHE_BIN to use another). Loopback only; it stops everything
# it started.
set -euo pipefail
cd "$(dirname "$0")/../../.."
root=$PWD
seconds=${1:-15}
connections=${2:-200}
command -v wrk >/dev/null || { echo "bench: wrk is missing: run scripts/setup.sh" >&2; exit 1; }
veche=${VECHE_BIN:-$root/build/veche}
[ -x "$veche" ] || { echo "bench: $veche is missing: run scripts/build.sh" >&2; exit 1; }

work=$(mktemp -d)
chmod 755 "$work"  # nginx's workers run as nobody when this runs as root
demo_pid=""
cleanup() {
    [ -n "$demo_pid" ] && kill -TERM "$demo_pid" 2>/dev/null && wait "$demo_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
get() { python3 -c 'import sys, urllib.request; sys.stdout.buffer.write(urllib.request.urlopen(sys.argv[1], timeout=5).read())' "$1"; }

edge_port=$(free_port)
origin_port=$(free_port)
# Segments stay listed (and in Veche's memory) for 60 s, longer than one run.
python3 - "$root/config/demo.json" "$work/forum.json" <<'PY'
import json, sys
cfg = json.load(open(sys.argv[1], encoding="utf-8"))
cfg["media"] = {"window_s": 60}
json.dump(cfg, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
PY
VECHE_BIN=$veche VECHE_EDGE_PORT=$edge_port VECHE_EDGE_HTTP_PORT=$(free_port) VECHE_ORIGIN_PORT=$origin_port \
    VECHE_EDGE_DIR=$work/nginx scripts/edge-demo.sh --config "$work/forum.json" --data "$work/data" >"$work/demo.log" 2>&1 &
demo_pid=$!
for _ in $(seq 300); do grep -qs "edge-demo: open" "$work/demo.log" && break; sleep 0.1; done
grep -q "edge-demo: open" "$work/demo.log" || { cat "$work/demo.log"; exit 1; }

segment=""
for _ in $(seq 100); do
    segment=$(get "http://127.0.0.1:$origin_port/hls/main/index.m3u8" 2>/dev/null | grep '\.ts$' | tail -n 1 || true)
    [ -n "$segment" ] && break
    sleep 0.2
done
[ -n "$segment" ] || { echo "bench: hall main published no segment" >&2; exit 1; }
bytes=$(get "http://127.0.0.1:$origin_port/hls/main/$segment" | wc -c)

veche_pid=$(pgrep -f -- "--config $work/nginx/forum.json")
nginx_master=$(cat "$work/nginx/nginx.pid")
nginx_pids="$nginx_master $(pgrep -P "$nginx_master" | xargs)"
ticks() { local t=0 p; for p in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo "$t"; }
hz=$(getconf CLK_TCK)
metric() { get "http://127.0.0.1:$origin_port/metrics" | awk -v s="$1" '$1 == s {print $2}'; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "segment: /hls/main/$segment, $bytes bytes; wrk -t2 -c$connections -d${seconds}s"
printf '%-22s %12s %10s %12s %12s %18s\n' run "requests/s" "Gbit/s" "Veche CPU" "nginx CPU" "origin requests"
run() {
    local name=$1 url=$2
    local before_v before_n before_r after_v after_n after_r out rps gbit
    before_v=$(ticks "$veche_pid"); before_n=$(ticks $nginx_pids)
    before_r=$(metric 'veche_hls_requests_total{hall="main",kind="segment"}')
    if [ -n "$url" ]; then out=$(wrk -t2 -c"$connections" -d"${seconds}s" "$url"); else sleep "$seconds"; out="Requests/sec: 0"; fi
    after_v=$(ticks "$veche_pid"); after_n=$(ticks $nginx_pids)
    after_r=$(metric 'veche_hls_requests_total{hall="main",kind="segment"}')
    rps=$(echo "$out" | awk '/^Requests\/sec/ {print $2}')
    gbit=$(awk -v r="$rps" -v b="$bytes" 'BEGIN {printf "%.2f", r * b * 8 / 1e9}')
    printf '%-22s %12.0f %10s %11.0f%% %11.0f%% %18d\n' "$name" "$rps" "$gbit" \
        "$(awk -v a="$before_v" -v b="$after_v" -v s="$seconds" -v hz="$hz" 'BEGIN {print (b - a) / hz / s * 100}')" \
        "$(awk -v a="$before_n" -v b="$after_n" -v s="$seconds" -v hz="$hz" 'BEGIN {print (b - a) / hz / s * 100}')" \
        $((after_r - before_r))
    echo "$out" | grep -E 'Non-2xx|Socket errors' | sed 's/^/    /' || true
}
# The demo's three test: halls are encoded inside Veche: its CPU with no viewers at all.
run "no viewers" ""
run "Veche alone (http)" "http://127.0.0.1:$origin_port/hls/main/$segment"
run "through nginx (https)" "https://localhost:$edge_port/hls/main/$segment"
