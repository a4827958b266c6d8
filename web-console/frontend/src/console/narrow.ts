import { onBeforeUnmount, ref, type Ref } from 'vue';

/** The console's phone layout (its styles switch at the same width): the networks' tables become cards there. */
export const PHONE = '(max-width: 760px)';

/**
 * Whether the window is phone-narrow now, following resizes. A wide table scrolled sideways hides its
 * action buttons off-screen on a phone: the networks' panels list cards there instead.
 */
export function useNarrow(): Ref<boolean> {
  const query = typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia(PHONE) : null;
  const narrow = ref(query?.matches ?? false);
  const follow = (e: MediaQueryListEvent) => { narrow.value = e.matches; };
  query?.addEventListener?.('change', follow);
  onBeforeUnmount(() => query?.removeEventListener?.('change', follow));
  return narrow;
}
