// What the app keeps on the phone so it opens offline: the login (token and user), the last inbox
// page and the open calls. The service worker reads the token from the Cache Storage copy to
// acknowledge a call from a notification.
import type { Call } from './calls';

export interface Role { role: string; scope: string; scopeName?: string }
export interface User { id: string; name: string; roles: Role[] }
export interface Session { token: string; user: User; expiresAt?: string }
export interface InboxItem {
  offset: number; at: string; kind: string; title: string; body: string;
  ref?: { type: string; id: string } | null; readAt?: string | null;
}
export interface Cached { calls: Call[]; inbox: InboxItem[]; savedAt: string | null; pendingReads: number[] }

const SESSION = 'sanwang.app.session';
const CACHE = 'sanwang.app.cache';
export const SW_SESSION_CACHE = 'sanwang-app-session';
export const SW_SESSION_URL = '/app/__session';

export function loadSession(): Session | null {
  try {
    const s = JSON.parse(localStorage.getItem(SESSION) || 'null');
    return s && typeof s.token === 'string' && s.user ? s : null;
  } catch { return null; }
}

export function saveSession(s: Session): void {
  localStorage.setItem(SESSION, JSON.stringify(s));
  shareWithServiceWorker(s.token);
}

export function clearSession(): void {
  localStorage.removeItem(SESSION);
  localStorage.removeItem(CACHE);
  shareWithServiceWorker(null);
}

export function loadCache(): Cached {
  try {
    const c = JSON.parse(localStorage.getItem(CACHE) || 'null');
    if (c && Array.isArray(c.calls) && Array.isArray(c.inbox))
      return { calls: c.calls, inbox: c.inbox, savedAt: c.savedAt ?? null, pendingReads: c.pendingReads ?? [] };
  } catch { /* a broken cache is an empty one */ }
  return { calls: [], inbox: [], savedAt: null, pendingReads: [] };
}

export function saveCache(c: Cached): void {
  try { localStorage.setItem(CACHE, JSON.stringify(c)); } catch { /* full: the live view still works */ }
}

/** The token for the service worker (it cannot read localStorage); removed on logout. */
function shareWithServiceWorker(token: string | null): void {
  if (typeof caches === 'undefined') return;
  caches.open(SW_SESSION_CACHE).then((c): Promise<unknown> => token
    ? c.put(SW_SESSION_URL, new Response(JSON.stringify({ token, lang: localStorage.getItem('sanwang.lang') || 'zh-CN' }),
      { headers: { 'Content-Type': 'application/json' } }))
    : c.delete(SW_SESSION_URL)).catch(() => { /* no Cache Storage: notifications open the app instead */ });
}
