import { createHubI18n, problemMessage } from '../shared/i18n';
import { label } from '../shared/codes';
import { messages, fieldLabels } from './locales/messages';

export const i18n = createHubI18n(messages, fieldLabels);

export const locale = () => i18n.global.locale.value as string;
export const t = (key: string, values?: Record<string, unknown>) => i18n.global.t(key, values ?? {}) as string;
/** A code's label in the current language. */
export const L = (kind: Parameters<typeof label>[0], code: string | null | undefined) => label(kind, code, locale());
/** Any failure as one sentence in the user's language. */
export const problem = (e: unknown) => problemMessage(e, t, (k: string) => i18n.global.te(k));
