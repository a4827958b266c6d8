import { describe, expect, it } from 'vitest';
import { ALL, label } from './codes';

describe('codes', () => {
  it('gives every code a Chinese and an English label', () => {
    for (const [kind, labels] of Object.entries(ALL)) {
      for (const [code, l] of Object.entries(labels)) {
        expect(l.zh, `${kind}.${code}`).toMatch(/[\u4e00-\u9fff]/);
        expect(l.en, `${kind}.${code}`).toMatch(/^[A-Z0-9]/);
      }
    }
  });

  it('shows a building head and a network in Chinese and in English', () => {
    expect(label('role', 'building_head', 'zh-CN')).toBe('楼栋长');
    expect(label('role', 'building_head', 'en')).toBe('Building head');
    expect(label('source', 'party', 'zh-CN')).toBe('党建网');
    expect(label('timeline', 'notified', 'zh-CN')).toBe('已通知');
  });
});
