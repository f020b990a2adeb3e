#!/usr/bin/env bash
# End-to-end checks of the built `herald watch` and `herald publish -` as a
# person runs them: pretty output in a pseudo-terminal (script(1) from
# bsdutils), colors off when piped or with NO_COLOR, json lines that parse,
# raw payloads, exit codes, and 10,000 stdin lines published.
# Usage: Tests/Terminal/watch-cli.sh [path/to/herald]   (run from anywhere)
set -euo pipefail
cd "$(dirname "$0")/../.."
herald=${1:-"$(pwd)/.build/debug/herald"}
work=$(mktemp -d)
failures=0
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }
# wait_for FILE PATTERN: up to 10 s for PATTERN to appear in FILE.
wait_for() {
  for _ in $(seq 1 200); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.05; done
  return 1
}

"$herald" serve --port 0 --log-level info 2>"$work/serve.log" &
server=$!
port=""
for _ in $(seq 1 100); do
  port=$(sed -n 's/.*listen.address=127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/serve.log" | head -n 1)
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { cat "$work/serve.log" >&2; echo "FAIL: herald serve did not start" >&2; exit 1; }
url="http://127.0.0.1:$port"
esc=$'\e['

# 1. Pretty output in a pseudo-terminal: colored.
script -qfec "$herald watch 'tty.>' --count 2 --url $url" /dev/null >"$work/tty.out" 2>&1 &
watcher=$!
wait_for "$work/tty.out" connected || fail "tty watch did not connect"
"$herald" publish tty.one '{"n":1,"s":"x"}' --url "$url" >/dev/null
"$herald" publish tty.two 'plain text' --url "$url" >/dev/null
wait "$watcher" || fail "tty watch exited non-zero"
if grep -qF "$esc" "$work/tty.out" && grep -q "tty.one" "$work/tty.out" && grep -q '"plain text"' "$work/tty.out"; then
  pass "pretty output in a terminal is colored"
else
  fail "pretty output in a terminal: $(cat -v "$work/tty.out")"
fi

# 2. NO_COLOR in a terminal, and a pipe: no escapes.
NO_COLOR=1 script -qfec "$herald watch 'tty.>' --since earliest --count 2 --url $url" /dev/null >"$work/nocolor.out" 2>&1
if ! grep -qF "$esc" "$work/nocolor.out" && grep -q 'tty.one {"n":1,"s":"x"}' "$work/nocolor.out"; then
  pass "NO_COLOR turns colors off"
else
  fail "NO_COLOR: $(cat -v "$work/nocolor.out")"
fi
"$herald" watch 'tty.>' --since earliest --count 2 --url "$url" >"$work/pipe.out" 2>/dev/null
if ! grep -qF "$esc" "$work/pipe.out" && [ "$(wc -l <"$work/pipe.out")" -eq 2 ]; then
  pass "piped pretty output has no colors"
else
  fail "piped pretty output: $(cat -v "$work/pipe.out")"
fi

# 3. json: one envelope per line; raw: payloads, strings unquoted.
"$herald" watch 'tty.>' --since earliest --count 2 --format json --url "$url" >"$work/json.out" 2>/dev/null
if python3 -c '
import json, sys
lines = open(sys.argv[1]).read().splitlines()
envelopes = [json.loads(line) for line in lines]
assert [e["topic"] for e in envelopes] == ["tty.one", "tty.two"], envelopes
assert envelopes[0]["data"] == {"n": 1, "s": "x"} and envelopes[1]["data"] == "plain text"
' "$work/json.out"; then pass "json lines parse"; else fail "json: $(cat "$work/json.out")"; fi
"$herald" watch 'tty.>' --since earliest --count 2 --format raw --url "$url" >"$work/raw.out" 2>/dev/null
if [ "$(cat "$work/raw.out")" = $'{"n":1,"s":"x"}\nplain text' ]; then
  pass "raw prints payloads"
else
  fail "raw: $(cat "$work/raw.out")"
fi

# 4. Exit codes.
code=0; "$herald" watch 'bad..topic' --url "$url" 2>"$work/bad.err" || code=$?
[ "$code" -eq 2 ] && grep -q "bad_topic" "$work/bad.err" && pass "bad pattern exits 2 with the server's message" \
  || fail "bad pattern: exit $code, $(cat "$work/bad.err")"
code=0; "$herald" watch 'a' --filter 'data.n >' --url "$url" 2>"$work/filter.err" || code=$?
[ "$code" -eq 2 ] && grep -q "bad_filter" "$work/filter.err" && pass "refused filter exits 2" \
  || fail "filter: exit $code, $(cat "$work/filter.err")"
# https:// to the plain port: the TLS handshake fails, which retrying cannot fix (--timeout guards the check).
code=0; "$herald" watch 'a' --url "https://127.0.0.1:$port" --timeout 5 2>"$work/tls.err" || code=$?
[ "$code" -eq 2 ] && grep -q "TLS with 127.0.0.1:$port failed" "$work/tls.err" \
  && pass "https to a plain port exits 2 naming the TLS failure" || fail "https: exit $code, $(cat "$work/tls.err")"
code=0; "$herald" watch 'a' --url http://127.0.0.1:1 --timeout 1 2>"$work/down.err" || code=$?
[ "$code" -eq 1 ] && grep -q "cannot reach" "$work/down.err" && pass "unreachable with --timeout exits 1" \
  || fail "unreachable: exit $code, $(cat "$work/down.err")"
"$herald" watch 'a' --url "$url" 2>"$work/int.err" &
watcher=$!
wait_for "$work/int.err" connected || fail "watch for SIGINT did not connect"
kill -INT "$watcher"
code=0; wait "$watcher" || code=$?
[ "$code" -eq 0 ] && pass "Ctrl-C exits 0" || fail "SIGINT: exit $code"

# 5. publish - with 10,000 lines.
"$herald" watch bulk.lines --count 10000 --format raw --url "$url" >"$work/bulk.watch" 2>"$work/bulk.err" &
watcher=$!
wait_for "$work/bulk.err" connected || fail "bulk watch did not connect"
seq 1 10000 | sed 's/^\(.*[05]\)$/line \1/' | "$herald" publish bulk.lines - --url "$url" >"$work/bulk.ids"
wait "$watcher" || fail "bulk watch exited non-zero"
if [ "$(wc -l <"$work/bulk.ids")" -eq 10000 ] && [ "$(sort -u "$work/bulk.ids" | wc -l)" -eq 10000 ] \
  && [ "$(wc -l <"$work/bulk.watch")" -eq 10000 ] && [ "$(tail -n 1 "$work/bulk.watch")" = "line 10000" ] \
  && curl -fsS "$url/api/topics" | grep -q '"topic":"bulk.lines"[^}]*"published":10000'; then
  pass "publish - delivered 10,000 events"
else
  fail "publish -: $(wc -l <"$work/bulk.ids") ids, $(wc -l <"$work/bulk.watch") watched"
fi
code=0; echo x | "$herald" publish 'bad..topic' - --url "$url" 2>"$work/pub.err" || code=$?
[ "$code" -ne 0 ] && grep -q "bad_topic" "$work/pub.err" && pass "publish - failure exits non-zero with the server's message" \
  || fail "publish - failure: exit $code, $(cat "$work/pub.err")"

[ "$failures" -eq 0 ] || { echo "FAILED: $failures terminal client check(s)" >&2; exit 1; }
echo "terminal client checks passed"
