/**
 * The byte queue under both capture readers. Pushed chunks are kept by reference (never copied
 * on push). `ensure(n)` makes n bytes contiguous at `buf[pos]`: when they already are (the record
 * lies wholly inside one pushed chunk) nothing is copied and records can be handed out as
 * subarrays of the caller's chunk; only a record that straddles chunks is copied, into a carry
 * buffer that is reused (so a record view stays valid until the next `ensure`).
 */

const EMPTY = new Uint8Array(0);

export class ChunkQueue {
  /** Window holding the next bytes: a pushed chunk or the carry buffer. */
  buf: Uint8Array = EMPTY;
  /** DataView over `buf` (kept in step with it). */
  view: DataView = new DataView(EMPTY.buffer);
  /** Read position in `buf`. */
  pos = 0;
  /** End of the valid bytes in `buf`. */
  end = 0;
  /** Absolute file offset of `buf[pos]`. */
  offset = 0;
  /** Set by `end()` of the reader: no more chunks will come. */
  ended = false;

  private queue: Uint8Array[] = [];
  private head = 0;
  private queued = 0;
  private carry: Uint8Array = EMPTY;
  private carryView: DataView = new DataView(EMPTY.buffer);

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    if (this.pos === this.end && this.head === this.queue.length) {
      this.setWindow(chunk, chunk.length);
      this.queue.length = 0;
      this.head = 0;
    } else {
      this.queue.push(chunk);
      this.queued += chunk.length;
    }
  }

  /** True while unread bytes of the memory `b` are still in the queue (the window or queued chunks). */
  retains(b: ArrayBufferLike): boolean {
    if (this.pos < this.end && this.buf.buffer === b) return true;
    for (let i = this.head; i < this.queue.length; i++) if (this.queue[i]!.buffer === b) return true;
    return false;
  }

  /** Bytes not consumed yet. */
  get available(): number {
    return this.end - this.pos + this.queued;
  }

  /** Makes `n` bytes contiguous at `buf[pos]`; false when fewer than `n` bytes were pushed. */
  ensure(n: number): boolean {
    if (this.end - this.pos >= n) return true;
    if (this.end === this.pos) this.nextChunk();
    if (this.end - this.pos >= n) return true;
    if (this.available < n) return false;
    this.gather(n);
    return true;
  }

  /** Consumes `n` bytes (which `ensure` made contiguous). */
  consume(n: number): void {
    this.pos += n;
    this.offset += n;
  }

  private nextChunk(): void {
    if (this.head < this.queue.length) {
      const c = this.queue[this.head]!;
      this.queue[this.head++] = EMPTY;
      this.queued -= c.length;
      this.setWindow(c, c.length);
      if (this.head === this.queue.length) {
        this.queue.length = 0;
        this.head = 0;
      }
    }
  }

  private setWindow(b: Uint8Array, end: number, view?: DataView): void {
    if (b !== this.buf) {
      this.buf = b;
      this.view = view ?? new DataView(b.buffer, b.byteOffset, b.byteLength);
    }
    this.pos = 0;
    this.end = end;
  }

  /** Copies the unread bytes of the window plus queued bytes into the carry, up to `n` bytes. */
  private gather(n: number): void {
    const have = this.end - this.pos;
    let carry = this.carry;
    if (carry.length < n) {
      const next = new Uint8Array(Math.max(n, carry.length * 2, 4096));
      next.set(this.buf.subarray(this.pos, this.end), 0);
      carry = next;
    } else if (this.buf === carry) {
      carry.copyWithin(0, this.pos, this.end);
    } else {
      carry.set(this.buf.subarray(this.pos, this.end), 0);
    }
    let filled = have;
    while (filled < n) {
      const c = this.queue[this.head]!;
      const take = Math.min(c.length, n - filled);
      carry.set(take === c.length ? c : c.subarray(0, take), filled);
      filled += take;
      this.queued -= take;
      if (take === c.length) this.queue[this.head++] = EMPTY;
      else this.queue[this.head] = c.subarray(take);
    }
    if (this.head === this.queue.length) {
      this.queue.length = 0;
      this.head = 0;
    }
    if (carry !== this.carry) {
      this.carry = carry;
      this.carryView = new DataView(carry.buffer);
    }
    this.setWindow(carry, n, this.carryView);
  }
}
