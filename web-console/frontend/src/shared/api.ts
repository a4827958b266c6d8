// The one way a page talks to the hub: JSON over fetch with the bearer token, and every failure
// turned into a HubProblem (RFC 9457 problem+json, or the network being away) that the page shows
// in the user's language through problemMessage().

export interface FieldError { path?: string; field?: string; message: string }

export class HubProblem extends Error {
  constructor(
    readonly status: number,          // 0 when the hub could not be reached
    readonly detail: string,
    readonly code?: string,           // a stable machine code the hub may add (problem extension "code")
    readonly errors: FieldError[] = [],
    /** The whole problem document, for extension members a page reads (409 wish_taken's claimedBy). */
    readonly body: Record<string, unknown> = {},
  ) {
    super(detail || `HTTP ${status}`);
  }

  /** The field the problem names: "steps[2].after: must be …" names steps[2].after. */
  get field(): string | undefined {
    const m = /^([A-Za-z_][\w.[\]-]*):/.exec(this.detail || '');
    return m ? m[1] : undefined;
  }

  get offline(): boolean {
    return this.status === 0;
  }
}

export type TokenSource = () => string | null;

let tokenSource: TokenSource = () => null;
let onUnauthorized: () => void = () => {};

/** Pages tell the client where the token lives and what a 401 means (log out: the token is dead). */
export function configureApi(source: TokenSource, unauthorized: () => void): void {
  tokenSource = source;
  onUnauthorized = unauthorized;
}

export async function api<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = tokenSource();
  if (token) headers.Authorization = 'Bearer ' + token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' });
  } catch (e) {
    throw new HubProblem(0, String(e));
  }
  if (response.status === 401 && token) onUnauthorized();
  const text = await response.text();
  if (!response.ok) throw problemOf(response.status, text);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A refused answer as a HubProblem (the problem+json document kept whole). */
export function problemOf(status: number, text: string): HubProblem {
  let problem: { detail?: string; code?: string; errors?: FieldError[] } = {};
  try { problem = JSON.parse(text) ?? {}; } catch { /* not problem+json: a proxy's page */ }
  if (typeof problem !== 'object') problem = {};
  return new HubProblem(status, problem.detail || '', problem.code, problem.errors || [], problem as Record<string, unknown>);
}

/** Raw bytes (a photo) POSTed with their own Content-Type and the bearer token; the JSON answer back. */
export async function upload<T = unknown>(path: string, bytes: Blob, contentType: string): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Content-Type': contentType };
  const token = tokenSource();
  if (token) headers.Authorization = 'Bearer ' + token;
  let response: Response;
  try {
    response = await fetch(path, { method: 'POST', headers, body: bytes, cache: 'no-store' });
  } catch (e) {
    throw new HubProblem(0, String(e));
  }
  if (response.status === 401 && token) onUnauthorized();
  const text = await response.text();
  if (!response.ok) throw problemOf(response.status, text);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Protected bytes (GET /api/v1/photos/{id} needs the token) fetched with the token. */
export async function fetchBlob(path: string): Promise<Blob> {
  const token = tokenSource();
  let response: Response;
  try {
    response = await fetch(path, { headers: token ? { Authorization: 'Bearer ' + token } : {} });
  } catch (e) {
    throw new HubProblem(0, String(e));
  }
  if (response.status === 401 && token) onUnauthorized();
  if (!response.ok) throw problemOf(response.status, await response.text());
  return response.blob();
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body?: unknown) => api<T>('POST', path, body ?? {});
export const put = <T>(path: string, body: unknown) => api<T>('PUT', path, body);
export const del = <T>(path: string) => api<T>('DELETE', path);

/** A download (CSV) with the bearer token, handed to the browser as a file. */
export async function download(path: string, filename: string): Promise<void> {
  const token = tokenSource();
  const response = await fetch(path, { headers: token ? { Authorization: 'Bearer ' + token } : {} });
  if (!response.ok) throw new HubProblem(response.status, await response.text());
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  URL.revokeObjectURL(url);
}
