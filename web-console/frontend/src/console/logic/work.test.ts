import { describe, expect, it } from 'vitest';
import { HubProblem } from '../../shared/api';
import { setLocale } from '../../shared/i18n';
import { i18n } from '../i18n';
import { sinceOf, staffViewer, workProblem } from './work';

describe('the console’s work pages', () => {
  it('starts the governance figures at midnight in China of the period’s first day', () => {
    expect(sinceOf('2026-11-01')).toBe('2026-10-31T16:00:00Z');
    expect(sinceOf(null)).toBeUndefined();
    expect(sinceOf('1 Nov')).toBeUndefined();
  });

  it('lets staff confirm and cancel wishes, and claim only as a Party member of that community', () => {
    const secretary = { id: 'u-1', name: '张伟', roles: [{ role: 'community_secretary', scope: '130803001001' }] };
    expect(staffViewer(secretary, '130803001001')).toEqual({ id: 'u-1', claim: false, confirm: true, cancel: true });
    const member = { ...secretary, roles: [...secretary.roles, { role: 'party_member', scope: '130803001001' }] };
    expect(staffViewer(member, '130803001001').claim).toBe(true);
    expect(staffViewer(member, '130803001002').claim).toBe(false);
  });

  it('tells a 409 by the item’s state now, and anything else as the console always does', () => {
    setLocale(i18n, 'zh-CN');
    expect(workProblem(new HubProblem(409, 'state: the wish is cancelled', 'wish_cancelled'))).toBe('该心愿现在是“已取消”，不能这样操作，页面已更新。');
    expect(workProblem(new HubProblem(403, 'role: not allowed'))).toBe('您没有权限执行此操作');
  });
});

describe('the work pages’ texts', () => {
  const keys = (o: unknown, prefix = ''): string[] => (o && typeof o === 'object'
    ? Object.entries(o).flatMap(([k, v]) => keys(v, prefix + k + '.')) : [prefix.slice(0, -1)]);

  it('have every Chinese text in English too', async () => {
    const { workMessages } = await import('../locales/work');
    expect(keys(workMessages.en)).toEqual(keys(workMessages['zh-CN']));
    const zh = (await import('../../app/locales/zh-CN')).default;
    const en = (await import('../../app/locales/en')).default;
    expect(keys(en)).toEqual(keys(zh));
  });
});
