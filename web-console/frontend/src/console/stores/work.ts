// The work stream (GET /api/v1/work/stream: case, wish and appointment events), shared by the work
// pages: opened while at least one page listens, closed when the last leaves or at sign-out. A page
// hears every event, and a catch-up call after each reconnect (events missed meanwhile are refetched).
import { onBeforeUnmount, onMounted, reactive } from 'vue';
import { openStream, type Stream } from '../../shared/sse';
import { WORK_STREAM, type Appointment, type Case, type Wish } from '../../shared/work';
import { session, onSession } from '../session';

export interface WorkListener {
  case?: (c: Case) => void;
  wish?: (w: Wish) => void;
  appointment?: (a: Appointment) => void;
  /** The stream is open again after a break: reload what may have changed. */
  reconnected?: () => void;
}

export const work = reactive({ connected: false });

const listeners = new Set<WorkListener>();
let stream: Stream | null = null;
let everOpen = false;

function open(): void {
  if (stream || !session.token) return;
  everOpen = false;
  stream = openStream(WORK_STREAM, session.token, {
    case: (c: Case) => listeners.forEach((l) => l.case?.(c)),
    wish: (w: Wish) => listeners.forEach((l) => l.wish?.(w)),
    appointment: (a: Appointment) => listeners.forEach((l) => l.appointment?.(a)),
  }, (isOpen) => {
    const was = work.connected;
    work.connected = isOpen;
    if (isOpen && !was) {
      if (everOpen) listeners.forEach((l) => l.reconnected?.());
      everOpen = true;
    }
  });
}

function close(): void {
  stream?.close();
  stream = null;
  work.connected = false;
}

/** Listen to the work stream until the returned function is called. */
export function onWork(listener: WorkListener): () => void {
  listeners.add(listener);
  open();
  return () => {
    listeners.delete(listener);
    if (!listeners.size) close();
  };
}

/** A page listens from mount to unmount. */
export function useWork(listener: WorkListener): void {
  let off: (() => void) | null = null;
  onMounted(() => { off = onWork(listener); });
  onBeforeUnmount(() => { off?.(); off = null; });
}

onSession(() => { if (listeners.size) open(); }, close);
