/**
 * TCP stream reassembly: both directions of one connection put back into their byte streams, from
 * segment references (frame number, sequence number, where the payload is, how long it is) — the
 * bytes themselves stay in the frames; a caller resolves a reference with the frame's payload.
 *
 * The delivery rules are those of Wireshark 4.0's Follow TCP Stream (so that `follow,tcp,…`
 * prints what tshark prints), made explicit and complete:
 *
 * - Each direction starts at the sequence number of its first segment (a SYN counts one).
 * - A segment that starts at the next expected sequence number is delivered at once; then any
 *   buffered out-of-order segment that now fits is delivered too.
 * - Retransmissions and overlaps: the first copy wins. A segment that starts before the next
 *   expected number delivers only its new tail; one that brings nothing new is dropped. When the
 *   caller can resolve bytes (`ReassemblyOptions.bytes`), the overlapping bytes are compared with
 *   the copy that was delivered, and a difference is recorded as a conflict (`conflicts`).
 * - A segment that starts after the next expected number (out of order, or after a loss) is
 *   buffered as a reference. When the other direction acknowledges beyond the lowest buffered
 *   sequence number, the bytes in between will never come: a CHUNK_MISSING gap is delivered (tshark
 *   prints `[N bytes missing in capture file]`) and delivery resumes. Gaps are never joined
 *   silently: bytes the capture cut off (snap length) are a CHUNK_UNCAPTURED gap.
 * - Sequence numbers wrap around 2^32: every comparison is modulo 2^32 (RFC 1982), and stream
 *   offsets (`StreamChunk.offset`) count on past 4 GiB.
 * - Memory is bounded per stream: at most `maxPendingBytes` (default 16 MiB of payload) and
 *   `maxPendingSegments` (default 10000) buffered out-of-order references, and at most
 *   `maxChunks` (default 2^20) delivered chunks. A segment beyond a bound is not kept: the stream is
 *   marked `truncated` (and the segment counted in `dropped`), and everything else goes on.
 *
 * Pure: no I/O, no dissector state. Feed segments in capture order with `add`.
 */
import { seqGT, seqLT, seqSub } from './seq.js';

/** Bytes of the stream, found in frame `frame`'s TCP payload at `payloadOff`. */
export const CHUNK_DATA = 0;
/** Bytes the peer acknowledged but the capture never had (tshark: `[N bytes missing in capture file]`). */
export const CHUNK_MISSING = 1;
/** Bytes of a captured segment that the capture cut off (snap length): known to exist, not captured. */
export const CHUNK_UNCAPTURED = 2;

export type ChunkKind = typeof CHUNK_DATA | typeof CHUNK_MISSING | typeof CHUNK_UNCAPTURED;

/** One piece of a direction's byte stream, in delivery order. */
export interface StreamChunk {
  kind: ChunkKind;
  /** 0: node 0 (the side that sent the stream's first segment), 1: the other side. */
  dir: 0 | 1;
  /** The frame the bytes are in (CHUNK_DATA, CHUNK_UNCAPTURED) or whose ACK revealed the gap (CHUNK_MISSING). */
  frame: number;
  /** Offset of the first byte in the direction's stream (0 = its first byte). */
  offset: number;
  /** Number of bytes (for gaps: bytes missing). */
  len: number;
  /** CHUNK_DATA: offset of the first byte in the frame's TCP payload. */
  payloadOff: number;
  /** Sequence number of the first byte. */
  seq: number;
}

/** Overlapping copies of the same stream bytes that differ (first copy wins). */
export interface OverlapConflict {
  dir: 0 | 1;
  /** The later segment's frame, and the frame whose copy was kept. */
  frame: number;
  keptFrame: number;
  /** Stream offset and length of the differing overlap. */
  offset: number;
  len: number;
}

/** One segment, as the TCP layer read it. Reuse one object if you like: `add` copies what it keeps. */
export interface SegmentInput {
  dir: 0 | 1;
  frame: number;
  /** Sequence and acknowledgment numbers (unsigned 32-bit; relative ones work as well as raw ones). */
  seq: number;
  ack: number;
  /** TCP flags (only SYN matters: it takes one sequence number). */
  flags: number;
  /** Payload length the packet had (tcp.len). */
  segLen: number;
  /** Payload bytes captured (≤ segLen). */
  capLen: number;
  /** Offset of the payload in what `ReassemblyOptions.bytes(frame)` returns (default 0). */
  payloadOff?: number;
}

export interface ReassemblyOptions {
  maxPendingBytes?: number;
  maxPendingSegments?: number;
  maxChunks?: number;
  /**
   * The bytes of a frame's TCP payload (as `payloadOff` counts), for comparing overlapping copies.
   * Without it overlaps are not compared.
   */
  bytes?: (frame: number) => Uint8Array | undefined;
}

export const DEFAULT_MAX_PENDING_BYTES = 16 * 1024 * 1024;
export const DEFAULT_MAX_PENDING_SEGMENTS = 10000;
export const DEFAULT_MAX_CHUNKS = 1 << 20;

const TH_SYN = 0x02;

/** A buffered out-of-order segment (or the captured part of one). */
interface Pending {
  frame: number;
  seq: number;
  /** Captured bytes (tshark's fragment data). */
  len: number;
  payloadOff: number;
}

/** Per-direction state. */
class Dir {
  /** Next expected sequence number (tshark's follow_info->seq). */
  next = 0;
  /** Stream offset of `next`. */
  pos = 0;
  /** Bytes delivered through the main path (tshark's bytes_written; decides the initial sequence number). */
  written = 0;
  started = false;
  pending: Pending[] = [];
  pendingBytes = 0;
  /** Indexes into `chunks` of this direction's data chunks (for overlap comparison). */
  dataChunks: number[] = [];
}

export class TcpStreamReassembler {
  /** Delivered chunks of both directions, in delivery order. */
  readonly chunks: StreamChunk[] = [];
  readonly conflicts: OverlapConflict[] = [];
  /** A bound was hit: some segments were not kept. */
  truncated = false;
  /** Segments not kept because of a bound. */
  dropped = 0;
  /** Segments that brought nothing new (retransmissions, or empty). */
  duplicates = 0;
  private readonly dirs: [Dir, Dir] = [new Dir(), new Dir()];
  private readonly maxPendingBytes: number;
  private readonly maxPendingSegments: number;
  private readonly maxChunks: number;
  private readonly bytes: ((frame: number) => Uint8Array | undefined) | undefined;

  constructor(opts: ReassemblyOptions = {}) {
    this.maxPendingBytes = opts.maxPendingBytes ?? DEFAULT_MAX_PENDING_BYTES;
    this.maxPendingSegments = opts.maxPendingSegments ?? DEFAULT_MAX_PENDING_SEGMENTS;
    this.maxChunks = opts.maxChunks ?? DEFAULT_MAX_CHUNKS;
    this.bytes = opts.bytes;
  }

  /** The next expected sequence number of a direction (after what was delivered). */
  nextSeq(dir: 0 | 1): number {
    return this.dirs[dir].next;
  }

  /** Bytes delivered so far in a direction, gaps included (its stream length so far). */
  streamLength(dir: 0 | 1): number {
    return this.dirs[dir].pos;
  }

  /** Segments still buffered (never delivered: a gap that was not acknowledged). */
  pending(dir: 0 | 1): readonly { frame: number; seq: number; len: number; payloadOff: number }[] {
    return this.dirs[dir].pending;
  }

  /** Adds one segment (in capture order). */
  add(s: SegmentInput): void {
    const dir = s.dir;
    const d = this.dirs[dir];
    let seq = s.seq >>> 0;
    if (s.flags & TH_SYN) seq = (seq + 1) >>> 0;
    let length = s.segLen;
    const other = (dir ^ 1) as 0 | 1;

    // An ACK beyond the other direction's buffered segments: what lies between was lost.
    if (this.dirs[other].pending.length) {
      while (this.checkPending(other, s.ack >>> 0, s.frame, true));
    }

    if (d.written === 0 && d.next === 0) {
      d.next = seq;
      d.started = true;
    }

    let dataOff = 0;
    let dataLen = s.capLen;
    const payloadOff = s.payloadOff ?? 0;
    if (seqLT(seq, d.next)) {
      const end = (seq + length) >>> 0;
      if (seqGT(end, d.next)) {
        dataOff = seqSub(d.next, seq);
        this.compareOverlap(dir, s.frame, seq, payloadOff, Math.min(dataOff, s.capLen));
        dataLen = dataLen <= dataOff ? 0 : dataLen - dataOff;
        seq = d.next;
        length = seqSub(end, d.next);
      } else {
        this.compareOverlap(dir, s.frame, seq, payloadOff, s.capLen);
      }
    }
    if (dataLen === 0 || seqLT(seq, d.next)) {
      if (s.segLen > 0) this.duplicates++;
      return;
    }
    if (seq === d.next) {
      this.deliverData(dir, s.frame, seq, dataLen, payloadOff + dataOff);
      if (length > dataLen) this.deliver(CHUNK_UNCAPTURED, dir, s.frame, (seq + dataLen) >>> 0, length - dataLen, 0);
      d.next = (d.next + length) >>> 0;
      d.written += dataLen;
      while (this.checkPending(dir, 0, s.frame, false));
    } else {
      if (d.pending.length >= this.maxPendingSegments || d.pendingBytes + dataLen > this.maxPendingBytes) {
        this.truncated = true;
        this.dropped++;
        return;
      }
      d.pending.push({ frame: s.frame, seq, len: dataLen, payloadOff: payloadOff + dataOff });
      d.pendingBytes += dataLen;
    }
  }

  /**
   * tshark's check_follow_fragments: delivers one buffered segment that now fits (or its new
   * tail), or — with `useAck` — declares the bytes up to the lowest buffered one missing when
   * `acked` is beyond it. Returns true when something changed (call again).
   */
  private checkPending(dir: 0 | 1, acked: number, frame: number, useAck: boolean): boolean {
    const d = this.dirs[dir];
    const list = d.pending;
    if (!list.length) return false;
    let lowest = list[0]!.seq;
    for (let i = 0; i < list.length; i++) {
      const f = list[i]!;
      if (seqGT(lowest, f.seq)) lowest = f.seq;
      if (seqLT(f.seq, d.next)) {
        const end = (f.seq + f.len) >>> 0;
        if (seqGT(end, d.next)) {
          const newPos = seqSub(d.next, f.seq);
          this.compareOverlap(dir, f.frame, f.seq, f.payloadOff, newPos);
          if (f.len > newPos) this.deliverData(dir, f.frame, d.next, f.len - newPos, f.payloadOff + newPos);
          d.next = (d.next + f.len - newPos) >>> 0;
        } else {
          this.compareOverlap(dir, f.frame, f.seq, f.payloadOff, f.len);
          this.duplicates++;
        }
        this.removePending(d, i);
        return true;
      }
      if (f.seq === d.next) {
        if (f.len > 0) this.deliverData(dir, f.frame, f.seq, f.len, f.payloadOff);
        d.next = (d.next + f.len) >>> 0;
        this.removePending(d, i);
        return true;
      }
    }
    if (useAck && seqGT(acked, lowest)) {
      this.deliver(CHUNK_MISSING, dir, frame, d.next, seqSub(lowest, d.next), 0);
      d.next = lowest;
      return true;
    }
    return false;
  }

  private removePending(d: Dir, i: number): void {
    d.pendingBytes -= d.pending[i]!.len;
    d.pending.splice(i, 1);
  }

  private deliverData(dir: 0 | 1, frame: number, seq: number, len: number, payloadOff: number): void {
    if (this.deliver(CHUNK_DATA, dir, frame, seq, len, payloadOff)) this.dirs[dir].dataChunks.push(this.chunks.length - 1);
  }

  /** Appends a chunk and moves the direction's stream offset on; false when over the chunk bound. */
  private deliver(kind: ChunkKind, dir: 0 | 1, frame: number, seq: number, len: number, payloadOff: number): boolean {
    const d = this.dirs[dir];
    const offset = d.pos;
    d.pos += len;
    if (this.chunks.length >= this.maxChunks) {
      this.truncated = true;
      this.dropped++;
      return false;
    }
    this.chunks.push({ kind, dir, frame, offset, len, payloadOff, seq });
    return true;
  }

  /**
   * Compares `len` bytes of a later copy (frame `frame`, sequence `seq`, at `payloadOff` of its
   * payload) with the delivered bytes at the same sequence numbers; records a conflict if they differ.
   */
  private compareOverlap(dir: 0 | 1, frame: number, seq: number, payloadOff: number, len: number): void {
    const get = this.bytes;
    if (!get || len <= 0) return;
    const d = this.dirs[dir];
    const mine = get(frame);
    if (!mine) return;
    // Stream offset of `seq`: it lies before `next`, whose offset is `pos`.
    const start = d.pos - seqSub(d.next, seq);
    const end = start + len;
    // Data chunks of this direction are in stream order: find the first that ends after `start`.
    const idx = d.dataChunks;
    let lo = 0;
    let hi = idx.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const c = this.chunks[idx[mid]!]!;
      if (c.offset + c.len <= start) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < idx.length; k++) {
      const c = this.chunks[idx[k]!]!;
      if (c.offset >= end) break;
      const theirs = get(c.frame);
      if (!theirs) continue;
      const a = Math.max(start, c.offset);
      const b = Math.min(end, c.offset + c.len);
      let firstDiff = -1;
      let lastDiff = -1;
      for (let o = a; o < b; o++) {
        const x = mine[payloadOff + (o - start)];
        const y = theirs[c.payloadOff + (o - c.offset)];
        if (x !== undefined && y !== undefined && x !== y) {
          if (firstDiff < 0) firstDiff = o;
          lastDiff = o;
        }
      }
      if (firstDiff >= 0) {
        this.conflicts.push({ dir, frame, keptFrame: c.frame, offset: firstDiff, len: lastDiff - firstDiff + 1 });
      }
    }
  }
}

/** The bytes of a CHUNK_MISSING gap as tshark's follow stores them: the message and a NUL. */
export function missingText(len: number): string {
  return `[${len | 0} bytes missing in capture file]\0`;
}
