// The Herald console at `/`: one Herald client (herald.js) for the page, a live stream view,
// a publish form and a dashboard polled from /api/topics (and /api/stats where the server has it).
import { Herald } from '/herald.js';

const MAX_ITEMS = 500; // events kept in the stream view; older ones are removed
const POLL_MS = 2000;
const STATS_RETRY_MS = 30000; // how often to look again for /api/stats after a 404

const $ = (id) => document.getElementById(id);
const el = (tag, props = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child != null) node.append(child);
  return node;
};

const herald = new Herald(location.origin, {
  onStatus: showStatus,
  onGap: (notice) => addNotice('gap', notice),
  onDropped: (notice) => addNotice('dropped', notice),
});
window.heraldConsole = { herald }; // for poking at from devtools and for the browser tests
herald.on('welcome', () => showStatus(herald.status));
herald.on('subscribed', () => renderSubscriptions());
herald.on('error', (error, sub) => {
  if (!sub) showSubscribeError(error);
});

// Connection status
function showStatus(status, detail = {}) {
  const box = $('status');
  box.dataset.state = status;
  let text;
  switch (status) {
    case 'open': {
      const w = herald.welcome;
      text = w ? `connected · node ${w.node} · epoch ${w.epoch}` : 'connected';
      break;
    }
    case 'connecting': text = 'connecting…'; break;
    case 'reconnecting':
      text = detail.delay != null
        ? `disconnected · retrying in ${(detail.delay / 1000).toFixed(1)} s (attempt ${detail.attempt})`
        : 'reconnecting…';
      break;
    case 'closed': text = 'closed'; break;
    default: text = 'not connected';
  }
  $('status-text').textContent = text;
  renderSubscriptions();
}

// Subscriptions
function showSubscribeError(error) {
  const box = $('subscribe-error');
  if (!error) {
    box.hidden = true;
    box.textContent = '';
    return;
  }
  const column = error.column ? ` (column ${error.column})` : '';
  box.textContent = `Refused: ${error.code}: ${error.message}${column}`;
  box.hidden = false;
}

$('subscribe-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const pattern = $('sub-pattern').value.trim();
  const filter = $('sub-filter').value.trim();
  const since = $('sub-since').value.trim();
  if (!pattern) return;
  showSubscribeError(null);
  const options = {};
  if (filter) options.filter = filter;
  if (since) options.since = since;
  const sub = herald.subscribe(pattern, options, onEvent);
  renderSubscriptions();
  sub.ready.then(
    () => renderSubscriptions(),
    (error) => {
      showSubscribeError(error);
      renderSubscriptions();
      $('sub-filter').focus();
    },
  );
});

function renderSubscriptions() {
  const list = $('subscriptions');
  const subs = herald.subscriptions;
  list.replaceChildren();
  if (subs.length === 0) {
    list.append(el('li', { class: 'empty', text: 'none yet' }));
    return;
  }
  for (const sub of subs) {
    const state = sub.state === 'active' ? 'active' : herald.status === 'open' ? 'subscribing…' : 'waiting for connection';
    const parts = [state];
    if (sub.filter) parts.push(`filter ${sub.filter}`);
    if (sub.lastId) parts.push(`last ${sub.lastId}`);
    const button = el('button', { type: 'button', 'aria-label': `Unsubscribe from ${sub.pattern}`, text: 'Unsubscribe' });
    button.addEventListener('click', () => {
      sub.unsubscribe();
      renderSubscriptions();
    });
    list.append(el('li', { 'data-pattern': sub.pattern, 'data-state': sub.state },
      el('code', { text: sub.pattern }), el('span', { class: 'meta', text: parts.join(' · ') }), button));
  }
}

// Stream view
let paused = false;
let held = [];
let queue = [];
let flushTimer = null;
let eventsThisSecond = 0;
let subsDirty = false;

function onEvent(envelope) {
  eventsThisSecond += 1;
  subsDirty = true;
  enqueue({ kind: 'event', envelope });
}

function addNotice(kind, notice) {
  enqueue({ kind, envelope: notice });
}

function enqueue(item) {
  if (paused) {
    held.push(item);
    if (held.length > MAX_ITEMS) held.shift();
    $('held').textContent = String(held.length);
    return;
  }
  queue.push(item);
  if (!flushTimer) flushTimer = setTimeout(flush, 30);
}

function flush() {
  flushTimer = null;
  const items = queue.slice(-MAX_ITEMS);
  queue = [];
  const stream = $('stream');
  const fragment = document.createDocumentFragment();
  for (let i = items.length - 1; i >= 0; i--) fragment.append(renderItem(items[i]));
  stream.prepend(fragment);
  while (stream.children.length > MAX_ITEMS) stream.lastElementChild.remove();
  updateCount();
  if (subsDirty) {
    subsDirty = false;
    renderSubscriptions();
  }
}

function renderItem({ kind, envelope }) {
  if (kind === 'event') {
    const head = el('div', { class: 'head' },
      el('span', { class: 'topic', text: envelope.topic }),
      envelope.event_type ? el('span', { class: 'kind', text: envelope.event_type }) : null,
      el('span', { class: 'id', text: envelope.id }),
      el('time', { class: 'time', datetime: envelope.time ?? '', text: envelope.time ?? '' }));
    const body = envelope.encoding === 'base64'
      ? `(base64) ${envelope.data}`
      : JSON.stringify(envelope.data, null, 2);
    return el('li', { class: 'event', 'data-topic': envelope.topic, 'data-id': envelope.id }, head, el('pre', { text: body ?? 'null' }));
  }
  let text;
  if (kind === 'gap') {
    text = `Events on ${envelope.topic} since ${envelope.since} are no longer retained` +
      (envelope.first_available ? `; replay starts at ${envelope.first_available}.` : '; none to replay (the server restarted or history was evicted).');
  } else {
    text = `The server dropped ${envelope.count} event(s) for this slow connection, from ${envelope.first_id}; fetch them from history.`;
  }
  return el('li', { class: `notice ${kind}`, role: 'note' },
    el('div', { class: 'head' }, el('span', { class: 'kind', text: kind }), el('span', { text })));
}

function updateCount() {
  const shown = $('stream').children.length;
  $('count').value = String(shown);
  $('stream-empty').hidden = shown > 0;
}

$('pause').addEventListener('click', () => {
  paused = !paused;
  const button = $('pause');
  button.setAttribute('aria-pressed', String(paused));
  button.textContent = paused ? 'Resume' : 'Pause';
  $('paused-note').hidden = !paused;
  if (!paused) {
    queue.push(...held);
    held = [];
    $('held').textContent = '0';
    flush();
  }
});

$('clear').addEventListener('click', () => {
  $('stream').replaceChildren();
  queue = [];
  held = [];
  $('held').textContent = '0';
  updateCount();
});

setInterval(() => {
  $('rate').value = String(eventsThisSecond);
  eventsThisSecond = 0;
}, 1000);

// Publish
$('publish-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const result = $('publish-result');
  const topic = $('pub-topic').value.trim();
  const raw = $('pub-data').value;
  const kind = new FormData(event.target).get('kind');
  let data = raw;
  if (kind !== 'text') {
    try {
      data = JSON.parse(raw);
    } catch (error) {
      if (kind === 'json') {
        result.className = 'result bad';
        result.textContent = `Not valid JSON: ${error.message}`;
        return;
      }
    }
  }
  result.className = 'result';
  result.textContent = 'publishing…';
  try {
    const answer = await herald.publish(topic, data);
    result.className = 'result ok';
    result.textContent = `Published ${answer.id} to ${answer.topic} · ${answer.recipients} recipient(s)`;
    refreshTopics();
  } catch (error) {
    result.className = 'result bad';
    result.textContent = `Refused: ${error.code}: ${error.message}`;
  }
});

$('pub-data').addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    $('publish-form').requestSubmit();
  }
});

// Dashboard
let statsAvailable = null; // null: not known yet; false: 404 seen at statsCheckedAt
let statsCheckedAt = 0;

async function refreshTopics() {
  try {
    const response = await fetch('/api/topics', { cache: 'no-store' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const { topics } = await response.json();
    renderTopics(topics);
    $('dash-error').hidden = true;
  } catch (error) {
    $('dash-error').textContent = `Topics unavailable: ${error.message}`;
    $('dash-error').hidden = false;
  }
}

function renderTopics(topics) {
  const body = $('topics').tBodies[0];
  body.replaceChildren();
  if (!topics.length) {
    body.append(el('tr', {}, el('td', { colspan: '4', class: 'empty', text: 'no topics yet' })));
    return;
  }
  topics.sort((a, b) => a.topic.localeCompare(b.topic));
  for (const t of topics) {
    body.append(el('tr', { 'data-topic': t.topic },
      el('td', { text: t.topic }),
      el('td', { class: 'num', text: String(t.subscribers) }),
      el('td', { class: 'num', text: String(t.events) }),
      el('td', { class: 'id', text: t.last_id ?? '—' })));
  }
}

async function refreshStats() {
  // A 404 means this server has no /api/stats yet: hide the figures and look again only rarely.
  if (statsAvailable === false && Date.now() - statsCheckedAt < STATS_RETRY_MS) return;
  statsCheckedAt = Date.now();
  try {
    const response = await fetch('/api/stats', { cache: 'no-store' });
    if (!response.ok) {
      statsAvailable = false;
      $('stats').hidden = true;
      return;
    }
    statsAvailable = true;
    renderStats(await response.json());
  } catch {
    $('stats').hidden = true;
  }
}

function renderStats(stats) {
  const box = $('stats');
  box.replaceChildren();
  const add = (label, value) => box.append(el('div', {}, el('b', { text: String(value) }), label.replace(/_/g, ' ')));
  for (const [key, value] of Object.entries(stats)) {
    if (value === null || Array.isArray(value)) continue;
    if (typeof value !== 'object') add(key, value);
    // One level of nesting ({"events": {"in": 1, "out": 2}}) shows as "events in", "events out".
    else for (const [inner, figure] of Object.entries(value)) if (figure !== null && typeof figure !== 'object') add(`${key} ${inner}`, figure);
  }
  box.hidden = box.children.length === 0;
}

function poll() {
  if (document.visibilityState === 'hidden') return;
  refreshTopics();
  refreshStats();
}
poll();
setInterval(poll, POLL_MS);
herald.connect();
showStatus(herald.status);
updateCount();
