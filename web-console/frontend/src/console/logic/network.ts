// The three networks' pages (issue 10): the shapes of /api/v1/networks/… (spec/network-api.md), who may
// see and do what, and every request and figure the pages build, as plain functions the tests call.
import type { RoleGrant } from '../session';
import { mayEnableCallback, type Network } from './networkAccess';

export type FeedState = 'off' | 'ok' | 'failing';
export type EndpointState = FeedState | 'disabled';
export type OutboxState = 'pending' | 'delivered' | 'failed';
export const OUTBOX_STATES: OutboxState[] = ['pending', 'delivered', 'failed'];
export const REASON_CODES = ['unmapped_subject', 'unknown_code', 'unknown_type', 'unknown_person', 'bad_data', 'malformed'] as const;

export interface Counts { received: number; accepted: number; duplicates: number; quarantined: number; rejected: number }
export const METRICS: (keyof Counts)[] = ['received', 'accepted', 'duplicates', 'quarantined', 'rejected'];
export const WINDOWS = ['lastMinute', 'lastHour', 'lastDay'] as const;
export type Window = (typeof WINDOWS)[number];

export interface NetworkStatus {
  network: Network;
  counts: Record<Window, Counts>;
  feed: { url: string | null; cursor: string | null; lastPollAt: string | null; lastEventAt: string | null; state: FeedState; lastError: string | null };
  outbox: {
    depth: number; oldestPendingAt: string | null; failed: number; delivered: number;
    endpoint: { url: string | null; state: EndpointState; lastError: string | null; lastErrorAt: string | null; disabledAt: string | null };
  };
  quarantine: { size: number };
  mappings: { size: number };
  pending: number;
}

export interface CloudEvent { specversion?: string; id?: string; source?: string; type?: string; subject?: string; time?: string; data?: unknown; [k: string]: unknown }

export interface QuarantineItem {
  offset: number; receivedAt: string; reason: string; reasonZh?: string | null; reasonCode?: string | null; event: CloudEvent;
}
export interface QuarantinePage { items: QuarantineItem[]; next: number | null }
export interface ReplayOne { offset: number; applied: boolean; reason?: string; reasonZh?: string; reasonCode?: string }
export interface ReplayAll { replayed: number; applied: number; stillQuarantined: number }

export interface Mapping { externalId: string; code: string | null; personId: string | null; updatedAt: string; updatedBy: string }

export interface OutboxItem {
  id: string; type: string; subject: string; createdAt: string; state: OutboxState; attempts: number;
  nextAttemptAt: string | null; lastAttemptAt: string | null; lastError: string | null; deliveredAt: string | null; event?: CloudEvent;
}

/** A request the page will send: the view hands it to the shared api client as it is. */
export interface Request { method: 'GET' | 'POST' | 'PUT' | 'DELETE'; path: string; body?: unknown }

// ---- who may see and do what (in ./networkAccess, which the navigation loads with the console) ----

export { NETWORKS, isNetwork, mayManageNetworks, mayEnableCallback, networkNav, type Network } from './networkAccess';

/** The re-enable button: an administrator, looking at an endpoint that is disabled. */
export function showEnable(roles: RoleGrant[] | null | undefined, status: NetworkStatus | null | undefined): boolean {
  return !!status && status.outbox.endpoint.state === 'disabled' && mayEnableCallback(roles);
}

// ---- requests ----

const base = (network: Network) => '/api/v1/networks/' + network;
const seg = (s: string | number) => encodeURIComponent(String(s));

export const statusPath = (network: Network) => base(network);

export function quarantinePath(network: Network, after?: number | null, limit = 100): string {
  const q = new URLSearchParams();
  if (after != null) q.set('after', String(after));
  q.set('limit', String(Math.min(Math.max(1, limit), 500)));
  return `${base(network)}/quarantine?${q}`;
}

export function outboxPath(network: Network, state?: OutboxState | '' | null, limit = 100): string {
  const q = new URLSearchParams();
  if (state) q.set('state', state);
  q.set('limit', String(limit));
  return `${base(network)}/outbox?${q}`;
}

export const mappingsPath = (network: Network) => `${base(network)}/mappings`;

export function replayOneRequest(network: Network, offset: number): Request {
  return { method: 'POST', path: `${base(network)}/quarantine/${seg(offset)}/replay` };
}

/** "Replay all since": the picked moment as an ISO-8601 UTC instant (no ".000" when whole seconds, as the spec writes it). */
export function replayAllRequest(network: Network, since: Date | string | number): Request {
  const at = since instanceof Date ? since : new Date(since);
  if (Number.isNaN(at.getTime())) throw new RangeError('since: not a date');
  return { method: 'POST', path: `${base(network)}/quarantine/replay`, body: { since: at.toISOString().replace(/\.000Z$/, 'Z') } };
}

export function resendRequest(network: Network, id: string): Request {
  return { method: 'POST', path: `${base(network)}/outbox/${seg(id)}/resend` };
}

export function enableRequest(network: Network): Request {
  return { method: 'POST', path: `${base(network)}/callback/enable` };
}

export function deleteMappingRequest(network: Network, externalId: string): Request {
  return { method: 'DELETE', path: `${base(network)}/mappings/${seg(externalId)}` };
}

export type MappingTarget = 'code' | 'personId';
export interface MappingForm { externalId: string; target: MappingTarget; value: string }
export type MappingField = 'externalId' | MappingTarget;

/**
 * The PUT for a new or changed mapping: exactly one of code or personId in the body, as the spec asks.
 * Blank fields are named (the message key for each) instead, and nothing is sent.
 */
export function mappingRequest(network: Network, form: MappingForm): { request: Request } | { errors: Partial<Record<MappingField, string>> } {
  const externalId = form.externalId.trim();
  const value = form.value.trim();
  const errors: Partial<Record<MappingField, string>> = {};
  if (!externalId) errors.externalId = 'net.map.needExternalId';
  if (!value) errors[form.target] = form.target === 'code' ? 'net.map.needCode' : 'net.map.needPersonId';
  if (Object.keys(errors).length) return { errors };
  return { request: { method: 'PUT', path: `${base(network)}/mappings/${seg(externalId)}`, body: form.target === 'code' ? { code: value } : { personId: value } } };
}

/** Which field of the mapping form a 400 names: the detail's leading "code:" or the name in its text; else the one being set. */
export function mappingProblemField(detail: string, fallback: MappingTarget): MappingField {
  const lead = /^\s*([A-Za-z]+)\s*:/.exec(detail || '');
  const named = lead?.[1] ?? /\b(externalId|personId|code)\b/.exec(detail || '')?.[1];
  return named === 'externalId' || named === 'personId' || named === 'code' ? named : fallback;
}

// ---- figures and texts ----

/** A counter as staff read it: grouped digits ("12,345"), a dash when the hub sent nothing. */
export function formatCount(n: number | null | undefined, locale: string): string {
  if (n == null || !Number.isFinite(n)) return '—';
  return new Intl.NumberFormat(locale.startsWith('zh') ? 'zh-CN' : 'en-GB').format(n);
}

export interface CounterRow { metric: keyof Counts; lastMinute: string; lastHour: string; lastDay: string }

/** The counters table: one row per measure (收到, 受理, 重复, 隔离, 拒收), one column per window. */
export function counterRows(counts: Partial<Record<Window, Partial<Counts>>> | null | undefined, locale: string): CounterRow[] {
  return METRICS.map((metric) => ({
    metric,
    lastMinute: formatCount(counts?.lastMinute?.[metric], locale),
    lastHour: formatCount(counts?.lastHour?.[metric], locale),
    lastDay: formatCount(counts?.lastDay?.[metric], locale),
  }));
}

/** The Element Plus tag type of a state: ok green, failing red, disabled amber, off grey. */
export function stateTag(state: string | null | undefined): 'success' | 'danger' | 'warning' | 'info' | 'primary' {
  switch (state) {
    case 'ok': case 'delivered': return 'success';
    case 'failing': case 'failed': return 'danger';
    case 'disabled': return 'warning';
    case 'pending': return 'primary';
    default: return 'info';
  }
}

type Translate = (key: string) => string;
type Has = (key: string) => boolean;

/** A reason code's label, or '' when the code is unknown. */
export function reasonLabel(code: string | null | undefined, t: Translate, te: Has): string {
  return code && te('net.reason.' + code) ? t('net.reason.' + code) : '';
}

/** Why an event is quarantined, in the user's language: reasonZh in Chinese, reason in English; the code's label when the hub's sentence is missing. */
export function reasonText(item: { reason?: string | null; reasonZh?: string | null; reasonCode?: string | null }, locale: string, t: Translate, te: Has): string {
  const sentence = locale.startsWith('zh') ? item.reasonZh : item.reason;
  return sentence || reasonLabel(item.reasonCode, t, te) || item.reason || item.reasonZh || '';
}

/** An event type's name in the user's language (party.wish.claimed → 微心愿已认领), the type itself when unknown. */
export function eventTypeLabel(type: string | null | undefined, t: Translate, te: Has): string {
  if (!type) return '';
  const key = 'net.type.' + type.replace(/\./g, '_');
  return te(key) ? t(key) : type;
}

/** The original event as people read JSON: indented, shown as text (never as HTML). */
export function prettyEvent(event: unknown): string {
  try { return JSON.stringify(event ?? null, null, 2); } catch { return String(event); }
}

/** The message after replaying one event: applied, or still quarantined with its new reason. */
export function replayOneMessage(r: ReplayOne, locale: string, t: (k: string, v?: Record<string, unknown>) => string, te: Has): { type: 'success' | 'warning'; text: string } {
  if (r.applied) return { type: 'success', text: t('net.q.appliedOne', { offset: r.offset }) };
  return { type: 'warning', text: t('net.q.stillOne', { offset: r.offset, reason: reasonText(r, locale, t, te) }) };
}

/** The message after "replay all since". */
export function replayAllMessage(r: ReplayAll, t: (k: string, v?: Record<string, unknown>) => string): { type: 'success' | 'warning' | 'info'; text: string } {
  if (!r.replayed) return { type: 'info', text: t('net.q.noneSince') };
  return { type: r.stillQuarantined ? 'warning' : 'success', text: t('net.q.appliedAll', { replayed: r.replayed, applied: r.applied, still: r.stillQuarantined }) };
}

// ---- the signing secret (administrators only) ----

/** GET …/secret: the secret the network signs with, and every secret the hub accepts (the signing one first). */
export interface NetworkSecret { signing: string; verifying: string[] }

/** The signing secret is the administrator's alone (the hub answers 403 to district staff). */
export function mayReadSecret(roles: RoleGrant[] | null | undefined): boolean {
  return (roles ?? []).some((r) => r.role === 'admin');
}

export const secretPath = (network: Network) => `${base(network)}/secret`;

/** The setting that holds a network's secrets (a comma-separated list rotates). */
export const secretSetting = (network: Network) => 'SANWANG_NETWORK_SECRET_' + network.toUpperCase();

/** A secret as the dialog shows it until asked: the "whsec_" prefix, and none of the key itself. */
export function maskSecret(secret: string | null | undefined): string {
  if (!secret) return '';
  const prefix = secret.startsWith('whsec_') ? 'whsec_' : '';
  return prefix + '•'.repeat(16);
}

/** The secrets the hub accepts besides the signing one (an old one still in force while a rotation is under way). */
export function otherVerifying(secret: NetworkSecret | null | undefined): string[] {
  if (!secret) return [];
  return (secret.verifying ?? []).filter((s, i, all) => s !== secret.signing && all.indexOf(s) === i);
}

/** The outbox items a resend applies to: failed ones, and delivered ones to send again on purpose. */
export const mayResend = (item: Pick<OutboxItem, 'state'>) => item.state === 'failed' || item.state === 'delivered';

/** The parts of the page to reload after a status poll, so the tables follow the counters without being polled themselves. */
export function changedSections(before: NetworkStatus | null, after: NetworkStatus): ('quarantine' | 'outbox' | 'mappings')[] {
  if (!before || before.network !== after.network) return [];
  const out: ('quarantine' | 'outbox' | 'mappings')[] = [];
  if (before.quarantine.size !== after.quarantine.size) out.push('quarantine');
  const o = before.outbox, n = after.outbox;
  if (o.depth !== n.depth || o.failed !== n.failed || o.delivered !== n.delivered || o.endpoint.state !== n.endpoint.state) out.push('outbox');
  if (before.mappings.size !== after.mappings.size) out.push('mappings');
  return out;
}

// ---- polling ----

export interface PollerDeps {
  setInterval: (f: () => void, ms: number) => unknown;
  clearInterval: (h: unknown) => void;
  visible: () => boolean;
  onVisibility: (f: () => void) => () => void;
}

export const browserPollerDeps = (): PollerDeps => ({
  setInterval: (f, ms) => window.setInterval(f, ms),
  clearInterval: (h) => window.clearInterval(h as number),
  visible: () => document.visibilityState !== 'hidden',
  onVisibility: (f) => { document.addEventListener('visibilitychange', f); return () => document.removeEventListener('visibilitychange', f); },
});

/**
 * Calls {@code load} every {@code every} ms while the page is visible: not while the tab is hidden, at once
 * when it shows again, never two loads at a time, and nothing after stop() (the view calls it on unmount).
 */
export function poller(load: () => Promise<unknown>, every: number, deps: PollerDeps) {
  let timer: unknown = null;
  let busy = false;
  let stopped = false;
  const tick = () => {
    if (stopped || busy || !deps.visible()) return;
    busy = true;
    load().catch(() => {}).finally(() => { busy = false; });
  };
  const arm = () => { if (timer == null && !stopped) timer = deps.setInterval(tick, every); };
  const disarm = () => { if (timer != null) { deps.clearInterval(timer); timer = null; } };
  const unlisten = deps.onVisibility(() => {
    if (deps.visible()) { tick(); arm(); } else disarm();
  });
  if (deps.visible()) arm();
  return {
    stop() { stopped = true; disarm(); unlisten(); },
    get running() { return timer != null; },
  };
}
