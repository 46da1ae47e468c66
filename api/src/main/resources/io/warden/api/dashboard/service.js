// One service: its facts (with the code it runs, and whether that is stale), CPU and memory charts,
// its events, and a live log tail (the logs:NAME stream) that can be paused and searched.
import {api} from './api.js?v=@VERSION@';
import {badge, bytes, dateTime, duration, fill, h, percent, time} from './dom.js?v=@VERSION@';
import {timeChart} from './charts.js?v=@VERSION@';
import {codeStamp, controls} from './services.js?v=@VERSION@';
import {poll} from './poll.js?v=@VERSION@';

const MAX_LINES = 2000;
const CODE_POLL = 5000;

export function render(root, ctx, name) {
  const facts = h('dl', {class: 'facts', id: 'facts'});
  const cpuBox = h('div', {class: 'chart', id: 'chart-service-cpu', role: 'img', 'aria-label': `${name} CPU, last 15 minutes`});
  const rssBox = h('div', {class: 'chart', id: 'chart-service-rss', role: 'img', 'aria-label': `${name} memory, last 15 minutes`});
  const events = h('ul', {class: 'events', id: 'events'});
  const log = h('div', {class: 'log', id: 'log', role: 'log', 'aria-label': `${name} log`, tabindex: '0'});
  const search = h('input', {type: 'search', id: 'log-search', placeholder: 'text in the line'});
  const pause = h('button', {type: 'button', id: 'log-pause', class: 'secondary', 'aria-pressed': 'false'}, 'Pause');
  const count = h('span', {class: 'help', id: 'log-count', 'aria-live': 'polite'});
  fill(root, h('p', {}, h('a', {href: '#/services'}, '← Services')),
    h('h1', {}, 'Service ', h('span', {id: 'service-name'}, name), ' ', h('span', {id: 'service-state'})),
    ctx.canWrite ? controls(name, ctx) : null,
    h('div', {class: 'grid'},
      h('section', {class: 'panel'}, h('h2', {}, 'Status'), facts),
      h('section', {class: 'panel'}, h('h2', {}, 'Events'), events),
      h('section', {class: 'panel'}, h('h2', {}, 'CPU'), cpuBox),
      h('section', {class: 'panel'}, h('h2', {}, 'Memory (RSS)'), rssBox)),
    h('section', {class: 'panel', 'aria-labelledby': 'log-title'}, h('h2', {id: 'log-title'}, 'Log'),
      h('div', {class: 'toolbar'}, h('label', {for: 'log-search'}, 'Search'), search, pause, count), log));

  const cpu = timeChart(cpuBox, {series: [{label: 'CPU'}], format: percent});
  const rss = timeChart(rssBox, {series: [{label: 'RSS'}], format: bytes});
  const lines = [];
  let paused = false;
  let closed = false;
  const unsubscribe = [];

  const matches = (line) => !search.value || line.text.toLowerCase().includes(search.value.toLowerCase());
  const lineElement = (line) => {
    const el = h('div', {class: line.stream === 'err' ? 'err' : null}, h('time', {datetime: line.time}, time(line.time)));
    const q = search.value.toLowerCase();
    const at = q ? line.text.toLowerCase().indexOf(q) : -1;
    if (at >= 0) el.append(line.text.slice(0, at), h('mark', {}, line.text.slice(at, at + q.length)), line.text.slice(at + q.length));
    else el.append(line.text);
    return el;
  };
  const counted = () => {
    if (paused) return `paused; ${lines.length} lines`;
    return search.value ? `${lines.filter(matches).length} of ${lines.length} lines match` : `${lines.length} lines`;
  };
  const redrawLog = () => {
    fill(log, lines.filter(matches).slice(-500).map(lineElement));
    count.textContent = counted();
    log.scrollTop = log.scrollHeight;
  };
  const addLine = (line) => {
    lines.push(line);
    if (lines.length > MAX_LINES) lines.splice(0, lines.length - MAX_LINES);
    if (!paused && matches(line)) {
      const atBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
      log.append(lineElement(line));
      while (log.childElementCount > 500) log.firstElementChild.remove();
      if (atBottom) log.scrollTop = log.scrollHeight;
    }
    count.textContent = counted();
  };
  search.addEventListener('input', redrawLog);
  pause.addEventListener('click', () => {
    paused = !paused;
    pause.setAttribute('aria-pressed', String(paused));
    pause.textContent = paused ? 'Resume' : 'Pause';
    if (!paused) redrawLog();
  });

  let code = null;
  const showStatus = (s) => {
    if ('code' in s) code = s.code; // the stream's pushes carry no stamp: keep the last one
    const stamp = codeStamp(code, s);
    fill(root.querySelector('#service-state'), badge(s.state));
    const pairs = [
      ['State', badge(s.state)], ['Health', badge(s.health)], ['PID', s.pid || '–'],
      ['Started', dateTime(s.started)], ['Uptime', s.started ? duration(Date.now() - Date.parse(s.started)) : '–'],
      ['Restarts', String(s.restarts)], ['Port', s.port || '–'],
      ['Last exit', s.lastExitAt ? `code ${s.lastExitCode ?? '?'} at ${dateTime(s.lastExitAt)}` : '–'],
      ['Code', stamp || '–'],
      stamp && code.stale ? ['Stale', `${code.staleBy} changed after this process started: restart it to run the new code`] : null,
      ['Reason', s.reason || '–']].filter(Boolean);
    fill(facts, pairs.map(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]));
  };
  const showEvent = (e) => {
    events.prepend(h('li', {}, h('time', {datetime: e.time}, time(e.time)), ' ', badge(e.from), ' → ', badge(e.to),
      e.reason ? ` ${e.reason}` : '', e.exitCode !== null && e.exitCode !== undefined ? ` (exit ${e.exitCode})` : ''));
    while (events.childElementCount > 200) events.lastElementChild.remove();
  };

  const path = `/api/v1/services/${encodeURIComponent(name)}`;
  const since = new Date(Date.now() - 15 * 60 * 1000).toISOString();
  Promise.all([api(path), api(`${path}/history?since=${since}`), api('/api/v1/events'), api(`${path}/logs?tail=200`)])
    .then(([status, history, eventList, tail]) => {
      if (closed) return;
      showStatus(status);
      cpu.load(history.cpu.epochMillis, [history.cpu.values]);
      rss.load(history.rss.epochMillis, [history.rss.values]);
      eventList.events.filter((e) => e.service === name).forEach(showEvent);
      tail.lines.forEach((line) => lines.push(line));
      redrawLog();
      unsubscribe.push(ctx.stream.subscribe('services', (list) => {
        const s = list.find((x) => x.name === name);
        if (s) showStatus(s);
      }));
      unsubscribe.push(ctx.stream.subscribe('events', (e) => { if (e.service === name) showEvent(e); }));
      unsubscribe.push(ctx.stream.subscribe(`logs:${name}`, addLine));
      // Polled: the code stamp changes with files on disk, not with a service event.
      unsubscribe.push(poll(CODE_POLL, () => api(path), showStatus, () => {}).stop);
      unsubscribe.push(ctx.stream.subscribe('system', (sample) => {
        const p = sample.processes[name];
        const at = Date.parse(sample.at);
        cpu.append(at, [p ? p.cpuPercent : null]);
        rss.append(at, [p ? p.rssBytes : null]);
      }));
    })
    .catch((e) => fill(root, h('h1', {}, name), h('p', {class: 'error', role: 'alert'}, e.message)));
  return () => {
    closed = true;
    unsubscribe.forEach((f) => f());
    cpu.destroy();
    rss.destroy();
  };
}
