/** A generated corpus like the sources Broadsheet reads: RSSHub-style RSS 2.0 and Atom with 3–6 KB Chinese HTML bodies. */
const WORDS = ['美国', '俄罗斯', '高级外交官', '举行了', '首次', '面对面的', '对话', '他们', '承认', '尽管', '存在', '严重分歧', '但', '仍然', '可以', '找到', '合作', '方式', '经济', '科技', '人工智能', '市场', '政策', '发展'];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function paragraph(r: () => number): string {
  let p = '';
  while (p.length < 120) p += WORDS[Math.floor(r() * WORDS.length)]!;
  return `<p style="text-indent:2em">${p}，&ldquo;引号&rdquo; &amp; 符号 &nbsp;—</p>`;
}

function body(r: () => number): string {
  const target = 3000 + Math.floor(r() * 3000);
  let html = '';
  let n = 0;
  while (Buffer.byteLength(html) < target) {
    html += paragraph(r);
    if (++n % 4 === 0) html += `<figure><img src="https://img.example.com/${Math.floor(r() * 1e6)}.jpg" referrerpolicy="no-referrer"><figcaption>图 ${n}</figcaption></figure>`;
  }
  return html;
}

/**
 * Words of two or three Han characters drawn once from the whole block (20,000 of them): headlines made
 * of them share a word now and then, as different stories do, and no template runs through them all
 * (story grouping looks up each headline's character pairs: a pair in every headline is a scan of the
 * whole store per item).
 */
const VOCABULARY = (() => {
  const r = rng(20_261_206);
  const han = () => String.fromCodePoint(0x4e00 + Math.floor(r() * 0x51a5));
  return Array.from({ length: 20_000 }, () => han() + han() + (r() < 0.3 ? han() : ''));
})();

/** A headline of four to seven vocabulary words and a number, the same for the same seed. */
export function newsHeadline(seed: number): string {
  const r = rng(seed * 7919 + 17);
  const words = Array.from({ length: 4 + Math.floor(r() * 4) }, () => VOCABULARY[Math.floor(r() * VOCABULARY.length)]!);
  words.splice(2, 0, String(seed));
  return `${words.slice(0, 2).join('')}${words[2]}${words.slice(3).join('')}`;
}

/** How a document's headlines read: one template per source (the default), or news (`newsHeadline`). */
export type Headlines = 'template' | 'news';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function rssDoc(i: number, items = 20, headlines: Headlines = 'template'): string {
  const r = rng(i + 1);
  const xs = Array.from({ length: items }, (_, k) => {
    const html = body(r);
    const cdata = k % 2 === 0;
    const date = new Date(Date.UTC(2026, 0, 1) + (i * items + k) * 60_000).toUTCString();
    const title = headlines === 'news' ? newsHeadline(i * items + k) : `第${i}号源 新闻 ${k}：${WORDS[k % WORDS.length]}“标题”`;
    return `<item><title><![CDATA[${title}]]></title><description>${cdata ? `<![CDATA[${html}]]>` : esc(html)}</description><pubDate>${date}</pubDate><guid isPermaLink="false">https://news.example.com/${i}/${k}</guid><link>https://news.example.com/${i}/${k}.html</link><author>作者${k}</author></item>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?><rss xmlns:atom="http://www.w3.org/2005/Atom" version="2.0"><channel><title><![CDATA[源 ${i} - Powered by RSSHub]]></title><link>https://news.example.com/${i}</link><description>源 ${i}</description>${xs.join('')}</channel></rss>`;
}

export function atomDoc(i: number, items = 20, headlines: Headlines = 'template'): string {
  const r = rng(i + 7);
  const xs = Array.from({ length: items }, (_, k) => `<entry><title type="html">${headlines === 'news' ? newsHeadline(i * items + k) : `第${i}号 Atom 条目 ${k} &amp;lt;b&amp;gt;`}</title><link href="https://blog.example.com/${i}/${k}"/><id>urn:b:${i}:${k}</id><updated>${new Date(Date.UTC(2026, 0, 1) + k * 60_000).toISOString()}</updated><author><name>作者</name></author><content type="html">${esc(body(r))}</content></entry>`);
  return `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom ${i}</title><link href="https://blog.example.com/"/><id>urn:b:${i}</id><updated>2026-01-01T00:00:00Z</updated>${xs.join('')}</feed>`;
}

/** `count` documents, one in ten Atom. */
export function corpus(count: number, headlines: Headlines = 'template'): string[] {
  return Array.from({ length: count }, (_, i) => (i % 10 === 9 ? atomDoc(i, 20, headlines) : rssDoc(i, 20, headlines)));
}
