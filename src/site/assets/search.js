// Broadsheet search: the tokenizer shared by the index and the query, the index's format, the search
// page. Chinese, Japanese and Korean text is indexed as overlapping character pairs with positions,
// so any run of characters is found exactly (names no dictionary knows included); other scripts
// by whole words. Loaded only when a reader searches; the same file is imported by the builder.

/** Bump when the format changes: every tier is then indexed again. */
export const FORMAT = 2;
const CJK = '\\p{sc=Han}\\p{sc=Hiragana}\\p{sc=Katakana}\\p{sc=Hangul}';
const TOKEN = new RegExp(`[${CJK}]+|(?:(?![${CJK}])[\\p{L}\\p{N}\\p{M}])+`, 'gu');
const IS_CJK = new RegExp(`^[${CJK}]`, 'u');
// Longer "words" are hashes, base64 or URLs: nobody types them.
const MAX_WORD = 40;
/** Prefix of one-character keys (a single CJK character is found by document, without positions). */
export const CHAR = '\u0002';
/** Prefixes of the filter keys: every document carries its category and its site. */
export const CATEGORY = '\u0001c';
export const SITE = '\u0001s';

export const normalize = (s) => s.normalize('NFKC').toLowerCase();

/**
 * Calls `emit(key, position)` for every term of an already normalized text: each CJK character
 * (position null) and each pair of neighbours (its position), each word (position null).
 */
export function tokenize(text, emit) {
  for (const m of text.matchAll(TOKEN)) {
    const run = m[0];
    if (!IS_CJK.test(run)) {
      if (run.length <= MAX_WORD) emit(run, null);
      continue;
    }
    const chars = Array.from(run);
    for (let i = 0; i < chars.length; i++) {
      emit(CHAR + chars[i], null);
      if (i + 1 < chars.length) emit(chars[i] + chars[i + 1], m.index + i);
    }
  }
}

/**
 * What a query asks for: every clause must match. A CJK run of two or more characters is a phrase
 * (its pairs at consecutive positions); one character, a word or a filter is a key.
 */
export function parseQuery(query) {
  const clauses = [];
  for (const m of normalize(query).matchAll(TOKEN)) {
    const run = m[0];
    const chars = Array.from(run);
    if (IS_CJK.test(run) && chars.length > 1) clauses.push({ phrase: chars.slice(1).map((c, i) => chars[i] + c) });
    else if (IS_CJK.test(run)) clauses.push({ key: CHAR + run });
    else if (run.length <= MAX_WORD) clauses.push({ key: run });
  }
  return clauses;
}

/** FNV-1a over UTF-16 code units: which shard of a tier holds a key. */
export function shardOf(key, shards) {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (h >>> 0) & (shards - 1);
}

// A shard is a list of entries: key length, key (UTF-8), documents, data length, data. In the
// document shards the data per document is its number (delta), hits in the title, hits in the body;
// in the position shards (pairs only) its number (delta) and the positions of all its hits (deltas),
// the title's first.

function readVarint(bytes, at) {
  let value = 0;
  let shift = 1;
  let b;
  do {
    b = bytes[at.i++];
    value += (b & 0x7f) * shift;
    shift *= 128;
  } while (b & 0x80);
  return value;
}

const sameBytes = (a, b, offset) => {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[offset + i]) return false;
  return true;
};

/** Where `key`'s entry is in a shard: { docs, at } with `at.i` on its data; null if absent. */
function entryOf(shard, key) {
  const want = new TextEncoder().encode(key);
  const at = { i: 0 };
  while (at.i < shard.length) {
    const len = readVarint(shard, at);
    const match = len === want.length && sameBytes(want, shard, at.i);
    at.i += len;
    const docs = readVarint(shard, at);
    const size = readVarint(shard, at);
    if (match) return { docs, at };
    at.i += size;
  }
  return null;
}

/** The documents holding `key`: Map document → { title, body } (hits in each). */
export function postingsOf(shard, key) {
  const out = new Map();
  const e = entryOf(shard, key);
  if (!e) return out;
  let doc = 0;
  for (let d = 0; d < e.docs; d++) {
    doc += readVarint(shard, e.at);
    out.set(doc, { title: readVarint(shard, e.at), body: readVarint(shard, e.at) });
  }
  return out;
}

/** Where a pair stands in each document: Map document → ascending positions (`hits` says how many per document). */
export function positionsOf(shard, key, hits) {
  const out = new Map();
  const e = entryOf(shard, key);
  if (!e) return out;
  let doc = 0;
  for (let d = 0; d < e.docs; d++) {
    doc += readVarint(shard, e.at);
    const h = hits.get(doc);
    const list = new Array(h.title + h.body);
    let p = 0;
    for (let k = 0; k < list.length; k++) list[k] = p += readVarint(shard, e.at);
    out.set(doc, list);
  }
  return out;
}

function includesSorted(list, value) {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid] === value) return true;
    if (list[mid] < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

const weigh = (title, body) => title * 8 + Math.min(body, 6);

/**
 * A searcher over a built site. `load(path)` returns a file's bytes (null if missing), path relative
 * to the site's root. Hits are { tier, doc, score }: newest first, or by score (title hits count
 * most) with the newest first among equals.
 */
export function createSearch(load) {
  let manifest = null;
  const shards = new Map();
  const getManifest = async () => (manifest ??= load('search/index.json').then((b) => (b ? JSON.parse(new TextDecoder().decode(b)) : { tiers: [] })));
  const file = (path) => {
    if (!shards.has(path)) shards.set(path, load(path).then((b) => b ?? new Uint8Array(0)));
    return shards.get(path);
  };
  async function searchTier(tier, index, clauses) {
    const docsOf = async (key) => postingsOf(await file(`${tier.dir}${shardOf(key, tier.shards)}.bin`), key);
    const lists = await Promise.all(clauses.map((c) => Promise.all((c.phrase ?? [c.key]).map(docsOf))));
    // The documents holding every key of every clause, walked from the smallest list.
    const all = lists.flat().sort((a, b) => a.size - b.size);
    let docs = [...all[0].keys()].filter((d) => all.every((l) => l.has(d)));
    const scores = new Map(docs.map((d) => [d, 0]));
    for (const [c, clause] of clauses.entries()) {
      const keys = clause.phrase ?? [clause.key];
      const first = lists[c][0];
      if (keys.length === 1) {
        for (const d of docs) scores.set(d, scores.get(d) + weigh(first.get(d).title, first.get(d).body));
        continue;
      }
      if (docs.length === 0) break;
      // Three characters or more: every other pair (and the last) at the right distance covers every character.
      const check = keys.map((_, j) => j).filter((j) => j % 2 === 0 || j === keys.length - 1);
      const pos = await Promise.all(check.map(async (j) => positionsOf(await file(`${tier.dir}p${shardOf(keys[j], tier.positions)}.bin`), keys[j], lists[c][j])));
      docs = docs.filter((d) => {
        let title = 0;
        let body = 0;
        pos[0].get(d).forEach((p, i) => {
          if (!check.every((j, x) => x === 0 || includesSorted(pos[x].get(d), p + j))) return;
          if (i < first.get(d).title) title++;
          else body++;
        });
        scores.set(d, scores.get(d) + weigh(title, body));
        return title + body > 0;
      });
    }
    return docs.map((doc) => ({ tier: index, doc, score: scores.get(doc) }));
  }
  return {
    manifest: getManifest,
    /** Hits for a query, with optional `category` / `site` filters and `sort` 'newest' | 'relevance'. */
    async query(text, opts = {}) {
      const words = parseQuery(text);
      if (words.length === 0) return [];
      const clauses = [...words];
      if (opts.category) clauses.push({ key: CATEGORY + normalize(opts.category) });
      if (opts.site) clauses.push({ key: SITE + normalize(opts.site) });
      const m = await getManifest();
      const hits = (await Promise.all(m.tiers.map((t, i) => searchTier(t, i, clauses)))).flat();
      const newest = (a, b) => a.tier - b.tier || a.doc - b.doc;
      return hits.sort(opts.sort === 'relevance' ? (a, b) => b.score - a.score || newest(a, b) : newest);
    },
    /** What a hit shows: { url, title, date, site, channel, text }. */
    async doc(hit) {
      const m = await getManifest();
      const bytes = await load(`${m.tiers[hit.tier].dir}d/${hit.doc}.json`);
      return bytes ? JSON.parse(new TextDecoder().decode(bytes)) : null;
    },
  };
}

// The page: a box, a sort toggle, category and site filters, results twenty at a time.

const fetcher = (base) => async (path) => {
  const res = await fetch(base + path, path.endsWith('index.json') ? { cache: 'no-cache' } : {});
  return res.ok ? new Uint8Array(await res.arrayBuffer()) : null;
};
const searchers = new Map();
const searcherFor = (base) => {
  if (!searchers.has(base)) searchers.set(base, createSearch(fetcher(base)));
  return searchers.get(base);
};

/** Fetches the index's list of tiers, so the first query waits only for its own shards. */
export function warm(base) {
  searcherFor(base).manifest();
}

const PAGE = 20;
const fill = (s, values) => s.replace(/\{(\w+)\}/g, (_, k) => String(values[k] ?? ''));
const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The query's terms as one pattern, to mark them in titles and excerpts. */
function marker(query) {
  const terms = normalize(query).match(TOKEN) ?? [];
  return terms.length ? new RegExp(terms.sort((a, b) => b.length - a.length).map(escapeRegExp).join('|'), 'giu') : null;
}

/** Text with the matches in <mark>, built as nodes (never as HTML). */
function marked(text, re) {
  const frag = document.createDocumentFragment();
  let at = 0;
  if (re) {
    for (const m of text.matchAll(re)) {
      frag.append(text.slice(at, m.index));
      const mark = document.createElement('mark');
      mark.textContent = m[0];
      frag.append(mark);
      at = m.index + m[0].length;
    }
  }
  frag.append(text.slice(at));
  return frag;
}

/** About 160 characters around the first match (the start of the text if the match is further on). */
function excerptOf(text, re) {
  re.lastIndex = 0;
  const m = re ? re.exec(text) : null;
  const start = m && m.index > 60 ? m.index - 50 : 0;
  const cut = text.slice(start, start + 160);
  return (start > 0 ? '…' : '') + cut + (start + 160 < text.length ? '…' : '');
}

function hitItem(doc, re, dates) {
  const li = document.createElement('li');
  li.className = 'hit';
  const h = document.createElement('h3');
  const a = document.createElement('a');
  a.href = doc.url;
  a.append(marked(doc.title, re));
  h.append(a);
  const meta = document.createElement('p');
  meta.className = 'meta';
  const time = document.createElement('time');
  time.dateTime = doc.date;
  time.textContent = dates.format(new Date(doc.date));
  meta.append(`${doc.site} · ${doc.channel} · `, time);
  const ex = document.createElement('p');
  ex.className = 'excerpt';
  ex.append(marked(re ? excerptOf(doc.text, re) : doc.text.slice(0, 160), re));
  li.append(h, meta, ex);
  return li;
}

/** Runs the search page inside `form` (its fields: q, sort, category, site). */
export function mount(form) {
  const search = searcherFor(form.dataset.index);
  const f = form.elements;
  const status = document.getElementById('search-status');
  const list = document.getElementById('search-hits');
  const more = document.getElementById('search-more');
  const words = form.dataset;
  const hint = status.textContent;
  const dates = new Intl.DateTimeFormat(document.documentElement.lang || undefined, { dateStyle: 'medium', timeStyle: 'short' });
  const params = new URLSearchParams(location.search);
  for (const name of ['q', 'sort', 'category', 'site']) if (params.get(name)) f[name].value = params.get(name);
  let hits = [];
  let shown = 0;
  let run = 0;
  let composing = false;
  let timer = 0;

  async function showMore(id, re) {
    const page = hits.slice(shown, (shown += PAGE));
    const docs = await Promise.all(page.map((h) => search.doc(h)));
    if (id !== run) return;
    for (const doc of docs) if (doc) list.append(hitItem(doc, re, dates));
    more.hidden = shown >= hits.length;
  }

  async function go() {
    const id = ++run;
    const text = f.q.value.trim();
    const opts = { sort: f.sort.value, category: f.category.value, site: f.site.value };
    const url = new URL(location.href);
    url.search = new URLSearchParams(Object.entries({ q: text, ...opts }).filter(([, v]) => v && v !== 'newest')).toString();
    history.replaceState(null, '', url);
    if (!text) {
      list.replaceChildren();
      status.textContent = hint;
      more.hidden = true;
      return;
    }
    status.textContent = words.loading;
    const found = await search.query(text, opts);
    if (id !== run) return;
    hits = found;
    shown = 0;
    list.replaceChildren();
    status.textContent = found.length ? fill(words.count, { n: found.length }) : fill(words.none, { q: text });
    await showMore(id, marker(text));
  }

  const soon = () => {
    clearTimeout(timer);
    timer = setTimeout(go, 150);
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    go();
  });
  f.q.addEventListener('compositionstart', () => (composing = true));
  f.q.addEventListener('compositionend', () => {
    composing = false;
    soon();
  });
  f.q.addEventListener('input', () => composing || soon());
  for (const name of ['sort', 'category', 'site']) f[name].addEventListener('change', go);
  more.textContent = words.more;
  more.addEventListener('click', () => showMore(run, marker(f.q.value)));
  if (f.q.value) go();
  else f.q.focus();
}
