/**
 * Follow TCP Stream: one connection's two byte streams, as tshark 4.0's `-z follow,tcp,MODE,FILTER`
 * prints them (the text: output/follow-text.ts), built on the reassembly of reassembly.ts. A gap
 * the peer acknowledged is the chunk `[N bytes missing in capture file]` followed by a NUL byte,
 * as tshark stores it (with the frame that revealed it and no time).
 *
 * `FollowCollector` takes the TCP layer's segments (see desegment.ts `addTcpSegmentTap`), keeps a
 * copy of the payload of the followed connection only, and reassembles it.
 */
import type { PacketInfo } from '../core/pinfo.js';
import { endpointOf, followFilterText, followMatches, followText, isEndpoint, latin1Bytes, type FollowEndpoint, type FollowFilter, type FollowMode, type FollowRecord } from '../output/follow-text.js';
import { CHUNK_DATA, CHUNK_MISSING, missingText, TcpStreamReassembler, type StreamChunk } from './reassembly.js';

/** What the TCP layer hands a follow listener for each segment (see desegment.ts). */
export interface FollowSegment {
  frame: number;
  stream: number;
  /** Relative sequence / acknowledgment numbers, as tcp.seq / tcp.ack show them. */
  seq: number;
  ack: number;
  flags: number;
  /**
   * Wireshark's sequence-analysis flags shown on the segment (A_* of tcp/analysis.ts): non-zero
   * exactly when its tree has the "TCP Analysis Flags" item (tcp.analysis.flags).
   */
  analysis: number;
  /** tcp.len and the captured payload bytes (a view: copy what you keep). */
  segLen: number;
  payload: Uint8Array;
  pinfo: PacketInfo;
}

/** Collects and reassembles the segments of one followed connection. */
export class FollowCollector {
  readonly reassembler: TcpStreamReassembler;
  /** Node 0 (the source of the first segment followed) and node 1. */
  node0: FollowEndpoint | null = null;
  node1: FollowEndpoint | null = null;
  /** Payload copies of the followed segments, by frame. */
  private readonly payloads = new Map<number, Uint8Array>();
  /** Absolute times of the followed frames (yaml mode): seconds and nanoseconds, by frame. */
  private readonly times = new Map<number, [number, number]>();

  /** `chunkMin`/`chunkMax`: the chunks to print (from 1), tshark's optional range. */
  constructor(readonly filter: FollowFilter, readonly chunkMin = 1, readonly chunkMax = Number.MAX_SAFE_INTEGER) {
    this.reassembler = new TcpStreamReassembler({ bytes: (f) => this.payloads.get(f) });
  }

  /** True when the segment belongs to the followed connection. */
  matches(s: FollowSegment): boolean {
    return followMatches(this.filter, s.stream, s.pinfo);
  }

  /** Takes one segment (call for every TCP segment with a known length, in capture order). */
  segment(s: FollowSegment): void {
    if (!this.matches(s)) return;
    const p = s.pinfo;
    if (!this.node0) {
      this.node0 = endpointOf(p, true);
      this.node1 = endpointOf(p, false);
    }
    const n0 = this.node0;
    const dir: 0 | 1 = n0 && isEndpoint(p, true, n0) ? 0 : 1;
    if (s.payload.length) this.payloads.set(s.frame, s.payload.slice());
    const m = p.meta;
    if (m.hasTs) this.times.set(s.frame, [m.tsSec, m.tsNsec]);
    this.reassembler.add({ dir, frame: s.frame, seq: s.seq, ack: s.ack, flags: s.flags, segLen: s.segLen, capLen: s.payload.length });
  }

  /** The bytes of a chunk. */
  chunkBytes(c: StreamChunk): Uint8Array {
    if (c.kind === CHUNK_MISSING) return latin1Bytes(missingText(c.len));
    const p = this.payloads.get(c.frame);
    return p ? p.subarray(c.payloadOff, c.payloadOff + c.len) : new Uint8Array(0);
  }

  /** A followed frame's absolute time (seconds, nanoseconds), or [0, 0] when it has none. */
  frameTime(frame: number): [number, number] {
    return this.times.get(frame) ?? [0, 0];
  }

  /** The chunks tshark prints, in its order: the data delivered and the gaps. */
  records(): FollowRecord[] {
    const out: FollowRecord[] = [];
    for (const c of this.reassembler.chunks) {
      if (c.kind !== CHUNK_DATA && c.kind !== CHUNK_MISSING) continue;
      const t = c.kind === CHUNK_DATA ? this.times.get(c.frame) : undefined;
      out.push({ dir: c.dir, bytes: this.chunkBytes(c), frame: c.frame, sec: t?.[0] ?? 0, nsec: t?.[1] ?? 0 });
    }
    return out;
  }

  /** tshark's output for this follow. */
  text(mode: FollowMode): string {
    return followText('tcp', mode, followFilterText('tcp', this.filter), this.node0, this.node1, this.records(), this.chunkMin, this.chunkMax);
  }
}

