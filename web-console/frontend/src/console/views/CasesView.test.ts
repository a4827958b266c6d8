import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createMemoryHistory, createRouter } from 'vue-router';
import { i18n } from '../i18n';
import { session } from '../session';
import { setLocale } from '../../shared/i18n';

// The work pages against a fake hub answering the shapes of spec/work-api.md, with the work stream
// driven by the test. Element Plus's style modules are empty here (see NetworkView.test.ts).
Object.defineProperty(MutationObserver.prototype, Symbol.toStringTag, { value: 'MutationObserver' });
const styles = Object.keys(import.meta.glob('/node_modules/element-plus/es/components/*/style/css.mjs'));
for (const path of styles) vi.doMock(path.replace(/^\/node_modules\/(.*)\.mjs$/, '$1'), () => ({}));
const streams = vi.hoisted(() => [] as { path: string; handlers: Record<string, (d: unknown) => void>; state?: (open: boolean) => void; closed: boolean }[]);
vi.mock('../../shared/sse', () => ({
  openStream: (path: string, _token: string, handlers: Record<string, (d: unknown) => void>, state?: (open: boolean) => void) => {
    const s = { path, handlers, state, closed: false };
    streams.push(s);
    queueMicrotask(() => state?.(true));
    return { close: () => { s.closed = true; } };
  },
}));
const CasesView = (await import('./CasesView.vue')).default;
const WishesView = (await import('./WishesView.vue')).default;

type Reply = { status: number; body?: unknown };
const calls: { method: string; path: string; body: unknown; auth?: string; type?: string }[] = [];
let route: (method: string, path: string, body: unknown) => Reply | undefined = () => undefined;

function fakeHub() {
  globalThis.fetch = vi.fn(async (path: string, init: RequestInit = {}) => {
    const method = init.method ?? 'GET';
    const headers = (init.headers ?? {}) as Record<string, string>;
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : init.body;
    calls.push({ method, path, body, auth: headers.Authorization, type: headers['Content-Type'] });
    const reply = route(method, path, body) ?? { status: 404, body: { status: 404, title: 'Not Found', detail: 'path: ' + path } };
    return new Response(reply.body === undefined ? '' : JSON.stringify(reply.body), {
      status: reply.status, headers: { 'Content-Type': reply.status >= 400 ? 'application/problem+json' : 'application/json' },
    });
  }) as unknown as typeof fetch;
}

const H = 3600_000;
const at = (ms: number) => new Date(Date.now() + ms).toISOString();
const CASE = (id: string, over: Record<string, unknown> = {}) => ({
  id, category: 'environment', description: '楼道堆放杂物', level: 'community', state: 'reported', overdue: false, deadline: at(3 * H + 12.5 * 60_000),
  community: '130803001001', communityName: '幸福社区', building: '130803001001-B07', buildingName: '7号楼', origin: 'hub',
  photos: [], reportedAt: at(-H), ...over,
});
const LIST = [
  CASE('c-later', { category: 'safety', deadline: at(20 * H) }),
  CASE('c-late', { category: '井盖缺失', level: 'street', state: 'accepted', overdue: true, deadline: at(-2 * H - 60_000), origin: 'governance',
    acceptedBy: { id: 'p-2', name: '李街道' } }),
  CASE('c-done', { state: 'closed', deadline: null, closedAt: at(-H), rating: 5 }),
];
const DETAIL = {
  ...LIST[1], photos: ['/api/v1/photos/ph-1', 'https://gov.example/p/9.jpg'],
  timeline: [
    { at: at(-30 * H), what: 'reported', by: { id: 'p-1', name: '王芳' }, level: 'community' },
    { at: at(-6 * H), what: 'escalated', level: 'street', deadline: at(-2 * H), auto: true },
    { at: at(-5 * H), what: 'accepted', by: { id: 'p-2', name: '李街道' }, note: '<b>马上去</b>' },
  ],
};

function hub() {
  route = (method, path) => {
    const p = path.split('?')[0];
    if (method === 'GET' && p === '/api/v1/org') return { status: 200, body: [] };
    if (method === 'GET' && p === '/api/v1/cases') return { status: 200, body: { cases: LIST } };
    if (method === 'GET' && p === '/api/v1/cases/c-late') return { status: 200, body: DETAIL };
    if (method === 'GET' && p === '/api/v1/cases/c-later') return { status: 200, body: { ...LIST[0], timeline: [] } };
    if (method === 'GET' && p === '/api/v1/photos/ph-1') return { status: 200, body: 'jpeg bytes' };
    if (method === 'POST' && p === '/api/v1/photos') return { status: 201, body: { id: 'ph-7', url: '/api/v1/photos/ph-7' } };
    if (method === 'POST' && p === '/api/v1/cases/c-late/resolve') return { status: 200, body: { ...LIST[1], state: 'resolved', deadline: null } };
    if (method === 'POST' && p === '/api/v1/cases/c-later/accept')
      return { status: 409, body: { status: 409, title: 'Conflict', detail: 'state: the case is accepted', code: 'case_accepted' } };
    return undefined;
  };
}

const mounted: ReturnType<typeof mount>[] = [];
async function page(component: unknown, path: string) {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:rest(.*)*', component: { template: '<p/>' } }] });
  await router.push(path);
  const wrapper = mount(component as never, { global: { plugins: [i18n, router] }, attachTo: document.body });
  mounted.push(wrapper);
  await flushPromises();
  return wrapper;
}

const ids = (w: ReturnType<typeof mount>) => w.findAll('[data-case-id]').map((c) => c.attributes('data-case-id'));
const newest = (selector: string) => [...document.querySelectorAll<HTMLElement>(selector)].pop() ?? null;

describe('the cases page', () => {
  beforeEach(() => {
    calls.length = 0;
    streams.length = 0;
    setLocale(i18n, 'zh-CN');
    session.token = 'tok-1';
    session.user = { id: 'u-1', name: '张伟', roles: [{ role: 'community_secretary', scope: '130803001001' }] };
    fakeHub();
    hub();
  });
  afterEach(() => { mounted.splice(0).forEach((w) => w.unmount()); document.body.innerHTML = ''; session.user = null; session.token = null; vi.restoreAllMocks(); });

  it('lists overdue cases first with labelled category, state and level and a live countdown, never a raw code', async () => {
    const w = await page(CasesView, '/cases');
    expect(ids(w)).toEqual(['c-late', 'c-later', 'c-done']);
    const late = w.find('[data-case-id=c-late]');
    expect(late.attributes('data-overdue')).toBe('true');
    expect(late.text()).toContain('井盖缺失');
    expect(late.text()).toContain('已受理');
    expect(late.text()).toContain('街道');
    expect(late.text()).toContain('社会治理网');
    expect(late.find('[data-test=countdown]').text()).toBe('已超时 2小时1分');
    const later = w.find('[data-case-id=c-later]');
    expect(later.text()).toContain('安全隐患');
    expect(later.text()).toContain('待受理');
    expect(w.find('[data-case-id=c-done]').text()).toContain('已结案');
    expect(w.text()).not.toMatch(/environment|safety|reported|accepted|closed|governance|street\b/);
    expect(w.find('#cases-overdue').text()).toBe('超时 1');
    w.unmount();
  });

  it('filters by level with each level’s count, and sends the other filters to the hub', async () => {
    const w = await page(CasesView, '/cases');
    expect(w.find('#cases-level').text()).toContain('社区（2）');
    expect(w.find('#cases-level').text()).toContain('街道（1）');
    await w.find('#cases-level [data-level=street] input').setValue(true);
    await flushPromises();
    expect(ids(w)).toEqual(['c-late']);
    await w.find('input#cases-overdue-only').setValue(true);
    await flushPromises();
    expect(calls.filter((c) => c.path.startsWith('/api/v1/cases')).map((c) => c.path)).toContain('/api/v1/cases?overdue=true');
    w.unmount();
  });

  it('opens a case with its labelled timeline (notes as text) and its photo fetched with the token', async () => {
    const w = await page(CasesView, '/cases');
    await w.find('[data-case-id=c-late] [data-action=open]').trigger('click');
    await flushPromises();
    const drawer = document.querySelector('.sw-case-detail')!;
    const steps = [...drawer.querySelectorAll('.sw-worklog li')].map((li) => li.textContent ?? '');
    expect(steps[0]).toContain('上报');
    expect(steps[1]).toContain('升级');
    expect(steps[1]).toContain('转至街道');
    expect(steps[1]).toContain('超时自动升级');
    expect(steps[2]).toContain('受理');
    expect(steps[2]).toContain('<b>马上去</b>');
    expect(drawer.querySelector('.sw-worklog b b')).toBeNull();
    expect(calls.find((c) => c.path === '/api/v1/photos/ph-1')?.auth).toBe('Bearer tok-1');
    await vi.waitFor(() => expect(drawer.querySelector<HTMLImageElement>('[data-photo="/api/v1/photos/ph-1"] img')?.getAttribute('src')).toMatch(/^data:/));
    drawer.querySelector<HTMLElement>('[data-photo="/api/v1/photos/ph-1"] button')!.click();
    await flushPromises();
    expect(drawer.querySelector('[data-test=photo-big]')?.getAttribute('src')).toMatch(/^data:/);
    expect(drawer.querySelector('[data-photo="https://gov.example/p/9.jpg"] a')?.textContent).toContain('查看照片');
    expect([...drawer.querySelectorAll('[data-action]')].map((b) => b.getAttribute('data-action'))).toEqual(['resolve', 'escalate']);
    w.unmount();
  });

  it('resolves only with a note, and sends the uploaded photo’s id with it', async () => {
    const w = await page(CasesView, '/cases');
    await w.find('[data-case-id=c-late] [data-action=open]').trigger('click');
    await flushPromises();
    document.querySelector<HTMLElement>('.sw-case-detail [data-action=resolve]')!.click();
    await flushPromises();
    newest('.confirm-resolve')!.click();
    await flushPromises();
    expect(newest('[data-test=dialog-error]')!.textContent).toBe('请填写处理结果');
    expect(calls.some((c) => c.path.endsWith('/resolve'))).toBe(false);

    const input = newest('[data-test=photo-input]') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [new File(['jpeg'], 'site.jpg', { type: 'image/jpeg' })] });
    input.dispatchEvent(new Event('change'));
    await vi.waitFor(() => expect(newest('.sw-action-resolve [data-photo-id=ph-7] img')).not.toBeNull());
    const upload = calls.find((c) => c.method === 'POST' && c.path.startsWith('/api/v1/photos'))!;
    expect(upload.path).toBe('/api/v1/photos?building=130803001001-B07');
    expect(upload.type).toBe('image/jpeg');
    const note = newest('.sw-action-resolve textarea') as HTMLTextAreaElement;
    note.value = '已清理完毕';
    note.dispatchEvent(new Event('input'));
    await flushPromises();
    newest('.confirm-resolve')!.click();
    await flushPromises();
    expect(calls.find((c) => c.path.endsWith('/resolve'))).toMatchObject({
      method: 'POST', path: '/api/v1/cases/c-late/resolve', body: { note: '已清理完毕', photos: ['ph-7'] },
    });
    expect(w.find('[data-case-id=c-late]').attributes('data-state')).toBe('resolved');
    w.unmount();
  });

  it('says in words what state a case is in when the hub answers 409', async () => {
    const w = await page(CasesView, '/cases');
    await w.find('[data-case-id=c-later] [data-action=open]').trigger('click');
    await flushPromises();
    document.querySelector<HTMLElement>('.sw-case-detail [data-action=accept]')!.click();
    await flushPromises();
    expect(newest('.el-message--error')!.textContent).toContain('该案件现在是“已受理”，不能这样操作，页面已更新。');
    w.unmount();
  });

  it('follows the work stream: a new case appears in its place, a changed one moves', async () => {
    const w = await page(CasesView, '/cases');
    const stream = streams.find((s) => s.path === '/api/v1/work/stream' && !s.closed)!;
    stream.handlers.case(CASE('c-new', { overdue: true, deadline: at(-5 * H) }));
    await flushPromises();
    expect(ids(w)).toEqual(['c-new', 'c-late', 'c-later', 'c-done']);
    stream.handlers.case({ ...LIST[0], state: 'closed', deadline: null, closedAt: at(0) });
    await flushPromises();
    expect(ids(w)).toEqual(['c-new', 'c-late', 'c-later', 'c-done']);
    expect(w.find('[data-case-id=c-later]').attributes('data-state')).toBe('closed');
    w.unmount();
    mounted.length = 0;
    expect(stream.closed).toBe(true);
  });
});

describe('the wishes page', () => {
  const WISHES = [
    { id: 'w-1', title: '换灯泡', residentName: '赵奶奶', community: '130803001001', communityName: '幸福社区', buildingName: '7号楼', points: 10,
      state: 'posted', origin: 'party', postedAt: at(-H) },
    { id: 'w-2', title: '代买药', residentName: '钱爷爷', community: '130803001001', points: 20, state: 'fulfilled', origin: 'hub',
      postedAt: at(-5 * H), claimedBy: { id: 'p-5', name: '孙党员' } },
  ];
  beforeEach(() => {
    calls.length = 0;
    setLocale(i18n, 'zh-CN');
    session.token = 'tok-1';
    session.user = { id: 'u-1', name: '张伟', roles: [{ role: 'community_secretary', scope: '130803001001' }] };
    fakeHub();
    route = (method, path, body) => {
      const p = path.split('?')[0];
      if (method === 'GET' && p === '/api/v1/org') return { status: 200, body: [{ code: '130803001001-B07', level: 'building', name: '7号楼' }] };
      if (method === 'GET' && p === '/api/v1/wishes') return { status: 200, body: { wishes: WISHES } };
      if (method === 'POST' && p === '/api/v1/wishes') return { status: 201, body: { ...(body as object), id: 'w-9', state: 'posted', community: '130803001001', postedAt: at(0) } };
      if (method === 'POST' && p === '/api/v1/wishes/w-2/confirm') return { status: 200, body: { ...WISHES[1], state: 'confirmed', rating: 4 } };
      return undefined;
    };
  });
  afterEach(() => { mounted.splice(0).forEach((w) => w.unmount()); document.body.innerHTML = ''; session.user = null; session.token = null; vi.restoreAllMocks(); });

  it('shows a column per state with labels, and offers staff cancel and confirm only where they apply', async () => {
    const w = await page(WishesView, '/wishes');
    expect(w.findAll('[data-column] h2').map((h) => h.text().replace(/\s+\d+$/, ''))).toEqual(['待认领', '已认领', '已完成', '已确认', '已取消']);
    expect(w.find('[data-column=posted] [data-wish-id=w-1]').text()).toContain('党建网');
    expect(w.findAll('[data-wish-id=w-1] [data-action]').map((b) => b.attributes('data-action'))).toEqual(['cancel']);
    expect(w.findAll('[data-wish-id=w-2] [data-action]').map((b) => b.attributes('data-action'))).toEqual(['confirm']);
    w.unmount();
  });

  it('confirms a fulfilled wish with the resident’s rating', async () => {
    const w = await page(WishesView, '/wishes');
    await w.find('[data-wish-id=w-2] [data-action=confirm]').trigger('click');
    await flushPromises();
    newest('.sw-action-confirm .el-rate__item:nth-child(4)')!.click();
    await flushPromises();
    newest('.confirm-confirm')!.click();
    await flushPromises();
    expect(calls.find((c) => c.path.endsWith('/confirm'))?.body).toEqual({ rating: 4 });
    expect(w.find('[data-column=confirmed] [data-wish-id=w-2]').exists()).toBe(true);
    w.unmount();
  });

  it('posts a wish for a resident, naming the blank fields first', async () => {
    const w = await page(WishesView, '/wishes');
    await w.find('#wish-post-open').trigger('click');
    await flushPromises();
    newest('#wish-post-submit')!.click();
    await flushPromises();
    // Element Plus shows a field's message after a short debounce: wait for it as a person would.
    await vi.waitFor(() => expect([...document.querySelectorAll('.sw-wish-post .el-form-item__error')].map((e) => e.textContent?.trim()))
      .toEqual(['请选择楼栋', '请填写居民姓名', '请填写心愿内容']));
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    const dialog = w.findComponent({ name: 'ElDialog' });
    dialog.findComponent({ name: 'ElSelect' }).vm.$emit('update:modelValue', '130803001001-B07');
    for (const [id, value] of [['#wish-resident', '周阿姨'], ['#wish-title', '陪同就医']]) {
      const input = document.querySelector<HTMLInputElement>(id)!;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    }
    await flushPromises();
    newest('#wish-post-submit')!.click();
    await flushPromises();
    expect(calls.find((c) => c.method === 'POST')).toMatchObject({
      path: '/api/v1/wishes', body: { building: '130803001001-B07', residentName: '周阿姨', title: '陪同就医', points: 10 },
    });
    expect(w.find('[data-column=posted] [data-wish-id=w-9]').exists()).toBe(true);
    w.unmount();
  });
});
