// The responder app's service worker: keeps the app shell for offline starts; API calls always go
// to the network (an alert must never come from a cache).
const SHELL = 'sanwang-app-v2';
const FILES = ['/app', '/assets/app.css', '/assets/app.js', '/assets/icon.svg', '/app/manifest.webmanifest'];

self.addEventListener('install', (e) => e.waitUntil(caches.open(SHELL).then((c) => c.addAll(FILES)).then(() => self.skipWaiting())));
self.addEventListener('activate', (e) => e.waitUntil(caches.keys()
  .then((keys) => Promise.all(keys.filter((k) => k !== SHELL).map((k) => caches.delete(k))))
  .then(() => self.clients.claim())));
self.addEventListener('fetch', (e) => {
  const url = new URL(e.request.url);
  if (e.request.method !== 'GET' || url.pathname.startsWith('/api/')) return;
  e.respondWith(fetch(e.request).then((r) => {
    const copy = r.clone();
    if (r.ok && FILES.includes(url.pathname)) caches.open(SHELL).then((c) => c.put(e.request, copy));
    return r;
  }).catch(() => caches.match(e.request)));
});

// Web Push: an alert reaches a closed browser or a locked phone. The payload is {title, body, kind, ref}.
self.addEventListener('push', (e) => {
  let data = {};
  try { data = e.data ? e.data.json() : {}; } catch (_) { data = { title: '三网枢纽', body: e.data ? e.data.text() : '' }; }
  const urgent = data.kind === 'alert';
  e.waitUntil(self.registration.showNotification(data.title || '三网枢纽', {
    body: data.body || '', tag: data.ref && data.ref.id ? data.ref.id : undefined, renotify: urgent,
    requireInteraction: urgent, vibrate: urgent ? [400, 200, 400, 200, 400] : undefined, icon: '/assets/icon.svg',
    data: { url: '/app' } }));
});
self.addEventListener('notificationclick', (e) => {
  e.notification.close();
  e.waitUntil(self.clients.matchAll({ type: 'window' }).then((list) => {
    for (const c of list) if (c.url.includes('/app') && 'focus' in c) return c.focus();
    return self.clients.openWindow('/app');
  }));
});
