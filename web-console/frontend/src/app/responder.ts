// The responder app's state and its one connection to the hub: login kept on the phone, calls and
// inbox from the cache at once and then live (list + SSE), read receipts only when the person opens
// an item or takes its call, the alarm while a call waits, and Web Push. Every timer and stream is
// owned here and ended in stop(), so logging in again never doubles them.
import { reactive } from 'vue';
import { api, configureApi, get, post, HubProblem } from '../shared/api';
import { openStream as realOpenStream, type Stream } from '../shared/sse';
import { type Action, type Call, isOpen, mergeCall } from './calls';
import {
  type InboxItem, type Role, type Session, type User,
  clearSession, loadCache, loadSession, saveCache, saveSession,
} from './storage';
import { PUSH_KEY, base64UrlToBytes, bytesToBase64Url, pushPlan } from './push';

export type Connection = 'live' | 'connecting' | 'offline' | 'hubDown';
export type PushState = 'on' | 'off' | 'denied' | 'unsupported';

export interface Group { code: string; name: string; kind: 'building' | 'community' }

export interface AlarmLike {
  update(waiting: { id: string; flash: string }[]): void;
  mute(id?: string): void;
  isMuted(id: string): boolean;
  test?(): void;
  dispose(): void;
}

export interface ResponderOptions {
  openStream?: typeof realOpenStream;
  alarm?: AlarmLike;
  /** The flashing title and the screen-reader announcement of a new call. */
  words?: { flash: (c: Call) => string; announce: (c: Call) => string };
  retryMs?: number;
}

const INBOX_KEEP = 100;
const CLOSED_KEEP_MS = 5 * 60 * 1000;

export function createResponder(options: ResponderOptions = {}) {
  const openStream = options.openStream ?? realOpenStream;
  const words = options.words ?? { flash: (c: Call) => c.resident.name, announce: (c: Call) => c.resident.name };
  const retryMs = options.retryMs ?? 10_000;

  const state = reactive({
    session: null as Session | null,
    connection: 'connecting' as Connection,
    calls: [] as Call[],
    inbox: [] as InboxItem[],
    savedAt: null as string | null,
    now: Date.now(),
    problems: {} as Record<string, unknown>,
    busy: {} as Record<string, boolean>,
    groups: [] as Group[],
    announce: '',
    focusCall: null as string | null,
    push: 'off' as PushState,
    mutedVersion: 0,
  });

  let generation = 0;
  let streams: Stream[] = [];
  let open = { alerts: false, inbox: false };
  let wasDown = false;
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let tick: ReturnType<typeof setInterval> | null = null;
  const seen = new Set<string>();
  const closedSeenAt = new Map<string, number>();
  let pendingReads: number[] = [];

  configureApi(() => state.session?.token ?? null, () => logout());

  function later(ms: number, run: () => void): void {
    const t = setTimeout(() => { timers.delete(t); run(); }, ms);
    timers.add(t);
  }

  /** Ends every stream and timer of the current connection (and invalidates its pending answers). */
  function stop(): void {
    generation++;
    streams.forEach((s) => s.close());
    streams = [];
    open = { alerts: false, inbox: false };
    timers.forEach((t) => clearTimeout(t));
    timers.clear();
    if (tick) clearInterval(tick);
    tick = null;
  }

  // ---- start, login, logout ---------------------------------------------------------------

  /** At page load: a saved login opens the home screen from the cache at once, then goes live. */
  function start(): void {
    const s = loadSession();
    if (!s) return;
    state.session = s;
    const cached = loadCache();
    state.calls = cached.calls;
    state.inbox = cached.inbox;
    state.savedAt = cached.savedAt;
    pendingReads = cached.pendingReads;
    cached.calls.forEach((c) => seen.add(c.id));
    groupsFromRoles(s.user.roles);
    connect();
  }

  async function login(username: string, password: string): Promise<void> {
    const r = await post<{ token: string; expiresAt?: string; user: User }>('/api/v1/login', { username, password });
    stop();
    state.session = { token: r.token, user: r.user, expiresAt: r.expiresAt };
    saveSession(state.session);
    state.calls = [];
    state.inbox = [];
    state.problems = {};
    state.savedAt = null;
    pendingReads = [];
    seen.clear();
    state.groups = [];
    groupsFromRoles(r.user.roles);
    connect();
  }

  /** Only a real 401 from the hub (the token is dead) or the user's own choice ends the login. */
  function logout(): void {
    const token = state.session?.token;
    stop();
    if (token && state.push === 'on') forgetPush(token);
    clearSession();
    state.session = null;
    state.calls = [];
    state.inbox = [];
    state.groups = [];
    state.problems = {};
    state.savedAt = null;
    state.connection = 'connecting';
    pendingReads = [];
    seen.clear();
    options.alarm?.update([]);
  }

  // ---- the connection ---------------------------------------------------------------------

  async function connect(): Promise<void> {
    stop();
    const gen = generation;
    const session = state.session;
    if (!session) return;
    state.connection = isNavigatorOffline() ? 'offline' : 'connecting';
    tick = setInterval(() => { state.now = Date.now(); pruneClosed(); }, 1000);
    let user: User;
    try {
      user = await me();
    } catch (e) {
      if (gen !== generation) return;
      if (e instanceof HubProblem && e.status === 401) return; // logged out by the api client
      // Offline or the hub away (network error, 5xx, anything but 401): stay logged in on the cache.
      state.connection = isNavigatorOffline() ? 'offline' : 'hubDown';
      later(retryMs, () => connect());
      return;
    }
    if (gen !== generation || !state.session) return;
    state.session = { ...state.session, user };
    saveSession(state.session);
    groupsFromRoles(user.roles);
    resolveGroupNames(gen);
    wasDown = false;
    streams.push(openStream('/api/v1/alerts/stream', session.token, { alert: (a) => onAlert(a as Call) },
      (isOpenNow) => onStreamState('alerts', isOpenNow, gen)));
    try {
      await Promise.all([loadCalls(gen), loadInbox(gen)]);
    } catch (e) {
      if (gen !== generation) return;
      if (e instanceof HubProblem && e.status === 401) return;
      state.connection = 'hubDown';
      later(retryMs, () => connect());
      return;
    }
    if (gen !== generation) return;
    state.connection = 'live';
    flushReads();
    if (typeof Notification !== 'undefined' && Notification.permission === 'granted') syncPush(false).catch(() => {});
  }

  function me(): Promise<User> {
    return get<User>('/api/v1/me');
  }

  function onStreamState(which: 'alerts' | 'inbox', isOpenNow: boolean, gen: number): void {
    if (gen !== generation) return;
    open[which] = isOpenNow;
    if (isOpenNow) {
      if (which === 'alerts' && wasDown) loadCalls(gen).catch(() => {});
      if (open.alerts && open.inbox && state.connection !== 'live') state.connection = 'live';
      return;
    }
    wasDown = true;
    if (state.connection === 'live') state.connection = isNavigatorOffline() ? 'offline' : 'connecting';
    // EventSource retries by itself after a network error but gives up on an HTTP error: check back.
    later(5000, () => { if (gen === generation && !(open.alerts && open.inbox)) connect(); });
  }

  function isNavigatorOffline(): boolean {
    return typeof navigator !== 'undefined' && navigator.onLine === false;
  }

  // ---- calls ----------------------------------------------------------------------------

  async function loadCalls(gen: number): Promise<void> {
    const list = await get<{ alerts: Call[] }>('/api/v1/alerts?state=open');
    if (gen !== generation) return;
    const ids = new Set(list.alerts.map((a) => a.id));
    for (const a of list.alerts) upsert(a);
    // Open here before but not in the list: closed while this phone was away. Show how it ended.
    for (const c of state.calls) if (isOpen(c) && !ids.has(c.id)) refresh(c.id).catch(() => {});
    for (const c of state.calls) if (isOpen(c) && !c.resident.contacts) refresh(c.id).catch(() => {});
    changed();
  }

  function onAlert(item: Call): void {
    if (!item || !item.id) return;
    upsert(item);
    changed();
    // The list item lacks family phones (and, from an older hub, who arrived): fetch the whole alert.
    refresh(item.id).catch(() => {});
  }

  /** The whole alert (AlertView) into the card; an alert this person may no longer see is dropped. */
  async function refresh(id: string): Promise<void> {
    const gen = generation;
    try {
      const view = await get<Call>(`/api/v1/alerts/${encodeURIComponent(id)}`);
      if (gen !== generation) return;
      upsert({ ...view, flags: view.flags ?? view.resident.flags });
      changed();
    } catch (e) {
      if (gen !== generation) return;
      if (e instanceof HubProblem && (e.status === 404 || e.status === 403)) {
        state.calls = state.calls.filter((c) => c.id !== id);
        changed();
      }
    }
  }

  function upsert(incoming: Call): void {
    const i = state.calls.findIndex((c) => c.id === incoming.id);
    const merged = mergeCall(i >= 0 ? state.calls[i] : undefined, incoming);
    if (!isOpen(merged) && !closedSeenAt.has(merged.id)) closedSeenAt.set(merged.id, Date.now());
    if (i >= 0) state.calls[i] = merged;
    else state.calls.push(merged);
    if (!seen.has(merged.id)) {
      seen.add(merged.id);
      if (merged.state === 'raised') state.announce = words.announce(merged);
    }
  }

  function pruneClosed(): void {
    const now = Date.now();
    const keep = state.calls.filter((c) => isOpen(c) || now - (closedSeenAt.get(c.id) ?? now) < CLOSED_KEEP_MS);
    if (keep.length !== state.calls.length) { state.calls = keep; changed(); }
  }

  /** After any change of the calls: the cache on the phone and the alarm. */
  function changed(): void {
    persist();
    options.alarm?.update(state.calls.filter((c) => c.state === 'raised').map((c) => ({ id: c.id, flash: words.flash(c) })));
  }

  function persist(): void {
    state.savedAt = new Date().toISOString();
    saveCache({ calls: state.calls.filter(isOpen), inbox: state.inbox, savedAt: state.savedAt, pendingReads });
  }

  /** Acts on a call (the page asked for confirmation first where needed); false with a problem kept on the card. */
  async function act(id: string, action: Action): Promise<boolean> {
    state.busy[id] = true;
    delete state.problems[id];
    try {
      const view = await post<Call>(`/api/v1/alerts/${encodeURIComponent(id)}/${action}`, {});
      upsert({ ...view, flags: view.flags ?? view.resident?.flags });
      changed();
      if (action === 'acknowledge') markReadFor(id);
      return true;
    } catch (e) {
      state.problems[id] = e;
      // Someone else got there first (409) or it is gone: show the call as it stands now.
      if (e instanceof HubProblem && !e.offline) await refresh(id);
      return false;
    } finally {
      state.busy[id] = false;
    }
  }

  function mute(id?: string): void {
    options.alarm?.mute(id);
    state.mutedVersion++;
  }

  // ---- inbox ----------------------------------------------------------------------------

  async function loadInbox(gen: number): Promise<void> {
    const page = await get<{ items: InboxItem[] }>('/api/v1/me/inbox?after=0&limit=500');
    if (gen !== generation) return;
    const pending = new Set(pendingReads);
    const fresh = page.items.map((i) => (pending.has(i.offset) && !i.readAt ? { ...i, readAt: new Date().toISOString() } : i));
    state.inbox = fresh.sort((a, b) => b.offset - a.offset).slice(0, INBOX_KEEP);
    persist();
    const after = page.items.reduce((m, i) => Math.max(m, i.offset), 0);
    streams.push(openStream(`/api/v1/me/inbox/stream?after=${after}`, state.session!.token,
      { message: (item) => onItem(item as InboxItem) }, (isOpenNow) => onStreamState('inbox', isOpenNow, gen)));
  }

  /** A new item is shown unread; it is read only when the person opens it or takes its call. */
  function onItem(item: InboxItem): void {
    if (!item || typeof item.offset !== 'number') return;
    const i = state.inbox.findIndex((x) => x.offset === item.offset);
    if (i >= 0) state.inbox[i] = { ...item, readAt: item.readAt ?? state.inbox[i].readAt };
    else state.inbox = [item, ...state.inbox].sort((a, b) => b.offset - a.offset).slice(0, INBOX_KEEP);
    persist();
    const recent = Date.now() - Date.parse(item.at) < 24 * 3600 * 1000;
    if (item.kind === 'alert' && item.ref?.type === 'alert' && recent && !state.calls.some((c) => c.id === item.ref!.id))
      refresh(item.ref.id).catch(() => {});
  }

  function openItem(offset: number): void {
    const item = state.inbox.find((x) => x.offset === offset);
    if (!item || item.readAt) return;
    item.readAt = new Date().toISOString();
    persist();
    sendRead(offset);
  }

  function markReadFor(callId: string): void {
    for (const item of state.inbox)
      if (!item.readAt && item.ref?.type === 'alert' && item.ref.id === callId) openItem(item.offset);
  }

  function sendRead(offset: number): void {
    post(`/api/v1/me/inbox/${offset}/read`, {}).then(() => {
      pendingReads = pendingReads.filter((o) => o !== offset);
      persist();
    }).catch((e) => {
      // Offline: sent again once the hub is back. Anything else (404: no such item) is final.
      if (e instanceof HubProblem && (e.offline || e.status >= 500) && !pendingReads.includes(offset)) {
        pendingReads.push(offset);
        persist();
      }
    });
  }

  function flushReads(): void {
    for (const offset of [...pendingReads]) sendRead(offset);
  }


  // ---- building groups ------------------------------------------------------------------

  /** The building groups of the person's buildings, then the community channels above their scopes. */
  function groupsFromRoles(roles: Role[]): void {
    const byCode = new Map(state.groups.map((g) => [g.code, g]));
    const groups: Group[] = [];
    const add = (code: string, kind: Group['kind'], name?: string) => {
      if (!groups.some((g) => g.code === code)) groups.push({ code, kind, name: name || byCode.get(code)?.name || '' });
    };
    for (const r of roles) if (/-B\d+$/.test(r.scope)) add(r.scope, 'building', r.scopeName);
    for (const g of state.groups) if (g.kind === 'building' && !groups.some((x) => x.code === g.code)) groups.push(g);
    for (const r of roles) {
      const community = /^(\d{12})(-|$)/.exec(r.scope)?.[1];
      if (community) add(community, 'community', r.scope === community ? r.scopeName : undefined);
    }
    state.groups = groups;
  }

  /** Building names (1号楼), never codes: from GET /api/v1/me's scopeName, else the org node; grids list their buildings. */
  async function resolveGroupNames(gen: number): Promise<void> {
    const roles = state.session?.user.roles ?? [];
    const grids = roles.filter((r) => /-G\d+$/.test(r.scope)).map((r) => r.scope);
    for (const grid of grids) {
      try {
        const node = await get<{ children?: { code: string; level?: string; name: string }[] }>(`/api/v1/org/${encodeURIComponent(grid)}`);
        if (gen !== generation) return;
        for (const child of node.children ?? [])
          if (/-B\d+$/.test(child.code) && !state.groups.some((g) => g.code === child.code))
            state.groups.splice(state.groups.filter((g) => g.kind === 'building').length, 0,
              { code: child.code, name: child.name, kind: 'building' });
      } catch { /* the grid's buildings stay unlisted */ }
    }
    for (const g of state.groups.filter((x) => !x.name)) {
      try {
        const node = await get<{ name: string }>(`/api/v1/org/${encodeURIComponent(g.code)}`);
        if (gen !== generation) return;
        g.name = node.name;
      } catch { /* shown as 楼栋群 until known */ }
    }
  }

  // ---- Web Push -------------------------------------------------------------------------

  function pushSupported(): boolean {
    return typeof navigator !== 'undefined' && 'serviceWorker' in navigator && typeof window !== 'undefined'
      && 'PushManager' in window && typeof Notification !== 'undefined';
  }

  async function syncPush(ask: boolean): Promise<PushState> {
    if (!pushSupported()) return (state.push = 'unsupported');
    if (Notification.permission === 'denied') return (state.push = 'denied');
    if (Notification.permission !== 'granted') {
      if (!ask) return (state.push = 'off');
      if ((await Notification.requestPermission()) !== 'granted') return (state.push = 'denied');
    }
    const registration = await Promise.race([
      navigator.serviceWorker.ready,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no service worker')), 10_000)),
    ]);
    const { publicKey } = await get<{ publicKey: string }>('/api/v1/push/public-key');
    let subscription = await registration.pushManager.getSubscription();
    const plan = pushPlan(publicKey, localStorage.getItem(PUSH_KEY),
      subscription ? bytesToBase64Url(subscription.options.applicationServerKey) : null);
    if (plan === 'resubscribe' && subscription) {
      await api('DELETE', '/api/v1/me/push-subscriptions', { endpoint: subscription.endpoint }).catch(() => {});
      await subscription.unsubscribe();
      subscription = null;
    }
    if (!subscription)
      subscription = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: base64UrlToBytes(publicKey) as BufferSource });
    await post('/api/v1/me/push-subscriptions', subscription.toJSON());
    localStorage.setItem(PUSH_KEY, publicKey);
    return (state.push = 'on');
  }

  function forgetPush(token: string): void {
    if (!pushSupported()) return;
    navigator.serviceWorker.getRegistration('/app').then((r) => r?.pushManager.getSubscription()).then((s) => {
      if (!s) return;
      return fetch('/api/v1/me/push-subscriptions', {
        method: 'DELETE', headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + token },
        body: JSON.stringify({ endpoint: s.endpoint }),
      });
    }).catch(() => { /* the hub drops dead subscriptions itself */ });
  }

  /** A notification (or the page's address) asked for this call: the calls tab shows it on top. */
  function focus(id: string | null): void {
    state.focusCall = id;
    if (id && !state.calls.some((c) => c.id === id) && state.session) refresh(id).catch(() => {});
  }

  function dispose(): void {
    stop();
    options.alarm?.dispose();
  }

  return {
    state, start, login, logout, connect, act, mute, openItem, markReadFor, syncPush, focus, dispose,
    isMuted: (id: string) => options.alarm?.isMuted(id) ?? false,
    testSound: () => options.alarm?.test?.(),
    /** For tests: how many streams and timers are live now. */
    live: () => ({ streams: streams.length, timers: timers.size + (tick ? 1 : 0) }),
  };
}

export type Responder = ReturnType<typeof createResponder>;
