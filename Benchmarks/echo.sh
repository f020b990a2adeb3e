#!/usr/bin/env bash
# WebSocket echo round trips against a release herald with /ws/echo on
# (Tests/Conformance/autobahn.yaml: echo on, a free port), 100 clients for
# 10 s by default. Extra arguments go to `herald bench echo`
# (e.g. --in-flight 4 --size 1024 --json).
#
#   Benchmarks/echo.sh
#   CONNECTIONS=1000 DURATION=5 Benchmarks/echo.sh --in-flight 2
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$root"

build_release
start_herald --config Tests/Conformance/autobahn.yaml
echo "# $(machine_summary)" >&2
echo "# herald pid $HERALD_PID on 127.0.0.1:$HERALD_PORT" >&2
"$HERALD" bench echo --url "ws://127.0.0.1:$HERALD_PORT/ws/echo" \
    --connections "${CONNECTIONS:-100}" --duration "${DURATION:-10}" --server-pid "$HERALD_PID" "$@"
