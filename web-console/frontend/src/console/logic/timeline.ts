// One timeline line in the user's words: every code (type, role, channel) labelled, never shown raw
// (defect 6). Hub texts written in Chinese are rebuilt from their parts so English reads as English.
import { ALL } from '../../shared/codes';
import type { TimelineEntry } from './types';

type T = (key: string, values?: Record<string, unknown>) => string;
type Label = (kind: 'timeline' | 'role' | 'channel', code: string | null | undefined) => string;

export interface Line { type: string; detail: string; urgent: boolean }

const URGENT = new Set(['raised', 'press', 'failed', 'gave_up', 'unavailable', 'empty_role', 'arrival_overdue']);
const DELIVERY = new Set(['delivered', 'received', 'read', 'pending', 'failed', 'unavailable', 'gave_up']);

const number = (text: string | undefined, re: RegExp) => { const m = re.exec(text ?? ''); return m ? Number(m[1]) : undefined; };

export function describe(e: TimelineEntry, t: T, L: Label, who: { name?: string; address?: string }): Line {
  const type = ALL.timeline[e.type] ? L('timeline', e.type) : t('board.tl.entry');
  const role = (code?: string) => (code && ALL.role[code] ? L('role', code) : '');
  const channel = (code?: string) => (code && ALL.channel[code] ? L('channel', code) : '');
  let detail = '';
  switch (e.type) {
    case 'raised':
      detail = t('board.tl.raised', { who: who.name ?? '', where: who.address ?? '' });
      break;
    case 'press': case 'pressed': {
      const n = number(e.text, /第(\d+)次/);
      detail = n ? t('board.tl.press', { n }) : '';
      break;
    }
    case 'step': {
      const n = number(e.text, /第(\d+)步/);
      const cycle = number(e.text, /第(\d+)轮/);
      detail = (n ? t('board.tl.step', { n }) : '') + (cycle ? t('board.tl.cycle', { n: cycle }) : '');
      break;
    }
    case 'notified':
      detail = t('board.tl.notified', { role: role(e.text), name: e.to ?? '', channel: channel(e.channel) });
      break;
    case 'empty_role':
      detail = t('board.tl.emptyRole', { role: role(e.to) });
      break;
    case 'arrival_overdue':
      detail = t('board.tl.overdue');
      break;
    case 'acknowledged': case 'arrived': case 'resolved': case 'cancelled':
      detail = [e.by ? t('board.tl.action', { by: e.by }) : '', e.text ? t('board.tl.note', { note: e.text }) : ''].filter(Boolean).join('；');
      break;
    default:
      if (DELIVERY.has(e.type)) {
        detail = t('board.tl.delivery', { name: e.to ?? '', channel: channel(e.channel) }) + (e.attempt ? t('board.tl.attempt', { n: e.attempt }) : '');
      }
  }
  return { type, detail, urgent: URGENT.has(e.type) };
}
