// Unit tests of Public/herald.js with node's built-in runner: `node --test Tests/Browser/`.
// Node 20 has no global WebSocket, so the connection logic runs against a fake one injected
// through `new Herald(url, {WebSocket: FakeSocket})`; publish() and the served file are checked
// against a real `herald serve` when HERALD_BIN names the binary (Tests/Browser/run.sh sets it).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Herald, HeraldError, backoffDelay, topicMatches } from '../../Public/herald.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

class FakeSocket {
  static instances = [];
  constructor(url) {
    this.url = url;
    this.readyState = 0;
    this.sent = [];
    this.closedWith = null;
    FakeSocket.instances.push(this);
  }
  send(text) {
    if (this.readyState !== 1) throw new Error('not open');
    this.sent.push(JSON.parse(text));
  }
  close(code, reason) {
    this.closedWith = { code, reason };
    this.drop(code, reason);
  }
  // test side
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(frame) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
  drop(code = 1006, reason = '') {
    if (this.readyState === 3) return;
    this.readyState = 3;
    queueMicrotask(() => this.onclose?.({ code, reason }));
  }
  lastSent(op) {
    return this.sent.filter((m) => m.op === op).at(-1);
  }
  ack(op) {
    const message = this.lastSent(op);
    this.receive({ type: 'ack', id: message.id });
    return message;
  }
}

const latest = () => FakeSocket.instances.at(-1);

async function waitFor(condition, what, timeoutMs = 2000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

function client(options = {}) {
  FakeSocket.instances = [];
  return new Herald('http://127.0.0.1:9', {
    WebSocket: FakeSocket,
    backoff: { initial: 1, max: 4, factor: 2, jitter: 0 },
    pingInterval: 60_000,
    ...options,
  });
}

function event(topic, id, data = {}) {
  return { type: 'event', topic, id, time: '2026-11-27T04:12:19.123Z', data };
}

describe('pure parts', () => {
  test('patterns match topics like NATS subjects', () => {
    const table = [
      ['orders.*', 'orders.created', true],
      ['orders.*', 'orders.created.eu', false],
      ['orders.*', 'orders', false],
      ['orders.>', 'orders.created.eu', true],
      ['orders.>', 'orders', false],
      ['*.created', 'orders.created', true],
      ['orders.created', 'orders.created', true],
      ['orders.created', 'orders.paid', false],
      ['>', 'a.b.c', true],
    ];
    for (const [pattern, topic, expected] of table) {
      assert.equal(topicMatches(pattern, topic), expected, `${pattern} vs ${topic}`);
    }
  });

  test('backoff grows exponentially to the cap and jitter only shortens it', () => {
    const b = { initial: 500, max: 15000, factor: 2, jitter: 0.5 };
    assert.deepEqual([0, 1, 2, 3, 4, 5, 9].map((a) => backoffDelay(a, b, () => 0)), [500, 1000, 2000, 4000, 8000, 15000, 15000]);
    assert.equal(backoffDelay(3, b, () => 1), 2000);
    for (let i = 0; i < 100; i++) {
      const d = backoffDelay(2, b);
      assert.ok(d >= 1000 && d <= 2000, String(d));
    }
  });

  test('the WebSocket URL follows the base URL scheme', () => {
    assert.equal(new Herald('https://push.example/', { WebSocket: FakeSocket }).wsUrl, 'wss://push.example/ws');
    assert.equal(new Herald('http://127.0.0.1:8080', { WebSocket: FakeSocket }).wsUrl, 'ws://127.0.0.1:8080/ws');
  });
});

describe('connection logic (fake WebSocket)', () => {
  test('one socket carries every subscription; events go to the matching ones', async () => {
    const h = client();
    const statuses = [];
    h.on('status', (s) => statuses.push(s));
    const orders = [];
    const all = [];
    const a = h.subscribe('orders.*', {}, (e) => orders.push(e.id));
    const b = h.subscribe('>', (e) => all.push(e.id));
    assert.equal(FakeSocket.instances.length, 1);
    latest().open();
    assert.deepEqual(latest().sent.map((m) => [m.op, m.topic]), [['subscribe', 'orders.*'], ['subscribe', '>']]);
    latest().receive({ type: 'welcome', session: 's1', node: 'n', epoch: 'e1', position: 'e1-0' });
    for (const m of latest().sent) latest().receive({ type: 'ack', id: m.id });
    await Promise.all([a.ready, b.ready]);
    assert.equal(a.state, 'active');
    latest().receive(event('orders.created', 'e1-1'));
    latest().receive(event('chat.room', 'e1-2'));
    assert.deepEqual(orders, ['e1-1']);
    assert.deepEqual(all, ['e1-1', 'e1-2']);
    assert.equal(a.lastId, 'e1-1');
    assert.deepEqual(statuses, ['connecting', 'open']);
    assert.deepEqual(h.welcome, { session: 's1', node: 'n', epoch: 'e1', position: 'e1-0' });
    h.close();
  });

  test('after a drop it reconnects with backoff and resubscribes each pattern with the last id it saw', async () => {
    const h = client();
    const seen = [];
    h.subscribe('orders.*', {}, (e) => seen.push(e.id));
    h.subscribe('chat.>', { since: 'e1-0' }, () => {});
    h.subscribe('quiet.*', {}, () => {});
    h.subscribe('silent.*', {}, () => {});
    latest().open();
    // The server acknowledges with its position; `silent.*` is never acknowledged.
    for (const m of latest().sent.filter((m) => m.topic !== 'silent.*')) {
      latest().receive({ type: 'ack', id: m.id, position: 'e1-3' });
    }
    latest().receive(event('orders.created', 'e1-5'));
    latest().drop(1006);
    await waitFor(() => h.status === 'reconnecting', 'reconnecting');
    await waitFor(() => FakeSocket.instances.length === 2, 'a second socket');
    latest().open();
    const subscribes = Object.fromEntries(latest().sent.map((m) => [m.topic, m.since]));
    // Last id seen, else the `since` given at creation, else the first ack's position, else nothing.
    assert.deepEqual(subscribes, { 'orders.*': 'e1-5', 'chat.>': 'e1-0', 'quiet.*': 'e1-3', 'silent.*': undefined });
    // The resubscribe asked for a replay from e1-3: its ack's newer position must not replace that
    // while the replay may still be on its way.
    for (const m of latest().sent) latest().receive({ type: 'ack', id: m.id, position: 'e1-9' });
    latest().drop(1006);
    await waitFor(() => FakeSocket.instances.length === 3, 'a third socket');
    latest().open();
    assert.equal(latest().sent.find((m) => m.topic === 'quiet.*').since, 'e1-3');
    // The replay may repeat what was already delivered: each subscription sees an id once.
    latest().receive(event('orders.created', 'e1-5'));
    latest().receive(event('orders.created', 'e1-6'));
    assert.deepEqual(seen, ['e1-5', 'e1-6']);
    h.close();
  });

  test('backoff grows over failed attempts and resets after a welcome', async () => {
    const h = client();
    const delays = [];
    h.on('status', (s, d) => { if (s === 'reconnecting' && d.delay != null) delays.push(d.delay); });
    h.subscribe('a.b', () => {});
    latest().drop();
    await waitFor(() => FakeSocket.instances.length === 2, 'attempt 2');
    latest().drop();
    await waitFor(() => FakeSocket.instances.length === 3, 'attempt 3');
    latest().drop();
    await waitFor(() => FakeSocket.instances.length === 4, 'attempt 4');
    latest().open();
    latest().receive({ type: 'welcome', session: 's', node: 'n', epoch: 'e' });
    latest().drop();
    await waitFor(() => FakeSocket.instances.length === 5, 'attempt 5');
    assert.deepEqual(delays, [1, 2, 4, 1]);
    h.close();
  });

  test('a refused subscription rejects ready with the server code and is not resubscribed', async () => {
    const h = client();
    const errors = [];
    h.on('error', (e) => errors.push(e.code));
    const sub = h.subscribe('orders.big', { filter: 'data.amount >' }, () => {});
    latest().open();
    const message = latest().lastSent('subscribe');
    assert.equal(message.filter, 'data.amount >');
    latest().receive({ type: 'error', id: message.id, code: 'bad_filter', message: 'unexpected end at column 14', column: 14 });
    await assert.rejects(sub.ready, (e) => e instanceof HeraldError && e.code === 'bad_filter' && e.column === 14);
    assert.equal(sub.state, 'refused');
    assert.deepEqual(errors, ['bad_filter']);
    assert.deepEqual(h.subscriptions, []);
    latest().drop();
    await waitFor(() => FakeSocket.instances.length === 2, 'reconnect');
    latest().open();
    assert.equal(latest().sent.length, 0);
    h.close();
  });

  test('gap and dropped notices reach the subscription, the options and h.on', () => {
    const fromOptions = [];
    const h = client({ onGap: (n) => fromOptions.push(n.type), onDropped: (n) => fromOptions.push(n.type) });
    const fromSub = [];
    const fromOn = [];
    h.on('gap', (n, sub) => fromOn.push([n.type, sub?.pattern]));
    h.on('dropped', (n) => fromOn.push([n.type, n.count]));
    h.subscribe('orders.*', { onGap: (n) => fromSub.push(n.first_available), onDropped: (n) => fromSub.push(n.count) }, () => {});
    latest().open();
    latest().receive({ type: 'gap', topic: 'orders.*', since: 'e0-9', first_available: null });
    latest().receive({ type: 'dropped', count: 3, first_id: 'e1-4' });
    assert.deepEqual(fromSub, [null, 3]);
    assert.deepEqual(fromOptions, ['gap', 'dropped']);
    assert.deepEqual(fromOn, [['gap', 'orders.*'], ['dropped', 3]]);
    h.close();
  });

  test('unsubscribe tells the server and stops delivery', async () => {
    const h = client();
    const seen = [];
    const sub = h.subscribe('orders.*', (e) => seen.push(e.id));
    latest().open();
    latest().ack('subscribe');
    await sub.ready;
    sub.unsubscribe();
    assert.deepEqual(latest().lastSent('unsubscribe').topic, 'orders.*');
    latest().receive(event('orders.created', 'e1-1'));
    assert.deepEqual(seen, []);
    h.close();
  });

  test('keep-alive: pings when idle and reconnects when nothing answers', async () => {
    const h = client({ pingInterval: 20, pongTimeout: 40 });
    h.subscribe('a.*', () => {});
    latest().open();
    await waitFor(() => latest().lastSent('ping'), 'a ping');
    const ping = latest().lastSent('ping');
    latest().receive({ type: 'pong', id: ping.id });
    const first = latest();
    await waitFor(() => FakeSocket.instances.length === 2, 'a reconnect after a missing pong');
    assert.equal(first.closedWith.code, 4000);
    h.close();
  });

  test('close() closes with 1000 and does not reconnect', async () => {
    const h = client();
    h.subscribe('a.*', () => {});
    latest().open();
    h.close();
    assert.equal(latest().closedWith.code, 1000);
    await waitFor(() => h.status === 'closed', 'closed');
    await new Promise((resolve) => setTimeout(resolve, 20)); // longer than any backoff here
    assert.equal(FakeSocket.instances.length, 1);
  });
});

describe('against a real herald', { skip: !process.env.HERALD_BIN && 'HERALD_BIN not set' }, () => {
  let server;
  let base;
  before(async () => {
    server = spawn(process.env.HERALD_BIN, ['serve', '--host', '127.0.0.1', '--port', '0', '--log-level', 'info'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    base = await new Promise((resolve, reject) => {
      let log = '';
      const timer = setTimeout(() => reject(new Error('herald did not start: ' + log)), 10_000);
      server.stderr.on('data', (chunk) => {
        log += chunk;
        const match = /listen\.address=127\.0\.0\.1:(\d+)/.exec(log);
        if (match) {
          clearTimeout(timer);
          resolve(`http://127.0.0.1:${match[1]}`);
        }
      });
      server.on('exit', () => reject(new Error('herald exited: ' + log)));
    });
  });
  after(() => server?.kill('SIGTERM'));

  test('publish sends JSON and text and returns the id', async () => {
    const h = new Herald(base, { WebSocket: FakeSocket });
    const json = await h.publish('orders.created', { orderId: '1' });
    assert.equal(json.topic, 'orders.created');
    assert.equal(typeof json.id, 'string');
    await h.publish('notes.text', 'plain words', { eventType: 'note' });
    const history = await (await fetch(`${base}/api/topics/notes.text/history`)).json();
    const events = history.events ?? history;
    const last = events.at(-1);
    assert.equal(last.data, 'plain words');
    assert.equal(last.event_type, 'note');
  });

  test('publish rejects with the server error code', async () => {
    const h = new Herald(base, { WebSocket: FakeSocket });
    await assert.rejects(h.publish('bad topic', {}), (e) => e instanceof HeraldError && e.code === 'bad_topic' && e.status === 400);
  });

  test('the gateway serves herald.js as JavaScript', async () => {
    const response = await fetch(`${base}/herald.js`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type'), /javascript/);
    assert.equal(await response.text(), readFileSync(`${root}/Public/herald.js`, 'utf8'));
  });
});
