import { describe, expect, it, vi } from 'vitest';
import {
  NETWORKS, REASON_CODES, OUTBOX_STATES, changedSections, counterRows, deleteMappingRequest, enableRequest, eventTypeLabel, formatCount,
  mappingProblemField, mappingRequest, maskSecret, mayEnableCallback, mayManageNetworks, mayReadSecret, mayResend, otherVerifying, secretPath, secretSetting, networkNav, outboxPath, poller, prettyEvent,
  quarantinePath, reasonText, replayAllMessage, replayAllRequest, replayOneMessage, replayOneRequest, resendRequest, showEnable,
  type NetworkStatus, type PollerDeps,
} from './network';
import { messages } from '../locales/messages';
import { networkMessages } from '../locales/network';

const grant = (role: string, scope = '130803') => ({ role, scope });
const ADMIN = [grant('admin', '*')];
const DISTRICT = [grant('district_command')];

function status(over: Partial<{ endpoint: string; quarantine: number; depth: number; failed: number; delivered: number; mappings: number; network: string }> = {}): NetworkStatus {
  const zero = { received: 0, accepted: 0, duplicates: 0, quarantined: 0, rejected: 0 };
  return {
    network: (over.network ?? 'governance') as NetworkStatus['network'],
    counts: { lastMinute: zero, lastHour: zero, lastDay: zero },
    feed: { url: null, cursor: null, lastPollAt: null, lastEventAt: null, state: 'off', lastError: null },
    outbox: { depth: over.depth ?? 0, oldestPendingAt: null, failed: over.failed ?? 0, delivered: over.delivered ?? 0,
      endpoint: { url: 'http://gov.example/cb', state: (over.endpoint ?? 'ok') as 'ok', lastError: null, lastErrorAt: null, disabledAt: null } },
    quarantine: { size: over.quarantine ?? 0 }, mappings: { size: over.mappings ?? 0 }, pending: 0,
  };
}

// A t/te over the console's own messages, so the tests read the labels staff will read.
function translator(locale: 'zh-CN' | 'en') {
  const all = { ...messages[locale], ...networkMessages[locale] };
  const lookup = (key: string): unknown => key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], all);
  const t = (key: string, values: Record<string, unknown> = {}) => {
    const m = lookup(key);
    return typeof m === 'string' ? m.replace(/\{(\w+)\}/g, (_, k) => String(values[k])) : key;
  };
  return { t, te: (key: string) => typeof lookup(key) === 'string' };
}

describe('who sees the networks (issue 10)', () => {
  it('lists the three networks in the navigation for administrators and district command only', () => {
    expect(networkNav(ADMIN).map((n) => n.path)).toEqual(['/networks/party', '/networks/governance', '/networks/community']);
    expect(networkNav(DISTRICT).map((n) => n.network)).toEqual([...NETWORKS]);
    expect(networkNav([grant('district_command'), grant('grid_member', '130803001001-G01')])).toHaveLength(3);
    for (const role of ['street_command', 'community_secretary', 'community_duty', 'grid_head', 'grid_member', 'building_head', 'party_member', 'resident']) {
      expect(networkNav([grant(role)]), role).toEqual([]);
      expect(mayManageNetworks([grant(role)]), role).toBe(false);
    }
    expect(networkNav(null)).toEqual([]);
    expect(networkNav([])).toEqual([]);
  });

  it('offers re-enabling callbacks to an administrator, and only while the endpoint is disabled', () => {
    expect(showEnable(ADMIN, status({ endpoint: 'disabled' }))).toBe(true);
    expect(showEnable(ADMIN, status({ endpoint: 'failing' }))).toBe(false);
    expect(showEnable(ADMIN, status({ endpoint: 'ok' }))).toBe(false);
    expect(showEnable(ADMIN, status({ endpoint: 'off' }))).toBe(false);
    expect(showEnable(DISTRICT, status({ endpoint: 'disabled' }))).toBe(false);
    expect(showEnable(ADMIN, null)).toBe(false);
    expect(mayEnableCallback(DISTRICT)).toBe(false);
    expect(mayEnableCallback(ADMIN)).toBe(true);
  });
});

describe('counters', () => {
  it('groups digits the way each language writes them and dashes what the hub did not send', () => {
    expect(formatCount(12345, 'zh-CN')).toBe('12,345');
    expect(formatCount(1234567, 'en')).toBe('1,234,567');
    expect(formatCount(0, 'zh-CN')).toBe('0');
    expect(formatCount(null, 'zh-CN')).toBe('—');
    expect(formatCount(undefined, 'en')).toBe('—');
    expect(formatCount(Number.NaN, 'en')).toBe('—');
  });

  it('makes one row per measure (收到, 受理, 重复, 隔离, 拒收) with the minute, hour and day', () => {
    const rows = counterRows({
      lastMinute: { received: 12, accepted: 10, duplicates: 1, quarantined: 1, rejected: 0 },
      lastHour: { received: 1200, accepted: 1100, duplicates: 50, quarantined: 40, rejected: 10 },
      lastDay: { received: 28800, accepted: 27000, duplicates: 900, quarantined: 800, rejected: 100 },
    }, 'zh-CN');
    expect(rows.map((r) => r.metric)).toEqual(['received', 'accepted', 'duplicates', 'quarantined', 'rejected']);
    expect(rows[0]).toEqual({ metric: 'received', lastMinute: '12', lastHour: '1,200', lastDay: '28,800' });
    expect(rows[4]).toEqual({ metric: 'rejected', lastMinute: '0', lastHour: '10', lastDay: '100' });
    const { t } = translator('zh-CN');
    expect(rows.map((r) => t('net.metric.' + r.metric))).toEqual(['收到', '受理', '重复', '隔离', '拒收']);
    expect(counterRows(null, 'en').every((r) => r.lastMinute === '—' && r.lastDay === '—')).toBe(true);
  });
});

describe('requests', () => {
  it('replays one quarantined event by its offset, and all since a moment as an ISO instant in UTC', () => {
    expect(replayOneRequest('party', 17)).toEqual({ method: 'POST', path: '/api/v1/networks/party/quarantine/17/replay' });
    expect(replayAllRequest('governance', new Date('2026-11-21T08:00:00+08:00'))).toEqual({
      method: 'POST', path: '/api/v1/networks/governance/quarantine/replay', body: { since: '2026-11-21T00:00:00Z' },
    });
    expect((replayAllRequest('community', '2026-11-21T00:00:00.250Z').body as { since: string }).since).toBe('2026-11-21T00:00:00.250Z');
    expect(() => replayAllRequest('party', 'yesterday')).toThrow(RangeError);
  });

  it('pages the quarantine with after and a limit the hub allows, and filters the outbox by state', () => {
    expect(quarantinePath('party')).toBe('/api/v1/networks/party/quarantine?limit=100');
    expect(quarantinePath('party', 17, 100)).toBe('/api/v1/networks/party/quarantine?after=17&limit=100');
    expect(quarantinePath('party', 0, 9000)).toBe('/api/v1/networks/party/quarantine?after=0&limit=500');
    expect(outboxPath('community')).toBe('/api/v1/networks/community/outbox?limit=100');
    expect(outboxPath('community', 'failed')).toBe('/api/v1/networks/community/outbox?state=failed&limit=100');
    expect(outboxPath('community', '')).toBe('/api/v1/networks/community/outbox?limit=100');
  });

  it('resends, re-enables and deletes at the spec’s paths, escaping ids', () => {
    expect(resendRequest('community', 'alert-closed-a/1')).toEqual({ method: 'POST', path: '/api/v1/networks/community/outbox/alert-closed-a%2F1/resend' });
    expect(enableRequest('governance')).toEqual({ method: 'POST', path: '/api/v1/networks/governance/callback/enable' });
    expect(deleteMappingRequest('governance', 'GOV BLD/7')).toEqual({ method: 'DELETE', path: '/api/v1/networks/governance/mappings/GOV%20BLD%2F7' });
    expect(OUTBOX_STATES.filter((s) => mayResend({ state: s }))).toEqual(['delivered', 'failed']);
  });

  it('maps an external id to exactly one of a hub code or a person', () => {
    expect(mappingRequest('governance', { externalId: ' GOV-BLD-7 ', target: 'code', value: ' 130803001001-B07 ' })).toEqual({
      request: { method: 'PUT', path: '/api/v1/networks/governance/mappings/GOV-BLD-7', body: { code: '130803001001-B07' } },
    });
    expect(mappingRequest('community', { externalId: 'CM-P-9', target: 'personId', value: 'p-001' })).toEqual({
      request: { method: 'PUT', path: '/api/v1/networks/community/mappings/CM-P-9', body: { personId: 'p-001' } },
    });
  });

  it('names the blank fields of a mapping instead of sending it', () => {
    expect(mappingRequest('party', { externalId: '  ', target: 'code', value: '' })).toEqual({ errors: { externalId: 'net.map.needExternalId', code: 'net.map.needCode' } });
    expect(mappingRequest('party', { externalId: 'X', target: 'personId', value: ' ' })).toEqual({ errors: { personId: 'net.map.needPersonId' } });
    const { t } = translator('zh-CN');
    expect(t('net.map.needCode')).toBe('请填写枢纽编码');
  });

  it('puts a 400 next to the field the hub names', () => {
    expect(mappingProblemField('code: no such code in the hub: 130803001001-B99', 'personId')).toBe('code');
    expect(mappingProblemField('personId: no such person p-404', 'code')).toBe('personId');
    expect(mappingProblemField('unknown personId p-404', 'code')).toBe('personId');
    expect(mappingProblemField('give exactly one of code or personId', 'personId')).toBe('code');
    expect(mappingProblemField('something else went wrong', 'personId')).toBe('personId');
    expect(mappingProblemField('', 'code')).toBe('code');
  });
});

describe('quarantine texts', () => {
  const item = { reason: 'GOV-BLD-7 is not mapped to a hub code', reasonZh: '对方编号 GOV-BLD-7 未映射到枢纽编码', reasonCode: 'unmapped_subject' };
  it('shows the reason in Chinese from reasonZh, and in English from reason', () => {
    const zh = translator('zh-CN'), en = translator('en');
    expect(reasonText(item, 'zh-CN', zh.t, zh.te)).toBe('对方编号 GOV-BLD-7 未映射到枢纽编码');
    expect(reasonText(item, 'en', en.t, en.te)).toBe('GOV-BLD-7 is not mapped to a hub code');
  });
  it('falls back to the code’s label when the sentence in that language is missing, and never shows a bare code', () => {
    const zh = translator('zh-CN'), en = translator('en');
    expect(reasonText({ reason: 'type x.y not handled', reasonCode: 'unknown_type' }, 'zh-CN', zh.t, zh.te)).toBe('暂不支持的事件类型');
    expect(reasonText({ reasonZh: '找不到此人 p-9', reasonCode: 'unknown_person' }, 'en', en.t, en.te)).toBe('No such person');
    expect(reasonText({ reason: 'odd', reasonCode: 'new_code' }, 'zh-CN', zh.t, zh.te)).toBe('odd');
  });
  it('says what a replay did', () => {
    const zh = translator('zh-CN');
    expect(replayOneMessage({ offset: 17, applied: true }, 'zh-CN', zh.t, zh.te)).toEqual({ type: 'success', text: '第17条已处理，已移出隔离区' });
    expect(replayOneMessage({ offset: 17, applied: false, reason: 'no such person', reasonZh: '找不到此人', reasonCode: 'unknown_person' }, 'zh-CN', zh.t, zh.te))
      .toEqual({ type: 'warning', text: '第17条仍在隔离：找不到此人' });
    expect(replayAllMessage({ replayed: 5, applied: 4, stillQuarantined: 1 }, zh.t)).toEqual({ type: 'warning', text: '已重放5条：4条已处理，1条仍在隔离' });
    expect(replayAllMessage({ replayed: 3, applied: 3, stillQuarantined: 0 }, zh.t).type).toBe('success');
    expect(replayAllMessage({ replayed: 0, applied: 0, stillQuarantined: 0 }, zh.t)).toEqual({ type: 'info', text: '该时间之后没有隔离的事件' });
  });
  it('names event types and keeps the original event readable', () => {
    const zh = translator('zh-CN'), en = translator('en');
    expect(eventTypeLabel('governance.case.reported', zh.t, zh.te)).toBe('案件上报');
    expect(eventTypeLabel('community.alert.closed', en.t, en.te)).toBe('One-key call closed');
    expect(eventTypeLabel('vendor.thing.happened', zh.t, zh.te)).toBe('vendor.thing.happened');
    expect(prettyEvent({ id: 'e1', data: { title: '<b>x</b>' } })).toBe('{\n  "id": "e1",\n  "data": {\n    "title": "<b>x</b>"\n  }\n}');
  });
});

describe('the networks’ texts', () => {
  const keys = (o: unknown, prefix = ''): string[] => Object.entries(o as Record<string, unknown>)
    .flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : keys(v, prefix + k + '.')));
  it('are complete in English and Chinese, with a label for every state, reason and outcome', () => {
    const zh = networkMessages['zh-CN'].net, en = networkMessages.en.net;
    expect(keys(en).sort()).toEqual(keys(zh).sort());
    expect(keys(messages.en.nav).sort()).toEqual(keys(messages['zh-CN'].nav).sort());
    const need = [
      ...['ok', 'failing', 'disabled', 'off'].map((s) => 'state.' + s),
      ...OUTBOX_STATES.map((s) => 'itemState.' + s),
      ...REASON_CODES.map((c) => 'reason.' + c),
      'outcome.applied', 'outcome.stillQuarantined',
    ];
    const zhT = translator('zh-CN'), enT = translator('en');
    for (const k of [...need.map((n) => 'net.' + n), ...NETWORKS.map((n) => 'nav.network.' + n), 'nav.groupNetworks']) {
      expect(zhT.t(k), k).toMatch(/[\u4e00-\u9fff]/);
      expect(enT.t(k), k).toMatch(/^[A-Z]/);
    }
    expect(zhT.t('net.state.ok') + zhT.t('net.state.failing') + zhT.t('net.state.disabled') + zhT.t('net.state.off')).toBe('正常异常已停用未配置');
    expect(NETWORKS.map((n) => zhT.t('nav.network.' + n))).toEqual(['党建网', '治理网', '社区网']);
  });
});

describe('the signing secret', () => {
  it('is read by administrators only', () => {
    expect(mayReadSecret(ADMIN)).toBe(true);
    expect(mayReadSecret(DISTRICT)).toBe(false);
    expect(mayReadSecret([grant('building_head', '130803001001-B07')])).toBe(false);
    expect(mayReadSecret(null)).toBe(false);
  });
  it('is asked for at the network’s path, and kept in the network’s setting', () => {
    expect(NETWORKS.map(secretPath)).toEqual(['/api/v1/networks/party/secret', '/api/v1/networks/governance/secret', '/api/v1/networks/community/secret']);
    expect(NETWORKS.map(secretSetting)).toEqual(['SANWANG_NETWORK_SECRET_PARTY', 'SANWANG_NETWORK_SECRET_GOVERNANCE', 'SANWANG_NETWORK_SECRET_COMMUNITY']);
  });
  it('is masked to its prefix, none of the key and not its length', () => {
    const a = maskSecret('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'), b = maskSecret('whsec_abc');
    expect(a).toBe('whsec_' + '•'.repeat(16));
    expect(b).toBe(a);
    expect(maskSecret('plain-secret')).toBe('•'.repeat(16));
    expect(maskSecret('')).toBe('');
  });
  it('lists the other secrets still accepted, without the signing one and without repeats', () => {
    expect(otherVerifying({ signing: 'whsec_a', verifying: ['whsec_a'] })).toEqual([]);
    expect(otherVerifying({ signing: 'whsec_a', verifying: ['whsec_a', 'whsec_b', 'whsec_b'] })).toEqual(['whsec_b']);
    expect(otherVerifying(null)).toEqual([]);
  });
});

describe('which tables follow a status poll', () => {
  it('reloads only the parts whose figures moved', () => {
    expect(changedSections(null, status())).toEqual([]);
    expect(changedSections(status(), status())).toEqual([]);
    expect(changedSections(status(), status({ quarantine: 2 }))).toEqual(['quarantine']);
    expect(changedSections(status(), status({ failed: 1, mappings: 3 }))).toEqual(['outbox', 'mappings']);
    expect(changedSections(status(), status({ endpoint: 'disabled' }))).toEqual(['outbox']);
    expect(changedSections(status(), status({ network: 'party', quarantine: 9 }))).toEqual([]);
  });
});

describe('the 5-second refresh', () => {
  function fake(visible = true) {
    const timers = new Map<number, () => void>();
    let seq = 0;
    let listener: (() => void) | null = null;
    const state = { visible };
    const deps: PollerDeps = {
      setInterval: vi.fn((f: () => void) => { timers.set(++seq, f); return seq; }),
      clearInterval: vi.fn((h: unknown) => { timers.delete(h as number); }),
      visible: () => state.visible,
      onVisibility: (f) => { listener = f; return () => { listener = null; }; },
    };
    const fire = () => [...timers.values()].forEach((f) => f());
    const show = (v: boolean) => { state.visible = v; listener?.(); };
    return { deps, timers, fire, show, listening: () => listener !== null };
  }

  it('loads every 5 s while visible, not while hidden, at once when shown again, and never after stop', async () => {
    const f = fake();
    const load = vi.fn(async () => {});
    const p = poller(load, 5000, f.deps);
    expect(f.deps.setInterval).toHaveBeenCalledWith(expect.any(Function), 5000);
    f.fire();
    await Promise.resolve(); await Promise.resolve();
    expect(load).toHaveBeenCalledTimes(1);
    f.show(false);
    expect(p.running).toBe(false);
    f.fire();
    expect(load).toHaveBeenCalledTimes(1);
    f.show(true);
    expect(load).toHaveBeenCalledTimes(2);
    expect(p.running).toBe(true);
    p.stop();
    expect(f.timers.size).toBe(0);
    expect(f.listening()).toBe(false);
    f.fire();
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('does not start a second load while one is still running', async () => {
    const f = fake();
    let finish: () => void = () => {};
    const load = vi.fn(() => new Promise<void>((r) => { finish = r; }));
    const p = poller(load, 5000, f.deps);
    f.fire(); f.fire();
    expect(load).toHaveBeenCalledTimes(1);
    finish();
    await new Promise((r) => setTimeout(r, 0));
    f.fire();
    expect(load).toHaveBeenCalledTimes(2);
    p.stop();
  });

  it('does not arm while the tab starts hidden', () => {
    const f = fake(false);
    const p = poller(vi.fn(async () => {}), 5000, f.deps);
    expect(p.running).toBe(false);
    expect(f.deps.setInterval).not.toHaveBeenCalled();
    p.stop();
  });
});
