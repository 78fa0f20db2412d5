/**
 * The analyzer's state of every TCP conversation (Wireshark's tcp_analysis and its two
 * tcp_flow_t), kept for the whole capture since a late segment (a retransmission after the close,
 * a RST, a SYN reusing the ports) still needs it — as columns of typed arrays indexed by
 * conversation, not as objects: about 190 bytes per conversation instead of some 650 in three
 * objects with their boxed numbers.
 *
 * `Flow` and `Conv` are working copies: load(i) copies the words of that flow (conversation × 2
 * + direction) or conversation into plain fields, save() writes them back; the analyzer keeps
 * one of each role (forward, reverse, conversation), loads them per segment and saves them after
 * it (the hot path keeps reading object fields, which V8 handles without boxing numbers).
 *
 * A flow's segments not yet acknowledged (an UnackedList) exist only while it has some: a flow
 * holds a slot number into a small pool of lists, given back when the list empties (every ACK
 * that catches up with the sender), so finished connections keep no list.
 */
import { UnackedList } from './unacked.js';
import { grown } from '../core/grow.js';

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
    if ((c + 1) * 2 * FW > this.fi.length) this.fi = grown(this.fi, (c + 1) * 2 * FW, 64);
    if ((c + 1) * 2 * FD > this.fd.length) this.fd = grown(this.fd, (c + 1) * 2 * FD, 64);
    if ((c + 1) * CT > this.ts.length) this.ts = grown(this.ts, (c + 1) * CT, 64);
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

  /** Flow `f`'s list goes back to the pool when it is empty (returns true then). */
  releaseIfEmpty(f: number): boolean {
    const slot = this.fi[f * FW + W_LIST]!;
    if (slot !== 0 && this.lists[slot - 1]!.count === 0) {
      this.fi[f * FW + W_LIST] = 0;
      this.free.push(slot - 1);
      return true;
    }
    return false;
  }

  /** Flow `f`'s list, or an empty one. */
  listOf(f: number): UnackedList {
    const slot = this.fi[f * FW + W_LIST]!;
    return slot !== 0 ? this.lists[slot - 1]! : NO_LIST;
  }

  /** The arrays cut to the conversations there are (the end of a pass: no room kept for more; add() grows them again). */
  trim(): void {
    const c = this.count;
    if (this.fi.length > c * 2 * FW) this.fi = this.fi.slice(0, c * 2 * FW);
    if (this.fd.length > c * 2 * FD) this.fd = this.fd.slice(0, c * 2 * FD);
    if (this.ts.length > c * CT) this.ts = this.ts.slice(0, c * CT);
  }

  /**
   * The pass is over for good (no packet comes any more): every flow's state goes, the count of
   * conversations stays. Only analyzing more segments needs the state, and none come.
   */
  release(): void {
    this.fi = new Int32Array(0);
    this.fd = new Float64Array(0);
    this.ts = new Float64Array(0);
    this.lists.length = 0;
    this.free.length = 0;
  }

  /** Flows holding an unacknowledged list now. */
  get listsInUse(): number {
    return this.lists.length - this.free.length;
  }
}

/**
 * One direction of a conversation: a working copy of its words (plain fields, so the analyzer's
 * hot path reads and writes object fields as before) loaded from the FlowStore with load() and
 * written back with save() once the segment is analyzed. Sequence numbers are held as signed
 * 32-bit numbers behind accessors (a field that ever holds a number above 2^31 gets a heap box).
 */
export class Flow {
  /** Flow index: conversation × 2 + (0 for its first flow, 1 for the second). */
  i = 0;
  staticFlags = 0;
  private baseSeqI = 0;
  /** Last raw window (0xffffffff before any segment). */
  private windowI = -1;
  /** Window scale shift; −1 unknown, −2 no scaling. */
  winScale = -1;
  /** FB_* bits. */
  private bits = FB_VALID_BIF;
  private pushBytesSentI = 0;
  lastSegmentFlags = 0;
  private lastackI = 0;
  lastackSec = 0;
  lastackNsec = 0;
  lastnondupack = 0;
  private dupacknumI = 0;
  private nextseqI = 0;
  private maxseqtobeackedI = 0;
  nextseqframe = 0;
  nextseqSec = 0;
  nextseqNsec = 0;
  /** SACK blocks of this direction's latest segment: how many, and their total length. */
  sackCount = 0;
  private sackBytesI = 0;
  /** The flow's unacknowledged list (NO_LIST when it has none), found at load(). */
  private list: UnackedList = NO_LIST;

  constructor(private readonly st: FlowStore) {}

  /** Copies flow `i`'s words into the fields. */
  load(i: number): void {
    this.i = i;
    const w = this.st.fi;
    const b = i * FW;
    this.staticFlags = w[b + W_STATIC]!;
    this.baseSeqI = w[b + W_BASESEQ]!;
    this.windowI = w[b + W_WINDOW]!;
    this.winScale = w[b + W_WINSCALE]!;
    this.bits = w[b + W_BITS]!;
    this.pushBytesSentI = w[b + W_PUSH]!;
    this.lastSegmentFlags = w[b + W_LASTSEGFLAGS]!;
    this.lastackI = w[b + W_LASTACK]!;
    this.lastnondupack = w[b + W_LASTNONDUPACK]!;
    this.dupacknumI = w[b + W_DUPACKNUM]!;
    this.nextseqI = w[b + W_NEXTSEQ]!;
    this.maxseqtobeackedI = w[b + W_MAXSEQTOBEACKED]!;
    this.nextseqframe = w[b + W_NEXTSEQFRAME]!;
    this.sackCount = w[b + W_SACKCOUNT]!;
    this.sackBytesI = w[b + W_SACKBYTES]!;
    const d = this.st.fd;
    const c = i * FD;
    this.lastackSec = d[c + D_LASTACK_SEC]!;
    this.lastackNsec = d[c + D_LASTACK_NSEC]!;
    this.nextseqSec = d[c + D_NEXTSEQ_SEC]!;
    this.nextseqNsec = d[c + D_NEXTSEQ_NSEC]!;
    this.list = this.st.listOf(i);
  }

  /** Writes the fields back to flow `i`'s words. */
  save(): void {
    const w = this.st.fi;
    const b = this.i * FW;
    w[b + W_STATIC] = this.staticFlags;
    w[b + W_BASESEQ] = this.baseSeqI;
    w[b + W_WINDOW] = this.windowI;
    w[b + W_WINSCALE] = this.winScale;
    w[b + W_BITS] = this.bits;
    w[b + W_PUSH] = this.pushBytesSentI;
    w[b + W_LASTSEGFLAGS] = this.lastSegmentFlags;
    w[b + W_LASTACK] = this.lastackI;
    w[b + W_LASTNONDUPACK] = this.lastnondupack;
    w[b + W_DUPACKNUM] = this.dupacknumI;
    w[b + W_NEXTSEQ] = this.nextseqI;
    w[b + W_MAXSEQTOBEACKED] = this.maxseqtobeackedI;
    w[b + W_NEXTSEQFRAME] = this.nextseqframe;
    w[b + W_SACKCOUNT] = this.sackCount;
    w[b + W_SACKBYTES] = this.sackBytesI;
    const d = this.st.fd;
    const c = this.i * FD;
    d[c + D_LASTACK_SEC] = this.lastackSec;
    d[c + D_LASTACK_NSEC] = this.lastackNsec;
    d[c + D_NEXTSEQ_SEC] = this.nextseqSec;
    d[c + D_NEXTSEQ_NSEC] = this.nextseqNsec;
  }

  /** Segments not acknowledged yet (an empty list when there are none: add with addUnacked()). */
  get unacked(): UnackedList {
    return this.list;
  }
  addUnacked(seq: number, next: number, frame: number, sec: number, nsec: number): void {
    if (this.list === NO_LIST) this.list = this.st.listFor(this.i);
    this.list.add(seq, next, frame, sec, nsec);
  }
  /** After an ACK: an emptied list goes back to the pool. */
  releaseUnacked(): void {
    if (this.list !== NO_LIST && this.st.releaseIfEmpty(this.i)) this.list = NO_LIST;
  }

  get baseSeq(): number {
    return this.baseSeqI >>> 0;
  }
  set baseSeq(v: number) {
    this.baseSeqI = v | 0;
  }
  get window(): number {
    return this.windowI >>> 0;
  }
  set window(v: number) {
    this.windowI = v | 0;
  }
  get lastack(): number {
    return this.lastackI >>> 0;
  }
  set lastack(v: number) {
    this.lastackI = v | 0;
  }
  /** Duplicate ACKs so far (0xffffffff after an ACK of unseen data). */
  get dupacknum(): number {
    return this.dupacknumI >>> 0;
  }
  set dupacknum(v: number) {
    this.dupacknumI = v | 0;
  }
  get nextseq(): number {
    return this.nextseqI >>> 0;
  }
  set nextseq(v: number) {
    this.nextseqI = v | 0;
  }
  get maxseqtobeacked(): number {
    return this.maxseqtobeackedI >>> 0;
  }
  set maxseqtobeacked(v: number) {
    this.maxseqtobeackedI = v | 0;
  }
  get pushBytesSent(): number {
    return this.pushBytesSentI >>> 0;
  }
  set pushBytesSent(v: number) {
    this.pushBytesSentI = v | 0;
  }
  get sackBytes(): number {
    return this.sackBytesI >>> 0;
  }
  set sackBytes(v: number) {
    this.sackBytesI = v | 0;
  }
  get validBif(): boolean {
    return (this.bits & FB_VALID_BIF) !== 0;
  }
  set validBif(v: boolean) {
    this.bits = v ? this.bits | FB_VALID_BIF : this.bits & ~FB_VALID_BIF;
  }
  get pushSetLast(): boolean {
    return (this.bits & FB_PUSH_SET_LAST) !== 0;
  }
  set pushSetLast(v: boolean) {
    this.bits = v ? this.bits | FB_PUSH_SET_LAST : this.bits & ~FB_PUSH_SET_LAST;
  }
  get isFirstAck(): boolean {
    return (this.bits & FB_FIRST_ACK) !== 0;
  }
  set isFirstAck(v: boolean) {
    this.bits = v ? this.bits | FB_FIRST_ACK : this.bits & ~FB_FIRST_ACK;
  }
}

/** One conversation's times: a working copy like Flow (`i` = the conversation, i.e. tcp.stream). */
export class Conv {
  i = 0;
  tsFirstSec = 0;
  tsFirstNsec = 0;
  tsMruSynSec = 0;
  tsMruSynNsec = 0;
  tsFirstRttSec = 0;
  tsFirstRttNsec = 0;
  tsPrevSec = 0;
  tsPrevNsec = 0;

  constructor(private readonly st: FlowStore) {}

  get stream(): number {
    return this.i;
  }

  load(i: number): void {
    this.i = i;
    const t = this.st.ts;
    const b = i * CT;
    this.tsFirstSec = t[b + T_FIRST]!;
    this.tsFirstNsec = t[b + T_FIRST + 1]!;
    this.tsMruSynSec = t[b + T_MRUSYN]!;
    this.tsMruSynNsec = t[b + T_MRUSYN + 1]!;
    this.tsFirstRttSec = t[b + T_FIRSTRTT]!;
    this.tsFirstRttNsec = t[b + T_FIRSTRTT + 1]!;
    this.tsPrevSec = t[b + T_PREV]!;
    this.tsPrevNsec = t[b + T_PREV + 1]!;
  }

  save(): void {
    const t = this.st.ts;
    const b = this.i * CT;
    t[b + T_MRUSYN] = this.tsMruSynSec;
    t[b + T_MRUSYN + 1] = this.tsMruSynNsec;
    t[b + T_FIRSTRTT] = this.tsFirstRttSec;
    t[b + T_FIRSTRTT + 1] = this.tsFirstRttNsec;
    t[b + T_PREV] = this.tsPrevSec;
    t[b + T_PREV + 1] = this.tsPrevNsec;
  }
}
