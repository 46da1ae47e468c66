// Deploys: the timeline of recent deploys (GET /api/v1/deploys) with outcome, actor and rollback
// reason, and one deploy's detail (GET /api/v1/deploys/ID): its changes, watch progress and steps.
import {api} from './api.js?v=@VERSION@';
import {badge, dateTime, fill, h, row, section, table} from './dom.js?v=@VERSION@';
import {poll, showError} from './poll.js?v=@VERSION@';

/** The outcome to show: the verdict once there is one, the phase before. */
const outcome = (d) => h('span', {}, badge(d.phase), d.verdict ? [' ', badge(d.verdict)] : null);

export function render(root, ctx, id) {
  return id ? detail(root, id) : timeline(root);
}

function timeline(root) {
  const body = h('div', {id: 'deploys'}, h('p', {}, 'Loading…'));
  fill(root, h('h1', {}, 'Deploys'), body);
  return poll(15000, () => api('/api/v1/deploys'), ({deploys}) => {
    fill(body, deploys.length
      ? table(['Service', 'Outcome', 'Started', 'By', 'Reason', 'Deploy'], deploys.map((d) => row([
        d.service, outcome(d), dateTime(d.startedAt), d.actor, d.reason,
        h('a', {href: `#/deploys/${encodeURIComponent(d.id)}`}, 'Details')], {'data-id': d.id})))
      : h('p', {id: 'deploys-empty'}, 'No deploys yet. Start one with: warden deploy SERVICE --spec FILE'));
  }, showError(body)).stop;
}

function detail(root, id) {
  const body = h('div', {id: 'deploy'}, h('p', {}, 'Loading…'));
  fill(root, h('p', {}, h('a', {href: '#/deploys'}, '← Deploys')), h('h1', {}, 'Deploy ', h('code', {}, id)), body);
  return poll(5000, () => api(`/api/v1/deploys/${encodeURIComponent(id)}`), ({deploy: d, progress: p, steps}) => {
    fill(body,
      h('dl', {class: 'facts', id: 'deploy-facts'},
        fact('Service', h('a', {href: `#/services/${encodeURIComponent(d.service)}`}, d.service)),
        fact('Outcome', outcome(d)), fact('Reason', d.reason), fact('By', d.actor),
        fact('Environment', d.environment), fact('Assessment', d.assessmentId
          ? h('a', {href: `#/risk/${encodeURIComponent(d.assessmentId)}`}, d.assessmentId) : null),
        fact('Started', dateTime(d.startedAt)), fact('Updated', dateTime(d.updatedAt))),
      d.changes.length ? section('Changes', h('ul', {}, d.changes.map((c) => h('li', {}, h('code', {}, c))))) : null,
      p ? section('Watch', h('p', {id: 'deploy-watch'},
        `${Math.round(p.elapsedSeconds)} s of ${Math.round(p.windowSeconds)} s; ${p.rounds} round(s), `
        + `${p.failures} of ${p.failureLimit} failures allowed, ${p.inconclusive} inconclusive`)) : null,
      section('Steps', table(['When', 'Phase', 'Detail'],
        steps.map((s) => [dateTime(s.at), badge(s.phase), s.detail]))));
  }, showError(body)).stop;
}

function fact(term, value) {
  return [h('dt', {}, term), h('dd', {}, value === null || value === undefined || value === '' ? '–' : value)];
}
