// One assessment rendered: its content, risks, plan and where its review stands (the approvals
// still missing). Approve and reject are offered to admin tokens holding a role still needed.
import {api} from './api.js?v=@VERSION@';
import {badge, dateTime, fill, h} from './dom.js?v=@VERSION@';

export function render(root, ctx, id) {
  fill(root, h('p', {}, 'Loading…'));
  let closed = false;
  const load = () => api(`/api/v1/assessments/${encodeURIComponent(id)}`)
    .then((detail) => !closed && show(root, ctx, detail, load))
    .catch((e) => fill(root, h('p', {}, h('a', {href: '#/risk'}, '← Risk')), h('p', {class: 'error', role: 'alert'}, e.message)));
  load();
  return () => { closed = true; };
}

/** Whether the caller holds a role the review still needs ("lead", "one of (qa, security)"). */
function holdsNeededRole(me, stillNeeded) {
  const named = new Set(stillNeeded.join(' ').match(/[A-Za-z0-9_.-]+/g) || []);
  return me.roles.some((role) => named.has(role));
}

function show(root, ctx, detail, reload) {
  const a = detail.assessment;
  const c = a.content;
  const approval = detail.approval;
  const may = (allowed) => ctx.canWrite && allowed;
  const reviewable = a.status === 'in_review' && a.author !== ctx.me.user && holdsNeededRole(ctx.me, approval.stillNeeded);
  fill(root, h('p', {}, h('a', {href: '#/risk'}, '← Risk')),
    h('h1', {id: 'assessment-title'}, c.title),
    h('p', {}, badge(a.level, `level: ${a.level}`), ' ', h('span', {id: 'assessment-status'}, badge(a.status, `status: ${a.status.replace('_', ' ')}`)),
      ` round ${a.round}, by ${a.author}, updated ${dateTime(a.updatedAt)}`),
    h('section', {class: 'panel', id: 'review', 'aria-labelledby': 'review-title'}, h('h2', {id: 'review-title'}, 'Review'),
      h('dl', {class: 'facts'},
        h('dt', {}, 'Approval required'), h('dd', {}, detail.policy.required ? `yes: ${detail.policy.reasons.join('; ')}` : 'no'),
        h('dt', {}, 'Still needed'), h('dd', {id: 'still-needed'}, approval.stillNeeded.length ? approval.stillNeeded.join(', ')
          : (approval.rejected ? 'rejected' : 'nothing: complete')),
        h('dt', {}, 'Given by'), h('dd', {}, Object.entries(approval.filledBy).map(([role, user]) => `${role}: ${user}`).join(', ') || '–')),
      a.decisions.length ? h('ul', {class: 'events'}, a.decisions.map((d) => h('li', {},
        badge(d.verdict === 'approve' || d.verdict === 'APPROVE' ? 'approved' : 'rejected', String(d.verdict).toLowerCase()),
        ` ${d.user} (${d.roles.join(', ')}), round ${d.round}, ${dateTime(d.at)}${d.comment ? `: ${d.comment}` : ''}`))) : null,
      may(a.status === 'draft' && a.author === ctx.me.user) ? action(ctx, a, 'submit', 'Submit for review', false, reload) : null,
      may(reviewable) ? decide(ctx, a, reload) : null,
      h('p', {class: 'error', role: 'alert', id: 'decision-error'})),
    h('section', {class: 'panel'}, h('h2', {}, 'Summary'), h('p', {}, c.summary || '–'),
      h('dl', {class: 'facts'}, h('dt', {}, 'Kind'), h('dd', {}, c.kind), h('dt', {}, 'Services'), h('dd', {}, c.services.join(', ')),
        h('dt', {}, 'Environment'), h('dd', {}, c.environment || '–'))),
    c.change ? h('section', {class: 'panel'}, h('h2', {}, 'Change'), h('p', {}, c.change.description || ''),
      c.change.files && c.change.files.length ? h('p', {}, `Files: ${c.change.files.join(', ')}`) : null) : null,
    h('section', {class: 'panel'}, h('h2', {}, 'Risks'), table(['Category', 'Risk', 'Likelihood', 'Impact', 'Mitigation', 'Owner'],
      (c.risks || []).map((r) => [r.category, r.title, r.likelihood, r.impact, r.mitigation, r.owner]))),
    c.rollback && c.rollback.length ? h('section', {class: 'panel'}, h('h2', {}, 'Rollback'),
      h('ol', {}, c.rollback.map((s) => h('li', {}, s.step, s.expectedDuration ? ` (${s.expectedDuration})` : '',
        s.command ? h('pre', {class: 'block'}, s.command) : null)))) : null,
    c.testing ? h('section', {class: 'panel'}, h('h2', {}, 'Testing'), list('Done', c.testing.done), list('Gaps', c.testing.gaps)) : null,
    c.monitoring && c.monitoring.length ? h('section', {class: 'panel'}, h('h2', {}, 'Monitoring'),
      table(['Metric', 'Expected', 'Warning', 'Critical'], c.monitoring.map((m) => [m.metric, m.expected, m.warning, m.critical]))) : null,
    c.checklists ? h('section', {class: 'panel'}, h('h2', {}, 'Checklists'),
      Object.entries(c.checklists).map(([phase, items]) => list(phase, items))) : null);
}

function decide(ctx, a, reload) {
  const comment = h('textarea', {id: 'decision-comment', rows: '2'});
  return h('div', {}, h('label', {for: 'decision-comment'}, 'Comment (required to reject)'), h('br', {}), comment,
    h('div', {class: 'actions'}, action(ctx, a, 'approve', 'Approve', false, reload, comment),
      action(ctx, a, 'reject', 'Reject', true, reload, comment)));
}

function action(ctx, a, verb, label, danger, reload, comment) {
  return h('button', {type: 'button', id: `assessment-${verb}`, class: danger ? 'danger' : null, onclick: async () => {
    if (!(await ctx.confirm(`${label}?`, `${label}: ${a.content.title}`, label))) return;
    try {
      await api(`/api/v1/assessments/${encodeURIComponent(a.id)}/${verb}`, {method: 'POST',
        body: comment && comment.value.trim() ? {comment: comment.value.trim()} : {}});
      ctx.announce(`${label}: done`);
      reload();
    } catch (e) {
      ctx.announce(`${label} failed: ${e.message}`);
      const error = document.getElementById('decision-error');
      if (error) error.textContent = `${label} failed: ${e.message}`;
    }
  }}, label);
}

function list(title, items) {
  return items && items.length ? [h('h3', {}, title), h('ul', {}, items.map((i) => h('li', {}, i)))] : null;
}

function table(headers, rows) {
  return h('div', {class: 'table-wrap'}, h('table', {},
    h('thead', {}, h('tr', {}, headers.map((name) => h('th', {scope: 'col'}, name)))),
    h('tbody', {}, rows.map((cells) => h('tr', {}, cells.map((cell) => h('td', {}, cell ?? '–')))))));
}
