# What the deploy checks share; sourced by check_deploy.sh and install_test.sh
# (run from the repository root). A temp folder, removed with the veche it
# started; "ok"/"FAIL" lines; one closing line for ctest.

work=$(mktemp -d)
chmod 755 "$work"  # nginx's workers run as nobody when the checks run as root
pid=""
cleanup() {
    [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
failures=0
ok() { echo "  ok   $*"; }
bad() { echo "  FAIL $*"; failures=$((failures + 1)); }
get() { python3 -c 'import sys, urllib.request; sys.stdout.buffer.write(urllib.request.urlopen(sys.argv[1], timeout=10).read())' "$1"; }

# start_veche EXECUTABLE ARGS...: runs `EXECUTABLE serve --listen 127.0.0.1:0 ARGS` with its
# output in $work/veche.log; sets pid and port, or port="" when it did not start within 15 s.
start_veche() {
    local exe=$1
    shift
    "$exe" serve --listen 127.0.0.1:0 "$@" >"$work/veche.log" 2>&1 &
    pid=$!
    port=""
    for _ in $(seq 150); do
        port=$(sed -n 's/^listening on .*:\([0-9]*\)$/\1/p' "$work/veche.log")
        [ -n "$port" ] && return
        sleep 0.1
    done
}

# finish NAME: the closing line and the exit code.
finish() {
    if [ "$failures" -eq 0 ]; then echo "$1: 1 passed, 0 failed"; exit 0; fi
    echo "$1: 0 passed, 1 failed"
    exit 1
}
