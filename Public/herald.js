/**
 * herald.js: a dependency-free browser (and Node) client for the Herald push gateway.
 *
 *   import { Herald } from '/herald.js';
 *   const h = new Herald();                      // gateway origin; default: the page's origin
 *   const sub = h.subscribe('orders.*', { filter, since }, (envelope) => { ... });
 *   await sub.ready;                             // resolves on the server's ack, rejects on its error
 *   sub.unsubscribe();
 *   await h.publish('orders.created', { orderId: '123' });   // POST /publish/{topic}
 *   h.on('gap', (notice) => ...); h.on('dropped', ...); h.on('status', (s) => ...);
 *   h.close();
 *
 * One WebSocket per Herald instance carries every subscription as control messages
 * (`{"op":"subscribe",...}` on /ws). The connection opens on the first subscribe (or `connect()`).
 *
 * - Events: `onEvent(envelope)` gets the server's envelope `{type:"event", topic, id, time, data, ...}`.
 *   An event matching several of this client's patterns is handed to each matching subscription
 *   (the server sends it once; routing is by pattern, `*` one token, `>` one or more trailing tokens).
 *   Filters run on the server, so with overlapping patterns a filtered subscription may also see an
 *   event that reached the client through another pattern.
 * - Reconnect: after an unexpected close the client reconnects with exponential backoff and jitter
 *   (`backoff: {initial: 500, max: 15000, factor: 2, jitter: 0.5}` in ms) and resubscribes every
 *   subscription with `since` = the last id it saw; if it saw none, the `since` it was created
 *   with, or else the `position` the server's ack gave when it first subscribed without one (the
 *   node's newest id then); so the server replays exactly what was missed, also for a
 *   subscription that had been quiet. Replayed duplicates are dropped per subscription.
 * - Notices: `gap` (`{topic: pattern, since, first_available}`: history no longer covers what was
 *   missed, e.g. after a server restart, which changes the epoch) and `dropped` (`{count, first_id}`:
 *   the server dropped events for this slow connection) go to `options.onGap` / `options.onDropped`
 *   of the Herald, to the same callbacks in the subscription's options, and to `h.on(...)`.
 * - Status: `h.status` is one of `idle`, `connecting`, `open`, `reconnecting`, `closed`;
 *   changes go to `options.onStatus(status, detail)` and `h.on('status', ...)`.
 * - Keep-alive: the server pings at the WebSocket level (browsers answer by themselves); when
 *   nothing has arrived for `pingInterval` ms (default 20000) the client sends `{"op":"ping"}` and
 *   reconnects if nothing arrives within `pongTimeout` ms (default 10000).
 * - `close()` closes the socket with 1000 and stops reconnecting; subscriptions are ended.
 * - Other events on `h.on`: `welcome` (`{session, node, epoch, position}`), `subscribed` (a subscription
 *   acknowledged, also after each resubscribe), `error` (server errors, and refused
 *   subscriptions), `event` (every envelope).
 *
 * Options of `new Herald(baseUrl, options)`: onStatus, onGap, onDropped, onError, backoff,
 * pingInterval, pongTimeout, WebSocket (a constructor, for tests or Node), fetch, random.
 */

/** NATS-style match of a topic against a pattern: `*` is one token, a final `>` one or more. */
export function topicMatches(pattern, topic) {
  const p = pattern.split('.');
  const t = topic.split('.');
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '>') return i === p.length - 1 && t.length > i;
    if (i >= t.length) return false;
    if (p[i] !== '*' && p[i] !== t[i]) return false;
  }
  return p.length === t.length;
}

export const defaultBackoff = Object.freeze({ initial: 500, max: 15000, factor: 2, jitter: 0.5 });

/**
 * Delay in ms before reconnect attempt `attempt` (0-based): exponential up to `max`, then
 * reduced by up to `jitter` (a fraction) at random so that many clients do not return together.
 */
export function backoffDelay(attempt, backoff = defaultBackoff, random = Math.random) {
  const b = { ...defaultBackoff, ...backoff };
  const ceiling = Math.min(b.max, b.initial * Math.pow(b.factor, attempt));
  return Math.round(ceiling * (1 - b.jitter * random()));
}

/** An error the gateway answered with: `code` is the JSON error code (`bad_filter`, ...). */
export class HeraldError extends Error {
  constructor(code, message, detail = {}) {
    super(message || code);
    this.name = 'HeraldError';
    this.code = code;
    Object.assign(this, detail);
  }
}

const RECENT_IDS = 1024;

/** One subscription of a Herald client; made by `Herald.subscribe`. */
class Subscription {
  constructor(herald, pattern, options, onEvent) {
    this.herald = herald;
    this.pattern = pattern;
    this.filter = options.filter ?? null;
    this.since = options.since ?? null;
    this.options = options;
    this.onEvent = onEvent;
    /** The id of the last event this subscription saw (what a resubscribe sends as `since`). */
    this.lastId = null;
    /** The server's position at the ack of a subscribe sent without `since` (the fallback `since`). */
    this.position = null;
    /** `pending`, `active`, `refused` or `closed`. */
    this.state = 'pending';
    this.error = null;
    this._recent = new Set();
    this._newReady();
  }

  _newReady() {
    this.ready = new Promise((resolve, reject) => {
      this._resolve = resolve;
      this._reject = reject;
    });
    this.ready.catch(() => {}); // a refusal is also reported through onError/'error'
  }

  /** The `since` to send now: the last id seen, else the one asked for, else the first ack's position. */
  resumeSince() {
    return this.lastId ?? this.since ?? this.position;
  }

  /** Hands an envelope to onEvent unless this subscription has already seen its id. */
  _deliver(envelope) {
    if (envelope.id != null) {
      if (this._recent.has(envelope.id)) return;
      this._recent.add(envelope.id);
      if (this._recent.size > RECENT_IDS) this._recent.delete(this._recent.values().next().value);
      this.lastId = envelope.id;
    }
    if (this.onEvent) this.onEvent(envelope, this);
  }

  /** Stops this subscription (sends `unsubscribe` if the connection is open). */
  unsubscribe() {
    if (this.state === 'closed') return;
    const wasRefused = this.state === 'refused';
    this.state = 'closed';
    this.herald._remove(this, !wasRefused);
  }
}

export class Herald {
  constructor(baseUrl, options = {}) {
    if (typeof baseUrl === 'object' && baseUrl !== null) {
      options = baseUrl;
      baseUrl = undefined;
    }
    const origin = baseUrl ?? globalThis.location?.origin;
    if (!origin) throw new TypeError('Herald: baseUrl is required outside a page');
    this.baseUrl = String(origin).replace(/\/+$/, '');
    this.options = options;
    this.backoff = { ...defaultBackoff, ...(options.backoff || {}) };
    this.pingInterval = options.pingInterval ?? 20000;
    this.pongTimeout = options.pongTimeout ?? 10000;
    this._WebSocket = options.WebSocket ?? globalThis.WebSocket;
    this._fetch = options.fetch ?? globalThis.fetch?.bind(globalThis);
    this._random = options.random ?? Math.random;
    this.status = 'idle';
    /** The last welcome: `{session, node, epoch, position}`. */
    this.welcome = null;
    this.attempt = 0;
    this._subs = new Map(); // pattern -> Subscription
    this._pending = new Map(); // request id -> {resolve, reject, sub}
    this._listeners = new Map();
    this._nextRequest = 1;
    this._socket = null;
    this._reconnectTimer = null;
    this._keepAliveTimer = null;
    this._lastReceived = 0;
    this._pingSentAt = 0;
    this._closed = false;
  }

  /** The WebSocket URL of the gateway (`ws(s)://host/ws`). */
  get wsUrl() {
    return this.baseUrl.replace(/^http/, 'ws') + '/ws';
  }

  /** Listens for `status`, `welcome`, `event`, `gap`, `dropped` or `error`; returns an off function. */
  on(type, listener) {
    if (!this._listeners.has(type)) this._listeners.set(type, new Set());
    this._listeners.get(type).add(listener);
    return () => this._listeners.get(type)?.delete(listener);
  }

  _emit(type, ...args) {
    const option = { status: 'onStatus', gap: 'onGap', dropped: 'onDropped', error: 'onError' }[type];
    if (option && typeof this.options[option] === 'function') this._safely(this.options[option], args);
    for (const listener of this._listeners.get(type) ?? []) this._safely(listener, args);
  }

  _safely(fn, args) {
    try {
      fn(...args);
    } catch (error) {
      setTimeout(() => { throw error; }); // report it without breaking the client
    }
  }

  _setStatus(status, detail, always = false) {
    if (this.status === status && !always) return;
    this.status = status;
    this._emit('status', status, detail);
  }

  /**
   * Subscribes to a pattern. `options`: `filter`, `since` (an id or `"earliest"`), `onGap`,
   * `onDropped`, `onError`. Subscribing again to the same pattern replaces the earlier subscription,
   * as on the server. Returns a Subscription with `ready`, `lastId`, `state` and `unsubscribe()`.
   */
  subscribe(pattern, options = {}, onEvent) {
    if (typeof options === 'function') {
      onEvent = options;
      options = {};
    }
    if (this._closed) throw new Error('Herald: closed');
    const previous = this._subs.get(pattern);
    if (previous) previous.state = 'closed';
    const sub = new Subscription(this, pattern, options || {}, onEvent);
    this._subs.set(pattern, sub);
    if (this._isOpen()) this._sendSubscribe(sub);
    else this.connect();
    return sub;
  }

  /** Opens the connection if it is not open or opening (subscribe does this by itself). */
  connect() {
    if (this._closed || this._socket || this._reconnectTimer) return;
    this._open();
  }

  _isOpen() {
    return this._socket && this._socket.readyState === 1;
  }

  _open() {
    if (this.status !== 'reconnecting') {
      this._setStatus(this.attempt === 0 && !this.welcome ? 'connecting' : 'reconnecting', { attempt: this.attempt });
    }
    let socket;
    try {
      socket = new this._WebSocket(this.wsUrl);
    } catch (error) {
      this._scheduleReconnect(error);
      return;
    }
    this._socket = socket;
    socket.onopen = () => {
      if (socket !== this._socket) return;
      this._lastReceived = Date.now();
      this._pingSentAt = 0;
      this._setStatus('open', { attempt: this.attempt });
      for (const sub of this._subs.values()) this._sendSubscribe(sub);
      this._startKeepAlive();
    };
    socket.onmessage = (message) => {
      if (socket !== this._socket) return;
      this._lastReceived = Date.now();
      this._pingSentAt = 0;
      if (typeof message.data !== 'string') return;
      let frame;
      try {
        frame = JSON.parse(message.data);
      } catch {
        return;
      }
      this._handle(frame);
    };
    socket.onclose = (event) => {
      if (socket !== this._socket) return;
      this._socket = null;
      this._stopKeepAlive();
      this._failPending(new HeraldError('disconnected', 'the connection closed before the server answered'));
      for (const sub of this._subs.values()) if (sub.state === 'active') sub.state = 'pending';
      if (this._closed) {
        this._setStatus('closed', { code: event?.code, reason: event?.reason });
      } else {
        this._scheduleReconnect({ code: event?.code, reason: event?.reason });
      }
    };
    socket.onerror = () => {}; // a close follows
  }

  _scheduleReconnect(detail) {
    const delay = backoffDelay(this.attempt, this.backoff, this._random);
    this.attempt += 1;
    this._setStatus('reconnecting', { ...detail, delay, attempt: this.attempt }, true);
    this._reconnectTimer = setTimeout(() => {
      this._reconnectTimer = null;
      if (!this._closed) this._open();
    }, delay);
  }

  /** Handles one JSON frame from the server (exposed for tests). */
  _handle(frame) {
    switch (frame.type) {
      case 'event': {
        this._emit('event', frame);
        if (typeof frame.topic !== 'string') return;
        for (const sub of [...this._subs.values()]) {
          if (sub.state !== 'closed' && topicMatches(sub.pattern, frame.topic)) sub._deliver(frame);
        }
        return;
      }
      case 'welcome':
        this.welcome = { session: frame.session, node: frame.node, epoch: frame.epoch, position: frame.position };
        this.attempt = 0;
        this._emit('welcome', this.welcome);
        return;
      case 'ack': {
        const pending = this._pending.get(frame.id);
        if (!pending) return;
        this._pending.delete(frame.id);
        pending.resolve(frame);
        return;
      }
      case 'error': {
        const error = new HeraldError(frame.code, frame.message, { column: frame.column, requestId: frame.id });
        const pending = this._pending.get(frame.id);
        if (pending) {
          this._pending.delete(frame.id);
          pending.reject(error);
        }
        if (!pending || !pending.sub) this._emit('error', error, null);
        return;
      }
      case 'pong': {
        const pending = this._pending.get(frame.id);
        if (pending) {
          this._pending.delete(frame.id);
          pending.resolve(frame);
        }
        return;
      }
      case 'gap': {
        const sub = this._subs.get(frame.topic);
        if (sub && typeof sub.options.onGap === 'function') this._safely(sub.options.onGap, [frame, sub]);
        this._emit('gap', frame, sub ?? null);
        return;
      }
      case 'dropped': {
        for (const sub of this._subs.values()) {
          if (typeof sub.options.onDropped === 'function') this._safely(sub.options.onDropped, [frame, sub]);
        }
        this._emit('dropped', frame);
        return;
      }
      default:
        return;
    }
  }

  _request(message, sub = null) {
    const id = 'r' + this._nextRequest++;
    return {
      id,
      promise: new Promise((resolve, reject) => {
        this._pending.set(id, { resolve, reject, sub });
        this._socket.send(JSON.stringify({ ...message, id }));
      }),
    };
  }

  _failPending(error) {
    const pending = [...this._pending.values()];
    this._pending.clear();
    for (const p of pending) if (!p.sub) p.reject(error); // subscriptions are retried on reconnect
  }

  _sendSubscribe(sub) {
    if (sub.state === 'closed' || sub.state === 'refused') return;
    const message = { op: 'subscribe', topic: sub.pattern };
    if (sub.filter) message.filter = sub.filter;
    const since = sub.resumeSince();
    if (since) message.since = since;
    sub.state = 'pending';
    const { promise } = this._request(message, sub);
    promise.then(
      (ack) => {
        if (sub.state === 'closed') return;
        // Only a subscribe without `since` may move the fallback: one with `since` asked for a
        // replay that may not have arrived yet, and its `since` must stay the resume point.
        if (!since && typeof ack?.position === 'string') sub.position = ack.position;
        sub.state = 'active';
        sub._resolve(sub);
        this._emit('subscribed', sub);
      },
      (error) => {
        if (sub.state === 'closed' || error.code === 'disconnected') return;
        sub.state = 'refused';
        sub.error = error;
        if (this._subs.get(sub.pattern) === sub) this._subs.delete(sub.pattern);
        sub._reject(error);
        if (typeof sub.options.onError === 'function') this._safely(sub.options.onError, [error, sub]);
        this._emit('error', error, sub);
      },
    );
  }

  _remove(sub, tellServer) {
    if (this._subs.get(sub.pattern) !== sub) return;
    this._subs.delete(sub.pattern);
    if (tellServer && this._isOpen()) {
      this._request({ op: 'unsubscribe', topic: sub.pattern }).promise.catch(() => {});
    }
  }

  /** The current subscriptions. */
  get subscriptions() {
    return [...this._subs.values()];
  }

  /** Sends `{"op":"ping"}` and resolves with the pong (rejects if the connection is not open). */
  ping() {
    if (!this._isOpen()) return Promise.reject(new HeraldError('disconnected', 'not connected'));
    this._pingSentAt = Date.now();
    return this._request({ op: 'ping' }).promise;
  }

  _startKeepAlive() {
    this._stopKeepAlive();
    const tick = Math.max(50, Math.min(this.pingInterval, this.pongTimeout) / 2);
    this._keepAliveTimer = setInterval(() => this._checkAlive(), tick);
  }

  _stopKeepAlive() {
    if (this._keepAliveTimer) clearInterval(this._keepAliveTimer);
    this._keepAliveTimer = null;
  }

  _checkAlive(now = Date.now()) {
    if (!this._isOpen()) return;
    if (this._pingSentAt && now - this._pingSentAt >= this.pongTimeout) {
      const socket = this._socket;
      try {
        socket.close(4000, 'keep-alive timeout');
      } catch {}
      // Don't wait for the close handshake of a dead link.
      socket.onclose?.({ code: 4000, reason: 'keep-alive timeout' });
      return;
    }
    if (!this._pingSentAt && now - this._lastReceived >= this.pingInterval) {
      this.ping().catch(() => {});
    }
  }

  /**
   * Publishes over HTTP (`POST /publish/{topic}`): strings go as text, ArrayBuffer/typed arrays/Blob
   * as bytes, anything else as JSON. `options`: `eventType`, `idempotencyKey`, `key` (publisher key).
   * Resolves with `{id, topic, recipients}`; rejects with a HeraldError carrying the server's code.
   */
  async publish(topic, data, options = {}) {
    const headers = {};
    let body;
    if (typeof data === 'string') {
      headers['Content-Type'] = 'text/plain; charset=utf-8';
      body = data;
    } else if (data instanceof ArrayBuffer || ArrayBuffer.isView(data) || (globalThis.Blob && data instanceof Blob)) {
      headers['Content-Type'] = 'application/octet-stream';
      body = data;
    } else {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(data === undefined ? null : data);
    }
    if (options.eventType) headers['Event-Type'] = options.eventType;
    if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
    if (options.key) headers['Authorization'] = 'Bearer ' + options.key;
    const response = await this._fetch(this.baseUrl + '/publish/' + encodeURIComponent(topic), {
      method: 'POST',
      headers,
      body,
    });
    let json = null;
    try {
      json = await response.json();
    } catch {}
    if (!response.ok) {
      const error = json?.error ?? {};
      throw new HeraldError(error.code ?? 'http_' + response.status, error.message ?? response.statusText, {
        status: response.status,
      });
    }
    return json;
  }

  /** Closes the connection (1000) and stops reconnecting. */
  close() {
    this._closed = true;
    if (this._reconnectTimer) clearTimeout(this._reconnectTimer);
    this._reconnectTimer = null;
    this._stopKeepAlive();
    for (const sub of this._subs.values()) sub.state = 'closed';
    this._subs.clear();
    const socket = this._socket;
    if (socket) {
      try {
        socket.close(1000, 'client closed');
      } catch {}
    } else {
      this._setStatus('closed', {});
    }
  }
}

export default Herald;
