/**
 * Replays of desegmented TCP streams in batches (stream-replay.ts replays one stream at a time).
 *
 * One packet's tree replays its stream through two fresh dissectors: a hindsight pass over the
 * stream, then the pass that builds the tree. A filter over the whole capture, or `packetloom -2`,
 * asks that of every segment of every such stream, and on a capture of many short connections most
 * of the work was making those dissectors — some 16,000 on 200,000 packets. A ReplayBatch replays
 * several streams at once instead: one hindsight pass and one tree pass over up to replayLimits.batchFrames of
 * their segments, in file order (the bytes are read in order too).
 *  - FilterReplay keeps a display filter's verdict for each segment of a batch (Session.matches);
 *  - InOrderReplay hands out the trees of a batch's segments as they are asked for in file order
 *    (Session.details when `detailsInOrder` is set: the CLI's second pass).
 *
 * The trees are those of the replay of each stream alone (test/electron/engine/filter-replay.test.ts
 * compares every verdict, test/electron/cli/two-pass.test.ts the -2 output with tshark's): the streams
 * of a batch share no dissector state, as they are different connections — except where TCP links
 * connections, which a batch avoids:
 *  - two streams with the same addresses and ports (a port reused) never share a batch;
 *  - the SYN flood count, per server over a window, is off: a replay of one stream never reaches
 *    a threshold of 1 or more (a lower one keeps the replays one by one);
 *  - frame.time_delta_displayed depends on which earlier packets the filter shows: a filter that
 *    reads it keeps the replays one by one, in order.
 * Only a finished session (no packet comes any more) is replayed this way.
 */
import type { DisplayFilter } from '../../dissectors/filter/index.js';
import type { TreeInterest } from '../../dissectors/core/reduced-tree.js';
import type { PacketInfo } from '../../dissectors/core/pinfo.js';
import { fieldByName } from '../../dissectors/core/fields.js';
import { CaptureDissector } from '../../dissectors/packet.js';
import { MAX_HINDSIGHT, MAX_REPLAY, setStream } from './stream-replay.js';
import { NumberSet } from './number-set.js';
import type { Session } from './session.js';

export const replayLimits = {
  /** Segments replayed per batch (more for one stream longer than that): a batch takes a fraction of a second. */
  batchFrames: 8192,
  /** Batches InOrderReplay keeps going at once (streams that last long keep theirs): beyond, the oldest goes. */
  liveBatches: 16,
};

const HF_DELTA_DISPLAYED = fieldByName('frame.time_delta_displayed')!;
const MATCH = 1;
const NO_MATCH = 2;

/** Can the desegmented streams of `s` be replayed in batches (the SYN flood threshold allows it)? */
function batchable(s: Session): boolean {
  const threshold = s.dissectOptions.synFlood?.threshold;
  return threshold === undefined || threshold >= 1;
}

/** Several streams replayed together: the hindsight pass over them is done; their trees come one by one, in file order. */
export class ReplayBatch {
  /** The streams replayed. */
  readonly streams: number[] = [];
  /** Their segments that get a tree (up to MAX_REPLAY + 1 of each stream), in file order. */
  readonly frames: number[] = [];
  /** Next position in `frames`. */
  pos = 0;
  private readonly d: CaptureDissector;

  /** Replays `first` and the streams after it not in `done` (they are added to it), up to replayLimits.batchFrames segments. */
  constructor(private readonly s: Session, first: number, done: NumberSet) {
    const hindsight: number[] = [];
    const tuples = new Set<string>();
    const limit = replayLimits.batchFrames;
    for (let st = first, n = s.tcpStreamCount; st < n && (st === first || this.frames.length < limit); st++) {
      if (done.has(st) || !s.desegStreams.has(st)) continue;
      const frames = s.streamPackets(st);
      if (frames.length === 0) continue;
      const tuple = s.tupleKey(frames[0]!);
      if (tuples.has(tuple)) continue;
      tuples.add(tuple);
      done.add(st);
      this.streams.push(st);
      // As StreamReplayer: the hindsight reads at most MAX_HINDSIGHT segments, trees are built up to MAX_REPLAY.
      for (let k = 0; k < frames.length && k < MAX_HINDSIGHT; k++) hindsight.push(frames[k]!);
      for (let k = 0; k < frames.length && k <= MAX_REPLAY; k++) this.frames.push(frames[k]!);
    }
    const order = (a: number, b: number) => a - b;
    hindsight.sort(order);
    this.frames.sort(order);
    const opts = { ...s.dissectOptions, synFlood: { ...s.dissectOptions.synFlood, threshold: Infinity } };
    const a = new CaptureDissector({ ...opts, info: false });
    for (const f of hindsight) a.dissect(s.frameMeta(f), s.bytes(f), false);
    this.d = new CaptureDissector(opts);
    this.d.ctx.hindsight = a.ctx;
    this.d.pinfo.secondPass = true;
  }

  get finished(): boolean {
    return this.pos >= this.frames.length;
  }

  /** The tree of the next segment (frames[pos]), full or reduced to `interest`; valid until the next call. */
  next(interest: TreeInterest | null): PacketInfo {
    const s = this.s;
    const f = this.frames[this.pos++]!;
    const pi = this.d.dissect(s.frameMeta(f), s.bytes(f), interest ?? true);
    setStream(pi.tree, s.streamOf(f));
    return pi;
  }
}

/** A display filter's verdicts on the segments of desegmented streams, found a batch at a time. */
export class FilterReplay {
  /** Per packet index: 0 not known here, MATCH or NO_MATCH. */
  private readonly verdicts: Uint8Array;
  /** Streams replayed. */
  private readonly done = new NumberSet();

  private constructor(private readonly s: Session, readonly filter: DisplayFilter, private readonly interest: TreeInterest | null) {
    this.verdicts = new Uint8Array(s.count);
  }

  /** The batch replay for `filter` over finished session `s`, or null where replays must go one by one. */
  static for(s: Session, filter: DisplayFilter, interest: TreeInterest | null): FilterReplay | null {
    if (filter.treeFieldIds.includes(HF_DELTA_DISPLAYED.id) || !batchable(s)) return null;
    return new FilterReplay(s, filter, interest);
  }

  /** Does packet index `i` match (null: not a segment replayed here, ask Session.details)? */
  matches(i: number): boolean | null {
    if (i >= this.verdicts.length) return null;
    let v = this.verdicts[i]!;
    if (v === 0) {
      const stream = this.s.replayer.streamFor(i);
      if (stream < 0 || this.done.has(stream)) return null;
      const b = new ReplayBatch(this.s, stream, this.done);
      while (!b.finished) {
        const f = b.frames[b.pos]!;
        const pi = b.next(this.interest);
        this.verdicts[f] = this.filter.matches(pi.tree, pi) ? MATCH : NO_MATCH;
      }
      v = this.verdicts[i]!;
    }
    return v === 0 ? null : v === MATCH;
  }
}

/** The trees of desegmented streams' segments for a pass over a finished session in file order. */
export class InOrderReplay {
  /** The live batch of each stream being replayed, and the batches in the order they began. */
  private readonly batchOf = new Map<number, ReplayBatch>();
  private readonly live: ReplayBatch[] = [];
  private readonly done = new NumberSet();

  private constructor(private readonly s: Session) {}

  static for(s: Session): InOrderReplay | null {
    return batchable(s) ? new InOrderReplay(s) : null;
  }

  /** The tree of packet index `i`, or null (not a segment replayed here, or asked out of order: ask StreamReplayer). */
  tree(i: number, interest: TreeInterest | null): PacketInfo | null {
    const stream = this.s.replayer.streamFor(i);
    if (stream < 0) return null;
    let b = this.batchOf.get(stream);
    if (b === undefined) {
      if (this.done.has(stream)) return null;
      b = new ReplayBatch(this.s, stream, this.done);
      for (const st of b.streams) this.batchOf.set(st, b);
      this.live.push(b);
      if (this.live.length > replayLimits.liveBatches) this.drop(this.live[0]!);
    }
    // Segments skipped (not asked for) are dissected all the same: the streams' state needs them.
    while (!b.finished && b.frames[b.pos]! < i) b.next(interest);
    if (b.finished || b.frames[b.pos] !== i) return null;
    const pi = b.next(interest);
    if (b.finished) this.drop(b);
    return pi;
  }

  private drop(b: ReplayBatch): void {
    for (const st of b.streams) this.batchOf.delete(st);
    const k = this.live.indexOf(b);
    if (k >= 0) this.live.splice(k, 1);
  }
}
