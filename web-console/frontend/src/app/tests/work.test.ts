import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configureApi } from '../../shared/api';
import { conflictText } from '../../shared/work';
import { PhotoFailure, appViewer, createWork, sections } from '../work';
import { fakeHub, fakeStreams, flush, type Reply } from './fakes';

const COMMUNITY = '130803001001';
const B07 = '130803001001-B07';
const role = (r: string, scope: string) => ({ role: r, scope });
const WISH = { id: 'w-1', title: '换灯泡', residentName: '赵奶奶', community: COMMUNITY, building: B07, points: 10, state: 'posted', postedAt: '2026-11-21T01:00:00Z' };
const CASE = { id: 'c-1', category: 'facility', description: '路灯不亮', level: 'community', state: 'accepted', overdue: false,
  deadline: '2026-11-22T01:00:00Z', community: COMMUNITY, building: B07, reportedAt: '2026-11-21T01:00:00Z' };
const APPT = { id: 'a-1', residentId: 'r-1', residentName: '钱爷爷', building: B07, community: COMMUNITY, service: '代缴水费', state: 'requested', requestedAt: '2026-11-21T01:00:00Z' };

function hub(extra: (m: string, p: string, body: unknown) => Reply | undefined = () => undefined) {
  return fakeHub((m, p, body) => extra(m, p, body) ?? (
    m === 'GET' && p === '/api/v1/cases' ? { status: 200, body: { cases: [CASE] } }
      : m === 'GET' && p === '/api/v1/wishes' ? { status: 200, body: { wishes: [WISH] } }
        : m === 'GET' && p === '/api/v1/appointments' ? { status: 200, body: { appointments: [APPT] } }
          : undefined));
}

describe('the tasks of a person', () => {
  it('follows the roles: wishes for Party members, cases and appointments for grid members, all for building heads', () => {
    expect(sections([role('party_member', COMMUNITY)])).toEqual(['wishes', 'report']);
    expect(sections([role('grid_member', COMMUNITY + '-G01')])).toEqual(['cases', 'appointments', 'report']);
    expect(sections([role('building_head', B07)])).toEqual(['wishes', 'cases', 'appointments', 'report']);
    expect(sections([])).toEqual([]);
  });

  it('lets a Party member of the community claim, and the building’s head confirm', () => {
    expect(appViewer('p-1', [role('party_member', COMMUNITY)], WISH)).toMatchObject({ claim: true, confirm: false });
    expect(appViewer('p-1', [role('party_member', '130803001002')], WISH)).toMatchObject({ claim: false });
    expect(appViewer('p-2', [role('building_head', B07)], WISH)).toMatchObject({ claim: false, confirm: true });
    expect(appViewer('p-2', [role('building_head', '130803001001-B08')], WISH)).toMatchObject({ confirm: false });
  });
});

describe('the work store', () => {
  let streams: ReturnType<typeof fakeStreams>;
  // The app's api client carries the signed-in person's token (the responder configures it).
  beforeEach(() => { streams = fakeStreams(); configureApi(() => 'tok-1', () => {}); });
  afterEach(() => localStorage.clear());

  const store = () => createWork({ token: () => 'tok-1', openStream: streams.open });

  it('loads the three lists and keeps them live from one work stream', async () => {
    hub();
    const underTest = store();
    underTest.start();
    await flush();
    expect(streams.live().map((s) => s.path)).toEqual(['/api/v1/work/stream']);
    expect(underTest.state.wishes.map((w) => w.id)).toEqual(['w-1']);
    streams.live()[0].handlers.wish({ ...WISH, state: 'claimed', claimedBy: { id: 'p-9', name: '张三' } }, '1');
    streams.live()[0].handlers.case({ ...CASE, id: 'c-2', state: 'reported' }, '2');
    expect(underTest.state.wishes[0].state).toBe('claimed');
    expect(underTest.state.cases.map((c) => c.id)).toEqual(['c-1', 'c-2']);
    underTest.stop();
    expect(streams.live()).toEqual([]);
  });

  it('keeps a list the person may not see empty without calling it a problem', async () => {
    hub((m, p) => (p === '/api/v1/cases' ? { status: 403, body: { status: 403, title: 'Forbidden', detail: 'role: not allowed' } } : undefined));
    const underTest = store();
    underTest.start();
    await flush();
    expect(underTest.state.cases).toEqual([]);
    expect(underTest.state.wishes).toHaveLength(1);
    expect(underTest.state.problem).toBeNull();
    underTest.stop();
  });

  it('says who took a wish first (409 wish_taken) and shows the wish as it is now', async () => {
    const taken = { ...WISH, state: 'claimed', claimedBy: { id: 'p-9', name: '张三' } };
    const h = hub((m, p) => (m === 'POST' && p === '/api/v1/wishes/w-1/claim'
      ? { status: 409, body: { status: 409, title: 'Conflict', detail: 'state: already claimed by 张三', code: 'wish_taken', claimedBy: { id: 'p-9', name: '张三' } } }
      : m === 'GET' && p === '/api/v1/wishes/w-1' ? { status: 200, body: taken } : undefined));
    const underTest = store();
    underTest.start();
    await flush();
    expect(await underTest.act('wish', 'w-1', 'claim')).toBe(false);
    expect(h.calls.find((c) => c.method === 'POST')).toMatchObject({ path: '/api/v1/wishes/w-1/claim', body: {} });
    expect(conflictText(underTest.state.problem, 'zh-CN')).toBe('这个心愿已被张三认领。');
    expect(underTest.state.wishes[0]).toMatchObject({ state: 'claimed', claimedBy: { name: '张三' } });
    underTest.stop();
  });

  it('uploads the photo for the case’s building, then resolves with its id and the note', async () => {
    const h = hub((m, p) => (m === 'POST' && p === `/api/v1/photos?building=${B07}` ? { status: 201, body: { id: 'ph-1', url: '/api/v1/photos/ph-1' } }
      : m === 'POST' && p === '/api/v1/cases/c-1/resolve' ? { status: 200, body: { ...CASE, state: 'resolved', deadline: null } } : undefined));
    const underTest = store();
    underTest.start();
    await flush();
    const photo = new File(['jpeg'], 'lamp.jpg', { type: 'image/jpeg' });
    expect(await underTest.act('case', 'c-1', 'resolve', { note: ' 已更换灯泡 ', photo }, B07)).toBe(true);
    const posts = h.calls.filter((c) => c.method === 'POST');
    expect(posts.map((c) => c.path)).toEqual([`/api/v1/photos?building=${B07}`, '/api/v1/cases/c-1/resolve']);
    expect(posts[0].headers['Content-Type']).toBe('image/jpeg');
    expect(posts[0].headers.Authorization).toBe('Bearer tok-1');
    expect(posts[0].body).toBeInstanceOf(Blob);
    expect(posts[1].body).toEqual({ note: '已更换灯泡', photos: ['ph-1'] });
    expect(underTest.openCases()).toEqual([]);
    underTest.stop();
  });

  it('tells a refused photo apart from a refused action, and does not resolve without it', async () => {
    const h = hub((m, p) => (m === 'POST' && p.startsWith('/api/v1/photos') ? { status: 413, body: { status: 413, title: 'Too large', detail: 'photo: over 5 MB' } } : undefined));
    const underTest = store();
    underTest.start();
    await flush();
    expect(await underTest.act('case', 'c-1', 'resolve', { note: '已处理', photo: new File(['x'], 'big.jpg', { type: 'image/jpeg' }) }, B07)).toBe(false);
    expect(underTest.state.problem).toBeInstanceOf(PhotoFailure);
    expect(h.calls.some((c) => c.path.endsWith('/resolve'))).toBe(false);
    underTest.stop();
  });

  it('reports a case (随手拍) with only what was filled in', async () => {
    const h = hub((m, p, body) => (m === 'POST' && p === '/api/v1/cases' ? { status: 201, body: { ...CASE, ...(body as object), id: 'c-9', state: 'reported' } } : undefined));
    const underTest = store();
    underTest.start();
    await flush();
    const created = await underTest.report({ building: B07, category: 'safety', description: ' 井盖松动 ', location: ' ' });
    expect(created.id).toBe('c-9');
    expect(h.calls.find((c) => c.method === 'POST')?.body).toEqual({ building: B07, category: 'safety', description: '井盖松动' });
    expect(underTest.state.cases.map((c) => c.id)).toContain('c-9');
    underTest.stop();
  });

  it('catches up after the stream was down', async () => {
    const h = hub();
    const underTest = store();
    underTest.start();
    await flush();
    const stream = streams.live()[0];
    stream.state!(false);
    stream.state!(true);
    await flush();
    expect(h.calls.filter((c) => c.path === '/api/v1/wishes')).toHaveLength(2);
    underTest.stop();
  });
});
