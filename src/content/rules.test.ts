import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/index.js';
import { BroadsheetError } from '../shared/index.js';
import { ruleSet, type RuleSubject } from './rules.js';

const FILE = '/srv/news/broadsheet.yml';
const NOW = new Date('2026-12-05T00:00:00Z');
const item = (over: Partial<RuleSubject> = {}): RuleSubject => ({
  sourceId: '/ithome/ranking', title: '新闻', html: '<p>正文</p>', excerpt: '正文', author: null, link: 'https://news.test/1', categories: [],
  sortAt: '2026-12-04T00:00:00.000Z', names: { category: '科技', site: 'IT之家', channel: '热榜' }, ...over,
});
const rulesOf = (yaml: string) => {
  const c = parseConfig(`${yaml}sources:\n  - route: /ithome/ranking\n    category: 科技\n    site: IT之家\n    channel: 热榜\n`, FILE, { env: {} });
  return ruleSet(c.file, c.rules, new Map(c.sources.flatMap((s) => (s.rules ? [[s.route!, s.rules] as const] : []))));
};

describe('rules', () => {
  it('drops by a plain word, ignoring case and width; CJK words as substrings', () => {
    const r = rulesOf('rules:\n  - drop: { title: 广告 }\n  - drop: { title: ai }\n');
    expect(r.hiddenBy(item({ title: '【广告】限时优惠' }), NOW)).toBe('broadsheet.yml:2 drop title');
    expect(r.hiddenBy(item({ title: 'ＡＩ芯片新品' }), NOW)).toBe('broadsheet.yml:3 drop title');
    expect(r.hiddenBy(item({ title: '芯片新品' }), NOW)).toBeNull();
  });

  it('matches /regex/flags on RE2, every named field together, the body as text, the feed\'s tags and age', () => {
    const r = rulesOf('rules:\n  - drop: { title: "/^【(推广|广告)】/", author: 小编 }\n  - drop: { content: "/优惠券\\\\d+/" }\n  - drop: { category: 体育 }\n  - drop: { older: 30d }\n');
    expect(r.hiddenBy(item({ title: '【推广】新品', author: '小编' }), NOW)).toBe('broadsheet.yml:2 drop title author');
    expect(r.hiddenBy(item({ title: '【推广】新品', author: '记者' }), NOW)).toBeNull();
    // The body as a reader reads it: tags inside a word do not split it, blocks do.
    expect(r.hiddenBy(item({ html: '<p>领取<b>优惠券</b>50</p>' }), NOW)).toBe('broadsheet.yml:3 drop content');
    expect(r.hiddenBy(item({ html: '<p>优惠券</p><p>50</p>' }), NOW)).toBeNull();
    expect(r.hiddenBy(item({ categories: ['足球', '体育'] }), NOW)).toBe('broadsheet.yml:4 drop category');
    expect(r.hiddenBy(item({ sortAt: '2026-10-01T00:00:00.000Z' }), NOW)).toBe('broadsheet.yml:5 drop older');
  });

  it('keeps only what a keep rule in scope matches, drop winning; out of scope nothing is hidden', () => {
    const r = rulesOf('rules:\n  - keep: { title: "/AI|人工智能|芯片/" }\n    in: { category: 科技 }\n  - drop: { title: 传闻 }\n');
    expect(r.hiddenBy(item({ title: '人工智能新突破' }), NOW)).toBeNull();
    expect(r.hiddenBy(item({ title: '手机降价' }), NOW)).toBe('broadsheet.yml:2 keep title');
    expect(r.hiddenBy(item({ title: '芯片传闻' }), NOW)).toBe('broadsheet.yml:4 drop title');
    expect(r.hiddenBy(item({ title: '手机降价', names: { category: '财经', site: 'x', channel: 'y' } }), NOW)).toBeNull();
  });

  it("applies a source's own rules to that source only", () => {
    const c = parseConfig('sources:\n  - route: /a\n    category: c\n    site: s\n    channel: a\n    rules:\n      - drop: { title: 广告 }\n  - route: /b\n    category: c\n    site: s\n    channel: b\n', FILE, { env: {} });
    const r = ruleSet(c.file, c.rules, new Map(c.sources.flatMap((s) => (s.rules ? [[s.route!, s.rules] as const] : []))));
    expect(r.hiddenBy(item({ sourceId: '/a', title: '广告' }), NOW)).toBe('broadsheet.yml:7 drop title (source /a)');
    expect(r.hiddenBy(item({ sourceId: '/b', title: '广告' }), NOW)).toBeNull();
  });

  it.each([
    ['an invalid regex', 'rules:\n  - drop: { title: "/(a/" }\n', `${FILE}:2: rules[0].drop.title: not a regular expression RE2 accepts: error parsing regexp: missing closing )`],
    ['look-behind, which RE2 refuses', 'rules:\n  - drop: { title: "/(?<=a)b/" }\n', 'not a regular expression RE2 accepts'],
    ['an unknown flag', 'rules:\n  - drop: { title: "/a/g" }\n', 'unknown regex flag g'],
    ['neither drop nor keep', 'rules:\n  - in: { category: 科技 }\n', 'a rule is drop: {…} or keep: {…}'],
    ['an empty match', 'rules:\n  - drop: {}\n', 'name at least one of title'],
  ])('refuses %s with the file, line and rule', (_name, yaml, message) => {
    let error: unknown;
    try {
      rulesOf(yaml);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BroadsheetError);
    expect((error as Error).message).toContain(message);
  });
});
