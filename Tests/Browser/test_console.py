"""The console at `/` in headless Chromium against a real `herald serve` on 127.0.0.1.

The tests run in file order on one page and one server (module fixtures): load, subscribe,
HTTP publishes show up, the publish form, a refused filter, pause and clear, resume after a
server restart on the same port (gap notice, resubscribed, new events), and screenshots at
desktop and 360 px widths. Run by Tests/Browser/run.sh; HERALD_BIN names the binary.
"""

import json
import os
import re
import signal
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(os.environ.get("HERALD_ARTIFACTS", ROOT / ".build-artifacts" / "browser"))
HERALD_BIN = os.environ.get("HERALD_BIN", str(ROOT / ".build" / "debug" / "herald"))
WAIT = 10  # seconds for any one condition
LISTEN = re.compile(r"listen\.address=127\.0\.0\.1:(\d+)")


class Server:
    """One `herald serve` process; start(port) reuses a port, start() takes a free one."""

    def __init__(self):
        self.process = None
        self.port = None
        self.starts = 0

    def start(self, port=0):
        self.starts += 1
        log_path = ARTIFACTS / f"herald-{self.starts}.log"
        self.log = open(log_path, "w+")
        self.process = subprocess.Popen(
            [HERALD_BIN, "serve", "--host", "127.0.0.1", "--port", str(port), "--log-level", "info"],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=self.log)
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            match = LISTEN.search(log_path.read_text())
            if match:
                self.port = int(match.group(1))
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.05)  # polling a log file: there is no event to wait on
        raise RuntimeError(f"herald did not start: {log_path.read_text()}")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def request(self, method, path, body=None, content_type="application/json"):
        data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
        request = urllib.request.Request(self.url + path, data=data, method=method)
        if data is not None:
            request.add_header("Content-Type", content_type)
        try:
            with urllib.request.urlopen(request, timeout=WAIT) as response:
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"null")

    def publish(self, topic, data):
        status, answer = self.request("POST", f"/publish/{topic}", data)
        assert status == 200, answer
        return answer


@pytest.fixture(scope="module")
def server():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    server = Server()
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def browser(server):
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1280,900", "--no-first-run", "--disable-extensions"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(executable_path=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    driver = webdriver.Chrome(options=options, service=service)
    driver.get(server.url + "/")
    yield driver
    driver.save_screenshot(str(ARTIFACTS / "console-last.png"))
    driver.quit()


def wait(driver, condition, message):
    return WebDriverWait(driver, WAIT, poll_frequency=0.05).until(lambda d: condition(d), message)


def status_state(driver):
    return driver.find_element(By.ID, "status").get_attribute("data-state")


def stream_texts(driver):
    return [li.text for li in driver.find_elements(By.CSS_SELECTOR, "#stream li.event")]


def unexpected_errors(driver):
    """SEVERE browser log lines, less the 404 of /api/stats the page probes for (absent until
    the server has it; the page hides its figures then)."""
    return [entry for entry in driver.get_log("browser")
            if entry["level"] == "SEVERE" and not ("/api/stats" in entry["message"] and "404" in entry["message"])]


def test_page_loads_without_console_errors(browser):
    wait(browser, lambda d: status_state(d) == "open", "the console did not connect")
    assert "connected" in browser.find_element(By.ID, "status-text").text
    assert browser.title == "Herald console"
    # Let the first dashboard poll finish before reading the log.
    wait(browser, lambda d: d.execute_script("return document.querySelector('#topics tbody td') !== null"), "no topics table")
    assert unexpected_errors(browser) == []


def test_subscribes(browser, server):
    browser.find_element(By.ID, "sub-pattern").send_keys("orders.*")
    browser.find_element(By.CSS_SELECTOR, "#subscribe-form button[type=submit]").click()
    wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, '#subscriptions li[data-pattern="orders.*"][data-state="active"]'),
         "the subscription was not acknowledged")
    assert browser.find_element(By.ID, "subscribe-error").is_displayed() is False


def test_http_publishes_appear_newest_first(browser, server):
    first = server.publish("orders.created", {"orderId": "A-1", "amount": 5})
    second = server.publish("orders.paid", {"orderId": "A-1", "amount": 5})
    assert first["recipients"] == 1
    wait(browser, lambda d: len(stream_texts(d)) >= 2, "published events did not appear")
    texts = stream_texts(browser)
    assert texts[0].startswith("orders.paid") and second["id"] in texts[0]
    assert texts[1].startswith("orders.created") and first["id"] in texts[1]
    assert '"orderId": "A-1"' in texts[1]  # pretty JSON
    server.publish("shipping.created", {"x": 1})  # not subscribed: must not show
    wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, '#topics tr[data-topic="shipping.created"]'),
         "the dashboard did not list the new topic")
    assert not any(t.startswith("shipping.") for t in stream_texts(browser))
    row = browser.find_element(By.CSS_SELECTOR, '#topics tr[data-topic="orders.created"]').text
    assert row.split()[1] == "1"  # one subscriber


def test_publish_form(browser):
    browser.find_element(By.ID, "pub-topic").send_keys("orders.form")
    browser.find_element(By.ID, "pub-data").send_keys('{"from": "the form"}')
    browser.find_element(By.CSS_SELECTOR, "#publish-form button[type=submit]").click()
    wait(browser, lambda d: "Published" in d.find_element(By.ID, "publish-result").text, "no publish result")
    wait(browser, lambda d: stream_texts(d) and stream_texts(d)[0].startswith("orders.form"), "form event not shown")
    assert '"from": "the form"' in stream_texts(browser)[0]


def test_filter_refused_visibly(browser, server):
    bad_filter = "data.amount >"
    # The server's own words for this filter, as its SSE endpoint gives them.
    query = urllib.parse.urlencode({"topic": "orders.big", "filter": bad_filter})
    status, answer = server.request("GET", "/sse?" + query)
    assert status == 400 and answer["error"]["code"] == "bad_filter", answer
    pattern = browser.find_element(By.ID, "sub-pattern")
    pattern.clear()
    pattern.send_keys("orders.big")
    browser.find_element(By.ID, "sub-filter").send_keys(bad_filter)
    browser.find_element(By.ID, "sub-filter").submit()
    error = browser.find_element(By.ID, "subscribe-error")
    wait(browser, lambda d: error.is_displayed(), "the refusal was not shown")
    assert "bad_filter" in error.text
    assert answer["error"]["message"] in error.text
    assert not browser.find_elements(By.CSS_SELECTOR, '#subscriptions li[data-pattern="orders.big"]')
    assert browser.find_elements(By.CSS_SELECTOR, '#subscriptions li[data-pattern="orders.*"][data-state="active"]')
    browser.find_element(By.ID, "sub-filter").clear()


def test_pause_and_clear(browser, server):
    browser.find_element(By.ID, "pause").click()
    assert browser.find_element(By.ID, "pause").get_attribute("aria-pressed") == "true"
    before = len(stream_texts(browser))
    server.publish("orders.paused", {"n": 1})
    wait(browser, lambda d: d.find_element(By.ID, "held").text == "1", "the paused event was not held")
    assert len(stream_texts(browser)) == before
    browser.find_element(By.ID, "pause").click()
    wait(browser, lambda d: stream_texts(d) and stream_texts(d)[0].startswith("orders.paused"), "held event not shown on resume")
    browser.find_element(By.ID, "clear").click()
    wait(browser, lambda d: not stream_texts(d), "clear left events")
    assert browser.find_element(By.ID, "stream-empty").is_displayed()


def test_resumes_after_server_restart(browser, server):
    last_id = browser.execute_script("return window.heraldConsole.herald.subscriptions[0].lastId")
    assert last_id
    old_epoch = browser.execute_script("return window.heraldConsole.herald.welcome.epoch")
    port = server.port
    server.stop()
    wait(browser, lambda d: status_state(d) == "reconnecting", "the page did not notice the server going away")
    assert "disconnected" in browser.find_element(By.ID, "status-text").text or "reconnecting" in browser.find_element(By.ID, "status-text").text
    server.start(port)
    assert server.port == port
    wait(browser, lambda d: status_state(d) == "open", "the page did not reconnect")
    # Resubscribed with since = the last id it saw: the new epoch cannot replay it, so a gap notice.
    wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#stream li.notice.gap"), "no gap notice shown")
    gap = browser.find_element(By.CSS_SELECTOR, "#stream li.notice.gap").text
    assert "orders.*" in gap and last_id in gap
    assert browser.execute_script("return window.heraldConsole.herald.welcome.epoch") != old_epoch
    wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, '#subscriptions li[data-pattern="orders.*"][data-state="active"]'),
         "not resubscribed")
    answer = server.publish("orders.after", {"after": "restart"})
    assert answer["recipients"] == 1  # the server has the page's subscription again
    wait(browser, lambda d: stream_texts(d) and stream_texts(d)[0].startswith("orders.after"), "new event after restart not shown")


def test_screenshots_desktop_and_narrow(browser, server):
    server.publish("orders.created", {"orderId": "B-7", "amount": 120, "items": [{"sku": "tea", "qty": 2}]})
    wait(browser, lambda d: stream_texts(d) and "B-7" in stream_texts(d)[0], "event not shown")
    wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, '#topics tr[data-topic="orders.after"]'), "dashboard not refreshed")
    try:
        browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                {"width": 1280, "height": 1000, "deviceScaleFactor": 1, "mobile": False})
        browser.execute_script("window.scrollTo(0, 0)")
        browser.save_screenshot(str(ARTIFACTS / "console.png"))
        browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                {"width": 360, "height": 2300, "deviceScaleFactor": 1, "mobile": True})
        browser.execute_script("window.scrollTo(0, 0)")
        overflow = browser.execute_script("return document.documentElement.scrollWidth")
        browser.save_screenshot(str(ARTIFACTS / "console-360.png"))
        assert overflow <= 360, f"the page is {overflow}px wide at 360px"
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
