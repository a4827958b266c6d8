// The open calls, live: fetched at sign-in and after every reconnect, then kept current from the
// alert stream. One stream per session. Listeners (the open timeline) hear every event.
import { reactive, computed } from 'vue';
import { get } from '../../shared/api';
import { openStream, type Stream } from '../../shared/sse';
import { session, onSession } from '../session';
import { isOpen, type AlertListItem, type AlertView } from '../logic/types';
import { AlertingController, beep, desktopNotify, showAlarm } from '../logic/alerting';
import { t } from '../i18n';

export const board = reactive({
  alerts: new Map<string, AlertListItem>(),
  connected: false,
  loaded: false,
  now: Date.now(),
  announce: '',
  muted: new Set<string>(),
  /** Each open call's full record (family contacts, flags), fetched once when the call appears. */
  details: new Map<string, AlertView>(),
});

const BASE_TITLE = () => t('app.name') + ' · ' + t('console.title');

export const alerting = new AlertingController({
  beep,
  setTitle: (s) => { document.title = s; },
  notify: desktopNotify,
  setInterval: (f, ms) => window.setInterval(f, ms),
  clearInterval: (h) => window.clearInterval(h as number),
  alarm: showAlarm,
}, BASE_TITLE, (who, n) => (n > 1 ? t('board.flashMany', { n, who }) : t('board.flashTitle', { who })));

/** Open calls, waiting ones first, then the longest waiting. */
export const openAlerts = computed(() => [...board.alerts.values()].sort((a, b) =>
  (a.state === 'raised' ? 0 : 1) - (b.state === 'raised' ? 0 : 1) || a.raisedAt.localeCompare(b.raisedAt)));

type Listener = (a: AlertListItem) => void;
const listeners = new Set<Listener>();
export function onAlertEvent(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

const who = (a: AlertListItem) => [a.resident?.name, a.address].filter(Boolean).join(' · ');

/** One alert as the hub reports it now: kept while open, dropped when closed; a new raised call sounds. */
export function apply(a: AlertListItem): void {
  const isNew = !board.alerts.has(a.id);
  if (isOpen(a.state)) {
    const before = board.alerts.get(a.id);
    board.alerts.set(a.id, before ? Object.assign(before, a) : a);
    if (isNew) void loadDetail(a.id);
  } else {
    board.alerts.delete(a.id);
    board.muted.delete(a.id);
    board.details.delete(a.id);
  }
  if (isNew && a.state === 'raised') board.announce = t('board.announce', { who: a.resident?.name ?? '', where: a.address ?? '' });
  alerting.seen(a.id, a.state, who(a), isNew, t('board.notifyTitle'));
  listeners.forEach((l) => l(a));
}

export async function loadDetail(id: string): Promise<AlertView | undefined> {
  try {
    const v = await get<AlertView>('/api/v1/alerts/' + encodeURIComponent(id));
    if (board.alerts.has(id)) board.details.set(id, v);
    return v;
  } catch {
    return undefined;
  }
}

export async function refresh(): Promise<void> {
  const r = await get<{ alerts: AlertListItem[] }>('/api/v1/alerts?state=open');
  const ids = new Set(r.alerts.map((a) => a.id));
  for (const id of [...board.alerts.keys()]) if (!ids.has(id)) board.alerts.delete(id);
  for (const a of r.alerts) {
    const before = board.alerts.get(a.id);
    board.alerts.set(a.id, before ? Object.assign(before, a) : a);
    if (!board.details.has(a.id)) void loadDetail(a.id);
  }
  for (const id of [...board.details.keys()]) if (!ids.has(id)) board.details.delete(id);
  board.loaded = true;
  alerting.sync(r.alerts.filter((a) => a.state === 'raised').map((a) => ({ id: a.id, who: who(a) })));
}

export function mute(id: string): void {
  board.muted.add(id);
  alerting.mute(id);
}

let stream: Stream | null = null;
let ticker: number | null = null;

export function startBoard(): void {
  if (stream) return;
  refresh().catch(() => {});
  stream = openStream('/api/v1/alerts/stream', session.token, { alert: (a: AlertListItem) => apply(a) }, (open) => {
    const was = board.connected;
    board.connected = open;
    if (open && !was) refresh().catch(() => {});   // first connect and every reconnect: catch up
  });
  ticker = window.setInterval(() => { board.now = Date.now(); }, 1000);
}

export function stopBoard(): void {
  stream?.close();
  stream = null;
  if (ticker !== null) window.clearInterval(ticker);
  ticker = null;
  board.alerts.clear();
  board.muted.clear();
  board.details.clear();
  board.connected = false;
  board.loaded = false;
  board.announce = '';
  alerting.stop();
}

export function streamCount(): number { return stream ? 1 : 0; }

onSession(startBoard, stopBoard);
