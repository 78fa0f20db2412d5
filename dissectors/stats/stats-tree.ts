/**
 * Wireshark's stats_tree (epan/stats_tree.c): a tree of counters that a statistic ticks per
 * packet — plain nodes found by name, pivots (a node counting its children's ticks), range nodes
 * (children by value range, with average, minimum and maximum) — with, for every node, the rate
 * per millisecond over the statistic's time span and the burst rate (the most ticks in any 100 ms
 * window, in 5 ms buckets, and where that window starts). `statsTreeText` lays it out as tshark's
 * `-z <name>,tree` prints it: children sorted by count, the larger first, ties by name (the larger
 * first), ranges in their order; the top level in the order it was made.
 *
 * Times are milliseconds since the capture's first packet (frame.time_relative), as Wireshark's
 * `st->now`; the rate's span runs from the first packet the statistic saw to the last.
 */
import type { FrameMeta } from '../core/pinfo.js';

/** Wireshark's burst preferences: a 100 ms window counted in 5 ms buckets. */
const BURST_WINDOW_MS = 100;
const BURST_RESOLUTION_MS = 5;
const BURST_BUCKETS = BURST_WINDOW_MS / BURST_RESOLUTION_MS;

interface Bucket {
  no: number;
  count: number;
  start: number;
}

export class StatNode {
  counter = 0;
  readonly children: StatNode[] = [];
  /** Children by name (nodes created "with hash"); null: their names are looked up tree-wide. */
  readonly byName: Map<string, StatNode> | null;
  /** Average, minimum and maximum are shown (a value was given, or a range node). */
  average = false;
  total = 0;
  min = Infinity;
  max = -Infinity;
  /** For a range node's children: the values they count. */
  range: { floor: number; ceil: number } | null = null;
  /** Burst buckets, oldest first (the first is a dummy until a tick, as Wireshark's). */
  private buckets: Bucket[] = [{ no: 0, count: 0, start: 0 }];
  private burstCount = 0;
  maxBurst = 0;
  burstTime = -1;

  constructor(readonly tree: StatsTree, readonly name: string, readonly parent: StatNode | null, withHash: boolean) {
    this.byName = withHash ? new Map() : null;
  }

  /** Wireshark's update_burst_calc. */
  burst(value: number): void {
    const now = this.tree.now;
    const cur = Math.floor(now / BURST_RESOLUTION_MS);
    const b = this.buckets;
    const tail = b[b.length - 1]!;
    if (cur > tail.no) {
      b.push({ no: cur, count: value, start: now });
      this.burstCount += value;
      while (cur >= b[0]!.no + BURST_BUCKETS) this.burstCount -= b.shift()!.count;
    } else if (cur < b[0]!.no) {
      if (cur + BURST_BUCKETS > tail.no) {
        b.unshift({ no: cur, count: value, start: now });
        this.burstCount += value;
      }
    } else {
      let i = b.length - 1;
      while (cur < b[i]!.no) i--;
      const at = b[i]!;
      if (cur === at.no) {
        at.count += value;
        if (at.start > now) at.start = now;
      } else {
        b.splice(i + 1, 0, { no: cur, count: value, start: now });
      }
      this.burstCount += value;
    }
    if (this.burstCount > this.maxBurst) {
      this.maxBurst = this.burstCount;
      this.burstTime = b[0]!.start;
    }
  }

  /** A value for the average, minimum and maximum. */
  value(v: number): void {
    this.total += v;
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
    this.average = true;
  }

  /** The values are C floats (STAT_DT_FLOAT): summed as floats, minimum and maximum printed with %f. */
  float = false;

  /** A float value (avg_stat_node_add_value_float): rounded to a float, and so is the running total. */
  valueFloat(v: number): void {
    const f = Math.fround(v);
    this.total = Math.fround(this.total + f);
    if (f < this.min) this.min = f;
    if (f > this.max) this.max = f;
    this.average = true;
    this.float = true;
  }
}

export class StatsTree {
  /** The capture time of the packet being counted, in ms since the capture's first packet. */
  now = -1;
  private start = -1;
  elapsed = 0;
  readonly root: StatNode;
  /** Nodes created "as parents", by name (Wireshark's st->names). */
  private readonly names = new Map<string, StatNode>();

  /** `path`: the title tshark prints ("HTTP/Packet Counter"); the root is named after its last part. */
  constructor(readonly path: string) {
    this.root = new StatNode(this, path.slice(path.lastIndexOf('/') + 1), null, false);
  }

  /** A packet is counted at `relMs` (Wireshark's stats_tree_packet, before the statistic's own code). */
  packet(relMs: number): void {
    this.now = relMs;
    if (this.start < 0) this.start = relMs;
    this.elapsed = relMs - this.start;
  }

  /** The capture's first packet, in ms since the epoch (what a packet without a time is before it). */
  private firstMs = 0;

  /**
   * A packet is counted at its frame.time_relative (Wireshark's nstime_to_msec of it); a packet
   * without a time is, for Wireshark, at the epoch: as far before the first packet as that packet
   * is after the epoch (0 when no packet before it had a time).
   */
  packetAt(m: FrameMeta): void {
    if (!m.hasTs) {
      this.packet(-this.firstMs);
      return;
    }
    const rel = (m.relSec ?? 0) * 1000 + (m.relNsec ?? 0) / 1e6;
    this.firstMs = m.tsSec * 1000 + m.tsNsec / 1e6 - rel;
    this.packet(rel);
  }

  /** A node under `parent` (stats_tree_create_node; `withHash`: its children are found under it). */
  create(name: string, parent: StatNode = this.root, withHash = false, asParent = true): StatNode {
    const n = new StatNode(this, name, parent, withHash);
    if (asParent) this.names.set(name, n);
    parent.children.push(n);
    parent.byName?.set(name, n);
    return n;
  }

  private find(name: string, parent: StatNode, withHash: boolean): StatNode {
    return (parent.byName ? parent.byName.get(name) : this.names.get(name)) ?? this.create(name, parent, withHash, withHash);
  }

  /** tick_stat_node: one more for the node `name` under `parent` (created if need be). */
  tick(name: string, parent: StatNode = this.root, withHash = false): StatNode {
    const n = this.find(name, parent, withHash);
    n.counter++;
    n.burst(1);
    return n;
  }

  /** avg_stat_node_add_value_int / _float: one more value for the node `name` (found by name). */
  addValue(name: string, v: number, float = false): StatNode {
    const n = this.find(name, this.root, false);
    n.counter++;
    if (float) n.valueFloat(v);
    else n.value(v);
    n.burst(1);
    return n;
  }

  /** stats_tree_tick_pivot: one more for the pivot and for its child `value`. */
  tickPivot(pivot: StatNode, value: string): void {
    pivot.counter++;
    pivot.burst(1);
    this.tick(value, pivot);
  }

  /** A range node with children for `ranges` ("0-19", "5120 and greater": from 5120 up). */
  createRange(name: string, ranges: readonly string[], parent: StatNode = this.root): StatNode {
    const n = this.create(name, parent);
    ranges.forEach((r, i) => {
      const c = this.create(r, n, false, false);
      const m = /^(\d*)(?:-(\d*))?/.exec(r)!;
      const floor = m[1] ? Number(m[1]) : -Infinity;
      let ceil = m[2] === undefined ? floor : m[2] ? Number(m[2]) : Infinity;
      if (i === ranges.length - 1 && ceil === floor) ceil = Infinity;
      c.range = { floor, ceil };
    });
    return n;
  }

  /** stats_tree_tick_range: `value` into the range node (its average) and the child it falls in. */
  tickRange(node: StatNode, value: number): void {
    node.value(value);
    for (const c of node.children) {
      if (c.range && value >= c.range.floor && value <= c.range.ceil) {
        c.counter++;
        c.value(value);
        c.burst(1);
        return;
      }
    }
  }
}

const COLUMN_WIDTH = 12;
/** The value columns, as tshark names them. */
export const STATS_TREE_COLUMNS = ['Count', 'Average', 'Min Val', 'Max Val', 'Rate (ms)', 'Percent', 'Burst Rate', 'Burst Start'];

/**
 * C's printf("%.Nf"): the exact binary value rounded, an exact tie to the even digit (toFixed
 * takes the larger one), and a negative value, -0 too, keeps its sign ("-0.0000").
 */
export function fixed(v: number, digits: number): string {
  const a = Math.abs(v);
  let s = a.toFixed(digits);
  const exact = a.toFixed(Math.min(100, digits + 60));
  const cut = exact.indexOf('.') + 1 + digits;
  if (/^50*$/.test(exact.slice(cut))) {
    const kept = exact.slice(0, digits ? cut : cut - 1);
    if (Number(kept[kept.length - 1]) % 2 === 0) s = kept;
  }
  return v < 0 || Object.is(v, -0) ? `-${s}` : s;
}

function values(n: StatNode): string[] {
  const st = n.tree;
  const stats = n.average || n.range !== null;
  const avg = !stats ? '' : n.counter ? fixed(Math.fround(Math.fround(n.total) / Math.fround(n.counter)), 2) : '-';
  const min = !stats ? '' : n.counter ? (n.float ? fixed(n.min, 6) : String(n.min)) : '-';
  const max = !stats ? '' : n.counter ? (n.float ? fixed(n.max, 6) : String(n.max)) : '-';
  const rate = st.elapsed ? fixed(Math.fround(n.counter) / st.elapsed, 4) : '';
  const parent = n.parent!;
  const percent = parent.counter ? `${fixed((n.counter * 100) / parent.counter, 2)}%` : parent === st.root ? '100%' : '';
  const burst = n.maxBurst ? fixed(n.maxBurst / BURST_WINDOW_MS, 4) : '-';
  const burstStart = n.maxBurst ? fixed(n.burstTime / 1000, 3) : '-';
  return [String(n.counter), avg, min, max, rate, percent, burst, burstStart];
}

/** Wireshark's stats_tree_sort_compare for the default order (count, descending). */
function compare(a: StatNode, b: StatNode): number {
  if (a.range && b.range) return a.range.floor - b.range.floor;
  let r = a.counter - b.counter;
  if (r === 0) r = a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  return -r;
}

function maxNameLength(n: StatNode, indent: number): number {
  let m = n.name.length + indent;
  for (const c of n.children) m = Math.max(m, maxNameLength(c, indent + 1));
  return m;
}

/** A row of the laid-out tree: its depth (0 at the top level), name and the COLUMNS' values. */
export interface StatsTreeRow {
  depth: number;
  name: string;
  values: string[];
}

/** The rows in tshark's order: the top level as made, below it by count (then name), ranges in order. */
export function statsTreeRows(st: StatsTree): StatsTreeRow[] {
  const rows: StatsTreeRow[] = [];
  const walk = (n: StatNode, depth: number): void => {
    rows.push({ depth, name: n.name, values: values(n) });
    for (const c of [...n.children].sort(compare)) walk(c, depth + 1);
  };
  for (const c of st.root.children) walk(c, 0);
  return rows;
}

/** The tree as tshark prints `-z <name>,tree` (stats_tree_format_as_str, plain text). */
export function statsTreeText(st: StatsTree): string {
  const width = maxNameLength(st.root, 0);
  const rule = (ch: string) => ch.repeat(width + STATS_TREE_COLUMNS.length * (COLUMN_WIDTH + 2));
  let out = `\n${rule('=')}\n${st.path}:\n${'Topic / Item'.padEnd(width)}`;
  for (const c of STATS_TREE_COLUMNS) out += ` ${c.padEnd(COLUMN_WIDTH + 1)}`;
  out += `\n${rule('-')}\n`;
  for (const r of statsTreeRows(st)) {
    out += ' '.repeat(r.depth) + r.name.padEnd(width - r.depth);
    for (const v of r.values) out += ` ${v.padEnd(COLUMN_WIDTH + 1)}`;
    out += '\n';
  }
  return `${out}\n${rule('-')}\n`;
}
