import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createMemoryHistory, createRouter } from 'vue-router';
import { i18n } from '../i18n';
import { session } from '../session';
import { setLocale } from '../../shared/i18n';

// Element Plus components come with their CSS (the build's resolver adds the imports), which Node
// cannot load: in these tests each component's style module is empty. Components are imported after.
// happy-dom's MutationObserver reads as a plain Object, so Vue would wrap Element Plus's table observer
// in a reactive proxy (a browser's reads as MutationObserver and is left alone): make it read as one.
Object.defineProperty(MutationObserver.prototype, Symbol.toStringTag, { value: 'MutationObserver' });
const styles = Object.keys(import.meta.glob('/node_modules/element-plus/es/components/*/style/css.mjs'));
for (const path of styles) vi.doMock(path.replace(/^\/node_modules\/(.*)\.mjs$/, '$1'), () => ({}));
if (styles.length < 50) throw new Error('Element Plus styles not found: ' + styles.length);
const NetworkView = (await import('./NetworkView.vue')).default;
const NavMenu = (await import('../components/NavMenu.vue')).default;

// The networks' page against a fake hub answering the shapes of spec/network-api.md.
type Reply = { status: number; body?: unknown };
const calls: { method: string; path: string; body: unknown }[] = [];
let route: (method: string, path: string, body: unknown) => Reply | undefined = () => undefined;

function fakeHub() {
  globalThis.fetch = vi.fn(async (path: string, init: RequestInit = {}) => {
    const method = init.method ?? 'GET';
    const body = init.body ? JSON.parse(String(init.body)) : undefined;
    calls.push({ method, path, body });
    const reply = route(method, path, body) ?? { status: 404, body: { status: 404, title: 'Not Found', detail: 'path: ' + path } };
    return new Response(reply.body === undefined ? '' : JSON.stringify(reply.body), {
      status: reply.status, headers: { 'Content-Type': reply.status >= 400 ? 'application/problem+json' : 'application/json' },
    });
  }) as unknown as typeof fetch;
}

const counts = (n: number) => ({ received: n, accepted: n - 1, duplicates: 1, quarantined: 0, rejected: 0 });
function status(endpoint = 'ok', over: Record<string, unknown> = {}) {
  return {
    network: 'governance',
    counts: { lastMinute: counts(12), lastHour: counts(1200), lastDay: counts(28800) },
    feed: { url: 'http://gov.example/feed', cursor: 'c-42', lastPollAt: '2026-11-21T01:02:03Z', lastEventAt: null, state: 'ok', lastError: null },
    outbox: { depth: 3, oldestPendingAt: '2026-11-21T01:00:00Z', failed: 1, delivered: 120,
      endpoint: { url: 'http://gov.example/cb', state: endpoint, lastError: endpoint === 'ok' ? null : 'HTTP 410', lastErrorAt: null, disabledAt: null } },
    quarantine: { size: 1 }, mappings: { size: 1 }, pending: 0, ...over,
  };
}
const QUARANTINED = {
  offset: 17, receivedAt: '2026-11-21T01:00:00Z', reason: 'GOV-BLD-7 is not mapped to a hub code', reasonZh: '对方编号 GOV-BLD-7 未映射到枢纽编码',
  reasonCode: 'unmapped_subject',
  event: { specversion: '1.0', id: 'ev-1', source: 'urn:gov', type: 'governance.case.reported', subject: 'GOV-BLD-7',
    data: { caseId: 'c-1', category: '<img src=x onerror="alert(1)">', description: '漏水' } },
};
const OUTBOX = [
  { id: 'case-resolved-c-1', type: 'governance.case.resolved', subject: '130803001001-B07', createdAt: '2026-11-21T01:00:00Z', state: 'failed',
    attempts: 5, nextAttemptAt: null, lastAttemptAt: '2026-11-21T01:05:00Z', lastError: 'HTTP 503', deliveredAt: null, event: { id: 'case-resolved-c-1' } },
  { id: 'case-dispatched-c-2', type: 'governance.case.dispatched', subject: '130803001001-B07', createdAt: '2026-11-21T01:00:00Z', state: 'pending',
    attempts: 1, nextAttemptAt: '2026-11-21T01:06:00Z', lastAttemptAt: null, lastError: null, deliveredAt: null },
];
const SECRET = { signing: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', verifying: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'whsec_b2xkb2xkb2xkb2xkb2xkb2xkb2xkb2xk'] };
const MAPPINGS = [{ externalId: 'GOV-BLD-8', code: '130803001001-B08', personId: null, updatedAt: '2026-11-20T01:00:00Z', updatedBy: 'admin' }];

function hub(endpoint = 'ok') {
  route = (method, path) => {
    const p = path.split('?')[0];
    if (method === 'GET' && p === '/api/v1/networks/governance') return { status: 200, body: status(endpoint) };
    if (method === 'GET' && p === '/api/v1/networks/governance/quarantine') return { status: 200, body: { items: [QUARANTINED], next: 17 } };
    if (method === 'GET' && p === '/api/v1/networks/governance/outbox') return { status: 200, body: { items: OUTBOX } };
    if (method === 'GET' && p === '/api/v1/networks/governance/mappings') return { status: 200, body: { mappings: MAPPINGS } };
    if (method === 'POST' && p === '/api/v1/networks/governance/callback/enable') return { status: 200, body: status('ok') };
    if (method === 'POST' && p === '/api/v1/networks/governance/quarantine/17/replay') return { status: 200, body: { offset: 17, applied: true } };
    if (method === 'POST' && p === '/api/v1/networks/governance/quarantine/replay') return { status: 200, body: { replayed: 2, applied: 1, stillQuarantined: 1 } };
    if (method === 'POST' && p === '/api/v1/networks/governance/outbox/case-resolved-c-1/resend') return { status: 200, body: { ...OUTBOX[0], state: 'pending', attempts: 0 } };
    if (method === 'PUT' && p === '/api/v1/networks/governance/mappings/GOV-BLD-7')
      return { status: 400, body: { status: 400, title: 'Bad Request', detail: 'code: no such code in the hub: 130803001001-B99' } };
    if (method === 'DELETE' && p === '/api/v1/networks/governance/mappings/GOV-BLD-8') return { status: 204 };
    if (method === 'GET' && p === '/api/v1/networks/governance/secret') return { status: 200, body: SECRET };
    return undefined;
  };
}

const as = (...roles: string[]) => { session.user = { id: 'u-1', name: '张伟', roles: roles.map((role) => ({ role, scope: '130803' })) }; };

async function page(path = '/networks/governance') {
  const router = createRouter({ history: createMemoryHistory(), routes: [
    { path: '/networks/:network(party|governance|community)', component: NetworkView },
    { path: '/:rest(.*)*', component: { template: '<p/>' } },
  ] });
  await router.push(path);
  await router.isReady();
  const wrapper = mount(NetworkView, { global: { plugins: [i18n, router] }, attachTo: document.body });
  await flushPromises();
  return wrapper;
}

const bodyText = () => document.body.textContent ?? '';
/** The button of the newest message box (a dismissed one may still be leaving the page). */
const button = (selector: string) => [...document.querySelectorAll<HTMLButtonElement>(selector)].pop() ?? null;

describe('the network page', () => {
  beforeEach(() => { calls.length = 0; setLocale(i18n, 'zh-CN'); fakeHub(); hub(); });
  afterEach(() => { document.body.innerHTML = ''; session.user = null; vi.restoreAllMocks(); });

  it('shows the endpoint states as labelled tags, the counters by window and the feed cursor', async () => {
    as('district_command');
    const w = await page();
    expect(w.find('#net-title').text()).toContain('治理网');
    expect(w.find('[data-test=feed-state]').text()).toBe('拉取：正常');
    expect(w.find('[data-test=callback-state]').text()).toBe('回调：正常');
    const received = w.find('[data-metric=received]').text();
    expect(received).toContain('收到');
    expect(received).toContain('1,200');
    expect(received).toContain('28,800');
    expect(w.find('[data-metric=rejected]').text()).toContain('拒收');
    expect(w.find('[data-test=feed-cursor]').text()).toBe('c-42');
    expect(w.find('#net-outbox').text()).toContain('HTTP 503');
    expect(w.find('#net-map-table').text()).toContain('130803001001-B08');
    w.unmount();
  });

  it('offers 重新启用回调 to an administrator when the endpoint is disabled, and re-enables after the confirm', async () => {
    hub('disabled');
    as('admin');
    const w = await page();
    expect(w.find('[data-test=callback-state]').text()).toBe('回调：已停用');
    await w.find('#net-enable').trigger('click');
    await flushPromises();
    button('.confirm-enable')!.click();
    await flushPromises();
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual(['/api/v1/networks/governance/callback/enable']);
    expect(w.find('[data-test=callback-state]').text()).toBe('回调：正常');
    expect(w.find('#net-enable').exists()).toBe(false);
    w.unmount();
  });

  it('does not offer re-enabling to district staff, nor to anyone while the endpoint is merely failing', async () => {
    hub('disabled');
    as('district_command');
    let w = await page();
    expect(w.find('#net-enable').exists()).toBe(false);
    expect(w.text()).toContain('仅系统管理员可以重新启用回调');
    w.unmount();
    hub('failing');
    as('admin');
    w = await page();
    expect(w.find('[data-test=callback-state]').text()).toBe('回调：异常');
    expect(w.find('#net-enable').exists()).toBe(false);
    w.unmount();
  });

  it('gives the quarantine reason in Chinese from reasonZh, and in English from reason', async () => {
    as('admin');
    const w = await page();
    expect(w.find('.net-reason[data-offset="17"]').text()).toBe('对方编号 GOV-BLD-7 未映射到枢纽编码');
    expect(w.find('#net-quarantine-table').text()).toContain('案件上报');
    setLocale(i18n, 'en');
    await flushPromises();
    expect(w.find('.net-reason[data-offset="17"]').text()).toBe('GOV-BLD-7 is not mapped to a hub code');
    expect(w.find('[data-test=callback-state]').text()).toBe('Callback: OK');
    w.unmount();
  });

  it('shows the original event as escaped text, never as HTML', async () => {
    as('admin');
    const w = await page();
    const view = w.findAll('#net-quarantine-table button').find((b) => b.text() === '查看原文')!;
    await view.trigger('click');
    await flushPromises();
    const pre = document.querySelector('[data-test=event-json]')!;
    expect(pre.textContent).toContain('"category": "<img src=x onerror=\\"alert(1)\\">"');
    expect(pre.querySelector('img')).toBeNull();
    expect(document.querySelector('img[src=x]')).toBeNull();
    w.unmount();
  });

  it('replays one event and says it was applied', async () => {
    as('admin');
    const w = await page();
    await w.find('.net-replay[data-offset="17"]').trigger('click');
    await flushPromises();
    expect(calls.some((c) => c.method === 'POST' && c.path === '/api/v1/networks/governance/quarantine/17/replay')).toBe(true);
    expect(bodyText()).toContain('第17条已处理，已移出隔离区');
    expect(w.find('.net-replay[data-offset="17"]').exists()).toBe(false);
    w.unmount();
  });

  it('asks for the time before replaying all', async () => {
    as('admin');
    const w = await page();
    await w.find('#net-quarantine form').trigger('submit');
    await flushPromises();
    // Element Plus shows a field's message after a short debounce: wait for it as a person would.
    await vi.waitFor(() => expect(w.find('#net-quarantine .el-form-item__error').text()).toBe('请先选择起始时间'));
    expect(calls.some((c) => c.path.endsWith('/quarantine/replay'))).toBe(false);
    w.unmount();
  });

  it('replays all since the picked time and says how many applied', async () => {
    as('admin');
    const w = await page();
    w.findComponent({ name: 'ElDatePicker' }).vm.$emit('update:modelValue', new Date('2026-11-21T08:00:00+08:00'));
    await w.find('#net-quarantine form').trigger('submit');
    await flushPromises();
    expect(calls.find((c) => c.path.endsWith('/quarantine/replay'))).toEqual({
      method: 'POST', path: '/api/v1/networks/governance/quarantine/replay', body: { since: '2026-11-21T00:00:00Z' },
    });
    expect(bodyText()).toContain('已重放2条：1条已处理，1条仍在隔离');
    w.unmount();
  });

  it('resends a failed callback after the confirm, and offers no resend for a pending one', async () => {
    as('district_command');
    const w = await page();
    expect(w.findAll('.net-resend').map((b) => b.attributes('data-id'))).toEqual(['case-resolved-c-1']);
    await w.find('.net-resend').trigger('click');
    await flushPromises();
    button('.dialog-back')!.click();
    await flushPromises();
    expect(calls.some((c) => c.path.endsWith('/resend'))).toBe(false);
    await w.find('.net-resend').trigger('click');
    await flushPromises();
    button('.confirm-resend')!.click();
    await flushPromises();
    expect(calls.filter((c) => c.path.endsWith('/resend')).map((c) => c.method + ' ' + c.path))
      .toEqual(['POST /api/v1/networks/governance/outbox/case-resolved-c-1/resend']);
    w.unmount();
  });

  it('shows the hub’s 400 next to the field it names when a mapping is refused', async () => {
    as('admin');
    const w = await page();
    await w.find('#net-map-external').setValue('GOV-BLD-7');
    await w.find('#net-map-value').setValue('130803001001-B99');
    await w.find('#net-map-form').trigger('submit');
    await flushPromises();
    expect(calls.find((c) => c.method === 'PUT')).toEqual({ method: 'PUT', path: '/api/v1/networks/governance/mappings/GOV-BLD-7', body: { code: '130803001001-B99' } });
    await vi.waitFor(() => expect(w.findAll('#net-map-form .el-form-item__error').map((e) => e.text()))
      .toEqual(['code: no such code in the hub: 130803001001-B99']));
    expect(w.find('#net-map-value').element.closest('.el-form-item')!.classList).toContain('is-error');
    w.unmount();
  });

  it('deletes a mapping only after the confirm', async () => {
    as('admin');
    const w = await page();
    await w.find('.net-map-delete[data-id="GOV-BLD-8"]').trigger('click');
    await flushPromises();
    button('.confirm-delete')!.click();
    await flushPromises();
    expect(calls.filter((c) => c.method === 'DELETE').map((c) => c.path)).toEqual(['/api/v1/networks/governance/mappings/GOV-BLD-8']);
    expect(w.find('#net-map-table').text()).not.toContain('GOV-BLD-8');
    w.unmount();
  });

  it('lists the quarantine, the callbacks and the mappings as cards on a phone, each with its buttons', async () => {
    vi.spyOn(window, 'matchMedia').mockImplementation((query: string) => ({
      matches: query.includes('max-width: 760px'), media: query, onchange: null,
      addEventListener: () => {}, removeEventListener: () => {}, addListener: () => {}, removeListener: () => {}, dispatchEvent: () => false,
    }) as unknown as MediaQueryList);
    as('admin');
    const w = await page();
    expect(w.find('#net-quarantine-table').exists()).toBe(false);
    expect(w.find('#net-quarantine-cards .net-reason[data-offset="17"]').text()).toBe('对方编号 GOV-BLD-7 未映射到枢纽编码');
    expect(w.find('#net-outbox-cards').text()).toContain('HTTP 503');
    expect(w.findAll('#net-outbox-cards .net-resend').map((b) => b.attributes('data-id'))).toEqual(['case-resolved-c-1']);
    expect(w.find('#net-map-cards').text()).toContain('130803001001-B08');
    await w.find('#net-quarantine-cards .net-replay[data-offset="17"]').trigger('click');
    await flushPromises();
    expect(calls.some((c) => c.method === 'POST' && c.path === '/api/v1/networks/governance/quarantine/17/replay')).toBe(true);
    expect(w.find('#net-quarantine-cards').text()).toContain('隔离区为空');
    w.unmount();
  });

  it('asks the hub nothing for someone who may not see the networks', async () => {
    as('street_command');
    const w = await page();
    expect(w.find('#net-no-access').text()).toContain('仅对系统管理员和区指挥中心开放');
    expect(calls).toEqual([]);
    w.unmount();
  });

  it('polls the status every 5 s and stops when the page is left', async () => {
    const set = vi.spyOn(window, 'setInterval');
    const clear = vi.spyOn(window, 'clearInterval');
    as('admin');
    const w = await page();
    const i = set.mock.calls.findIndex((c) => c[1] === 5000);
    expect(i).toBeGreaterThanOrEqual(0);
    const handle = set.mock.results[i].value;
    w.unmount();
    expect(clear).toHaveBeenCalledWith(handle);
  });
});

describe('the signing secret', () => {
  const secretCalls = () => calls.filter((c) => c.path.endsWith('/secret'));
  const dialogText = () => document.querySelector('.net-secret-dialog')?.textContent ?? '';
  async function open(w: Awaited<ReturnType<typeof page>>) {
    await w.find('#net-secret').trigger('click');
    await flushPromises();
  }
  let clipboard: PropertyDescriptor | undefined;
  beforeEach(() => { calls.length = 0; setLocale(i18n, 'zh-CN'); fakeHub(); hub(); clipboard = Object.getOwnPropertyDescriptor(navigator, 'clipboard'); });
  afterEach(() => {
    if (clipboard) Object.defineProperty(navigator, 'clipboard', clipboard); else delete (navigator as { clipboard?: unknown }).clipboard;
    document.body.innerHTML = ''; session.user = null; vi.restoreAllMocks();
  });
  const clipboardWith = (value: unknown) => Object.defineProperty(navigator, 'clipboard', { value, configurable: true });

  it('is offered to an administrator in the page header, and read from the hub only when asked for', async () => {
    as('admin');
    const w = await page();
    expect(w.find('.net-head #net-secret').text()).toBe('签名密钥');
    expect(secretCalls()).toEqual([]);
    await open(w);
    expect(secretCalls().map((c) => c.method + ' ' + c.path)).toEqual(['GET /api/v1/networks/governance/secret']);
    expect(dialogText()).toContain('签名密钥 · 治理网');
    w.unmount();
  });

  it('is not offered to district staff, who never ask the hub for it', async () => {
    as('district_command');
    const w = await page();
    expect(w.find('#net-title').exists()).toBe(true);
    expect(w.find('#net-secret').exists()).toBe(false);
    expect(document.querySelector('.net-secret-dialog')).toBeNull();
    expect(secretCalls()).toEqual([]);
    w.unmount();
  });

  it('is masked until 显示 is pressed, the old secret as well, and masked again when the dialog opens again', async () => {
    as('admin');
    const w = await page();
    await open(w);
    const signing = () => document.querySelector('[data-test=secret-signing]')!.textContent ?? '';
    expect(signing()).toContain('whsec_••••');
    expect(document.body.innerHTML).not.toContain(SECRET.signing);
    expect(document.body.innerHTML).not.toContain(SECRET.verifying[1]);
    expect(document.querySelectorAll('[data-test=secret-verifying] li')).toHaveLength(1);
    const show = document.querySelector<HTMLButtonElement>('#net-secret-show')!;
    expect(show.textContent?.trim()).toBe('显示');
    expect(show.getAttribute('aria-pressed')).toBe('false');
    show.click();
    await flushPromises();
    expect(signing()).toBe(SECRET.signing);
    expect(document.querySelector('[data-test=secret-verifying]')!.textContent).toContain(SECRET.verifying[1]);
    expect(document.querySelector('#net-secret-show')!.getAttribute('aria-pressed')).toBe('true');
    expect(dialogText()).toContain('SANWANG_NETWORK_SECRET_GOVERNANCE');
    expect(dialogText()).toContain('轮换');
    w.findComponent({ name: 'SecretDialog' }).vm.$emit('close');
    await flushPromises();
    await open(w);
    expect(signing()).not.toContain(SECRET.signing);
    expect(secretCalls()).toHaveLength(2);
    w.unmount();
  });

  it('copies the signing secret with the clipboard, without showing it', async () => {
    const writeText = vi.fn(async () => {});
    clipboardWith({ writeText });
    as('admin');
    const w = await page();
    await open(w);
    document.querySelector<HTMLButtonElement>('#net-secret-copy')!.click();
    await flushPromises();
    expect(writeText).toHaveBeenCalledWith(SECRET.signing);
    expect(bodyText()).toContain('签名密钥已复制到剪贴板');
    expect(document.querySelector('[data-test=secret-signing]')!.textContent).not.toContain(SECRET.signing);
    w.unmount();
  });

  it('shows and selects the secret for Ctrl+C where the browser has no clipboard (plain http)', async () => {
    clipboardWith(undefined);
    as('admin');
    const w = await page();
    await open(w);
    document.querySelector<HTMLButtonElement>('#net-secret-copy')!.click();
    await flushPromises();
    expect(document.querySelector('[data-test=secret-signing]')!.textContent).toBe(SECRET.signing);
    expect(window.getSelection()?.toString()).toBe(SECRET.signing);
    expect(bodyText()).toContain('请按 Ctrl+C 复制');
    w.unmount();
  });

  it('says in English what it is and how to rotate it', async () => {
    setLocale(i18n, 'en');
    as('admin');
    const w = await page();
    expect(w.find('#net-secret').text()).toBe('Signing secret');
    await open(w);
    expect(document.querySelector('#net-secret-show')!.textContent?.trim()).toBe('Show');
    expect(document.querySelector('#net-secret-copy')!.textContent?.trim()).toBe('Copy');
    expect(dialogText()).toContain('To rotate');
    w.unmount();
  });
});

describe('the navigation', () => {
  async function nav(...roles: string[]) {
    as(...roles);
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:rest(.*)*', component: { template: '<p/>' } }] });
    await router.push('/networks/party');
    await router.isReady();
    return mount(NavMenu, { props: { mode: 'vertical' }, global: { plugins: [i18n, router] } });
  }
  beforeEach(() => setLocale(i18n, 'zh-CN'));
  afterEach(() => { session.user = null; });

  it('holds the three networks for administrators and district command, and the work pages as real entries (nothing disabled)', async () => {
    for (const role of ['admin', 'district_command']) {
      const w = await nav(role);
      expect(w.findAll('[data-nav^=network-]').map((e) => e.text())).toEqual(['党建网', '治理网', '社区网']);
      expect(w.text()).toContain('三网对接');
      expect(w.find('[data-nav=network-party]').classes()).toContain('is-active');
      expect(w.findAll('.is-disabled')).toHaveLength(0);
      expect(w.findAll('[data-nav=cases], [data-nav=wishes], [data-nav=appointments], [data-nav=party]').map((e) => e.text()))
        .toEqual(['案件', '微心愿', '预约', '党员']);
      expect(w.text()).not.toContain('即将上线');
      w.unmount();
    }
  });

  it('shows no networks to anyone else', async () => {
    const w = await nav('grid_member');
    expect(w.findAll('[data-nav^=network-]')).toHaveLength(0);
    expect(w.text()).not.toContain('三网对接');
    w.unmount();
  });
});
