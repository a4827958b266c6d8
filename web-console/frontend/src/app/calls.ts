// Calls as the responder app holds them: the hub's AlertListItem (from the list and the live stream)
// merged with the AlertView details (family phones, unit and room, flags), and what may be done next.

export interface Actor { id: string; name: string; role?: string | null }
export interface Contact { name: string; relation?: string; phone: string }

export interface Call {
  id: string;
  state: string;
  resident: { id: string; name: string; unit?: number; room?: string; contacts?: Contact[]; flags?: string[] };
  building?: string;
  address?: string;
  community?: string;
  pressCount?: number;
  raisedAt: string;
  step?: number;
  acknowledgedBy?: Actor | null;
  acknowledgedAt?: string | null;
  arrivedBy?: Actor | null;
  arrivedAt?: string | null;
  closedBy?: Actor | null;
  closedAt?: string | null;
  flags?: string[];
}

export type Action = 'acknowledge' | 'arrive' | 'resolve' | 'cancel';

export const OPEN_STATES = ['raised', 'acknowledged', 'arrived'];

export function isOpen(call: Pick<Call, 'state'>): boolean {
  return OPEN_STATES.includes(call.state);
}

/** Only what applies: arrive only after someone acknowledged; nothing once the call is closed. */
export function actionsFor(state: string): Action[] {
  switch (state) {
    case 'raised': return ['acknowledge', 'cancel'];
    case 'acknowledged': return ['arrive', 'resolve', 'cancel'];
    case 'arrived': return ['resolve', 'cancel'];
    default: return [];
  }
}

/** Closing a call cannot be undone: these ask first. */
export function needsConfirmation(action: Action): boolean {
  return action === 'resolve' || action === 'cancel';
}

/** A newer description of the call over what is known: the list item lacks contacts, so keep them. */
export function mergeCall(known: Call | undefined, incoming: Call): Call {
  if (!known) return { ...incoming, resident: { ...incoming.resident } };
  const merged: Call = { ...known, ...incoming, resident: { ...known.resident, ...incoming.resident } };
  for (const k of ['acknowledgedBy', 'arrivedBy', 'closedBy'] as const)
    if (incoming[k] === undefined) merged[k] = known[k];
  if (!incoming.flags && !incoming.resident.flags) merged.flags = known.flags;
  return merged;
}

export function flagsOf(call: Call): string[] {
  return call.flags ?? call.resident.flags ?? [];
}

/** Who is credited with what: the responder from acknowledgedBy, the arrival only from arrivedBy. */
export function credits(call: Call): { acknowledgedBy?: string; arrivedBy?: string; closedBy?: string } {
  return {
    acknowledgedBy: call.acknowledgedBy?.name || undefined,
    arrivedBy: call.arrivedBy?.name || undefined,
    closedBy: call.closedBy?.name || undefined,
  };
}

const RANK: Record<string, number> = { raised: 0, acknowledged: 1, arrived: 2 };

/** Waiting calls first, the longest waiting on top; closed ones last. */
export function sortCalls(calls: Call[]): Call[] {
  return [...calls].sort((a, b) => (RANK[a.state] ?? 9) - (RANK[b.state] ?? 9)
    || Date.parse(a.raisedAt) - Date.parse(b.raisedAt));
}
