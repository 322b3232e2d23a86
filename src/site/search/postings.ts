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

/** One key's postings, written as documents arrive (in document order); pairs also keep their positions apart. */
interface Postings {
  docs: number;
  last: number;
  data: Bytes;
  positions: Bytes | null;
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
    if (!p) this.keys.set(key, (p = { docs: 0, last: 0, data: new Bytes(), positions: h.positions ? new Bytes() : null }));
    const delta = doc - p.last;
    p.data.varint(delta);
    p.last = doc;
    p.docs++;
    p.data.varint(h.title);
    p.data.varint(h.body);
    if (h.positions && p.positions) {
      p.positions.varint(delta);
      let prev = 0;
      for (const pos of h.positions) {
        p.positions.varint(pos - prev);
        prev = pos;
      }
    }
  }

  get size(): number {
    return this.docs;
  }

  /**
   * The shards: documents per key in one set, positions of pairs in another (only a phrase of three
   * characters or more reads those). Each set is a power of two of files, sized by its bytes.
   */
  shards(): { docs: Uint8Array[]; positions: Uint8Array[] } {
    return { docs: this.cut((p) => p.data), positions: this.cut((p) => p.positions) };
  }

  private cut(part: (p: Postings) => Bytes | null): Uint8Array[] {
    let total = 0;
    for (const [key, p] of this.keys) total += part(p) ? key.length * 3 + part(p)!.length + 8 : 0;
    let count = 1;
    while (count < MAX_SHARDS && total / count > SHARD_BYTES) count *= 2;
    const out = Array.from({ length: count }, () => new Bytes());
    for (const [key, p] of this.keys) {
      const data = part(p);
      if (!data) continue;
      const b = out[shardOf(key, count)]!;
      const k = encoder.encode(key);
      b.varint(k.length);
      b.raw(k);
      b.varint(p.docs);
      b.varint(data.length);
      b.raw(data.bytes());
    }
    return out.map((b) => b.bytes());
  }
}
