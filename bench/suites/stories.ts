/**
 * Stories (issue 23): what grouping costs per new item as the store grows. The store holds the same
 * news a day (5,000 items from 250 sources) for 4 days (20,000 items) or 40 days (200,000); then 500 new
 * items arrive, one in five another outlet's report of a recent story, and one grouping pass runs.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Item, SafeHtml } from '../../src/content/index.js';
import { parseConfig } from '../../src/config/index.js';
import { groupStories } from '../../src/pipeline/index.js';
import { sha256Hex } from '../../src/shared/index.js';
import type { Source } from '../../src/sources/index.js';
import { openSqliteStore, type Store } from '../../src/store/index.js';
import { fmt, markdown } from '../lib/table.js';
import type { SuiteOptions } from './parse.js';

const PER_DAY = 5_000;
const SOURCES = 250;
const NEW = 500;
// Characters of Chinese news headlines: words are pairs of them.
const CHARS = '国家中央部门经济发展市场企业政策科技创新数据人工智能芯片汽车能源电力银行金融利率投资消费价格增长下降会议报告工作建设城市地区教育医疗卫生交通铁路航空公司产品服务平台用户网络安全环境气候天气预警地震台风降雨北京上海广州深圳美国日本欧洲俄罗斯外交合作谈判总统总理部长官员警方法院调查事故火灾救援学校学生考试就业工资住房土地农业粮食旅游文化体育比赛冠军球队电影音乐手机电脑系统版本发布更新计划项目资金收入利润亏损股票指数基金债券央行汇率美元人民币'.split('');

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}
const pick = (r: () => number) => CHARS[Math.floor(r() * CHARS.length)]!;
const words = (r: () => number, n: number) => Array.from({ length: n }, () => pick(r) + pick(r)).join('');

function item(sourceId: string, title: string, lead: string, at: Date, key: string): Item {
  return {
    id: sha256Hex(key), sourceId, title, link: `https://news.test/${key}`, publishedAt: at.toISOString(), dateText: null, author: null,
    html: `<p>${lead}</p>` as SafeHtml, excerpt: lead, image: null, categories: [], contentHash: sha256Hex(`h${key}`), entryHash: null,
  };
}

async function fill(store: Store, sources: Source[], items: number, until: Date, r: () => number): Promise<Item[]> {
  const days = items / PER_DAY;
  const made: Item[] = [];
  for (let s = 0; s < SOURCES; s++) {
    const batch: Item[] = [];
    for (let k = 0; k < items / SOURCES; k++) {
      const at = new Date(until.getTime() - r() * days * 86_400_000);
      batch.push(item(sources[s]!.id, words(r, 7), `${words(r, 30)}。`, at, `${s}-${k}`));
    }
    await store.sources.recordSuccess(sources[s]!.id, batch, { at: until, latencyMs: 0, cache: {} });
    // Reposts are of the last day's stories.
    made.push(...batch.filter((i) => Date.parse(i.publishedAt!) > until.getTime() - 86_400_000));
  }
  return made;
}

async function point(stored: number): Promise<{ stored: number; firstMs: number; perNewMs: number; joined: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'broadsheet-bench-stories-'));
  try {
    const store = openSqliteStore(join(dir, 's.db'));
    const config = parseConfig('site:\n  out: public\n', join(dir, 'b.yml'), { env: {} });
    const sources: Source[] = Array.from({ length: SOURCES }, (_, i) => ({ id: `/s/${i}`, url: `https://rsshub.test/s/${i}`, kind: 'rsshub', category: '新闻', site: `站点${i}`, channel: '要闻', options: { items: 20 } }));
    await store.sources.sync(sources);
    const now = new Date('2026-12-05T00:00:00Z');
    const r = rng(stored);
    const recent = await fill(store, sources, stored, now, r);
    let t0 = performance.now();
    await groupStories(config, store, now);
    const firstMs = performance.now() - t0;
    // 500 new items: one in five another outlet's report of a recent story (its headline with an outlet's suffix, its lead).
    const fresh: Item[] = Array.from({ length: NEW }, (_, k) => {
      const at = new Date(now.getTime() + k * 1000);
      const source = sources[(k * 7) % SOURCES]!.id;
      const of = recent[Math.floor(r() * recent.length)]!;
      return k % 5 === 0 && of.sourceId !== source ? item(source, `${of.title}_新闻网`, of.excerpt, at, `new-${k}`) : item(source, words(r, 7), `${words(r, 30)}。`, at, `new-${k}`);
    });
    for (const s of sources) {
      const mine = fresh.filter((i) => i.sourceId === s.id);
      if (mine.length) await store.sources.recordSuccess(s.id, mine, { at: now, latencyMs: 0, cache: {} });
    }
    t0 = performance.now();
    const report = await groupStories(config, store, now);
    const perNewMs = (performance.now() - t0) / NEW;
    await store.close();
    return { stored, firstMs, perNewMs, joined: report!.joined };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function storiesSuite(o: SuiteOptions): Promise<string> {
  const sizes = o.quick ? [2_000, 10_000] : [20_000, 200_000];
  const rows: (string | number)[][] = [];
  const points = [];
  for (const n of sizes) {
    const p = await point(n);
    points.push(p);
    rows.push([n.toLocaleString('en'), fmt(p.firstMs / n, 3), fmt(p.perNewMs, 3), `${p.joined} of ${NEW}`]);
  }
  const ratio = points[1]!.perNewMs / points[0]!.perNewMs;
  // Candidates come from the three days either side of a new item: past that, the store's size is not what it costs.
  return `Story grouping (SQLite, ${PER_DAY.toLocaleString('en')} items a day from ${SOURCES} sources; ${NEW} new items, one in five a repost)\n\n${markdown(['stored items', 'first pass, ms per item', 'ms per new item', 'joined a story'], rows)}\n\nPer new item at ${sizes[1]!.toLocaleString('en')} ÷ at ${sizes[0]!.toLocaleString('en')}: ${fmt(ratio, 2)}× (goal: flat, ≤ 1.2×).`;
}
