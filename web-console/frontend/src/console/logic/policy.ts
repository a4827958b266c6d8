// The escalation policy as the editor shows it (minutes, role lists) and back to the hub's JSON (ISO durations).
import { isoToMinutes, minutesToIso } from '../../shared/format';
import type { EscalationPolicy } from './types';

export interface PolicyForm {
  steps: { afterMinutes: number; notify: string[] }[];
  repeatMinutes: number;
  arriveMinutes: number;
}

/** The roles a step may page, in the order a community worker thinks of them (family = the resident's family, by SMS). */
export const PAGEABLE_ROLES = ['building_head', 'online_building_head', 'unit_head', 'grid_member', 'grid_head',
  'community_duty', 'community_secretary', 'street_command', 'district_command', 'family', 'admin'];

const round = (n: number) => Math.round(n * 10) / 10;

export function policyToForm(p: EscalationPolicy): PolicyForm {
  return {
    steps: p.steps.map((s) => ({ afterMinutes: round(isoToMinutes(s.after)), notify: [...s.notify] })),
    repeatMinutes: round(isoToMinutes(p.repeatEvery)),
    arriveMinutes: round(isoToMinutes(p.arriveWithin)),
  };
}

export function formToPolicy(f: PolicyForm): EscalationPolicy {
  return {
    steps: f.steps.map((s) => ({ after: minutesToIso(s.afterMinutes || 0), notify: [...s.notify] })),
    repeatEvery: minutesToIso(f.repeatMinutes || 0),
    arriveWithin: minutesToIso(f.arriveMinutes || 0),
  };
}

/** Problems the editor can see before asking the hub, as [field key, step index] pairs (labelled by the page). */
export function checkForm(f: PolicyForm): { field: string; step?: number }[] {
  const problems: { field: string; step?: number }[] = [];
  f.steps.forEach((s, i) => {
    if (!s.notify.length) problems.push({ field: 'steps.notify', step: i });
    if (i > 0 && !(s.afterMinutes > f.steps[i - 1].afterMinutes)) problems.push({ field: 'steps.after', step: i });
  });
  if (!f.steps.length) problems.push({ field: 'steps' });
  const last = f.steps.length ? f.steps[f.steps.length - 1].afterMinutes : 0;
  if (!(f.repeatMinutes > last) || f.repeatMinutes < 0.5) problems.push({ field: 'repeatEvery' });
  if (!(f.arriveMinutes >= 1)) problems.push({ field: 'arriveWithin' });
  return problems;
}
