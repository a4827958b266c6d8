// The console's side of the work pages: what staff may do with a wish, the figures' start, one sentence
// for any failure of a work action, and a clock that ticks for the countdowns.
import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue';
import { conflictText, type WishViewer } from '../../shared/work';
import type { User } from '../session';
import { locale, problem } from '../i18n';

/** Staff confirm and cancel wishes; a staff member who is also a Party member of the community may claim. */
export function staffViewer(user: User | null | undefined, community?: string): WishViewer {
  const roles = user?.roles ?? [];
  return {
    id: user?.id ?? null,
    claim: roles.some((r) => r.role === 'party_member' && (!community || r.scope === community)),
    confirm: true,
    cancel: true,
  };
}

/** "since" for GET /figures/cases: the first day of the chosen period at midnight in China, as UTC. */
export function sinceOf(day: string | null | undefined): string | undefined {
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  return new Date(`${day}T00:00:00+08:00`).toISOString().replace(/\.000Z$/, 'Z');
}

/** Any failure of a work action as one sentence: a 409 says what state the item is in now. */
export const workProblem = (e: unknown) => conflictText(e, locale()) ?? problem(e);

/** Date.now(), refreshed every {@code every} ms while the page is shown (countdowns are by the minute). */
export function useNow(every = 15_000): Ref<number> {
  const now = ref(Date.now());
  let timer: number | null = null;
  onMounted(() => { timer = window.setInterval(() => { now.value = Date.now(); }, every); });
  onBeforeUnmount(() => { if (timer !== null) window.clearInterval(timer); });
  return now;
}
