import { escapeUTF8 } from 'entities';

const BAR = 3;
const GAP = 1;
const HEIGHT = 20;

/**
 * Items per day as a small inline SVG of bars, oldest first (no script, no request): how often a
 * source publishes and when it went quiet, at a glance. A day without items is a faint baseline.
 */
export function sparkline(perDay: readonly number[], label: string): string {
  const max = Math.max(1, ...perDay);
  const width = perDay.length * (BAR + GAP) - GAP;
  const bars = perDay
    .map((n, i) => {
      const h = n === 0 ? 1 : Math.max(2, Math.round((n / max) * HEIGHT));
      return `<rect x="${i * (BAR + GAP)}" y="${HEIGHT - h}" width="${BAR}" height="${h}"${n === 0 ? ' class="none"' : ''}/>`;
    })
    .join('');
  const text = escapeUTF8(label);
  return `<svg class="spark" viewBox="0 0 ${width} ${HEIGHT}" width="${width}" height="${HEIGHT}" role="img" aria-label="${text}"><title>${text}</title>${bars}</svg>`;
}
