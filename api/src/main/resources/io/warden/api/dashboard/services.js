// Services: one row each with state, health, PID, uptime, restarts, CPU and RSS sparklines, the
// code it runs (stale when its files changed after it started) and the reason of the latest change;
// start/stop/restart after a confirmation, for admin tokens only.
import {api} from './api.js?v=@VERSION@';
import {badge, bytes, dateTime, duration, fill, h, percent, sparkline} from './dom.js?v=@VERSION@';
import {poll} from './poll.js?v=@VERSION@';

const POINTS = 60;
const CODE_POLL = 5000;

export function render(root, ctx) {
  const tbody = h('tbody', {});
  const note = h('p', {class: 'help'}, ctx.canWrite ? '' : 'Your token is read-only: no controls are shown.');
  const headers = ['Service', 'State', 'Health', 'PID', 'Uptime', 'Restarts', 'CPU', 'Memory (RSS)', 'Code', 'Reason'];
  if (ctx.canWrite) headers.push('Actions');
  fill(root, h('h1', {}, 'Services'), note, h('div', {class: 'table-wrap'}, h('table', {id: 'services', class: 'stacked'},
    h('caption', {class: 'visually-hidden'}, 'Supervised services'),
    h('thead', {}, h('tr', {}, headers.map((name) => h('th', {scope: 'col'}, name)))),
    tbody)));

  const rows = new Map();
  const series = new Map();
  let closed = false;
  const draw = (list) => {
    for (const status of list) {
      let row = rows.get(status.name);
      if (!row) {
        row = newRow(status.name, ctx, series);
        rows.set(status.name, row);
        tbody.append(row.tr);
      }
      row.update(status);
    }
  };
  const unsubscribe = [];
  const follow = async (names) => {
    unsubscribe.push(ctx.stream.subscribe('services', draw));
    unsubscribe.push(ctx.stream.subscribe('system', (sample) => {
      for (const [name, row] of rows) {
        const p = sample.processes[name];
        push(series, name, p ? p.cpuPercent : 0, p ? p.rssBytes : 0);
        row.spark();
      }
    }));
    // The last two minutes for each sparkline, a few requests at a time.
    const since = new Date(Date.now() - 2 * 60 * 1000).toISOString();
    const worker = async () => {
      while (names.length && !closed) {
        const name = names.shift();
        const history = await api(`/api/v1/services/${encodeURIComponent(name)}/history?since=${since}`).catch(() => null);
        if (history && !closed) {
          const live = series.get(name) || {cpu: [], rss: []};
          series.set(name, {cpu: history.cpu.values.concat(live.cpu).slice(-POINTS), rss: history.rss.values.concat(live.rss).slice(-POINTS)});
          rows.get(name).spark();
        }
      }
    };
    await Promise.all([worker(), worker(), worker()]);
  };
  // Polled as well as pushed: the code stamps change with files on disk, not with a service event.
  let following = false;
  const polling = poll(CODE_POLL, () => api('/api/v1/services'), (body) => {
    draw(body.services);
    if (!following) {
      following = true;
      follow(body.services.map((s) => s.name));
    }
  }, (e) => !following && ctx.announce(`Could not load the services: ${e.message}`));
  return () => {
    closed = true;
    polling.stop();
    unsubscribe.forEach((f) => f());
  };
}

function push(series, name, cpu, rss) {
  const s = series.get(name) || {cpu: [], rss: []};
  s.cpu.push(cpu);
  s.rss.push(rss);
  if (s.cpu.length > POINTS) { s.cpu.shift(); s.rss.shift(); }
  series.set(name, s);
}

function newRow(name, ctx, series) {
  // data-label: the column's name, shown beside the value where the table is stacked (phone width).
  const cells = {
    state: h('td', {'data-label': 'State'}), health: h('td', {'data-label': 'Health'}),
    pid: h('td', {class: 'num', 'data-label': 'PID'}), uptime: h('td', {class: 'num', 'data-label': 'Uptime'}),
    restarts: h('td', {class: 'num', 'data-label': 'Restarts'}), code: h('td', {'data-label': 'Code'}),
    reason: h('td', {class: 'reason', 'data-label': 'Reason'}),
  };
  let code = null;
  const cpu = sparkline([], percent, `${name} CPU`);
  const rss = sparkline([], bytes, `${name} memory`);
  const tr = h('tr', {'data-service': name},
    h('th', {scope: 'row'}, h('a', {href: `#/services/${encodeURIComponent(name)}`}, name)),
    cells.state, cells.health, cells.pid, cells.uptime, cells.restarts,
    h('td', {'data-label': 'CPU'}, cpu), h('td', {'data-label': 'Memory'}, rss), cells.code, cells.reason);
  if (ctx.canWrite) tr.append(h('td', {}, controls(name, ctx)));
  return {
    tr,
    update(status) {
      fill(cells.state, badge(status.state));
      fill(cells.health, badge(status.health));
      cells.pid.textContent = status.pid || '–';
      cells.uptime.textContent = status.started ? duration(Date.now() - Date.parse(status.started)) : '–';
      cells.restarts.textContent = String(status.restarts);
      if ('code' in status) code = status.code; // the stream's pushes carry no stamp: keep the last one
      fill(cells.code, codeStamp(code, status));
      const troubled = status.state === 'failed' || status.health === 'unhealthy' || status.state === 'backoff';
      // A standby service's reason names the agent holding it and the epoch (docs/cluster.md).
      const explained = troubled || status.state === 'stopped' || status.state === 'standby';
      cells.reason.textContent = explained ? status.reason || '' : '';
    },
    spark() {
      const s = series.get(name);
      if (s) { cpu.update(s.cpu); rss.update(s.rss); }
    },
  };
}

/**
 * The code a service's process runs: "a1b2c3d4e5f6+dirty" or "no git", the newest file's time,
 * and a "stale" badge (mark and word) when a file changed after it started. The stamp of an earlier
 * process (the service restarted since) shows nothing until the next poll brings the new one.
 */
export function codeStamp(code, status) {
  if (!code || code.processStart !== status.started) return null;
  const commit = code.commit ? `${code.commit.slice(0, 12)}${code.dirty ? '+dirty' : ''}` : 'no git';
  return h('span', {class: 'code', 'data-stale': String(code.stale)}, h('code', {}, commit),
    code.newest ? h('span', {class: 'help', title: code.newestPath}, ` files ${dateTime(code.newest)}`) : null,
    code.stale ? [' ', h('span', {title: `${code.staleBy} changed after this process started: restart to run it`},
      badge('stale'))] : null);
}

/** Start, stop and restart buttons, each asking first; the answer's state shows at once. */
export function controls(name, ctx) {
  const button = (action, label, style) => h('button', {
    type: 'button', class: style, 'data-action': action, 'aria-label': `${label} ${name}`,
    onclick: async (event) => {
      const target = event.currentTarget;
      if (!(await ctx.confirm(`${label} ${name}?`, `This will ${action} the service ${name}.`, label))) return;
      target.disabled = true;
      ctx.announce(`${label}: ${name}…`);
      try {
        const status = await api(`/api/v1/services/${encodeURIComponent(name)}/${action}`, {method: 'POST', body: {}});
        ctx.announce(`${name} is ${status.state}`);
      } catch (e) {
        ctx.announce(`${label} ${name} failed: ${e.message}`);
      } finally {
        target.disabled = false;
      }
    },
  }, label);
  return h('div', {class: 'actions'}, button('start', 'Start', 'secondary'), button('stop', 'Stop', 'danger'),
    button('restart', 'Restart', 'secondary'));
}
