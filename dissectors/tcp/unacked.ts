/**
 * One direction's segments not yet acknowledged (Wireshark's tcp_unacked_t list), oldest first,
 * as flat number arrays: sequence number, next sequence number, frame, time.
 * Sequence numbers may be given as unsigned or signed 32-bit numbers (the analyzer passes signed
 * ones: small integers that need no heap box); everything here is computed modulo 2^32.
 *
 * Wireshark walks the whole list for every ACK and every data segment, which costs O(window) per
 * packet on a bulk transfer. Here the list also knows when it is ordered (sequence numbers and
 * next sequence numbers never decrease, all within half the sequence space), which is the normal
 * case; then an ACK only touches the segments it acknowledges and bytes in flight are the span
 * from the first to the last segment. Whenever the order cannot be vouched for, the full walk
 * gives Wireshark's result; both ways give the same answers (test/dissectors/tcp/unacked.test.ts
 * compares them on random input).
 */
import { seqGT, seqLE } from './seq.js';

const STRIDE = 5;
const SEQ = 0;
const NEXT = 1;
const FRAME = 2;
const SEC = 3;
const NSEC = 4;
const HALF = 0x80000000;

/** Fast paths on (set false in tests to compare with the full walks). */
let fastPaths = true;
export function setUnackedFastPaths(on: boolean): void {
  fastPaths = on;
}

/*
 * Segment arrays are recycled: a list that empties (every ACK that catches up with the sender)
 * gives its array back, and the next segment takes one from here instead of growing a new one. At
 * any time only the connections with data in flight hold an array, so neither the allocation per
 * segment nor the memory kept per finished connection grows with the number of connections.
 */
const NO_SEGMENTS: number[] = [];
const POOL_SIZE = 256;
/** Arrays longer than this (a long bulk transfer's) are left to the garbage collector. */
const POOL_ARRAY_MAX = STRIDE * 256;
const pool: number[][] = [];

function takeArray(): number[] {
  return pool.length > 0 ? pool.pop()! : [];
}

function giveArray(s: number[]): void {
  if (s !== NO_SEGMENTS && pool.length < POOL_SIZE && s.length <= POOL_ARRAY_MAX) pool.push(s);
}

/** What an ACK did to the list. */
export class AckOutcome {
  /** Frame of the oldest segment whose end this ACK equals exactly (0: none). */
  frame = 0;
  sec = 0;
  nsec = 0;
}

export class UnackedList {
  /** STRIDE numbers per segment from `head`; entries past head + count are stale. */
  private s: number[] = NO_SEGMENTS;
  /** Index (in segments) of the oldest live segment. */
  private head = 0;
  count = 0;
  /** Non-decreasing seq and next, the whole list within half the sequence space. */
  private ordered = true;

  /** The oldest segment (count > 0). */
  oldestFrame(): number {
    return this.s[this.head * STRIDE + FRAME]!;
  }
  oldestSec(): number {
    return this.s[this.head * STRIDE + SEC]!;
  }
  oldestNsec(): number {
    return this.s[this.head * STRIDE + NSEC]!;
  }

  add(seq: number, next: number, frame: number, sec: number, nsec: number): void {
    let s = this.s;
    if (this.count === 0) {
      this.head = 0;
      this.ordered = true;
      if (s === NO_SEGMENTS) this.s = s = takeArray();
    } else if (this.ordered) {
      const first = s[this.head * STRIDE + SEQ]!;
      const lb = (this.head + this.count - 1) * STRIDE;
      const offSeq = (seq - first) >>> 0;
      const offNext = (next - first) >>> 0;
      if (offNext >= HALF || offSeq < ((s[lb + SEQ]! - first) >>> 0) || offNext < ((s[lb + NEXT]! - first) >>> 0) || offSeq > offNext) {
        this.ordered = false;
      }
    }
    const b = (this.head + this.count) * STRIDE;
    if (b >= s.length) {
      s.push(seq, next, frame, sec, nsec);
    } else {
      s[b + SEQ] = seq;
      s[b + NEXT] = next;
      s[b + FRAME] = frame;
      s[b + SEC] = sec;
      s[b + NSEC] = nsec;
    }
    this.count++;
  }

  /**
   * Applies an acknowledgment number: segments it covers are dropped, partly covered ones
   * shortened; `out.frame` is the oldest segment it acknowledges exactly. `nowSec/nowNsec` are
   * not used here; the caller computes the RTT from out.sec/out.nsec.
   */
  ack(ack: number, out: AckOutcome): void {
    out.frame = 0;
    if (this.count === 0) return;
    if (fastPaths && this.ordered && this.ackOrdered(ack, out)) return;
    this.ackWalk(ack, out);
  }

  /** The ordered case; false when the acknowledgment number is too far away to decide quickly. */
  private ackOrdered(ack: number, out: AckOutcome): boolean {
    const s = this.s;
    const hb = this.head * STRIDE;
    const first = s[hb + SEQ]!;
    const span = (s[(this.head + this.count - 1) * STRIDE + NEXT]! - first) >>> 0;
    // Where the ACK falls, as a signed offset from the first segment, valid for every element.
    const a = (ack - first) >>> 0;
    let off: number;
    if (a <= HALF) off = a;
    else if (((first - ack) >>> 0) + span < HALF) off = a - 0x100000000;
    else return false;
    let i = this.head;
    const end = this.head + this.count;
    // Segments ending at or before the ACK go (the oldest exact one is reported).
    for (; i < end; i++) {
      const b = i * STRIDE;
      const offNext = (s[b + NEXT]! - first) >>> 0;
      if (offNext > off) break;
      if (offNext === off && out.frame === 0) {
        out.frame = s[b + FRAME]!;
        out.sec = s[b + SEC]!;
        out.nsec = s[b + NSEC]!;
      }
    }
    const removed = i - this.head;
    // Segments the ACK falls inside are shortened; the rest start at or after it.
    for (let j = i; j < end; j++) {
      const b = j * STRIDE;
      if (((s[b + SEQ]! - first) >>> 0) >= off) break;
      s[b + SEQ] = ack;
    }
    this.head = i;
    this.count -= removed;
    if (this.count === 0) this.release();
    else if (this.head > 256 && this.head > this.count) {
      s.copyWithin(0, this.head * STRIDE, (this.head + this.count) * STRIDE);
      s.length = this.count * STRIDE;
      this.head = 0;
    }
    return true;
  }

  /** Wireshark's walk over every segment; also re-establishes whether the list is ordered. */
  private ackWalk(ack: number, out: AckOutcome): void {
    const s = this.s;
    const end = this.head + this.count;
    let w = 0;
    let ordered = true;
    let first = 0;
    let lastOffSeq = 0;
    let lastOffNext = 0;
    for (let i = this.head; i < end; i++) {
      const b = i * STRIDE;
      const next = s[b + NEXT]!;
      const seq = s[b + SEQ]!;
      let keep = false;
      let newSeq = seq;
      if (ack === next) {
        if (out.frame === 0) {
          out.frame = s[b + FRAME]!;
          out.sec = s[b + SEC]!;
          out.nsec = s[b + NSEC]!;
        }
      } else if (seqGT(ack, seq) && seqLE(ack, next)) {
        newSeq = ack; // partly acknowledged
        keep = true;
      } else if (seqGT(next, ack)) {
        keep = true;
      }
      if (!keep) continue;
      const d = w * STRIDE;
      s[d + SEQ] = newSeq;
      s[d + NEXT] = next;
      s[d + FRAME] = s[b + FRAME]!;
      s[d + SEC] = s[b + SEC]!;
      s[d + NSEC] = s[b + NSEC]!;
      if (w === 0) {
        first = newSeq;
        lastOffNext = (next - first) >>> 0;
        if (lastOffNext >= HALF) ordered = false;
      } else if (ordered) {
        const offSeq = (newSeq - first) >>> 0;
        const offNext = (next - first) >>> 0;
        if (offNext >= HALF || offSeq < lastOffSeq || offNext < lastOffNext || offSeq > offNext) ordered = false;
        lastOffSeq = offSeq;
        lastOffNext = offNext;
      }
      w++;
    }
    this.head = 0;
    this.count = w;
    this.ordered = ordered;
    if (w === 0) this.release();
    else s.length = w * STRIDE;
  }

  /** The list is empty: its array goes back to the pool. */
  private release(): void {
    this.head = 0;
    giveArray(this.s);
    this.s = NO_SEGMENTS;
  }

  /**
   * Bytes in flight as Wireshark computes them: the highest next sequence number minus the
   * lowest sequence number, each taken relative to `base` as unsigned 32-bit numbers.
   */
  inFlight(base: number): number {
    const s = this.s;
    const hb = this.head * STRIDE;
    const lb = (this.head + this.count - 1) * STRIDE;
    if (fastPaths && this.ordered) {
      const relFirst = (s[hb + SEQ]! - base) >>> 0;
      const span = (s[lb + NEXT]! - s[hb + SEQ]!) >>> 0;
      if (relFirst + span <= 0xffffffff) return span;
    }
    // Wireshark starts from the newest segment, then takes the minimum and maximum.
    let first = (s[lb + SEQ]! - base) >>> 0;
    let last = (s[lb + NEXT]! - base) >>> 0;
    const end = (this.head + this.count) * STRIDE;
    for (let b = hb; b < end; b += STRIDE) {
      const n = (s[b + NEXT]! - base) >>> 0;
      const q = (s[b + SEQ]! - base) >>> 0;
      if (n > last) last = n;
      if (q < first) first = q;
    }
    return (last - first) >>> 0;
  }
}
