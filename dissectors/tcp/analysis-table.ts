/**
 * First-pass TCP analysis results kept for dissecting frames again (Wireshark keeps its
 * per-segment analysis records for the same reason): fixed-size pages of typed arrays, one row
 * per analyzed TCP segment in capture order, and the first row of each frame. A frame with several
 * TCP headers (tunnels) has consecutive rows. About 116 bytes per segment plus 4 per frame; pages
 * are never copied when the table grows.
 */
import { type TcpResultSink, type TcpSegmentResult } from './analysis.js';

const PAGE_BITS = 14;
const PAGE = 1 << PAGE_BITS;
const PAGE_MASK = PAGE - 1;

/* Unsigned 32-bit columns of a row. */
const U_STREAM = 0;
const U_SEQ = 1;
const U_ACK = 2;
const U_NXTSEQ = 3;
const U_LEN = 4;
const U_WINDOW = 5;
const U_SCALE = 6; // int32
const U_BITS = 7;
const U_DUPNUM = 8;
const U_DUPFRAME = 9;
const U_ACKSFRAME = 10;
const U_BIF = 11;
const U_PUSH = 12;
const U_RTOFRAME = 13;
const U_NSEC = 14; // 5 × int32: ack RTT, initial RTT, RTO, relative, delta
const U_STRIDE = 19;
/* Float64 seconds of the same five times. */
const F_STRIDE = 5;

/* BITS: analysis flags in the low 16 bits, then these. */
const B_ANALYZED = 1 << 16;
const B_SCALE = 1 << 17;
const B_ANALYSIS = 1 << 18;
const B_IRTT = 1 << 19;
const B_REACH_SHIFT = 20;

interface Page {
  u: Uint32Array;
  f: Float64Array;
}

export class TcpAnalysisTable implements TcpResultSink {
  private pages: Page[] = [];
  private n = 0;
  private frameRow: Int32Array = new Int32Array(1024).fill(-1);

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
    if (pi === this.pages.length) this.pages.push({ u: new Uint32Array(PAGE * U_STRIDE), f: new Float64Array(PAGE * F_STRIDE) });
    if (frame >= this.frameRow.length) {
      let c = this.frameRow.length;
      while (c <= frame) c *= 2;
      const fr = new Int32Array(c).fill(-1);
      fr.set(this.frameRow);
      this.frameRow = fr;
    }
    if (this.frameRow[frame] === -1) this.frameRow[frame] = i;
    this.n = i + 1;
    const p = this.pages[pi]!;
    const u = p.u;
    const f = p.f;
    const b = (i & PAGE_MASK) * U_STRIDE;
    const t = (i & PAGE_MASK) * F_STRIDE;
    u[b + U_STREAM] = r.stream;
    u[b + U_SEQ] = r.seq;
    u[b + U_ACK] = r.ack;
    u[b + U_NXTSEQ] = r.nxtseq;
    u[b + U_LEN] = r.len;
    u[b + U_WINDOW] = r.window;
    u[b + U_SCALE] = r.scaleFactor;
    u[b + U_BITS] = (r.flags & 0xffff) | (r.analyzed ? B_ANALYZED : 0) | (r.showScaleFactor ? B_SCALE : 0) |
      (r.hasAnalysis ? B_ANALYSIS : 0) | (r.hasInitialRtt ? B_IRTT : 0) | (r.reach << B_REACH_SHIFT);
    u[b + U_DUPNUM] = r.dupAckNum;
    u[b + U_DUPFRAME] = r.dupAckFrame;
    u[b + U_ACKSFRAME] = r.acksFrame;
    u[b + U_BIF] = r.bytesInFlight;
    u[b + U_PUSH] = r.pushBytesSent;
    u[b + U_RTOFRAME] = r.rtoFrame;
    u[b + U_NSEC] = r.ackRttNsec;
    u[b + U_NSEC + 1] = r.initialRttNsec;
    u[b + U_NSEC + 2] = r.rtoNsec;
    u[b + U_NSEC + 3] = r.timeRelNsec;
    u[b + U_NSEC + 4] = r.timeDeltaNsec;
    f[t] = r.ackRttSec;
    f[t + 1] = r.initialRttSec;
    f[t + 2] = r.rtoSec;
    f[t + 3] = r.timeRelSec;
    f[t + 4] = r.timeDeltaSec;
  }

  /** Fills `r` from a row (see rowOf) and returns it. */
  load(row: number, r: TcpSegmentResult): TcpSegmentResult {
    const p = this.pages[row >>> PAGE_BITS]!;
    const u = p.u;
    const f = p.f;
    const b = (row & PAGE_MASK) * U_STRIDE;
    const t = (row & PAGE_MASK) * F_STRIDE;
    const bits = u[b + U_BITS]!;
    r.stream = u[b + U_STREAM]!;
    r.seq = u[b + U_SEQ]!;
    r.ack = u[b + U_ACK]!;
    r.nxtseq = u[b + U_NXTSEQ]!;
    r.len = u[b + U_LEN]!;
    r.window = u[b + U_WINDOW]!;
    r.scaleFactor = u[b + U_SCALE]! | 0;
    r.flags = bits & 0xffff;
    r.analyzed = (bits & B_ANALYZED) !== 0;
    r.showScaleFactor = (bits & B_SCALE) !== 0;
    r.hasAnalysis = (bits & B_ANALYSIS) !== 0;
    r.hasInitialRtt = (bits & B_IRTT) !== 0;
    r.reach = (bits >>> B_REACH_SHIFT) & 3;
    r.dupAckNum = u[b + U_DUPNUM]!;
    r.dupAckFrame = u[b + U_DUPFRAME]!;
    r.acksFrame = u[b + U_ACKSFRAME]!;
    r.bytesInFlight = u[b + U_BIF]!;
    r.pushBytesSent = u[b + U_PUSH]!;
    r.rtoFrame = u[b + U_RTOFRAME]!;
    r.ackRttNsec = u[b + U_NSEC]! | 0;
    r.initialRttNsec = u[b + U_NSEC + 1]! | 0;
    r.rtoNsec = u[b + U_NSEC + 2]! | 0;
    r.timeRelNsec = u[b + U_NSEC + 3]! | 0;
    r.timeDeltaNsec = u[b + U_NSEC + 4]! | 0;
    r.ackRttSec = f[t]!;
    r.initialRttSec = f[t + 1]!;
    r.rtoSec = f[t + 2]!;
    r.timeRelSec = f[t + 3]!;
    r.timeDeltaSec = f[t + 4]!;
    return r;
  }
}
