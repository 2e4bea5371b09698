// The cluster page: polls this controller's JSON admin API and renders it. Plain JavaScript, no libraries.
// Every read needs a login (any user); actions (start/stop a datanode, set configuration) are offered on the
// leader's page only, to an admin. Credentials are sent as HTTP Basic and kept for this browser tab only
// (sessionStorage). After the login the Notebook runs DolphinDB scripts on a datanode (POST /api/notebook) and
// shows tables as tables. A datanode's page (datanode.html, <body data-page="datanode">) has only the login and the
// Notebook, which runs scripts on that datanode; it polls the datanode's readiness instead of the cluster.
'use strict';

const POLL_MILLIS = 2000;
const DATANODE_PAGE = document.body.dataset.page === 'datanode';
const AUTH_KEY = 'dolphinAuth';
const state = { raft: null, leaderReady: false, user: null, admin: false };

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.substring(2), value);
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function fill(tableId, rows) {
  const body = document.querySelector('#' + tableId + ' tbody');
  body.replaceChildren(...rows);
}

function authHeader() {
  return sessionStorage.getItem(AUTH_KEY);
}

async function api(method, path, body, auth) {
  const headers = { 'X-Requested-With': 'fetch' };
  const credentials = auth || authHeader();
  if (credentials) headers['Authorization'] = credentials;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), redirect: 'manual' });
  let json = null;
  try { json = await response.json(); } catch (e) { /* no body */ }
  return { status: response.status, body: json };
}

function ago(millis) {
  if (millis === null || millis === undefined) return '—';
  if (millis < 1000) return millis + ' ms ago';
  if (millis < 120000) return (millis / 1000).toFixed(1) + ' s ago';
  return Math.round(millis / 60000) + ' min ago';
}

function renderIdentity(raft) {
  const role = raft.leaderReady ? 'leader' : (raft.role || 'none').toLowerCase();
  document.getElementById('identity').replaceChildren(
    'controller ', el('b', { id: 'self-alias' }, raft.alias), ' (', el('span', { id: 'self-role' }, role), ')',
    ' · leader: ', el('b', { id: 'leader-alias' }, raft.leader || 'none'), ' · term ', el('span', { id: 'term' }, raft.term));
  const banner = document.getElementById('follower-banner');
  const noLeader = document.getElementById('no-leader-banner');
  noLeader.hidden = !!raft.leader;
  if (!raft.leaderReady && raft.leader && raft.leaderSite) {
    banner.replaceChildren('This controller (', raft.alias, ') is a follower; it shows the cluster but does not change it. ',
      'Start or stop datanodes and change configuration on the leader: ',
      el('a', { id: 'leader-link', href: 'http://' + raft.leaderSite + '/' }, raft.leader + ' at ' + raft.leaderSite), '.');
    banner.hidden = false;
  } else {
    banner.hidden = true;
  }
  document.getElementById('admin').hidden = !(raft.leaderReady && state.admin);
}

function renderControllers(raft, nodes) {
  fill('controllers', nodes.controllers.map(c => el('tr', { class: c.leader ? 'leader' : '', 'data-alias': c.alias },
    el('td', {}, c.alias), el('td', {}, c.site),
    el('td', {}, c.leader ? 'leader' : 'follower'), el('td', {}, c.leader ? raft.term : ''))));
}

function renderNodes(nodes, datanodes) {
  const rows = [];
  const registered = new Map(nodes.nodes.map(n => [n.alias, n]));
  const listed = new Map(datanodes.datanodes.map(d => [d.alias, d]));
  const aliases = [...new Set([...registered.keys(), ...listed.keys()])].sort((a, b) => {
    const ma = (registered.get(a) || {}).mode || 'datanode', mb = (registered.get(b) || {}).mode || 'datanode';
    return ma === mb ? a.localeCompare(b, undefined, { numeric: true }) : ma.localeCompare(mb);
  });
  const canAct = state.leaderReady && state.admin;
  for (const alias of aliases) {
    const n = registered.get(alias) || {};
    const d = listed.get(alias);
    const mode = n.mode || 'datanode';
    const nodeState = n.state || 'unregistered';
    const actions = [];
    if (canAct && d) {
      actions.push(el('button', { type: 'button', 'data-action': 'start', 'data-alias': alias, onclick: () => datanodeAction(alias, 'start') }, 'Start'));
      actions.push(' ');
      actions.push(el('button', { type: 'button', 'data-action': 'stop', 'data-alias': alias, onclick: () => datanodeAction(alias, 'stop') }, 'Stop'));
    }
    rows.push(el('tr', { 'data-alias': alias, 'data-mode': mode },
      el('td', {}, alias), el('td', {}, mode), el('td', {}, n.site || (d && d.site) || ''),
      el('td', {}, n.machine || ''), el('td', {}, n.zone || ''),
      el('td', { class: 'state state-' + nodeState }, nodeState,
        n.draining ? [' ', el('span', { class: 'badge draining', title: 'its replicas are moving to other datanodes' }, 'draining')] : null),
      el('td', { class: 'heartbeat' }, n.alias ? (n.lastHeartbeatMillis === null || n.lastHeartbeatMillis === undefined ? '— (known to the leader)' : ago(n.lastHeartbeatMillis)) : ''),
      el('td', {}, d ? (d.agent || 'no live agent') : ''),
      el('td', { class: 'actions' }, actions)));
  }
  fill('nodes', rows);
  fillNotebookNodes(aliases.filter(a => (registered.get(a) || {}).mode === 'datanode' && registered.get(a).state === 'UP'));
  const select = document.getElementById('config-node');
  const wanted = ['', ...aliases, ...nodes.controllers.map(c => c.alias)];
  const have = [...select.options].map(o => o.value);
  if (wanted.join() !== have.join()) {
    const chosen = select.value;
    select.replaceChildren(...wanted.map(a => el('option', { value: a }, a === '' ? '(whole cluster)' : a)));
    select.value = wanted.includes(chosen) ? chosen : '';
  }
}

function renderData(metadata, replication, nodes) {
  const down = new Set(nodes.nodes.filter(n => n.state !== 'UP').map(n => n.alias));
  const schemes = new Map(metadata.databases.map(d => [d.name, d.partitionScheme]));
  fill('tables', metadata.tables.map(t => el('tr', {},
    el('td', {}, t.database), el('td', {}, schemes.get(t.database) || ''), el('td', {}, t.name),
    el('td', {}, t.columns.map(c => c.name + ' ' + c.type).join(', ')), el('td', {}, t.partitionColumn || ''))));
  const counts = { healthy: 0, under_replicated: 0, unavailable: 0 };
  for (const c of replication.chunks) counts[c.state] = (counts[c.state] || 0) + 1;
  document.getElementById('data-summary').replaceChildren(
    metadata.databases.length + ' database(s), ' + metadata.tables.length + ' table(s), ' + replication.chunks.length
    + ' chunk(s) at replication factor ' + replication.replicationFactor + ': ',
    el('span', { id: 'chunks-healthy' }, counts.healthy + ' healthy'), ', ',
    el('span', { id: 'chunks-under', class: counts.under_replicated ? 'state-DOWN' : '' }, counts.under_replicated + ' under-replicated'), ', ',
    el('span', { id: 'chunks-unavailable', class: counts.unavailable ? 'state-DOWN' : '' }, counts.unavailable + ' unavailable'));
  const order = { unavailable: 0, under_replicated: 1, healthy: 2 };
  const chunks = [...replication.chunks].sort((a, b) => (order[a.state] - order[b.state]) || a.id.localeCompare(b.id));
  fill('chunks', chunks.map(c => el('tr', { class: c.state, 'data-chunk': c.id },
    el('td', {}, c.database + ' / ' + c.table), el('td', {}, c.partitionKey),
    el('td', {}, c.replicas.map(r => el('span', { class: 'replica ' + (r.inSync ? 'in' : 'out') + (down.has(r.node) ? ' down' : ''),
      title: (r.inSync ? 'in sync' : 'out of sync') + (down.has(r.node) ? ', node down' : '') },
      r.node + ' v' + r.version + (r.inSync ? ' ✓' : ' ✗') + (down.has(r.node) ? ' (down)' : '')))),
    el('td', { class: 'chunk-state ' + c.state }, c.state.replace('_', '-')))));
  fill('config', Object.entries(metadata.config).map(([k, v]) => el('tr', {}, el('td', {}, k), el('td', {}, v))));
}

async function refreshDatanode() {
  const r = await api('GET', '/api/ready');
  if (!r.body || !r.body.alias) throw new Error('the datanode answered ' + r.status);
  document.getElementById('identity').replaceChildren('datanode ', el('b', { id: 'self-alias' }, r.body.alias), ' (',
    el('span', { id: 'self-ready' }, r.body.ready ? 'ready' : 'not ready: waiting for the controller leader'), ')');
}

async function refresh() {
  if (!state.user) return;
  try {
    if (DATANODE_PAGE) {
      await refreshDatanode();
      document.getElementById('error').hidden = true;
      document.getElementById('refreshed').textContent = 'updated ' + new Date().toLocaleTimeString();
      document.body.dataset.loaded = 'true';
      return;
    }
    const [raft, nodes, datanodes, replication, metadata] = await Promise.all(
      ['/api/raft', '/api/nodes', '/api/datanodes', '/api/replication', '/api/metadata'].map(p => api('GET', p)));
    for (const r of [raft, nodes, datanodes, replication, metadata]) {
      if (r.status === 401) { logout(); return; }
      if (r.status !== 200) throw new Error('the controller answered ' + r.status + (r.body && r.body.error ? ': ' + r.body.error : ''));
    }
    state.raft = raft.body;
    state.leaderReady = !!raft.body.leaderReady;
    renderIdentity(raft.body);
    renderControllers(raft.body, nodes.body);
    renderNodes(nodes.body, datanodes.body);
    renderData(metadata.body, replication.body, nodes.body);
    document.getElementById('error').hidden = true;
    document.getElementById('refreshed').textContent = 'updated ' + new Date().toLocaleTimeString();
    document.body.dataset.loaded = 'true';
  } catch (e) {
    const error = document.getElementById('error');
    error.textContent = (DATANODE_PAGE ? 'Cannot read this datanode\'s state: ' : 'Cannot read the cluster state from this controller: ') + e.message;
    error.hidden = false;
  }
}

function showStatus(id, text, failed) {
  const node = document.getElementById(id);
  node.textContent = text;
  node.className = failed ? 'failed' : '';
}

async function datanodeAction(alias, action) {
  showStatus('action-status', action + ' ' + alias + '…', false);
  const r = await api('POST', '/api/datanodes/' + encodeURIComponent(alias) + '/' + action);
  if (r.status === 200) {
    showStatus('action-status', alias + ': ' + (r.body.state || 'done') + ' (agent ' + r.body.agent + ')', false);
  } else {
    if (r.status === 401) logout();
    showStatus('action-status', action + ' ' + alias + ' refused (' + r.status + '): ' + ((r.body && r.body.error) || ''), true);
  }
  refresh();
}

async function setConfig(event) {
  event.preventDefault();
  const node = document.getElementById('config-node').value;
  const key = document.getElementById('config-key').value.trim();
  const value = document.getElementById('config-value').value;
  if (!key) { showStatus('action-status', 'a key is required', true); return; }
  const path = node ? '/api/nodes/' + encodeURIComponent(node) + '/config/' + encodeURIComponent(key)
                    : '/api/config/' + encodeURIComponent(key);
  const r = await api('PUT', path, { value });
  if (r.status === 200) showStatus('action-status', 'set ' + (node ? node + '.' : '') + key + '=' + value, false);
  else {
    if (r.status === 401) logout();
    showStatus('action-status', 'setting ' + key + ' refused (' + r.status + '): ' + ((r.body && r.body.error) || ''), true);
  }
  refresh();
}

async function login(event) {
  event.preventDefault();
  const user = document.getElementById('login-user').value;
  const password = document.getElementById('login-password').value;
  const header = 'Basic ' + btoa(unescape(encodeURIComponent(user + ':' + password)));
  showStatus('login-status', 'checking…', false);
  const r = await api('GET', '/api/admin/login', undefined, header);
  document.getElementById('login-password').value = '';
  if (r.status === 200) {
    sessionStorage.setItem(AUTH_KEY, header);
    sessionStorage.setItem(AUTH_KEY + 'User', r.body.user);
    sessionStorage.setItem(AUTH_KEY + 'Role', r.body.role);
    showStatus('login-status', '', false);
    showLogin();
  } else {
    showStatus('login-status', 'login refused (' + r.status + '): ' + ((r.body && r.body.error) || ''), true);
  }
}

function fillNotebookNodes(datanodes) {
  const select = document.getElementById('notebook-node');
  const wanted = ['', ...datanodes];
  if (wanted.join() === [...select.options].map(o => o.value).join()) return;
  const chosen = select.value;
  select.replaceChildren(...wanted.map(a => el('option', { value: a }, a === '' ? '(any live datanode)' : a)));
  select.value = wanted.includes(chosen) ? chosen : '';
}

async function runNotebook(event) {
  event.preventDefault();
  const script = document.getElementById('notebook-script').value;
  const datanode = DATANODE_PAGE ? '' : document.getElementById('notebook-node').value;
  const text = document.getElementById('notebook-text');
  const table = document.getElementById('notebook-table');
  showStatus('notebook-status', 'running…', false);
  const r = await api('POST', '/api/notebook', { script, datanode: datanode || null });
  text.hidden = true;
  table.hidden = true;
  if (r.status !== 200) {
    if (r.status === 401) logout();
    showStatus('notebook-status', 'failed (' + r.status + '): ' + ((r.body && r.body.error) || ''), true);
    return;
  }
  const result = r.body;
  if (result.columns) {
    table.querySelector('thead').replaceChildren(el('tr', {}, result.columns.map((c, i) => el('th', { title: result.types[i] }, c))));
    fill('notebook-table', result.rows.map(row => el('tr', {}, row.map(cell => el('td', {}, cell)))));
    table.hidden = false;
  } else if (result.form !== 'NOTHING') {
    text.textContent = result.text;
    text.hidden = false;
  }
  const shown = result.columns && result.rows.length < result.rowCount ? ', first ' + result.rows.length + ' of ' + result.rowCount + ' rows' : '';
  showStatus('notebook-status', 'ran on ' + result.datanode + ': ' + (result.form === 'NOTHING' ? 'no result' : result.form.toLowerCase()
    + (result.columns ? ' of ' + result.rowCount + ' rows' : '')) + shown, false);
}

function logout() {
  sessionStorage.removeItem(AUTH_KEY);
  sessionStorage.removeItem(AUTH_KEY + 'User');
  sessionStorage.removeItem(AUTH_KEY + 'Role');
  showLogin();
}

function showLogin() {
  state.user = authHeader() ? sessionStorage.getItem(AUTH_KEY + 'User') : null;
  const role = state.user ? sessionStorage.getItem(AUTH_KEY + 'Role') : null;
  state.admin = role === 'admin';
  document.getElementById('login-form').hidden = !!state.user;
  document.getElementById('logged-in').hidden = !state.user;
  document.getElementById('login-name').textContent = state.user || '';
  document.getElementById('login-role').textContent = role || '';
  document.getElementById('notebook').hidden = !state.user;
  if (!state.user && DATANODE_PAGE) {
    document.getElementById('identity').textContent = 'log in to run scripts on this datanode';
    delete document.body.dataset.loaded;
  } else if (!state.user) {
    document.getElementById('admin').hidden = true;
    document.getElementById('identity').textContent = 'log in to see the cluster';
    for (const id of ['controllers', 'nodes', 'tables', 'chunks', 'config']) fill(id, []);
    document.getElementById('data-summary').textContent = '';
    delete document.body.dataset.loaded;
  }
  refresh();
}

document.getElementById('login-form').addEventListener('submit', login);
document.getElementById('logout-button').addEventListener('click', logout);
if (!DATANODE_PAGE) document.getElementById('config-form').addEventListener('submit', setConfig);
document.getElementById('notebook-form').addEventListener('submit', runNotebook);
showLogin();
setInterval(refresh, POLL_MILLIS);
