/** A growing byte buffer of unsigned LEB128 numbers and raw bytes: the search index's encoding. */
export class Bytes {
  private buf: Uint8Array;
  length = 0;

  /** `capacity`: the bytes it will hold, where known (a shard): allocated once, with no slack. */
  constructor(capacity = 16) {
    this.buf = new Uint8Array(capacity);
  }

  private room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }

  varint(n: number): void {
    this.room(8);
    while (n >= 0x80) {
      this.buf[this.length++] = (n % 128) | 0x80;
      n = Math.floor(n / 128);
    }
    this.buf[this.length++] = n;
  }

  byte(n: number): void {
    this.room(1);
    this.buf[this.length++] = n;
  }

  raw(bytes: Uint8Array): void {
    this.room(bytes.length);
    this.buf.set(bytes, this.length);
    this.length += bytes.length;
  }

  /** Bytes `n` takes as a varint. */
  static varintSize(n: number): number {
    let size = 1;
    while (n >= 0x80) {
      n = Math.floor(n / 128);
      size++;
    }
    return size;
  }

  bytes(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }
}
