#!/usr/bin/env bash
# Starts or stops nginx + nchan (Benchmarks/nchan/nginx.conf) on 127.0.0.1
# only, as a foreground process with its prefix in /tmp/herald-nchan: no
# system configuration is touched, and nothing starts at boot.
#
#   Benchmarks/run-nchan.sh start   # installs nginx + libnginx-mod-nchan if missing; prints the pids
#   Benchmarks/run-nchan.sh pids    # master and worker pids, comma-separated (for --server-pid)
#   Benchmarks/run-nchan.sh stop
#
# NCHAN_PORT (default 8091) picks the plain port, NCHAN_TLS_PORT (default 8092)
# the TLS one. `start` makes a self-signed ECDSA P-256 certificate for
# 127.0.0.1 in /tmp/herald-nchan/tls/ if there is none (`cert` prints that
# directory, so Herald can serve the same certificate).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
prefix=/tmp/herald-nchan
port="${NCHAN_PORT:-8091}"
tls_port="${NCHAN_TLS_PORT:-8092}"

make_certificate() {
    [ -s "$prefix/tls/cert.pem" ] && [ -s "$prefix/tls/key.pem" ] && return
    mkdir -p "$prefix/tls"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 -subj /CN=127.0.0.1 \
        -addext subjectAltName=IP:127.0.0.1 -keyout "$prefix/tls/key.pem" -out "$prefix/tls/cert.pem" 2>/dev/null
}

install_if_missing() {
    local missing=()
    for p in nginx libnginx-mod-nchan; do
        dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return
    local sudo_cmd=""
    [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
    echo "run-nchan: installing ${missing[*]}" >&2
    # Debian starts a freshly installed nginx on port 80 unless policy-rc.d says no:
    # say no for the length of the install if nothing else does.
    local policy=/usr/sbin/policy-rc.d added_policy=0
    if [ ! -e "$policy" ]; then
        printf '#!/bin/sh\nexit 101\n' | $sudo_cmd tee "$policy" >/dev/null
        $sudo_cmd chmod +x "$policy"
        added_policy=1
    fi
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    [ "$added_policy" = 1 ] && $sudo_cmd rm -f "$policy"
    return 0
}

master_pid() {
    [ -f "$prefix/nginx.pid" ] && cat "$prefix/nginx.pid" 2>/dev/null || true
}

pids() {
    local master
    master=$(master_pid)
    [ -n "$master" ] && kill -0 "$master" 2>/dev/null || { echo "run-nchan: not running" >&2; return 1; }
    { echo "$master"; pgrep -P "$master"; } | paste -sd, -
}

case "${1:-}" in
start)
    install_if_missing
    if [ -n "$(master_pid)" ] && kill -0 "$(master_pid)" 2>/dev/null; then
        echo "run-nchan: already running" >&2
        pids
        exit 0
    fi
    mkdir -p "$prefix"
    make_certificate
    sed -e "s/listen 127\.0\.0\.1:8091/listen 127.0.0.1:$port/" -e "s/listen 127\.0\.0\.1:8092/listen 127.0.0.1:$tls_port/" \
        "$here/nchan/nginx.conf" >"$prefix/nginx.conf"
    ulimit -n 20000 2>/dev/null || true
    # Foreground (daemon off) under nohup, so this script returns; stopped with `stop`.
    nohup nginx -p "$prefix/" -c "$prefix/nginx.conf" >"$prefix/stdout.log" 2>&1 &
    for _ in $(seq 1 50); do
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
        sleep 0.1
    done
    sleep 0.2
    pids || { cat "$prefix/error.log" "$prefix/stdout.log" >&2; exit 1; }
    ;;
pids)
    pids
    ;;
cert)
    make_certificate
    echo "$prefix/tls"
    ;;
stop)
    master=$(master_pid)
    if [ -n "$master" ] && kill -0 "$master" 2>/dev/null; then
        kill -QUIT "$master"
        for _ in $(seq 1 50); do kill -0 "$master" 2>/dev/null || break; sleep 0.1; done
        kill -0 "$master" 2>/dev/null && kill -TERM "$master"
    fi
    rm -f "$prefix/nginx.pid"
    ;;
*)
    echo "usage: $0 start|pids|cert|stop" >&2
    exit 2
    ;;
esac
