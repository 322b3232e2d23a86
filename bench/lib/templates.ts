/**
 * Template approaches on the same list of 30 cards: the site's Eta partial (escapes by default, a
 * user overrides one `.eta` file) against @kitajs/html's createElement (typed TSX to string; escapes
 * only children marked `safe`).
 */
import { createElement as h, escapeHtml } from '@kitajs/html';
import { loadTheme } from '../../src/site/theme.js';
import { renderer } from '../../src/site/render.js';

const cards = Array.from({ length: 30 }, (_, i) => ({
  href: `/p/${i.toString(16).padStart(12, '0')}.html`, title: `第${i}条 新闻标题：“引号” & <符号>`, site: '新华社', channel: '国内', mark: '新',
  iso: '2026-12-04T06:00:00.000Z', time: '12-04 14:00', excerpt: '摘要'.repeat(60), image: i % 2 ? `https://img.example.com/${i}.jpg` : null, original: `https://news.example.com/${i}`,
}));

function kitaCard(c: (typeof cards)[number]): string {
  return h('li', { class: 'card', 'data-original': c.original },
    h('div', { class: 'body' },
      h('h3', null, h('a', { href: c.href }, escapeHtml(c.title))),
      h('div', { class: 'meta' }, h('span', { class: 'src-mark', 'aria-hidden': 'true' }, escapeHtml(c.mark)), h('span', { class: 'src' }, escapeHtml(`${c.site} · ${c.channel}`)), h('time', { datetime: c.iso, 'data-rel': true }, escapeHtml(c.time))),
      c.excerpt ? h('p', { class: 'excerpt' }, escapeHtml(c.excerpt)) : ''),
    c.image ? h('div', { class: 'thumb' }, h('img', { src: c.image, alt: '', loading: 'lazy', decoding: 'async', referrerpolicy: 'no-referrer', width: '120', height: '90' })) : '') as string;
}

/** Pages (of 30 cards) per second for each approach. */
export function templateRates(): Array<{ name: string; pagesPerSecond: number; bytes: number }> {
  const render = renderer(loadTheme(undefined));
  const approaches: Array<[string, () => string]> = [
    ['Eta (the site\'s card.eta)', () => cards.map((c) => render('card', c)).join('')],
    ['@kitajs/html createElement', () => cards.map(kitaCard).join('')],
  ];
  return approaches.map(([name, run]) => {
    for (let i = 0; i < 200; i++) run();
    const n = 3000;
    const t0 = process.hrtime.bigint();
    let bytes = 0;
    for (let i = 0; i < n; i++) bytes = run().length;
    return { name, pagesPerSecond: n / (Number(process.hrtime.bigint() - t0) / 1e9), bytes };
  });
}
