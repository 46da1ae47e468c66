// Doctor: duplicates, orphans, port owners, failed services and stale PID files, as GET
// /api/v1/doctor reports them; admins can fix (stop what was listed, clear the files) after confirming.
import {api} from './api.js?v=@VERSION@';
import {badge, bytes, dateTime, fill, h, section, table} from './dom.js?v=@VERSION@';

export function render(root, ctx) {
  const body = h('div', {id: 'doctor-report'}, h('p', {}, 'Scanning…'));
  const rescan = h('button', {type: 'button', class: 'secondary', onclick: () => load()}, 'Scan again');
  const fix = ctx.canWrite ? h('button', {type: 'button', class: 'danger', id: 'doctor-fix', hidden: true, onclick: async () => {
    if (!(await ctx.confirm('Fix the listed problems?', 'Stops the listed duplicate and orphan process trees '
      + '(re-checked by PID and start time first) and clears the listed PID files.', 'Fix'))) return;
    fix.disabled = true;
    try {
      const result = await api('/api/v1/doctor/fix', {method: 'POST', body: {}});
      show(result.after, result.actions);
      ctx.announce(`Fixed: ${result.actions.length} action(s)`);
    } catch (e) {
      ctx.announce(`Fix failed: ${e.message}`);
    } finally {
      fix.disabled = false;
    }
  }}, 'Fix') : null;
  fill(root, h('h1', {}, 'Doctor'), h('div', {class: 'toolbar'}, rescan, fix), body);

  let closed = false;
  const load = () => api('/api/v1/doctor').then((report) => !closed && show(report, null))
    .catch((e) => fill(body, h('p', {class: 'error', role: 'alert'}, e.message)));
  const show = (report, actions) => {
    if (fix) fix.hidden = report.clean;
    fill(body,
      h('p', {id: 'doctor-summary'}, report.clean ? badge('healthy', 'clean') : badge('failed', `${report.problems} problem(s)`),
        ` scanned ${dateTime(report.takenAt)}; state directory ${report.stateDir}`),
      actions && actions.length ? section('Actions taken', table(['Target', 'Kind', 'PID', 'Outcome', 'Detail'],
        actions.map((a) => [a.target, a.kind, a.pid, a.outcome, a.detail]))) : null,
      section('Services', table(['Service', 'State', 'Supervised PID', 'Problems'],
        report.services.map((s) => [s.name, badge(s.state), s.supervised ? s.supervised.pid : '–',
          s.problems ? badge('failed', String(s.problems)) : badge('healthy', 'none')]))),
      report.services.filter((s) => s.problems).map((s) => section(`${s.name}: findings`,
        [...s.duplicates, ...s.orphans].length ? table(['Kind', 'PID', 'Started', 'RSS', 'Command', 'Why'],
          [...s.duplicates, ...s.orphans].map((p) => [p.kind, p.pid, dateTime(p.started), bytes(p.rssBytes), p.command, p.why])) : null,
        s.portOwners.filter((o) => !o.supervised).length ? table(['Port', 'PID', 'Command'],
          s.portOwners.filter((o) => !o.supervised).map((o) => [o.port, o.pid, o.command])) : null,
        s.failed ? h('p', {}, badge('failed'), ` ${s.failed.reason}`) : null)),
      report.files.length ? section('PID files', table(['File', 'Status', 'Detail'],
        report.files.map((f) => [f.path, badge('failed', f.status), f.detail]))) : null);
  };
  load();
  return () => { closed = true; };
}
