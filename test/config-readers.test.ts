import { describe, expect, it } from 'vitest';
import { STARTER_CONFIG } from '../src/cli/init/starter.js';
import { parseConfig, parseConfigDocument } from '../src/config/load.js';
import { readQuickly } from '../src/config/quick-read.js';

const FILE = '/srv/site/broadsheet.yml';
const plain = (c: unknown): unknown => JSON.parse(JSON.stringify(c));
const ENV = { RSSHUB_KEY: 's3cret', SITE_URL: 'https://me.example.io/news/', EMPTY: '' };

/**
 * Every command reads the config, so a valid one is read by js-yaml (fast) and a faulty one by `yaml`'s
 * document (its errors name the line): both must make the same Config of the same text, lines and all.
 */
const TEXTS: Array<{ name: string; text: string }> = [
  { name: 'the starter `init` writes', text: STARTER_CONFIG },
  {
    name: 'rules at the top and per source, flow and block, a comment between items',
    text: `sources:
  - route: /a
    category: 新闻
    site: 站点
    channel: 要闻
  # a comment
  -   route: /b
      category: 新闻
      site: 站点
      channel: 快讯
      rules:
        - drop: { title: 第2条 }
        -
          keep: { title: "/第[1-4]条/" }
  - { route: /c, category: 科技, site: 站点, channel: 全部 }
rules:
  - drop: { title: 广告 }
  - keep: { title: "/x/" }
    in: { category: 科技 }
`,
  },
  {
    name: 'environment variables, with and without defaults, quoting styles, block scalars and numbers',
    text: `rsshub:
  instance: 'https://rsshub.example.org/'
  key: \${RSSHUB_KEY}
fetch: { concurrency: 4, perHost: 1, timeout: 1.5m, retries: 0, maxBytes: 512KB, items: 15 }
site:
  url: \${SITE_URL}
  title: "新闻 \\u00b7 汇总"
  description: >
    A folded
    description.
  perPage: 0x1e
  timezone: \${TZ_UNSET:-Asia/Shanghai}
sources:
  - route: /aljazeera/news
    category: 新媒体
    site: Aljazeera 半岛网
    channel: 新闻
    items: 10
  - file: ./local/feed.xml
    category: 博客
    site: Local
    channel: \${EMPTY:-全部}
`,
  },
];

describe('the two config readers', () => {
  it.each(TEXTS)('make the same Config of $name', ({ text }) => {
    expect(readQuickly(text, ENV)).not.toBeNull();
    const quick = parseConfig(text, FILE, { env: ENV });
    // A rule's pattern carries its matcher, a new function each time the config is read: compared as data.
    expect(plain(quick)).toEqual(plain(parseConfigDocument(text, FILE, { env: ENV })));
    expect(quick.sources.every((s) => s.line > 0)).toBe(true);
  });

  it('say where each source and rule begins', () => {
    const c = parseConfig(TEXTS[1]!.text, FILE, { env: ENV });
    expect(c.sources.map((s) => s.line)).toEqual([2, 7, 15]);
    expect(c.sources[1]!.rules!.map((r) => r.line)).toEqual([12, 14]);
    expect(c.rules.map((r) => r.line)).toEqual([17, 18]);
  });

  it('leave a config js-yaml cannot read to the document reader, which names the line', () => {
    expect(readQuickly('sources: []\nsources: []\n', ENV)).toBeNull();
    expect(() => parseConfig('sources: []\nsources: []\n', FILE, { env: ENV })).toThrow(/broadsheet\.yml:2: YAML syntax error/);
  });
});
