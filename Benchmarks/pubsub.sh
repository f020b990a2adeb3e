#!/usr/bin/env bash
# The broker issue's four pub/sub scenarios, run with the same client
# (`herald bench`) against herald and against nginx + nchan in one run, so
# the figures sit side by side:
#
#   fanout   1 topic × 100 subscribers, 1 publisher connection, flat out
#   latency  1 topic × 1,000 subscribers, 100 events/s
#   ingest   1,000 topics × 1 subscriber, 4 publisher connections, flat out
#   idle     10,000 idle subscribers: server memory per connection
#
# Publishers pipeline PIPELINE (16) requests per connection: with one request
# at a time, a server that answers a publish only after fanning it out
# (nchan does) is measured on its response latency, not its throughput, and
# the latency scenario could not hold 100/s.
#
# Each scenario is bounded (DURATION seconds of publishing, HOLD seconds of
# idling, plus connect and drain). Traffic stays on 127.0.0.1.
#
#   Benchmarks/pubsub.sh
#   TARGETS=nchan SCENARIOS="fanout latency" DURATION=5 Benchmarks/pubsub.sh
#   HERALD_FORMAT=envelope Benchmarks/pubsub.sh   # Herald's JSON envelope instead of raw payloads
#
# Results: one JSON report per target and scenario in $RESULTS
# (default /tmp/herald-bench/results), and a Markdown table at the end.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$root"

TARGETS="${TARGETS:-herald nchan}"
SCENARIOS="${SCENARIOS:-fanout latency ingest idle}"
DURATION="${DURATION:-10}"
HOLD="${HOLD:-10}"
SIZE="${SIZE:-64}"
PIPELINE="${PIPELINE:-16}"
HERALD_FORMAT="${HERALD_FORMAT:-raw}"
RESULTS="${RESULTS:-$BENCH_TMP/results}"
mkdir -p "$RESULTS"

build_release
echo "# $(machine_summary)"

# run_scenario TARGET SCENARIO SUB_URL PUB_URL PIDS
run_scenario() {
    local target=$1 scenario=$2 sub=$3 pub=$4 pids=$5
    local out="$RESULTS/$target-$scenario.json"
    local common=(--server-pid "$pids" --json-output "$out" --quiet)
    echo
    echo "## $target: $scenario"
    rm -f "$out"
    case "$scenario" in
    fanout)
        "$HERALD" bench fanout --sub-url "$sub" --pub-url "$pub" --subscribers 100 --topics 1 \
            --publishers 1 --pipeline "$PIPELINE" --duration "$DURATION" --size "$SIZE" "${common[@]}"
        ;;
    latency)
        "$HERALD" bench fanout --sub-url "$sub" --pub-url "$pub" --subscribers 1000 --topics 1 \
            --publishers 1 --pipeline "$PIPELINE" --rate 100 --duration "$DURATION" --size "$SIZE" "${common[@]}"
        ;;
    ingest)
        "$HERALD" bench fanout --sub-url "$sub" --pub-url "$pub" --subscribers 1000 --topics 1000 \
            --publishers 4 --pipeline "$PIPELINE" --duration "$DURATION" --size "$SIZE" "${common[@]}"
        ;;
    idle)
        "$HERALD" bench idle --sub-url "$sub" --connections 10000 --topics 1 --hold "$HOLD" "${common[@]}"
        ;;
    esac
}

run_target() {
    local target=$1 sub pub pids
    case "$target" in
    herald)
        start_herald --port 0
        sub="ws://127.0.0.1:$HERALD_PORT/ws?topic={topic}"
        [ "$HERALD_FORMAT" = raw ] && sub="$sub&format=raw"
        pub="http://127.0.0.1:$HERALD_PORT/publish/{topic}"
        pids="$HERALD_PID"
        local status
        status=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
            -d '{"t":1}' "http://127.0.0.1:$HERALD_PORT/publish/bench0" || true)
        if [ "$status" != 200 ]; then
            echo
            echo "## herald: skipped (POST /publish/bench0 answered $status: no broker endpoints in this build yet)"
            stop_herald
            return 0
        fi
        ;;
    nchan)
        pids=$(bash "$root/Benchmarks/run-nchan.sh" start)
        local port="${NCHAN_PORT:-8091}"
        sub="ws://127.0.0.1:$port/sub/{topic}"
        pub="http://127.0.0.1:$port/pub/{topic}"
        ;;
    *)
        echo "unknown target $target (herald, nchan)" >&2
        return 1
        ;;
    esac
    for scenario in $SCENARIOS; do
        run_scenario "$target" "$scenario" "$sub" "$pub" "$pids" || echo "($target $scenario failed)"
    done
    case "$target" in
    herald) stop_herald ;;
    nchan) bash "$root/Benchmarks/run-nchan.sh" stop ;;
    esac
}

for target in $TARGETS; do run_target "$target"; done

echo
echo "## Summary ($RESULTS)"
python3 "$root/Benchmarks/summarize.py" "$RESULTS"
