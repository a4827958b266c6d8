// A new call is hard to miss: a repeating two-tone sound (Web Audio, no audio file), the page title
// flashing, and vibration where the phone has it, until someone acknowledges it or the user mutes it.

export class Alarm {
  private context: AudioContext | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private ringing = new Map<string, string>();   // call id → flash text
  private muted = new Set<string>();
  private baseTitle = '';
  private flip = false;
  private unlock = () => { this.audio()?.resume().catch(() => {}); };

  constructor(private readonly win: Window = window) {
    // Browsers start audio only after a touch: the first tap anywhere unlocks it.
    win.addEventListener('pointerdown', this.unlock, { passive: true });
    win.addEventListener('keydown', this.unlock);
  }

  /** The calls that are waiting now; rings for those not muted, stops when none is left. */
  update(waiting: { id: string; flash: string }[]): void {
    const ids = new Set(waiting.map((w) => w.id));
    for (const id of [...this.muted]) if (!ids.has(id)) this.muted.delete(id);
    this.ringing = new Map(waiting.filter((w) => !this.muted.has(w.id)).map((w) => [w.id, w.flash]));
    if (this.ringing.size && !this.timer) this.start();
    else if (!this.ringing.size && this.timer) this.stop();
  }

  get active(): boolean { return this.timer !== null; }

  isMuted(id: string): boolean { return this.muted.has(id); }

  mute(id?: string): void {
    for (const k of id ? [id] : [...this.ringing.keys()]) { this.muted.add(k); this.ringing.delete(k); }
    if (!this.ringing.size) this.stop();
  }

  /** One beep now (the "play" button in settings, and a user gesture that unlocks the sound). */
  test(): void { this.unlock(); this.beep(); }

  dispose(): void {
    this.stop();
    this.ringing.clear();
    this.muted.clear();
    this.win.removeEventListener('pointerdown', this.unlock);
    this.win.removeEventListener('keydown', this.unlock);
    this.context?.close().catch(() => {});
    this.context = null;
  }

  private start(): void {
    this.baseTitle = this.win.document.title;
    this.cycle();
    this.timer = setInterval(() => this.cycle(), 2000);
  }

  private stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.baseTitle) this.win.document.title = this.baseTitle;
    this.baseTitle = '';
    try { this.win.navigator.vibrate?.(0); } catch { /* not on this device */ }
  }

  private cycle(): void {
    this.beep();
    try { this.win.navigator.vibrate?.([400, 200, 400]); } catch { /* not on this device */ }
    this.flip = !this.flip;
    const first = this.ringing.values().next().value;
    this.win.document.title = this.flip && first ? first : this.baseTitle;
  }

  private audio(): AudioContext | null {
    if (this.context) return this.context;
    const Ctor = (this.win as unknown as { AudioContext?: typeof AudioContext; webkitAudioContext?: typeof AudioContext }).AudioContext
      ?? (this.win as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!Ctor) return null;
    try { this.context = new Ctor(); } catch { return null; }
    return this.context;
  }

  private beep(): void {
    const ctx = this.audio();
    if (!ctx) return;
    if (ctx.state === 'suspended') ctx.resume().catch(() => {});
    try {
      const t = ctx.currentTime;
      for (const [i, freq] of [880, 660, 880].entries()) {
        const osc = ctx.createOscillator();
        const gain = ctx.createGain();
        osc.type = 'square';
        osc.frequency.value = freq;
        gain.gain.setValueAtTime(0.0001, t + i * 0.3);
        gain.gain.exponentialRampToValueAtTime(0.4, t + i * 0.3 + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, t + i * 0.3 + 0.25);
        osc.connect(gain).connect(ctx.destination);
        osc.start(t + i * 0.3);
        osc.stop(t + i * 0.3 + 0.27);
      }
    } catch { /* audio refused: title and vibration still alert */ }
  }
}
