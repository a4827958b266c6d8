// Test doubles for the hub: a fetch that answers by method and path, and SSE streams the test drives.
import { vi } from 'vitest';
import type { openStream } from '../../shared/sse';

export type Reply = { status: number; body?: unknown } | 'network-error';
export type Route = (method: string, path: string, body: unknown) => Reply | undefined;

export interface Hub {
  calls: { method: string; path: string; body: unknown; headers: Record<string, string> }[];
  fetch: ReturnType<typeof vi.fn>;
}

export function fakeHub(route: Route): Hub {
  const calls: Hub['calls'] = [];
  const fetch = vi.fn(async (path: string, init: RequestInit = {}) => {
    const method = init.method ?? 'GET';
    // JSON bodies are parsed; raw bytes (a photo) are kept as they were sent.
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : init.body ?? undefined;
    calls.push({ method, path, body, headers: { ...(init.headers as Record<string, string> | undefined) } });
    const reply = route(method, path, body) ?? { status: 404, body: { status: 404, title: 'Not Found', detail: 'path: ' + path } };
    if (reply === 'network-error') throw new TypeError('Failed to fetch');
    return new Response(reply.body === undefined ? '' : JSON.stringify(reply.body), {
      status: reply.status, headers: { 'Content-Type': reply.status >= 400 ? 'application/problem+json' : 'application/json' },
    });
  });
  globalThis.fetch = fetch as unknown as typeof globalThis.fetch;
  return { calls, fetch };
}

export interface FakeStream { path: string; handlers: Record<string, (data: any, id: string) => void>; state?: (open: boolean) => void; closed: boolean }

export function fakeStreams() {
  const opened: FakeStream[] = [];
  const open: typeof openStream = (path, _token, handlers, onState) => {
    const s: FakeStream = { path, handlers, state: onState, closed: false };
    opened.push(s);
    queueMicrotask(() => onState?.(true));
    return { close: () => { s.closed = true; } };
  };
  return { opened, open, live: () => opened.filter((s) => !s.closed) };
}

export const flush = async (times = 10) => { for (let i = 0; i < times; i++) await new Promise((r) => setTimeout(r, 0)); };

export const USER = { id: 'p-001', name: '王芳', roles: [{ role: 'building_head', scope: '130803001001-B07', scopeName: '7号楼' }] };

export const CALL = {
  id: 'a-1', state: 'raised', deviceId: 'dev-0001', resident: { id: 'r-001', name: '李大爷' }, building: '130803001001-B07',
  address: '7号楼2单元302', community: '130803001001', pressCount: 1, raisedAt: new Date().toISOString(), step: 0, cycle: 0,
  acknowledgedBy: null, flags: ['living_alone', 'over_85'],
};

export const VIEW = {
  ...CALL, resident: { id: 'r-001', name: '李大爷', unit: 2, room: '302', flags: ['living_alone', 'over_85'],
    contacts: [{ name: '李娜', relation: 'daughter', phone: '+8613900000001' }] }, timeline: [],
};

export function saveLogin() {
  localStorage.setItem('sanwang.app.session', JSON.stringify({ token: 'tok-1', user: USER }));
}
