// Times and durations as Chinese community staff read them.

export function time(iso: string | null | undefined, locale: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  const today = new Date();
  const sameDay = d.toDateString() === today.toDateString();
  return d.toLocaleString(locale.startsWith('zh') ? 'zh-CN' : 'en-GB', sameDay
    ? { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }
    : { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
}

/** "3分12秒" / "3 min 12 s": how long since {@code iso}, at {@code now}. */
export function waited(iso: string, now: number, locale: string): string {
  const s = Math.max(0, Math.floor((now - new Date(iso).getTime()) / 1000));
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
  if (locale.startsWith('zh')) return (h ? `${h}小时` : '') + (h || m ? `${m}分` : '') + `${sec}秒`;
  return (h ? `${h} h ` : '') + (h || m ? `${m} min ` : '') + `${sec} s`;
}

/** ISO-8601 duration (PT5M, PT90S, PT1H30M) to whole minutes, and back. Only what the hub writes. */
export function isoToMinutes(iso: string): number {
  const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$/.exec(iso || '');
  if (!m) return NaN;
  return (Number(m[1] || 0) * 60) + Number(m[2] || 0) + Number(m[3] || 0) / 60;
}

export function minutesToIso(minutes: number): string {
  const whole = Math.round(minutes * 60);
  const h = Math.floor(whole / 3600), m = Math.floor((whole % 3600) / 60), s = whole % 60;
  return 'PT' + (h ? `${h}H` : '') + (m ? `${m}M` : '') + (s || (!h && !m) ? `${s}S` : '');
}

/** A date as YYYY-MM-DD in China time (the hub's dates), for query parameters. */
export function chinaDate(d: Date): string {
  const shifted = new Date(d.getTime() + 8 * 3600_000);
  return shifted.toISOString().slice(0, 10);
}

/** A full date and time ("2025-03-01 14:05:09"), for tables of history where the day matters. */
export function dateTime(iso: string | null | undefined, locale: string): string {
  if (!iso) return '';
  return new Date(iso).toLocaleString(locale.startsWith('zh') ? 'zh-CN' : 'en-GB', {
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
  });
}
