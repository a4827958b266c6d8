// A live stream from the hub (Server-Sent Events). EventSource reconnects by itself and resends
// Last-Event-ID; the hub's keep-alive arrives as an event with empty data, which is skipped here
// (parsing it as JSON was the error on every keep-alive).

export interface Stream { close(): void }

export function openStream(
  path: string,
  token: string | null,
  handlers: Record<string, (data: any, id: string) => void>,
  onState?: (open: boolean) => void,
): Stream {
  const sep = path.includes('?') ? '&' : '?';
  const url = token ? `${path}${sep}access_token=${encodeURIComponent(token)}` : path;
  const source = new EventSource(url);
  for (const [event, handle] of Object.entries(handlers)) {
    source.addEventListener(event, (e) => {
      const message = e as MessageEvent<string>;
      if (!message.data || !message.data.trim()) return;
      let data: unknown;
      try { data = JSON.parse(message.data); } catch { return; }
      handle(data, message.lastEventId);
    });
  }
  source.onopen = () => onState?.(true);
  source.onerror = () => onState?.(source.readyState === EventSource.OPEN);
  return { close: () => source.close() };
}
