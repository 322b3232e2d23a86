import iconv from 'iconv-lite';
import { decodeFeed } from '../src/fetch/index.js';
for (const title of ['新闻', '短标题', '今日要闻速递', '中国经济新闻联播']) {
  const xml = `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>${title}</title><item><title>${title}</title></item></channel></rss>`;
  const bytes = iconv.encode(xml, 'gbk');
  const r = decodeFeed(new Uint8Array(bytes), 'application/rss+xml');
  console.log(title, r.charset, /<title>([^<]*)/.exec(r.text)![1]);
}
