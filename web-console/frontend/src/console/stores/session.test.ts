import { beforeEach, describe, expect, it, vi } from 'vitest';

// Signing in again without a reload must not double the streams or the timers (defect 12).
const opened: { path: string; closed: boolean }[] = [];
vi.mock('../../shared/sse', () => ({
  openStream: (path: string) => { const s = { path, closed: false }; opened.push(s); return { close: () => { s.closed = true; } }; },
}));
vi.mock('../../shared/api', async (orig) => {
  const real = await orig<typeof import('../../shared/api')>();
  return {
    ...real,
    get: vi.fn(async (path: string) => (path.startsWith('/api/v1/alerts') ? { alerts: [] } : path === '/api/v1/me' ? { id: 'u', name: '王芳', roles: [] } : {})),
    post: vi.fn(async () => ({ token: 'tok', user: { id: 'u', name: '王芳', roles: [] } })),
  };
});

describe('session lifetime', () => {
  beforeEach(() => { opened.length = 0; });
  it('opens one alert stream and one traffic stream per sign-in, and closes them at sign-out', async () => {
    const { login, logout } = await import('../session');
    const board = await import('./board');
    const traffic = await import('./traffic');
    const intervals = vi.spyOn(window, 'setInterval');
    await login('wangfang', 'x');
    await login('wangfang', 'x');
    expect(opened.map((s) => s.path).sort()).toEqual(['/api/v1/alerts/stream', '/api/v1/traffic/stream']);
    const timersAfterFirst = intervals.mock.calls.length;
    logout();
    expect(opened.every((s) => s.closed)).toBe(true);
    expect(board.streamCount() + traffic.trafficStreams()).toBe(0);
    await login('wangfang', 'x');
    expect(opened.filter((s) => !s.closed)).toHaveLength(2);
    expect(intervals.mock.calls.length - timersAfterFirst).toBeLessThanOrEqual(timersAfterFirst);
    logout();
  });
});
