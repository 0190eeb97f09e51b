#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine, builds Veche with warnings as errors and
# runs every test (unit, integration, media, web). Extra arguments go to ctest,
# e.g. `scripts/test.sh -L unit` runs one label.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh -DVECHE_WERROR=ON
cd build
ctest --output-on-failure -j "$(nproc)" --timeout 900 "$@"
