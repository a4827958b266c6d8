// The shapes the console reads from the hub beyond the call itself (which is in shared/alerts.ts).

import type { Contact } from '../../shared/alerts';

export type { Actor, AlertListItem, AlertView, Contact, TimelineEntry } from '../../shared/alerts';
export { OPEN_STATES, isOpenState as isOpen } from '../../shared/alerts';

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

