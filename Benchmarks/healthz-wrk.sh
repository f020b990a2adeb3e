#!/usr/bin/env bash
# HTTP/1.1 keep-alive requests per second on GET /healthz of a release herald,
# measured with Debian's wrk (installed if missing): one wrk thread, 100
# connections, 10 s. Prints wrk's report and the server's CPU per request
# from /proc.
#
#   Benchmarks/healthz-wrk.sh
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$root"

if ! command -v wrk >/dev/null; then
    sudo_cmd=""
    [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends wrk >/dev/null
fi

build_release
start_herald --config Tests/Conformance/autobahn.yaml
echo "# $(machine_summary)" >&2
echo "# herald pid $HERALD_PID on 127.0.0.1:$HERALD_PORT" >&2
ticks_per_second=$(getconf CLK_TCK)
before=$(cpu_ticks "$HERALD_PID")
out="$BENCH_TMP/wrk.txt"
wrk -t1 -c100 -d10s --latency "http://127.0.0.1:$HERALD_PORT/healthz" | tee "$out"
after=$(cpu_ticks "$HERALD_PID")
requests=$(awk '/requests in/ { print $1 }' "$out")
awk -v t="$((after - before))" -v hz="$ticks_per_second" -v n="$requests" -v rss="$(rss_kib "$HERALD_PID")" 'BEGIN {
    cpu = t / hz
    printf "server CPU    %.2f s over the run, %.2f µs per request; RSS %.1f MiB\n", cpu, (n > 0 ? cpu / n * 1e6 : 0), rss / 1024
}'
