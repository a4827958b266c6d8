// Which actions a call offers in each state (defect 7: arrive is never offered before acknowledge).
export type AlertAction = 'acknowledge' | 'arrive' | 'resolve' | 'cancel';

const BY_STATE: Record<string, AlertAction[]> = {
  raised: ['acknowledge', 'cancel'],
  acknowledged: ['arrive', 'resolve', 'cancel'],
  arrived: ['resolve', 'cancel'],
};

export function actionsFor(state: string): AlertAction[] {
  return BY_STATE[state] ?? [];
}

/** Resolve and cancel close the call: they ask first, in a dialog whose buttons cannot be confused. */
export function needsConfirm(action: AlertAction): boolean {
  return action === 'resolve' || action === 'cancel';
}
