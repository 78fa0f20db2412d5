import { BoundsError, MalformedError } from './errors.js';

/**
 * A bounds-checked view on a frame's bytes (Wireshark's tvbuff). Offsets given to its methods are
 * relative to the view's start; `abs(off)` turns them into frame offsets for the decode tree.
 *
 * A view knows two ends: the captured end (bytes we have) and the reported end (bytes the packet
 * really had). Reading past the captured end but within the reported end raises a `truncated`
 * BoundsError; past the reported end, a `malformed` one. A view made by `subContained` claims more
 * than its parent has (an item whose length field runs past its container): its reported end is
 * the claim, and reading past what the parent had (`contEnd`) raises a `contained` BoundsError —
 * Wireshark's ContainedBoundsError, after the items that were there.
 */
export class Tvb {
  /** Data source number: 0 for the frame, others for reassembled buffers. */
  source = 0;
  /**
   * Where `sub` and `subClamped` take their views from: null (a new view each time) except in the
   * summary pass, whose frame view hands out views that are reused by the next packet (TvbPool).
   */
  pool: TvbPool | null = null;
  /** Absolute end of what the containing view had (the reported end, but for `subContained` views). */
  contEnd: number;

  constructor(
    /** The frame's captured bytes (shared by every view of the frame). */
    readonly data: Uint8Array,
    /** Absolute start of this view in `data`. */
    readonly start: number,
    /** Absolute end of the captured bytes of this view. */
    readonly capEnd: number,
    /** Absolute end of the bytes the packet really had, as far as this view is concerned. */
    readonly repEnd: number,
    /** Protocol abbreviation used in errors raised from this view. */
    public layer: string,
  ) {
    this.contEnd = repEnd;
  }

  /** A view over a whole frame: `data` as captured, `reportedLen` as it was on the wire. */
  static frame(data: Uint8Array, reportedLen: number, layer = 'frame'): Tvb {
    const cap = data.length;
    return new Tvb(data, 0, cap, Math.max(cap, reportedLen), layer);
  }

  /**
   * Points this view elsewhere: only for views the framework reuses from packet to packet (the
   * summary pass's frame view), never for a view a dissector was given.
   */
  rebind(data: Uint8Array, start: number, capEnd: number, repEnd: number, layer: string): this {
    const m = this as { -readonly [K in keyof Tvb]: Tvb[K] };
    m.data = data;
    m.start = start;
    m.capEnd = capEnd;
    m.repEnd = repEnd;
    m.contEnd = repEnd;
    m.layer = layer;
    m.source = 0;
    return this;
  }

  /** Captured bytes in this view. */
  get length(): number {
    return this.capEnd - this.start;
  }

  /** Bytes the packet had in this view (≥ length). */
  get reportedLength(): number {
    return this.repEnd - this.start;
  }

  /** Captured bytes from `off` to the end of the view (0 when past it). */
  remaining(off: number): number {
    const r = this.capEnd - this.start - off;
    return r > 0 ? r : 0;
  }

  /** Reported bytes from `off` to the end of the view (0 when past it). */
  reportedRemaining(off: number): number {
    const r = this.repEnd - this.start - off;
    return r > 0 ? r : 0;
  }

  abs(off: number): number {
    return this.start + off;
  }

  /** Throws unless `len` bytes at `off` are captured. */
  check(off: number, len: number): void {
    const a = this.start + off;
    if (off < 0 || len < 0 || a + len > this.capEnd) this.fail(off, len);
  }

  /** True when `len` bytes at `off` are captured (never throws: for heuristics). */
  has(off: number, len: number): boolean {
    return off >= 0 && len >= 0 && this.start + off + len <= this.capEnd;
  }

  private fail(off: number, len: number): never {
    const a = this.start + off;
    const avail = Math.max(0, this.capEnd - a);
    if (off >= 0 && len >= 0 && a + len <= this.contEnd) {
      throw new BoundsError('truncated', this.layer, a, len, avail);
    }
    if (off >= 0 && len >= 0 && a + len <= this.repEnd) {
      throw new BoundsError('contained', this.layer, a, len, avail);
    }
    throw new BoundsError('malformed', this.layer, a, len, avail);
  }

  u8(off: number): number {
    const a = this.start + off;
    if (off < 0 || a >= this.capEnd) this.fail(off, 1);
    return this.data[a]!;
  }

  u16(off: number): number {
    const a = this.start + off;
    if (off < 0 || a + 2 > this.capEnd) this.fail(off, 2);
    const d = this.data;
    return (d[a]! << 8) | d[a + 1]!;
  }

  u16le(off: number): number {
    const a = this.start + off;
    if (off < 0 || a + 2 > this.capEnd) this.fail(off, 2);
    const d = this.data;
    return d[a]! | (d[a + 1]! << 8);
  }

  u24(off: number): number {
    const a = this.start + off;
    if (off < 0 || a + 3 > this.capEnd) this.fail(off, 3);
    const d = this.data;
    return (d[a]! << 16) | (d[a + 1]! << 8) | d[a + 2]!;
  }

  u32(off: number): number {
    const a = this.start + off;
    if (off < 0 || a + 4 > this.capEnd) this.fail(off, 4);
    const d = this.data;
    return ((d[a]! << 24) >>> 0) + ((d[a + 1]! << 16) | (d[a + 2]! << 8) | d[a + 3]!);
  }

  u32le(off: number): number {
    const a = this.start + off;
    if (off < 0 || a + 4 > this.capEnd) this.fail(off, 4);
    const d = this.data;
    return ((d[a + 3]! << 24) >>> 0) + ((d[a + 2]! << 16) | (d[a + 1]! << 8) | d[a]!);
  }

  /** 64-bit big-endian unsigned as a bigint (rare fields only: not for the hot path). */
  u64(off: number): bigint {
    return (BigInt(this.u32(off)) << 32n) | BigInt(this.u32(off + 4));
  }

  i8(off: number): number {
    return (this.u8(off) << 24) >> 24;
  }

  i32(off: number): number {
    return this.u32(off) | 0;
  }

  /** A sub-array of the captured bytes (no copy). */
  bytes(off: number, len: number): Uint8Array {
    this.check(off, len);
    const a = this.start + off;
    return this.data.subarray(a, a + len);
  }

  /** Bytes as a Latin-1 string (one char per byte: for protocol text such as HTTP headers). */
  latin1(off: number, len: number): string {
    this.check(off, len);
    const a = this.start + off;
    const d = this.data;
    let s = '';
    for (let i = 0; i < len; i++) s += String.fromCharCode(d[a + i]!);
    return s;
  }

  /**
   * A view of `len` bytes at `off` (to the end when `len` is omitted). `len` beyond the reported
   * end of this view is malformed; beyond the captured end the new view is simply shorter.
   */
  sub(off: number, len?: number, layer = this.layer): Tvb {
    const a = this.start + off;
    if (off < 0 || a > this.repEnd) throw new BoundsError('malformed', this.layer, a, 0, Math.max(0, this.capEnd - a));
    let rep = this.repEnd;
    if (len !== undefined) {
      if (len < 0 || a + len > this.repEnd) {
        throw new MalformedError(this.layer, a, `length ${len} runs past the end of the data (${this.repEnd - a} left)`);
      }
      rep = a + len;
    }
    const cap = this.capEnd < rep ? this.capEnd : rep;
    const pool = this.pool;
    const t = pool !== null ? pool.take(this.data, a, cap, rep, layer) : new Tvb(this.data, a, cap, rep, layer);
    t.source = this.source;
    if (this.contEnd < rep) t.contEnd = this.contEnd;
    return t;
  }

  /**
   * Wireshark's tvb_new_subset_length for an item whose length may run past this view: `sub`
   * where it fits; else a view that claims `len` bytes, of which what this view has can be read
   * (the items there are shown) and the rest raises a `contained` error.
   */
  subContained(off: number, len: number, layer = this.layer): Tvb {
    const a = this.start + off;
    if (off < 0 || len < 0 || a > this.repEnd || a + len <= this.repEnd) return this.sub(off, len, layer);
    const rep = a + len;
    const cap = this.capEnd < rep ? this.capEnd : rep;
    const pool = this.pool;
    const t = pool !== null ? pool.take(this.data, a, cap, rep, layer) : new Tvb(this.data, a, cap, rep, layer);
    t.source = this.source;
    t.contEnd = this.contEnd;
    return t;
  }

  /** `parent.subContained(off, len)` without allocating (see `resub`). */
  resubContained(parent: Tvb, off: number, len: number): this {
    const a = parent.start + off;
    if (off < 0 || len < 0 || a > parent.repEnd || a + len <= parent.repEnd) return this.resub(parent, off, len);
    const rep = a + len;
    this.rebind(parent.data, a, Math.min(parent.capEnd, rep), rep, parent.layer);
    this.source = parent.source;
    this.contEnd = parent.contEnd;
    return this;
  }

  /**
   * `parent.sub(off, len)` without allocating: points this view there instead (same checks, same
   * errors). Only for a scratch view that its owner re-points per use and that nothing keeps (e.g.
   * a TCP option's view in the summary pass).
   */
  resub(parent: Tvb, off: number, len: number): this {
    const a = parent.start + off;
    if (off < 0 || a > parent.repEnd) throw new BoundsError('malformed', parent.layer, a, 0, Math.max(0, parent.capEnd - a));
    if (len < 0 || a + len > parent.repEnd) {
      throw new MalformedError(parent.layer, a, `length ${len} runs past the end of the data (${parent.repEnd - a} left)`);
    }
    const rep = a + len;
    this.rebind(parent.data, a, Math.min(parent.capEnd, rep), rep, parent.layer);
    this.source = parent.source;
    if (parent.contEnd < rep) this.contEnd = parent.contEnd;
    return this;
  }

  /** Like `sub`, but clamps `len` to what the packet reported instead of raising. */
  subClamped(off: number, len: number, layer = this.layer): Tvb {
    const a = Math.min(this.start + Math.max(0, off), this.repEnd);
    const rep = Math.min(this.repEnd, a + Math.max(0, len));
    const cap = this.capEnd < rep ? this.capEnd : rep;
    const pool = this.pool;
    const t = pool !== null ? pool.take(this.data, a, cap, rep, layer) : new Tvb(this.data, a, cap, rep, layer);
    t.source = this.source;
    if (this.contEnd < rep) t.contEnd = this.contEnd;
    return t;
  }
}

/** Views one packet may take from a pool before `take` allocates (an ICMP error in a tunnel …). */
const POOL_MAX = 256;

/**
 * The views of one packet in the summary pass, reused by the next packet instead of a new Tvb per
 * layer per packet (the pass's largest allocation). A view taken from the pool (every view that
 * `sub` makes from a pooled view) is valid only until the framework starts the next packet: a
 * dissector that keeps something past its packet keeps bytes (copied) or offsets, never a view.
 * Within a packet every view is distinct, so nested layers (an IP header quoted in an ICMP error)
 * never share one.
 */
export class TvbPool {
  private readonly views: Tvb[] = [];
  private used = 0;

  /** Starts a packet: every view handed out so far may be handed out again. */
  reset(): void {
    this.used = 0;
  }

  /**
   * `Tvb.frame(data, reportedLen, layer)` from the pool: for a dissector's own buffer (a
   * reassembled message) in the summary pass, through `pinfo.views` (see PacketInfo.frameView).
   */
  frame(data: Uint8Array, reportedLen: number, layer: string): Tvb {
    const cap = data.length;
    return this.take(data, 0, cap, cap > reportedLen ? cap : reportedLen, layer);
  }

  /** A view with these bounds (a pooled one while the packet has taken fewer than POOL_MAX). */
  take(data: Uint8Array, start: number, capEnd: number, repEnd: number, layer: string): Tvb {
    const i = this.used;
    const views = this.views;
    if (i < views.length) {
      this.used = i + 1;
      return views[i]!.rebind(data, start, capEnd, repEnd, layer);
    }
    const t = new Tvb(data, start, capEnd, repEnd, layer);
    t.pool = this;
    if (i < POOL_MAX) {
      views.push(t);
      this.used = i + 1;
    }
    return t;
  }
}
