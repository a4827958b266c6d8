import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createResponder } from '../responder';
import { loadCache, loadSession } from '../storage';
import { CALL, USER, VIEW, fakeHub, fakeStreams, flush, saveLogin } from './fakes';

const INBOX_ITEM = { offset: 7, at: new Date().toISOString(), kind: 'alert', title: '一键呼叫：李大爷 7号楼2单元302',
  body: '李大爷（7号楼2单元302）按下了呼叫按钮', ref: { type: 'alert', id: 'a-1' }, readAt: null };

function liveHub(extra: (m: string, p: string) => { status: number; body?: unknown } | undefined = () => undefined) {
  return fakeHub((m, p) => extra(m, p) ?? (
    m === 'GET' && p === '/api/v1/me' ? { status: 200, body: USER }
      : m === 'GET' && p === '/api/v1/alerts?state=open' ? { status: 200, body: { alerts: [CALL] } }
        : m === 'GET' && p === '/api/v1/alerts/a-1' ? { status: 200, body: VIEW }
          : m === 'GET' && p.startsWith('/api/v1/me/inbox?') ? { status: 200, body: { items: [INBOX_ITEM], next: 7 } }
            : m === 'POST' && /^\/api\/v1\/me\/inbox\/\d+\/read$/.test(p) ? { status: 200, body: { offset: 7, readAt: new Date().toISOString() } }
              : m === 'POST' && p === '/api/v1/alerts/a-1/acknowledge'
                ? { status: 200, body: { ...VIEW, state: 'acknowledged', acknowledgedBy: { id: 'p-001', name: '王芳', role: 'building_head' } } }
                : m === 'POST' && p === '/api/v1/login' ? { status: 200, body: { token: 'tok-2', user: USER } }
                  : undefined));
}

describe('the responder app on a phone', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => localStorage.clear());

  it('stays logged in offline and shows the cached calls and inbox', async () => {
    saveLogin();
    localStorage.setItem('sanwang.app.cache', JSON.stringify({ calls: [VIEW], inbox: [INBOX_ITEM], savedAt: '2025-01-01T00:00:00Z' }));
    fakeHub(() => 'network-error');
    const streams = fakeStreams();
    const underTest = createResponder({ openStream: streams.open, retryMs: 60_000 });
    underTest.start();
    await flush();
    expect(underTest.state.session?.user.name).toBe('王芳');
    expect(underTest.state.connection).toBe('hubDown');
    expect(underTest.state.calls.map((c) => c.resident.name)).toEqual(['李大爷']);
    expect(underTest.state.inbox.map((i) => i.offset)).toEqual([7]);
    expect(loadSession()?.token).toBe('tok-1');
    underTest.dispose();
  });

  it('stays logged in when the hub answers 503', async () => {
    saveLogin();
    fakeHub(() => ({ status: 503, body: { status: 503, title: 'Service Unavailable', detail: 'starting' } }));
    const underTest = createResponder({ openStream: fakeStreams().open, retryMs: 60_000 });
    underTest.start();
    await flush();
    expect(underTest.state.session).not.toBeNull();
    expect(loadSession()).not.toBeNull();
    underTest.dispose();
  });

  it('logs out on a real 401 from the hub', async () => {
    saveLogin();
    localStorage.setItem('sanwang.app.cache', JSON.stringify({ calls: [VIEW], inbox: [INBOX_ITEM], savedAt: null }));
    fakeHub(() => ({ status: 401, body: { status: 401, title: 'Unauthorized', detail: 'token: expired' } }));
    const underTest = createResponder({ openStream: fakeStreams().open });
    underTest.start();
    await flush();
    expect(underTest.state.session).toBeNull();
    expect(loadSession()).toBeNull();
    expect(loadCache().calls).toEqual([]);
    underTest.dispose();
  });

  it('marks an inbox item read only when it is opened', async () => {
    saveLogin();
    const hub = liveHub();
    const streams = fakeStreams();
    const underTest = createResponder({ openStream: streams.open });
    underTest.start();
    await flush();
    const inbox = streams.live().find((s) => s.path.startsWith('/api/v1/me/inbox/stream'))!;
    inbox.handlers.message({ ...INBOX_ITEM, offset: 8, kind: 'task', ref: { type: 'resident', id: 'r-001' } }, '8');
    await flush();
    expect(underTest.state.inbox.map((i) => i.offset)).toEqual([8, 7]);
    const reads = () => hub.calls.filter((c) => c.path.endsWith('/read')).map((c) => c.path);
    expect(reads()).toEqual([]);
    expect(underTest.state.inbox.every((i) => !i.readAt)).toBe(true);

    underTest.openItem(8);
    await flush();
    expect(reads()).toEqual(['/api/v1/me/inbox/8/read']);
    expect(underTest.state.inbox.find((i) => i.offset === 7)!.readAt).toBeFalsy();
    underTest.dispose();
  });

  it('marks the inbox items of a call read when the person acknowledges it', async () => {
    saveLogin();
    const hub = liveHub();
    const underTest = createResponder({ openStream: fakeStreams().open });
    underTest.start();
    await flush();
    expect(hub.calls.filter((c) => c.path.endsWith('/read'))).toEqual([]);
    expect(await underTest.act('a-1', 'acknowledge')).toBe(true);
    await flush();
    expect(hub.calls.filter((c) => c.path.endsWith('/read')).map((c) => c.path)).toEqual(['/api/v1/me/inbox/7/read']);
    expect(underTest.state.calls[0].acknowledgedBy?.name).toBe('王芳');
    underTest.dispose();
  });

  it('updates the card when someone else acts, and keeps a 409 as a problem on the card', async () => {
    saveLogin();
    let state = 'raised';
    const other = { id: 'p-002', name: '赵强', role: 'grid_member' };
    liveHub((m, p) => m === 'POST' && p === '/api/v1/alerts/a-1/acknowledge'
      ? { status: 409, body: { status: 409, title: 'Conflict', detail: 'state: already acknowledged', code: 'alert.already_acknowledged' } }
      : m === 'GET' && p === '/api/v1/alerts/a-1' ? { status: 200, body: { ...VIEW, state, acknowledgedBy: state === 'raised' ? null : other } }
        : undefined);
    const streams = fakeStreams();
    const underTest = createResponder({ openStream: streams.open });
    underTest.start();
    await flush();
    state = 'acknowledged';
    streams.live().find((s) => s.path === '/api/v1/alerts/stream')!.handlers.alert({ ...CALL, state, acknowledgedBy: other }, '');
    expect(underTest.state.calls[0].state).toBe('acknowledged');
    expect(underTest.state.calls[0].acknowledgedBy?.name).toBe('赵强');
    expect(underTest.state.calls[0].resident.contacts?.[0].name).toBe('李娜');

    expect(await underTest.act('a-1', 'acknowledge')).toBe(false);
    expect((underTest.state.problems['a-1'] as { status: number }).status).toBe(409);
    underTest.dispose();
  });

  it('logging in again does not double the streams or the timers', async () => {
    saveLogin();
    liveHub();
    const streams = fakeStreams();
    const underTest = createResponder({ openStream: streams.open });
    underTest.start();
    await flush();
    expect(streams.live().length).toBe(2);
    underTest.logout();
    expect(streams.live().length).toBe(0);
    expect(underTest.live()).toEqual({ streams: 0, timers: 0 });
    await underTest.login('wangfang', 'pw');
    await flush();
    await underTest.login('wangfang', 'pw');
    await flush();
    expect(streams.live().length).toBe(2);
    expect(underTest.live().timers).toBe(1);
    underTest.dispose();
    expect(streams.live().length).toBe(0);
  });
});
