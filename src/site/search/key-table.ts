/**
 * A tier's keys, each numbered in the order it came: CJK runs (numbers up to 2^48) in an open-addressed
 * table over typed arrays, words and filters (strings) in a Map. A `Map` keyed by those numbers boxes
 * each one (they are past the small-integer range) and follows two links per look-up; the search
 * worker looks a key up for every character of every document it indexes.
 */
export class KeyTable {
  /** Each key's number (NaN where the key is a string), by its id. */
  private numbers = new Float64Array(1024);
  private words = new Map<string, number>();
  private wordOf = new Map<number, string>();
  /** id + 1 of the key in each slot (0: empty); at most half full. */
  private slots = new Int32Array(4096);
  size = 0;

  /** The key's id, or -1 when it has none yet. */
  find(key: string | number): number {
    if (typeof key === 'string') return this.words.get(key) ?? -1;
    const mask = this.slots.length - 1;
    for (let s = slotOf(key) & mask; ; s = (s + 1) & mask) {
      const id = this.slots[s]! - 1;
      if (id < 0 || this.numbers[id] === key) return id;
    }
  }

  /** Gives a key that has none (`find` said -1) the next id. */
  add(key: string | number): number {
    const id = this.size++;
    if (id === this.numbers.length) {
      const grown = new Float64Array(id * 2);
      grown.set(this.numbers);
      this.numbers = grown;
    }
    if (typeof key === 'string') {
      this.numbers[id] = NaN;
      this.words.set(key, id);
      this.wordOf.set(id, key);
      return id;
    }
    this.numbers[id] = key;
    if (this.size * 2 > this.slots.length) this.rehash();
    else this.place(key, id);
    return id;
  }

  key(id: number): string | number {
    const n = this.numbers[id]!;
    return Number.isNaN(n) ? this.wordOf.get(id)! : n;
  }

  private place(key: number, id: number): void {
    const mask = this.slots.length - 1;
    let s = slotOf(key) & mask;
    while (this.slots[s] !== 0) s = (s + 1) & mask;
    this.slots[s] = id + 1;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    for (let id = 0; id < this.size; id++) if (!Number.isNaN(this.numbers[id]!)) this.place(this.numbers[id]!, id);
  }
}

/** A well-mixed 32-bit hash of an integer below 2^53. */
function slotOf(key: number): number {
  let h = Math.imul((key >>> 0) ^ Math.imul((key / 4294967296) | 0, 0x85ebca6b), 0x9e3779b1);
  h ^= h >>> 15;
  return h >>> 0;
}
