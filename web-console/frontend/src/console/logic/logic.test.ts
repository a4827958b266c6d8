import { describe, expect, it, vi } from 'vitest';
import { actionsFor, needsConfirm } from './actions';
import { policyToForm, formToPolicy, checkForm } from './policy';
import { historyQuery } from './history';
import { AlertingController } from './alerting';
import { describe as describeLine } from './timeline';
import { label } from '../../shared/codes';

describe('actions by state (defect 7)', () => {
  it('offers arrive only after acknowledge, and nothing on a closed call', () => {
    expect(actionsFor('raised')).toEqual(['acknowledge', 'cancel']);
    expect(actionsFor('acknowledged')).toEqual(['arrive', 'resolve', 'cancel']);
    expect(actionsFor('arrived')).toEqual(['resolve', 'cancel']);
    expect(actionsFor('resolved')).toEqual([]);
    expect(actionsFor('cancelled')).toEqual([]);
  });
  it('asks before resolving or cancelling, never before acknowledging', () => {
    expect(needsConfirm('resolve')).toBe(true);
    expect(needsConfirm('cancel')).toBe(true);
    expect(needsConfirm('acknowledge')).toBe(false);
    expect(needsConfirm('arrive')).toBe(false);
  });
});

describe('policy form (defect 5)', () => {
  const hub = { steps: [{ after: 'PT0S', notify: ['building_head'] }, { after: 'PT2M', notify: ['grid_member', 'family'] }, { after: 'PT90S', notify: ['community_duty'] }],
    repeatEvery: 'PT10M', arriveWithin: 'PT15M' };
  it('shows every duration in minutes and writes ISO durations back', () => {
    const f = policyToForm(hub);
    expect(f.steps.map((s) => s.afterMinutes)).toEqual([0, 2, 1.5]);
    expect(f.repeatMinutes).toBe(10);
    expect(f.arriveMinutes).toBe(15);
    f.arriveMinutes = 20;
    const back = formToPolicy(f);
    expect(back.arriveWithin).toBe('PT20M');
    expect(back.steps.map((s) => s.after)).toEqual(['PT0S', 'PT2M', 'PT1M30S']);
    expect(back.steps[1].notify).toEqual(['grid_member', 'family']);
    expect(back.repeatEvery).toBe('PT10M');
  });
  it('names the fields it refuses before asking the hub', () => {
    const f = policyToForm(hub);
    f.steps[1].notify = [];
    expect(checkForm(f).map((p) => p.field)).toEqual(['steps.notify', 'steps.after']);
    expect(checkForm(policyToForm({ ...hub, steps: hub.steps.slice(0, 2) }))).toEqual([]);
  });
});

describe('history query (defect 15)', () => {
  it('asks for closed calls with only the filters that are set', () => {
    expect(historyQuery({ q: '', building: '', period: null, outcome: '' })).toBe('/api/v1/alerts?state=closed&limit=200');
    const q = new URL(historyQuery({ q: ' 李 ', building: '130803001001-B07', period: ['2025-03-01', '2025-03-31'], outcome: 'resolved' }), 'http://x').searchParams;
    expect(q.get('state')).toBe('closed');
    expect(q.get('q')).toBe('李');
    expect(q.get('building')).toBe('130803001001-B07');
    expect(q.get('from')).toBe('2025-03-01');
    expect(q.get('to')).toBe('2025-03-31');
    expect(q.get('outcome')).toBe('resolved');
  });
});

describe('alerting (defect 13)', () => {
  function controller() {
    const timers = new Map<number, () => void>();
    let next = 1;
    const deps = {
      beep: vi.fn(), setTitle: vi.fn(), notify: vi.fn(), alarm: vi.fn(),
      setInterval: vi.fn((f: () => void) => { timers.set(next, f); return next++; }),
      clearInterval: vi.fn((h: unknown) => { timers.delete(h as number); }),
    };
    const c = new AlertingController(deps, () => '三网枢纽 · 指挥台', (who) => `【新呼叫】${who}`);
    return { c, deps, timers };
  }
  it('sounds and flashes from a new call until someone acknowledges it', () => {
    const { c, deps, timers } = controller();
    c.seen('a1', 'raised', '李大爷', true, '新的一键呼叫');
    expect(deps.beep).toHaveBeenCalledTimes(1);
    expect(deps.notify).toHaveBeenCalledWith('新的一键呼叫', '李大爷', 'a1');
    expect(c.sounding).toBe(true);
    expect(deps.alarm).toHaveBeenLastCalledWith('ringing');
    expect(c.flashing).toBe(true);
    expect(deps.setTitle).toHaveBeenLastCalledWith('【新呼叫】李大爷');
    timers.forEach((f) => f());
    expect(deps.beep).toHaveBeenCalledTimes(2);
    c.seen('a1', 'acknowledged', '李大爷', false);
    expect(c.sounding).toBe(false);
    expect(deps.alarm).toHaveBeenLastCalledWith('quiet');
    expect(deps.alarm).toHaveBeenCalledTimes(2);
    expect(c.flashing).toBe(false);
    expect(timers.size).toBe(0);
    expect(deps.setTitle).toHaveBeenLastCalledWith('三网枢纽 · 指挥台');
  });
  it('mutes one call only; the title keeps flashing until acknowledged', () => {
    const { c } = controller();
    c.seen('a1', 'raised', 'A', true);
    c.seen('a2', 'raised', 'B', true);
    c.mute('a1');
    expect(c.sounding).toBe(true);
    c.mute('a2');
    expect(c.sounding).toBe(false);
    expect(c.flashing).toBe(true);
    c.sync([]);
    expect(c.flashing).toBe(false);
  });
  it('an event for a call already acknowledged neither sounds nor notifies', () => {
    const { c, deps } = controller();
    c.seen('a1', 'acknowledged', 'A', true, 'x');
    expect(deps.beep).not.toHaveBeenCalled();
    expect(deps.notify).not.toHaveBeenCalled();
    expect(c.flashing).toBe(false);
  });
});

describe('timeline lines (defect 6)', () => {
  const zh: Record<string, string> = {
    'board.tl.notified': '通知{role} {name}，方式：{channel}', 'board.tl.emptyRole': '{role}无人担任，继续升级', 'board.tl.step': '开始第{n}步通知',
    'board.tl.delivery': '{name}，{channel}', 'board.tl.attempt': '，第{n}次', 'board.tl.raised': '{who}（{where}）按下了呼叫', 'board.tl.entry': '记录',
    'board.tl.action': '操作人：{by}', 'board.tl.note': '备注：{note}', 'board.tl.cycle': '（第{n}轮）', 'board.tl.press': '第{n}次按键', 'board.tl.overdue': '超时',
  };
  const t = (k: string, v: Record<string, unknown> = {}) => (zh[k] ?? k).replace(/\{(\w+)\}/g, (_, x) => String(v[x]));
  const L = (kind: 'timeline' | 'role' | 'channel', code: string | null | undefined) => label(kind, code, 'zh-CN');
  it('labels types, roles and channels, never showing a raw code', () => {
    const entries = [
      { at: '', type: 'raised', text: '李大爷（7号楼2单元302）按下了呼叫（dev-0001）' },
      { at: '', type: 'step', text: '升级第1步' },
      { at: '', type: 'notified', text: 'building_head', channel: 'inbox', to: '王芳' },
      { at: '', type: 'empty_role', text: '无人担任 unit_head，继续升级', to: 'unit_head' },
      { at: '', type: 'delivered', text: 'sms accepted', channel: 'sms', to: '李娜', attempt: 1 },
      { at: '', type: 'acknowledged', by: '王芳' },
      { at: '', type: 'something_new' },
    ];
    const text = entries.map((e) => { const l = describeLine(e, t, L, { name: '李大爷', address: '7号楼2单元302' }); return l.type + ' ' + l.detail; }).join('\n');
    expect(text).toContain('已通知 通知楼栋长 王芳，方式：站内消息');
    expect(text).toContain('单元长无人担任');
    expect(text).toContain('短信');
    for (const raw of ['building_head', 'unit_head', 'inbox', 'sms', 'notified', 'raised', 'something_new', 'empty_role']) expect(text).not.toContain(raw);
  });
});

describe('a page the browser keeps silent', () => {
  it('says so when the alarm should sound, so the console can ask for one click', async () => {
    const { beep, soundBlocked } = await import('./alerting');
    soundBlocked.value = false;
    beep();
    expect(soundBlocked.value).toBe(true);
  });
});
