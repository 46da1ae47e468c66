// The dashboard shell: sign-in, navigation by URL hash, the stream, and the shared confirmation.
import {api, ApiError, session, Stream} from './api.js?v=@VERSION@';
import {fill} from './dom.js?v=@VERSION@';
import * as overview from './overview.js?v=@VERSION@';
import * as services from './services.js?v=@VERSION@';
import * as service from './service.js?v=@VERSION@';
import * as doctor from './doctor.js?v=@VERSION@';
import * as risk from './risk.js?v=@VERSION@';
import * as assessment from './assessment.js?v=@VERSION@';
import * as alerts from './alerts.js?v=@VERSION@';
import * as deploys from './deploys.js?v=@VERSION@';
import * as hosts from './hosts.js?v=@VERSION@';

const $ = (id) => document.getElementById(id);
let ctx = null;
let cleanup = null;

/** Routes: #/overview, #/services, #/services/NAME, #/doctor, #/risk, #/risk/new, #/risk/ID, #/alerts, #/deploys, #/deploys/ID, #/hosts. */
function route() {
  const parts = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  switch (parts[0]) {
    case 'services': return parts[1] ? [service, 'services', parts[1]] : [services, 'services'];
    case 'doctor': return [doctor, 'doctor'];
    case 'risk': return parts[1] ? [assessment, 'risk', parts[1]] : [risk, 'risk'];
    case 'alerts': return ctx.me.features.alerts ? [alerts, 'alerts'] : [overview, 'overview'];
    case 'deploys': return ctx.me.features.deploys ? [deploys, 'deploys', parts[1]] : [overview, 'overview'];
    case 'hosts': return ctx.me.features.hosts ? [hosts, 'hosts'] : [overview, 'overview'];
    default: return [overview, 'overview'];
  }
}

function show() {
  if (!ctx) return;
  if (cleanup) cleanup();
  const [page, nav, arg] = route();
  for (const link of document.querySelectorAll('nav a')) {
    if (link.dataset.page === nav) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const root = fill($('page'));
  cleanup = page.render(root, ctx, arg) || null;
  $('main').focus({preventScroll: true});
}

/** Asks before an action; resolves true when confirmed. The dialog is modal and keyboard usable. */
function confirmAction(title, text, okLabel) {
  const dialog = $('confirm');
  $('confirm-title').textContent = title;
  $('confirm-text').textContent = text;
  $('confirm-ok').textContent = okLabel;
  dialog.returnValue = '';
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), {once: true});
    dialog.showModal();
    $('confirm-cancel').focus();
  });
}

function announce(text) {
  $('announce').textContent = text;
}

async function start() {
  let me;
  try {
    me = await api('/api/v1/whoami');
  } catch (e) {
    session.clear();
    showLogin(e instanceof ApiError && e.status === 401 ? 'That token was not accepted.' : `Cannot reach Warden: ${e.message}`);
    return;
  }
  $('login').hidden = true;
  $('top').hidden = false;
  // Pages of APIs this server lacks are neither linked nor routed.
  for (const link of document.querySelectorAll('nav a[data-feature]')) link.parentElement.hidden = !me.features[link.dataset.feature];
  $('who').textContent = `${me.user} (${me.scope}${me.roles.length ? `; ${me.roles.join(', ')}` : ''})`;
  const live = $('live');
  const stream = new Stream((on) => {
    live.textContent = on ? 'live' : 'offline';
    live.classList.toggle('on', on);
  });
  ctx = {me, stream, canWrite: me.scope === 'admin', confirm: confirmAction, announce};
  show();
}

function showLogin(message) {
  if (ctx) ctx.stream.close();
  if (cleanup) cleanup();
  cleanup = null;
  ctx = null;
  fill($('page'));
  $('top').hidden = true;
  $('login').hidden = false;
  $('login-error').textContent = message || '';
  $('token').value = '';
  $('token').focus();
}

$('login-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const token = $('token').value.trim();
  if (!token) {
    $('login-error').textContent = 'Enter a token.';
    return;
  }
  session.set(token);
  start();
});
$('logout').addEventListener('click', () => {
  session.clear();
  showLogin('Signed out.');
});
window.addEventListener('warden:logout', () => {
  session.clear();
  showLogin('The session ended: sign in again.');
});
window.addEventListener('hashchange', show);
// The skip link moves focus without touching the hash, which names the page.
document.querySelector('.skip').addEventListener('click', (event) => {
  event.preventDefault();
  $('main').focus();
});

if (session.token()) start();
else showLogin();
