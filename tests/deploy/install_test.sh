#!/usr/bin/env bash
# `cmake --install` into a temp prefix needs no build tree afterwards: the
# install is moved elsewhere, started from / with no config, and serves the
# web client's pages from its own copy; no source or build path is compiled
# into the executable; the installed systemd unit passes systemd-analyze
# verify; the example config is valid.
# Usage: install_test.sh BUILD_DIR
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
build=$(cd "$1" && pwd)
source tests/deploy/common.sh

echo "cmake --install into $work/prefix"
cmake --install "$build" --prefix "$work/prefix" >"$work/install.log"
for f in bin/veche share/veche/web/index.html share/veche/web/screen.html share/doc/veche/examples/forum.json \
    share/veche/deploy/nginx/veche.conf share/veche/deploy/nginx/edge.conf share/veche/deploy/prometheus/veche-rules.yml \
    share/veche/deploy/grafana/veche.json share/doc/veche/operations.md lib/systemd/system/veche.service; do
    [ -e "$work/prefix/$f" ] && ok "installed $f" || bad "missing $f"
done

echo "the unit"
unit=$work/prefix/lib/systemd/system/veche.service
grep -q "^ExecStart=$work/prefix/bin/veche serve --config /etc/veche/forum.json$" "$unit" && ok "ExecStart uses the install prefix" || bad "ExecStart: $(grep ExecStart= "$unit")"
if out=$(systemd-analyze verify "$unit" 2>&1); then ok "systemd-analyze verify"; else bad "systemd-analyze verify: $out"; fi

echo "the example config"
if VECHE_SECRET=install-test-secret "$work/prefix/bin/veche" token --config "$work/prefix/share/doc/veche/examples/forum.json" --role admin >/dev/null 2>"$work/token.err"; then
    ok "veche token reads forum.json"
else
    bad "forum.json: $(cat "$work/token.err")"
fi

echo "no build or source path in the executable"
objcopy --dump-section .rodata="$work/rodata" "$work/prefix/bin/veche"
for path in "$root" "$build"; do
    if grep -qaF "$path" "$work/rodata"; then bad "the executable's data holds $path"; else ok "no $path in its data"; fi
done

echo "the install, moved, serves its own pages"
mv "$work/prefix" "$work/moved"
cd /  # nothing relative to the source tree
start_veche "$work/moved/bin/veche" --data "$work/data"
if [ -z "$port" ]; then bad "the moved veche did not start: $(cat "$work/veche.log")"; else
    grep -q "^indexing the web root $work/moved/share/veche/web$" "$work/veche.log" && ok "it found the web client next to itself" || bad "web root: $(grep 'web root' "$work/veche.log")"
    for page in / /screen; do
        file=index.html
        [ "$page" = /screen ] && file=screen.html
        if get "http://127.0.0.1:$port$page" | cmp -s - "$work/moved/share/veche/web/$file"; then ok "GET $page is the installed $file"; else bad "GET $page differs from the installed $file"; fi
    done
    asset=$(grep -o 'src="/assets/[^"]*\.js"' "$work/moved/share/veche/web/index.html" | head -n 1 | sed 's/src="\(.*\)"/\1/')
    if [ -n "$asset" ] && get "http://127.0.0.1:$port$asset" | cmp -s - "$work/moved/share/veche/web$asset"; then ok "GET $asset is the installed copy"; else bad "asset ${asset:-(none in index.html)}"; fi
fi

finish "install test"
