// 双报到 activation (issue 11): a Party member opens /app/#/activate/{token} from the SMS, sees who the
// link is for and sets a password. Public routes: no bearer token is sent, whoever is signed in here.
import { HubProblem, problemOf } from '../shared/api';

export interface Activation { name: string; username: string; community?: string; communityName?: string; expiresAt?: string }

export const MIN_PASSWORD = 10;

/** The token in the address (#/activate/{token}), or null when this is not an activation link. */
export function activationToken(hash: string): string | null {
  const m = /^#\/activate\/([^/?#]+)\/?$/.exec(hash || '');
  if (!m) return null;
  try { return decodeURIComponent(m[1]); } catch { return null; }
}

/** Why the passwords cannot be sent yet (a message key), or null. */
export function passwordProblem(password: string, again: string): 'short' | 'mismatch' | null {
  if ([...password].length < MIN_PASSWORD) return 'short';
  if (password !== again) return 'mismatch';
  return null;
}

/** 404: unknown or already used; 410: expired. Anything else has no sentence of its own here. */
export function linkProblem(e: unknown): 'notFound' | 'expired' | null {
  if (!(e instanceof HubProblem)) return null;
  return e.status === 404 ? 'notFound' : e.status === 410 ? 'expired' : null;
}

async function publicJson<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method, cache: 'no-store',
      headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new HubProblem(0, String(e));
  }
  const text = await response.text();
  if (!response.ok) throw problemOf(response.status, text);
  return (text ? JSON.parse(text) : undefined) as T;
}

const path = (token: string) => `/api/v1/activations/${encodeURIComponent(token)}`;

export const readActivation = (token: string) => publicJson<Activation>('GET', path(token));

export const activate = (token: string, password: string) => publicJson<{ username: string }>('POST', path(token), { password });
