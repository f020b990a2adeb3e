#!/usr/bin/env bash
# Runs every Herald test on a fresh machine: installs what is missing, builds
# with zero warnings, runs the Swift test suites, then the Autobahn|Testsuite
# (cases 1.* to 10.*, and 12.*/13.* for permessage-deflate, ~12 min more) against a fresh `herald serve` with /ws/echo on.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
artifacts="$root/.build-artifacts"
mkdir -p "$artifacts"

bash .ci/setup --for-tests

echo "== build (debug, with tests): zero warnings required"
swift build --build-tests 2>&1 | tee "$artifacts/build.log" | grep -E "error|warning:|Compiling|Build complete" | grep -v "^\[" || true
if grep -E "^$root/(Sources|Tests)/.*warning:" "$artifacts/build.log"; then
  echo "FAILED: the build printed warnings (above)" >&2
  exit 1
fi
grep -q "Build complete" "$artifacts/build.log" || { echo "FAILED: build" >&2; exit 1; }

echo "== swift test"
swift test --skip-build 2>&1 | tee "$artifacts/swift-test.log" | grep -vE "^(◇|􀟈) Test .* started" || true
if ! grep -qE "Test run with [0-9]+ tests? .*passed" "$artifacts/swift-test.log"; then
  echo "FAILED: swift test" >&2
  exit 1
fi
echo "== fuzz: every libFuzzer harness for 10 s (Tests/Fuzz/README.md)"; bash Tests/Fuzz/run.sh 10 || { echo "FAILED: fuzz (inputs in .build-fuzz/artifacts)" >&2; exit 1; }

echo "== terminal client: herald watch / publish - in a pseudo-terminal and in pipes"
bash Tests/Terminal/watch-cli.sh "$root/.build/debug/herald" 2>&1 | tee "$artifacts/watch-cli.log"

echo "== Autobahn|Testsuite 1.* to 10.*, 12.* and 13.* against /ws/echo (release build)"
swift build -c release --product herald 2>&1 | tail -n 1
server_log="$artifacts/autobahn-herald.log"
"$root/.build/release/herald" serve --config Tests/Conformance/autobahn.yaml --log-level info 2>"$server_log" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
port=""
for _ in $(seq 1 100); do
  port=$(sed -n 's/.*listen.address=127\.0\.0\.1:\([0-9]*\).*/\1/p' "$server_log" | head -n 1)
  [ -n "$port" ] && break
  kill -0 $server 2>/dev/null || break
  sleep 0.1
done
if [ -z "$port" ]; then
  echo "FAILED: herald did not start; its log:" >&2
  cat "$server_log" >&2
  exit 1
fi
cases="1.*,2.*,3.*,4.*,5.*,6.*,7.*,8.*,9.*,10.*,12.*,13.*"
bash "$root/../shared/tools/autobahn/run.sh" "ws://127.0.0.1:$port/ws/echo" "$cases" "$artifacts/autobahn"

echo "== operations: /metrics through prometheus_client's parser, SIGTERM drain and exit 0"
venv="${HERALD_BROWSER_VENV:-/opt/herald-browser-venv}"
if ! "$venv/bin/python" -c "import prometheus_client, pytest" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q pytest prometheus_client
fi
if ! HERALD_BIN="$root/.build/release/herald" PYTHONDONTWRITEBYTECODE=1 \
    "$venv/bin/python" -m pytest -q -p no:cacheprovider "$root/Tests/Ops"; then
  echo "FAILED: operations tests" >&2
  exit 1
fi

echo "== browser: herald.js unit tests and the console in headless Chromium"
if ! bash "$root/Tests/Browser/run.sh"; then
  echo "FAILED: browser tests (logs and screenshots in $artifacts/browser)" >&2
  exit 1
fi
