/**
 * The Info/Protocol columns and trees of TCP segments that took part in desegmentation.
 *
 * Dissecting a frame again (`pinfo.visited`) is done without desegmentation (tcp/desegment.ts:
 * first pass only), so a segment that carried part of an HTTP message would show as a lone
 * "Continuation" and the frame that completed it without the reassembled message — not what
 * Wireshark shows. For the streams where the first pass reassembled messages over several
 * segments, the session therefore replays the stream: its segments, in order, through a fresh
 * CaptureDissector (a first pass over that stream alone), which desegments exactly as the first
 * pass did. The columns of every replayed frame are kept (per stream, for the few streams last
 * used), so a page of rows costs one replay per stream at most.
 *
 * A tree is built by a replay that has a finished first pass over the whole stream beside it (a
 * hindsight pass, CaptureContext.hindsight): it shows what Wireshark's packet details show once
 * the first pass is over — an HTTP request's response and next request, the frame each segment's
 * PDU is reassembled in, the conversation's completeness and iRTT — and its Info is the second
 * pass's (`packetloom -2`). The rows' Info and Protocol columns are the first pass's (tshark -r):
 * they come from replays of their own, without hindsight.
 *
 * What the replay cannot reproduce is what depends on other streams: the stream number itself
 * (the tree's tcp.stream items are set back to the real number) and port-reuse analysis.
 */
import { fieldByName } from '../../dissectors/core/fields.js';
import type { CaptureContext, PacketInfo } from '../../dissectors/core/pinfo.js';
import type { ProtoNode } from '../../dissectors/core/tree.js';
import type { TreeInterest } from '../../dissectors/core/reduced-tree.js';
import { CaptureDissector } from '../../dissectors/packet.js';
import { F_TCP } from './index-flags.js';
import { indexOfSorted } from './sorted.js';
import { colorOf, type Session } from './session.js';

/** Streams replayed at most this far (packets before the frame asked for): beyond, the revisit is used. */
export const MAX_REPLAY = 50_000;
/** Packets of a stream the hindsight pass reads at most (what comes later is not known to a tree). */
export const MAX_HINDSIGHT = 200_000;
const KEEP_STREAMS = 256;

const HF_TCP_STREAM = fieldByName('tcp.stream')!;

/** What a row shows of a replayed frame. */
export interface ReplayedColumns {
  protocol: string;
  info: string;
  color: string;
}

interface Replay {
  stream: number;
  frames: number[];
  /** Packets indexed when `frames` was listed. */
  listedAt: number;
  /** Next position in `frames` to dissect. */
  pos: number;
  d: CaptureDissector;
  /** Packets of the stream the hindsight pass beside `d` read (−1: none: a replay for rows). */
  hindsightOf: number;
  /** A row replay's columns of the frames it dissected. */
  cols: Map<number, ReplayedColumns>;
}

export class StreamReplayer {
  /** Replays for rows (first pass) and for trees (beside a hindsight pass), by stream, least recently used first. */
  private readonly rowReplays = new Map<number, Replay>();
  private readonly treeReplays = new Map<number, Replay>();

  constructor(private readonly s: Session) {}

  /** The TCP stream of packet index `i` when it needs a replay, else −1. */
  streamFor(i: number): number {
    if (!(this.s.index.flags[i]! & F_TCP)) return -1;
    const st = this.s.streamOf(i);
    return st >= 0 && this.s.desegStreams.has(st) ? st : -1;
  }

  private replayOf(stream: number, fresh: boolean, forTree: boolean): Replay {
    const cache = forTree ? this.treeReplays : this.rowReplays;
    let r = cache.get(stream);
    if (r && !fresh && r.listedAt !== this.s.count) {
      // Packets were added since: the frame list may have grown.
      r.frames = this.framesOf(stream);
      r.listedAt = this.s.count;
    }
    // A tree needs the hindsight pass over every packet of the stream so far.
    if (!r || fresh || (forTree && r.hindsightOf !== r.frames.length)) {
      const frames = this.framesOf(stream);
      const d = new CaptureDissector(this.s.dissectOptions);
      if (forTree) {
        // The hindsight pass is kept while the stream has the packets it read (it is only read).
        d.ctx.hindsight = r && r.hindsightOf === frames.length ? r.d.ctx.hindsight : this.firstPass(frames);
        d.pinfo.secondPass = true;
      }
      r = { stream, frames, listedAt: this.s.count, pos: 0, d, hindsightOf: forTree ? frames.length : -1, cols: r?.cols ?? new Map() };
    }
    // Most recently used last.
    cache.delete(stream);
    cache.set(stream, r);
    while (cache.size > KEEP_STREAMS) cache.delete(cache.keys().next().value!);
    return r;
  }

  private framesOf(stream: number): number[] {
    return this.s.streamPackets(stream);
  }

  /** The state of a first pass (an index pass: no Info, as the session's own) over `frames`: the hindsight of a replay. */
  private firstPass(frames: number[]): CaptureContext {
    const a = new CaptureDissector({ ...this.s.dissectOptions, info: false });
    const n = Math.min(frames.length, MAX_HINDSIGHT);
    for (let k = 0; k < n; k++) a.dissect(this.s.frameMeta(frames[k]!), this.s.bytes(frames[k]!), false);
    return a.ctx;
  }

  /** Dissects the replay's next frame, with a full tree (rows take their colour from it) or one reduced to `interest`. */
  private step(r: Replay, interest: TreeInterest | null = null): PacketInfo {
    const i = r.frames[r.pos++]!;
    const pi = r.d.dissect(this.s.frameMeta(i), this.s.bytes(i), interest ?? true);
    if (r.hindsightOf < 0) r.cols.set(i, { protocol: pi.protocol, info: pi.info, color: colorOf(pi) });
    return pi;
  }

  /** Protocol, Info and colour of packet index `i` as the first pass showed them (null: use the revisit). */
  columns(i: number): ReplayedColumns | null {
    const stream = this.streamFor(i);
    if (stream < 0) return null;
    const r = this.replayOf(stream, false, false);
    const have = r.cols.get(i);
    if (have) return have;
    const at = indexOfSorted(r.frames, r.frames.length, i);
    if (at < 0 || at > MAX_REPLAY) return null;
    if (at < r.pos) return null;
    while (r.pos <= at) this.step(r);
    return r.cols.get(i) ?? null;
  }

  /**
   * The full tree of packet index `i` as Wireshark's packet details show it, or that tree reduced
   * to `interest` (null: use the revisit).
   */
  tree(i: number, interest: TreeInterest | null = null): PacketInfo | null {
    const stream = this.streamFor(i);
    if (stream < 0) return null;
    let r = this.replayOf(stream, false, true);
    const at = indexOfSorted(r.frames, r.frames.length, i);
    if (at < 0 || at > MAX_REPLAY) return null;
    if (at < r.pos) r = this.replayOf(stream, true, true);
    while (r.pos < at) this.step(r, interest);
    const pi = this.step(r, interest);
    setStream(pi.tree, stream);
    return pi;
  }
}

/** The replay numbered its one stream 0: give the tcp.stream items the real number. */
export function setStream(n: ProtoNode, stream: number): void {
  for (const c of n.children ?? []) {
    if (c.field === HF_TCP_STREAM) c.value = stream;
    if (c.children) setStream(c, stream);
  }
}
