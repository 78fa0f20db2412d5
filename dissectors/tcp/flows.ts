/**
 * The analyzer's state of every TCP conversation (Wireshark's tcp_analysis and its two
 * tcp_flow_t), kept for the whole capture since a late segment (a retransmission after the close,
 * a RST, a SYN reusing the ports) still needs it — as columns of typed arrays indexed by
 * conversation, not as objects: about 190 bytes per conversation instead of some 650 in three
 * objects with their boxed numbers.
 *
 * `Flow` and `Conv` are cursors: set `i` and read or write the fields of that flow (conversation
 * × 2 + direction) or conversation through accessors; the analyzer keeps one cursor for each role
 * (forward, reverse, conversation) and moves them per segment. Sequence numbers are stored as
 * int32 and read back unsigned.
 *
 * A flow's segments not yet acknowledged (an UnackedList) exist only while it has some: a flow
 * holds a slot number into a small pool of lists, given back when the list empties (every ACK
 * that catches up with the sender), so finished connections keep no list.
 */
import { UnackedList } from './unacked.js';

/* int32 words of a flow. */
const W_STATIC = 0;
const W_BASESEQ = 1;
const W_WINDOW = 2;
const W_WINSCALE = 3;
const W_BITS = 4;
const W_PUSH = 5;
const W_LASTSEGFLAGS = 6;
const W_LASTACK = 7;
const W_LASTNONDUPACK = 8;
const W_DUPACKNUM = 9;
const W_NEXTSEQ = 10;
const W_MAXSEQTOBEACKED = 11;
const W_NEXTSEQFRAME = 12;
const W_SACKCOUNT = 13;
const W_SACKBYTES = 14;
const W_LIST = 15; // unacked list slot + 1, 0 when none
const FW = 16;
/* float64 words of a flow: times as the file gives them (seconds beyond 32 bits, any nanosecond field). */
const D_LASTACK_SEC = 0;
const D_LASTACK_NSEC = 1;
const D_NEXTSEQ_SEC = 2;
const D_NEXTSEQ_NSEC = 3;
const FD = 4;

/* Conversation times: seconds and nanoseconds (float64), one pair each. */
const T_FIRST = 0;
const T_MRUSYN = 2;
const T_FIRSTRTT = 4;
const T_PREV = 6;
const CT = 8;

/* Flow booleans, in W_BITS. */
const FB_VALID_BIF = 0x1;
const FB_PUSH_SET_LAST = 0x2;
const FB_FIRST_ACK = 0x4;

/** The list of a flow with none (count 0; never added to). */
const NO_LIST = new UnackedList();

function grownI32(a: Int32Array, need: number): Int32Array {
  let n = a.length;
  while (n < need) n = Math.ceil(n * 1.5) + 64;
  const b = new Int32Array(n);
  b.set(a);
  return b;
}

function grownF64(a: Float64Array, need: number): Float64Array {
  let n = a.length;
  while (n < need) n = Math.ceil(n * 1.5) + 64;
  const b = new Float64Array(n);
  b.set(a);
  return b;
}

/** Every conversation's state. */
export class FlowStore {
  /** Conversations so far. */
  count = 0;
  fi: Int32Array = new Int32Array(0);
  fd: Float64Array = new Float64Array(0);
  ts: Float64Array = new Float64Array(0);
  /** Unacked lists in use or free (a flow's W_LIST points here), and the free slots. */
  readonly lists: UnackedList[] = [];
  private readonly free: number[] = [];

  /** A new conversation starting at this time; returns its index. */
  add(sec: number, nsec: number): number {
    const c = this.count;
    if ((c + 1) * 2 * FW > this.fi.length) this.fi = grownI32(this.fi, (c + 1) * 2 * FW);
    if ((c + 1) * 2 * FD > this.fd.length) this.fd = grownF64(this.fd, (c + 1) * 2 * FD);
    if ((c + 1) * CT > this.ts.length) this.ts = grownF64(this.ts, (c + 1) * CT);
    for (let f = c * 2; f < c * 2 + 2; f++) {
      const b = f * FW;
      this.fi.fill(0, b, b + FW);
      this.fi[b + W_WINDOW] = -1;
      this.fi[b + W_WINSCALE] = -1;
      this.fi[b + W_BITS] = FB_VALID_BIF;
      this.fd.fill(0, f * FD, f * FD + FD);
    }
    const t = c * CT;
    this.ts.fill(0, t, t + CT);
    this.ts[t + T_FIRST] = sec;
    this.ts[t + T_FIRST + 1] = nsec;
    this.ts[t + T_PREV] = sec;
    this.ts[t + T_PREV + 1] = nsec;
    this.count = c + 1;
    return c;
  }

  /** A list for flow `f` (taken from the pool when it has none). */
  listFor(f: number): UnackedList {
    const slot = this.fi[f * FW + W_LIST]!;
    if (slot !== 0) return this.lists[slot - 1]!;
    let s = this.free.pop();
    if (s === undefined) {
      s = this.lists.length;
      this.lists.push(new UnackedList());
    }
    this.fi[f * FW + W_LIST] = s + 1;
    return this.lists[s]!;
  }

  /** Flow `f`'s list goes back to the pool when it is empty. */
  releaseIfEmpty(f: number): void {
    const slot = this.fi[f * FW + W_LIST]!;
    if (slot !== 0 && this.lists[slot - 1]!.count === 0) {
      this.fi[f * FW + W_LIST] = 0;
      this.free.push(slot - 1);
    }
  }

  /** Flows holding an unacknowledged list now. */
  get listsInUse(): number {
    return this.lists.length - this.free.length;
  }
}

/** One direction of a conversation: a cursor over FlowStore (see the top of this file). */
export class Flow {
  /** Flow index: conversation × 2 + (0 for its first flow, 1 for the second). */
  i = 0;

  constructor(private readonly st: FlowStore) {}

  /** Segments not acknowledged yet (an empty list when there are none: add with addUnacked()). */
  get unacked(): UnackedList {
    const slot = this.st.fi[this.i * FW + W_LIST]!;
    return slot !== 0 ? this.st.lists[slot - 1]! : NO_LIST;
  }
  addUnacked(seq: number, next: number, frame: number, sec: number, nsec: number): void {
    this.st.listFor(this.i).add(seq, next, frame, sec, nsec);
  }
  /** After an ACK: an emptied list goes back to the pool. */
  releaseUnacked(): void {
    this.st.releaseIfEmpty(this.i);
  }

  get staticFlags(): number {
    return this.st.fi[this.i * FW + W_STATIC]!;
  }
  set staticFlags(v: number) {
    this.st.fi[this.i * FW + W_STATIC] = v;
  }
  get baseSeq(): number {
    return this.st.fi[this.i * FW + W_BASESEQ]! >>> 0;
  }
  set baseSeq(v: number) {
    this.st.fi[this.i * FW + W_BASESEQ] = v;
  }
  /** Last raw window (0xffffffff before any segment). */
  get window(): number {
    return this.st.fi[this.i * FW + W_WINDOW]! >>> 0;
  }
  set window(v: number) {
    this.st.fi[this.i * FW + W_WINDOW] = v;
  }
  /** Window scale shift; −1 unknown, −2 no scaling. */
  get winScale(): number {
    return this.st.fi[this.i * FW + W_WINSCALE]!;
  }
  set winScale(v: number) {
    this.st.fi[this.i * FW + W_WINSCALE] = v;
  }
  get pushBytesSent(): number {
    return this.st.fi[this.i * FW + W_PUSH]! >>> 0;
  }
  set pushBytesSent(v: number) {
    this.st.fi[this.i * FW + W_PUSH] = v;
  }
  get lastSegmentFlags(): number {
    return this.st.fi[this.i * FW + W_LASTSEGFLAGS]!;
  }
  set lastSegmentFlags(v: number) {
    this.st.fi[this.i * FW + W_LASTSEGFLAGS] = v;
  }
  get lastack(): number {
    return this.st.fi[this.i * FW + W_LASTACK]! >>> 0;
  }
  set lastack(v: number) {
    this.st.fi[this.i * FW + W_LASTACK] = v;
  }
  get lastackSec(): number {
    return this.st.fd[this.i * FD + D_LASTACK_SEC]!;
  }
  set lastackSec(v: number) {
    this.st.fd[this.i * FD + D_LASTACK_SEC] = v;
  }
  get lastackNsec(): number {
    return this.st.fd[this.i * FD + D_LASTACK_NSEC]!;
  }
  set lastackNsec(v: number) {
    this.st.fd[this.i * FD + D_LASTACK_NSEC] = v;
  }
  get lastnondupack(): number {
    return this.st.fi[this.i * FW + W_LASTNONDUPACK]! >>> 0;
  }
  set lastnondupack(v: number) {
    this.st.fi[this.i * FW + W_LASTNONDUPACK] = v;
  }
  /** Duplicate ACKs so far (0xffffffff after an ACK of unseen data). */
  get dupacknum(): number {
    return this.st.fi[this.i * FW + W_DUPACKNUM]! >>> 0;
  }
  set dupacknum(v: number) {
    this.st.fi[this.i * FW + W_DUPACKNUM] = v;
  }
  get nextseq(): number {
    return this.st.fi[this.i * FW + W_NEXTSEQ]! >>> 0;
  }
  set nextseq(v: number) {
    this.st.fi[this.i * FW + W_NEXTSEQ] = v;
  }
  get maxseqtobeacked(): number {
    return this.st.fi[this.i * FW + W_MAXSEQTOBEACKED]! >>> 0;
  }
  set maxseqtobeacked(v: number) {
    this.st.fi[this.i * FW + W_MAXSEQTOBEACKED] = v;
  }
  get nextseqframe(): number {
    return this.st.fi[this.i * FW + W_NEXTSEQFRAME]! >>> 0;
  }
  set nextseqframe(v: number) {
    this.st.fi[this.i * FW + W_NEXTSEQFRAME] = v;
  }
  get nextseqSec(): number {
    return this.st.fd[this.i * FD + D_NEXTSEQ_SEC]!;
  }
  set nextseqSec(v: number) {
    this.st.fd[this.i * FD + D_NEXTSEQ_SEC] = v;
  }
  get nextseqNsec(): number {
    return this.st.fd[this.i * FD + D_NEXTSEQ_NSEC]!;
  }
  set nextseqNsec(v: number) {
    this.st.fd[this.i * FD + D_NEXTSEQ_NSEC] = v;
  }
  /** SACK blocks of this direction's latest segment: how many, and their total length. */
  get sackCount(): number {
    return this.st.fi[this.i * FW + W_SACKCOUNT]!;
  }
  set sackCount(v: number) {
    this.st.fi[this.i * FW + W_SACKCOUNT] = v;
  }
  get sackBytes(): number {
    return this.st.fi[this.i * FW + W_SACKBYTES]! >>> 0;
  }
  set sackBytes(v: number) {
    this.st.fi[this.i * FW + W_SACKBYTES] = v;
  }
  private bit(b: number): boolean {
    return (this.st.fi[this.i * FW + W_BITS]! & b) !== 0;
  }
  private setBit(b: number, v: boolean): void {
    const k = this.i * FW + W_BITS;
    this.st.fi[k] = v ? this.st.fi[k]! | b : this.st.fi[k]! & ~b;
  }
  get validBif(): boolean {
    return this.bit(FB_VALID_BIF);
  }
  set validBif(v: boolean) {
    this.setBit(FB_VALID_BIF, v);
  }
  get pushSetLast(): boolean {
    return this.bit(FB_PUSH_SET_LAST);
  }
  set pushSetLast(v: boolean) {
    this.setBit(FB_PUSH_SET_LAST, v);
  }
  get isFirstAck(): boolean {
    return this.bit(FB_FIRST_ACK);
  }
  set isFirstAck(v: boolean) {
    this.setBit(FB_FIRST_ACK, v);
  }
}

/** One conversation's times: a cursor over FlowStore (`i` = the conversation, i.e. tcp.stream). */
export class Conv {
  i = 0;

  constructor(private readonly st: FlowStore) {}

  get stream(): number {
    return this.i;
  }
  get tsFirstSec(): number {
    return this.st.ts[this.i * CT + T_FIRST]!;
  }
  get tsFirstNsec(): number {
    return this.st.ts[this.i * CT + T_FIRST + 1]!;
  }
  get tsMruSynSec(): number {
    return this.st.ts[this.i * CT + T_MRUSYN]!;
  }
  set tsMruSynSec(v: number) {
    this.st.ts[this.i * CT + T_MRUSYN] = v;
  }
  get tsMruSynNsec(): number {
    return this.st.ts[this.i * CT + T_MRUSYN + 1]!;
  }
  set tsMruSynNsec(v: number) {
    this.st.ts[this.i * CT + T_MRUSYN + 1] = v;
  }
  get tsFirstRttSec(): number {
    return this.st.ts[this.i * CT + T_FIRSTRTT]!;
  }
  set tsFirstRttSec(v: number) {
    this.st.ts[this.i * CT + T_FIRSTRTT] = v;
  }
  get tsFirstRttNsec(): number {
    return this.st.ts[this.i * CT + T_FIRSTRTT + 1]!;
  }
  set tsFirstRttNsec(v: number) {
    this.st.ts[this.i * CT + T_FIRSTRTT + 1] = v;
  }
  get tsPrevSec(): number {
    return this.st.ts[this.i * CT + T_PREV]!;
  }
  set tsPrevSec(v: number) {
    this.st.ts[this.i * CT + T_PREV] = v;
  }
  get tsPrevNsec(): number {
    return this.st.ts[this.i * CT + T_PREV + 1]!;
  }
  set tsPrevNsec(v: number) {
    this.st.ts[this.i * CT + T_PREV + 1] = v;
  }
}
