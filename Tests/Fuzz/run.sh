#!/usr/bin/env bash
# Builds the libFuzzer harnesses in Tests/Fuzz and runs each for a bounded time.
#   Tests/Fuzz/run.sh [SECONDS] [HARNESS...]     (default: 30 s each, every harness; 0: build only)
# HeraldProtocol (and HeraldFilter) are compiled as modules with coverage and AddressSanitizer,
# each harness as its own module in the same package (so it sees `package` symbols). Binaries go to
# .build-fuzz/bin, corpora to .build-fuzz/corpus/<name>, crashes to .build-fuzz/artifacts, logs to
# .build-fuzz/logs. Exit status: the number of failed harnesses (0 when all passed).
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
out="$root/.build-fuzz"
seconds=${1:-30}
[ $# -gt 0 ] && shift
all=(http_request websocket_reader json sse filter_compile filter_eval)
if [ $# -gt 0 ]; then harnesses=("$@"); else harnesses=("${all[@]}"); fi

swiftc=${SWIFTC:-$(command -v swiftc || echo /opt/swift/usr/bin/swiftc)}
mkdir -p "$out/mod" "$out/obj" "$out/bin" "$out/corpus" "$out/artifacts" "$out/logs"
common=(-parse-as-library -sanitize=fuzzer,address -swift-version 6 -package-name Herald -I "$out/mod")
# -O is the default; if the optimizer fails on some toolchain, FUZZ_OPT=-Onone (ASan still applies).
opt=${FUZZ_OPT:--O}
# gold warns about every ASan helper symbol; lld (in the Swift toolchain) links quietly.
linker=$([ -x "$(dirname "$swiftc")/ld.lld" ] && echo -use-ld=lld)

# build_module NAME: Sources/NAME as a module (object + .swiftmodule), when a source is newer.
build_module() {
    local name=$1 obj="$out/obj/$1.o"
    if [ -f "$obj" ] && [ -z "$(find "Sources/$name" "$0" -newer "$obj" -name '*.swift' -o -newer "$obj" -name run.sh)" ]; then
        return 0
    fi
    echo "fuzz: compiling $name ($opt)"
    "$swiftc" "${common[@]}" "$opt" -wmo -module-name "$name" \
        -enable-upcoming-feature ExistentialAny -enable-upcoming-feature InternalImportsByDefault \
        -emit-module -emit-module-path "$out/mod/$name.swiftmodule" -c -o "$obj" \
        $(find "Sources/$name" -name '*.swift' | sort) &&
        touch "$obj"  # the compiler keeps an unchanged object's old time
}

# build_harness NAME: Tests/Fuzz/NAME.swift + Support.swift, linked with the modules' objects.
build_harness() {
    local name=$1 objects=("$out/obj/HeraldProtocol.o")
    case $name in filter_*) objects+=("$out/obj/HeraldFilter.o") ;; esac
    echo "fuzz: compiling $name"
    "$swiftc" "${common[@]}" "$opt" -module-name "fuzz_$name" $linker \
        "Tests/Fuzz/$name.swift" Tests/Fuzz/Support.swift "${objects[@]}" -o "$out/bin/$name"
}

# seed NAME: a few valid inputs in the corpus (rewritten each run; the fuzzer adds its own files).
seed() {
    local dir="$out/corpus/$1"
    mkdir -p "$dir"
    # Reproducers of fixed findings stay as seeds: every run replays them first.
    for found in "$root/Tests/Fuzz/crashes/$1"-*; do
        [ -e "$found" ] && cp "$found" "$dir/"
    done
    case $1 in
    http_request)
        printf 'GET /api/topics/a.b/history?since=x&n=1 HTTP/1.1\r\nHost: h\r\nConnection: keep-alive\r\n\r\n' >"$dir/seed-get"
        printf 'POST /api/publish HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\nhello' >"$dir/seed-post"
        printf 'POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5;e=1\r\nhello\r\n0\r\nT: v\r\n\r\nGET / HTTP/1.0\n\n' >"$dir/seed-chunked"
        printf 'GET /ws HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n\x81\x85' >"$dir/seed-upgrade"
        ;;
    websocket_reader)
        # masked "Hello" (RFC 6455 §5.7), fragmented text with a ping between, close 1000, binary (126 length)
        printf '\x81\x85\x37\xfa\x21\x3d\x7f\x9f\x4d\x51\x58' >"$dir/seed-text"
        printf '\x01\x83\x00\x00\x00\x00Hel\x89\x80\x01\x02\x03\x04\x80\x82\x00\x00\x00\x00lo' >"$dir/seed-fragments"
        printf '\x88\x82\x00\x00\x00\x00\x03\xe8' >"$dir/seed-close"
        { printf '\x82\xfe\x00\x80\x00\x00\x00\x00'; head -c 128 /dev/zero; } >"$dir/seed-binary"
        ;;
    json)
        printf '{"topic":"a.b","data":{"n":-1.5e3,"ok":true,"x":null,"s":"\\u00e9\\n\\ud83d\\ude00","l":[1,[2,{}]]}}' >"$dir/seed-object"
        printf ' [0, -0.0, 1E+2, "\\"", false] \n' >"$dir/seed-array"
        printf '"text"' >"$dir/seed-string"
        ;;
    sse)
        printf 'id: 1\nevent: created\ndata: {"a":1}\ndata: two\n\n: heartbeat\nretry: 1500\n\n' >"$dir/seed-events"
        printf '\xef\xbb\xbfdata:x\r\nid\r\n\rdata: y\r\rfield: ignored\n\n' >"$dir/seed-linebreaks"
        ;;
    filter_compile)
        printf "data.amount > 100 && topic == 'orders.eu'" >"$dir/seed-and"
        printf "!(data.items[0].sku in ['a', \"b\"]) || has(event_type) && id.startsWith('1-')" >"$dir/seed-in"
        printf "data['odd key'] != null && (data.x <= -1.5e3 || event_type.contains('x'))" >"$dir/seed-index"
        ;;
    filter_eval)
        printf "data.amount > 100 && topic == 'orders.eu'\norders.eu\ncreated\n{\"amount\": 150}" >"$dir/seed-and"
        printf "data.items[1] in [2, 'x'] || data['k k'].endsWith('z')\na\n\n{\"items\":[1,2],\"k k\":\"xyz\"}" >"$dir/seed-in"
        printf "has(data.a.b) && !data.c\nt\nx\n{\"a\":{\"b\":null},\"c\":false}" >"$dir/seed-has"
        ;;
    esac
}

start=$(date +%s)
build_module HeraldProtocol || { echo "fuzz: HeraldProtocol does not compile" >&2; exit 1; }
case " ${harnesses[*]} " in *" filter_"*)
    build_module HeraldFilter || { echo "fuzz: HeraldFilter does not compile" >&2; exit 1; } ;;
esac
passed=0
failed=0
failures=()
for name in "${harnesses[@]}"; do
    if [ ! -f "Tests/Fuzz/$name.swift" ]; then
        echo "fuzz: no harness Tests/Fuzz/$name.swift" >&2
        failed=$((failed + 1)); failures+=("$name"); continue
    fi
    if ! build_harness "$name"; then
        failed=$((failed + 1)); failures+=("$name"); continue
    fi
done
echo "fuzz: built in $(($(date +%s) - start)) s"
if [ "$seconds" -le 0 ]; then
    echo "fuzz: built $((${#harnesses[@]} - failed)), $failed failed to build"
    exit "$failed"
fi

for name in "${harnesses[@]}"; do
    [ -x "$out/bin/$name" ] || continue
    case " ${failures[*]-} " in *" $name "*) continue ;; esac
    seed "$name"
    log="$out/logs/$name.log"
    echo "fuzz: $name for ${seconds} s"
    # The Swift backtracer trips ASan after a trap; libFuzzer prints the stack itself.
    SWIFT_BACKTRACE=enable=no "$out/bin/$name" -max_len=65536 -timeout=5 -rss_limit_mb=2048 -max_total_time="$seconds" \
        -print_final_stats=1 -artifact_prefix="$out/artifacts/$name-" "$out/corpus/$name" >"$log" 2>&1
    status=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
    cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+' "$log" | tail -n 1)
    # Edges instrumented in the whole binary (all of HeraldProtocol, not just this parser).
    edges=$(grep -oE '\(([0-9]+) inline 8-bit counters\)' "$log" | grep -oE '[0-9]+' | head -n 1)
    [ -n "$edges" ] && cov="$cov (of $edges edges instrumented)"
    if [ $status -eq 0 ]; then
        passed=$((passed + 1))
        echo "fuzz: $name passed: ${execs:-?} runs, ${rate:-?} exec/s, ${cov:-no coverage line}"
    else
        failed=$((failed + 1)); failures+=("$name")
        echo "fuzz: $name FAILED (exit $status); log $log; artifacts:" >&2
        ls "$out/artifacts" | grep "^$name-" >&2
        grep -E "ERROR|Fatal error|fuzz disagreement|SUMMARY" "$log" | head -n 5 >&2
    fi
done
echo "fuzz: $passed passed, $failed failed${failures[*]:+ (${failures[*]})}"
exit "$failed"
