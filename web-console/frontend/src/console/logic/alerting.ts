// Alerting for new calls (defect 13): a sound repeating until someone acknowledges the call (or this
// user mutes that call), the tab title flashing 【新呼叫】 until acknowledged, and a desktop
// notification when the user has allowed them. The browser parts are injected so tests can drive it.

import { ref } from 'vue';

export interface AlertingDeps {
  beep(): void;
  setTitle(title: string): void;
  notify(title: string, body: string, tag: string): void;
  setInterval(f: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
  /** Told whenever the repeating sound starts ('ringing') or stops ('quiet'), so the page can show it. */
  alarm?(state: 'ringing' | 'quiet'): void;
}

export interface Ringing { id: string; who: string }

export class AlertingController {
  private readonly waiting = new Map<string, Ringing>();   // raised, not yet acknowledged
  private readonly muted = new Set<string>();
  private soundTimer: unknown = null;
  private titleTimer: unknown = null;
  private flashOn = false;

  constructor(private readonly deps: AlertingDeps, private readonly baseTitle: () => string,
    private readonly flashTitle: (who: string, count: number) => string, readonly soundEveryMs = 3000) {}

  /** Every alert the board hears about passes here; {@code isNew} when the board did not know it. */
  seen(id: string, state: string, who: string, isNew: boolean, notifyTitle?: string): void {
    if (state === 'raised') {
      if (!this.waiting.has(id)) {
        this.waiting.set(id, { id, who });
        if (isNew && notifyTitle) this.deps.notify(notifyTitle, who, id);
        if (isNew && !this.muted.has(id)) this.deps.beep();
      }
    } else {
      this.waiting.delete(id);
      this.muted.delete(id);
    }
    this.schedule();
  }

  /** The board's list was fetched again: anything no longer raised stops. */
  sync(raised: { id: string; who: string }[]): void {
    const ids = new Set(raised.map((r) => r.id));
    for (const id of [...this.waiting.keys()]) if (!ids.has(id)) { this.waiting.delete(id); this.muted.delete(id); }
    for (const r of raised) if (!this.waiting.has(r.id)) this.waiting.set(r.id, r);
    this.schedule();
  }

  mute(id: string): void {
    this.muted.add(id);
    this.schedule();
  }

  isMuted(id: string): boolean { return this.muted.has(id); }
  get sounding(): boolean { return this.soundTimer !== null; }
  get flashing(): boolean { return this.titleTimer !== null; }

  stop(): void {
    this.waiting.clear();
    this.muted.clear();
    this.schedule();
  }

  private schedule(): void {
    const audible = [...this.waiting.keys()].some((id) => !this.muted.has(id));
    if (audible && this.soundTimer === null) {
      this.soundTimer = this.deps.setInterval(() => this.deps.beep(), this.soundEveryMs);
      this.deps.alarm?.('ringing');
    } else if (!audible && this.soundTimer !== null) {
      this.deps.clearInterval(this.soundTimer);
      this.soundTimer = null;
      this.deps.alarm?.('quiet');
    }
    if (this.waiting.size && this.titleTimer === null) {
      this.titleTimer = this.deps.setInterval(() => this.flash(), 1000);
      this.flash();
    } else if (!this.waiting.size && this.titleTimer !== null) {
      this.deps.clearInterval(this.titleTimer);
      this.titleTimer = null;
      this.flashOn = false;
      this.deps.setTitle(this.baseTitle());
    }
  }

  private flash(): void {
    this.flashOn = !this.flashOn;
    const first = this.waiting.values().next().value as Ringing | undefined;
    this.deps.setTitle(this.flashOn && first ? this.flashTitle(first.who, this.waiting.size) : this.baseTitle());
  }
}

let audio: AudioContext | null = null;

/**
 * True while the alarm should sound but the browser keeps the page silent (after a reload, a page
 * may only sound once the user has touched it): the console then asks for one click.
 */
export const soundBlocked = ref(false);

/** Called from a user gesture (the login button, any click) so the browser lets the page sound. */
export function unlockAudio(): void {
  try {
    const Ctx = window.AudioContext || (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!Ctx) return;
    if (!audio) audio = new Ctx();
    if (audio.state === 'suspended') void audio.resume().then(() => { soundBlocked.value = audio?.state !== 'running'; });
    else soundBlocked.value = false;
  } catch { /* no audio: the title flash and the announcement remain */ }
}

/**
 * Two short high tones, made with the Web Audio API (no sound file). Silent until audio was unlocked.
 * Each tone actually played is counted on <html data-beeps>, so a browser test can hear the alarm.
 */
export function beep(): void {
  if (!audio || audio.state !== 'running') {
    soundBlocked.value = true;
    return;
  }
  soundBlocked.value = false;
  const root = document.documentElement;
  root.dataset.beeps = String(Number(root.dataset.beeps ?? 0) + 1);
  const now = audio.currentTime;
  [0, 0.3].forEach((at, i) => {
    const o = audio!.createOscillator();
    const g = audio!.createGain();
    o.type = 'square';
    o.frequency.value = i ? 1175 : 880;
    g.gain.setValueAtTime(0.0001, now + at);
    g.gain.exponentialRampToValueAtTime(0.25, now + at + 0.02);
    g.gain.exponentialRampToValueAtTime(0.0001, now + at + 0.22);
    o.connect(g).connect(audio!.destination);
    o.start(now + at);
    o.stop(now + at + 0.25);
  });
}

/** The alarm's state on <html data-alarm="ringing|quiet"> (defect 13: observable by tests and tools). */
export function showAlarm(state: 'ringing' | 'quiet'): void {
  document.documentElement.dataset.alarm = state;
}

export function desktopNotify(title: string, body: string, tag: string): void {
  try {
    if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
    const n = new Notification(title, { body, tag, requireInteraction: true });
    n.onclick = () => { window.focus(); n.close(); };
  } catch { /* some browsers only notify from a service worker */ }
}
