#!/usr/bin/env bash
# deploy/ checked by the tools that read it, as an operator's machine would:
#   nginx -t       deploy/nginx/veche.conf and edge.conf, rendered by scripts/edge-demo.sh --check
#   nginx -t       deploy/nginx/cluster-upstream.conf (three cluster nodes)
#   systemd-analyze verify  deploy/systemd/veche@.service as veche@node-1
#   promtool       check rules, and test rules with veche-rules.test.yml
#   a running veche, alone and as a cluster node on a real `nats-server -js`: every series the alert rules
#   and the Grafana dashboard name exists on one of their /metrics
# Usage: check_deploy.sh VECHE_EXECUTABLE
set -euo pipefail
cd "$(dirname "$0")/../.."
veche=$1
source tests/deploy/common.sh

echo "the cluster's upstream and systemd template"
mkdir -p "$work/upstream/logs" "$work/units"
cat >"$work/upstream/nginx.conf" <<EOF
pid $work/upstream/nginx.pid;
events {}
http {
    include $PWD/deploy/nginx/cluster-upstream.conf;
    server { listen 127.0.0.1:1; location / { proxy_pass http://veche; proxy_next_upstream error timeout http_502 http_503; } }
}
EOF
if out=$(nginx -p "$work/upstream" -e "$work/upstream/error.log" -c "$work/upstream/nginx.conf" -t 2>&1); then ok "cluster-upstream.conf: nginx -t"; else bad "cluster-upstream.conf: $out"; fi
sed "s|/usr/local/bin/veche|$(realpath "$veche")|" deploy/systemd/veche@.service >"$work/units/veche@node-1.service"
if out=$(systemd-analyze verify "$work/units/veche@node-1.service" 2>&1); then ok "veche@.service: systemd-analyze verify"; else bad "veche@.service: $out"; fi

echo "nginx -t on the rendered sites"
if out=$(VECHE_EDGE_DIR="$work/nginx" scripts/edge-demo.sh --check 2>&1); then ok "veche.conf and edge.conf: $(echo "$out" | tail -n 1)"; else bad "nginx -t:"$'\n'"$out"; fi
# The same nginx -t on a rendered site with a fault must fail (the check can fail).
sed -i 's/proxy_cache_lock on;/proxy_cache_lock maybe;/' "$work/nginx/veche.conf"
if nginx -p "$work/nginx" -e "$work/nginx/error.log" -c "$work/nginx/nginx.conf" -t >/dev/null 2>&1; then
    bad "a site with proxy_cache_lock maybe passed nginx -t"
else
    ok "a broken site fails nginx -t"
fi

echo "promtool"
if out=$(promtool check rules deploy/prometheus/veche-rules.yml 2>&1); then ok "check rules: $(echo "$out" | tail -n 1 | xargs)"; else bad "promtool check rules:"$'\n'"$out"; fi
if out=$(promtool test rules deploy/prometheus/veche-rules.test.yml 2>&1); then ok "test rules: $(echo "$out" | tail -n 1 | xargs)"; else bad "promtool test rules:"$'\n'"$out"; fi

echo "the series the rules and the dashboard name exist on a running veche"
python3 -m json.tool deploy/grafana/veche.json >/dev/null && ok "grafana/veche.json is JSON" || bad "grafana/veche.json is not JSON"
start_veche "$veche" --data "$work/data"
[ -n "$port" ] || { cat "$work/veche.log"; echo "veche did not start"; exit 1; }
get "http://127.0.0.1:$port/metrics" >"$work/metrics.txt"
kill -TERM "$pid" && wait "$pid" 2>/dev/null || true
pid=""
# The cluster's series: the demo forum as one node on a nats-server of its own (loopback, a free port).
nats_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
nats-server -js -a 127.0.0.1 -p "$nats_port" -sd "$work/nats" >"$work/nats.log" 2>&1 &
nats_pid=$!
# At the end: the node, then NATS, then the temp folder (cleanup). Any exit status of theirs is fine here.
stop_cluster() {
    [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    pid=""
    kill -TERM "$nats_pid" 2>/dev/null && wait "$nats_pid" 2>/dev/null
    cleanup
}
trap 'stop_cluster || true' EXIT
for _ in $(seq 100); do grep -q "Server is ready" "$work/nats.log" && break; sleep 0.1; done
python3 - "$work/cluster.json" "$nats_port" <<'PY'
import json, sys
config = json.load(open("config/demo.json"))
for hall in config["event"]["halls"]:
    hall["source"] = "none"
config["cluster"] = {"nats": "nats://127.0.0.1:" + sys.argv[2], "node": "node-1", "replicas": 1}
json.dump(config, open(sys.argv[1], "w"))
PY
start_veche "$veche" --config "$work/cluster.json" --data "$work/cluster-data"
[ -n "$port" ] || { cat "$work/veche.log" "$work/nats.log"; echo "the cluster node did not start"; exit 1; }
get "http://127.0.0.1:$port/metrics" >>"$work/metrics.txt"
# Names of series, without the _bucket/_sum/_count of histograms.
grep -o '^veche_[a-z_]*' "$work/metrics.txt" | sort -u >"$work/have"
for file in deploy/prometheus/veche-rules.yml deploy/grafana/veche.json; do
    grep -o 'veche_[a-z_]*' "$file" | sed 's/_\(bucket\|sum\|count\)$//' | sort -u >"$work/want"
    missing=$(comm -23 "$work/want" <(sed 's/_\(bucket\|sum\|count\)$//' "$work/have" | sort -u))
    if [ -z "$missing" ]; then ok "$file: $(wc -l <"$work/want") series, all on /metrics"; else bad "$file names series /metrics does not have: $missing"; fi
done

finish "deploy checks"
