import { describe, expect, it } from 'vitest';
import { actionsFor, credits, mergeCall, needsConfirmation, sortCalls, type Call } from '../calls';
import { pushPlan } from '../push';

const base: Call = { id: 'a', state: 'raised', resident: { id: 'r', name: '李大爷' }, raisedAt: '2025-01-01T00:00:00Z' };

describe('calls', () => {
  it('offer only the actions that apply to each state', () => {
    expect(actionsFor('raised')).toEqual(['acknowledge', 'cancel']);
    expect(actionsFor('acknowledged')).toEqual(['arrive', 'resolve', 'cancel']);
    expect(actionsFor('arrived')).toEqual(['resolve', 'cancel']);
    expect(actionsFor('resolved')).toEqual([]);
    expect(actionsFor('cancelled')).toEqual([]);
    expect(actionsFor('raised')).not.toContain('arrive');
  });

  it('ask before closing a call', () => {
    expect(needsConfirmation('resolve')).toBe(true);
    expect(needsConfirmation('cancel')).toBe(true);
    expect(needsConfirmation('acknowledge')).toBe(false);
    expect(needsConfirmation('arrive')).toBe(false);
  });

  it('credit the arrival only to who arrived, never to the acknowledger', () => {
    const acknowledged = { ...base, state: 'arrived', acknowledgedBy: { id: 'p1', name: '王芳' } };
    expect(credits(acknowledged)).toEqual({ acknowledgedBy: '王芳', arrivedBy: undefined, closedBy: undefined });
    expect(credits({ ...acknowledged, arrivedBy: { id: 'p2', name: '赵强' } }).arrivedBy).toBe('赵强');
  });

  it('keep the family phones when a list item without them arrives', () => {
    const known = { ...base, resident: { ...base.resident, contacts: [{ name: '李娜', phone: '+86139' }] } };
    const merged = mergeCall(known, { ...base, state: 'acknowledged', resident: { id: 'r', name: '李大爷' } });
    expect(merged.state).toBe('acknowledged');
    expect(merged.resident.contacts?.[0].name).toBe('李娜');
  });

  it('put waiting calls on top', () => {
    const sorted = sortCalls([{ ...base, id: 'x', state: 'acknowledged' }, { ...base, id: 'y' }]);
    expect(sorted.map((c) => c.id)).toEqual(['y', 'x']);
  });
});

describe('Web Push', () => {
  const key = 'BExampleKey_-abc';
  it('subscribes when there is no subscription', () => expect(pushPlan(key, null, null)).toBe('subscribe'));
  it('keeps a subscription made with the current key', () => expect(pushPlan(key, key, key)).toBe('keep'));
  it('subscribes again when the hub key changed', () => {
    expect(pushPlan('BNewKey', key, key)).toBe('resubscribe');
    expect(pushPlan('BNewKey', null, key)).toBe('resubscribe');
  });
  it('treats base64 and base64url spellings of one key alike', () => expect(pushPlan('B+/x', 'B-_x', 'B-_x=')).toBe('keep'));
});
