import { describe, expect, it } from 'vitest';
import { legendLines, plotTop, textWidth } from './legend';

// The traffic charts' legend: the four sources, in Chinese and in English, as the dashboard labels them.
const ZH = ['党建网', '社会治理网', '社区管理网', '三网枢纽'];
const EN = ['Party-building network', 'Social-governance network', 'Community-management network', 'Sanwang Hub'];
const measure = textWidth(14); // no canvas here: the estimate (a Chinese character 14 px, others 8.4 px)

describe('the legend of a chart (the plot starts below it)', () => {
  it('takes one line in Chinese at a desktop chart’s width, where the plot starts at 36 px as before', () => {
    expect(legendLines(ZH, 540, measure)).toBe(1);
    expect(plotTop(legendLines(ZH, 540, measure))).toBe(36);
  });

  it('wraps on a phone’s chart, and the plot moves down a line', () => {
    expect(legendLines(ZH, 338, measure)).toBe(2);
    expect(plotTop(2)).toBe(60);
  });

  it('wraps further in English, one name a line on a phone', () => {
    expect(legendLines(EN, 540, measure)).toBe(2);
    expect(legendLines(EN, 338, measure)).toBe(4);
  });

  it('takes one line before the chart has a width, and for no names', () => {
    expect(legendLines(ZH, 0, measure)).toBe(1);
    expect(legendLines([], 300, measure)).toBe(1);
  });
});
