/**
 * First-pass TCP analysis results kept for dissecting frames again (Wireshark keeps its
 * per-segment analysis records for the same reason): fixed-size pages of typed arrays, one row
 * per analyzed TCP segment in capture order. A frame with several TCP headers (tunnels) has
 * consecutive rows. Pages are never copied when the table grows.
 *
 * Only what cannot be computed again is kept. A revisit dissects the frame's bytes again, so the
 * raw sequence and acknowledgment numbers, window, flags, segment length and capture time are
 * there again (load() takes them in a TcpSegmentInput); from those and a few values per stream —
 * the first base sequence number of each direction, the time of the stream's first segment, its
 * initial RTT — come the relative tcp.seq/ack/nxtseq, the calculated window, tcp.time_relative and
 * tcp.analysis.initial_rtt. A row is 4 32-bit words (16 bytes): the frame number (rows are found
 * by binary search: 4 bytes per TCP segment instead of 4 per frame), the stream, the flags and
 * bits, and the nanoseconds of the time delta; a segment that acknowledges data adds 8 bytes
 * (acks_frame, the ACK RTT's nanoseconds), one with bytes in flight 8 more (and bytes since PSH):
 * ROW_BYTES at most, about 23 on average. When the values computed again would differ (a base sequence number
 * that moved because a SYN-ACK reused the ports, a window scaled differently) or a value is one
 * of the rare ones (duplicate ACK number and frame, RTO and its frame, whole seconds of the ACK
 * RTT and time delta), the row has an extra record found by binary search over the rows that
 * have one (they are appended in row order).
 */
import { type TcpResultSink, type TcpSegmentInput, type TcpSegmentResult } from './analysis.js';
import { ndelta, nsDelta } from './nstime.js';
import { grown } from '../core/grow.js';

const PAGE_BITS = 14;
const PAGE = 1 << PAGE_BITS;
const PAGE_MASK = PAGE - 1;

/* 32-bit columns of a row. */
const C_FRAME = 0;
const C_STREAM = 1;
const C_BITS = 2;
const C_DELTA_NSEC = 3; // int32
const STRIDE = 4;
/*
 * Side records, appended in row order by the rows that have one (about half the segments
 * acknowledge data, fewer carry bytes in flight): acks_frame and the ACK RTT's nanoseconds; bytes
 * in flight and bytes since PSH. A row's record is found by counting: each block of RANK_BLOCK
 * rows keeps how many records came before it, and the rows of the block before this one are
 * looked at (their bits say whether they have one).
 */
const A_ACKSFRAME = 0;
const A_ACKRTT_NSEC = 1; // int32
const A_BIF = 0;
const A_PUSH = 1;
const SIDE = 2;
const RANK_SHIFT = 5;
const RANK_BLOCK = 1 << RANK_SHIFT;
/** Bytes kept per row at most (plus the rare extra record and a few per stream); 16 without side records. */
export const ROW_BYTES = (STRIDE + 2 * SIDE) * 4;

/* BITS: analysis flags in the low 15 bits, then these. */
const B_DIR = 1 << 15; // the segment goes from the conversation's second endpoint (the base of its direction)
const B_ANALYZED = 1 << 16;
const B_SCALE = 1 << 17;
const B_ANALYSIS = 1 << 18;
const B_IRTT = 1 << 19;
const B_REACH_SHIFT = 20; // 2 bits
const B_SYNFIN = 1 << 22; // nxtseq = seq + len + 1
const B_EXTRA = 1 << 23;
const B_SCALE_SHIFT = 24; // 5 bits: scaleFactor + 2 as a code (see scaleCode)
const B_OWN = 1 << 29; // the extra record holds the values otherwise computed again
const B_ACKREC = 1 << 30; // has an acks_frame / ACK RTT record
const B_BIFREC = 1 << 31; // has a bytes in flight / since PSH record

const TH_SYN = 0x02;
const TH_ACK = 0x10;

/* The extra record: Float64 values. */
const X_DUPNUM = 0;
const X_DUPFRAME = 1;
const X_RTOFRAME = 2;
const X_RTO_SEC = 3;
const X_RTO_NSEC = 4;
const X_ACKRTT_SEC = 5;
const X_DELTA_SEC = 6;
/* … and with B_OWN the values that could not be computed again. */
const X_SEQ = 7;
const X_ACK = 8;
const X_LEN = 9;
const X_WINDOW = 10;
const X_REL_SEC = 11;
const X_REL_NSEC = 12;
const X_IRTT_SEC = 13;
const X_IRTT_NSEC = 14;
const X_STRIDE = 15;

/* Per-stream values: first base sequence number of each direction, first segment's time, iRTT. */
const SB_BASE0 = 1; // base of direction 0 set
const SB_BASE1 = 2;
const SB_IRTT = 4;

/** tcp.window_size_scalefactor (−2, −1, or 1 << shift with shift 0…14) as 5 bits. */
function scaleCode(f: number): number {
  if (f < 0) return f + 2; // 0, 1
  return 2 + 31 - Math.clz32(f); // 2 … 16
}

function scaleOf(code: number): number {
  return code < 2 ? code - 2 : 1 << (code - 2);
}

export class TcpAnalysisTable implements TcpResultSink {
  private pages: Int32Array[] = [];
  private n = 0;
  /** Side records (SIDE words each, in pages of PAGE records) and their counts. */
  private ackPages: Int32Array[] = [];
  private bifPages: Int32Array[] = [];
  private nAck = 0;
  private nBif = 0;
  /** Per page of rows: for each block, the ack and bif records before it. */
  private rankPages: Int32Array[] = [];
  /** Frame of the last row. */
  private lastFrame = -1;
  /**
   * Rows before this one have non-decreasing frame numbers (binary search). A pass that stores a
   * frame before the last one (not a capture pass) puts the rows from there on in `outOfOrder`.
   */
  private sortedEnd = 0;
  private outOfOrder: Map<number, number> | null = null;
  /** Rows with an extra record (ascending) and their records. */
  private xRows: Int32Array = new Int32Array(64);
  private xVals: Float64Array = new Float64Array(64 * X_STRIDE);
  private xn = 0;
  /** Streams with per-stream values (0 … sn − 1). */
  private sn = 0;
  private sBits: Uint8Array = new Uint8Array(64);
  /** Two base sequence numbers per stream (signed 32-bit). */
  private sBase: Int32Array = new Int32Array(128);
  /** First segment's time and the iRTT: seconds as doubles, nanoseconds as int32. */
  private sSec: Float64Array = new Float64Array(128);
  private sNsec: Int32Array = new Int32Array(128);

  /** Number of stored rows. */
  get size(): number {
    return this.n;
  }

  /** The row of the first TCP segment of `frame`, or −1 (not analyzed). */
  rowOf(frame: number): number {
    if (!(frame >= 0)) return -1;
    const n = this.outOfOrder === null ? this.n : this.sortedEnd;
    if (n === 0) return this.outOfOrder?.get(frame) ?? -1;
    // The last frame first (the summary pass asks for the frame just analyzed).
    if (frame === this.lastFrame && this.outOfOrder === null) {
      let row = n - 1;
      while (row > 0 && this.frameAt(row - 1) === frame) row--;
      return row;
    }
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.frameAt(mid) < frame) lo = mid + 1;
      else hi = mid;
    }
    if (lo < n && this.frameAt(lo) === frame) return lo;
    return this.outOfOrder?.get(frame) ?? -1;
  }

  /** Frame number of a row. */
  frameAt(row: number): number {
    return this.pages[row >>> PAGE_BITS]![(row & PAGE_MASK) * STRIDE + C_FRAME]!;
  }

  /** tcp.stream of a row. */
  streamOf(row: number): number {
    return this.pages[row >>> PAGE_BITS]![(row & PAGE_MASK) * STRIDE + C_STREAM]! >>> 0;
  }

  /**
   * Records the result of `inp` (the analyzer's input: raw numbers and time); `dir` is 0 or 1
   * (which endpoint of the conversation sent it: the base sequence number of that direction).
   */
  store(inp: TcpSegmentInput, r: TcpSegmentResult, dir: number): void {
    const i = this.n;
    const frame = inp.frame;
    const pi = i >>> PAGE_BITS;
    if (pi === this.pages.length) {
      this.pages.push(new Int32Array(firstWords(pi, STRIDE)));
      this.rankPages.push(new Int32Array((PAGE >>> RANK_SHIFT) * 2));
    } else {
      // A first page that grows, or a page cut by trim().
      this.pages[pi] = roomFor(this.pages[pi]!, ((i & PAGE_MASK) + 1) * STRIDE, PAGE * STRIDE);
    }
    if ((i & (RANK_BLOCK - 1)) === 0) {
      const rp = this.rankPages[pi]!;
      const blk = (i & PAGE_MASK) >>> RANK_SHIFT;
      rp[blk * 2] = this.nAck;
      rp[blk * 2 + 1] = this.nBif;
    }
    if (this.outOfOrder === null && frame < this.lastFrame) {
      this.outOfOrder = new Map();
      this.sortedEnd = i;
    }
    if (this.outOfOrder !== null && !this.outOfOrder.has(frame)) this.outOfOrder.set(frame, i);
    this.lastFrame = frame;
    this.n = i + 1;
    const u = this.pages[pi]!;
    const b = (i & PAGE_MASK) * STRIDE;
    const own = !this.derivable(inp, r, dir);
    const extra = own || r.dupAckNum !== 0 || r.dupAckFrame !== 0 || r.rtoFrame !== 0 || r.rtoSec !== 0 || r.rtoNsec !== 0 ||
      r.ackRttSec !== 0 || r.timeDeltaSec !== 0;
    const synFin = r.analyzed && ((r.nxtseq - r.seq - r.len) >>> 0) === 1;
    u[b + C_FRAME] = frame;
    u[b + C_STREAM] = r.stream;
    const ackRec = r.acksFrame !== 0 || r.ackRttNsec !== 0;
    const bifRec = r.bytesInFlight !== 0 || r.pushBytesSent !== 0;
    u[b + C_BITS] = (r.flags & 0x7fff) | (dir !== 0 ? B_DIR : 0) | (r.analyzed ? B_ANALYZED : 0) | (r.showScaleFactor ? B_SCALE : 0) |
      (r.hasAnalysis ? B_ANALYSIS : 0) | (r.hasInitialRtt ? B_IRTT : 0) | (r.reach << B_REACH_SHIFT) |
      (synFin ? B_SYNFIN : 0) | (extra ? B_EXTRA : 0) | (scaleCode(r.scaleFactor) << B_SCALE_SHIFT) | (own ? B_OWN : 0) |
      (ackRec ? B_ACKREC : 0) | (bifRec ? B_BIFREC : 0);
    u[b + C_DELTA_NSEC] = r.timeDeltaNsec;
    if (ackRec) this.nAck = appendSide(this.ackPages, this.nAck, r.acksFrame, r.ackRttNsec);
    if (bifRec) this.nBif = appendSide(this.bifPages, this.nBif, r.bytesInFlight, r.pushBytesSent);
    if (extra) this.storeExtra(i, r);
  }

  /**
   * Learns the per-stream values from this result and tells whether load() will compute the
   * result's seq, ack, len, window, relative time and iRTT again from the raw input.
   */
  private derivable(inp: TcpSegmentInput, r: TcpSegmentResult, dir: number): boolean {
    const st = r.stream;
    if (st > this.sn || st < 0) return false; // streams come in order; anything else keeps its own values
    if (st === this.sn) {
      // The stream's first segment: its time is the stream's start.
      const need = (st + 1) * 2;
      if (need > this.sSec.length) {
        this.sSec = grown(this.sSec, need);
        this.sNsec = grown(this.sNsec, need);
        this.sBase = grown(this.sBase, need);
      }
      if (st + 1 > this.sBits.length) this.sBits = grown(this.sBits, st + 1);
      this.sSec[st * 2] = inp.tsSec;
      this.sNsec[st * 2] = inp.tsNsec;
      this.sBits[st] = 0;
      this.sn = st + 1;
    }
    const analyzed = r.analyzed;
    const flags = inp.flags;
    const raw = inp.seq >>> 0;
    const rawAck = inp.ack >>> 0;
    if (analyzed) {
      const sb = this.sBits[st]!;
      const bit = dir === 0 ? SB_BASE0 : SB_BASE1;
      if ((sb & bit) === 0) {
        this.sBase[st * 2 + dir] = (raw - r.seq) | 0;
        this.sBits[st] = sb | bit;
      }
      if (flags & TH_ACK) {
        const rbit = dir === 0 ? SB_BASE1 : SB_BASE0;
        const sb2 = this.sBits[st]!;
        if ((sb2 & rbit) === 0) {
          this.sBase[st * 2 + 1 - dir] = (rawAck - r.ack) | 0;
          this.sBits[st] = sb2 | rbit;
        }
      }
    }
    const sb3 = this.sBits[st]!;
    if (r.hasInitialRtt && (sb3 & SB_IRTT) === 0) {
      this.sSec[st * 2 + 1] = r.initialRttSec;
      this.sNsec[st * 2 + 1] = r.initialRttNsec;
      this.sBits[st] = sb3 | SB_IRTT;
    }
    // What load() would compute, compared as int32 (equal modulo 2^32, the results being uint32):
    // no number above 2^30 passes through a call here, which would box it.
    if (r.seq !== r.seq >>> 0 || r.ack !== r.ack >>> 0 || r.window !== r.window >>> 0) return false;
    const seq = analyzed ? (inp.seq - this.sBase[st * 2 + dir]!) | 0 : inp.seq | 0;
    if (seq !== (r.seq | 0)) return false;
    const ack = analyzed && flags & TH_ACK ? (inp.ack - this.sBase[st * 2 + 1 - dir]!) | 0 : inp.ack | 0;
    if (ack !== (r.ack | 0)) return false;
    if ((analyzed ? inp.payloadLen : 0) !== r.len) return false;
    const code = scaleCode(r.scaleFactor);
    const win = analyzed && !(flags & TH_SYN) && code >= 2 ? inp.win << (code - 2) : inp.win | 0;
    if (win !== (r.window | 0)) return false;
    if (nsDelta(inp.tsSec, inp.tsNsec, this.sSec[st * 2]!, this.sNsec[st * 2]!) !== r.timeRelSec || ndelta.nsec !== r.timeRelNsec) return false;
    if (r.hasInitialRtt && (this.sSec[st * 2 + 1] !== r.initialRttSec || this.sNsec[st * 2 + 1] !== r.initialRttNsec)) return false;
    if (!r.hasInitialRtt && (r.initialRttSec !== 0 || r.initialRttNsec !== 0)) return false;
    return analyzed || r.nxtseq === 0;
  }

  private seqOf(st: number, dir: number, analyzed: boolean, raw: number): number {
    return analyzed ? (raw - this.sBase[st * 2 + dir]!) >>> 0 : raw;
  }

  private ackOf(st: number, dir: number, analyzed: boolean, flags: number, raw: number): number {
    return analyzed && flags & TH_ACK ? (raw - this.sBase[st * 2 + 1 - dir]!) >>> 0 : raw;
  }

  private storeExtra(row: number, r: TcpSegmentResult): void {
    const k = this.xn;
    if (k === this.xRows.length) {
      this.xRows = grown(this.xRows, k + 1);
      this.xVals = grown(this.xVals, this.xRows.length * X_STRIDE);
    }
    this.xRows[k] = row;
    const x = this.xVals;
    const o = k * X_STRIDE;
    x[o + X_DUPNUM] = r.dupAckNum;
    x[o + X_DUPFRAME] = r.dupAckFrame;
    x[o + X_RTOFRAME] = r.rtoFrame;
    x[o + X_RTO_SEC] = r.rtoSec;
    x[o + X_RTO_NSEC] = r.rtoNsec;
    x[o + X_ACKRTT_SEC] = r.ackRttSec;
    x[o + X_DELTA_SEC] = r.timeDeltaSec;
    x[o + X_SEQ] = r.seq;
    x[o + X_ACK] = r.ack;
    x[o + X_LEN] = r.len;
    x[o + X_WINDOW] = r.window;
    x[o + X_REL_SEC] = r.timeRelSec;
    x[o + X_REL_NSEC] = r.timeRelNsec;
    x[o + X_IRTT_SEC] = r.initialRttSec;
    x[o + X_IRTT_NSEC] = r.initialRttNsec;
    this.xn = k + 1;
  }

  /** Index of `row`'s side record of kind `bit` (it has one; `which` 0 ack, 1 bif): the records before its block, then the rows before it in the block. */
  private sideIndex(row: number, bit: number, which: number): number {
    const u = this.pages[row >>> PAGE_BITS]!;
    const inPage = row & PAGE_MASK;
    let k = this.rankPages[row >>> PAGE_BITS]![(inPage >>> RANK_SHIFT) * 2 + which]!;
    for (let j = inPage & ~(RANK_BLOCK - 1); j < inPage; j++) if ((u[j * STRIDE + C_BITS]! & bit) !== 0) k++;
    return k;
  }

  /** Index of `row`'s extra record (it has one). */
  private extraOf(row: number): number {
    const rows = this.xRows;
    let lo = 0;
    let hi = this.xn - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (rows[mid]! < row) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * The stream's iRTT, once its handshake has ended (the conversation's, as Wireshark keeps it):
   * into `r.initialRttSec`/`initialRttNsec`, and true; false (and `r` untouched) before that.
   */
  initialRttOf(st: number, r: TcpSegmentResult): boolean {
    if (st < 0 || st >= this.sn || (this.sBits[st]! & SB_IRTT) === 0) return false;
    r.initialRttSec = this.sSec[st * 2 + 1]!;
    r.initialRttNsec = this.sNsec[st * 2 + 1]!;
    return true;
  }

  /**
   * Fills `r` from a row (see rowOf) and returns it; `inp` holds the segment's raw numbers and
   * time as the first pass gave them to the analyzer (seq, ack, flags, win, payloadLen, tsSec,
   * tsNsec; the rest is not read).
   */
  load(row: number, inp: TcpSegmentInput, r: TcpSegmentResult): TcpSegmentResult {
    const u = this.pages[row >>> PAGE_BITS]!;
    const b = (row & PAGE_MASK) * STRIDE;
    const bits = u[b + C_BITS]!;
    const st = u[b + C_STREAM]! >>> 0;
    const dir = bits & B_DIR ? 1 : 0;
    const analyzed = (bits & B_ANALYZED) !== 0;
    const code = (bits >>> B_SCALE_SHIFT) & 31;
    r.stream = st;
    r.analyzed = analyzed;
    r.scaleFactor = scaleOf(code);
    r.flags = bits & 0x7fff;
    r.showScaleFactor = (bits & B_SCALE) !== 0;
    r.hasAnalysis = (bits & B_ANALYSIS) !== 0;
    r.hasInitialRtt = (bits & B_IRTT) !== 0;
    r.reach = (bits >>> B_REACH_SHIFT) & 3;
    if (bits & B_ACKREC) {
      const k = this.sideIndex(row, B_ACKREC, 0);
      const a = this.ackPages[k >>> PAGE_BITS]!;
      const o = (k & PAGE_MASK) * SIDE;
      r.acksFrame = a[o + A_ACKSFRAME]! >>> 0;
      r.ackRttNsec = a[o + A_ACKRTT_NSEC]!;
    } else {
      r.acksFrame = 0;
      r.ackRttNsec = 0;
    }
    if (bits & B_BIFREC) {
      const k = this.sideIndex(row, B_BIFREC, 1);
      const a = this.bifPages[k >>> PAGE_BITS]!;
      const o = (k & PAGE_MASK) * SIDE;
      r.bytesInFlight = a[o + A_BIF]! >>> 0;
      r.pushBytesSent = a[o + A_PUSH]! >>> 0;
    } else {
      r.bytesInFlight = 0;
      r.pushBytesSent = 0;
    }
    r.timeDeltaNsec = u[b + C_DELTA_NSEC]!;
    const x = this.xVals;
    const o = bits & B_EXTRA ? this.extraOf(row) * X_STRIDE : -1;
    if (bits & B_OWN) {
      r.seq = x[o + X_SEQ]!;
      r.ack = x[o + X_ACK]!;
      r.len = x[o + X_LEN]!;
      r.window = x[o + X_WINDOW]!;
      r.timeRelSec = x[o + X_REL_SEC]!;
      r.timeRelNsec = x[o + X_REL_NSEC]!;
      r.initialRttSec = x[o + X_IRTT_SEC]!;
      r.initialRttNsec = x[o + X_IRTT_NSEC]!;
    } else {
      const flags = inp.flags;
      r.seq = this.seqOf(st, dir, analyzed, inp.seq >>> 0);
      r.ack = this.ackOf(st, dir, analyzed, flags, inp.ack >>> 0);
      r.len = analyzed ? inp.payloadLen : 0;
      r.window = windowOf(code, analyzed, flags, inp.win);
      r.timeRelSec = nsDelta(inp.tsSec, inp.tsNsec, this.sSec[st * 2]!, this.sNsec[st * 2]!);
      r.timeRelNsec = ndelta.nsec;
      r.initialRttSec = r.hasInitialRtt ? this.sSec[st * 2 + 1]! : 0;
      r.initialRttNsec = r.hasInitialRtt ? this.sNsec[st * 2 + 1]! : 0;
    }
    r.nxtseq = analyzed ? (r.seq + r.len + (bits & B_SYNFIN ? 1 : 0)) >>> 0 : 0;
    // The reverse direction's base as the stream recorded it (a dissection again sees the base of
    // the whole pass, as Wireshark's second pass does).
    r.revBase = this.sBits[st]! & (dir === 0 ? SB_BASE1 : SB_BASE0) ? this.sBase[st * 2 + 1 - dir]! >>> 0 : 0;
    if (o >= 0) {
      r.dupAckNum = x[o + X_DUPNUM]!;
      r.dupAckFrame = x[o + X_DUPFRAME]!;
      r.rtoFrame = x[o + X_RTOFRAME]!;
      r.rtoSec = x[o + X_RTO_SEC]!;
      r.rtoNsec = x[o + X_RTO_NSEC]!;
      r.ackRttSec = x[o + X_ACKRTT_SEC]!;
      r.timeDeltaSec = x[o + X_DELTA_SEC]!;
    } else {
      r.dupAckNum = 0;
      r.dupAckFrame = 0;
      r.rtoFrame = 0;
      r.rtoSec = 0;
      r.rtoNsec = 0;
      r.ackRttSec = 0;
      r.timeDeltaSec = 0;
    }
    return r;
  }

  /**
   * No room kept for more rows, records or streams (the end of a pass): the last pages and the
   * per-stream arrays are cut to what is used; store() grows them again.
   */
  trim(): void {
    cutLast(this.pages, (((this.n - 1) & PAGE_MASK) + 1) * STRIDE);
    cutLast(this.ackPages, (((this.nAck - 1) & PAGE_MASK) + 1) * SIDE);
    cutLast(this.bifPages, (((this.nBif - 1) & PAGE_MASK) + 1) * SIDE);
    const x = Math.max(1, this.xn);
    if (this.xRows.length > x) {
      this.xRows = this.xRows.slice(0, x);
      this.xVals = this.xVals.slice(0, x * X_STRIDE);
    }
    const sn = Math.max(1, this.sn);
    if (this.sBits.length > sn) this.sBits = this.sBits.slice(0, sn);
    if (this.sBase.length > sn * 2) {
      this.sBase = this.sBase.slice(0, sn * 2);
      this.sSec = this.sSec.slice(0, sn * 2);
      this.sNsec = this.sNsec.slice(0, sn * 2);
    }
  }

  /** Rows with an extra record. */
  get extraRecords(): number {
    return this.xn;
  }

  /** Bytes the table keeps (rows, side and extra records, per-stream values). */
  get bytesKept(): number {
    return this.pages.length * PAGE * 4 * STRIDE + (this.ackPages.length + this.bifPages.length) * PAGE * 4 * SIDE +
      this.rankPages.length * (PAGE >>> RANK_SHIFT) * 8 + this.xRows.byteLength + this.xVals.byteLength + this.sBits.byteLength +
      this.sBase.byteLength + this.sSec.byteLength + this.sNsec.byteLength;
  }
}

/**
 * Rows of the first page at first: a replay of one stream (the session's packet details and
 * filters) stores a few dozen segments, and a page of PAGE rows is a quarter of a megabyte.
 */
const FIRST_PAGE_ROWS = 64;

/** Words of a new page `pi` of records of `stride` words: the first starts small. */
function firstWords(pi: number, stride: number): number {
  return (pi === 0 ? FIRST_PAGE_ROWS : PAGE) * stride;
}

/** `p`, or a copy grown (doubling, at most `full` words) to hold `words` (a first page, or one cut by trim()). */
function roomFor(p: Int32Array, words: number, full: number): Int32Array {
  if (p.length >= words) return p;
  const f = new Int32Array(Math.min(full, Math.max(words, p.length * 2)));
  f.set(p);
  return f;
}

/** The last page of `pages` cut to `used` words. */
function cutLast(pages: Int32Array[], used: number): void {
  const last = pages.length - 1;
  if (last >= 0 && pages[last]!.length > used) pages[last] = pages[last]!.slice(0, used);
}

/** Appends a side record (two words) as number `n` to `pages`; returns n + 1. */
function appendSide(pages: Int32Array[], n: number, a: number, b: number): number {
  const pi = n >>> PAGE_BITS;
  const o = (n & PAGE_MASK) * SIDE;
  if (pi === pages.length) pages.push(new Int32Array(firstWords(pi, SIDE)));
  else pages[pi] = roomFor(pages[pi]!, o + SIDE, PAGE * SIDE);
  const p = pages[pi]!;
  p[o] = a;
  p[o + 1] = b;
  return n + 1;
}

/** tcp.window_size as the analyzer computes it: scaled (by the factor shown) for analyzed segments other than SYNs. */
function windowOf(code: number, analyzed: boolean, flags: number, win: number): number {
  return analyzed && !(flags & TH_SYN) && code >= 2 ? (win << (code - 2)) >>> 0 : win;
}
