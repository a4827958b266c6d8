// The history search form as the hub's query string (GET /api/v1/alerts?state=closed&…).

export interface HistoryForm {
  q: string;
  building: string;
  period: [string, string] | null;   // YYYY-MM-DD, as the date picker gives them (value-format)
  outcome: '' | 'resolved' | 'cancelled';
  limit?: number;
}

export function historyQuery(f: HistoryForm): string {
  const p = new URLSearchParams({ state: 'closed' });
  if (f.q.trim()) p.set('q', f.q.trim());
  if (f.building) p.set('building', f.building);
  if (f.period && f.period[0] && f.period[1]) {
    p.set('from', f.period[0]);
    p.set('to', f.period[1]);
  }
  if (f.outcome) p.set('outcome', f.outcome);
  p.set('limit', String(f.limit ?? 200));
  return '/api/v1/alerts?' + p.toString();
}
