/**
 * A display filter that reads trees, over the TCP segments that need a stream replay
 * (stream-replay.ts: streams in which the first pass reassembled messages over several segments).
 *
 * One packet's tree replays its stream through two fresh dissectors: a hindsight pass over the
 * stream, then the pass that builds the tree. A filter over the whole capture asks that of every
 * segment of every such stream, and on a capture of many short connections most of the work was
 * making those dissectors — some 16,000 on 200,000 packets. Here a batch of streams is replayed
 * at once instead: one hindsight pass and one tree pass over all their segments, in file order (the
 * bytes are read in order too), and the filter's verdict is kept for each segment.
 *
 * The trees are those of the replay of each stream alone (test/electron/engine/filter-replay.test.ts
 * compares every verdict with Session.details): the streams of a batch share no dissector state, as
 * they are different connections — except where TCP links connections, which a batch avoids:
 *  - two streams with the same addresses and ports (a port reused) never share a batch;
 *  - the SYN flood count, per server over a window, is off: a replay of one stream never reaches
 *    a threshold of 1 or more (a lower one keeps the replays one by one);
 *  - frame.time_delta_displayed depends on which earlier packets the filter shows: a filter that
 *    reads it keeps the replays one by one, in order.
 * Only a finished session (no packet comes any more) is filtered this way.
 */
import type { DisplayFilter } from '../../dissectors/filter/index.js';
import type { TreeInterest } from '../../dissectors/core/reduced-tree.js';
import { fieldByName } from '../../dissectors/core/fields.js';
import { CaptureDissector } from '../../dissectors/packet.js';
import { MAX_HINDSIGHT, MAX_REPLAY, setStream } from './stream-replay.js';
import { NumberSet } from './number-set.js';
import type { Session } from './session.js';

/** Segments replayed per batch (more for one stream longer than that): a batch takes a fraction of a second. */
export const BATCH_FRAMES = 8192;

const HF_DELTA_DISPLAYED = fieldByName('frame.time_delta_displayed')!;
const MATCH = 1;
const NO_MATCH = 2;

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
    if (filter.treeFieldIds.includes(HF_DELTA_DISPLAYED.id)) return null;
    const threshold = s.dissectOptions.synFlood?.threshold;
    if (threshold !== undefined && !(threshold >= 1)) return null;
    return new FilterReplay(s, filter, interest);
  }

  /** Does packet index `i` match (null: not a segment replayed here, ask Session.details)? */
  matches(i: number): boolean | null {
    if (i >= this.verdicts.length) return null;
    let v = this.verdicts[i]!;
    if (v === 0) {
      const stream = this.s.replayer.streamFor(i);
      if (stream < 0 || this.done.has(stream)) return null;
      this.replay(stream);
      v = this.verdicts[i]!;
    }
    return v === 0 ? null : v === MATCH;
  }

  /** Replays `first` and the streams after it, up to BATCH_FRAMES segments, and keeps the verdicts. */
  private replay(first: number): void {
    const s = this.s;
    const hindsight: number[] = [];
    const tree: number[] = [];
    const tuples = new Set<string>();
    for (let st = first, n = s.tcpStreamCount; st < n && (st === first || tree.length < BATCH_FRAMES); st++) {
      if (this.done.has(st) || !s.desegStreams.has(st)) continue;
      const frames = s.streamPackets(st);
      if (frames.length === 0) continue;
      const tuple = s.tupleKey(frames[0]!);
      if (tuples.has(tuple)) continue;
      tuples.add(tuple);
      this.done.add(st);
      // As StreamReplayer: the hindsight reads at most MAX_HINDSIGHT segments, trees are built up to MAX_REPLAY.
      for (let k = 0; k < frames.length && k < MAX_HINDSIGHT; k++) hindsight.push(frames[k]!);
      for (let k = 0; k < frames.length && k <= MAX_REPLAY; k++) tree.push(frames[k]!);
    }
    const order = (a: number, b: number) => a - b;
    hindsight.sort(order);
    tree.sort(order);
    const opts = { ...s.dissectOptions, synFlood: { ...s.dissectOptions.synFlood, threshold: Infinity } };
    const a = new CaptureDissector({ ...opts, info: false });
    for (const f of hindsight) a.dissect(s.frameMeta(f), s.bytes(f), false);
    const d = new CaptureDissector(opts);
    d.ctx.hindsight = a.ctx;
    d.pinfo.secondPass = true;
    for (const f of tree) {
      const pi = d.dissect(s.frameMeta(f), s.bytes(f), this.interest ?? true);
      setStream(pi.tree, s.streamOf(f));
      this.verdicts[f] = this.filter.matches(pi.tree, pi) ? MATCH : NO_MATCH;
    }
  }
}
