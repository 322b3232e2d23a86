import { basename } from 'node:path';
import { ruleText, RULE_FIELDS, type RuleConfig, type RuleText } from '../config/index.js';
import { htmlToText } from '../feed/index.js';
import type { SourceNames } from '../sources/index.js';

/** What rules look at in an item (a stored one, or one just collected). */
export interface RuleSubject {
  sourceId: string;
  title: string;
  html?: string;
  excerpt: string;
  author: string | null;
  link: string | null;
  categories: readonly string[];
  sortAt: string;
  names: SourceNames;
}

/** Every rule of a config, compiled: which rule hides an item, if one does. */
export interface RuleSet {
  /** The rules by label (`broadsheet.yml:12 drop title`), in the config's order. */
  readonly labels: readonly string[];
  /** The label of the rule that hides the item, or null when it is shown. */
  hiddenBy(item: RuleSubject, now: Date): string | null;
  readonly empty: boolean;
  /** Whether a rule reads the body (`content`): items must be read with it. */
  readonly readsBody: boolean;
  /** Whether a rule looks at age (`older`): an item may become hidden without changing. */
  readonly ages: boolean;
}

interface Compiled {
  label: string;
  /** What it looks at (`title`, `content`, `older`, …). */
  fields: readonly string[];
  kind: 'drop' | 'keep';
  applies(item: RuleSubject): boolean;
  matches(item: RuleSubject, text: (field: 'title' | 'content' | 'author' | 'link') => RuleText, now: Date): boolean;
}

function compile(file: string, rule: RuleConfig, sourceId: string | null): Compiled {
  const kind = rule.drop ? 'drop' : 'keep';
  const match = (rule.drop ?? rule.keep)!;
  const fields = [...RULE_FIELDS.filter((f) => match[f] !== undefined), ...(match.older !== undefined ? ['older'] : [])];
  const scope = rule.in ?? {};
  return {
    label: `${basename(file)}:${rule.line} ${kind} ${fields.join(' ')}${sourceId ? ` (source ${sourceId})` : ''}`,
    fields,
    kind,
    applies: (item) =>
      (sourceId === null || item.sourceId === sourceId) &&
      (scope.category === undefined || item.names.category === scope.category) &&
      (scope.site === undefined || item.names.site === scope.site) &&
      (scope.channel === undefined || item.names.channel === scope.channel) &&
      (scope.route === undefined || item.sourceId === scope.route),
    // Several fields: all must match; a feed's tags match when one of them does.
    matches: (item, text, now) =>
      (['title', 'content', 'author', 'link'] as const).every((f) => match[f] === undefined || match[f].test(text(f))) &&
      (match.category === undefined || item.categories.some((c) => match.category!.test(ruleText(c)))) &&
      (match.older === undefined || Date.parse(item.sortAt) < now.getTime() - match.older),
  };
}

/**
 * Miniflux's order: a `drop` rule in scope that matches hides the item (drop wins); else the `keep`
 * rules in scope, if there are any, hide what none of them matches. Top-level rules first, then the
 * item's source's own.
 */
export function ruleSet(file: string, rules: readonly RuleConfig[], perSource: ReadonlyMap<string, readonly RuleConfig[]>): RuleSet {
  const all = [...rules.map((r) => compile(file, r, null)), ...[...perSource].flatMap(([id, rs]) => rs.map((r) => compile(file, r, id)))];
  return {
    labels: all.map((r) => r.label),
    empty: all.length === 0,
    readsBody: all.some((r) => r.fields.includes('content')),
    ages: all.some((r) => r.fields.includes('older')),
    hiddenBy(item, now) {
      const inScope = all.filter((r) => r.applies(item));
      if (inScope.length === 0) return null;
      const texts = new Map<string, RuleText>();
      const text = (f: 'title' | 'content' | 'author' | 'link'): RuleText => {
        let t = texts.get(f);
        if (!t) texts.set(f, (t = ruleText(f === 'content' ? (item.html !== undefined ? htmlToText(item.html) : item.excerpt) : f === 'title' ? item.title : (f === 'author' ? item.author : item.link) ?? '')));
        return t;
      };
      const dropped = inScope.find((r) => r.kind === 'drop' && r.matches(item, text, now));
      if (dropped) return dropped.label;
      const keeps = inScope.filter((r) => r.kind === 'keep');
      return keeps.length > 0 && !keeps.some((r) => r.matches(item, text, now)) ? keeps[0]!.label : null;
    },
  };
}
