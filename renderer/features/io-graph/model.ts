/**
 * The I/O graph (Wireshark's Statistics › I/O Graphs) as a plot: for each graph (a display filter),
 * the packets, bytes or bits it matched per interval since the first packet, from the engine's
 * `ioGraph` answer. Each point is the start of its interval and carries the first packet in it
 * (what a click selects). Pure data: the view draws it.
 */
import type { IoGraphResult } from '../../../electron/api/contract.js';
import type { PlotData, PlotSeries } from '../plot/scales.js';

export type IoUnit = 'packets' | 'bytes' | 'bits';
export const IO_UNITS: readonly IoUnit[] = ['packets', 'bytes', 'bits'];
/** The intervals offered, in seconds (Wireshark's, 1 ms to 1 min). */
export const IO_INTERVALS: readonly number[] = [0.001, 0.01, 0.1, 1, 10, 60];
/** Graphs at most (the engine's limit is higher). */
export const MAX_IO_GRAPHS = 4;

/** A graph as the user set it up. */
export interface IoGraphLine {
  /** The display filter ('' for every packet). */
  filter: string;
  shown: boolean;
}

/** Wireshark's two default graphs: all packets, and TCP errors (its filter for them). */
export const DEFAULT_LINES: readonly IoGraphLine[] = [
  { filter: '', shown: true },
  { filter: 'tcp.analysis.flags', shown: true },
];

/**
 * The interval that gives a capture of `duration` seconds some 20 or more points: 1 s as Wireshark
 * for a capture of 20 s or more, down to 1 ms for a short one.
 */
export function autoInterval(duration: number): number {
  for (const i of [1, 0.1, 0.01]) if (duration >= 20 * i) return i;
  return 0.001;
}

/** The value of interval `b` of graph `g` in `unit`. */
export function valueOf(g: IoGraphResult['graphs'][number], b: number, unit: IoUnit): number {
  return unit === 'packets' ? g.packets[b]! : unit === 'bytes' ? g.bytes[b]! : g.bytes[b]! * 8;
}

/** The plot of the shown graphs (series `g<k>`, k the graph's place in `lines`). */
export function ioPlot(r: IoGraphResult, lines: readonly IoGraphLine[], unit: IoUnit): PlotData {
  const series: PlotSeries[] = [];
  let max = 0;
  r.graphs.forEach((g, k) => {
    if (!lines[k]?.shown) return;
    const points = [];
    for (let b = 0; b < r.buckets; b++) {
      const y = valueOf(g, b, unit);
      if (y > max) max = y;
      points.push({ x: b * r.interval, y, no: g.first[b]! });
    }
    series.push({ id: `g${k}`, style: 'line', points });
  });
  const end = Math.max(r.buckets - 1, 1) * r.interval;
  return { series, x: { min: 0, max: end }, y: { min: 0, max: max > 0 ? max : 1 } };
}

/** Interval `b`'s time span as text ("1.200–1.300 s"), with the decimals the interval needs. */
export function spanText(b: number, interval: number): string {
  const d = Math.max(0, Math.ceil(-Math.log10(interval)));
  return `${(b * interval).toFixed(d)}–${((b + 1) * interval).toFixed(d)}`;
}
