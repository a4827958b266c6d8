// Issue 11's work items as both pages read them (spec/work-api.md): cases (随手拍 / 网格事件) at three
// levels, micro-wishes, appointments. The shapes, which actions each state offers, the deadline
// countdown, the order of a list, how a live event patches a list, and a 409 told in words.
import { HubProblem } from './api';
import { CATEGORIES, label } from './codes';

export interface By { id: string; name: string }
export interface Entry { at: string; what: string; by?: By | null; level?: string | null; deadline?: string | null; note?: string | null; auto?: boolean }

export type CaseState = 'reported' | 'accepted' | 'resolved' | 'closed';
export type CaseLevel = 'community' | 'street' | 'district';
export const CASE_STATE_LIST: CaseState[] = ['reported', 'accepted', 'resolved', 'closed'];
export const CASE_LEVEL_LIST: CaseLevel[] = ['community', 'street', 'district'];
export const CATEGORY_LIST = Object.keys(CATEGORIES);

export interface Case {
  id: string; category: string; description: string; location?: string | null;
  level: CaseLevel | string; state: CaseState | string; overdue: boolean; deadline: string | null;
  building?: string | null; grid?: string | null; community: string; communityName?: string; buildingName?: string | null;
  origin?: string; reportedBy?: By | null; reporterName?: string | null; reporterPhone?: string | null;
  photos?: string[]; acceptedBy?: By | null; acceptedAt?: string | null;
  resolution?: { note: string; photos?: string[]; by?: By | null; at: string } | null;
  rating?: number | null; reportedAt: string; closedAt?: string | null; timeline?: Entry[];
}

export type WishState = 'posted' | 'claimed' | 'fulfilled' | 'confirmed' | 'cancelled';
export const WISH_STATE_LIST: WishState[] = ['posted', 'claimed', 'fulfilled', 'confirmed', 'cancelled'];

export interface Wish {
  id: string; title: string; detail?: string | null; building?: string | null; buildingName?: string | null;
  community: string; communityName?: string; residentId?: string | null; residentName: string; phone?: string | null; points: number;
  state: WishState | string; origin?: string; postedBy?: By | null; postedAt: string; claimedBy?: By | null; claimedAt?: string | null;
  fulfilledAt?: string | null; fulfilNote?: string | null; confirmedBy?: By | null; confirmedAt?: string | null; rating?: number | null;
  cancelledAt?: string | null; timeline?: Entry[];
}

export type AppointmentState = 'requested' | 'accepted' | 'completed' | 'cancelled';
export const APPOINTMENT_STATE_LIST: AppointmentState[] = ['requested', 'accepted', 'completed', 'cancelled'];

export interface Appointment {
  id: string; residentId: string; residentName: string; building: string; buildingName?: string; community: string;
  service: string; at?: string | null; note?: string | null; state: AppointmentState | string; requestedAt: string;
  acceptedBy?: By | null; acceptedAt?: string | null; completedAt?: string | null; completedNote?: string | null;
  cancelledAt?: string | null; timeline?: Entry[];
}

export type Kind = 'case' | 'wish' | 'appointment';
export type CaseAction = 'accept' | 'escalate' | 'resolve' | 'rate';
export type WishAction = 'claim' | 'fulfil' | 'confirm' | 'cancel';
export type AppointmentAction = 'accept' | 'complete' | 'cancel';

const zh = (locale: string) => locale.startsWith('zh');

// ---- what each state offers ----

export const isOpenCase = (c: Pick<Case, 'state'>) => c.state === 'reported' || c.state === 'accepted';

/**
 * A case's next steps: accept or escalate while it waits at its level, resolve or escalate once accepted,
 * the resident's rating (which closes it) once resolved. No escalation above the district.
 */
export function caseActions(c: Pick<Case, 'state' | 'level'>): CaseAction[] {
  const up: CaseAction[] = c.level === 'district' ? [] : ['escalate'];
  switch (c.state) {
    case 'reported': return ['accept', ...up];
    case 'accepted': return ['resolve', ...up];
    case 'resolved': return ['rate'];
    default: return [];
  }
}

/** The level an escalation hands a case to; null at the district. */
export function nextLevel(level: string): CaseLevel | null {
  const i = CASE_LEVEL_LIST.indexOf(level as CaseLevel);
  return i >= 0 && i < CASE_LEVEL_LIST.length - 1 ? CASE_LEVEL_LIST[i + 1] : null;
}

/** Resolving needs a note (what was done); the other actions take one if given. */
export const noteRequired = (action: string) => action === 'resolve';

/** Who is looking at a wish and what they may do: claim (a party member there), confirm, cancel (staff). */
export interface WishViewer { id?: string | null; claim?: boolean; confirm?: boolean; cancel?: boolean }

export function wishActions(w: Pick<Wish, 'state' | 'claimedBy'>, viewer: WishViewer): WishAction[] {
  const out: WishAction[] = [];
  if (w.state === 'posted' && viewer.claim) out.push('claim');
  if (w.state === 'claimed' && viewer.id && w.claimedBy?.id === viewer.id) out.push('fulfil');
  if (w.state === 'fulfilled' && viewer.confirm) out.push('confirm');
  if ((w.state === 'posted' || w.state === 'claimed') && viewer.cancel) out.push('cancel');
  return out;
}

export function appointmentActions(state: string): AppointmentAction[] {
  switch (state) {
    case 'requested': return ['accept', 'cancel'];
    case 'accepted': return ['complete', 'cancel'];
    default: return [];
  }
}

// ---- the deadline ----

/** A span of time as staff read it: "2天3小时", "3小时12分", "45分", "不到1分钟" (and the same in English). */
export function span(ms: number, locale: string): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const d = Math.floor(minutes / 1440), h = Math.floor((minutes % 1440) / 60), m = minutes % 60;
  if (zh(locale)) {
    if (!minutes) return '不到1分钟';
    if (d) return `${d}天` + (h ? `${h}小时` : '');
    return (h ? `${h}小时` : '') + (m ? `${m}分` : '');
  }
  if (!minutes) return 'under 1 min';
  if (d) return `${d} d` + (h ? ` ${h} h` : '');
  return [h ? `${h} h` : '', m ? `${m} min` : ''].filter(Boolean).join(' ');
}

export interface Countdown { text: string; overdue: boolean; soon: boolean }

const SOON_MS = 2 * 3600_000;

/** "剩余 3小时12分" / "已超时 2小时"; null when there is no deadline (resolved and closed cases). */
export function countdown(deadline: string | null | undefined, now: number, locale: string): Countdown | null {
  if (!deadline) return null;
  const left = Date.parse(deadline) - now;
  if (Number.isNaN(left)) return null;
  const overdue = left <= 0;
  const s = span(left, locale);
  const text = zh(locale) ? (overdue ? `已超时 ${s}` : `剩余 ${s}`) : (overdue ? `Overdue by ${s}` : `${s} left`);
  return { text, overdue, soon: !overdue && left < SOON_MS };
}

/** Overdue: open and past its deadline, by the hub's word or by the clock. */
export function isOverdue(c: Pick<Case, 'state' | 'overdue' | 'deadline'>, now: number): boolean {
  if (!isOpenCase(c)) return false;
  return !!c.overdue || (!!c.deadline && Date.parse(c.deadline) <= now);
}

const finishedAt = (c: Case) => c.closedAt ?? c.resolution?.at ?? c.reportedAt;

/** Open overdue first, then open by deadline (soonest first), then resolved and closed newest first. */
export function sortCases(cases: Case[], now: number): Case[] {
  const rank = (c: Case) => (isOverdue(c, now) ? 0 : isOpenCase(c) ? 1 : c.state === 'resolved' ? 2 : 3);
  const due = (c: Case) => (c.deadline ? Date.parse(c.deadline) : Number.MAX_SAFE_INTEGER);
  return [...cases].sort((a, b) => rank(a) - rank(b)
    || (rank(a) <= 1 ? due(a) - due(b) || a.reportedAt.localeCompare(b.reportedAt) : finishedAt(b).localeCompare(finishedAt(a))));
}

export const sortWishes = (wishes: Wish[]) => [...wishes].sort((a, b) => b.postedAt.localeCompare(a.postedAt));

/** Requested first, then by the appointed time (none last), then the oldest request. */
export function sortAppointments(list: Appointment[]): Appointment[] {
  const rank = (a: Appointment) => (a.state === 'requested' ? 0 : a.state === 'accepted' ? 1 : 2);
  const at = (a: Appointment) => (a.at ? Date.parse(a.at) : Number.MAX_SAFE_INTEGER);
  return [...list].sort((a, b) => rank(a) - rank(b) || at(a) - at(b) || a.requestedAt.localeCompare(b.requestedAt));
}

// ---- lists kept live ----

export interface CaseFilter { state?: string; level?: string; overdue?: boolean; community?: string }

export function matchesCase(c: Case, f: CaseFilter, now: number): boolean {
  return (!f.state || c.state === f.state) && (!f.level || c.level === f.level)
    && (!f.overdue || isOverdue(c, now)) && (!f.community || c.community === f.community);
}

/**
 * A list with one item as the hub reports it now: replaced in place (the stream's item has no timeline,
 * so a known one is kept), added when new, dropped when it no longer belongs ({@code keep} false).
 */
export function upsert<T extends { id: string; timeline?: Entry[] }>(list: T[], item: T, keep = true): T[] {
  const i = list.findIndex((x) => x.id === item.id);
  if (!keep) return i < 0 ? list : list.filter((x) => x.id !== item.id);
  if (i < 0) return [...list, item];
  const merged = { ...list[i], ...item, timeline: item.timeline ?? list[i].timeline };
  return list.map((x, j) => (j === i ? merged : x));
}

// ---- requests ----

const API = '/api/v1';
const seg = (s: string) => encodeURIComponent(s);
const query = (q: Record<string, string | boolean | undefined | null>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== '' && v !== false) p.set(k, String(v));
  const s = p.toString();
  return s ? '?' + s : '';
};

export const casesPath = (f: CaseFilter = {}) => `${API}/cases${query({ state: f.state, level: f.level, overdue: f.overdue ? 'true' : '', community: f.community })}`;
export const wishesPath = (f: { state?: string; community?: string } = {}) => `${API}/wishes${query(f)}`;
export const appointmentsPath = (f: { state?: string; community?: string } = {}) => `${API}/appointments${query(f)}`;
const PLURAL: Record<Kind, string> = { case: 'cases', wish: 'wishes', appointment: 'appointments' };
export const itemPath = (kind: Kind, id: string) => `${API}/${PLURAL[kind]}/${seg(id)}`;
export const actionPath = (kind: Kind, id: string, action: string) => `${itemPath(kind, id)}/${action}`;
export const photoUploadPath = (building: string) => `${API}/photos${query({ building })}`;
export const partyMembersPath = (community?: string) => `${API}/party/members${query({ community })}`;
export const partyPointsPath = (community?: string) => `${API}/party/points${query({ community })}`;
export const removeMemberPath = (personId: string, community: string) => `${API}/party/members/${seg(personId)}${query({ community })}`;
export const caseFiguresPath = (f: { community?: string; since?: string } = {}) => `${API}/figures/cases${query(f)}`;
export const WORK_STREAM = `${API}/work/stream`;

/** The body of an action: the note only when given, the photo ids only when there are some, the rating when set. */
export function actionBody(input: { note?: string; photos?: string[]; rating?: number | null }): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const note = input.note?.trim();
  if (note) body.note = note;
  if (input.photos?.length) body.photos = input.photos;
  if (input.rating) body.rating = input.rating;
  return body;
}

// ---- words ----

/** A category's label; a network's own category text shows as it came. */
export const categoryLabel = (code: string | null | undefined, locale: string) => label('category', code, locale);

/** A rate (0..1) as a percentage with one decimal, a dash when the hub had nothing to count. */
export function percent(rate: number | null | undefined): string {
  return rate == null || !Number.isFinite(rate) ? '–' : `${Math.round(rate * 1000) / 10}%`;
}

export function hours(h: number | null | undefined): string {
  return h == null || !Number.isFinite(h) ? '–' : String(Math.round(h * 10) / 10);
}

const NOUN: Record<Kind, { zh: string; en: string; kind: 'caseState' | 'wishState' | 'appointmentState' }> = {
  case: { zh: '案件', en: 'case', kind: 'caseState' },
  wish: { zh: '心愿', en: 'wish', kind: 'wishState' },
  appointment: { zh: '预约', en: 'appointment', kind: 'appointmentState' },
};

/** Who took a wish first, from the 409's claimedBy or its detail ("state: already claimed by 张三"). */
export function takenBy(e: HubProblem): string {
  const by = e.body?.claimedBy as By | undefined;
  return by?.name || /claimed by\s+(.+)$/.exec(e.detail || '')?.[1]?.trim() || '';
}

/**
 * A 409 on a work item in the user's words: "这个心愿已被张三认领", "该案件现在是“已办结”……"; a 409 without
 * a known code keeps the hub's detail. Null for anything else (the page's general problem sentence applies).
 */
export function conflictText(e: unknown, locale: string): string | null {
  if (!(e instanceof HubProblem) || e.status !== 409) return null;
  if (e.code === 'wish_taken') {
    const name = takenBy(e);
    if (zh(locale)) return name ? `这个心愿已被${name}认领。` : '这个心愿已被别人认领。';
    return name ? `${name} has already claimed this wish.` : 'Someone else has already claimed this wish.';
  }
  const m = /^(case|wish|appointment)_([a-z]+)$/.exec(e.code || '');
  if (m) {
    const noun = NOUN[m[1] as Kind];
    const state = label(noun.kind, m[2], locale);
    return zh(locale) ? `该${noun.zh}现在是“${state}”，不能这样操作，页面已更新。`
      : `This ${noun.en} is now “${state}”: that is not possible any more. The page is up to date.`;
  }
  const detail = e.detail ? (zh(locale) ? `（${e.detail}）` : ` (${e.detail})`) : '';
  return (zh(locale) ? '状态已经变化，不能这样操作' : 'This has changed meanwhile; that is not possible') + detail;
}

/** A refused photo upload (413, 415, 400) in the user's words; null for anything else. */
export function photoProblemText(e: unknown, locale: string): string | null {
  if (!(e instanceof HubProblem)) return null;
  const z = zh(locale);
  if (e.status === 413) return z ? '照片超过5MB，请换一张或重新拍摄。' : 'The photo is over 5 MB; choose or take another.';
  if (e.status === 415) return z ? '只能上传 JPG、PNG 或 WebP 格式的照片。' : 'Only JPG, PNG or WebP photos can be uploaded.';
  if (e.status === 400) return z ? '这个文件不是有效的照片。' : 'This file is not a valid photo.';
  return null;
}
