import { CATEGORY, SITE, normalize, shardOf, tokenize } from '../assets/search.js';
import { Bytes } from './bytes.js';

/** What one document of a tier is made of: its text split into title and body, and its filters. */
export interface IndexDoc {
  title: string;
  body: string;
  category: string;
  site: string;
}

interface Hits {
  title: number;
  body: number;
  positions: number[] | null;
}

/** One key's postings, written as documents arrive (in document order). */
interface Postings {
  positions: boolean;
  docs: number;
  last: number;
  data: Bytes;
}

// A shard the size of a few requests' worth: small enough per query, few enough files.
const SHARD_BYTES = 12_000;
const MAX_SHARDS = 4096;
const encoder = new TextEncoder();

/** The inverted index of one tier, built one document at a time, then cut into shards. */
export class TierIndex {
  private keys = new Map<string, Postings>();
  private docs = 0;

  /** Adds the next document (numbered in the order added) and returns its number. */
  add(doc: IndexDoc): number {
    const n = this.docs++;
    const hits = new Map<string, Hits>();
    const title = normalize(doc.title);
    const see = (inTitle: boolean, offset: number) => (key: string, position: number | null) => {
      let h = hits.get(key);
      if (!h) hits.set(key, (h = { title: 0, body: 0, positions: position === null ? null : [] }));
      if (inTitle) h.title++;
      else h.body++;
      if (position !== null) h.positions!.push(offset + position);
    };
    tokenize(title, see(true, 0));
    // The body's positions come after the title's and never touch them: no pair spans the two.
    tokenize(normalize(doc.body), see(false, title.length + 1));
    hits.set(CATEGORY + normalize(doc.category), { title: 0, body: 0, positions: null });
    hits.set(SITE + normalize(doc.site), { title: 0, body: 0, positions: null });
    for (const [key, h] of hits) this.append(key, n, h);
    return n;
  }

  private append(key: string, doc: number, h: Hits): void {
    let p = this.keys.get(key);
    if (!p) this.keys.set(key, (p = { positions: h.positions !== null, docs: 0, last: 0, data: new Bytes() }));
    p.data.varint(doc - p.last);
    p.last = doc;
    p.docs++;
    p.data.varint(h.title);
    p.data.varint(h.body);
    if (h.positions) {
      let prev = 0;
      for (const pos of h.positions) {
        p.data.varint(pos - prev);
        prev = pos;
      }
    }
  }

  get size(): number {
    return this.docs;
  }

  /** The shards (a power of two of them, sized by the index), each the entries of its keys. */
  shards(): Uint8Array[] {
    let total = 0;
    for (const [key, p] of this.keys) total += key.length * 3 + p.data.length + 8;
    let count = 1;
    while (count < MAX_SHARDS && total / count > SHARD_BYTES) count *= 2;
    const out = Array.from({ length: count }, () => new Bytes());
    for (const [key, p] of this.keys) {
      const b = out[shardOf(key, count)]!;
      const k = encoder.encode(key);
      b.varint(k.length);
      b.raw(k);
      b.varint(p.positions ? 1 : 0);
      b.varint(p.docs);
      b.varint(p.data.length);
      b.raw(p.data.bytes());
    }
    return out.map((b) => b.bytes());
  }
}
