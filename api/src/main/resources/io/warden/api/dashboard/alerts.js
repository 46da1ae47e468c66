// Alerts: the active ones (firing, pending, nodata, error) and the recently resolved, as GET
// /api/v1/alerts reports them; the silences, which admins can add (matchers, duration, comment) and expire.
import {api} from './api.js?v=@VERSION@';
import {badge, dateTime, duration, fill, h, row, section, table} from './dom.js?v=@VERSION@';
import {poll, showError} from './poll.js?v=@VERSION@';

const ACTIVE = ['firing', 'error', 'nodata', 'pending'];
const MATCHER = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(=~|!~|!=|=)\s*"?(.*?)"?\s*$/;

export function render(root, ctx) {
  const active = h('div', {id: 'alerts-active'}, h('p', {}, 'Loading…'));
  const resolved = h('div', {id: 'alerts-resolved'});
  const silences = h('div', {id: 'silences'});
  fill(root, h('h1', {}, 'Alerts'),
    section('Active', active),
    section('Recently resolved', resolved),
    section('Silences', silences, ctx.canWrite ? silenceForm(ctx, () => polling.now()) : null));

  const polling = poll(15000, () => Promise.all([api('/api/v1/alerts'), api('/api/v1/silences')]),
    ([alerts, silenced]) => {
      showAlerts(active, resolved, alerts.alerts || []);
      showSilences(silences, silenced.silences || [], ctx, polling.now);
    }, showError(active));
  return polling.stop;
}

function showAlerts(activeBox, resolvedBox, alerts) {
  const now = Date.now();
  const rank = (a) => ACTIVE.indexOf(a.state);
  const open = alerts.filter((a) => ACTIVE.includes(a.state)).sort((a, b) => rank(a) - rank(b));
  const done = alerts.filter((a) => a.state === 'resolved')
    .sort((a, b) => String(b.endsAt).localeCompare(String(a.endsAt)));
  const cells = (a) => [badge(a.state), a.severity, a.name, (a.labels || {}).service,
    [(a.annotations || {}).summary || (a.annotations || {}).reason, a.silenced ? [' ', badge('closed', 'silenced')] : null]];
  fill(activeBox, open.length
    ? table(['State', 'Severity', 'Alert', 'Service', 'Summary', 'Since'], open.map((a) => row(
      [...cells(a), h('span', {title: dateTime(a.startsAt)}, duration(now - Date.parse(a.startsAt)))],
      {'data-alert': a.name, 'data-state': a.state})))
    : h('p', {}, badge('healthy', 'none'), ' Nothing is firing, pending or failing to evaluate.'));
  fill(resolvedBox, done.length
    ? table(['State', 'Severity', 'Alert', 'Service', 'Summary', 'Resolved'],
      done.map((a) => row([...cells(a), dateTime(a.endsAt)], {'data-alert': a.name, 'data-state': a.state})))
    : h('p', {}, 'No alert resolved recently.'));
}

function showSilences(box, silences, ctx, reload) {
  if (!silences.length) {
    fill(box, h('p', {id: 'silences-empty'}, 'No silences.'));
    return;
  }
  fill(box, table(['Matchers', 'Until', 'By', 'Comment', ctx.canWrite ? 'Action' : null].filter(Boolean),
    silences.map((s) => row([
      s.matchers.map((m) => `${m.name}${m.op}"${m.value}"`).join(', '),
      dateTime(s.endsAt), s.createdBy, s.comment,
      ctx.canWrite ? h('button', {type: 'button', class: 'danger expire', onclick: async () => {
        if (!(await ctx.confirm('Expire this silence?', 'Alerts it matched notify again.', 'Expire'))) return;
        try {
          await api(`/api/v1/silences/${encodeURIComponent(s.id)}`, {method: 'DELETE'});
          ctx.announce('Silence expired');
          reload();
        } catch (e) {
          ctx.announce(`Expire failed: ${e.message}`);
        }
      }}, 'Expire') : false,
    ].filter((c) => c !== false), {'data-id': s.id}))));
}

/** Matchers as typed: name=value, name!=value, name=~regex, name!~regex, separated by commas. */
function parseMatchers(text) {
  return text.split(',').filter((part) => part.trim()).map((part) => {
    const m = MATCHER.exec(part);
    if (!m) throw new Error(`"${part.trim()}" is not a matcher: write name=value, name!=value, name=~regex or name!~regex`);
    return {name: m[1], op: m[2], value: m[3]};
  });
}

function silenceForm(ctx, reload) {
  const field = (id, label, attrs, help) => h('p', {class: 'field'}, h('label', {for: id}, label),
    h('input', {id, name: id, type: 'text', required: true, ...attrs}), help ? h('span', {class: 'help'}, help) : null);
  const error = h('p', {class: 'error', id: 'silence-error', role: 'alert'});
  const form = h('form', {id: 'silence-form', novalidate: true, 'aria-labelledby': 'silence-title'},
    h('h3', {id: 'silence-title'}, 'Add a silence'),
    field('silence-matchers', 'Matchers', {placeholder: 'alertname=down, service=worker'},
      'name=value, != , =~ regex, !~; separated by commas'),
    field('silence-duration', 'Duration', {value: '2h'}, 'for example 30m, 2h, 1d'),
    field('silence-comment', 'Comment', {placeholder: 'why'}),
    error, h('button', {type: 'submit'}, 'Add silence'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = (id) => form.querySelector(`#${id}`).value.trim();
    try {
      const matchers = parseMatchers(value('silence-matchers'));
      if (!matchers.length) throw new Error('Enter at least one matcher, for example alertname=down.');
      await api('/api/v1/silences', {method: 'POST',
        body: {matchers, duration: value('silence-duration'), comment: value('silence-comment') || null}});
      fill(error);
      form.querySelector('#silence-matchers').value = '';
      ctx.announce('Silence added');
      reload();
    } catch (e) {
      error.textContent = e.message;
    }
  });
  return form;
}
