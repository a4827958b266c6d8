// Web Push on this phone: subscribe with the hub's VAPID key, and subscribe again when the hub's key
// changed since (a subscription made with the old key is refused by the push service).

export type PushPlan = 'subscribe' | 'resubscribe' | 'keep';

/**
 * What to do given the hub's current key, the key this phone last subscribed with, and the key of the
 * subscription the browser holds now (null when there is none).
 */
export function pushPlan(hubKey: string, storedKey: string | null, subscriptionKey: string | null): PushPlan {
  if (subscriptionKey == null) return 'subscribe';
  const current = normalise(hubKey);
  if (normalise(subscriptionKey) !== current) return 'resubscribe';
  if (storedKey != null && normalise(storedKey) !== current) return 'resubscribe';
  return 'keep';
}

function normalise(key: string): string {
  return key.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
}

export function base64UrlToBytes(key: string): Uint8Array {
  const b64 = key.replace(/-/g, '+').replace(/_/g, '/');
  const raw = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(raw, (c) => c.charCodeAt(0));
}

export function bytesToBase64Url(bytes: ArrayBuffer | null): string | null {
  if (!bytes) return null;
  let s = '';
  new Uint8Array(bytes).forEach((b) => { s += String.fromCharCode(b); });
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export const PUSH_KEY = 'sanwang.app.pushKey';
