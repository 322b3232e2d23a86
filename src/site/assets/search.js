// Broadsheet search: the tokenizer shared by the index and the query, the index's format, the search
// page. Chinese, Japanese and Korean text is indexed as overlapping character pairs with positions,
// so any run of characters is found exactly (names no dictionary knows included); other scripts
// by whole words. Loaded only when a reader searches; the same file is imported by the builder.

/** Bump when the format changes: every tier is then indexed again. */
export const FORMAT = 1;
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

// A shard is a list of entries: key length, key (UTF-8), flags (1: positions), documents, data length, data.
// Data per document: document number (delta), hits in the title, hits in the body, then with flag 1
// the positions of all hits (deltas), the title's first.

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

/** The postings of `key` in a shard: Map document → { title, body, positions }. Empty if absent. */
export function postingsOf(shard, key) {
  const want = new TextEncoder().encode(key);
  const at = { i: 0 };
  while (at.i < shard.length) {
    const len = readVarint(shard, at);
    const match = len === want.length && sameBytes(want, shard, at.i);
    at.i += len;
    const flags = readVarint(shard, at);
    const docs = readVarint(shard, at);
    const size = readVarint(shard, at);
    if (!match) {
      at.i += size;
      continue;
    }
    const out = new Map();
    let doc = 0;
    for (let d = 0; d < docs; d++) {
      doc += readVarint(shard, at);
      const title = readVarint(shard, at);
      const body = readVarint(shard, at);
      let positions = null;
      if (flags & 1) {
        positions = new Array(title + body);
        let p = 0;
        for (let k = 0; k < positions.length; k++) positions[k] = p += readVarint(shard, at);
      }
      out.set(doc, { title, body, positions });
    }
    return out;
  }
  return new Map();
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

/** Title and body hits of a phrase in one document, from the postings of its pairs. */
function phraseHits(lists, doc) {
  const first = lists[0].get(doc);
  const rest = lists.slice(1).map((l) => l.get(doc));
  if (!first || rest.some((r) => !r)) return null;
  let title = 0;
  let body = 0;
  first.positions.forEach((p, k) => {
    if (rest.every((r, i) => includesSorted(r.positions, p + i + 1))) {
      if (k < first.title) title++;
      else body++;
    }
  });
  return title + body > 0 ? { title, body } : null;
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
  const shard = (tier, key) => {
    const path = `${tier.dir}${shardOf(key, tier.shards)}.bin`;
    if (!shards.has(path)) shards.set(path, load(path).then((b) => b ?? new Uint8Array(0)));
    return shards.get(path);
  };
  async function searchTier(tier, index, clauses) {
    const lists = await Promise.all(clauses.map(async (c) => (c.phrase ? Promise.all(c.phrase.map(async (k) => postingsOf(await shard(tier, k), k))) : postingsOf(await shard(tier, c.key), c.key))));
    // Walk the smallest list; every other clause must hold for the document too.
    const sizes = lists.map((l) => (Array.isArray(l) ? Math.min(...l.map((x) => x.size)) : l.size));
    const smallest = lists[sizes.indexOf(Math.min(...sizes))];
    const hits = [];
    for (const doc of (Array.isArray(smallest) ? smallest[0] : smallest).keys()) {
      let score = 0;
      let ok = true;
      for (let c = 0; c < clauses.length && ok; c++) {
        const h = clauses[c].phrase ? phraseHits(lists[c], doc) : lists[c].get(doc) ?? null;
        if (!h) ok = false;
        else score += h.title * 8 + Math.min(h.body, 6);
      }
      if (ok) hits.push({ tier: index, doc, score });
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
