// Calls as the responder app holds them: the hub's AlertListItem (from the list and the live stream)
// merged with the AlertView details (family phones, unit and room, flags), and what may be done next.

import { type Actor, type AlertAction, type AlertListItem, type AlertView, type Contact, isOpenState } from '../shared/alerts';

export { actionsFor, needsConfirm as needsConfirmation } from '../shared/alerts';
export type { Actor, Contact };

/** A list item with the resident as the full view has them (unit, room, family phones, flags). */
export interface Call extends Omit<AlertListItem, 'resident'> {
  resident: AlertView['resident'];
}

export type Action = AlertAction;

export function isOpen(call: Pick<Call, 'state'>): boolean {
  return isOpenState(call.state);
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
