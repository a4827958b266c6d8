// The shapes the console reads from the hub (see helper-api-spec.md); fields added in issue 9 are optional.

export interface Actor { id: string; name: string; role?: string }
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

export interface NodeRef { code: string; level: string; name: string }
export interface DeviceView { id: string; lastHeartbeat?: string | null; battery?: number | null; offline?: boolean }
export interface ResidentView { id: string; name: string; unit?: number; room?: string; flags?: string[]; contacts?: Contact[]; devices?: DeviceView[] }
export interface NodeView extends NodeRef {
  parent?: NodeRef | null;
  children: NodeRef[];
  roleHolders: { role: string; people: { id: string; name: string; phone?: string | null }[] }[];
  residents?: ResidentView[] | null;
}

export interface EscalationPolicy { steps: { after: string; notify: string[] }[]; repeatEvery: string; arriveWithin: string }

export const OPEN_STATES = ['raised', 'acknowledged', 'arrived'];
export const isOpen = (state: string) => OPEN_STATES.includes(state);
