import { quantities } from './quantities.js';
import { placesIn } from './places.js';
import { hunks, type Hunk } from './diff.js';
import type { Facts, Signature } from './types.js';

export function factsOf(title: string, all: string): Facts {
  const inTitle = quantities(title);
  return {
    titleQuantities: new Set(inTitle.map((q) => q.key)),
    allQuantities: new Set(quantities(all).map((q) => q.key)),
    titleFigures: new Set(inTitle.map((q) => `${q.before}\u0000${q.key}`)),
    titlePlaces: placesIn(title),
    allPlaces: placesIn(all),
  };
}

// Words that turn a report into its opposite: 不再构成, 未发布, 发射失利, 驳回, 终止.
const NEGATIONS = ['不再', '未能', '未', '没有', '拒绝', '否认', '否决', '驳回', '终止', '暂停', '叫停', '取消', '失利', '失败', '撤回', '推迟'];
// Words of which a report says one side: the sides of one line are opposites, the words of a side say the same.
const OPPOSITES: ReadonlyArray<ReadonlyArray<readonly string[]>> = [
  [['上涨', '增长', '走高', '回升', '收涨', '高开', '涨停', '升破'], ['下跌', '下降', '减少', '回落', '走低', '收跌', '低开', '跌停', '跌破'], ['持平', '收平']],
  [['上调', '提高', '加息'], ['下调', '降低', '降息'], ['持平', '维持', '不变']],
  [['增持'], ['减持']], [['盈利', '扭亏'], ['亏损', '由盈转亏']], [['开幕'], ['闭幕']], [['批准', '通过'], ['否决', '驳回']],
  [['战胜', '击败', '胜出', '晋级', '挺进'], ['不敌', '负于', '止步', '出局', '淘汰', '无缘'], ['战平', '逼平']],
  [['买入'], ['卖出']], [['同意', '支持'], ['反对']], [['升级'], ['降级']], [['扩大'], ['缩小', '收窄']], [['高于'], ['低于']],
  [['正式版'], ['测试版', 'beta']], [['增加'], ['减少']], [['入列', '服役'], ['退役']], [['启用', '恢复'], ['停用', '暂停']],
  [['实施', '宣布实施'], ['解除']], [['开通'], ['停运']], [['上市'], ['退市']], [['复产'], ['停产']], [['涨价'], ['降价']],
  // English headlines (folded to lower case, spaces gone).
  [['raise', 'hike', 'increase'], ['cut', 'lower', 'reduce', 'slash']], [['rise', 'gain', 'jump', 'soar'], ['fall', 'drop', 'slump', 'plunge']],
  [['win', 'beat'], ['lose', 'loss']], [['approve'], ['reject', 'block']], [['buy'], ['sell']], [['hire'], ['layoff']],
];
/** The sides of a line of opposites a text holds a word of. */
const sidesIn = (line: ReadonlyArray<readonly string[]>, text: string): Set<number> => new Set(line.flatMap((side, k) => (side.some((w) => text.includes(w)) ? [k] : [])));
const unitOf = (key: string): string => /[^\d.]*$/u.exec(key)![0];

/**
 * Why two reports that read alike are two stories, or null. Precision first: a different amount or
 * number (5000 亿 vs 6000 亿, 19.2 vs 19.3), opposite words in one place (上涨 / 下跌), a word swapped
 * that neither report uses for the other's (北京 / 天津, 橙色 / 黄色), or a negation only one makes.
 */
export function conflict(a: Signature, b: Signature): string | null {
  // The alignment (quadratic) only once the cheaper facts have not told them apart.
  let h: Hunk[] | undefined;
  const diff = (): Hunk[] => (h ??= hunks(a.swapText, b.swapText));
  return figures(a, b) ?? figures(b, a) ?? places(a, b) ?? opposite(diff()) ?? opposed(a, b) ?? swapped(diff(), a, b) ?? negated(a, b) ?? negated(b, a);
}

const byUnit = (keys: ReadonlySet<string>): Map<string, Set<string>> => {
  const m = new Map<string, Set<string>>();
  for (const k of keys) m.set(unitOf(k), (m.get(unitOf(k)) ?? new Set()).add(k));
  return m;
};
const disjoint = (x: ReadonlySet<string>, y: ReadonlySet<string>): boolean => ![...x].some((k) => y.has(k));

function figures(a: Signature, b: Signature): string | null {
  // Figures of one kind in both headlines, none shared: 5000亿 / 6000亿, 上涨0.2% / 上涨0.3%.
  const bt = byUnit(b.facts.titleQuantities);
  for (const [unit, mine] of byUnit(a.facts.titleQuantities)) {
    const theirs = bt.get(unit);
    if (theirs && disjoint(mine, theirs)) return `${[...mine].join(',')} / ${[...theirs].join(',')}`;
  }
  // Figures after the same words in both headlines, none shared: 同比上涨0.2% / 同比上涨0.3%.
  const after = (f: string) => f.slice(0, f.indexOf('\u0000') + 1) + unitOf(f);
  const byWords = (figs: ReadonlySet<string>) => {
    const m = new Map<string, Set<string>>();
    for (const f of figs) if (f.indexOf('\u0000') >= 2) m.set(after(f), (m.get(after(f)) ?? new Set()).add(f));
    return m;
  };
  const bWords = byWords(b.facts.titleFigures);
  for (const [words, mine] of byWords(a.facts.titleFigures)) {
    const theirs = bWords.get(words);
    if (theirs && disjoint(mine, theirs)) return `${[...mine][0]!.replace('\u0000', '')} / ${[...theirs][0]!.replace('\u0000', '')}`;
  }
  // A headline's figure the other report never gives, while the other headline gives one of the same kind it does not.
  for (const q of a.facts.titleQuantities) {
    if (b.facts.allQuantities.has(q)) continue;
    if ([...b.facts.titleQuantities].some((r) => !a.facts.allQuantities.has(r) && unitOf(r) === unitOf(q))) return `${q} / another figure`;
  }
  // Both reports give figures of one kind and share none of them (66个 / 105个 量子比特).
  const ba = byUnit(b.facts.allQuantities);
  for (const [unit, mine] of byUnit(a.facts.allQuantities)) {
    const theirs = ba.get(unit);
    if (unit && theirs && disjoint(mine, theirs)) return `${[...mine].join(',')} / ${[...theirs].join(',')} in the reports`;
  }
  return null;
}

/** Each headline names a place the other report never mentions. */
function places(a: Signature, b: Signature): string | null {
  const mine = [...a.facts.titlePlaces].filter((p) => !b.facts.allPlaces.has(p));
  const theirs = [...b.facts.titlePlaces].filter((p) => !a.facts.allPlaces.has(p));
  return mine.length && theirs.length ? `${mine[0]} / ${theirs[0]}` : null;
}

/** Where the headlines differ, one holds a word and the other its opposite. */
function opposite(hs: readonly Hunk[]): string | null {
  for (const h of hs) {
    if (!h.a || !h.b) continue;
    // With a character either side: an alignment may split a word (下调 / 下降 differ in one character).
    const [x, y] = [h.before + h.a + h.after, h.before + h.b + h.after];
    for (const line of OPPOSITES) {
      const [sx, sy] = [sidesIn(line, x), sidesIn(line, y)];
      if (sx.size && sy.size && ![...sx].some((k) => sy.has(k))) return `${h.a} / ${h.b}`;
    }
  }
  return null;
}

/** Each headline takes a side of opposites that the other report never takes (晋级八强 / 止步八强). */
function opposed(a: Signature, b: Signature): string | null {
  for (const line of OPPOSITES) {
    const mine = [...sidesIn(line, a.titleText)].filter((k) => !sidesIn(line, b.allText).has(k));
    const theirs = [...sidesIn(line, b.titleText)].filter((k) => !sidesIn(line, a.allText).has(k));
    if (mine.length && theirs.length) return `${line[mine[0]!]![0]} / ${line[theirs[0]!]![0]}`;
  }
  return null;
}

/** Whether another report says what a run of one headline says: as a word, or (a long run) mostly. */
function said(run: string, h: Hunk, text: string): boolean {
  const chars = [...run];
  if (chars.length === 1) return text.includes(h.before + run) || text.includes(run + h.after);
  if (chars.length === 2) return text.includes(run);
  let found = 0;
  for (let i = 0; i + 1 < chars.length; i++) if (text.includes(chars[i]! + chars[i + 1]!)) found++;
  return found / (chars.length - 1) >= 0.4;
}

/** A run of one headline where the other has another, and neither report says the other's (北京 / 天津). */
function swapped(hs: readonly Hunk[], a: Signature, b: Signature): string | null {
  for (const h of hs) {
    // Figures are the quantities' to judge.
    if (!h.a || !h.b || /\d/u.test(h.a + h.b)) continue;
    if (!said(h.a, h, b.allText) && !said(h.b, h, a.allText)) return `${h.a} / ${h.b}`;
  }
  return null;
}

function negated(a: Signature, b: Signature): string | null {
  for (const word of NEGATIONS) {
    for (let at = a.titleText.indexOf(word); at >= 0; at = a.titleText.indexOf(word, at + 1)) {
      // One character (未) negates what follows it, when the other headline says that plainly.
      const what = word.length > 1 ? '' : a.titleText.slice(at + 1, at + 3);
      if (word.length === 1 && (what.length < 2 || !b.titleText.includes(what))) continue;
      if (!b.allText.includes(word + what)) return `${word}${what}`;
    }
  }
  return null;
}
