import { Converter } from 'opencc-js/t2cn';

/**
 * Traditional to simplified (OpenCC's tables, mainland phrasing): 美聯儲 and 美联储 are one word.
 * Made on first use: building its tables took 12 ms of every command's start, most of which fold nothing.
 */
let toSimplified: ((text: string) => string) | null = null;

/** One form for text from any outlet: NFKC (full-width letters and digits), simplified characters, lower case. */
export function fold(text: string): string {
  return (toSimplified ??= Converter({ from: 't', to: 'cn' }))(text.normalize('NFKC')).toLowerCase();
}

// An outlet's name after the title: `_科技_腾讯网`, `|界面新闻`, ` - The Verge`.
const SEPARATED = /^(.{6,}?)\s*(?:[_|｜]|\s[-–—]\s)\s*([^_|｜]{1,30})$/u;
const OUTLET = /^(?:[\p{Script=Han}·\s]{0,12}(?:网|新闻|报|频道|客户端|在线|科技|财经|体育|娱乐|号|政务|时报|周刊|资讯|之家|快讯)|[a-z][a-z0-9 .&'’-]{1,30})$/u;
// A tag before the title: 【快讯】, [视频], 〔独家〕, 快讯：
const TAG = /^\s*(?:【[^】]{1,16}】|\[[^\]]{1,16}\]|〔[^〕]{1,16}〕|(?:快讯|突发|独家|重磅|视频|图集|直播|滚动)\s*[:：|｜])\s*/u;

/** A folded title without what only says who published it or how: outlet suffixes, bracketed tags. */
export function cleanTitle(folded: string): string {
  let t = folded.trim();
  for (let i = 0; i < 3 && TAG.test(t); i++) t = t.replace(TAG, '');
  for (let i = 0; i < 3; i++) {
    const m = SEPARATED.exec(t);
    if (!m || !OUTLET.test(m[2]!.trim())) break;
    t = m[1]!.trim();
  }
  return t;
}

// A wire's dateline or an outlet's byline before the lead: 新华社北京12月15日电, IT之家 12 月 9 日消息，
const DATELINE = /^[^，。,.]{0,30}?(?:日电|日讯|讯|日消息)[\s，,：:]*/u;

/** A folded lead without its dateline, cut to the part that tells the news. */
export function cleanLead(folded: string, chars: number): string {
  return folded.trim().replace(DATELINE, '').slice(0, chars);
}
