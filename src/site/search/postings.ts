import { CATEGORY, SITE, keyHash, keyOf, keyText, normalize, readVarint, tokenize } from '../assets/search.js';
import { Bytes } from './bytes.js';
import { KeyTable } from './key-table.js';

/** What one document of a tier is made of: its text split into title and body, and its filters. */
export interface IndexDoc {
  title: string;
  body: string;
  category: string;
  site: string;
}

/**
 * One key's postings as documents arrive (in document order): each document's number × 256 + its hits
 * byte, plain numbers in one array per key: most keys (runs of three characters) are in a document or
 * two, and a byte buffer or an object each cost more memory and time than the numbers themselves. A
 * key in one document holds its number alone, no array (86 % of a 25,000-document tier's keys: its
 * index 110 → 92 MB, its shards cut in 1.26 → 0.79 s). A
 * key past LONG documents (a common word) goes over to its shard encoding as it arrives — each
 * document's gap from the one before and its byte, about 2 bytes a document where a number takes 4
 * and its array's slack more: a tier of 10,000 bench documents, whose words are each in most of them,
 * held 99 MB of postings and holds 37 (the shards are the same bytes; real text, whose keys are rare, is
 * as fast within 3 %).
 */
type Postings = number | number[] | LongPostings;

interface LongPostings {
  data: Bytes;
  count: number;
  last: number;
}

const LONG = 256;

/** A hit's step in an entry's byte: hits in the title (up to 3) ×32, in the body (up to 31), as the page weighs them. */
const TITLE = 32;
const BODY = 1;
/** An entry's byte with one more hit `where`: each count stops at its most. */
const counted = (byte: number, where: number): number =>
  where === TITLE ? (byte < 96 ? byte + TITLE : byte) : where === BODY ? ((byte & 31) < 31 ? byte + BODY : byte) : byte;

// A shard the size of a few requests' worth: small enough per query, few enough files.
const SHARD_BYTES = 6_000;
const MAX_SHARDS = 4096;
const decoder = new TextDecoder();

/** The inverted index of one tier, built one document at a time, then cut into shards. */
export class TierIndex {
  private table = new KeyTable();
  /** Each key's postings, by its id in `table`. */
  private postings: (Postings | undefined)[] = [];
  private docs = 0;

  /**
   * The index of a tier's `docs` documents read back from its shards, to take the documents after them:
   * its shards then are the bytes indexing them all at once gives (the keys come back in their order
   * within each shard, and a tier that grows splits a shard into shards of its keys, never mixes two).
   */
  static resume(shards: readonly Uint8Array[], docs: number): TierIndex {
    const index = new TierIndex();
    index.docs = docs;
    for (const shard of shards) {
      const at = { i: 0 };
      while (at.i < shard.length) {
        const length = readVarint(shard, at);
        const key = keyOf(decoder.decode(shard.subarray(at.i, at.i + length)));
        at.i += length;
        const count = readVarint(shard, at);
        const size = readVarint(shard, at);
        const end = at.i + size;
        if (count > LONG) {
          const data = new Bytes(size);
          data.raw(shard.subarray(at.i, end));
          let last = 0;
          for (let d = 0; d < count; d++, at.i++) last += readVarint(shard, at);
          index.set(key, { data, count, last });
        } else {
          const entries: number[] = [];
          let doc = 0;
          for (let d = 0; d < count; d++) {
            doc += readVarint(shard, at);
            entries.push(doc * 256 + shard[at.i++]!);
          }
          index.set(key, count === 1 ? entries[0]! : entries);
        }
        if (at.i !== end || at.i > shard.length) throw new Error('a search shard ends inside an entry');
      }
    }
    return index;
  }

  /** Adds the next document (numbered in the order added) and returns its number. */
  add(doc: IndexDoc): number {
    const n = this.docs++;
    // Each key's entry counts its hits as they come (title keys first, so keys enter the index in the
    // same order whatever the counting): no map of the document's own.
    tokenize(normalize(doc.title), (key) => this.hit(key, n, TITLE));
    tokenize(normalize(doc.body), (key) => this.hit(key, n, BODY));
    this.hit(CATEGORY + normalize(doc.category), n, 0);
    this.hit(SITE + normalize(doc.site), n, 0);
    return n;
  }

  /** One more hit of `key` in document `doc` (the newest): its entry made, or its byte counted up. */
  private hit(key: string | number, doc: number, where: number): void {
    const id = this.table.find(key);
    if (id < 0) return this.set(key, doc * 256 + counted(0, where));
    const p = this.postings[id]!;
    if (typeof p === 'number') this.postings[id] = Math.floor(p / 256) === doc ? doc * 256 + counted(p % 256, where) : [p, doc * 256 + counted(0, where)];
    else if (!Array.isArray(p)) {
      if (p.last === doc) p.data.setLast(counted(p.data.last(), where));
      else {
        p.data.varint(doc - p.last);
        p.data.byte(counted(0, where));
        p.count++;
        p.last = doc;
      }
    } else {
      const last = p[p.length - 1]!;
      if (Math.floor(last / 256) === doc) p[p.length - 1] = doc * 256 + counted(last % 256, where);
      else if (p.length < LONG) p.push(doc * 256 + counted(0, where));
      else {
        const long: LongPostings = { data: new Bytes(), count: 0, last: 0 };
        for (const e of [...p, doc * 256 + counted(0, where)]) {
          const d = Math.floor(e / 256);
          long.data.varint(d - long.last);
          long.data.byte(e % 256);
          long.count++;
          long.last = d;
        }
        this.postings[id] = long;
      }
    }
  }

  /** A key the index does not hold yet, with its postings. */
  private set(key: string | number, p: Postings): void {
    this.table.add(key);
    this.postings.push(p);
  }

  get size(): number {
    return this.docs;
  }

  /**
   * The shards: a power of two of them, sized by the index, each the entries of its keys in the order
   * the keys came. Each shard's size is worked out first and its buffer allocated once, and the shards
   * are cut one after another, each key's postings let go once copied: the index turns into its shards
   * rather than being held beside them whole (a tier of 25,000 documents: 58 MB of shards, 52 MB of
   * them long postings the index held too). The index is spent after.
   */
  shards(): Uint8Array[] {
    const n = this.table.size;
    // Each key's hash and entry size, from its text made once (8 bytes a key while the shards are cut).
    const hashes = new Uint32Array(n);
    const entryBytes = new Uint32Array(n);
    let total = 0;
    for (let id = 0; id < n; id++) {
      const p = this.postings[id]!;
      const text = keyText(this.table.key(id));
      const k = Buffer.byteLength(text);
      const short = shortOf(p);
      const data = short ? arrayDataSize(short) : (p as LongPostings).data.length;
      hashes[id] = keyHash(text);
      entryBytes[id] = Bytes.varintSize(k) + k + Bytes.varintSize(countOf(p)) + Bytes.varintSize(data) + data;
      total += text.length * 3 + countOf(p) * 2 + 8;
    }
    let count = 1;
    while (count < MAX_SHARDS && total / count > SHARD_BYTES) count *= 2;
    // Each shard's size; then the keys' ids grouped by shard, in the order they came.
    const shardOfKey = (id: number) => hashes[id]! & (count - 1);
    const sizes = new Float64Array(count);
    const starts = new Uint32Array(count + 1);
    for (let id = 0; id < n; id++) {
      const shard = shardOfKey(id);
      starts[shard + 1]!++;
      sizes[shard]! += entryBytes[id]!;
    }
    for (let s = 0; s < count; s++) starts[s + 1]! += starts[s]!;
    const ids = new Uint32Array(n);
    const next = starts.slice(0, count);
    for (let id = 0; id < n; id++) ids[next[shardOfKey(id)]!++] = id;
    const out: Uint8Array[] = [];
    const data = new Bytes();
    for (let s = 0; s < count; s++) {
      // Eight bytes more: a varint asks for room for the longest one.
      const b = new Bytes(sizes[s]! + 8);
      for (let j = starts[s]!; j < starts[s + 1]!; j++) {
        const id = ids[j]!;
        const p = this.postings[id]!;
        this.postings[id] = undefined;
        const text = keyText(this.table.key(id));
        const k = Buffer.byteLength(text);
        b.varint(k);
        b.utf8(text, k);
        const short = shortOf(p);
        if (!short) {
          const long = p as LongPostings;
          b.varint(long.count);
          b.varint(long.data.length);
          b.raw(long.data.bytes());
          continue;
        }
        b.varint(short.length);
        // Each document as the gap from the one before, then its byte.
        data.length = 0;
        let last = 0;
        for (const entry of short) {
          const doc = Math.floor(entry / 256);
          data.varint(doc - last);
          data.byte(entry % 256);
          last = doc;
        }
        b.varint(data.length);
        b.raw(data.bytes());
      }
      out.push(b.bytes());
    }
    this.table = new KeyTable();
    this.postings = [];
    return out;
  }
}

/** A key's postings as a list of entries, unless they are long (in their shard encoding already). */
const shortOf = (p: Postings): readonly number[] | null => (typeof p === 'number' ? [p] : Array.isArray(p) ? p : null);
const countOf = (p: Postings): number => (typeof p === 'number' ? 1 : Array.isArray(p) ? p.length : p.count);

/** The bytes of a short key's postings as its shard writes them: each gap and its byte. */
function arrayDataSize(p: readonly number[]): number {
  let size = 0;
  let last = 0;
  for (const entry of p) {
    const doc = Math.floor(entry / 256);
    size += Bytes.varintSize(doc - last) + 1;
    last = doc;
  }
  return size;
}
