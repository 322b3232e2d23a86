import type { RE2JS as Re2 } from 're2js';
import * as z from 'zod';
import { onFirstUse } from '../shared/index.js';

// Only a config with a `/regex/` rule needs it.
const re2 = onFirstUse<{ RE2JS: typeof Re2 }>('re2js');

/**
 * Text as rules compare it: NFKC (full-width `ＡＩ` is `AI`, `①` is `1`) and, for plain words, case
 * folded. CJK words are substrings: no word boundaries, which never fall between Chinese characters.
 */
export interface RuleText {
  nfkc: string;
  folded: string;
}
export const ruleText = (s: string): RuleText => {
  const nfkc = s.normalize('NFKC');
  return { nfkc, folded: nfkc.toLowerCase() };
};

/** A pattern as written: a plain word (contained, ignoring case and width), or `/regex/flags` on RE2 (linear time: a rule never hangs a run). */
export interface TextPattern {
  written: string;
  test(text: RuleText): boolean;
}

const FLAGS: Record<string, 'CASE_INSENSITIVE' | 'MULTILINE' | 'DOTALL'> = { i: 'CASE_INSENSITIVE', m: 'MULTILINE', s: 'DOTALL' };

/** The pattern, or why it cannot be one (said with the config line by the schema). */
export function textPattern(written: string): TextPattern | string {
  const re = /^\/(.+)\/([a-z]*)$/s.exec(written);
  if (!re) {
    const word = ruleText(written).folded;
    return { written, test: (t) => t.folded.includes(word) };
  }
  const unknown = [...re[2]!].filter((f) => !(f in FLAGS));
  if (unknown.length) return `unknown regex flag ${unknown.join('')} (i, m and s are known)`;
  try {
    const { RE2JS } = re2();
    const compiled = RE2JS.compile(re[1]!, [...re[2]!].reduce((n, f) => n | RE2JS[FLAGS[f]!], 0));
    return { written, test: (t) => compiled.test(t.nfkc) };
  } catch (e) {
    // RE2 has no look-around or back-references: what it refuses is said as it says it.
    return `not a regular expression RE2 accepts: ${(e as Error).message}`;
  }
}

const pattern = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const p = textPattern(String(v));
  if (typeof p === 'string') {
    ctx.addIssue({ code: 'custom', message: p });
    return z.NEVER;
  }
  return p;
});

/** What a rule looks at; several fields: all must match. */
export const RULE_FIELDS = ['title', 'content', 'author', 'link', 'category'] as const;
export type RuleField = (typeof RULE_FIELDS)[number];

export function ruleSchema(duration: z.ZodType<number, unknown>) {
  const match = z
    .object({ title: pattern.optional(), content: pattern.optional(), author: pattern.optional(), link: pattern.optional(), category: pattern.optional(), older: duration.optional() })
    .strict()
    .refine((m) => Object.values(m).some((v) => v !== undefined), { message: 'name at least one of title, content, author, link, category or older' });
  const scope = z.object({ category: z.union([z.string(), z.number()]).transform(String).optional(), site: z.union([z.string(), z.number()]).transform(String).optional(), channel: z.union([z.string(), z.number()]).transform(String).optional(), route: z.string().optional() }).strict();
  return z
    .object({ drop: match.optional(), keep: match.optional(), in: scope.optional() })
    .strict()
    .refine((r) => (r.drop === undefined) !== (r.keep === undefined), { message: 'a rule is drop: {…} or keep: {…}, one of them' });
}
