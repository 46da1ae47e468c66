// DOM building from nodes and text only (nothing the server sends is ever parsed as HTML) and formatting.

/** An element: h('td', {class: 'num'}, 'text', child...). Attributes starting with "on" are listeners. */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'text') el.textContent = value;
    else el.setAttribute(key, value === true ? '' : value);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's children. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

const STATE_TONES = {
  running: 'ok', healthy: 'ok', approved: 'ok', closed: 'idle', low: 'ok',
  starting: 'warn', stopping: 'warn', backoff: 'warn', unhealthy: 'bad', failed: 'bad', rejected: 'bad',
  stopped: 'idle', none: 'idle', draft: 'idle', in_review: 'warn', medium: 'warn', high: 'bad', critical: 'bad',
  deployed: 'ok', observing: 'warn', firing: 'bad', pending: 'warn', resolved: 'ok', nodata: 'warn', error: 'bad',
  promoted: 'ok', successful: 'ok', applying: 'warn', watching: 'warn', paused: 'warn', rolling_back: 'warn',
  rolled_back: 'bad', unhealthy: 'bad', inconclusive: 'warn', manual: 'warn', interrupted: 'bad', stale: 'warn',
  standby: 'idle', unreachable: 'bad',
};

/** A state as a badge: a colour, a mark and the word itself, so colour is never alone. */
export function badge(state, label) {
  const tone = STATE_TONES[state] || 'idle';
  return h('span', {class: `badge s-${tone}`, 'data-state': state}, label || String(state).replace('_', ' '));
}

export function bytes(n) {
  if (n === null || n === undefined || Number.isNaN(n)) return '–';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  while (Math.abs(n) >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return `${n.toFixed(n >= 100 || i === 0 ? 0 : 1)} ${units[i]}`;
}

export function percent(n) {
  return n === null || n === undefined ? '–' : `${n.toFixed(1)} %`;
}

/** "3d 4h", "2h 5m", "4m 10s", "12s". */
export function duration(ms) {
  if (ms === null || ms === undefined || ms < 0) return '–';
  const s = Math.floor(ms / 1000);
  const d = Math.floor(s / 86400), hr = Math.floor(s / 3600) % 24, m = Math.floor(s / 60) % 60, sec = s % 60;
  if (d) return `${d}d ${hr}h`;
  if (hr) return `${hr}h ${m}m`;
  if (m) return `${m}m ${sec}s`;
  return `${sec}s`;
}

export function time(iso) {
  return iso ? new Date(iso).toLocaleTimeString() : '–';
}

export function dateTime(iso) {
  return iso ? new Date(iso).toLocaleString() : '–';
}

/** An inline SVG sparkline of the values, with the latest value as text beside it. */
export function sparkline(values, format, label) {
  const svgNs = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(svgNs, 'svg');
  svg.setAttribute('viewBox', '0 0 80 22');
  svg.setAttribute('aria-hidden', 'true');
  const line = document.createElementNS(svgNs, 'polyline');
  svg.append(line);
  const text = h('span', {});
  const wrap = h('span', {class: 'spark', 'aria-label': label}, svg, text);
  wrap.update = (series) => {
    const max = Math.max(...series, 1e-9), n = series.length;
    line.setAttribute('points', series.map((v, i) => `${n < 2 ? 0 : (i * 80 / (n - 1)).toFixed(1)},${(21 - v / max * 20).toFixed(1)}`).join(' '));
    text.textContent = n ? format(series[n - 1]) : '–';
  };
  wrap.update(values);
  return wrap;
}

/** A titled panel. */
export function section(title, ...content) {
  return h('section', {class: 'panel'}, h('h2', {}, title), content);
}

/** A table of header names and rows: a row is its cells (nodes or text; null shows as a dash) or a tr. */
export function table(headers, rows) {
  return h('div', {class: 'table-wrap'}, h('table', {},
    h('thead', {}, h('tr', {}, headers.map((name) => h('th', {scope: 'col'}, name)))),
    h('tbody', {}, rows.map((cells) => cells instanceof Node ? cells : row(cells)))));
}

/** A table row of cells (nodes or text; null shows as a dash); attrs as for h(). */
export function row(cells, attrs) {
  return h('tr', attrs, cells.map((c) => h('td', {}, c ?? '–')));
}
