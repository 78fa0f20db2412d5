/**
 * First-pass TCP analysis results kept for dissecting frames again (Wireshark keeps its
 * per-segment analysis records for the same reason): fixed-size pages of typed arrays, one row
 * per analyzed TCP segment in capture order, and the first row of each frame. A frame with several
 * TCP headers (tunnels) has consecutive rows. Pages are never copied when the table grows.
 *
 * A row is 14 32-bit words (56 bytes, ROW_BYTES) holding what most segments show; tcp.nxtseq is
 * not stored (it is seq + len + 1 for a SYN or FIN, one bit). The values that are zero on most
 * segments (duplicate ACK number and frame, RTO and its frame, whole seconds of the ACK RTT, iRTT
 * and time delta, and a relative time beyond 32 bits) go, when one is not, to an extra record of
 * 8 numbers found by binary search over the rows that have one (they are appended in row order).
 */
import { type TcpResultSink, type TcpSegmentResult } from './analysis.js';

const PAGE_BITS = 14;
const PAGE = 1 << PAGE_BITS;
const PAGE_MASK = PAGE - 1;

/* 32-bit columns of a row. */
const C_STREAM = 0;
const C_SEQ = 1;
const C_ACK = 2;
const C_LEN = 3;
const C_WINDOW = 4;
const C_BITS = 5;
const C_ACKSFRAME = 6;
const C_BIF = 7;
const C_PUSH = 8;
const C_ACKRTT_NSEC = 9; // int32
const C_IRTT_NSEC = 10; // int32
const C_REL_NSEC = 11; // int32
const C_DELTA_NSEC = 12; // int32
const C_REL_SEC = 13; // int32 (else in the extra record)
const STRIDE = 14;
/** Bytes kept per row (plus the rare extra record). */
export const ROW_BYTES = STRIDE * 4;

/* BITS: analysis flags in the low 16 bits, then these. */
const B_ANALYZED = 1 << 16;
const B_SCALE = 1 << 17;
const B_ANALYSIS = 1 << 18;
const B_IRTT = 1 << 19;
const B_REACH_SHIFT = 20; // 2 bits
const B_SYNFIN = 1 << 22; // nxtseq = seq + len + 1
const B_EXTRA = 1 << 23;
const B_SCALE_SHIFT = 24; // 5 bits: scaleFactor + 2 as a code (see scaleCode)

/* The extra record: Float64 values. */
const X_DUPNUM = 0;
const X_DUPFRAME = 1;
const X_RTOFRAME = 2;
const X_RTO_SEC = 3;
const X_RTO_NSEC = 4;
const X_ACKRTT_SEC = 5;
const X_IRTT_SEC = 6;
const X_DELTA_SEC = 7;
const X_REL_SEC = 8;
const X_STRIDE = 9;

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
  private frameRow: Int32Array = new Int32Array(1024).fill(-1);
  /** Rows with an extra record (ascending) and their records. */
  private xRows = new Int32Array(64);
  private xVals = new Float64Array(64 * X_STRIDE);
  private xn = 0;

  /** Number of stored rows. */
  get size(): number {
    return this.n;
  }

  /** The row of the first TCP segment of `frame`, or −1 (not analyzed). */
  rowOf(frame: number): number {
    return frame >= 0 && frame < this.frameRow.length ? this.frameRow[frame]! : -1;
  }

  store(frame: number, r: TcpSegmentResult): void {
    const i = this.n;
    const pi = i >>> PAGE_BITS;
    if (pi === this.pages.length) this.pages.push(new Int32Array(PAGE * STRIDE));
    if (frame >= this.frameRow.length) {
      let c = this.frameRow.length;
      while (c <= frame) c *= 2;
      const fr = new Int32Array(c).fill(-1);
      fr.set(this.frameRow);
      this.frameRow = fr;
    }
    if (this.frameRow[frame] === -1) this.frameRow[frame] = i;
    this.n = i + 1;
    const u = this.pages[pi]!;
    const b = (i & PAGE_MASK) * STRIDE;
    const relSec = r.timeRelSec;
    const relFits = relSec === (relSec | 0);
    const extra = r.dupAckNum !== 0 || r.dupAckFrame !== 0 || r.rtoFrame !== 0 || r.rtoSec !== 0 || r.rtoNsec !== 0 ||
      r.ackRttSec !== 0 || r.initialRttSec !== 0 || r.timeDeltaSec !== 0 || !relFits;
    const synFin = r.analyzed && ((r.nxtseq - r.seq - r.len) >>> 0) === 1;
    u[b + C_STREAM] = r.stream;
    u[b + C_SEQ] = r.seq;
    u[b + C_ACK] = r.ack;
    u[b + C_LEN] = r.len;
    u[b + C_WINDOW] = r.window;
    u[b + C_BITS] = (r.flags & 0xffff) | (r.analyzed ? B_ANALYZED : 0) | (r.showScaleFactor ? B_SCALE : 0) |
      (r.hasAnalysis ? B_ANALYSIS : 0) | (r.hasInitialRtt ? B_IRTT : 0) | (r.reach << B_REACH_SHIFT) |
      (synFin ? B_SYNFIN : 0) | (extra ? B_EXTRA : 0) | (scaleCode(r.scaleFactor) << B_SCALE_SHIFT);
    u[b + C_ACKSFRAME] = r.acksFrame;
    u[b + C_BIF] = r.bytesInFlight;
    u[b + C_PUSH] = r.pushBytesSent;
    u[b + C_ACKRTT_NSEC] = r.ackRttNsec;
    u[b + C_IRTT_NSEC] = r.initialRttNsec;
    u[b + C_REL_NSEC] = r.timeRelNsec;
    u[b + C_DELTA_NSEC] = r.timeDeltaNsec;
    u[b + C_REL_SEC] = relFits ? relSec : 0;
    if (extra) this.storeExtra(i, r);
  }

  private storeExtra(row: number, r: TcpSegmentResult): void {
    const k = this.xn;
    if (k === this.xRows.length) {
      const rows = new Int32Array(k * 2);
      rows.set(this.xRows);
      this.xRows = rows;
      const vals = new Float64Array(k * 2 * X_STRIDE);
      vals.set(this.xVals);
      this.xVals = vals;
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
    x[o + X_IRTT_SEC] = r.initialRttSec;
    x[o + X_DELTA_SEC] = r.timeDeltaSec;
    x[o + X_REL_SEC] = r.timeRelSec;
    this.xn = k + 1;
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

  /** Fills `r` from a row (see rowOf) and returns it. */
  load(row: number, r: TcpSegmentResult): TcpSegmentResult {
    const u = this.pages[row >>> PAGE_BITS]!;
    const b = (row & PAGE_MASK) * STRIDE;
    const bits = u[b + C_BITS]!;
    r.stream = u[b + C_STREAM]! >>> 0;
    r.seq = u[b + C_SEQ]! >>> 0;
    r.ack = u[b + C_ACK]! >>> 0;
    r.len = u[b + C_LEN]! >>> 0;
    r.window = u[b + C_WINDOW]! >>> 0;
    r.analyzed = (bits & B_ANALYZED) !== 0;
    r.nxtseq = r.analyzed ? (r.seq + r.len + (bits & B_SYNFIN ? 1 : 0)) >>> 0 : 0;
    r.scaleFactor = scaleOf((bits >>> B_SCALE_SHIFT) & 31);
    r.flags = bits & 0xffff;
    r.showScaleFactor = (bits & B_SCALE) !== 0;
    r.hasAnalysis = (bits & B_ANALYSIS) !== 0;
    r.hasInitialRtt = (bits & B_IRTT) !== 0;
    r.reach = (bits >>> B_REACH_SHIFT) & 3;
    r.acksFrame = u[b + C_ACKSFRAME]! >>> 0;
    r.bytesInFlight = u[b + C_BIF]! >>> 0;
    r.pushBytesSent = u[b + C_PUSH]! >>> 0;
    r.ackRttNsec = u[b + C_ACKRTT_NSEC]!;
    r.initialRttNsec = u[b + C_IRTT_NSEC]!;
    r.timeRelNsec = u[b + C_REL_NSEC]!;
    r.timeDeltaNsec = u[b + C_DELTA_NSEC]!;
    r.timeRelSec = u[b + C_REL_SEC]!;
    if (bits & B_EXTRA) {
      const x = this.xVals;
      const o = this.extraOf(row) * X_STRIDE;
      r.dupAckNum = x[o + X_DUPNUM]!;
      r.dupAckFrame = x[o + X_DUPFRAME]!;
      r.rtoFrame = x[o + X_RTOFRAME]!;
      r.rtoSec = x[o + X_RTO_SEC]!;
      r.rtoNsec = x[o + X_RTO_NSEC]!;
      r.ackRttSec = x[o + X_ACKRTT_SEC]!;
      r.initialRttSec = x[o + X_IRTT_SEC]!;
      r.timeDeltaSec = x[o + X_DELTA_SEC]!;
      r.timeRelSec = x[o + X_REL_SEC]!;
    } else {
      r.dupAckNum = 0;
      r.dupAckFrame = 0;
      r.rtoFrame = 0;
      r.rtoSec = 0;
      r.rtoNsec = 0;
      r.ackRttSec = 0;
      r.initialRttSec = 0;
      r.timeDeltaSec = 0;
    }
    return r;
  }
}
