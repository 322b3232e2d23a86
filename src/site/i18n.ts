import type { SiteSettings } from '../config/index.js';

/** The site's words, in the two languages it speaks. */
const STRINGS = {
  'zh-CN': {
    skip: '跳到正文', menu: '分类', categories: '分类', allCategories: '全部分类', allCategoriesCounts: '全部分类与条数 →',
    archives: '归档', sources: '订阅源', viewList: '列表', viewCards: '卡片', viewCompact: '紧凑', viewTitle: '切换列表视图：列表 / 卡片 / 只看标题', dark: '深色', themeTitle: '切换深色 / 浅色',
    breadcrumb: '位置', pagination: '分页', empty: '这里还没有条目。',
    original: '阅读原文', readWhole: '在原网站阅读全文', wholeArticle: '全文见网站', inChannel: '同频道', newer: '较新', older: '较旧', alsoReported: '也有报道',
    storySources: '{n} 家来源', otherReports: '其他来源的报道', andOthers: '{names}等', moreReports: '另有 {n} 篇报道',
    seenAt: '收录于 {t}', undated: '来源没有给出发布时间，这是本站收录它的时间',
    source: '来源', state: '状态', lastSuccess: '最近成功', items: '条目', recent: '近 30 天', activity: '近 30 天共 {n} 条，一天最多 {max} 条',
    stateOk: '正常', stateFailing: '失败', stateBackoff: '退避中', stateNew: '未抓取',
    notFound: '找不到这个页面。它可能已被清理，或者地址有误。', backHome: '回到首页',
    latest: '最新', pageN: '第 {n} 页', pageOfN: '第 {n} / {total} 页', today: '今天', yesterday: '昨天', itemsCount: '共 {n} 条', sourcesSummary: '{n} 个订阅源，{f} 个异常', rulesHidden: '规则隐藏了 {n} 条',
    daysSummary: '{d} 天，{n} 条', categoriesSummary: '{c} 个分类，{s} 个站点，{n} 条',
    search: '搜索', searchPlaceholder: '搜索标题与正文', searchNewest: '最新在前', searchRelevance: '最相关', sort: '排序',
    allSites: '全部站点', siteLabel: '站点', searchNeedsJs: '搜索在浏览器里进行，需要启用 JavaScript。', searchHint: '中文可直接输入词语或人名，无需空格；英文按整词匹配。',
    searchLoading: '搜索中…', searchCount: '{n} 条结果', searchNone: '没有找到“{q}”。', searchMore: '更多结果',
  },
  en: {
    skip: 'Skip to content', menu: 'Categories', categories: 'Categories', allCategories: 'All categories', allCategoriesCounts: 'All categories with counts →',
    archives: 'Archives', sources: 'Sources', viewList: 'List', viewCards: 'Cards', viewCompact: 'Titles', viewTitle: 'Switch the list view: list / cards / titles only', dark: 'Dark', themeTitle: 'Switch dark / light',
    breadcrumb: 'Breadcrumb', pagination: 'Pages', empty: 'Nothing here yet.',
    original: 'Read the original', readWhole: 'Read the whole story at its source', wholeArticle: 'Read the whole article on the site', inChannel: 'In this channel', newer: 'Newer', older: 'Older', alsoReported: 'Also reported by',
    storySources: '{n} sources', otherReports: 'The same story elsewhere', andOthers: '{names} and others', moreReports: '{n} more reports',
    seenAt: 'collected {t}', undated: 'The source gives no date; this is when the site collected it',
    source: 'Source', state: 'State', lastSuccess: 'Last success', items: 'Items', recent: 'Last 30 days', activity: '{n} items in the last 30 days, at most {max} a day',
    stateOk: 'ok', stateFailing: 'failing', stateBackoff: 'backing off', stateNew: 'not fetched yet',
    notFound: 'This page does not exist. It may have been pruned, or the address is wrong.', backHome: 'Back to the front page',
    latest: 'Latest', pageN: 'page {n}', pageOfN: 'page {n} of {total}', today: 'Today', yesterday: 'Yesterday', itemsCount: '{n} items', sourcesSummary: '{n} sources, {f} with problems', rulesHidden: 'rules hide {n} items',
    daysSummary: '{d} days, {n} items', categoriesSummary: '{c} categories, {s} sites, {n} items',
    search: 'Search', searchPlaceholder: 'Search titles and text', searchNewest: 'Newest first', searchRelevance: 'Most relevant', sort: 'Sort',
    allSites: 'All sites', siteLabel: 'Site', searchNeedsJs: 'Search runs in your browser and needs JavaScript.', searchHint: 'Chinese words and names need no spaces; other words match whole.',
    searchLoading: 'Searching…', searchCount: '{n} results', searchNone: 'Nothing found for “{q}”.', searchMore: 'More results',
  },
} as const;

export type Strings = { readonly [K in keyof (typeof STRINGS)['en']]: string };

export const stringsFor = (language: SiteSettings['language']): Strings => STRINGS[language];

/** `{name}` placeholders filled in. */
export const fill = (template: string, values: Record<string, string | number>): string => template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''));
