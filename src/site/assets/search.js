// Broadsheet search: the tokenizer shared by the index and the query, the index's format, the search
// page. Chinese, Japanese and Korean text is indexed by every character, pair and run of three, so
// any run of characters is found without a dictionary (names no dictionary knows included); other
// scripts by whole words, and a word touching CJK text (第29台) by its joints too. Loaded only when a
// reader searches; the same file is imported by the builder.

/** Bump when the format changes: every tier is then indexed again. */
export const FORMAT = 6;
const CJK = '\\p{sc=Han}\\p{sc=Hiragana}\\p{sc=Katakana}\\p{sc=Hangul}';
const TOKEN = new RegExp(`[${CJK}]+|(?:(?![${CJK}])[\\p{L}\\p{N}\\p{M}])+`, 'gu');
const IS_CJK = new RegExp(`^[${CJK}]`, 'u');
// Longer "words" are hashes, base64 or URLs: nobody types them.
const MAX_WORD = 40;
/** Prefix of one-character keys, apart from the words of other scripts. */
export const CHAR = '\u0002';
/** Between the two sides of a joint key: the CJK character and the word that touch. */
const JOIN = '\u0003';
/** Prefixes of the filter keys: every document carries its category and its site. */
export const CATEGORY = '\u0001c';
export const SITE = '\u0001s';

export const normalize = (s) => s.normalize('NFKC').toLowerCase();

/**
 * Calls `emit(key)` for every term of an already normalized text: each CJK character, pair and run of
 * three; each word. A word is its text; a CJK term is a number, its UTF-16 code units 16 bits each (no
 * string made per term: the index builder counts millions of them), a run outside the BMP its text.
 * `keyText` gives any key as the index writes it.
 */
export function tokenize(text, emit) {
  let prev = null;
  for (const m of text.matchAll(TOKEN)) {
    const joint = jointOf(prev, m);
    if (joint) emit(joint);
    prev = m;
    const run = m[0];
    if (!IS_CJK.test(run)) {
      if (run.length <= MAX_WORD) emit(run);
      continue;
    }
    if (SURROGATE.test(run)) {
      const chars = Array.from(run);
      for (let i = 0; i < chars.length; i++) {
        emit(runKey(chars, i, 1));
        if (i + 1 < chars.length) emit(runKey(chars, i, 2));
        if (i + 2 < chars.length) emit(runKey(chars, i, 3));
      }
      continue;
    }
    for (let i = 0; i < run.length; i++) {
      const c = run.charCodeAt(i);
      emit(c);
      if (i + 1 < run.length) {
        const pair = c * 65536 + run.charCodeAt(i + 1);
        emit(pair);
        if (i + 2 < run.length) emit(pair * 65536 + run.charCodeAt(i + 2));
      }
    }
  }
}

const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * The key of `n` characters of a run from `i`, as any run gives it: a number where all are in the BMP
 * (a run that also holds 𠮷 keys 中国 as every other document does: one key, one entry in its shard,
 * where a string and a number of the same text made two and a query read only the first).
 */
function runKey(chars, i, n) {
  const part = chars.slice(i, i + n);
  if (part.some((c) => c.length > 1)) return (n === 1 ? CHAR : '') + part.join('');
  let key = 0;
  for (const c of part) key = key * 65536 + c.charCodeAt(0);
  return key;
}

/**
 * The key of a CJK run and a word that touch, `m` right after `prev` (第 and 29, 29 and 台 in
 * 第29台): the character next to the word and the word. A query that joins them needs the joint, so
 * 第29台 finds no text where 第, 29 and 台 only stand apart. Null when the two do not touch.
 */
function jointOf(prev, m) {
  if (!prev || prev.index + prev[0].length !== m.index) return null;
  const [a, b] = [prev[0], m[0]];
  // Two runs that touch are one of each kind: the regex takes a kind's run whole.
  if (IS_CJK.test(b)) return a.length <= MAX_WORD ? a + JOIN + String.fromCodePoint(b.codePointAt(0)) : null;
  return b.length <= MAX_WORD ? Array.from(a.slice(-2)).at(-1) + JOIN + b : null;
}

/** A key of `tokenize` as the index writes it: a CJK character with its prefix, a pair or run of three as its text. */
export function keyText(key) {
  if (typeof key === 'string') return key;
  if (key < 65536) return CHAR + String.fromCharCode(key);
  if (key < 4294967296) return String.fromCharCode(Math.floor(key / 65536), key % 65536);
  return String.fromCharCode(Math.floor(key / 4294967296), Math.floor(key / 65536) % 65536, key % 65536);
}

/**
 * The key `tokenize` gave for a text `keyText` wrote (the builder reads a tier back from its shards): a
 * CJK character, pair or run of three within the BMP is a number; no word holds a CJK character.
 */
export function keyOf(text) {
  if (text[0] === CHAR) return text.length === 2 ? text.charCodeAt(1) : text;
  if (text.length < 2 || text.length > 3 || SURROGATE.test(text)) return text;
  let key = 0;
  for (const c of text) {
    if (!IS_CJK.test(c)) return text;
    key = key * 65536 + c.charCodeAt(0);
  }
  return key;
}

/**
 * What a query asks for: clauses, each a list of keys a document must all hold. A CJK run is its
 * own key up to three characters, and its runs of three beyond: `中国经济` needs `中国经` and `国经济`;
 * a word touching a CJK run needs the joint too.
 */
export function parseQuery(query) {
  const clauses = [];
  let prev = null;
  for (const m of normalize(query).matchAll(TOKEN)) {
    const joint = jointOf(prev, m);
    if (joint) clauses.push([joint]);
    prev = m;
    const run = m[0];
    const chars = Array.from(run);
    if (!IS_CJK.test(run)) {
      if (run.length <= MAX_WORD) clauses.push([run]);
    } else if (chars.length === 1) clauses.push([CHAR + run]);
    else if (chars.length <= 3) clauses.push([run]);
    else clauses.push(chars.slice(2).map((c, i) => chars[i] + chars[i + 1] + c));
  }
  return clauses;
}

/** FNV-1a over UTF-16 code units: which shard of a tier holds a key. */
export function shardOf(key, shards) {
  return keyHash(key) & (shards - 1);
}

/** A key's FNV-1a hash (the builder works it out once, before it knows how many shards there are). */
export function keyHash(key) {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

// A shard is a list of entries: key length, key (UTF-8), documents, data length, data; the data per
// document is its number (delta) and one byte of hits: in the title (up to 3) × 32 + in the body (up to 31).

export function readVarint(bytes, at) {
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

const encoder = new TextEncoder();

/** The documents holding `key`: Map document → weight (title hits count most). */
export function postingsOf(shard, key) {
  const want = encoder.encode(key);
  const at = { i: 0 };
  const out = new Map();
  while (at.i < shard.length) {
    const len = readVarint(shard, at);
    const match = len === want.length && sameBytes(want, shard, at.i);
    at.i += len;
    const docs = readVarint(shard, at);
    const size = readVarint(shard, at);
    if (!match) {
      at.i += size;
      continue;
    }
    let doc = 0;
    for (let d = 0; d < docs; d++) {
      doc += readVarint(shard, at);
      const hits = shard[at.i++];
      out.set(doc, (hits >> 5) * 8 + Math.min(hits & 31, 6));
    }
    return out;
  }
  return out;
}

/**
 * Where the documents appended to an archive tier after it was indexed stand in newest-first order:
 * its `order` lists them in that order, each with the first-indexed document before it (−1: none);
 * those after one document share the space up to the next. Null for a tier with none.
 */
function ranksOf(tier) {
  if (!tier.order) return null;
  const ranks = new Map();
  for (let i = 0; i < tier.order.length; ) {
    const before = tier.order[i][1];
    let j = i;
    while (j < tier.order.length && tier.order[j][1] === before) j++;
    for (let k = i; k < j; k++) ranks.set(tier.order[k][0], before + (k - i + 1) / (j - i + 1));
    i = j;
  }
  return ranks;
}

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
    // Documents appended since the tier was indexed (numbered after its own) have shards of their own.
    const docsOf = async (key) => {
      const [own, appended] = await Promise.all([file(`${tier.dir}${shardOf(key, tier.shards)}.bin`), tier.delta ? file(`${tier.dir}a${shardOf(key, tier.delta)}.bin`) : null]);
      const docs = postingsOf(own, key);
      if (appended) for (const [doc, weight] of postingsOf(appended, key)) docs.set(doc, weight);
      return docs;
    };
    const lists = await Promise.all(clauses.map((keys) => Promise.all(keys.map(docsOf))));
    // The documents holding every key, walked from the smallest list; a clause weighs as its rarest key.
    const all = lists.flat().sort((a, b) => a.size - b.size);
    const hits = [];
    // Documents whose items are gone since the tier was indexed: [first, last] ranges.
    const gone = tier.gone ?? [];
    for (const doc of all[0].keys()) {
      if (!all.every((l) => l.has(doc)) || gone.some(([a, b]) => doc >= a && doc <= b)) continue;
      const score = lists.reduce((n, keys) => n + Math.min(...keys.map((l) => l.get(doc))), 0);
      hits.push({ tier: index, doc, score });
    }
    return hits;
  }
  return {
    manifest: getManifest,
    /** Hits for a query, with optional `category` / `site` filters and `sort` 'newest' | 'relevance'. */
    async query(text, opts = {}) {
      const words = parseQuery(text);
      if (words.length === 0) return [];
      const clauses = [...words];
      if (opts.category) clauses.push([CATEGORY + normalize(opts.category)]);
      if (opts.site) clauses.push([SITE + normalize(opts.site)]);
      const m = await getManifest();
      const hits = (await Promise.all(m.tiers.map((t, i) => searchTier(t, i, clauses)))).flat();
      // Tiers are listed newest first; within one, documents are numbered newest first unless the tier says otherwise.
      const ranks = m.tiers.map(ranksOf);
      const rank = (h) => ranks[h.tier]?.get(h.doc) ?? h.doc;
      const newest = (a, b) => a.tier - b.tier || (m.tiers[a.tier].oldestFirst ? b.doc - a.doc : rank(a) - rank(b));
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

/** The query's terms as one pattern, to mark them in titles and excerpts; a part typed without spaces (第3号源) is tried whole first, so it is one mark. */
function marker(query) {
  const text = normalize(query);
  const terms = [...new Set([...text.split(/\s+/).filter((w) => w.length > 1), ...(text.match(TOKEN) ?? [])])];
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

/** About 160 characters around the first match (the start of the text if there is none). */
function excerptOf(text, re) {
  // Its own copy: `exec` moves a /g pattern's lastIndex, and `matchAll` in marked() would start there.
  const m = new RegExp(re.source, re.flags).exec(text);
  const start = m && m.index > 60 ? m.index - 50 : 0;
  const cut = text.slice(start, start + 160);
  return (start > 0 ? '…' : '') + cut + (start + 160 < text.length ? '…' : '');
}

function hitItem(doc, re, dates) {
  const li = document.createElement('li');
  li.className = 'hit';
  // The page's h1 is 搜索: results are the next level down (axe: heading-order).
  const h = document.createElement('h2');
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
  // As the article shows it: the site's time zone, not the reader's.
  const dates = new Intl.DateTimeFormat(document.documentElement.lang || undefined, { timeZone: form.dataset.tz || undefined, dateStyle: 'long', timeStyle: 'short', hourCycle: 'h23' });
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
