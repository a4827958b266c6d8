// The app's i18n: the shared set-up (zh-CN first) with the app's words, and Vant's own texts
// (dialog buttons, empty states) switched with it.
import { Locale } from 'vant';
import vantZh from 'vant/es/locale/lang/zh-CN';
import vantEn from 'vant/es/locale/lang/en-US';
import { createHubI18n, setLocale } from '../shared/i18n';
import zh from './locales/zh-CN';
import en from './locales/en';

export const i18n = createHubI18n({ 'zh-CN': zh, en });

export function useVantLocale(locale: string): void {
  if (locale === 'en') Locale.use('en-US', vantEn);
  else Locale.use('zh-CN', vantZh);
}

export function switchLocale(locale: 'zh-CN' | 'en'): void {
  setLocale(i18n as unknown as { global: { locale: { value: string } } }, locale);
  useVantLocale(locale);
  document.title = i18n.global.t('title');
}
