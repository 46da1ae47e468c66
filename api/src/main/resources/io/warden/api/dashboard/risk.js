// Risk: assessments by level and status (a badge with the word, never colour alone), filters, and
// a new assessment from a pasted or uploaded YAML or JSON file (admins).
import {api} from './api.js?v=@VERSION@';
import {badge, dateTime, fill, h} from './dom.js?v=@VERSION@';

const STATUSES = ['draft', 'in_review', 'approved', 'rejected', 'deployed', 'observing', 'closed'];
const LEVELS = ['low', 'medium', 'high', 'critical'];

export function render(root, ctx) {
  const status = select('filter-status', 'Status', STATUSES);
  const level = select('filter-level', 'Level', LEVELS);
  const tbody = h('tbody', {});
  fill(root, h('h1', {}, 'Risk assessments'),
    h('div', {class: 'filters'}, status.box, level.box),
    h('div', {class: 'table-wrap'}, h('table', {id: 'assessments'},
      h('caption', {class: 'visually-hidden'}, 'Assessments'),
      h('thead', {}, h('tr', {}, ['Title', 'Level', 'Status', 'Services', 'Author', 'Updated']
        .map((name) => h('th', {scope: 'col'}, name)))), tbody)),
    ctx.canWrite ? createForm(ctx) : null);

  let closed = false;
  const load = () => {
    const query = new URLSearchParams();
    if (status.input.value) query.set('status', status.input.value);
    if (level.input.value) query.set('level', level.input.value);
    api(`/api/v1/assessments?${query}`).then((body) => {
      if (closed) return;
      fill(tbody, body.assessments.length ? body.assessments.map((a) => h('tr', {'data-id': a.id},
        h('th', {scope: 'row'}, h('a', {href: `#/risk/${encodeURIComponent(a.id)}`}, a.title)),
        h('td', {}, badge(a.level)), h('td', {}, badge(a.status)), h('td', {}, a.services.join(', ')),
        h('td', {}, a.author), h('td', {}, dateTime(a.updatedAt))))
        : h('tr', {}, h('td', {colspan: '6'}, 'No assessments match.')));
    }).catch((e) => fill(tbody, h('tr', {}, h('td', {colspan: '6', class: 'error'}, e.message))));
  };
  status.input.addEventListener('change', load);
  level.input.addEventListener('change', load);
  load();
  return () => { closed = true; };
}

function select(id, label, values) {
  const input = h('select', {id}, h('option', {value: ''}, 'any'), values.map((v) => h('option', {value: v}, v.replace('_', ' '))));
  return {input, box: h('div', {}, h('label', {for: id}, label), input)};
}

function createForm(ctx) {
  const source = h('textarea', {id: 'new-source', class: 'source', spellcheck: 'false', 'aria-describedby': 'new-help'});
  const file = h('input', {type: 'file', id: 'new-file', accept: '.yaml,.yml,.json,application/json,application/yaml'});
  const error = h('p', {class: 'error', role: 'alert', id: 'new-error'});
  file.addEventListener('change', async () => {
    if (file.files.length) source.value = await file.files[0].text();
  });
  const form = h('form', {id: 'new-assessment'},
    h('p', {id: 'new-help', class: 'help'}, 'Paste an assessment in YAML or JSON (see examples/assessments/), or load a file.'),
    h('div', {class: 'toolbar'}, h('label', {for: 'new-file'}, 'File'), file),
    h('label', {for: 'new-source'}, 'Assessment'), source, error,
    h('button', {type: 'submit'}, 'Create'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = source.value.trim();
    if (!text) { error.textContent = 'Paste an assessment or choose a file first.'; return; }
    const json = text.startsWith('{');
    try {
      const created = await api('/api/v1/assessments', {method: 'POST', body: text,
        contentType: json ? 'application/json' : 'application/yaml'});
      ctx.announce(`Created ${created.content.title}`);
      location.hash = `#/risk/${encodeURIComponent(created.id)}`;
    } catch (e) {
      error.textContent = e.message;
    }
  });
  return h('section', {class: 'panel', 'aria-labelledby': 'new-title'}, h('h2', {id: 'new-title'}, 'New assessment'), form);
}
