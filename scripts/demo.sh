#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine, builds Veche and runs the demo forum
# «Малая родина — сила России» on http://localhost:8080 (Ctrl+C stops it).
# Once it listens, a few delegates from several regions join the panel
# «Сила в людях» and ask (config/demo-seed.json, scripts/demo_seed.py), so
# the moderator's and speaker's region panel has something to show, and the
# opening is rehearsed for about 40 s in the background, so that its replay
# is there within a minute.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh

config=""
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  if [ "${args[$i]}" = "--config" ]; then config="${args[$((i + 1))]:-}"; fi
done

log=$(mktemp)
build/veche serve "$@" > >(tee "$log") 2>&1 &
server=$!
seeder=""
trap 'kill -TERM "$server" $seeder 2>/dev/null || true' INT TERM
for _ in $(seq 200); do
  grep -q 'listening on' "$log" && break
  kill -0 "$server" 2>/dev/null || break
  sleep 0.1
done
address=$(grep -m1 -o 'listening on [^ ]*' "$log" | cut -d' ' -f3 || true)
if [ -n "$address" ]; then
  host=${address%:*}
  port=${address##*:}
  [ "$host" = "0.0.0.0" ] && host=127.0.0.1
  echo "demo: open http://localhost:$port"
  /usr/bin/python3 scripts/demo_seed.py "http://$host:$port" build/veche "$config" config/demo-seed.json &
  seeder=$!
fi
# Until the server has drained and stopped (Ctrl+C sends it SIGTERM).
status=0
while kill -0 "$server" 2>/dev/null; do wait "$server" || status=$?; done
if [ -n "$seeder" ]; then
  kill -TERM "$seeder" 2>/dev/null || true
  wait "$seeder" || true
fi
rm -f "$log"
exit "$status"
