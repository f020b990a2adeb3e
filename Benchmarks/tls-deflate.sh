#!/usr/bin/env bash
# The TLS and permessage-deflate issue's figures, herald and nginx + nchan
# measured by the same client (`herald bench`) in one run, on the same
# certificate (self-signed ECDSA P-256 for 127.0.0.1, made by run-nchan.sh):
#
#   1 topic × 100 subscribers, 1 KiB JSON events (padding that deflates to ~48%),
#   one publisher connection pipelining PIPELINE (16) requests:
#     ws        plain WebSocket                     flat out, and at RATE events/s
#     deflate   ws + permessage-deflate offered      flat out, and at RATE events/s
#               (nchan: publisher location /pubz/ with nchan_deflate_message_for_websocket on)
#     wss       TLS (subscribers wss://, publisher https://)   flat out, and at RATE events/s
#   handshakes: `herald bench connect`, CONNECTS at once, 2 client threads,
#     ws and wss (TCP + TLS + upgrade, then close, over and over)
#   herald_nagle: herald again with outbound.tcp_nodelay false (as nchan runs
#     its WebSocket subscribers), the two fixed-rate plain runs only
#
# The fixed-rate runs put the same load on both servers, so CPU per delivery
# compares like with like; flat out, the client (which inflates every
# compressed message) is the limit. Each run is bounded: DURATION seconds.
#
#   Benchmarks/tls-deflate.sh
#   TARGETS=herald DURATION=5 Benchmarks/tls-deflate.sh
#
# Results: JSON per target and run in $RESULTS (default
# /tmp/herald-bench/tls-deflate), then a Markdown table.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$root"

TARGETS="${TARGETS:-herald herald_nagle nchan}"
DURATION="${DURATION:-10}"
SIZE="${SIZE:-1024}"
RATE="${RATE:-1500}"
PIPELINE="${PIPELINE:-16}"
CONNECTS="${CONNECTS:-50}"
RESULTS="${RESULTS:-$BENCH_TMP/tls-deflate}"
rm -rf "$RESULTS"
mkdir -p "$RESULTS"

build_release
echo "# $(machine_summary)"
certs=$(bash "$root/Benchmarks/run-nchan.sh" cert)

# fanout TARGET NAME SUB PUB PIDS [flags…]
fanout() {
    local target=$1 name=$2 sub=$3 pub=$4 pids=$5
    shift 5
    echo "## $target: $name"
    "$HERALD" bench fanout --sub-url "$sub" --pub-url "$pub" --subscribers 100 --topics 1 --publishers 1 \
        --pipeline "$PIPELINE" --duration "$DURATION" --size "$SIZE" --cacert "$certs/cert.pem" \
        --server-pid "$pids" --json-output "$RESULTS/$target-$name.json" --quiet "$@" | grep -E "^(delivered|wire|server CPU)"
}

# connect TARGET NAME URL PIDS
connect() {
    local target=$1 name=$2 url=$3 pids=$4
    echo "## $target: $name"
    "$HERALD" bench connect --url "$url" --connections "$CONNECTS" --threads 2 --duration "$DURATION" \
        --cacert "$certs/cert.pem" --server-pid "$pids" --json-output "$RESULTS/$target-$name.json" --quiet |
        grep -E "^(handshakes|server CPU)"
}

# run_target TARGET: every run against one server.
run_target() {
    local target=$1 ws wss http https pubz pids sub_ws sub_wss
    case "$target" in
    herald | herald_nagle)
        local tls_port nodelay=true
        [ "$target" = herald_nagle ] && nodelay=false
        tls_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
        HERALD_TLS_CERT="$certs/cert.pem" HERALD_TLS_KEY="$certs/key.pem" HERALD_TLS_PORT="$tls_port" \
            HERALD_OUTBOUND_TCP_NODELAY=$nodelay start_herald --port 0
        pids=$HERALD_PID
        sub_ws="ws://127.0.0.1:$HERALD_PORT/ws?topic={topic}&format=raw"
        sub_wss="wss://127.0.0.1:$tls_port/ws?topic={topic}&format=raw"
        http="http://127.0.0.1:$HERALD_PORT/publish/{topic}"
        https="https://127.0.0.1:$tls_port/publish/{topic}"
        pubz=$http
        ;;
    nchan)
        pids=$(bash "$root/Benchmarks/run-nchan.sh" start)
        local port="${NCHAN_PORT:-8091}" tls_port="${NCHAN_TLS_PORT:-8092}"
        sub_ws="ws://127.0.0.1:$port/sub/{topic}"
        sub_wss="wss://127.0.0.1:$tls_port/sub/{topic}"
        http="http://127.0.0.1:$port/pub/{topic}"
        https="https://127.0.0.1:$tls_port/pub/{topic}"
        pubz="http://127.0.0.1:$port/pubz/{topic}"
        ;;
    *)
        echo "unknown target $target (herald, herald_nagle, nchan)" >&2
        return 1
        ;;
    esac
    if [ "$target" = herald_nagle ]; then
        fanout "$target" "ws-rate" "$sub_ws" "$http" "$pids" --rate "$RATE"
        fanout "$target" "deflate-rate" "$sub_ws" "$pubz" "$pids" --rate "$RATE" --deflate
        stop_herald
        return 0
    fi
    fanout "$target" "ws-flat" "$sub_ws" "$http" "$pids"
    fanout "$target" "deflate-flat" "$sub_ws" "$pubz" "$pids" --deflate
    fanout "$target" "wss-flat" "$sub_wss" "$https" "$pids"
    fanout "$target" "ws-rate" "$sub_ws" "$http" "$pids" --rate "$RATE"
    fanout "$target" "deflate-rate" "$sub_ws" "$pubz" "$pids" --rate "$RATE" --deflate
    fanout "$target" "wss-rate" "$sub_wss" "$https" "$pids" --rate "$RATE"
    connect "$target" "connect-ws" "${sub_ws//\{topic\}/bench0}" "$pids"
    connect "$target" "connect-wss" "${sub_wss//\{topic\}/bench0}" "$pids"
    case "$target" in
    herald) stop_herald ;;
    nchan) bash "$root/Benchmarks/run-nchan.sh" stop ;;
    esac
}

for target in $TARGETS; do run_target "$target"; done

echo
echo "## Summary ($RESULTS)"
python3 "$root/Benchmarks/summarize.py" "$RESULTS"
