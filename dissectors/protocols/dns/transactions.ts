/**
 * DNS transactions (Wireshark's dns_transaction_t) of one transport, by `conversation * 65536 +
 * transaction ID`: the latest transaction of each key, as an open-addressing hash table over typed
 * arrays, and through each row the one of its key before it (for revisits, `at`). One row per
 * transaction (41 bytes in pages of 4096), no object per query and no Map entry: a capture can
 * hold millions of queries, each a transaction kept for the whole capture.
 *
 * A transaction is a row number; `set` of a key already present points it at the new row (the
 * older transaction stays, unreachable by key, exactly as a replaced Map value would).
 */

const PAGE_BITS = 12;
const PAGE = 1 << PAGE_BITS;
const PAGE_MASK = PAGE - 1;

/**
 * One page of rows: key, request frame, response frame, request time (seconds, nanoseconds), and
 * the row of the same key before this one (−1: none), for revisits.
 */
class Page {
  readonly keys = new Float64Array(PAGE);
  readonly prevRows = new Int32Array(PAGE);
  readonly reqFrames = new Float64Array(PAGE);
  readonly repFrames = new Float64Array(PAGE);
  readonly reqSecs = new Float64Array(PAGE);
  readonly reqNsecs = new Int32Array(PAGE);
  /** 1 when the last message of the transaction asked AXFR or IXFR (its responses may be many). */
  readonly multi = new Uint8Array(PAGE);
}

export class DnsTransactions {
  /** Hash slots: row + 1, 0 when empty. */
  private slots = new Int32Array(1024);
  /** Rows in fixed pages: growing never copies them. */
  private pages: Page[] = [];
  private rows = 0;
  private used = 0;

  /** Transactions stored. */
  get size(): number {
    return this.rows;
  }

  /** The row of the latest transaction of `key` (a non-negative integer below 2^53), or −1. */
  get(key: number): number {
    const slots = this.slots;
    const mask = slots.length - 1;
    let i = hash(key) & mask;
    for (let probes = 0; probes <= mask; probes++) {
      const e = slots[i]!;
      if (e === 0) return -1;
      if (this.keyOf(e - 1) === key) return e - 1;
      i = (i + 1) & mask;
    }
    return -1;
  }

  /** A new transaction: a query in frame `reqFrame` at `reqSec`.`reqNsec`, now the latest of `key`. Returns its row. */
  add(key: number, reqFrame: number, reqSec: number, reqNsec: number): number {
    const row = this.rows++;
    if ((row >> PAGE_BITS) === this.pages.length) this.pages.push(new Page());
    const p = this.pages[row >> PAGE_BITS]!;
    const i = row & PAGE_MASK;
    p.keys[i] = key;
    p.reqFrames[i] = reqFrame;
    p.repFrames[i] = 0;
    p.reqSecs[i] = reqSec;
    p.reqNsecs[i] = reqNsec;
    p.multi[i] = 0;
    p.prevRows[i] = this.get(key);
    if ((this.used + 1) * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    this.place(key, row);
    return row;
  }

  /**
   * The transaction of `key` that a packet of frame `frame` belongs to once the first pass is
   * over (a revisit): the latest one whose query came at or before that frame, as Wireshark's
   * wmem_tree_lookup32_array_le by (ID, frame) finds it; −1 when there is none.
   */
  at(key: number, frame: number): number {
    let row = this.get(key);
    while (row >= 0 && this.reqFrame(row) > frame) row = this.pages[row >> PAGE_BITS]!.prevRows[row & PAGE_MASK]!;
    return row;
  }

  reqFrame(row: number): number {
    return this.pages[row >> PAGE_BITS]!.reqFrames[row & PAGE_MASK]!;
  }

  repFrame(row: number): number {
    return this.pages[row >> PAGE_BITS]!.repFrames[row & PAGE_MASK]!;
  }

  setRepFrame(row: number, frame: number): void {
    this.pages[row >> PAGE_BITS]!.repFrames[row & PAGE_MASK] = frame;
  }

  /** Wireshark's multiple_responds: a zone transfer's responses are not retransmissions. */
  multipleResponds(row: number): boolean {
    return this.pages[row >> PAGE_BITS]!.multi[row & PAGE_MASK] === 1;
  }

  setMultipleResponds(row: number, v: boolean): void {
    this.pages[row >> PAGE_BITS]!.multi[row & PAGE_MASK] = v ? 1 : 0;
  }

  reqSec(row: number): number {
    return this.pages[row >> PAGE_BITS]!.reqSecs[row & PAGE_MASK]!;
  }

  reqNsec(row: number): number {
    return this.pages[row >> PAGE_BITS]!.reqNsecs[row & PAGE_MASK]!;
  }

  private keyOf(row: number): number {
    return this.pages[row >> PAGE_BITS]!.keys[row & PAGE_MASK]!;
  }

  /** Points `key`'s slot at `row` (a new slot if the key has none). */
  private place(key: number, row: number): void {
    const slots = this.slots;
    const mask = slots.length - 1;
    let i = hash(key) & mask;
    for (let probes = 0; probes <= mask; probes++) {
      const e = slots[i]!;
      if (e === 0) {
        slots[i] = row + 1;
        this.used++;
        return;
      }
      if (this.keyOf(e - 1) === key) {
        slots[i] = row + 1;
        return;
      }
      i = (i + 1) & mask;
    }
  }

  /** Slots for the latest row of every key, in a table of `size` slots. */
  private rehash(size: number): void {
    const old = this.slots;
    this.slots = new Int32Array(size);
    this.used = 0;
    for (let i = 0; i < old.length; i++) {
      const e = old[i]!;
      if (e !== 0) this.place(this.keyOf(e - 1), e - 1);
    }
  }
}

/** A 32-bit mix of a key below 2^53 (both halves count: conversation and ID). */
function hash(key: number): number {
  const lo = key >>> 0;
  const hi = (key - lo) / 4294967296;
  let h = Math.imul(lo ^ Math.imul(hi | 0, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
