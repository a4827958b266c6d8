// The app's 任务 tab: wishes, cases and appointments near the person, live from the work stream, and
// the one-tap actions on them. Which parts a person sees follows their roles; the hub scopes the lists.
import { reactive } from 'vue';
import { get, post, HubProblem } from '../shared/api';
import { openStream as realOpenStream, type Stream } from '../shared/sse';
import { uploadPhoto } from '../shared/photos';
import {
  WORK_STREAM, actionBody, actionPath, appointmentsPath, casesPath, isOpenCase, itemPath, upsert, wishesPath,
  type Appointment, type Case, type Kind, type Wish, type WishViewer,
} from '../shared/work';
import type { Role } from './storage';

export type Section = 'wishes' | 'cases' | 'appointments' | 'report';

const CASE_ROLES = ['grid_member', 'grid_head', 'building_head', 'online_building_head', 'unit_head', 'community_secretary', 'community_duty'];
const APPOINTMENT_ROLES = ['grid_member', 'grid_head', 'building_head', 'community_secretary', 'community_duty'];
const WISH_ROLES = ['party_member', 'building_head', 'online_building_head', 'community_secretary', 'community_duty'];

/** The parts of the 任务 tab for these roles: Party members get wishes, grid members and building heads cases and appointments; everyone may report. */
export function sections(roles: Role[]): Section[] {
  const has = (list: string[]) => roles.some((r) => list.includes(r.role));
  const out: Section[] = [];
  if (has(WISH_ROLES)) out.push('wishes');
  if (has(CASE_ROLES)) out.push('cases');
  if (has(APPOINTMENT_ROLES)) out.push('appointments');
  if (roles.length) out.push('report');
  return out;
}

/** What this person may do with a wish: claim as a Party member of its community, confirm as its building's head or community staff. */
export function appViewer(userId: string | undefined, roles: Role[], wish: Pick<Wish, 'community' | 'building'>): WishViewer {
  return {
    id: userId ?? null,
    claim: roles.some((r) => r.role === 'party_member' && r.scope === wish.community),
    confirm: roles.some((r) => ((r.role === 'building_head' || r.role === 'online_building_head') && !!wish.building && r.scope === wish.building)
      || ((r.role === 'community_secretary' || r.role === 'community_duty') && r.scope === wish.community)),
    cancel: false,
  };
}

export interface ActInput { note?: string; photo?: File | Blob | null; rating?: number | null }
export interface ReportForm { building: string; category: string; description: string; location?: string; photo?: File | Blob | null }

/** A photo the hub refused (413, 415, 400): told apart from a refusal of the action itself. */
export class PhotoFailure {
  constructor(readonly cause: unknown) {}
}

async function photoIds(photo: File | Blob | null | undefined, building: string | null | undefined): Promise<string[]> {
  if (!photo || !building) return [];
  try {
    return [(await uploadPhoto(photo, building)).id];
  } catch (e) {
    throw new PhotoFailure(e);
  }
}

export interface WorkOptions { openStream?: typeof realOpenStream; token: () => string | null }

export function createWork(options: WorkOptions) {
  const openStream = options.openStream ?? realOpenStream;
  const state = reactive({
    cases: [] as Case[],
    wishes: [] as Wish[],
    appointments: [] as Appointment[],
    loaded: false,
    connected: false,
    busy: {} as Record<string, boolean>,
    /** The latest failure of an action or the lists, shown at the top of the tab until the next one. */
    problem: null as unknown,
  });
  let stream: Stream | null = null;
  let generation = 0;
  let wasOpen = false;

  /** The three lists; one the person may not see (403) just stays empty. */
  async function load(): Promise<void> {
    const gen = generation;
    const [c, w, a] = await Promise.allSettled([
      get<{ cases: Case[] }>(casesPath()), get<{ wishes: Wish[] }>(wishesPath()), get<{ appointments: Appointment[] }>(appointmentsPath()),
    ]);
    if (gen !== generation) return;
    if (c.status === 'fulfilled') state.cases = c.value.cases ?? [];
    if (w.status === 'fulfilled') state.wishes = w.value.wishes ?? [];
    if (a.status === 'fulfilled') state.appointments = a.value.appointments ?? [];
    const failed = [c, w, a].find((r): r is PromiseRejectedResult => r.status === 'rejected'
      && !(r.reason instanceof HubProblem && (r.reason.status === 403 || r.reason.status === 404)));
    if (failed) state.problem = failed.reason;
    state.loaded = true;
  }

  function start(): void {
    if (stream) return;
    const gen = ++generation;
    wasOpen = false;
    load().catch((e) => { state.problem = e; });
    stream = openStream(WORK_STREAM, options.token(), {
      case: (c: Case) => { state.cases = upsert(state.cases, c); },
      wish: (w: Wish) => { state.wishes = upsert(state.wishes, w); },
      appointment: (a: Appointment) => { state.appointments = upsert(state.appointments, a); },
    }, (open) => {
      if (gen !== generation) return;
      if (open && !state.connected && wasOpen) load().catch(() => {});   // back after a break: catch up
      if (open) wasOpen = true;
      state.connected = open;
    });
  }

  function stop(): void {
    generation++;
    stream?.close();
    stream = null;
    state.connected = false;
  }

  const LIST = { case: 'cases', wish: 'wishes', appointment: 'appointments' } as const;

  function put(kind: Kind, item: Case | Wish | Appointment): void {
    const key = LIST[kind];
    (state[key] as { id: string }[]) = upsert(state[key] as (Case | Wish | Appointment)[], item);
  }

  /** One action on one item; false (with the problem kept) when the hub refused, and the item as it stands now. */
  async function act(kind: Kind, id: string, action: string, input: ActInput = {}, building?: string | null): Promise<boolean> {
    state.busy[id] = true;
    state.problem = null;
    try {
      const photos = await photoIds(input.photo, building);
      put(kind, await post<Case | Wish | Appointment>(actionPath(kind, id, action), actionBody({ note: input.note, photos, rating: input.rating })));
      return true;
    } catch (e) {
      state.problem = e;
      if (e instanceof HubProblem && e.status === 409) {
        try { put(kind, await get<Case | Wish | Appointment>(itemPath(kind, id))); } catch { /* the list stays as it was */ }
      }
      return false;
    } finally {
      state.busy[id] = false;
    }
  }

  /** 随手拍: the photo (if any) first, then the case with its id; the form shows a failure itself. */
  async function report(form: ReportForm): Promise<Case> {
    const photos = await photoIds(form.photo, form.building);
    const body: Record<string, unknown> = { building: form.building, category: form.category, description: form.description.trim() };
    if (form.location?.trim()) body.location = form.location.trim();
    if (photos.length) body.photos = photos;
    const created = await post<Case>('/api/v1/cases', body);
    put('case', created);
    return created;
  }

  /** The buildings of a community (directly or through its grids), for a Party member's report. */
  async function buildingsOf(community: string): Promise<{ code: string; name: string }[]> {
    type Node = { children?: { code: string; level?: string; name: string }[] };
    const node = await get<Node>(`/api/v1/org/${encodeURIComponent(community)}`);
    const out: { code: string; name: string }[] = [];
    for (const child of node.children ?? []) {
      if (child.level === 'building' || /-B\d+$/.test(child.code)) out.push({ code: child.code, name: child.name });
      else if (child.level === 'grid' || /-G\d+$/.test(child.code)) {
        const grid = await get<Node>(`/api/v1/org/${encodeURIComponent(child.code)}`).catch(() => ({ children: [] }) as Node);
        for (const b of grid.children ?? []) if (b.level === 'building' || /-B\d+$/.test(b.code)) out.push({ code: b.code, name: b.name });
      }
    }
    return out;
  }

  return {
    state, start, stop, load, act, report, buildingsOf,
    openCases: () => state.cases.filter(isOpenCase),
    live: () => (stream ? 1 : 0),
  };
}

export type Work = ReturnType<typeof createWork>;
