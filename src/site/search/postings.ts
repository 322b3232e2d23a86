import { CATEGORY, SITE, keyText, normalize, shardOf, tokenize } from '../assets/search.js';
import { Bytes } from './bytes.js';

/** What one document of a tier is made of: its text split into title and body, and its filters. */
export interface IndexDoc {
  title: string;
  body: string;
  category: string;
  site: string;
}

/**
 * One key's postings as documents arrive (in document order): each the gap from the document before
 * × 256 + its hits byte. Plain numbers, not a byte buffer per key: most keys (runs of three
 * characters) are in a document or two, and a typed array each cost 2.5× the memory and time.
 */
interface Postings {
  docs: number;
  last: number;
  hits: number[];
}

// A shard the size of a few requests' worth: small enough per query, few enough files.
const SHARD_BYTES = 6_000;
const MAX_SHARDS = 4096;
const encoder = new TextEncoder();

/** The inverted index of one tier, built one document at a time, then cut into shards. */
export class TierIndex {
  private keys = new Map<string | number, Postings>();
  private docs = 0;

  /** Adds the next document (numbered in the order added) and returns its number. */
  add(doc: IndexDoc): number {
    const n = this.docs++;
    // Hits of each key, in the title (×65,536: a body of 20,000 characters never reaches it) and the
    // body; the title's keys first, so keys enter the index in the same order whatever the counting.
    const hits = new Map<string | number, number>();
    tokenize(normalize(doc.title), (key) => hits.set(key, (hits.get(key) ?? 0) + 65536));
    tokenize(normalize(doc.body), (key) => hits.set(key, (hits.get(key) ?? 0) + 1));
    for (const [key, h] of hits) this.append(key, n, Math.floor(h / 65536), h % 65536);
    this.append(CATEGORY + normalize(doc.category), n, 0, 0);
    this.append(SITE + normalize(doc.site), n, 0, 0);
    return n;
  }

  private append(key: string | number, doc: number, inTitle: number, inBody: number): void {
    let p = this.keys.get(key);
    if (!p) this.keys.set(key, (p = { docs: 0, last: 0, hits: [] }));
    // One byte: hits in the title (up to 3) and in the body (up to 31), as the page weighs them.
    p.hits.push((doc - p.last) * 256 + Math.min(inTitle, 3) * 32 + Math.min(inBody, 31));
    p.last = doc;
    p.docs++;
  }

  get size(): number {
    return this.docs;
  }

  /** The shards: a power of two of them, sized by the index, each the entries of its keys. */
  shards(): Uint8Array[] {
    let total = 0;
    const texts = new Map<string | number, string>();
    for (const [key, p] of this.keys) {
      const text = keyText(key);
      texts.set(key, text);
      total += text.length * 3 + p.docs * 2 + 8;
    }
    let count = 1;
    while (count < MAX_SHARDS && total / count > SHARD_BYTES) count *= 2;
    const out = Array.from({ length: count }, () => new Bytes());
    const data = new Bytes();
    for (const [key, p] of this.keys) {
      const text = texts.get(key)!;
      const b = out[shardOf(text, count)]!;
      const k = encoder.encode(text);
      b.varint(k.length);
      b.raw(k);
      b.varint(p.docs);
      data.length = 0;
      for (const h of p.hits) {
        data.varint(Math.floor(h / 256));
        data.byte(h % 256);
      }
      b.varint(data.length);
      b.raw(data.bytes());
    }
    return out.map((b) => b.bytes());
  }
}
