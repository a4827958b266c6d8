// Sanwang Hub console: login, the organisation tree, and live building/community groups.
// Every text from the hub is put on the page with textContent, never as HTML.
'use strict';

const I18N = {
  'zh-CN': { title: '三网枢纽 控制台', login: '登录', username: '用户名', password: '密码', signin: '登录', logout: '退出',
    org: '组织', pickGroup: '请选择楼栋或社区', message: '消息', typeMessage: '输入消息…', send: '发送',
    live: '实时连接中', reconnecting: '连接中断，正在重连…', loginFailed: '用户名或密码不正确', other: 'English',
    alerts: '一键呼叫', close: '关闭', none: '目前没有未处理的呼叫', acknowledge: '响应', arrive: '已到达', resolve: '办结',
    cancel: '取消', timeline: '时间线', open: '已等待', minutes: '分钟', step: '升级第{n}步', presses: '按了{n}次',
    takenBy: '{who}已响应', newAlert: '新的一键呼叫：', note: '请填写处理情况（可不填）',
    states: { raised: '待响应', acknowledged: '已响应', arrived: '已到达', resolved: '已办结', cancelled: '已取消' },
    traffic: '实时流量', perSecond: '每秒消息', lastMinute: '近一分钟', network: '网络', allNetworks: '全部', srcHub: '枢纽',
    srcParty: '党建网', srcGovernance: '治理网', srcCommunity: '社区网', pause: '暂停', resume: '继续',
    byCommunity: '各社区（近一分钟）', latest: '最新消息',
    figures: '数据统计', from: '从', to: '到', show: '查看', csv: '导出 CSV', details: '详细信息', policy: '呼叫升级策略',
    save: '保存', saved: '已保存', stepLabel: '第{n}步：呼叫后（秒）', rolesLabel: '通知', roleHolders: '负责人',
    residents: '居民', livingAlone: '独居', device: '呼叫器', battery: '电量', lastSeen: '最近心跳', offline: '离线',
    cols: ['社区', '呼叫', '已响应', '响应中位(秒)', '响应P90(秒)', '60秒内响应', '180秒内响应', '到达中位(秒)', '设备', '离线', '消息'],
    sources: { hub: '枢纽', party: '党建网', governance: '治理网', community: '社区网' } },
  en: { title: 'Sanwang Hub console', login: 'Log in', username: 'Username', password: 'Password', signin: 'Log in',
    logout: 'Log out', org: 'Organisation', pickGroup: 'Choose a building or community', message: 'Message',
    typeMessage: 'Type a message…', send: 'Send', live: 'Live', reconnecting: 'Connection lost, reconnecting…',
    loginFailed: 'Wrong username or password', other: '中文',
    alerts: 'One-key calls', close: 'Close', none: 'No open calls', acknowledge: 'Acknowledge', arrive: 'Arrived',
    resolve: 'Resolve', cancel: 'Cancel', timeline: 'Timeline', open: 'open for', minutes: 'min', step: 'step {n}',
    presses: '{n} presses', takenBy: 'taken by {who}', newAlert: 'New call: ', note: 'What was done (optional)',
    states: { raised: 'waiting', acknowledged: 'acknowledged', arrived: 'arrived', resolved: 'resolved', cancelled: 'cancelled' },
    traffic: 'Live traffic', perSecond: 'Messages/s', lastMinute: 'Last minute', network: 'Network', allNetworks: 'All',
    srcHub: 'hub', srcParty: 'party', srcGovernance: 'governance', srcCommunity: 'community', pause: 'Pause', resume: 'Resume',
    byCommunity: 'By community (last minute)', latest: 'Latest messages',
    figures: 'Figures', from: 'From', to: 'To', show: 'Show', csv: 'Export CSV', details: 'Details',
    policy: 'Escalation policy', save: 'Save', saved: 'Saved', stepLabel: 'Step {n}: seconds after the call',
    rolesLabel: 'notify', roleHolders: 'Role holders', residents: 'Residents', livingAlone: 'living alone', device: 'Device',
    battery: 'battery', lastSeen: 'last heartbeat', offline: 'offline',
    cols: ['Community', 'Calls', 'Acknowledged', 'Ack median (s)', 'Ack p90 (s)', 'Ack ≤ 60 s', 'Ack ≤ 180 s', 'Arrive median (s)',
      'Devices', 'Offline', 'Messages'],
    sources: { hub: 'hub', party: 'party', governance: 'governance', community: 'community' } },
};
let lang = localStorage.getItem('sanwang.lang') || 'zh-CN';
const t = (k) => I18N[lang][k] || k;
const $ = (id) => document.getElementById(id);
let token = sessionStorage.getItem('sanwang.token');
let stream = null;

function applyLanguage() {
  document.documentElement.lang = lang;
  document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  document.querySelectorAll('[data-i18n-placeholder]').forEach((el) => { el.placeholder = t(el.dataset.i18nPlaceholder); });
  $('lang').textContent = t('other');
}

async function api(path, options = {}) {
  const headers = Object.assign({ 'Content-Type': 'application/json' }, options.headers || {});
  if (token) headers.Authorization = 'Bearer ' + token;
  const r = await fetch(path, Object.assign({}, options, { headers }));
  if (r.status === 401 && path !== '/api/v1/login') { logout(); throw new Error('unauthorized'); }
  const body = r.headers.get('Content-Type')?.includes('json') ? await r.json() : null;
  if (!r.ok) throw Object.assign(new Error(body?.detail || r.statusText), { status: r.status });
  return body;
}

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

// ---- the alert board: open calls first, live over SSE, with the actions and the timeline ----
const board = new Map();
let alertStream = null;

function beep() {
  try {
    const ctx = new (window.AudioContext || window.webkitAudioContext)();
    [0, 0.35].forEach((at) => {
      const o = ctx.createOscillator();
      o.frequency.value = 880;
      o.connect(ctx.destination);
      o.start(ctx.currentTime + at);
      o.stop(ctx.currentTime + at + 0.2);
    });
  } catch (_) { /* no audio: the flash and the announcement remain */ }
}

function renderBoard(flashId) {
  const list = $('alerts');
  list.replaceChildren();
  const open = [...board.values()].filter((a) => ['raised', 'acknowledged', 'arrived'].includes(a.state))
    .sort((a, b) => (a.state === 'raised' ? 0 : 1) - (b.state === 'raised' ? 0 : 1) || a.raisedAt.localeCompare(b.raisedAt));
  $('alert-count').textContent = String(open.length);
  if (!open.length) list.append(el('li', t('none'), 'none'));
  for (const a of open) {
    const li = el('li', undefined, a.state + (a.id === flashId ? ' flash' : ''));
    li.dataset.alert = a.id;
    const minutes = Math.max(0, Math.floor((Date.now() - Date.parse(a.raisedAt)) / 60000));
    li.append(el('div', (a.resident ? a.resident.name : '') + ' · ' + (a.address || a.building || ''), 'who'));
    li.append(el('div', I18N[lang].states[a.state] + ' · ' + t('open') + ' ' + minutes + ' ' + t('minutes') + ' · '
      + t('step').replace('{n}', a.step) + ' · ' + t('presses').replace('{n}', a.pressCount)
      + (a.acknowledgedBy ? ' · ' + t('takenBy').replace('{who}', a.acknowledgedBy.name) : ''), 'meta'));
    const actions = el('div', undefined, 'actions');
    for (const action of ['acknowledge', 'arrive', 'resolve', 'cancel']) {
      const b = el('button', t(action), action === 'acknowledge' ? 'primary' : undefined);
      b.type = 'button';
      b.dataset.action = action;
      b.addEventListener('click', () => act(a.id, action));
      actions.append(b);
    }
    const tl = el('button', t('timeline'));
    tl.type = 'button';
    tl.addEventListener('click', () => showTimeline(a.id));
    actions.append(tl);
    li.append(actions);
    list.append(li);
  }
}

async function act(id, action) {
  const note = action === 'resolve' || action === 'cancel' ? (window.prompt(t('note')) || '') : '';
  try {
    const a = await api('/api/v1/alerts/' + encodeURIComponent(id) + '/' + action, { method: 'POST', body: JSON.stringify({ note }) });
    board.set(a.id, Object.assign({}, board.get(a.id), { state: a.state, acknowledgedBy: a.acknowledgedBy }));
    renderBoard();
  } catch (err) {
    $('alerts-state').textContent = err.message;
  }
}

async function showTimeline(id) {
  const a = await api('/api/v1/alerts/' + encodeURIComponent(id));
  $('timeline-title').textContent = t('timeline') + ' · ' + a.resident.name + ' · ' + a.address;
  const ol = $('timeline');
  ol.replaceChildren();
  for (const e of a.timeline) {
    const li = el('li');
    li.append(el('span', new Date(e.at).toLocaleTimeString(lang), 't'),
      el('span', [e.type, e.to, e.channel, e.by, e.text].filter(Boolean).join(' · ')));
    ol.append(li);
  }
  $('timeline-view').hidden = false;
}

async function startBoard() {
  $('alerts-view').hidden = false;
  const list = await api('/api/v1/alerts?state=open');
  board.clear();
  for (const a of list.alerts) board.set(a.id, a);
  renderBoard();
  if (alertStream) alertStream.close();
  alertStream = new EventSource('/api/v1/alerts/stream?access_token=' + encodeURIComponent(token));
  alertStream.onopen = () => { $('alerts-state').textContent = t('live'); };
  alertStream.onerror = () => { $('alerts-state').textContent = t('reconnecting'); };
  alertStream.addEventListener('alert', (e) => {
    const a = JSON.parse(e.data);
    const isNew = !board.has(a.id);
    board.set(a.id, a);
    renderBoard(isNew ? a.id : undefined);
    if (isNew && a.state === 'raised') {
      beep();
      $('alert-announce').textContent = t('newAlert') + (a.resident ? a.resident.name : '') + ' ' + (a.address || '');
    }
  });
  setInterval(() => renderBoard(), 30000); // keep "open for" current
}

// ---- live traffic: per-second counts by network and community, a 60 s chart, the latest messages ----
const SOURCES = ['hub', 'party', 'governance', 'community'];
const COLOURS = { hub: '#b30000', party: '#d4a000', governance: '#0057b3', community: '#1a7f37' };
const seconds = []; // [{at, bySource, byCommunity}], newest last, 60 kept
const communityNames = {};
let trafficStream = null;
let paused = false;
let pending = { bySource: {}, byCommunity: {} };

function tickTraffic() {
  seconds.push({ bySource: pending.bySource, byCommunity: pending.byCommunity });
  pending = { bySource: {}, byCommunity: {} };
  while (seconds.length > 60) seconds.shift();
  const filter = $('traffic-source').value;
  const count = (s) => filter ? (s.bySource[filter] || 0) : Object.values(s.bySource).reduce((a, b) => a + b, 0);
  $('traffic-rate').textContent = String(count(seconds[seconds.length - 1]));
  $('traffic-total').textContent = String(seconds.reduce((a, s) => a + count(s), 0));
  const perCommunity = {};
  for (const s of seconds) for (const [c, n] of Object.entries(s.byCommunity)) perCommunity[c] = (perCommunity[c] || 0) + n;
  const top = Object.entries(perCommunity).sort((a, b) => b[1] - a[1]).slice(0, 10);
  $('traffic-communities').replaceChildren(...top.map(([c, n]) => el('li', (communityNames[c] || c) + ' · ' + n)));
  drawChart(filter);
}

function drawChart(filter) {
  const canvas = $('traffic-chart');
  const g = canvas.getContext('2d');
  const w = canvas.width, h = canvas.height;
  g.clearRect(0, 0, w, h);
  const shown = filter ? [filter] : SOURCES;
  const max = Math.max(1, ...seconds.flatMap((s) => shown.map((src) => s.bySource[src] || 0)));
  g.font = '14px sans-serif';
  g.fillStyle = '#555';
  g.fillText(String(max) + '/s', 4, 14);
  for (const src of shown) {
    g.strokeStyle = COLOURS[src];
    g.lineWidth = 3;
    g.beginPath();
    seconds.forEach((s, i) => {
      const x = (i + 60 - seconds.length) * (w / 59);
      const y = h - 4 - ((s.bySource[src] || 0) / max) * (h - 24);
      if (i === 0) g.moveTo(x, y); else g.lineTo(x, y);
    });
    g.stroke();
  }
  $('traffic-legend').replaceChildren(...shown.map((src) => {
    const span = el('span', '■ ' + t('src' + src[0].toUpperCase() + src.slice(1)));
    span.style.color = COLOURS[src];
    return span;
  }));
}

function startTraffic() {
  $('traffic-view').hidden = false;
  if (trafficStream) trafficStream.close();
  trafficStream = new EventSource('/api/v1/traffic/stream?access_token=' + encodeURIComponent(token));
  trafficStream.addEventListener('rates', (e) => {
    const r = JSON.parse(e.data);
    Object.assign(communityNames, r.communityNames);
    for (const [k, n] of Object.entries(r.bySource)) pending.bySource[k] = (pending.bySource[k] || 0) + n;
    for (const [k, n] of Object.entries(r.byCommunity)) pending.byCommunity[k] = (pending.byCommunity[k] || 0) + n;
  });
  trafficStream.addEventListener('message', (e) => {
    if (paused) return;
    const m = JSON.parse(e.data);
    const filter = $('traffic-source').value;
    if (filter && m.source !== filter) return;
    const li = el('li');
    const meta = el('div', '', 'meta');
    meta.append(el('span', I18N[lang].sources[m.source] || m.source, 'src'),
      el('span', m.groupName + ' · ' + m.sender + ' · ' + new Date(m.at).toLocaleTimeString(lang)));
    li.append(meta, el('div', m.text));
    const list = $('traffic-messages');
    list.prepend(li);
    while (list.children.length > 50) list.lastChild.remove();
  });
  setInterval(tickTraffic, 1000);
}

// ---- figures leaders ask for, with CSV export ----
function figuresQuery() {
  const q = new URLSearchParams();
  if ($('figures-from').value) q.set('from', $('figures-from').value);
  if ($('figures-to').value) q.set('to', $('figures-to').value);
  return q;
}

async function showFigures() {
  $('figures-view').hidden = false;
  const f = await api('/api/v1/figures?' + figuresQuery());
  const pct = (x) => x == null ? '–' : Math.round(x * 1000) / 10 + '%';
  const num = (x) => x == null ? '–' : String(Math.round(x));
  const table = $('figures-table');
  const head = el('tr');
  for (const c of t('cols')) head.append(el('th', c));
  const rows = f.communities.map((c) => {
    const tr = el('tr');
    [c.name, c.alerts.alerts, c.alerts.acknowledged, num(c.alerts.ackMedianSeconds), num(c.alerts.ackP90Seconds),
      pct(c.alerts.ackWithin60sShare), pct(c.alerts.ackWithin180sShare), num(c.alerts.arriveMedianSeconds), c.devices,
      c.devicesOffline, c.messages].forEach((v) => tr.append(el('td', String(v))));
    return tr;
  });
  table.replaceChildren(head, ...rows);
}

async function downloadCsv() {
  const q = figuresQuery();
  q.set('format', 'csv');
  const r = await fetch('/api/v1/figures?' + q, { headers: { Authorization: 'Bearer ' + token } });
  const url = URL.createObjectURL(await r.blob());
  const a = el('a');
  a.href = url;
  a.download = 'sanwang-figures.csv';
  a.click();
  URL.revokeObjectURL(url);
}

async function showApp(user) {
  $('login-view').hidden = true;
  $('app-view').hidden = false;
  startBoard().catch((err) => { $('alerts-state').textContent = err.message; });
  startTraffic();
  showFigures().catch(() => {});
  $('logout').hidden = false;
  $('who').textContent = user.name;
  const roots = await api('/api/v1/org');
  const tree = $('tree');
  tree.replaceChildren();
  for (const r of roots) tree.append(node(r));
}

function node(ref) {
  const li = el('li');
  li.setAttribute('role', 'treeitem');
  const b = el('button', ref.name + (ref.level === 'building' || ref.level === 'community' ? '' : ' ▸'));
  b.type = 'button';
  b.dataset.code = ref.code;
  let loaded = false;
  b.addEventListener('click', async () => {
    if (ref.level === 'building' || ref.level === 'community') openGroup(ref, b);
    if (ref.level === 'building' || loaded) return;
    loaded = true;
    const n = await api('/api/v1/org/' + encodeURIComponent(ref.code));
    const ul = el('ul');
    ul.setAttribute('role', 'group');
    for (const c of n.children.filter((c) => c.level !== 'unit')) ul.append(node(c));
    li.append(ul);
    li.setAttribute('aria-expanded', 'true');
  });
  li.append(b);
  return li;
}

async function showNode(ref) {
  const n = await api('/api/v1/org/' + encodeURIComponent(ref.code));
  const body = $('node-body');
  body.replaceChildren();
  body.append(el('h3', t('roleHolders')));
  const holders = el('ul');
  for (const h of n.roleHolders) holders.append(el('li', h.role + '：' + h.people.map((p) => p.name + ' ' + (p.phone || '')).join('，')));
  body.append(holders);
  if (n.residents) {
    body.append(el('h3', t('residents')));
    const table = el('table');
    for (const r of n.residents) {
      const tr = el('tr');
      const name = el('td', r.name + ' ' + r.unit + '-' + r.room);
      if (r.flags.includes('living_alone')) name.append(el('span', t('livingAlone'), 'badge'));
      const devices = el('td', r.devices.map((d) => d.id + (d.offline ? ' · ' + t('offline') : '')
        + (d.battery != null ? ' · ' + t('battery') + ' ' + d.battery + '%' : '')
        + (d.lastHeartbeat ? ' · ' + t('lastSeen') + ' ' + new Date(d.lastHeartbeat).toLocaleString(lang) : '')).join('；'));
      tr.append(name, devices);
      table.append(tr);
    }
    body.append(table);
  }
  $('node-info').hidden = false;
}

async function showPolicy(code) {
  const p = await api('/api/v1/communities/' + encodeURIComponent(code) + '/escalation-policy');
  const seconds = (d) => { const m = /PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?/.exec(d) || []; return (+m[1] || 0) * 3600 + (+m[2] || 0) * 60 + (+m[3] || 0); };
  const steps = $('policy-steps');
  steps.replaceChildren();
  p.steps.forEach((s, i) => {
    const row = el('div', undefined, 'step');
    const after = el('input');
    after.type = 'number'; after.min = '0'; after.value = String(seconds(s.after)); after.dataset.after = i;
    after.setAttribute('aria-label', t('stepLabel').replace('{n}', i + 1));
    const roles = el('input');
    roles.value = s.notify.join(', '); roles.dataset.roles = i;
    roles.setAttribute('aria-label', t('rolesLabel') + ' ' + (i + 1));
    row.append(el('span', t('stepLabel').replace('{n}', i + 1)), after, el('span', t('rolesLabel')), roles);
    steps.append(row);
  });
  $('policy-repeat').value = String(Math.round(seconds(p.repeatEvery) / 60));
  $('policy-arrive').value = String(Math.round(seconds(p.arriveWithin) / 60));
  $('policy').dataset.community = code;
  $('policy-result').textContent = '';
  $('policy').hidden = false;
}

async function savePolicy() {
  const steps = [...document.querySelectorAll('#policy-steps .step')].map((row) => ({
    after: 'PT' + (+row.querySelector('[data-after]').value || 0) + 'S',
    notify: row.querySelector('[data-roles]').value.split(/[,，\s]+/).filter(Boolean),
  }));
  try {
    await api('/api/v1/communities/' + encodeURIComponent($('policy').dataset.community) + '/escalation-policy', {
      method: 'PUT', body: JSON.stringify({ steps, repeatEvery: 'PT' + (+$('policy-repeat').value) + 'M',
        arriveWithin: 'PT' + (+$('policy-arrive').value) + 'M' }) });
    $('policy-result').textContent = t('saved');
  } catch (err) {
    $('policy-result').textContent = err.message;
  }
}

function openGroup(ref, button) {
  $('node-info').hidden = true;
  $('policy').hidden = true;
  showNode(ref).catch(() => {});
  if (ref.level === 'community') showPolicy(ref.code).catch(() => {});
  document.querySelectorAll('.tree button[aria-current]').forEach((x) => x.removeAttribute('aria-current'));
  button.setAttribute('aria-current', 'true');
  $('group-title').textContent = ref.name + ' · ' + ref.code;
  $('messages').replaceChildren();
  $('post').hidden = false;
  $('post').dataset.group = ref.code;
  if (stream) stream.close();
  let last = 0;
  const url = '/api/v1/groups/' + encodeURIComponent(ref.code) + '/stream?after=0&access_token=' + encodeURIComponent(token);
  stream = new EventSource(url);
  stream.onopen = () => { $('stream-state').textContent = t('live'); };
  stream.onerror = () => { $('stream-state').textContent = t('reconnecting'); };
  stream.onmessage = (e) => {
    const m = JSON.parse(e.data);
    if (m.offset <= last) return; // never show a message twice
    last = m.offset;
    const li = el('li');
    const meta = el('div', '', 'meta');
    meta.append(el('span', (I18N[lang].sources[m.source] || m.source), 'src'),
      el('span', m.sender.name + ' · ' + new Date(m.at).toLocaleString(lang)));
    li.append(meta, el('div', m.text));
    const list = $('messages');
    list.append(li);
    while (list.children.length > 200) list.firstChild.remove();
    list.scrollTop = list.scrollHeight;
  };
}

function logout() {
  token = null;
  sessionStorage.removeItem('sanwang.token');
  if (stream) stream.close();
  if (alertStream) alertStream.close();
  if (trafficStream) trafficStream.close();
  $('traffic-view').hidden = true;
  $('figures-view').hidden = true;
  $('alerts-view').hidden = true;
  $('app-view').hidden = true;
  $('login-view').hidden = false;
  $('logout').hidden = true;
  $('who').textContent = '';
}

document.addEventListener('DOMContentLoaded', async () => {
  applyLanguage();
  $('lang').addEventListener('click', () => {
    lang = lang === 'zh-CN' ? 'en' : 'zh-CN';
    localStorage.setItem('sanwang.lang', lang);
    applyLanguage();
    if (!$('alerts-view').hidden) { renderBoard(); showFigures().catch(() => {}); }
  });
  $('logout').addEventListener('click', logout);
  $('timeline-close').addEventListener('click', () => { $('timeline-view').hidden = true; });
  $('figures-form').addEventListener('submit', (e) => { e.preventDefault(); showFigures(); });
  $('policy').addEventListener('submit', (e) => { e.preventDefault(); savePolicy(); });
  $('figures-csv').addEventListener('click', () => downloadCsv());
  $('traffic-pause').addEventListener('click', () => {
    paused = !paused;
    $('traffic-pause').setAttribute('aria-pressed', String(paused));
    $('traffic-pause').textContent = paused ? t('resume') : t('pause');
  });
  $('login').addEventListener('submit', async (e) => {
    e.preventDefault();
    $('login-error').textContent = '';
    try {
      const r = await api('/api/v1/login', { method: 'POST',
        body: JSON.stringify({ username: $('username').value, password: $('password').value }) });
      token = r.token;
      sessionStorage.setItem('sanwang.token', token);
      await showApp(r.user);
    } catch (err) {
      $('login-error').textContent = err.status === 401 ? t('loginFailed') : err.message;
    }
  });
  $('post').addEventListener('submit', async (e) => {
    e.preventDefault();
    const text = $('text').value.trim();
    if (!text) return;
    await api('/api/v1/groups/' + encodeURIComponent($('post').dataset.group) + '/messages', { method: 'POST',
      body: JSON.stringify({ text, clientMsgId: crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) }) });
    $('text').value = '';
  });
  if (token) {
    try { await showApp(await api('/api/v1/login')); } catch (_) { logout(); }
  }
});
