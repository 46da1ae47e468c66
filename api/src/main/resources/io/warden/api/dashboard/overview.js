// Overview: host CPU, memory, disk I/O and load as live charts (15 minutes of history, then the
// stream's pushes), file-store usage, service counts, and the alerts banner when the server has alerts.
import {api} from './api.js?v=@VERSION@';
import {badge, bytes, fill, h, percent} from './dom.js?v=@VERSION@';
import {align, timeChart} from './charts.js?v=@VERSION@';
import {poll} from './poll.js?v=@VERSION@';

const fixed = (n) => (n === null || n === undefined ? '–' : n.toFixed(2));
const rate = (n) => `${bytes(n)}/s`;

const CHARTS = [
  {id: 'cpu', title: 'CPU', series: [{label: 'busy', metric: 'cpu.total'}], format: percent,
    from: (s) => [s.host.cpu.totalPercent]},
  {id: 'memory', title: 'Memory used', series: [{label: 'used', metric: 'memory.used'}], format: bytes,
    from: (s) => [s.host.memory.usedBytes]},
  {id: 'disk', title: 'Disk I/O', format: rate,
    series: [{label: 'read', metric: 'disk.read'}, {label: 'write', metric: 'disk.write'}],
    from: (s) => [sum(s.host.disks, 'readBytesPerSecond'), sum(s.host.disks, 'writeBytesPerSecond')]},
  {id: 'load', title: 'Load average', format: fixed,
    series: [{label: '1 min', metric: 'load.1'}, {label: '5 min', metric: 'load.5'}, {label: '15 min', metric: 'load.15'}],
    from: (s) => (s.host.load ? [s.host.load.one, s.host.load.five, s.host.load.fifteen] : [null, null, null])},
];

function sum(list, key) {
  return (list || []).reduce((total, item) => total + item[key], 0);
}

export function render(root, ctx) {
  const banner = h('section', {class: 'banner', id: 'alerts', hidden: true, 'aria-labelledby': 'alerts-title'});
  const cards = h('div', {class: 'cards', id: 'summary'});
  const stores = h('tbody', {});
  const grid = h('div', {class: 'grid'});
  // A daemon that just started has no sample yet: its history is empty until the first one.
  const waiting = h('p', {class: 'help', id: 'no-sample', hidden: true},
    'No metrics sample yet: the charts fill in from the first one (every metrics.interval).');
  fill(root, h('h1', {}, 'Overview'), banner, cards, waiting, grid,
    h('section', {class: 'panel', 'aria-labelledby': 'stores-title'},
      h('h2', {id: 'stores-title'}, 'Disk usage'),
      h('div', {class: 'table-wrap'}, h('table', {class: 'stacked'},
        h('thead', {}, h('tr', {}, h('th', {scope: 'col'}, 'Mount'), h('th', {scope: 'col'}, 'Used'),
          h('th', {scope: 'col'}, 'Size'), h('th', {scope: 'col'}, 'Share'))), stores))));

  const charts = CHARTS.map((spec) => {
    const box = h('div', {class: 'chart', id: `chart-${spec.id}`, role: 'img', 'aria-label': `${spec.title}, last 15 minutes`});
    grid.append(h('section', {class: 'panel'}, h('h2', {}, spec.title), box));
    return {spec, chart: timeChart(box, {series: spec.series, format: spec.format})};
  });

  let closed = false;
  const since = new Date(Date.now() - 15 * 60 * 1000).toISOString();
  const unsubscribe = [];
  Promise.all(charts.map(({spec}) => Promise.all(spec.series.map((s) =>
    api(`/api/v1/system/history?metric=${encodeURIComponent(s.metric)}&since=${since}`)))))
    .then((histories) => {
      if (closed) return;
      histories.forEach((series, i) => {
        const {times, columns} = align(series);
        charts[i].chart.load(times, columns);
      });
      waiting.hidden = charts.some(({chart}) => chart.points() > 0);
      unsubscribe.push(ctx.stream.subscribe('system', (sample) => {
        waiting.hidden = true;
        const at = Date.parse(sample.at);
        charts.forEach(({spec, chart}) => chart.append(at, spec.from(sample)));
        if (sample.sequence % 10 === 1 || !stores.firstChild) showStores(stores, sample.host.fileStores); // slow to change
      }));
    })
    .catch((e) => ctx.announce(`Could not load the history: ${e.message}`));
  unsubscribe.push(ctx.stream.subscribe('services', (list) => showSummary(cards, list)));
  api('/api/v1/services').then((body) => !closed && showSummary(cards, body.services)).catch(() => {});

  if (ctx.me.features && ctx.me.features.alerts) {
    unsubscribe.push(poll(15000, () => api('/api/v1/alerts'), (body) => showAlerts(banner, body),
      (e) => { if (e.status === 404) banner.hidden = true; }).stop);
  }
  return () => {
    closed = true;
    unsubscribe.forEach((f) => f());
    charts.forEach(({chart}) => chart.destroy());
  };
}

function showSummary(cards, list) {
  const counts = {};
  for (const s of list) counts[s.state] = (counts[s.state] || 0) + 1;
  fill(cards, h('div', {class: 'card'}, h('strong', {}, String(list.length)), 'services'),
    Object.entries(counts).sort().map(([state, n]) => h('div', {class: 'card'}, h('strong', {}, String(n)), badge(state))));
}

function showStores(tbody, stores) {
  fill(tbody, (stores || []).filter((s) => s.totalBytes > 0).map((s) => {
    const share = (s.usedBytes / s.totalBytes) * 100;
    return h('tr', {}, h('td', {'data-label': 'Mount'}, s.mount), h('td', {class: 'num', 'data-label': 'Used'}, bytes(s.usedBytes)),
      h('td', {class: 'num', 'data-label': 'Size'}, bytes(s.totalBytes)),
      h('td', {'data-label': 'Share'}, h('meter', {min: 0, max: 100, low: 80, high: 90, optimum: 0, value: share.toFixed(1),
        'aria-label': `${s.mount} used`}), ` ${percent(share)}`));
  }));
}

/** Alerts of issue 3's API: {alerts: [{name|rule, state, severity, summary|message}]}; shows the firing ones. */
function showAlerts(banner, body) {
  // The active states of GET /api/v1/alerts: firing, and nodata/error (never a silent pass).
  const active = new Set(['firing', 'nodata', 'error']);
  const alerts = (body.alerts || []).filter((a) => active.has(a.state) && !a.silenced);
  banner.hidden = alerts.length === 0;
  fill(banner, h('h2', {id: 'alerts-title'}, `${alerts.length} alert(s) firing`),
    h('ul', {}, alerts.map((a) => h('li', {}, badge(a.state), ' ', a.name,
      a.severity ? ` (${a.severity})` : '', a.annotations && a.annotations.summary ? `: ${a.annotations.summary}` : ''))));
}
