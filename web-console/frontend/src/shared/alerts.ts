// The one-key call as both pages read it from the hub: the list item (GET /api/v1/alerts and the
// SSE stream), the full view (GET /api/v1/alerts/{id}), and which actions each state offers.

export interface Actor { id: string; name: string; role?: string | null }
export interface Contact { name: string; relation?: string; phone?: string }

export interface AlertListItem {
  id: string;
  state: string;
  deviceId?: string;
  resident?: { id: string; name: string };
  building?: string;
  address?: string;
  community?: string;
  pressCount?: number;
  raisedAt: string;
  step?: number;
  cycle?: number;
  acknowledgedBy?: Actor | null;
  acknowledgedAt?: string | null;
  arrivedBy?: Actor | null;
  arrivedAt?: string | null;
  closedBy?: Actor | null;
  closedAt?: string | null;
  flags?: string[];
}

export interface TimelineEntry { at: string; type: string; text?: string; by?: string; channel?: string; to?: string; attempt?: number }

export interface AlertView extends Omit<AlertListItem, 'resident'> {
  resident: { id: string; name: string; unit?: number; room?: string; contacts?: Contact[]; flags?: string[] };
  timeline: TimelineEntry[];
}

export type AlertAction = 'acknowledge' | 'arrive' | 'resolve' | 'cancel';

export const OPEN_STATES = ['raised', 'acknowledged', 'arrived'];

export const isOpenState = (state: string): boolean => OPEN_STATES.includes(state);

const BY_STATE: Record<string, AlertAction[]> = {
  raised: ['acknowledge', 'cancel'],
  acknowledged: ['arrive', 'resolve', 'cancel'],
  arrived: ['resolve', 'cancel'],
};

/** Only what applies: arrive only after someone acknowledged; nothing once the call is closed. */
export function actionsFor(state: string): AlertAction[] {
  return BY_STATE[state] ?? [];
}

/** Resolve and cancel close the call and cannot be undone: they ask first, in words that cannot be confused. */
export function needsConfirm(action: AlertAction): boolean {
  return action === 'resolve' || action === 'cancel';
}
