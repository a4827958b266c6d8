// The responder app: alerts loud and at the top, one-tap actions, the resident's address and
// family phones, the inbox, and the building group. Every text from the hub goes in as textContent.
'use strict';

const T = {
  'zh-CN': { title: '三网枢纽 · 楼长', login: '登录', username: '用户名', password: '密码', signin: '登录', logout: '退出',
    alerts: '紧急呼叫', inbox: '通知', message: '消息', send: '发送', none: '暂无紧急呼叫', acknowledge: '我来处理',
    arrive: '我已到达', resolve: '办结', family: '家属', live: '已连接', lost: '连接中断，正在重连…', other: 'English',
    loginFailed: '用户名或密码不正确', group: '楼栋群', unit: '单元', states: { raised: '等待响应', acknowledged: '已响应',
      arrived: '已到达', resolved: '已办结', cancelled: '已取消' }, newAlert: '紧急呼叫：' },
  en: { title: 'Sanwang Hub · responder', login: 'Log in', username: 'Username', password: 'Password', signin: 'Log in',
    logout: 'Log out', alerts: 'Calls', inbox: 'Notices', message: 'Message', send: 'Send', none: 'No open calls',
    acknowledge: 'I will go', arrive: 'I am there', resolve: 'Resolve', family: 'Family', live: 'Connected',
    lost: 'Connection lost, reconnecting…', other: '中文', loginFailed: 'Wrong username or password', group: 'Building group',
    unit: 'unit', states: { raised: 'waiting', acknowledged: 'acknowledged', arrived: 'arrived', resolved: 'resolved',
      cancelled: 'cancelled' }, newAlert: 'Call: ' },
};
let lang = localStorage.getItem('sanwang.lang') || 'zh-CN';
let token = localStorage.getItem('sanwang.app.token');
let me = null;
const alerts = new Map();
const seen = new Set();
const t = (k) => T[lang][k] || k;
const $ = (id) => document.getElementById(id);
const el = (tag, text, cls) => { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; };

async function api(path, options = {}) {
  const headers = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = 'Bearer ' + token;
  const r = await fetch(path, Object.assign({}, options, { headers }));
  if (r.status === 401 && path !== '/api/v1/login') { logout(); throw new Error('unauthorized'); }
  const body = (r.headers.get('Content-Type') || '').includes('json') ? await r.json() : null;
  if (!r.ok) throw Object.assign(new Error(body && body.detail || r.statusText), { status: r.status });
  return body;
}

function render() {
  document.documentElement.lang = lang;
  document.querySelectorAll('[data-i18n]').forEach((n) => { n.textContent = t(n.dataset.i18n); });
  $('lang').textContent = t('other');
  renderAlerts();
}

function renderAlerts() {
  const list = $('alerts');
  list.replaceChildren();
  const open = [...alerts.values()].filter((a) => ['raised', 'acknowledged', 'arrived'].includes(a.state));
  if (!open.length) list.append(el('li', t('none'), 'none'));
  for (const a of open) {
    const li = el('li', undefined, a.state);
    li.dataset.alert = a.id;
    li.append(el('div', a.resident.name + ' · ' + a.address, 'title'));
    li.append(el('div', T[lang].states[a.state] + (a.acknowledgedBy ? ' · ' + a.acknowledgedBy.name : '')));
    for (const c of a.resident.contacts || []) {
      const link = el('a', t('family') + ' ' + c.name + ' ' + c.phone, 'tel');
      link.href = 'tel:' + c.phone;
      li.append(link);
    }
    const actions = el('div', undefined, 'actions');
    for (const action of ['acknowledge', 'arrive', 'resolve']) {
      const b = el('button', t(action), action === 'acknowledge' ? 'primary' : undefined);
      b.type = 'button';
      b.dataset.action = action;
      b.addEventListener('click', async () => {
        try { alerts.set(a.id, await api('/api/v1/alerts/' + encodeURIComponent(a.id) + '/' + action, { method: 'POST', body: '{}' })); }
        catch (err) { $('conn').textContent = err.message; }
        renderAlerts();
      });
      actions.append(b);
    }
    li.append(actions);
    list.append(li);
  }
}

async function onItem(item) {
  if (seen.has(item.offset)) return; // never show an item twice
  seen.add(item.offset);
  const li = el('li', undefined, item.readAt ? '' : 'unread');
  li.append(el('div', item.title, 't'), el('div', item.body));
  $('inbox').prepend(li);
  const recent = Date.now() - Date.parse(item.at) < 24 * 3600 * 1000;
  if (item.kind === 'alert' && item.ref && item.ref.type === 'alert' && recent) {
    try {
      const a = await api('/api/v1/alerts/' + encodeURIComponent(item.ref.id));
      const fresh = !alerts.has(a.id);
      alerts.set(a.id, a);
      renderAlerts();
      if (fresh && a.state === 'raised') {
        $('alert-announce').textContent = t('newAlert') + a.resident.name + ' ' + a.address;
        if (navigator.vibrate) navigator.vibrate([400, 200, 400]);
      }
    } catch (_) { /* no longer visible to this person */ }
  }
  if (!item.readAt) api('/api/v1/me/inbox/' + item.offset + '/read', { method: 'POST', body: '{}' }).catch(() => {});
}

function follow() {
  // The last items first, then live; EventSource resumes by Last-Event-ID on its own.
  const es = new EventSource('/api/v1/me/inbox/stream?after=0&access_token=' + encodeURIComponent(token));
  es.onopen = () => { $('conn').textContent = t('live'); };
  es.onerror = () => { $('conn').textContent = t('lost'); };
  es.onmessage = (e) => onItem(JSON.parse(e.data));
}

async function openGroup() {
  const building = me.roles.map((r) => r.scope).find((s) => /-B\d+$/.test(s));
  if (!building) return;
  $('group').hidden = false;
  $('group-title').textContent = t('group') + ' · ' + building;
  $('post').dataset.group = building;
  let last = 0;
  const es = new EventSource('/api/v1/groups/' + encodeURIComponent(building) + '/stream?after=0&access_token=' + encodeURIComponent(token));
  es.onmessage = (e) => {
    const m = JSON.parse(e.data);
    if (m.offset <= last) return;
    last = m.offset;
    const li = el('li');
    li.append(el('div', m.sender.name + ' · ' + new Date(m.at).toLocaleTimeString(lang), 'meta'), el('div', m.text));
    $('messages').append(li);
    while ($('messages').children.length > 100) $('messages').firstChild.remove();
  };
}

// Web Push, so that a call reaches this phone with the browser closed (the hub falls back to it
// when an alert stays unread).
async function subscribePush() {
  if (!('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window)) return;
  if (Notification.permission === 'denied') return;
  if (Notification.permission !== 'granted' && (await Notification.requestPermission()) !== 'granted') return;
  const registration = await navigator.serviceWorker.ready;
  const { publicKey } = await api('/api/v1/push/public-key');
  const raw = atob(publicKey.replace(/-/g, '+').replace(/_/g, '/'));
  const key = Uint8Array.from(raw, (c) => c.charCodeAt(0));
  const subscription = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
  await api('/api/v1/me/push-subscriptions', { method: 'POST', body: JSON.stringify(subscription.toJSON()) });
}

async function start(user) {
  me = user;
  $('login').hidden = true;
  $('home').hidden = false;
  $('who').textContent = user.name;
  renderAlerts();
  follow();
  openGroup();
  subscribePush().catch(() => { /* no push here: the inbox stream and SMS still reach this person */ });
}

function logout() {
  token = null;
  localStorage.removeItem('sanwang.app.token');
  location.reload();
}

document.addEventListener('DOMContentLoaded', async () => {
  render();
  if ('serviceWorker' in navigator) navigator.serviceWorker.register('/app/sw.js', { scope: '/app' }).catch(() => {});
  $('lang').addEventListener('click', () => { lang = lang === 'zh-CN' ? 'en' : 'zh-CN'; localStorage.setItem('sanwang.lang', lang); render(); });
  $('logout').addEventListener('click', logout);
  $('login').addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const r = await api('/api/v1/login', { method: 'POST', body: JSON.stringify({ username: $('username').value, password: $('password').value }) });
      token = r.token;
      localStorage.setItem('sanwang.app.token', token);
      start(r.user);
    } catch (err) {
      $('login-error').textContent = err.status === 401 ? t('loginFailed') : err.message;
    }
  });
  $('post').addEventListener('submit', async (e) => {
    e.preventDefault();
    const text = $('text').value.trim();
    if (!text) return;
    await api('/api/v1/groups/' + encodeURIComponent($('post').dataset.group) + '/messages', { method: 'POST',
      body: JSON.stringify({ text, clientMsgId: String(Date.now()) + Math.random() }) });
    $('text').value = '';
  });
  if (token) { try { start(await api('/api/v1/login')); } catch (_) { logout(); } }
});
