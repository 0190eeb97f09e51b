#!/usr/bin/env bash
# Builds the web client (web-client/dist) and the server (build/veche).
# Extra arguments go to CMake's configure step, e.g. -DVECHE_WERROR=ON.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "build: web client"
npm --prefix web-client run --silent build

echo "build: server"
generator=()
if [ ! -f build/CMakeCache.txt ] && command -v ninja >/dev/null 2>&1; then generator=(-G Ninja); fi
cmake -S . -B build "${generator[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
cmake --build build -j "$(nproc)"
