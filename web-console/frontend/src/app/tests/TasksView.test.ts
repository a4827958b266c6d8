import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeToast } from 'vant';
import { mount } from '@vue/test-utils';
import { createResponder } from '../responder';
import { createWork } from '../work';
import { i18n, switchLocale } from '../i18n';
import TasksView from '../components/TasksView.vue';
import ActivateView from '../components/ActivateView.vue';
import { fakeHub, fakeStreams, flush, type Reply } from './fakes';

const COMMUNITY = '130803001001';
const B07 = '130803001001-B07';
const WISH = { id: 'w-1', title: '换灯泡', residentName: '赵奶奶', community: COMMUNITY, building: B07, buildingName: '7号楼', points: 10,
  state: 'posted', postedAt: '2026-11-21T01:00:00Z' };
const CASE = { id: 'c-1', category: 'facility', description: '路灯不亮', level: 'community', state: 'accepted', overdue: false,
  deadline: new Date(Date.now() + 3 * 3600_000 + 12.5 * 60_000).toISOString(), community: COMMUNITY, building: B07, buildingName: '7号楼',
  reportedAt: '2026-11-21T01:00:00Z' };

function signedIn(user: { id: string; name: string; roles: { role: string; scope: string; scopeName?: string }[] }) {
  const responder = createResponder();
  responder.state.session = { token: 'tok-1', user };
  if (user.roles.some((r) => r.scope === B07)) responder.state.groups = [{ code: B07, name: '7号楼', kind: 'building' }];
  return responder;
}

function hub(extra: (m: string, p: string, body: unknown) => Reply | undefined = () => undefined) {
  return fakeHub((m, p, body) => extra(m, p, body) ?? (
    m === 'GET' && p === '/api/v1/cases' ? { status: 200, body: { cases: [CASE] } }
      : m === 'GET' && p === '/api/v1/wishes' ? { status: 200, body: { wishes: [WISH] } }
        : m === 'GET' && p === '/api/v1/appointments' ? { status: 200, body: { appointments: [] } }
          : m === 'GET' && p === `/api/v1/org/${COMMUNITY}` ? { status: 200, body: { children: [{ code: B07, level: 'building', name: '7号楼' }] } }
            : undefined));
}

async function tasks(responder: ReturnType<typeof signedIn>) {
  const streams = fakeStreams();
  const work = createWork({ token: () => 'tok-1', openStream: streams.open });
  const wrapper = mount(TasksView, { props: { responder, work }, global: { plugins: [i18n] }, attachTo: document.body });
  await flush();
  return { wrapper, streams, work };
}

describe('the 任务 tab', () => {
  beforeEach(() => { switchLocale('zh-CN'); localStorage.clear(); });
  // Each test unmounts its page; Vant's toast stays a singleton in the body, so the body is not wiped.

  it('gives a Party member the wishes of the community with one-tap 认领, and says who was faster on a 409', async () => {
    const taken = { ...WISH, state: 'claimed', claimedBy: { id: 'p-9', name: '张三' } };
    const h = hub((m, p) => (m === 'POST' && p === '/api/v1/wishes/w-1/claim'
      ? { status: 409, body: { status: 409, title: 'Conflict', detail: 'state: already claimed by 张三', code: 'wish_taken', claimedBy: { id: 'p-9', name: '张三' } } }
      : m === 'GET' && p === '/api/v1/wishes/w-1' ? { status: 200, body: taken } : undefined));
    const { wrapper } = await tasks(signedIn({ id: 'p-1', name: '李党员', roles: [{ role: 'party_member', scope: COMMUNITY }] }));
    expect(wrapper.findAll('[data-section]').map((b) => b.text())).toEqual(['微心愿1', '随手拍']);
    const card = wrapper.find('#wishes-open [data-wish-id=w-1]');
    expect(card.text()).toContain('待认领');
    expect(card.text()).toContain('10积分');
    expect(card.text()).toContain('赵奶奶');
    await card.find('[data-action=claim]').trigger('click');
    await flush();
    expect(h.calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual(['/api/v1/wishes/w-1/claim']);
    expect(wrapper.find('#tasks-problem').text()).toContain('这个心愿已被张三认领。');
    expect(wrapper.find('#wishes-open [data-wish-id=w-1]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('opens for a grid member with no building group, and offers the grid\'s buildings to report in', async () => {
    // A grid member's groups are not buildings: the tab once looked for buildings without end and hung.
    const grid = `${COMMUNITY}-G01`;
    const h = hub((m, p) => (m === 'GET' && p === `/api/v1/org/${grid}` ? { status: 200, body: { children: [{ code: B07, level: 'building', name: '7号楼' }] } }
      : undefined));
    const responder = signedIn({ id: 'p-2', name: '何网格员', roles: [{ role: 'grid_member', scope: grid }] });
    responder.state.groups = [];
    const { wrapper } = await tasks(responder);
    expect(wrapper.findAll('[data-section]').map((b) => b.attributes('data-section'))).toEqual(['cases', 'appointments', 'report']);
    expect(wrapper.find('[data-case-id=c-1]').exists()).toBe(true);
    expect(h.calls.filter((c) => c.path === `/api/v1/org/${grid}`)).toHaveLength(1);
    wrapper.unmount();
  });

  it('moves a claimed wish to 我认领的心愿 with 完成', async () => {
    hub((m, p) => (m === 'POST' && p === '/api/v1/wishes/w-1/claim' ? { status: 200, body: { ...WISH, state: 'claimed', claimedBy: { id: 'p-1', name: '李党员' } } }
      : m === 'POST' && p === '/api/v1/wishes/w-1/fulfil' ? { status: 200, body: { ...WISH, state: 'fulfilled', claimedBy: { id: 'p-1', name: '李党员' } } } : undefined));
    const { wrapper } = await tasks(signedIn({ id: 'p-1', name: '李党员', roles: [{ role: 'party_member', scope: COMMUNITY }] }));
    await wrapper.find('[data-wish-id=w-1] [data-action=claim]').trigger('click');
    await flush();
    const mine = wrapper.find('#wishes-mine [data-wish-id=w-1]');
    expect(mine.text()).toContain('已认领');
    await mine.find('[data-action=fulfil]').trigger('click');
    await flush();
    expect(wrapper.find('#wishes-mine [data-wish-id=w-1]').attributes('data-state')).toBe('fulfilled');
    expect(wrapper.find('#wishes-mine [data-wish-id=w-1] [data-action]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('lets a building head resolve a case only with a note, sending the camera photo with it', async () => {
    const h = hub((m, p) => (m === 'POST' && p === `/api/v1/photos?building=${B07}` ? { status: 201, body: { id: 'ph-3', url: '/api/v1/photos/ph-3' } }
      : m === 'POST' && p === '/api/v1/cases/c-1/resolve' ? { status: 200, body: { ...CASE, state: 'resolved', deadline: null } } : undefined));
    const { wrapper } = await tasks(signedIn({ id: 'p-2', name: '王芳', roles: [{ role: 'building_head', scope: B07, scopeName: '7号楼' }] }));
    await wrapper.find('[data-section=cases]').trigger('click');
    const card = wrapper.find('[data-case-id=c-1]');
    expect(card.text()).toContain('设施损坏');
    expect(card.text()).toContain('已受理');
    expect(card.find('[data-test=countdown]').text()).toBe('剩余 3小时12分');
    await card.find('[data-action=resolve]').trigger('click');
    const input = card.find('input[type=file]');
    expect(input.attributes('capture')).toBe('environment');
    expect(input.attributes('accept')).toBe('image/*');
    await card.find('form').trigger('submit');
    expect(card.find('.problem').text()).toBe('请写明处理结果');
    expect(h.calls.some((c) => c.method === 'POST')).toBe(false);
    await card.find('textarea').setValue('已报修并更换');
    Object.defineProperty(input.element, 'files', { value: [new File(['jpeg'], 'lamp.jpg', { type: 'image/jpeg' })] });
    await input.trigger('change');
    await card.find('form').trigger('submit');
    await flush();
    expect(h.calls.filter((c) => c.method === 'POST').map((c) => [c.path, c.body instanceof Blob ? 'photo' : c.body])).toEqual([
      [`/api/v1/photos?building=${B07}`, 'photo'], ['/api/v1/cases/c-1/resolve', { note: '已报修并更换', photos: ['ph-3'] }],
    ]);
    expect(wrapper.find('[data-case-id=c-1]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('reports a 随手拍 case from the community’s buildings with a category picked by label', async () => {
    const h = hub((m, p, body) => (m === 'POST' && p === '/api/v1/cases' ? { status: 201, body: { ...CASE, ...(body as object), id: 'c-9', state: 'reported' } } : undefined));
    const { wrapper } = await tasks(signedIn({ id: 'p-1', name: '李党员', roles: [{ role: 'party_member', scope: COMMUNITY }] }));
    await wrapper.find('[data-section=report]').trigger('click');
    await flush();
    expect(wrapper.findAll('.chip-radio').map((c) => c.text())).toEqual(['环境卫生', '安全隐患', '设施损坏', '邻里纠纷', '为老服务', '其他']);
    await wrapper.find('#report').trigger('submit');
    expect(wrapper.find('#report-error').text()).toBe('请选择类别');
    await wrapper.find('input[data-category=safety]').setValue(true);
    await wrapper.find('#report-description').setValue('井盖松动');
    await wrapper.find('#report').trigger('submit');
    await flush();
    expect(h.calls.find((c) => c.method === 'POST')).toMatchObject({ path: '/api/v1/cases', body: { building: B07, category: 'safety', description: '井盖松动' } });
    wrapper.unmount();
  });
});

describe('the activation page', () => {
  beforeEach(() => switchLocale('zh-CN'));
  afterEach(() => closeToast(true));
  const INFO = { name: '张三', username: '13800005678', community: COMMUNITY, communityName: '幸福社区', expiresAt: '2026-11-24T01:00:00Z' };

  async function page(reply: Reply, post?: Reply) {
    const h = fakeHub((m, p) => (p !== '/api/v1/activations/tok%2Fx' ? undefined : m === 'GET' ? reply : post));
    const wrapper = mount(ActivateView, { props: { token: 'tok/x' }, global: { plugins: [i18n] }, attachTo: document.body });
    await flush();
    return { h, wrapper };
  }

  it('says a used or unknown link (404) and an expired one (410) in words', async () => {
    let { wrapper } = await page({ status: 404, body: { status: 404, title: 'Not Found', detail: 'token: unknown' } });
    expect(wrapper.find('#activate-error').text()).toBe('链接无效或已使用。如需帮助，请联系报到社区。');
    wrapper.unmount();
    ({ wrapper } = await page({ status: 410, body: { status: 410, title: 'Gone', detail: 'token: expired' } }));
    expect(wrapper.find('#activate-error').text()).toContain('链接已过期');
    wrapper.unmount();
  });

  it('shows whose link it is, asks for the password twice, and sends it without any bearer token', async () => {
    const { h, wrapper } = await page({ status: 200, body: INFO }, { status: 200, body: { username: '13800005678' } });
    expect(wrapper.text()).toContain('张三同志，您好');
    expect(wrapper.find('#activate-username').text()).toBe('13800005678');
    await wrapper.find('#new-password').setValue('short');
    await wrapper.find('#activate-form').trigger('submit');
    expect(wrapper.find('#activate-problem').text()).toBe('密码至少需要10个字符');
    await wrapper.find('#new-password').setValue('长城长江黄河泰山日出');
    await wrapper.find('#new-password-again').setValue('长城长江黄河泰山日落');
    await wrapper.find('#activate-form').trigger('submit');
    expect(wrapper.find('#activate-problem').text()).toBe('两次输入的密码不一致');
    await wrapper.find('#new-password-again').setValue('长城长江黄河泰山日出');
    await wrapper.find('#activate-form').trigger('submit');
    await flush();
    const sent = h.calls.find((c) => c.method === 'POST')!;
    expect(sent.body).toEqual({ password: '长城长江黄河泰山日出' });
    expect(h.calls.every((c) => !c.headers.Authorization)).toBe(true);
    expect(wrapper.find('#activate-done').text()).toBe('密码已设置。请用用户名 13800005678 和新密码登录。');
    await wrapper.find('#activate-login').trigger('click');
    expect(wrapper.emitted('login')).toEqual([['13800005678']]);
    wrapper.unmount();
  });
});
