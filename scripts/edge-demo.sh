#!/usr/bin/env bash
# The demo forum as it runs in production, on this machine: Debian's nginx in
# front of `veche serve` with deploy/nginx/veche.conf (TLS, HTTP/2, the
# WebSocket, the video cache), a self-signed certificate for localhost, and
# Veche trusting nginx's X-Forwarded-For. Ctrl+C (or SIGTERM) stops both.
#
#   scripts/edge-demo.sh [--config PATH] [ARGS FOR veche serve...]
#   scripts/edge-demo.sh --check      render veche.conf and edge.conf, run `nginx -t` on them, exit
#
# Without --config it serves the demo forum (config/demo.json). Environment:
#   VECHE_EDGE_PORT       https port of nginx (8443)
#   VECHE_EDGE_HTTP_PORT  plain http port of nginx, which redirects to https (8081)
#   VECHE_ORIGIN_PORT     where Veche itself listens, on 127.0.0.1 (8080)
#   VECHE_EDGE_DIR        nginx's prefix: config, certificate, cache, logs (data/edge)
#   VECHE_BIN             a built veche to run (default: build it, then build/veche)
#   VECHE_NGINX           the nginx executable (nginx)
# nginx runs as this user's own process (its own prefix, pid file and temp
# paths); the system's nginx is never touched.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

edge_port=${VECHE_EDGE_PORT:-8443}
http_port=${VECHE_EDGE_HTTP_PORT:-8081}
origin_port=${VECHE_ORIGIN_PORT:-8080}
dir=${VECHE_EDGE_DIR:-$root/data/edge}
nginx=${VECHE_NGINX:-nginx}

fail() { echo "edge-demo: $*" >&2; exit 1; }

check_only=false
config=$root/config/demo.json
serve_args=()
while [ $# -gt 0 ]; do
    case "$1" in
        --check) check_only=true ;;
        --config) [ $# -ge 2 ] || fail "--config needs a file"; config=$2; shift ;;
        --config=*) config=${1#--config=} ;;
        *) serve_args+=("$1") ;;
    esac
    shift
done

command -v "$nginx" >/dev/null 2>&1 || fail "nginx is not installed ($nginx not found): run scripts/setup.sh"
command -v openssl >/dev/null 2>&1 || fail "openssl is not installed: run scripts/setup.sh"
[ -r "$config" ] || fail "cannot read the config $config"
for p in "$edge_port" "$http_port" "$origin_port"; do
    [[ "$p" =~ ^[0-9]+$ ]] && [ "$p" -ge 1 ] && [ "$p" -le 65535 ] || fail "\"$p\" is not a port number"
done

mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
# Started as root, nginx runs its workers as nobody: they must reach the cache
# and temp folders in the prefix (the key stays readable by root only).
chmod 755 "$dir"
if [ "$(id -u)" -eq 0 ] && ! runuser -u nobody -- test -x "$dir"; then
    fail "nginx's workers (user nobody) cannot reach $dir: make its parent folders searchable (chmod o+x) or set VECHE_EDGE_DIR"
fi

# A certificate for localhost, made once and kept in the prefix (a week, renewed when older).
if [ ! -s "$dir/localhost.crt" ] || ! openssl x509 -checkend 86400 -noout -in "$dir/localhost.crt" >/dev/null 2>&1; then
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 7 \
        -subj /CN=localhost -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
        -keyout "$dir/localhost.key" -out "$dir/localhost.crt" >/dev/null 2>&1 || fail "openssl could not make a certificate in $dir"
    chmod 600 "$dir/localhost.key"
fi

# The sites as shipped, with this machine's addresses, names and paths in
# place of the production ones. Every replacement must apply: a site that
# drifted from what this expects fails here instead of serving something else.
common_edits=(
    -e '/listen \[::\]:/d'
    -e "s|server_name forum.example.ru;|server_name localhost;|"
    -e "s|'https://forum.example.ru' \$http_origin;|'https://localhost:$edge_port' \$http_origin;|"
    -e "s|/etc/letsencrypt/live/forum.example.ru/fullchain.pem|$dir/localhost.crt|"
    -e "s|/etc/letsencrypt/live/forum.example.ru/privkey.pem|$dir/localhost.key|"
    -e "s|root /var/www/letsencrypt;|root $dir/acme;|"
)
check_rendered() {
    if grep -n -e 'example\.ru' -e '/etc/' -e '/var/' -e 'listen 443' -e 'listen 80;' -e ':8080;' "$1" |
        grep -v -e "127.0.0.1:$origin_port;" -e '^[0-9]*: *#' >&2; then
        fail "$2 changed in a way this script does not know: the lines above were not rendered"
    fi
}

# deploy/nginx/veche.conf: the site in front of Veche, on this machine's ports.
render_site() {
    sed "${common_edits[@]}" \
        -e "s|server 127.0.0.1:8080;|server 127.0.0.1:$origin_port;|" \
        -e "s|^\( *\)listen 443 ssl http2;|\1listen 127.0.0.1:$edge_port ssl http2;|" \
        -e "s|^\( *\)listen 80;|\1listen 127.0.0.1:$http_port;|" \
        -e "s|return 301 https://\$host\$request_uri;|return 301 https://\$host:$edge_port\$request_uri;|" \
        -e "s|/var/cache/nginx/veche |$dir/cache |" \
        "$root/deploy/nginx/veche.conf" >"$dir/veche.conf"
    check_rendered "$dir/veche.conf" deploy/nginx/veche.conf
}

# deploy/nginx/edge.conf (for --check): an edge on 127.0.0.2 whose origin is the site above.
render_edge() {
    sed "${common_edits[@]}" \
        -e "s|server origin.forum.example.ru:443;|server 127.0.0.1:$edge_port;|" \
        -e "s|proxy_ssl_name origin.forum.example.ru;|proxy_ssl_name localhost;|" \
        -e "s|/etc/ssl/certs/ca-certificates.crt|$dir/localhost.crt|" \
        -e "s|^\( *\)listen 443 ssl http2;|\1listen 127.0.0.2:$edge_port ssl http2;|" \
        -e "s|^\( *\)listen 80;|\1listen 127.0.0.2:$http_port;|" \
        -e "s|/var/cache/nginx/veche-edge |$dir/cache-edge |" \
        "$root/deploy/nginx/edge.conf" >"$dir/edge.conf"
    check_rendered "$dir/edge.conf" deploy/nginx/edge.conf
}

# nginx.conf for our own nginx: its prefix, pid file, logs and temp paths; includes the sites given.
write_nginx_conf() {
    local user_line="" site includes=""
    for site in "$@"; do includes+="    include $site;"$'\n'; done
    # Started as root, nginx would run its workers as the compiled-in user; say which.
    [ "$(id -u)" -eq 0 ] && user_line="user nobody nogroup;"
    mkdir -p "$dir/tmp" "$dir/acme"
    cat >"$dir/nginx.conf" <<NGINX
# Written by scripts/edge-demo.sh: nginx for the demo, its own prefix and paths.
$user_line
worker_processes auto;
worker_rlimit_nofile 8192;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 4096; }
http {
    default_type application/octet-stream;
    access_log $dir/access.log;
    client_body_temp_path $dir/tmp/body;
    proxy_temp_path $dir/tmp/proxy;
    fastcgi_temp_path $dir/tmp/fastcgi;
    uwsgi_temp_path $dir/tmp/uwsgi;
    scgi_temp_path $dir/tmp/scgi;
$includes}
NGINX
}

nginx_cmd=("$nginx" -p "$dir" -e "$dir/error.log" -c "$dir/nginx.conf")

render_site
if $check_only; then
    render_edge
    write_nginx_conf "$dir/veche.conf" "$dir/edge.conf"
    "${nginx_cmd[@]}" -t
    exit
fi
write_nginx_conf "$dir/veche.conf"

port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port_taken "$edge_port" && fail "port $edge_port is already in use (set VECHE_EDGE_PORT)"
port_taken "$http_port" && fail "port $http_port is already in use (set VECHE_EDGE_HTTP_PORT)"
port_taken "$origin_port" && fail "port $origin_port is already in use (set VECHE_ORIGIN_PORT)"

veche=${VECHE_BIN:-}
if [ -z "$veche" ]; then
    scripts/build.sh
    veche=$root/build/veche
fi
[ -x "$veche" ] || fail "$veche is not an executable"

# The forum's config plus what a forum behind a proxy needs: trust in nginx
# (127.0.0.1) and the public address for QR codes and links.
python3 - "$config" "$dir/forum.json" "$edge_port" <<'PY' || fail "cannot read $config as JSON"
import json, sys
source, target, port = sys.argv[1], sys.argv[2], sys.argv[3]
with open(source, encoding="utf-8") as f:
    cfg = json.load(f)
http = cfg.setdefault("http", {})
http["trusted_proxies"] = ["127.0.0.1"]
http["public_url"] = f"https://localhost:{port}"
with open(target, "w", encoding="utf-8") as f:
    json.dump(cfg, f, ensure_ascii=False, indent=2)
PY

veche_pid=""
nginx_pid=""
stopping=false
stop_all() {
    $stopping && return
    stopping=true
    [ -n "$nginx_pid" ] && kill -TERM "$nginx_pid" 2>/dev/null || true
    [ -n "$veche_pid" ] && kill -TERM "$veche_pid" 2>/dev/null || true
    [ -n "$nginx_pid" ] && wait "$nginx_pid" 2>/dev/null || true
    [ -n "$veche_pid" ] && wait "$veche_pid" 2>/dev/null || true
}
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM
trap 'stop_all; exit 129' HUP
trap 'stop_all' EXIT

# Veche's config paths (data_dir) are relative to the repository, as for scripts/demo.sh.
# Each in a session of its own: Ctrl+C reaches this script only, which stops
# them once, with SIGTERM (a second signal would cut Veche's drain short).
setsid "$veche" serve --config "$dir/forum.json" --listen "127.0.0.1:$origin_port" "${serve_args[@]}" &
veche_pid=$!
for _ in $(seq 150); do
    port_taken "$origin_port" && break
    kill -0 "$veche_pid" 2>/dev/null || { wait "$veche_pid" || true; veche_pid=""; fail "veche did not start (its message is above)"; }
    sleep 0.1
done
port_taken "$origin_port" || fail "veche did not listen on 127.0.0.1:$origin_port within 15 s"

setsid "${nginx_cmd[@]}" -g 'daemon off;' &
nginx_pid=$!
for _ in $(seq 100); do
    port_taken "$edge_port" && break
    kill -0 "$nginx_pid" 2>/dev/null || { wait "$nginx_pid" || true; nginx_pid=""; fail "nginx did not start: $(tail -n 1 "$dir/error.log" 2>/dev/null)"; }
    sleep 0.1
done
port_taken "$edge_port" || fail "nginx did not listen on 127.0.0.1:$edge_port within 10 s"

echo "edge-demo: open https://localhost:$edge_port (nginx, self-signed certificate; http://localhost:$http_port redirects there)"
echo "edge-demo: Veche itself: http://127.0.0.1:$origin_port (metrics: http://127.0.0.1:$origin_port/metrics); Ctrl+C stops both"

# Whichever stops first, the other follows.
status=0
wait -n "$veche_pid" "$nginx_pid" || status=$?
$stopping || echo "edge-demo: $(kill -0 "$veche_pid" 2>/dev/null && echo nginx || echo veche) stopped; stopping the other" >&2
stop_all
exit "$status"
