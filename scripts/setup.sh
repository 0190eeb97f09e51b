#!/usr/bin/env bash
# Installs everything Veche needs to build, test and run the demo on Debian 12:
# the Debian packages (only those missing) and the web client's npm packages.
# nginx and openssl run scripts/edge-demo.sh; promtool (package prometheus)
# and systemd-analyze check deploy/ in the tests; nats-server (JetStream) runs
# the cluster tests, libnats-dev is its C client.
# Needs no input; safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake pkg-config ninja-build ccache git ca-certificates
  clang libclang-rt-14-dev
  libboost1.81-dev libboost-url1.81-dev nlohmann-json3-dev zlib1g-dev libstemmer-dev catch2 libsqlite3-dev sqlite3 libssl-dev libutf8proc-dev
  libgstreamer1.0-dev libgstreamer-plugins-base1.0-dev libgstreamer-plugins-bad1.0-dev
  gstreamer1.0-tools gstreamer1.0-plugins-base gstreamer1.0-plugins-good
  gstreamer1.0-plugins-bad gstreamer1.0-plugins-ugly gstreamer1.0-libav
  gstreamer1.0-x fonts-dejavu-core fonts-noto-color-emoji
  ffmpeg chromium python3 python3-websockets procps
  nginx openssl prometheus systemd wrk
  nats-server libnats-dev
)
command -v node >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [ "$status" = "installed" ] || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  echo "setup: Debian packages already installed"
fi

# npm packages: the web client (web-client/), its browser tests (tests/web/,
# playwright-core driving Debian's Chromium; no browser is ever downloaded) and
# the load benchmark's reference peer (tests/bench/load/reference/, `ws`).
# `npm ci` runs only when node_modules is missing or older than the lock file.
for dir in web-client tests/web tests/bench/load/reference; do
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    echo "setup: installing the npm packages of $dir"
    (cd "$dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
  else
    echo "setup: npm packages of $dir already installed"
  fi
done
