// Who is signed in. The token lives in sessionStorage (this tab only, as before); a 401 signs out.
// Everything live (streams, timers, the alarm) hangs off the session: started once at sign-in and
// torn down at sign-out, so signing in again without a reload never doubles a stream (defect 12).
import { reactive } from 'vue';
import { configureApi, get, post, HubProblem } from '../shared/api';

export interface RoleGrant { role: string; scope: string; scopeName?: string }
export interface User { id: string; name: string; roles: RoleGrant[] }

const KEY = 'sanwang.token';

export const session = reactive({
  token: sessionStorage.getItem(KEY) as string | null,
  user: null as User | null,
});

type Hook = () => void;
const startHooks: Hook[] = [];
const stopHooks: Hook[] = [];
let live = false;

/** Live parts register here: start runs at sign-in (once), stop at sign-out. */
export function onSession(start: Hook, stop: Hook): void {
  startHooks.push(start);
  stopHooks.push(stop);
}

function goLive(): void {
  if (live) return;
  live = true;
  startHooks.forEach((h) => h());
}

export function isLive(): boolean { return live; }

configureApi(() => session.token, () => logout());

export async function login(username: string, password: string): Promise<void> {
  const r = await post<{ token: string; user: User }>('/api/v1/login', { username, password });
  session.token = r.token;
  sessionStorage.setItem(KEY, r.token);
  session.user = await me().catch(() => r.user);
  goLive();
}

/** The signed-in person with the names of their scopes. */
function me(): Promise<User> {
  return get<User>('/api/v1/me');
}

/** After a reload: the token in sessionStorage still signs in, unless the hub says it is dead. */
export async function restore(): Promise<boolean> {
  if (!session.token) return false;
  try {
    session.user = await me();
    goLive();
    return true;
  } catch (e) {
    if (e instanceof HubProblem && e.status === 401) logout();
    return false;
  }
}

export function logout(): void {
  session.token = null;
  session.user = null;
  sessionStorage.removeItem(KEY);
  if (!live) return;
  live = false;
  stopHooks.forEach((h) => h());
}
