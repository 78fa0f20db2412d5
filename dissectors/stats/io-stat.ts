/**
 * `-z io,stat,INTERVAL[,COLUMN]...` (Wireshark's I/O statistics, tshark's tap-iostat.c): per time
 * interval since the first packet, per column, the frames and bytes a display filter matches, or a
 * calculation over a field's values in them:
 *
 *   io,stat,1                                   frames and bytes per second
 *   io,stat,0.5,tcp,udp                         one column per filter
 *   io,stat,10,COUNT(tcp.analysis.retransmission)tcp.analysis.retransmission
 *   io,stat,0,SUM(frame.len)frame.len,MIN(tcp.window_size)tcp,MAX(…),AVG(http.time)http.time,LOAD(dns.time)
 *   FRAMES, BYTES, FRAMES BYTES                 (without a field)
 *
 * This module counts (every packet read, in order, with its tree when a column reads one); the
 * table is drawn by electron/cli/io-stat-text.ts. Values follow tshark's arithmetic: integer
 * division for averages, relative times summed in nanoseconds, a LOAD spread back over the
 * intervals a response time covers, and the largest value a column ever held (for its width).
 */
import type { FieldDef } from '../core/fields.js';
import type { PacketInfo } from '../core/pinfo.js';
import type { ProtoNode } from '../core/tree.js';
import type { DisplayFilter } from '../filter/index.js';

export type IoCalc = 'FRAMES' | 'BYTES' | 'FRAMES BYTES' | 'COUNT' | 'SUM' | 'MIN' | 'MAX' | 'AVG' | 'LOAD';

export interface IoColumn {
  calc: IoCalc;
  /** The field of COUNT / SUM / MIN / MAX / AVG / LOAD. */
  field: FieldDef | null;
  filter: DisplayFilter | null;
  /** The column as given (printed in the header), or null for an empty one ("Frames and bytes"). */
  text: string | null;
}

export interface IoStatSpec {
  /** Interval in microseconds; Infinity: the whole capture (an interval of 0). */
  interval: number;
  /** Decimals of the interval as given (tshark's invl_prec). */
  invlPrec: number;
  columns: IoColumn[];
}

/** One cell: a column in one interval. */
export class IoCell {
  frames = 0;
  /** Values seen (AVG's divisor). */
  num = 0;
  /** Integer counter (bytes, counts, sums; relative times in ns; LOAD in µs). */
  counter = 0;
  /** For float and double fields. */
  real = 0;
}

/** A column's cells by interval, and the largest values it held (for the table's widths). */
export class IoColumnData {
  /** By interval; an interval no packet of the column fell in has none (its row shows zeros). */
  private readonly cells = new Map<number, IoCell>();
  /** Index of the last interval a packet went to (tshark's mit->prev). */
  last = 0;
  maxFrames = 0;
  maxValue = 0;
  constructor(readonly col: IoColumn) {}

  /** The cell of interval `i`, if a packet counted there. */
  cell(i: number): IoCell | undefined {
    return this.cells.get(i);
  }

  /** The cell of interval `i`, made when it is the first. */
  cellAt(i: number): IoCell {
    let c = this.cells.get(i);
    if (c === undefined) this.cells.set(i, (c = new IoCell()));
    return c;
  }
}

/**
 * Intervals a table may have at most: a capture a year long at an interval of a second would be
 * 31 million rows (tshark prints them all, holding them in memory); Packetloom says so instead.
 */
export const MAX_INTERVALS = 1_000_000;

const NS = 1e9;

/** The nodes of field `f` in `tree` (none without a field: a function name written without one). */
function nodesOf(tree: ProtoNode, f: FieldDef | null, out: ProtoNode[]): ProtoNode[] {
  out.length = 0;
  if (f === null) return out;
  const walk = (n: ProtoNode) => {
    if (n.field === f) out.push(n);
    const ch = n.children;
    if (ch) for (const c of ch) walk(c);
  };
  walk(tree);
  return out;
}

/** A field value as tshark's calculations read it: integers, reals, and relative times in ns. */
function numeric(f: FieldDef, v: unknown): number {
  if (f.type === 'rel_time') {
    const t = v as { sec: number; nsec: number } | null;
    return t ? t.sec * NS + t.nsec : 0;
  }
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  return typeof v === 'number' ? v : 0;
}

const isReal = (f: FieldDef | null) => f !== null && (f.type === 'double' || f.type === 'float');

export class IoStat {
  readonly data: IoColumnData[];
  /** The capture's elapsed time: the largest time since the first packet, in seconds and ns. */
  elapsedSec = 0;
  elapsedNsec = 0;
  /** Time of the first packet (for absolute times). */
  startSec: number | null = null;
  startNsec = 0;
  private lastRel = 0;
  /** Some packet fell after MAX_INTERVALS intervals: the table is not drawn. */
  tooMany = false;
  private readonly scratch: ProtoNode[] = [];

  constructor(readonly spec: IoStatSpec) {
    this.data = spec.columns.map((c) => new IoColumnData(c));
  }

  /** True when some column reads the tree (a filter or a field). */
  get needTree(): boolean {
    return this.spec.columns.some((c) => c.filter !== null || c.field !== null);
  }

  /** Counts one packet (every packet read, in order). */
  add(pinfo: PacketInfo): void {
    const m = pinfo.meta;
    const rs = m.relSec;
    const rn = m.relNsec ?? 0;
    if (m.hasTs && rs !== undefined) {
      if (rs > this.elapsedSec || (rs === this.elapsedSec && rn > this.elapsedNsec)) {
        this.elapsedSec = rs;
        this.elapsedNsec = rn;
      }
    }
    // Microseconds since the first packet (a negative time counts as the last one seen).
    let rel = this.lastRel;
    if (rs !== undefined && rs >= 0 && rn >= 0) {
      rel = rs * 1e6 + Math.floor((rn + 500) / 1000);
      this.lastRel = rel;
    }
    for (const d of this.data) {
      const col = d.col;
      if (col.filter && !col.filter.matches(pinfo.tree, pinfo)) continue;
      if (this.startSec === null && rs !== undefined) {
        // The first packet's time: this one's less its time since the first.
        let s = m.tsSec - rs;
        let n = m.tsNsec - rn;
        if (n < 0) { n += NS; s--; } else if (n >= NS) { n -= NS; s++; }
        this.startSec = s;
        this.startNsec = n;
      }
      this.addTo(d, rel, pinfo);
    }
  }

  private addTo(d: IoColumnData, rel: number, pinfo: PacketInfo): void {
    const interval = this.spec.interval;
    // Into the interval of `rel`, or the last one a packet went to when time went back.
    if (interval !== Infinity) {
      const k = Math.floor(rel / interval);
      if (k >= MAX_INTERVALS) {
        this.tooMany = true;
        return;
      }
      if (k > d.last) d.last = k;
    }
    const it = d.cellAt(d.last);
    it.frames++;
    const col = d.col;
    const f = col.field;
    switch (col.calc) {
      case 'FRAMES':
      case 'BYTES':
      case 'FRAMES BYTES':
        it.counter += pinfo.meta.origLen;
        break;
      case 'COUNT':
        it.counter += nodesOf(pinfo.tree, f, this.scratch).length;
        break;
      case 'SUM':
        for (const n of nodesOf(pinfo.tree, f, this.scratch)) {
          if (isReal(f)) it.real += numeric(f!, n.value);
          else it.counter += numeric(f!, n.value);
        }
        break;
      case 'MIN':
      case 'MAX': {
        const nodes = nodesOf(pinfo.tree, f, this.scratch);
        for (let i = 0; i < nodes.length; i++) {
          const v = numeric(f!, nodes[i]!.value);
          const first = it.frames === 1 && i === 0;
          if (isReal(f)) {
            if (col.calc === 'MIN' ? first || v < it.real : v > it.real) it.real = v;
          } else if (col.calc === 'MIN' ? first || v < it.counter : v > it.counter) {
            it.counter = v;
          }
        }
        break;
      }
      case 'AVG':
        for (const n of nodesOf(pinfo.tree, f, this.scratch)) {
          it.num++;
          if (isReal(f)) it.real += numeric(f!, n.value);
          else it.counter += numeric(f!, n.value);
        }
        break;
      case 'LOAD':
        for (const n of nodesOf(pinfo.tree, f, this.scratch)) {
          // The response time in µs, spread back over the intervals it covers.
          let val = Math.floor(numeric(f!, n.value) / 1000);
          const part = interval === Infinity ? val : val % interval;
          it.counter += part;
          val -= part;
          // tshark walks its list backwards from this interval; the first one's "previous" is
          // the last one (its list head keeps the tail there).
          const prevOf = (k: number) => (k > 0 ? k - 1 : d.last);
          // Whole turns around that ring at once (bounded work whatever the time).
          const ring = d.last + 1;
          const turns = Math.floor(val / (interval * ring));
          if (turns > 0) {
            for (let j = 0; j < ring; j++) d.cellAt(j).counter += turns * interval;
            val -= turns * interval * ring;
          }
          let k = prevOf(d.last);
          while (val > 0) {
            const cell = d.cellAt(k);
            if (val < interval) {
              cell.counter += val;
              break;
            }
            cell.counter += interval;
            val -= interval;
            k = prevOf(k);
          }
        }
        break;
    }
    // The largest value the column held, for its width.
    switch (col.calc) {
      case 'FRAMES':
      case 'FRAMES BYTES':
        d.maxFrames = Math.max(d.maxFrames, it.frames);
        if (col.calc === 'FRAMES BYTES') d.maxValue = Math.max(d.maxValue, it.counter);
        break;
      case 'BYTES':
      case 'COUNT':
      case 'LOAD':
        d.maxValue = Math.max(d.maxValue, it.counter);
        break;
      case 'SUM':
      case 'MIN':
      case 'MAX':
        d.maxValue = Math.max(d.maxValue, isReal(f) ? Math.floor(it.real + 0.5) : it.counter);
        break;
      case 'AVG':
        if (it.num === 0) break;
        if (isReal(f)) d.maxValue = Math.max(d.maxValue, Math.floor(Math.floor(it.real) / it.num));
        else if (f!.type === 'rel_time') d.maxValue = Math.max(d.maxValue, Math.floor((Math.floor(it.counter / it.num) + 5e8) / NS));
        else d.maxValue = Math.max(d.maxValue, Math.floor(it.counter / it.num));
        break;
    }
  }
}
