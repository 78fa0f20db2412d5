import { describe, expect, it } from 'vitest';
import {
  CHUNK_DATA, CHUNK_MISSING, CHUNK_UNCAPTURED, missingText, TcpStreamReassembler, type SegmentInput, type StreamChunk,
} from '../../../dissectors/tcp/reassembly.js';

const SYN = 0x02;

/** A stream of segments whose payloads are kept here by frame, as a caller would. */
class Harness {
  readonly payloads = new Map<number, Uint8Array>();
  readonly r: TcpStreamReassembler;
  private frame = 0;
  constructor(opts: { maxPendingBytes?: number; maxPendingSegments?: number; maxChunks?: number } = {}) {
    this.r = new TcpStreamReassembler({ ...opts, bytes: (f) => this.payloads.get(f) });
  }
  /** Adds a segment carrying `data` (a string); returns its frame number. */
  seg(dir: 0 | 1, seq: number, data: string, o: { ack?: number; flags?: number; reported?: number } = {}): number {
    const frame = ++this.frame;
    const b = Uint8Array.from([...data].map((c) => c.charCodeAt(0)));
    this.payloads.set(frame, b);
    const s: SegmentInput = { dir, frame, seq: seq >>> 0, ack: (o.ack ?? 0) >>> 0, flags: o.flags ?? 0, segLen: o.reported ?? b.length, capLen: b.length };
    this.r.add(s);
    return frame;
  }
  /** The text of a direction's stream, gaps as [gap N] / [uncaptured N]. */
  text(dir: 0 | 1): string {
    return this.r.chunks.filter((c) => c.dir === dir).map((c) => this.chunkText(c)).join('');
  }
  chunkText(c: StreamChunk): string {
    if (c.kind === CHUNK_MISSING) return `[gap ${c.len}]`;
    if (c.kind === CHUNK_UNCAPTURED) return `[uncaptured ${c.len}]`;
    const p = this.payloads.get(c.frame)!;
    return String.fromCharCode(...p.subarray(c.payloadOff, c.payloadOff + c.len));
  }
}

describe('TcpStreamReassembler', () => {
  it('delivers in-order segments of both directions, a SYN taking one sequence number', () => {
    const h = new Harness();
    h.seg(0, 1000, '', { flags: SYN });
    h.seg(1, 5000, '', { flags: SYN, ack: 1001 });
    h.seg(0, 1001, 'GET / ', { ack: 5001 });
    h.seg(0, 1007, 'HTTP/1.1\r\n', { ack: 5001 });
    h.seg(1, 5001, 'HTTP/1.1 200 OK\r\n', { ack: 1017 });
    expect(h.text(0)).toBe('GET / HTTP/1.1\r\n');
    expect(h.text(1)).toBe('HTTP/1.1 200 OK\r\n');
    const c = h.r.chunks;
    expect(c.map((x) => [x.dir, x.frame, x.offset, x.len])).toEqual([[0, 3, 0, 6], [0, 4, 6, 10], [1, 5, 0, 17]]);
    expect(h.r.streamLength(0)).toBe(16);
    expect(h.r.nextSeq(0)).toBe(1017);
  });

  it('drops a retransmission (first copy wins) and flags one whose bytes differ', () => {
    const h = new Harness();
    h.seg(0, 1, 'abcdef');
    h.seg(0, 1, 'abcdef');
    expect(h.r.duplicates).toBe(1);
    expect(h.r.conflicts).toEqual([]);
    const f = h.seg(0, 1, 'abXdef');
    expect(h.text(0)).toBe('abcdef');
    expect(h.r.conflicts).toEqual([{ dir: 0, frame: f, keptFrame: 1, offset: 2, len: 1 }]);
  });

  it('keeps only the new tail of a segment that overlaps delivered bytes', () => {
    const h = new Harness();
    h.seg(0, 1, 'abcdef');
    h.seg(0, 4, 'defghi');
    expect(h.text(0)).toBe('abcdefghi');
    expect(h.r.chunks[1]).toMatchObject({ frame: 2, offset: 6, len: 3, payloadOff: 3 });
    expect(h.r.conflicts).toEqual([]);
    const f = h.seg(0, 8, 'hXjk');
    expect(h.text(0)).toBe('abcdefghijk');
    expect(h.r.conflicts).toEqual([{ dir: 0, frame: f, keptFrame: 2, offset: 8, len: 1 }]);
  });

  it('buffers out-of-order segments and delivers them when the hole is filled', () => {
    const h = new Harness();
    h.seg(0, 1, 'aaa');
    h.seg(0, 7, 'ccc');
    h.seg(0, 10, 'ddd');
    expect(h.text(0)).toBe('aaa');
    expect(h.r.pending(0).map((p) => p.seq)).toEqual([7, 10]);
    h.seg(0, 4, 'bbb');
    expect(h.text(0)).toBe('aaabbbcccddd');
    expect(h.r.pending(0)).toEqual([]);
    expect(h.r.chunks.map((c) => c.frame)).toEqual([1, 4, 2, 3]);
  });

  it('shows bytes the peer acknowledged but the capture never had as a gap', () => {
    const h = new Harness();
    h.seg(0, 1, 'aaa', { ack: 1 });
    h.seg(0, 10, 'ddd', { ack: 1 });
    expect(h.text(0)).toBe('aaa');
    // The other side acknowledges up to 13: bytes 4..9 are lost for good.
    const f = h.seg(1, 1, '', { ack: 13 });
    expect(h.text(0)).toBe('aaa[gap 6]ddd');
    expect(h.r.chunks[1]).toMatchObject({ kind: CHUNK_MISSING, frame: f, offset: 3, len: 6 });
    expect(h.r.chunks[2]).toMatchObject({ kind: CHUNK_DATA, offset: 9, len: 3 });
    expect(missingText(6)).toBe('[6 bytes missing in capture file]\0');
  });

  it('never joins across bytes the capture cut off', () => {
    const h = new Harness();
    h.seg(0, 1, 'abcd', { reported: 10 });
    h.seg(0, 11, 'xyz');
    expect(h.text(0)).toBe('abcd[uncaptured 6]xyz');
    expect(h.r.streamLength(0)).toBe(13);
  });

  it('works across the sequence number wrap-around', () => {
    const h = new Harness();
    const isn = 0xfffffff8;
    h.seg(0, isn, '', { flags: SYN });
    h.seg(0, isn + 1, 'abcd');
    h.seg(0, (isn + 9) >>> 0, 'ijkl'); // after the wrap, out of order
    h.seg(0, (isn + 5) >>> 0, 'efgh'); // straddles 2^32
    h.seg(0, (isn + 3) >>> 0, 'cdef'); // a retransmission across the wrap
    expect(h.text(0)).toBe('abcdefghijkl');
    expect(h.r.nextSeq(0)).toBe((isn + 13) >>> 0);
    expect(h.r.duplicates).toBe(1);
    expect(h.r.chunks.map((c) => c.offset)).toEqual([0, 4, 8]);
  });

  it('bounds the buffered out-of-order segments and marks the stream truncated', () => {
    const h = new Harness({ maxPendingSegments: 2 });
    h.seg(0, 1, 'a');
    h.seg(0, 10, 'x');
    h.seg(0, 20, 'y');
    h.seg(0, 30, 'z');
    expect(h.r.truncated).toBe(true);
    expect(h.r.dropped).toBe(1);
    expect(h.r.pending(0)).toHaveLength(2);
    // The rest goes on.
    h.seg(0, 2, 'b');
    expect(h.text(0)).toBe('ab');
    const b = new Harness({ maxPendingBytes: 4 });
    b.seg(0, 1, 'a');
    b.seg(0, 10, 'xyz');
    b.seg(0, 20, 'yy');
    expect(b.r.truncated).toBe(true);
    expect(b.r.pending(0).map((p) => p.len)).toEqual([3]);
  });

  it('bounds the delivered chunks', () => {
    const h = new Harness({ maxChunks: 2 });
    h.seg(0, 1, 'a');
    h.seg(0, 2, 'b');
    h.seg(0, 3, 'c');
    expect(h.r.chunks).toHaveLength(2);
    expect(h.r.truncated).toBe(true);
    expect(h.r.streamLength(0)).toBe(3);
  });
});
