import { describe, expect, it } from 'vitest';
import { createSearch, keyText, parseQuery, tokenize, type SearchManifest } from '../assets/search.js';
import { TierIndex, type IndexDoc } from './postings.js';
import { ARCHIVE_CAP, initialBounds, mergeBounds, RECENT_KEEP, RECENT_MAX, sealBound } from './tiers.js';

const doc = (title: string, body: string, category = '新闻', site = '新华社'): IndexDoc => ({ title, body, category, site });

/** A searcher over tiers built in memory (newest tier first), as the page reads them from the site. */
function searcher(tiers: IndexDoc[][]) {
  const files = new Map<string, Uint8Array>();
  const manifest: SearchManifest = { format: 4, tiers: [] };
  tiers.forEach((docs, t) => {
    const index = new TierIndex();
    for (const d of docs) index.add(d);
    const shards = index.shards();
    shards.forEach((bytes, k) => files.set(`search/t${t}/${k}.bin`, bytes));
    manifest.tiers.push({ dir: `search/t${t}/`, shards: shards.length, docs: docs.length });
  });
  files.set('search/index.json', new TextEncoder().encode(JSON.stringify(manifest)));
  const s = createSearch(async (p) => files.get(p) ?? null);
  return async (q: string, o: Parameters<typeof s.query>[1] = {}) => (await s.query(q, o)).map((h) => `${h.tier}:${h.doc}`);
}

describe('search tokens', () => {
  it('cuts CJK text into characters, pairs and runs of three, other scripts into whole words', () => {
    const out: string[] = [];
    tokenize('苹果发布iphone 16, café 価格', (k) => out.push(keyText(k)));
    // 布 and iphone touch: their joint is a key too.
    expect(out).toEqual(['\u0002苹', '苹果', '苹果发', '\u0002果', '果发', '果发布', '\u0002发', '发布', '\u0002布', '布\u0003iphone', 'iphone', '16', 'café', '\u0002価', '価格', '\u0002格']);
    // Outside the BMP (𠮷, a surrogate pair), each character is still one.
    const astral: string[] = [];
    tokenize('𠮷野家', (k) => astral.push(keyText(k)));
    expect(astral).toEqual(['\u0002𠮷', '𠮷野', '𠮷野家', '\u0002野', '野家', '\u0002家']);
  });

  it('reads a query typed without spaces as one run, and normalizes width and case', () => {
    expect(parseQuery('中国经济')).toEqual([['中国经', '国经济']]);
    expect(parseQuery('ＮＶＩＤＩＡ 芯片 a 孙丽华')).toEqual([['nvidia'], ['芯片'], ['a'], ['孙丽华']]);
    expect(parseQuery('猫')).toEqual([['\u0002猫']]);
    expect(parseQuery(' ，。!')).toEqual([]);
    expect(parseQuery('第２９台')).toEqual([['\u0002第'], ['第\u000329'], ['29'], ['29\u0003台'], ['\u0002台']]);
  });
});

describe('search index', () => {
  it('finds a phrase only where its characters stand together, never across title and body or a break', async () => {
    const q = searcher([[doc('中国经济稳中向好', ''), doc('中国的经济', '中国 经济'), doc('关于中国', '经济观察'), doc('标题', '专家说中国经济回暖')]]);
    expect(await q('中国经济')).toEqual(['0:0', '0:3']);
    expect(await q('国经')).toEqual(['0:0', '0:3']);
    expect(await q('经济')).toEqual(['0:0', '0:1', '0:2', '0:3']);
  });

  it('finds CJK text and a number or word only where they touch, as the query joins them', async () => {
    const q = searcher([[doc('第29台 开播', ''), doc('第0台', '频道 29 台'), doc('', '第129台'), doc('Mate60发布', ''), doc('', 'mate60 发布'), doc('𠮷29', '')]]);
    expect(await q('第29台')).toEqual(['0:0']);
    expect(await q('29台')).toEqual(['0:0']);
    expect(await q('第 29 台')).toEqual(['0:0', '0:1']);
    expect(await q('Mate60发布')).toEqual(['0:3']);
    expect(await q('mate60 发布')).toEqual(['0:3', '0:4']);
    expect(await q('𠮷29')).toEqual(['0:5']);
  });

  it('finds a document by its other characters when its CJK run holds one outside the BMP', async () => {
    // 𠮷 (a surrogate pair) in the run must not key 中国 apart from the other documents' 中国.
    const q = searcher([[doc('中国经济', ''), doc('𠮷野家在中国开店', ''), doc('', '中国𠮷')]]);
    expect(await q('中国')).toEqual(['0:0', '0:1', '0:2']);
    expect(await q('中')).toEqual(['0:0', '0:1', '0:2']);
    expect(await q('在中国')).toEqual(['0:1']);
    expect(await q('𠮷野')).toEqual(['0:1']);
  });

  it('needs every run of three of a longer phrase in the document', async () => {
    const q = searcher([[doc('中国经', '济发展'), doc('', '中国经济发展'), doc('中国经济发', '发展')]]);
    expect(await q('中国经济发展')).toEqual(['0:1']);
    expect(await q('国经济发')).toEqual(['0:1', '0:2']);
  });

  it('finds two-character names no dictionary knows, and single characters', async () => {
    const q = searcher([[doc('孙丽当选', ''), doc('孙悦丽', ''), doc('王孙丽华', '')]]);
    expect(await q('孙丽')).toEqual(['0:0', '0:2']);
    expect(await q('悦')).toEqual(['0:1']);
  });

  it('matches other words whole and case-insensitively, every term required', async () => {
    const q = searcher([[doc('Nvidia chips', 'the GPU market'), doc('nvidia 芯片', ''), doc('Nvidias', 'gpu')]]);
    expect(await q('NVIDIA')).toEqual(['0:0', '0:1']);
    expect(await q('nvidia 芯片')).toEqual(['0:1']);
    expect(await q('gpu')).toEqual(['0:0', '0:2']);
  });

  it('merges tiers newest first, filters by category and site, and ranks title hits first by relevance', async () => {
    const q = searcher([
      [doc('日常', '台风登陆', '新闻', '新华社'), doc('台风来了', '', '新闻', '人民网')],
      [doc('旧闻', '台风台风', '财经', '新华社'), doc('台风', '', '新闻', '新华社')],
    ]);
    expect(await q('台风')).toEqual(['0:0', '0:1', '1:0', '1:1']);
    expect(await q('台风', { category: '新闻' })).toEqual(['0:0', '0:1', '1:1']);
    expect(await q('台风', { site: '新华社' })).toEqual(['0:0', '1:0', '1:1']);
    expect(await q('台风', { sort: 'relevance' })).toEqual(['0:1', '1:1', '1:0', '0:0']);
    expect(await q('台风', { category: '体育' })).toEqual([]);
  });

  it('keeps a key in hundreds of documents exactly: every document, a gap past 127, its title hits', async () => {
    // 公告 in documents 0–299 and 500–699 (in the title of every tenth of them), 稀 in 0 and 600 only:
    // a long and a short list side by side, the long one's gap of 201 written after it went over to bytes.
    const has = (i: number) => i < 300 || i >= 500;
    const docs = Array.from({ length: 700 }, (_, i) => doc(has(i) && i % 10 === 0 ? `公告${i}` : `第${i}则`, `${has(i) ? '公告' : ''}正文${i === 0 || i === 600 ? '稀' : ''}`));
    const q = searcher([docs]);
    const all = await q('公告');
    expect(all).toEqual(docs.flatMap((_, i) => (has(i) ? [`0:${i}`] : [])));
    expect(await q('稀')).toEqual(['0:0', '0:600']);
    expect((await q('公告', { sort: 'relevance' })).slice(0, 50).every((h) => Number(h.slice(2)) % 10 === 0)).toBe(true);
  });

  it('spreads a large tier over many shards and still finds every key', async () => {
    const docs = Array.from({ length: 3000 }, (_, i) => doc(`第${i}号文件`, `编号 w${i} 的正文，${String.fromCodePoint(0x4e00 + (i % 5000))}${String.fromCodePoint(0x4e00 + ((i * 7) % 5000))}`));
    const index = new TierIndex();
    for (const d of docs) index.add(d);
    expect(index.shards().length).toBeGreaterThan(1);
    const q = searcher([docs]);
    expect(await q('w1234')).toEqual(['0:1234']);
    expect(await q(`${String.fromCodePoint(0x4e00 + 77)}${String.fromCodePoint(0x4e00 + 539)}`)).toEqual(['0:77']);
  });
});

describe('search tiers', () => {
  const iso = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString();
  const newestFirst = (n: number) => Array.from({ length: n }, (_, i) => iso(n - i));

  it('keeps the newest items recent and splits the rest into four archive tiers, more past ARCHIVE_CAP items each', () => {
    expect(initialBounds(newestFirst(RECENT_KEEP))).toEqual([]);
    expect(initialBounds(newestFirst(1000))).toEqual([iso(1000 - RECENT_KEEP + 1)]);
    const bounds = initialBounds(newestFirst(20_000));
    expect(bounds).toHaveLength(4);
    expect(bounds).toEqual([...bounds].sort());
    // A large store: archive tiers of at most ARCHIVE_CAP items each.
    expect(initialBounds(newestFirst(4 * ARCHIVE_CAP + RECENT_KEEP + 1))).toHaveLength(5);
  });

  it('seals the recent tier past its size, or whole when asked', () => {
    expect(sealBound(newestFirst(RECENT_MAX), false)).toBeNull();
    expect(sealBound(newestFirst(RECENT_MAX + 1), false)).toBe(iso(RECENT_MAX + 1 - RECENT_KEEP + 1));
    expect(sealBound(newestFirst(3), true)! > iso(3)).toBe(true);
    expect(sealBound([], true)).toBeNull();
  });

  // Archive tiers of these sizes between bounds a, b, c, …: what `countOf` says of a range.
  const tiersOf = (sizes: number[]) => {
    const names = ['-', ...sizes.map((_, k) => String.fromCharCode(97 + k))];
    const countOf = async (from: string | null, to: string | null) => sizes.slice(names.indexOf(from ?? '-'), names.indexOf(to!)).reduce((a, n) => a + n, 0);
    return { bounds: names.slice(1), countOf };
  };
  // The sizes of the archive tiers mergeBounds leaves.
  const merged = async (sizes: number[]) => {
    const t = tiersOf(sizes);
    const bounds = await mergeBounds(t.bounds, t.countOf);
    return Promise.all([null, ...bounds.slice(0, -1)].map((from, i) => t.countOf(from, bounds[i]!)));
  };

  it('merges the newest archive tiers the tier before them outgrows less than twice, as one tier', async () => {
    // 300 < 2 × 300, 500 < 2 × 600, 1,000 < 2 × 1,100: the four newest join; 6,000 ≥ 2 × 2,100 stops there.
    expect(await merged([6000, 1000, 500, 300, 300])).toEqual([6000, 2100]);
    // A new sealed tier much smaller than the one before stays alone.
    expect(await merged([6000, 3000, 300])).toEqual([6000, 3000, 300]);
    // Four equal tiers from a full build and a new one: nothing merges until the newest have grown.
    expect(await merged([5000, 5000, 5000, 5000, 300])).toEqual([5000, 5000, 5000, 5000, 300]);
    expect(await merged([5000, 5000, 5000, 5000, 2400, 1200, 600, 300, 300])).toEqual([24_800]);
  });

  it('never merges past ARCHIVE_CAP items, however many tiers that leaves', async () => {
    // 9,000 joins 6,000; 20,000 would (20,000 < 2 × 15,000) but not within the cap.
    expect(await merged([20_000, 9000, 6000])).toEqual([20_000, 15_000]);
    expect(await merged([20_000, 20_000, 20_000, 20_000, 20_000, 20_000])).toEqual([20_000, 20_000, 20_000, 20_000, 20_000, 20_000]);
  });

  it('joins a tier that retention left at less than half the newer one beside it', async () => {
    expect(await merged([300, 20_000, 9000, 400])).toEqual([20_300, 9000, 400]);
    expect(await merged([0, 20_000, 20_000, 400])).toEqual([20_000, 20_000, 400]);
    expect(await merged([6000, 24_000, 400])).toEqual([6000, 24_000, 400]);
    expect(await merged([2000, 4975, 4975, 400])).toEqual([6975, 4975, 400]);
    // A full build's equal tiers after the first items retired: no merge for a tier a little smaller.
    expect(await merged([4875, 4975, 4975, 4975, 400])).toEqual([4875, 4975, 4975, 4975, 400]);
  });
});
