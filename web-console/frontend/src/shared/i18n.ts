// vue-i18n set up the same way for both pages: zh-CN first, English complete, the choice kept in
// localStorage ('sanwang.lang'). Each page adds its own messages; the common ones live here.
import { createI18n } from 'vue-i18n';
import { HubProblem } from './api';
import { label, ALL } from './codes';
import { PROBLEM_CODES } from './problemCodes';

export type Messages = { 'zh-CN': Record<string, unknown>; en: Record<string, unknown> };

const common: Messages = {
  'zh-CN': {
    app: { name: '三网枢纽' },
    lang: { switch: 'English', current: '中文' },
    problem: {
      offline: '网络未连接，请检查网络后重试',
      s400: '填写有误：{field}',
      s400plain: '请求内容有误',
      s401: '登录已失效，请重新登录',
      s403: '您没有权限执行此操作',
      s404: '要找的内容不存在或已被删除',
      s409: '该呼叫已被他人处理，页面已刷新',
      s409plain: '内容已被他人修改，页面已刷新',
      s413: '内容太大',
      s415: '请求格式不对',
      s429: '操作太频繁，请稍后再试',
      s5xx: '枢纽暂时不可用，请稍后再试',
      other: '操作失败（{status}）',
      details: '技术详情',
    },
  },
  en: {
    app: { name: 'Sanwang Hub' },
    lang: { switch: '中文', current: 'English' },
    problem: {
      offline: 'No network connection; check it and try again',
      s400: 'Please check: {field}',
      s400plain: 'The request was not accepted',
      s401: 'Your sign-in has expired; please sign in again',
      s403: 'You may not do this',
      s404: 'Not found, or already removed',
      s409: 'Someone else has already acted on this call; the page is up to date now',
      s409plain: 'Someone else changed this; the page is up to date now',
      s413: 'Too large',
      s415: 'Wrong request format',
      s429: 'Too many attempts; please wait a moment',
      s5xx: 'The hub is unavailable for a moment; try again shortly',
      other: 'Failed ({status})',
      details: 'Technical details',
    },
  },
};

export function storedLocale(): 'zh-CN' | 'en' {
  return localStorage.getItem('sanwang.lang') === 'en' ? 'en' : 'zh-CN';
}

export function createHubI18n(page: Messages, fieldLabels: Messages = { 'zh-CN': {}, en: {} }) {
  const merge = (a: Record<string, unknown>, b: Record<string, unknown>, c: Record<string, unknown>, codes: Record<string, string>) =>
    ({ ...a, ...b, field: { ...(c as object) }, problemCode: { ...codes } });
  return createI18n({
    legacy: false,
    locale: storedLocale(),
    fallbackLocale: 'zh-CN',
    messages: {
      'zh-CN': merge(common['zh-CN'], page['zh-CN'], fieldLabels['zh-CN'], PROBLEM_CODES['zh-CN']),
      en: merge(common.en, page.en, fieldLabels.en, PROBLEM_CODES.en),
    },
  });
}

type T = (key: string, values?: Record<string, unknown>) => string;

/** A problem as one sentence in the user's language, naming the field when the hub named one. */
export function problemMessage(e: unknown, t: T, te: (key: string) => boolean): string {
  if (!(e instanceof HubProblem)) return t('problem.other', { status: String(e) });
  if (e.offline) return t('problem.offline');
  if (e.code && te(`problemCode.${e.code}`)) return t(`problemCode.${e.code}`);
  switch (e.status) {
    case 400: {
      const field = e.field;
      if (!field) return t('problem.s400plain');
      const key = `field.${field.replace(/\[\d+\]/g, '')}`;
      const index = /\[(\d+)\]/.exec(field);
      const name = te(key) ? t(key) : field;
      return t('problem.s400', { field: index ? `${name} (${Number(index[1]) + 1})` : name });
    }
    case 401: return t('problem.s401');
    case 403: return t('problem.s403');
    case 404: return t('problem.s404');
    case 409: return t('problem.s409');
    case 413: return t('problem.s413');
    case 415: return t('problem.s415');
    case 429: return t('problem.s429');
    default: return e.status >= 500 ? t('problem.s5xx') : t('problem.other', { status: e.status });
  }
}

export function setLocale(i18n: { global: { locale: { value: string } } }, locale: 'zh-CN' | 'en'): void {
  i18n.global.locale.value = locale;
  localStorage.setItem('sanwang.lang', locale);
  document.documentElement.lang = locale;
}

export { label, ALL };
