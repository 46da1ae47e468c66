// Hosts: the agents of the fleet (GET /api/v1/hosts), one row each with its state, heartbeat age
// and services. The registry has no stream topic: polled. Read-only.
import {api} from './api.js?v=@VERSION@';
import {badge, fill, h, table} from './dom.js?v=@VERSION@';
import {poll, showError} from './poll.js?v=@VERSION@';

export function render(root) {
  const body = h('div', {id: 'hosts'}, h('p', {}, 'Loading…'));
  fill(root, h('h1', {}, 'Hosts'), body);
  return poll(5000, () => api('/api/v1/hosts'), ({shared, hosts}) => {
    const list = table(['Agent', 'Host', 'State', 'Version', 'API', 'Heartbeat', 'Services'], hosts.map(hostRow));
    list.querySelector('table').classList.add('stacked');
    fill(body, h('p', {class: 'help', id: 'hosts-scope'}, shared
      ? 'Every agent sharing this PostgreSQL database.'
      : 'SQLite storage: the fleet is this agent alone (agents share a registry through PostgreSQL).'),
    hosts.length ? list : h('p', {}, 'No agents registered yet.'));
  }, showError(body)).stop;
}

function hostRow(host) {
  const running = host.services.filter((s) => s.state === 'running').length;
  return h('tr', {'data-host': host.id},
    h('th', {scope: 'row'}, h('code', {}, host.id), host.self ? ' (this agent)' : null),
    h('td', {'data-label': 'Host'}, host.hostName),
    h('td', {'data-label': 'State', class: 'host-state'}, badge(host.state)),
    h('td', {'data-label': 'Version'}, host.version),
    h('td', {'data-label': 'API'}, h('code', {}, host.apiUrl)),
    h('td', {'data-label': 'Heartbeat', class: 'num'}, age(host.heartbeatAgeSeconds)),
    h('td', {'data-label': 'Services', class: 'host-services'},
      `${host.services.length} (${running} running)`));
}

/** "0.8 s ago", "41 s ago", "12 min ago". */
function age(seconds) {
  if (seconds === null || seconds === undefined) return '–';
  if (seconds < 10) return `${seconds.toFixed(1)} s ago`;
  if (seconds < 120) return `${Math.round(seconds)} s ago`;
  return `${Math.round(seconds / 60)} min ago`;
}
