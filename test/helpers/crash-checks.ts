/**
 * The "never crash" oracle for the dissector chain. A frame is dissected three times, each by its
 * own CaptureDissector so that all three see the same sequence of frames (and so the same
 * cross-packet state):
 *
 *   - catch off, summary pass (NULL_TREE): may only throw BoundsError / MalformedError;
 *   - catch on, full tree: must not throw; what its catch-all caught (CaptureDissector.caught:
 *     what a full pass with the catch off throws, since the catch-all is the only catch that does
 *     not rethrow an error it does not know) may only be typed as well, and the two passes must
 *     agree on whether they threw. A frame that threw is marked malformed, with an expert item
 *     and a _ws.malformed / _ws.short node (a _ws.short has no expert item, as in tshark 4.0);
 *   - catch on, summary pass (optional): must not throw; marked malformed with an expert item.
 *
 * The full tree of the catch-on pass is also rendered (every node's label and field text, the
 * `-V` text and the `-T json` object), which must never throw either. Two more signs of a
 * dissector gone wrong are reported: a frame that takes more than SLOW_MS of CPU time, and a tree
 * with more than MAX_NODES_PER_BYTE items per byte (a loop over the same bytes).
 */
import { BoundsError, MalformedError } from '../../dissectors/core/errors.js';
import { fieldText, nodeLabel } from '../../dissectors/core/format.js';
import { packetJson } from '../../dissectors/output/json.js';
import { treeText } from '../../dissectors/output/text.js';
import type { FrameMeta, PacketInfo } from '../../dissectors/core/pinfo.js';
import type { PacketRecord } from '../../dissectors/capture/types.js';
import type { ProtoNode } from '../../dissectors/core/tree.js';
import { CaptureDissector } from '../../dissectors/packet.js';

/** What the checker needs to know about a frame (of a capture record). */
export type FrameInput = Pick<PacketRecord, 'num' | 'linkType' | 'interfaceId' | 'tsSec' | 'tsNsec' | 'hasTs' | 'origLen' | 'data'>;

export type FailureKind =
  /** A dissector threw something other than BoundsError / MalformedError (caught or not). */
  | 'untyped-throw'
  /** Summary and full tree passes disagree on whether the frame threw. */
  | 'summary-full-disagree'
  /** CaptureDissector.dissect threw although the catch-all was on. */
  | 'catch-on-threw'
  /** The frame threw with the catch off, but with it on there is no expert item / malformed node. */
  | 'no-expert'
  /** The full tree is missing (no frame node). */
  | 'no-tree'
  /** Rendering the catch-on tree (labels, field text) threw. */
  | 'render-threw'
  /** Checking the frame took more than SLOW_MS of CPU time (a dissector loops or blows up). */
  | 'slow'
  /** The tree has more than MAX_NODES_PER_BYTE items per byte of the frame (a dissector loops over the same bytes). */
  | 'huge-tree';

export interface Failure {
  kind: FailureKind;
  /** Which pass: 'off/summary', 'on/summary', 'on/full', 'render'. */
  pass: string;
  /** The error (for throws). */
  error?: unknown;
  detail: string;
}

export interface CheckResult {
  /** The frame threw a typed error with the catch off. */
  threw: boolean;
  failures: Failure[];
}

const MALFORMED_NODES = new Set(['_ws.malformed', '_ws.short']);

/**
 * Every caught exception raises an expert item except a capture cut short by its snap length
 * (_ws.short): tshark 4.0 shows that one as a tree item and an Info suffix only.
 */
function wantsExpert(e: unknown): boolean {
  return !(e instanceof BoundsError && e.kind === 'truncated');
}

/**
 * CPU time one frame's check (three dissections and a rendering) may take. A check normally takes
 * well under a millisecond; this is a loop or a blow-up (a frame of 208 bytes should not give a
 * tree of 300,000 items). Wall time is measured first (cheap) and, when over, the frame is timed
 * again in CPU time in fresh dissectors, so that a loaded machine does not make this flaky.
 */
export const SLOW_MS = 1000;

/**
 * Tree items per byte (of the frame and its reassembled data sources, plus 64) beyond which a
 * tree is a loop, not a decode: real trees have a few items per byte at most (checked on the
 * frames that are rendered).
 */
export const MAX_NODES_PER_BYTE = 32;

function isTyped(e: unknown): boolean {
  return e instanceof BoundsError || e instanceof MalformedError;
}

function meta(f: FrameInput): FrameMeta {
  // All of FrameMeta's slots, so that the driver filling in the time deltas keeps the object's shape.
  return {
    num: f.num, tsSec: f.tsSec, tsNsec: f.tsNsec, hasTs: f.hasTs, linkType: f.linkType, interfaceId: f.interfaceId, origLen: f.origLen,
    comments: undefined, interfaceName: undefined, relSec: undefined, relNsec: undefined, deltaSec: undefined, deltaNsec: undefined,
  };
}

function describeError(e: unknown): string {
  if (e instanceof Error) return `${e.constructor.name}: ${e.message}`;
  return `non-Error thrown: ${String(e)}`;
}

/** Depth-first: calls `fn` on every node below `root`. */
function walk(root: ProtoNode, fn: (n: ProtoNode) => void): void {
  const kids = root.children;
  if (!kids) return;
  for (const c of kids) {
    fn(c);
    walk(c, fn);
  }
}

function hasMalformedNode(root: ProtoNode): boolean {
  // The catch-all adds its item at the top of the tree.
  for (const n of root.children ?? []) if (n.field && MALFORMED_NODES.has(n.field.abbrev)) return true;
  return false;
}

/**
 * Three dissectors fed the same frames (two without the catch-on summary pass). Keep one checker
 * for a sequence of frames to exercise cross-packet state; make a new one for a fresh capture.
 *
 * Speed: capturing a stack trace is most of the cost of a throw, and nearly every truncated frame
 * throws (once per pass), so the passes run with `Error.stackTraceLimit = 0`. When something
 * fails, the failing pass is replayed once with stacks on (in the same dissector, so with the same
 * state but for this frame seen once more) to give the report its stack.
 */
export class CrashChecker {
  readonly offSummary = new CaptureDissector({ catchErrors: false });
  readonly onSummary = new CaptureDissector();
  readonly onFull = new CaptureDissector();
  /** Frames checked by this checker. */
  count = 0;

  /**
   * `renderEvery`: render the catch-on tree of every n-th frame (1: all; 0: none); rendering is
   * slow. `withOnSummary`: run the catch-on summary pass too (the packet list's pass; the catch-on
   * full pass already checks the tree and the expert item).
   */
  constructor(
    readonly renderEvery = 1,
    readonly withOnSummary = true,
  ) {}

  check(f: FrameInput): CheckResult {
    const limit = Error.stackTraceLimit;
    let res: CheckResult;
    Error.stackTraceLimit = 0;
    const t0 = performance.now();
    try {
      res = this.run(f);
    } finally {
      Error.stackTraceLimit = limit;
    }
    if (performance.now() - t0 > SLOW_MS) this.timeFresh(f, res.failures);
    for (const fl of res.failures) if (fl.error !== undefined) this.replay(f, fl);
    return res;
  }

  /** Runs the pass of a failure again, with stacks on, to give the report the error's stack. */
  private replay(f: FrameInput, fl: Failure): void {
    try {
      switch (fl.pass) {
        case 'off/summary': this.offSummary.dissect(meta(f), f.data, false); break;
        case 'on/summary': this.onSummary.dissect(meta(f), f.data, false); break;
        case 'on/full':
          this.onFull.dissect(meta(f), f.data, true);
          // What the catch-all caught, as if it had been thrown.
          if (this.onFull.threw) throw this.onFull.caught;
          break;
        case 'render': render(this.onFull.pinfo, f); break;
      }
      fl.detail += ' (no throw when replayed in the same dissector)';
    } catch (e) {
      if (e instanceof Error && fl.error instanceof Error && e.constructor === fl.error.constructor && e.message === fl.error.message) fl.error = e;
      else fl.detail += ` (replayed in the same dissector: ${describeError(e)})`;
    }
  }

  /** The frame was slow: times it in CPU time in fresh dissectors (a loaded machine is no bug). */
  private timeFresh(f: FrameInput, failures: Failure[]): void {
    const cpu = (full: boolean) => {
      const d = new CaptureDissector();
      const c0 = process.cpuUsage();
      d.dissect(meta(f), f.data, full);
      const c = process.cpuUsage(c0);
      return (c.user + c.system) / 1000;
    };
    const s = cpu(false);
    const fl = cpu(true);
    if (s + fl > SLOW_MS) {
      failures.push({ kind: 'slow', pass: s > SLOW_MS / 2 ? 'summary' : 'full', detail: `dissecting this frame in fresh dissectors took ${s.toFixed(0)} ms (summary) + ${fl.toFixed(0)} ms (full tree) of CPU time (limit ${SLOW_MS} ms for both)` });
    }
  }

  private run(f: FrameInput): CheckResult {
    this.count++;
    const failures: Failure[] = [];
    let errS: unknown = undefined;
    let threwS = false;
    try {
      this.offSummary.dissect(meta(f), f.data, false);
    } catch (e) {
      threwS = true;
      errS = e;
    }
    if (threwS && !isTyped(errS)) failures.push({ kind: 'untyped-throw', pass: 'off/summary', error: errS, detail: describeError(errS) });

    // Catch on: the summary pass.
    if (this.withOnSummary) {
      try {
        const p = this.onSummary.dissect(meta(f), f.data, false);
        if (threwS && (!p.malformed || (wantsExpert(errS) && p.expertMax < 0))) {
          failures.push({ kind: 'no-expert', pass: 'on/summary', detail: `malformed=${p.malformed} expertMax=${p.expertMax} after ${describeError(errS)}` });
        }
      } catch (e) {
        failures.push({ kind: 'catch-on-threw', pass: 'on/summary', error: e, detail: describeError(e) });
      }
    }

    // Catch on: the full tree (what the catch-all caught is what the catch off throws), rendered.
    let threwF = false;
    try {
      const d = this.onFull;
      const p = d.dissect(meta(f), f.data, true);
      threwF = d.threw;
      const errF = d.caught;
      if (threwF && !isTyped(errF)) failures.push({ kind: 'untyped-throw', pass: 'on/full', error: errF, detail: describeError(errF) });
      if (threwS !== threwF) {
        failures.push({
          kind: 'summary-full-disagree',
          pass: threwS ? 'off/summary' : 'on/full',
          error: threwS ? errS : errF,
          detail: `summary ${threwS ? `threw ${describeError(errS)}` : 'did not throw'}, full ${threwF ? `threw ${describeError(errF)}` : 'did not throw'}`,
        });
      }
      const root = p.tree;
      if (!root.real || !root.children || root.children.length === 0 || root.children[0]!.field?.abbrev !== 'frame') {
        failures.push({ kind: 'no-tree', pass: 'on/full', detail: 'no decode tree with a frame node' });
      }
      // (A frame may be marked malformed without a throw reaching the top: a TCP reassembly error.)
      if (threwF && (!p.malformed || (wantsExpert(errF) && p.expertMax < 0) || !hasMalformedNode(root))) {
        failures.push({ kind: 'no-expert', pass: 'on/full', detail: `malformed=${p.malformed} expertMax=${p.expertMax} malformedNode=${hasMalformedNode(root)} after ${describeError(errF)}` });
      }
      if (this.renderEvery > 0 && this.count % this.renderEvery === 0) {
        try {
          const nodes = render(p, f);
          let bytes = f.data.length;
          for (const src of p.sources) bytes += src.data.length;
          if (nodes > MAX_NODES_PER_BYTE * (bytes + 64)) {
            failures.push({ kind: 'huge-tree', pass: 'on/full', detail: `${nodes} tree items for a frame of ${f.data.length} bytes (${bytes} with reassembled data)` });
          }
        } catch (e) {
          failures.push({ kind: 'render-threw', pass: 'render', error: e, detail: describeError(e) });
        }
      }
    } catch (e) {
      failures.push({ kind: 'catch-on-threw', pass: 'on/full', error: e, detail: describeError(e) });
    }
    return { threw: threwS || threwF, failures };
  }
}

/** Renders a full tree every way the app shows it (labels, field text, -V text, JSON); returns the item count. */
function render(p: PacketInfo, f: FrameInput): number {
  const root = p.tree;
  let nodes = 0;
  walk(root, (n) => {
    nodes++;
    nodeLabel(n);
    if (n.field) fieldText(n.field, n.value);
  });
  treeText(root, { hexForData: true, sourceData: (n) => (n === 0 ? f.data : p.sources[n - 1]?.data) });
  packetJson(root, f.tsSec);
  return nodes;
}

/**
 * Where an error came from: the first stack frame inside the project (dissectors/, electron/),
 * skipping the Tvb's and the error classes' own frames, e.g. `dissectors/protocols/tcp.ts:120:11`.
 */
export function throwSite(e: unknown): string {
  if (!(e instanceof Error) || !e.stack) return '?';
  for (const line of e.stack.split('\n').slice(1)) {
    const m = /((?:dissectors|electron)\/[^\s():]+:\d+:\d+)/.exec(line);
    if (m && !/dissectors\/core\/(tvb|errors)\.ts/.test(m[1]!)) return m[1]!;
  }
  return e.stack.split('\n')[1]?.trim() ?? '?';
}

/** Groups failures by kind, pass, error class and throw site; keeps the first input of each. */
export class FailureLog<I> {
  readonly groups = new Map<string, { failure: Failure; input: I; count: number }>();
  total = 0;

  add(failures: readonly Failure[], input: () => I): void {
    for (const f of failures) {
      this.total++;
      const cls = f.error instanceof Error ? f.error.constructor.name : f.error === undefined ? '' : typeof f.error;
      const key = `${f.kind} ${f.pass} ${cls} ${throwSite(f.error)}`;
      const g = this.groups.get(key);
      if (g) g.count++;
      else this.groups.set(key, { failure: f, input: input(), count: 1 });
    }
  }

  get empty(): boolean {
    return this.total === 0;
  }

  /** A readable report: one entry per group with the input, the error and its stack. */
  report(describe: (input: I) => string, maxGroups = 20): string {
    const out: string[] = [`${this.total} failure(s) in ${this.groups.size} group(s):`];
    let i = 0;
    for (const [key, g] of this.groups) {
      if (i++ >= maxGroups) {
        out.push(`… ${this.groups.size - maxGroups} more group(s)`);
        break;
      }
      out.push(`\n#${i} [${g.count}×] ${key}\n  ${g.failure.detail}\n  input: ${describe(g.input)}`);
      const e = g.failure.error;
      if (e instanceof Error && e.stack) out.push('  ' + e.stack.split('\n').slice(0, 8).join('\n  '));
    }
    return out.join('\n');
  }
}

/** Hex of the first `max` bytes (tshark -x style without the ASCII). */
export function hexDump(d: Uint8Array, max = 256): string {
  const lines: string[] = [];
  const n = Math.min(d.length, max);
  for (let o = 0; o < n; o += 16) {
    const row: string[] = [];
    for (let i = o; i < Math.min(o + 16, n); i++) row.push(d[i]!.toString(16).padStart(2, '0'));
    lines.push(o.toString(16).padStart(4, '0') + '  ' + row.join(' '));
  }
  if (d.length > max) lines.push(`… (${d.length} bytes)`);
  return lines.join('\n    ');
}
