// Live traffic: per-second and per-minute counts by network, the busiest communities, the newest
// messages. Prefilled from GET /api/v1/traffic/recent (when the hub has it), then kept current from
// the traffic stream. One stream per session, closed at sign-out (defect 12: no doubled timers).
import { reactive, shallowRef, ref } from 'vue';
import { get } from '../../shared/api';
import { openStream, type Stream } from '../../shared/sse';
import { session, onSession } from '../session';

export interface Sample { at: string; total: number; bySource: Record<string, number> }
export interface TrafficMessage {
  groupId: string; groupName: string; community: string; offset: number; at: string; source: string; sender: string; kind: string; text: string;
}
interface Recent { seconds?: Sample[]; minutes?: Sample[]; communities?: { code: string; name: string; count: number }[] }

export const NETWORKS = ['party', 'governance', 'community', 'hub'];

export const traffic = reactive({
  connected: false,
  paused: false,
  held: 0,
  names: {} as Record<string, string>,
});
/** Bumped once per second (and on prefill): the charts redraw on it. */
export const tick = ref(0);
export const seconds = shallowRef<Sample[]>([]);
export const minutes = shallowRef<Sample[]>([]);
export const messages = shallowRef<TrafficMessage[]>([]);

// Messages per community per minute (key: minute ISO), for "the last hour"; the prefill counts as one bucket.
const byCommunity = new Map<string, Map<string, number>>();
const minuteKey = (at: string) => at.slice(0, 16);

function addCommunity(code: string, key: string, n: number) {
  let m = byCommunity.get(code);
  if (!m) byCommunity.set(code, (m = new Map()));
  m.set(key, (m.get(key) ?? 0) + n);
}

export function communityCounts(now = Date.now()): { code: string; name: string; count: number }[] {
  const oldest = minuteKey(new Date(now - 3600_000).toISOString());
  const out: { code: string; name: string; count: number }[] = [];
  for (const [code, m] of byCommunity) {
    let count = 0;
    for (const [k, n] of m) { if (k >= oldest) count += n; else m.delete(k); }
    if (count) out.push({ code, name: traffic.names[code] ?? code, count });
  }
  return out.sort((a, b) => b.count - a.count);
}

export function addRates(r: { at: string; total: number; bySource?: Record<string, number>; byCommunity?: Record<string, number>; communityNames?: Record<string, string> }): void {
  const s: Sample = { at: r.at, total: r.total, bySource: r.bySource ?? {} };
  seconds.value = [...seconds.value, s].slice(-60);
  const key = minuteKey(r.at);
  const m = minutes.value;
  const last = m[m.length - 1];
  if (last && minuteKey(last.at) === key) {
    const merged: Record<string, number> = { ...last.bySource };
    for (const [k, n] of Object.entries(s.bySource)) merged[k] = (merged[k] ?? 0) + n;
    minutes.value = [...m.slice(0, -1), { at: last.at, total: last.total + s.total, bySource: merged }];
  } else {
    minutes.value = [...m, { at: key + ':00Z', total: s.total, bySource: { ...s.bySource } }].slice(-60);
  }
  Object.assign(traffic.names, r.communityNames ?? {});
  for (const [code, n] of Object.entries(r.byCommunity ?? {})) addCommunity(code, key, n);
  tick.value++;
}

export function addMessage(msg: TrafficMessage): void {
  if (traffic.paused) { traffic.held++; return; }
  messages.value = [msg, ...messages.value].slice(0, 200);
}

export function setPaused(p: boolean): void {
  traffic.paused = p;
  if (!p) traffic.held = 0;
}

async function prefill(): Promise<void> {
  let r: Recent;
  try { r = await get<Recent>('/api/v1/traffic/recent'); } catch { return; }   // an older hub: the stream fills the charts
  if (r.seconds?.length) seconds.value = [...r.seconds, ...seconds.value].slice(-60);
  if (r.minutes?.length) minutes.value = r.minutes.slice(-60);
  const key = minuteKey(new Date().toISOString());
  for (const c of r.communities ?? []) {
    traffic.names[c.code] = c.name;
    if (!byCommunity.has(c.code)) addCommunity(c.code, key, c.count);
  }
  tick.value++;
}

let stream: Stream | null = null;

export function startTraffic(): void {
  if (stream) return;
  void prefill();
  stream = openStream('/api/v1/traffic/stream', session.token, { rates: addRates, message: addMessage }, (open) => { traffic.connected = open; });
}

export function stopTraffic(): void {
  stream?.close();
  stream = null;
  seconds.value = [];
  minutes.value = [];
  messages.value = [];
  byCommunity.clear();
  traffic.paused = false;
  traffic.held = 0;
  traffic.connected = false;
}

export function trafficStreams(): number { return stream ? 1 : 0; }

onSession(startTraffic, stopTraffic);
