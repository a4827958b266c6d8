/// <reference lib="webworker" />
// The responder app's service worker (served at /app/sw.js, scope /app): precaches the app shell so
// /app opens offline (never an API answer: a call must never come from a cache), and shows Web Push
// notifications whose actions acknowledge the call (我来处理) or open the app on it (打开).
import { cleanupOutdatedCaches, precacheAndRoute } from 'workbox-precaching';
import { clientsClaim } from 'workbox-core';
import { SW_SESSION_CACHE, SW_SESSION_URL } from './storage';

declare const self: ServiceWorkerGlobalScope;

self.skipWaiting();
clientsClaim();
cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST, { ignoreURLParametersMatching: [/.*/], cleanURLs: false });

interface PushPayload { title?: string; body?: string; kind?: string; ref?: { type?: string; id?: string } }

const WORDS = {
  'zh-CN': { app: '三网枢纽', acknowledge: '我来处理', open: '打开', done: '已确认：由您处理', failed: '未能确认，请在应用里处理' },
  en: { app: 'Sanwang Hub', acknowledge: 'I will handle it', open: 'Open', done: 'Acknowledged: it is yours', failed: 'Could not acknowledge; please use the app' },
};

async function session(): Promise<{ token?: string; lang?: string }> {
  try {
    const r = await (await caches.open(SW_SESSION_CACHE)).match(SW_SESSION_URL);
    return r ? await r.json() : {};
  } catch { return {}; }
}

async function words() {
  return (await session()).lang === 'en' ? WORDS.en : WORDS['zh-CN'];
}

self.addEventListener('push', (event) => {
  event.waitUntil((async () => {
    let data: PushPayload = {};
    try { data = event.data ? event.data.json() : {}; } catch { data = { body: event.data ? event.data.text() : '' }; }
    const w = await words();
    const alertId = data.kind === 'alert' && data.ref?.type === 'alert' ? data.ref.id : undefined;
    const options: NotificationOptions & { actions?: { action: string; title: string }[]; renotify?: boolean; vibrate?: number[] } = {
      body: data.body || '',
      tag: alertId || data.ref?.id || undefined,
      icon: '/assets/app-icon-192-v1.png',
      badge: '/assets/app-icon-192-v1.png',
      data: { alertId, url: alertId ? `/app#call=${encodeURIComponent(alertId)}` : '/app' },
      requireInteraction: !!alertId,
    };
    if (alertId) {
      options.actions = [{ action: 'acknowledge', title: w.acknowledge }, { action: 'open', title: w.open }];
      options.renotify = true;
      options.vibrate = [400, 200, 400, 200, 400];
    }
    await self.registration.showNotification(data.title || w.app, options);
  })());
});

/** 我来处理 straight from the notification, with the token the app left; else the app opens on the call. */
async function acknowledge(alertId: string): Promise<boolean> {
  const { token } = await session();
  if (!token) return false;
  try {
    const auth = { Authorization: 'Bearer ' + token };
    const r = await fetch(`/api/v1/alerts/${encodeURIComponent(alertId)}/acknowledge`, {
      method: 'POST', headers: { ...auth, 'Content-Type': 'application/json', Accept: 'application/json' }, body: '{}',
    });
    if (!r.ok) return false;
    // Taking the call reads its inbox items (the receipts the hub's fallback waits for).
    const page = await fetch('/api/v1/me/inbox?after=0&limit=500', { headers: { ...auth, Accept: 'application/json' } });
    if (page.ok) {
      const { items } = await page.json() as { items: { offset: number; readAt?: string; ref?: { type: string; id: string } }[] };
      await Promise.all(items.filter((i) => !i.readAt && i.ref?.type === 'alert' && i.ref.id === alertId).map((i) =>
        fetch(`/api/v1/me/inbox/${i.offset}/read`, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: '{}' })));
    }
    return true;
  } catch { return false; }
}

async function openApp(url: string, alertId?: string): Promise<void> {
  const list = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  for (const c of list) {
    if (new URL(c.url).pathname.startsWith('/app')) {
      const focused = await (c as WindowClient).focus();
      if (alertId) focused.postMessage({ type: 'open-call', id: alertId });
      return;
    }
  }
  await self.clients.openWindow(url);
}

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const { alertId, url } = (event.notification.data || {}) as { alertId?: string; url?: string };
  event.waitUntil((async () => {
    if (event.action === 'acknowledge' && alertId) {
      if (await acknowledge(alertId)) {
        const w = await words();
        await self.registration.showNotification(w.done, { tag: alertId, body: event.notification.body, icon: '/assets/app-icon-192-v1.png' });
        return;
      }
    }
    await openApp(url || '/app', alertId);
  })());
});
