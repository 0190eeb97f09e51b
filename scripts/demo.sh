#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine, builds Veche and runs the demo forum
# «Малая родина — сила России» on http://localhost:8080 (Ctrl+C stops it).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
echo "demo: open http://localhost:8080"
exec build/veche serve "$@"
