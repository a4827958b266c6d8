// ECharts wraps a long legend onto more lines but does not move the plot down: on a phone, or in
// English, the legend ran into the lines. These say how many lines the legend takes at a chart's
// width (ECharts' own box layout, at its default sizes), and where the plot must start below them.

/** ECharts' plain legend at its defaults: icon 25×14, 5 between icon and text, 10 between items and lines, padding 5. */
export const LEGEND = { icon: 25, iconGap: 5, gap: 10, padding: 5, row: 14 } as const;

/** The lines a horizontal legend of {@code names} takes in a chart {@code width} pixels wide. */
export function legendLines(names: string[], width: number, measure: (text: string) => number): number {
  if (!(width > 0) || !names.length) return 1;
  const max = width - 2 * LEGEND.padding;
  let lines = 1;
  let x = 0;
  for (const name of names) {
    const item = LEGEND.icon + LEGEND.iconGap + measure(name);
    // as ECharts' boxLayout: the item and the gap after it must fit, else a new line
    if (x > 0 && x + item + LEGEND.gap > max) { lines++; x = 0; }
    x += item + LEGEND.gap;
  }
  return lines;
}

/** The plot's top below a legend of {@code lines} lines at the top (36 px for one, as the charts had). */
export const plotTop = (lines: number) => 12 + 24 * Math.max(1, lines);

/**
 * A text's width in ECharts' default font (sans-serif) at {@code size} px: measured on a canvas in a
 * browser, estimated elsewhere (a Chinese character is square, other characters about 0.6 of the size).
 */
export function textWidth(size = 14): (text: string) => number {
  const canvas = typeof document !== 'undefined' ? document.createElement('canvas') : null;
  let context: CanvasRenderingContext2D | null = null;
  try { context = canvas?.getContext('2d') ?? null; } catch { context = null; }
  if (context && typeof context.measureText === 'function') {
    context.font = `${size}px sans-serif`;
    const c = context;
    return (text) => c.measureText(text).width;
  }
  return (text) => [...text].reduce((w, ch) => w + (/[\u2e80-\u9fff\uff00-\uffef]/.test(ch) ? size : size * 0.6), 0);
}
