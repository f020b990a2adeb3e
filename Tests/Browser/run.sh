#!/usr/bin/env bash
# Browser tests of the console (Public/) and herald.js: installs what is missing
# (Debian chromium + chromium-driver, a Python venv with selenium and pytest),
# runs herald.js's unit tests with node's test runner, then the console tests in
# headless Chromium against a fresh `herald serve` on 127.0.0.1 (the tests start
# and restart it themselves). Screenshots go to .build-artifacts/browser/.
# Env: HERALD_BIN (default: .build/release/herald if built, else .build/debug/herald,
# built when missing), HERALD_BROWSER_VENV (default /opt/herald-browser-venv).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
artifacts="$root/.build-artifacts/browser"
mkdir -p "$artifacts"
venv="${HERALD_BROWSER_VENV:-/opt/herald-browser-venv}"

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  echo "== installing chromium and chromium-driver"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver >/dev/null
fi
if ! "$venv/bin/python" -c "import selenium, pytest" 2>/dev/null; then
  echo "== installing selenium and pytest into $venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q selenium pytest
fi

if [ -z "${HERALD_BIN:-}" ]; then
  if [ -x "$root/.build/release/herald" ]; then
    HERALD_BIN="$root/.build/release/herald"
  else
    [ -x "$root/.build/debug/herald" ] || swift build --product herald 2>&1 | tail -n 1
    HERALD_BIN="$root/.build/debug/herald"
  fi
fi
export HERALD_BIN HERALD_ARTIFACTS="$artifacts" PYTHONDONTWRITEBYTECODE=1

status=0
echo "== herald.js unit tests (node --test)"
node --test "$root/Tests/Browser/" 2>&1 | tee "$artifacts/node-test.log" | tail -n 12 || true
grep -qE "^# fail 0$" "$artifacts/node-test.log" && grep -qE "^# pass [1-9]" "$artifacts/node-test.log" || status=1

echo "== console in headless Chromium (selenium)"
set +e
"$venv/bin/python" -m pytest -q -p no:cacheprovider "$root/Tests/Browser/test_console.py" 2>&1 | tee "$artifacts/pytest.log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
set -e

node_pass=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$artifacts/node-test.log" | tail -n 1)
node_fail=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$artifacts/node-test.log" | tail -n 1)
py_pass=$({ grep -oE "[0-9]+ passed" "$artifacts/pytest.log" || true; } | tail -n 1 | grep -oE "[0-9]+" || true)
py_fail=$({ grep -oE "[0-9]+ (failed|errors?)" "$artifacts/pytest.log" || true; } | awk '{ n += $1 } END { print n + 0 }')
echo "browser: $(( ${node_pass:-0} + ${py_pass:-0} )) passed, $(( ${node_fail:-1} + ${py_fail:-0} )) failed"
exit $status
