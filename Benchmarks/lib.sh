# Shared by the benchmark scripts (sourced, not run). Builds the release
# herald, starts it on a free loopback port, and reads /proc figures.
# Everything it starts is stopped by the EXIT trap of the script that sources it.

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HERALD="$root/.build/release/herald"
BENCH_TMP="${BENCH_TMP:-/tmp/herald-bench}"
mkdir -p "$BENCH_TMP"
started_pids=()

cleanup() {
    for pid in "${started_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${started_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

# Builds the release binary (the bench client is the same binary).
build_release() {
    (cd "$root" && swift build -c release --product herald 2>&1 | tail -n 1)
}

# start_herald [serve flags…]: starts `herald serve` on 127.0.0.1, port 0
# unless the flags say otherwise; sets HERALD_PID and HERALD_PORT.
start_herald() {
    local log="$BENCH_TMP/herald.log"
    "$HERALD" serve --host 127.0.0.1 --log-level info "$@" 2>"$log" &
    HERALD_PID=$!
    started_pids+=("$HERALD_PID")
    HERALD_PORT=""
    for _ in $(seq 1 100); do
        HERALD_PORT=$(sed -n 's/.*listen.address=127\.0\.0\.1:\([0-9]*\).*/\1/p' "$log" | head -n 1)
        [ -n "$HERALD_PORT" ] && break
        kill -0 "$HERALD_PID" 2>/dev/null || break
        sleep 0.1
    done
    if [ -z "$HERALD_PORT" ]; then
        echo "herald did not start; its log:" >&2
        cat "$log" >&2
        exit 1
    fi
}

stop_herald() {
    kill "$HERALD_PID" 2>/dev/null || true
    wait "$HERALD_PID" 2>/dev/null || true
}

# cpu_ticks PID: utime + stime in clock ticks (fields 14 and 15 of /proc/PID/stat).
cpu_ticks() {
    sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'
}

# rss_kib PID: VmRSS in KiB.
rss_kib() {
    awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"
}

# The machine, for the README.
machine_summary() {
    echo "cores: $(nproc); cpu: $(lscpu | sed -n 's/^Model name: *//p' | head -n 1); memory: $(free -h | awk '/^Mem:/ { print $2 }')"
}
