"""GET /metrics parses with the Prometheus project's own Python parser
(prometheus_client) and carries Herald's figures; SIGTERM drains and exits 0."""
import json, os, re, signal, subprocess, tempfile, time, urllib.request

from prometheus_client.parser import text_string_to_metric_families

HERALD = os.environ["HERALD_BIN"]
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def start_herald():
    log = tempfile.TemporaryFile()
    process = subprocess.Popen([HERALD, "serve", "--port", "0", "--log-level", "info"], cwd=ROOT,
                               stderr=log, stdout=subprocess.DEVNULL)
    deadline = time.time() + 20
    while time.time() < deadline:
        log.seek(0)
        found = re.search(rb"listen\.address=127\.0\.0\.1:(\d+)", log.read())
        if found:
            return process, int(found.group(1))
        assert process.poll() is None, "herald exited"
        time.sleep(0.05)
    raise AssertionError("herald did not start")


def request(port, path, body=None):
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=body, method="POST" if body else "GET")
    with urllib.request.urlopen(req, timeout=10) as response:
        return response.status, response.read().decode()


def samples(text):
    found = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


def test_metrics_parse_and_count_publishes_then_sigterm_exits_zero():
    process, port = start_herald()
    try:
        for n in range(5):
            status, answer = request(port, "/publish/ops.test", json.dumps({"n": n}).encode())
            assert status == 200 and json.loads(answer)["topic"] == "ops.test"
        deadline = time.time() + 10
        while True:  # metrics refresh once a second
            status, text = request(port, "/metrics")
            values = samples(text)
            if values.get(("herald_events_published_total", ())) == 5 or time.time() > deadline:
                break
            time.sleep(0.2)
        assert status == 200
        assert values[("herald_events_published_total", ())] == 5
        assert values[("herald_publish_duration_seconds_count", ())] == 5
        assert ("herald_connection_closes_total", (("reason", "slow_consumer"),)) in values
        assert ("herald_connections", (("transport", "http"),)) in values
        assert request(port, "/readyz")[0] == 200
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=20) == 0
