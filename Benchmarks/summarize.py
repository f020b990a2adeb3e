#!/usr/bin/env python3
"""Prints a Markdown table of the JSON reports that `herald bench --json-output` wrote to a folder."""
import json
import pathlib
import sys


def micro(seconds):
    return "-" if seconds is None else f"{seconds * 1e6:.2f}"


def latency(ns):
    return f"{ns / 1e3:.0f} µs" if ns < 1_000_000 else f"{ns / 1e6:.2f} ms"


def wire(per_delivery):
    return "-" if per_delivery is None else f"{per_delivery:.0f}"


def main(folder):
    reports = sorted(pathlib.Path(folder).glob("*.json"))
    print("| scenario | server | msgs/s delivered | loss | p50 | p99 | p99.9 | server CPU µs/delivery | server CPU % | client CPU % | server RSS | wire B/delivery |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for path in reports:
        target, scenario = path.stem.split("-", 1)
        report = json.loads(path.read_text())
        usage = report["usage"]
        server_cpu = usage.get("serverCPUSeconds")
        server_pct = "-" if server_cpu is None else f"{server_cpu / usage['windowSeconds'] * 100:.0f}"
        client_pct = f"{usage['clientCPUSeconds'] / usage['windowSeconds'] * 100:.0f}"
        rss = usage.get("serverResidentBytes")
        rss_text = "-" if rss is None else f"{rss / 1048576:.1f} MiB"
        if report["mode"] == "idle":
            per = report["serverBytesPerConnection"]
            print(f"| {scenario} ({report['connections']} conns) | {target} | - | - | - | - | - | "
                  f"{per / 1024:.1f} KiB/conn | {server_pct} | {client_pct} | {report['serverEstablishedBytes'] / 1048576:.1f} MiB | - |")
            continue
        lat = report["latency"]
        if report["mode"] == "connect":
            print(f"| {scenario} ({report['concurrency']} at once) | {target} | {report['handshakesPerSecond']:.0f} handshakes/s | "
                  f"{report['failed']} failed | {latency(lat['p50'])} | {latency(lat['p99'])} | {latency(lat['p999'])} | "
                  f"{micro(report.get('serverCPUSecondsPerHandshake'))} per handshake | {server_pct} | {client_pct} | {rss_text} | - |")
            continue
        lat = report["latency"]
        loss = f"{report['lost']}/{report['expected']}"
        print(f"| {scenario} | {target} | {report['deliveredPerSecond']:.0f} | {loss} | {latency(lat['p50'])} | "
              f"{latency(lat['p99'])} | {latency(lat['p999'])} | {micro(report.get('serverCPUSecondsPerDelivery'))} | "
              f"{server_pct} | {client_pct} | {rss_text} | {wire(report.get('wireBytesPerDelivery'))} |")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/herald-bench/results")
