import { describe, expect, it } from 'vitest';
import { HubProblem } from './api';
import { label } from './codes';
import {
  actionBody, actionPath, appointmentActions, casesPath, caseActions, categoryLabel, conflictText, countdown, isOverdue,
  matchesCase, noteRequired, percent, photoProblemText, removeMemberPath, sortAppointments, sortCases, span, upsert, wishActions,
  type Appointment, type Case,
} from './work';

const NOW = Date.parse('2026-11-21T08:00:00Z');
const H = 3600_000;
const iso = (ms: number) => new Date(ms).toISOString();

function aCase(over: Partial<Case>): Case {
  return { id: 'c', category: 'environment', description: '垃圾堆放', level: 'community', state: 'reported', overdue: false,
    deadline: iso(NOW + 5 * H), community: '130803001001', reportedAt: iso(NOW - H), ...over };
}

describe('the deadline countdown', () => {
  it('reads as staff say it: hours and minutes left, or how long overdue', () => {
    expect(countdown(iso(NOW + 3 * H + 12 * 60_000), NOW, 'zh-CN')).toEqual({ text: '剩余 3小时12分', overdue: false, soon: false });
    expect(countdown(iso(NOW - 2 * H), NOW, 'zh-CN')).toEqual({ text: '已超时 2小时', overdue: true, soon: false });
    expect(countdown(iso(NOW + 45 * 60_000), NOW, 'zh-CN')).toEqual({ text: '剩余 45分', overdue: false, soon: true });
    expect(countdown(iso(NOW + 30_000), NOW, 'zh-CN')!.text).toBe('剩余 不到1分钟');
    expect(countdown(iso(NOW + 50 * H), NOW, 'zh-CN')!.text).toBe('剩余 2天2小时');
  });

  it('speaks English too', () => {
    expect(countdown(iso(NOW + 3 * H + 12 * 60_000), NOW, 'en')!.text).toBe('3 h 12 min left');
    expect(countdown(iso(NOW - 2 * H), NOW, 'en')!.text).toBe('Overdue by 2 h');
    expect(countdown(iso(NOW - 7 * 24 * H), NOW, 'en')!.text).toBe('Overdue by 7 d');
    expect(span(59_999, 'en')).toBe('under 1 min');
  });

  it('has nothing to count down once the case has no deadline', () => {
    expect(countdown(null, NOW, 'zh-CN')).toBeNull();
    expect(countdown('not a date', NOW, 'zh-CN')).toBeNull();
  });

  it('calls a case overdue by the hub’s word or by the clock, and never a closed one', () => {
    expect(isOverdue(aCase({ overdue: true }), NOW)).toBe(true);
    expect(isOverdue(aCase({ deadline: iso(NOW - 1) }), NOW)).toBe(true);
    expect(isOverdue(aCase({}), NOW)).toBe(false);
    expect(isOverdue(aCase({ state: 'resolved', overdue: true, deadline: null }), NOW)).toBe(false);
  });
});

describe('the order of the cases', () => {
  it('puts overdue first, then the soonest deadline, then resolved and closed newest first', () => {
    const list = [
      aCase({ id: 'closed-old', state: 'closed', deadline: null, closedAt: iso(NOW - 9 * H) }),
      aCase({ id: 'later', deadline: iso(NOW + 9 * H) }),
      aCase({ id: 'closed-new', state: 'closed', deadline: null, closedAt: iso(NOW - H) }),
      aCase({ id: 'resolved', state: 'resolved', deadline: null, resolution: { note: '已清理', at: iso(NOW - 2 * H) } }),
      aCase({ id: 'soon', state: 'accepted', deadline: iso(NOW + H) }),
      aCase({ id: 'overdue-by-clock', deadline: iso(NOW - H) }),
      aCase({ id: 'overdue-longest', overdue: true, deadline: iso(NOW - 5 * H) }),
    ];
    expect(sortCases(list, NOW).map((c) => c.id))
      .toEqual(['overdue-longest', 'overdue-by-clock', 'soon', 'later', 'resolved', 'closed-new', 'closed-old']);
  });

  it('lists requested appointments first, by the appointed time', () => {
    const a = (id: string, state: string, at: string | null): Appointment => ({ id, state, at, residentId: 'r', residentName: '李', building: 'b',
      community: 'c', service: '代购', requestedAt: iso(NOW) });
    expect(sortAppointments([a('done', 'completed', null), a('late', 'requested', iso(NOW + 2 * H)), a('acc', 'accepted', iso(NOW)),
      a('early', 'requested', iso(NOW + H)), a('any', 'requested', null)]).map((x) => x.id)).toEqual(['early', 'late', 'any', 'acc', 'done']);
  });
});

describe('what each state offers', () => {
  it('accepts or escalates a reported case, resolves an accepted one, takes a rating when resolved', () => {
    expect(caseActions({ state: 'reported', level: 'community' })).toEqual(['accept', 'escalate']);
    expect(caseActions({ state: 'accepted', level: 'street' })).toEqual(['resolve', 'escalate']);
    expect(caseActions({ state: 'resolved', level: 'street' })).toEqual(['rate']);
    expect(caseActions({ state: 'closed', level: 'street' })).toEqual([]);
  });

  it('never escalates above the district', () => {
    expect(caseActions({ state: 'reported', level: 'district' })).toEqual(['accept']);
    expect(caseActions({ state: 'accepted', level: 'district' })).toEqual(['resolve']);
  });

  it('needs a note to resolve only', () => {
    expect(noteRequired('resolve')).toBe(true);
    expect(noteRequired('accept')).toBe(false);
    expect(noteRequired('escalate')).toBe(false);
  });

  it('lets a party member claim, only the claimer fulfil, and staff confirm or cancel', () => {
    const me = { id: 'p-1', name: '张三' };
    expect(wishActions({ state: 'posted' }, { claim: true })).toEqual(['claim']);
    expect(wishActions({ state: 'posted' }, { cancel: true })).toEqual(['cancel']);
    expect(wishActions({ state: 'claimed', claimedBy: me }, { id: 'p-1' })).toEqual(['fulfil']);
    expect(wishActions({ state: 'claimed', claimedBy: me }, { id: 'p-2', claim: true })).toEqual([]);
    expect(wishActions({ state: 'fulfilled', claimedBy: me }, { id: 'p-1', confirm: true, cancel: true })).toEqual(['confirm']);
    expect(wishActions({ state: 'confirmed' }, { confirm: true, cancel: true, claim: true })).toEqual([]);
    expect(wishActions({ state: 'cancelled' }, { confirm: true, cancel: true, claim: true })).toEqual([]);
  });

  it('accepts then completes an appointment, cancels either way, and nothing once it is over', () => {
    expect(appointmentActions('requested')).toEqual(['accept', 'cancel']);
    expect(appointmentActions('accepted')).toEqual(['complete', 'cancel']);
    expect(appointmentActions('completed')).toEqual([]);
    expect(appointmentActions('cancelled')).toEqual([]);
  });
});

describe('labels', () => {
  it('labels every category, level and state in both languages, and shows a network’s own category as it came', () => {
    expect(categoryLabel('environment', 'zh-CN')).toBe('环境卫生');
    expect(categoryLabel('safety', 'zh-CN')).toBe('安全隐患');
    expect(categoryLabel('facility', 'en')).toBe('Damaged facility');
    expect(categoryLabel('neighbour', 'zh-CN')).toBe('邻里纠纷');
    expect(categoryLabel('elderly', 'zh-CN')).toBe('为老服务');
    expect(categoryLabel('other', 'zh-CN')).toBe('其他');
    expect(categoryLabel('井盖缺失', 'zh-CN')).toBe('井盖缺失');
    expect(['community', 'street', 'district'].map((l) => label('level', l, 'zh-CN'))).toEqual(['社区', '街道', '区']);
    expect(['posted', 'claimed', 'fulfilled', 'confirmed', 'cancelled'].map((s) => label('wishState', s, 'zh-CN')))
      .toEqual(['待认领', '已认领', '已完成', '已确认', '已取消']);
    expect(label('wishState', 'posted', 'en')).toBe('Waiting to be claimed');
    expect(label('caseState', 'reported', 'zh-CN')).toBe('待受理');
    expect(label('appointmentState', 'requested', 'zh-CN')).toBe('待接单');
  });

  it('writes rates as percentages and a dash when there was nothing to count', () => {
    expect(percent(0.8571)).toBe('85.7%');
    expect(percent(null)).toBe('–');
  });
});

describe('a 409 in words', () => {
  it('names who took the wish, from claimedBy or else from the detail', () => {
    const taken = new HubProblem(409, 'state: already claimed by 张三', 'wish_taken', [], { claimedBy: { id: 'p-9', name: '张三' } });
    expect(conflictText(taken, 'zh-CN')).toBe('这个心愿已被张三认领。');
    expect(conflictText(new HubProblem(409, 'state: already claimed by 李四', 'wish_taken'), 'en')).toBe('李四 has already claimed this wish.');
  });

  it('labels the state a case or an appointment is in now, and keeps the detail when the code is unknown', () => {
    expect(conflictText(new HubProblem(409, 'state: the case is resolved', 'case_resolved'), 'zh-CN')).toBe('该案件现在是“已办结”，不能这样操作，页面已更新。');
    expect(conflictText(new HubProblem(409, 'state: completed', 'appointment_completed'), 'en')).toContain('“Completed”');
    expect(conflictText(new HubProblem(409, 'level: already at the district'), 'zh-CN')).toBe('状态已经变化，不能这样操作（level: already at the district）');
    expect(conflictText(new HubProblem(400, 'note: required'), 'zh-CN')).toBeNull();
  });

  it('says why a photo was refused', () => {
    expect(photoProblemText(new HubProblem(413, ''), 'zh-CN')).toContain('5MB');
    expect(photoProblemText(new HubProblem(415, ''), 'zh-CN')).toContain('JPG');
    expect(photoProblemText(new HubProblem(500, ''), 'zh-CN')).toBeNull();
  });
});

describe('requests and live lists', () => {
  it('asks only for the filters that are set', () => {
    expect(casesPath({})).toBe('/api/v1/cases');
    expect(casesPath({ state: 'reported', level: '', overdue: true, community: '130803001001' }))
      .toBe('/api/v1/cases?state=reported&overdue=true&community=130803001001');
    expect(actionPath('wish', 'w 1', 'claim')).toBe('/api/v1/wishes/w%201/claim');
    expect(removeMemberPath('p-1', '130803001001')).toBe('/api/v1/party/members/p-1?community=130803001001');
  });

  it('sends a note only when there is one', () => {
    expect(actionBody({ note: '  ' })).toEqual({});
    expect(actionBody({ note: ' 已清理 ', photos: ['ph-1'] })).toEqual({ note: '已清理', photos: ['ph-1'] });
    expect(actionBody({ rating: 5 })).toEqual({ rating: 5 });
  });

  it('patches a list from the stream, keeps the known timeline, and drops an item that no longer matches', () => {
    const known = aCase({ id: 'a', timeline: [{ at: iso(NOW), what: 'reported' }] });
    const list = [known, aCase({ id: 'b' })];
    const patched = upsert(list, aCase({ id: 'a', state: 'accepted' }));
    expect(patched.map((c) => [c.id, c.state, c.timeline?.length])).toEqual([['a', 'accepted', 1], ['b', 'reported', undefined]]);
    expect(upsert(list, aCase({ id: 'c' })).map((c) => c.id)).toEqual(['a', 'b', 'c']);
    const accepted = aCase({ id: 'b', state: 'accepted' });
    expect(upsert(list, accepted, matchesCase(accepted, { state: 'reported' }, NOW)).map((c) => c.id)).toEqual(['a']);
  });
});
