import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { isTag, isText, type AnyNode, type Element } from 'domhandler';
import render from 'dom-serializer';
import { parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { sanitize } from '../../src/content/index.js';
import { filesUnder, noteMissingFixtures, sharedFixtures } from '../helpers/fixtures.js';
import { parseExpect } from './expect.js';

/**
 * feedparser's sanitizer corpus (497 cases): every tag, attribute, style declaration, URL scheme
 * and word that a case's `Expect:` line drops from its input must be gone from Broadsheet's output
 * too. Broadsheet may drop more (its allowlist is shorter); it may never keep what feedparser removes.
 */
const root = sharedFixtures();
const corpus = root ? join(root, 'feeds/feedparser/wellformed/sanitize') : null;
if (!corpus) noteMissingFixtures();

const FIELDS = new Set(['content', 'summary', 'description', 'body', 'fullitem', 'encoded', 'title', 'subtitle', 'tagline', 'info', 'copyright', 'rights']);
const localName = (el: Element): string => el.name.slice(el.name.indexOf(':') + 1).toLowerCase();

function* elements(nodes: AnyNode[], skip: Set<string> = new Set()): Generator<Element> {
  for (const n of nodes) if (isTag(n) && !skip.has(localName(n))) { yield n; yield* elements(n.children, skip); }
}

const ENTRIES = new Set(['item', 'entry']);
const BODIES = new Set([...FIELDS].filter((f) => f !== 'title'));

/** The HTML a case gives the field its Expect path names: escaped, CDATA or base64 text as written, or inline XHTML. */
function fieldHtml(xml: string, path: string[]): string | null {
  const doc = parseDocument(xml, { xmlMode: true }).children;
  const scope = path[0] === 'entries' ? [...elements(doc)].find((el) => ENTRIES.has(localName(el)))?.children ?? [] : doc;
  const names = path.filter((p) => !/^\d+$/.test(p))[1] === 'title' ? new Set(['title']) : BODIES;
  const field = [...elements(scope, path[0] === 'entries' ? new Set() : ENTRIES)].find((el) => names.has(localName(el)));
  if (!field) return null;
  if (field.children.some(isTag)) return render(field.children, { xmlMode: true });
  const text = (nodes: AnyNode[]): string => nodes.map((n) => (isText(n) ? n.data : 'children' in n ? text(n.children as AnyNode[]) : '')).join('');
  return field.attribs.mode === 'base64' ? Buffer.from(text(field.children), 'base64').toString('utf8') : text(field.children);
}

const norm = (s: string): string => s.replace(/\s+/g, ' ').trim().toLowerCase();

/** What an HTML fragment carries that a sanitizer could let through, as comparable strings. */
function carried(html: string): Set<string> {
  const out = new Set<string>();
  const walk = (nodes: AnyNode[]): void => {
    for (const n of nodes) {
      if (isText(n)) for (const w of n.data.match(/[a-z0-9]{3,}/gi) ?? []) out.add(`word ${w.toLowerCase()}`);
      if (!isTag(n)) continue;
      out.add(`tag ${n.name}`);
      for (const [name, value] of Object.entries(n.attribs)) {
        out.add(`attribute ${n.name} ${name}`);
        const scheme = name === 'style' ? undefined : /^([a-z][a-z0-9.+-]*):/i.exec(value.replace(/[\x00-\x20]+/g, ''))?.[1];
        if (scheme) out.add(`scheme ${scheme.toLowerCase()}`);
        if (name === 'style') for (const d of value.split(';')) if (d.includes(':')) out.add(`style ${norm(d.slice(0, d.indexOf(':')))}: ${norm(d.slice(d.indexOf(':') + 1))}`);
      }
      walk(n.children);
    }
  };
  walk(parseDocument(html).children);
  return out;
}

describe.skipIf(!corpus)("feedparser's sanitizer corpus", () => {
  const cases = corpus ? filesUnder(corpus).filter((f) => f.endsWith('.xml')) : [];

  it('drops everything feedparser drops, in every case', () => {
    const kept: string[] = [];
    let judged = 0;
    for (const file of cases) {
      const xml = readFileSync(file, 'utf8');
      const clauses = parseExpect(/Expect:\s*(.+)/.exec(xml)?.[1]?.trim() ?? '');
      const clause = clauses?.find((c) => typeof c.expected === 'string');
      const expected = clause?.expected as string | undefined;
      const input = clause ? fieldHtml(xml.replace(/^<!--[\s\S]*?-->/, ''), clause.path) : null;
      if (expected === undefined || input === null) {
        kept.push(`${basename(file)}: no expectation or field read`);
        continue;
      }
      judged++;
      const before = carried(input);
      const allowed = carried(expected);
      const ours = carried(sanitize(input, 'http://www.example.com/'));
      const survived = [...ours].filter((x) => before.has(x) && !allowed.has(x));
      if (survived.length) kept.push(`${basename(file)}: ${survived.join(', ')}`);
    }
    console.log(`feedparser sanitize corpus: ${judged} of ${cases.length} cases judged, ${judged - kept.length} with nothing kept that feedparser drops`);
    expect(kept).toEqual([]);
    expect(judged).toBe(497);
  });
});
