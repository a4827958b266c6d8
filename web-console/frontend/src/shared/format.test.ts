import { describe, expect, it } from 'vitest';
import { isoToMinutes, minutesToIso, waited } from './format';

describe('format', () => {
  it('reads the hub durations as minutes and writes them back', () => {
    expect(isoToMinutes('PT5M')).toBe(5);
    expect(isoToMinutes('PT1H30M')).toBe(90);
    expect(isoToMinutes('PT90S')).toBe(1.5);
    expect(minutesToIso(90)).toBe('PT1H30M');
    expect(minutesToIso(2)).toBe('PT2M');
  });

  it('tells a waiting time in Chinese', () => {
    const raised = new Date(Date.UTC(2026, 0, 1, 8, 0, 0)).toISOString();
    expect(waited(raised, Date.UTC(2026, 0, 1, 8, 3, 12), 'zh-CN')).toBe('3分12秒');
    expect(waited(raised, Date.UTC(2026, 0, 1, 8, 3, 12), 'en')).toBe('3 min 12 s');
  });
});
