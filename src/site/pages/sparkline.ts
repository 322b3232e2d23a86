import { escapeUTF8 } from 'entities';

const BAR = 3;
const GAP = 1;
const HEIGHT = 20;

/**
 * Items per day as a small inline SVG of bars, oldest first (no script, no request): how often a
 * source publishes and when it went quiet, at a glance. A day without items is a faint baseline.
 * Two paths, not a rect a day: the status page holds one per source (1.6 KB of a row's 2.3 as rects;
 * a 10,000-source page was 22.7 MB).
 */
export function sparkline(perDay: readonly number[], label: string): string {
  const max = Math.max(1, ...perDay);
  const width = perDay.length * (BAR + GAP) - GAP;
  let bars = '';
  let quiet = '';
  for (let i = 0; i < perDay.length; i++) {
    const n = perDay[i]!;
    if (n > 0) {
      const h = Math.max(2, Math.round((n / max) * HEIGHT));
      bars += `M${i * (BAR + GAP)} ${HEIGHT - h}h${BAR}v${h}h-${BAR}z`;
    } else if (i === 0 || perDay[i - 1]! > 0) {
      // A run of quiet days is one dashed line (site.css: a 3-unit dash a day), whole days long so the dashes stay on the days.
      let days = 1;
      while (perDay[i + days] === 0) days++;
      quiet += `M${i * (BAR + GAP)} ${HEIGHT - 0.5}h${days * (BAR + GAP)}`;
    }
  }
  const path = (d: string, attrs: string) => (d ? `<path${attrs} d="${d}"/>` : '');
  const text = escapeUTF8(label);
  return `<svg class="spark" viewBox="0 0 ${width} ${HEIGHT}" width="${width}" height="${HEIGHT}" role="img" aria-label="${text}"><title>${text}</title>${path(bars, '')}${path(quiet, ' class="none"')}</svg>`;
}
