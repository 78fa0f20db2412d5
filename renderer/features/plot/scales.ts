/**
 * What a plot draws (plot.tsx) and the arithmetic of drawing it: linear scales, "nice" ticks, the
 * point nearest the pointer. Shared by the TCP stream graphs and the I/O graph.
 */

/** A point (x, y) or, with y2, a vertical bar from y to y2; `no` is the packet it came from (0: none, not selectable). */
export interface GraphPoint {
  x: number;
  y: number;
  y2?: number;
  no: number;
}

/** A series of points drawn one way, on the left axis or the right one. */
export interface PlotSeries {
  /** Names the series (CSS class `sg-<id>`, legend, readout). */
  id: string;
  /** bar: vertical bars (y..y2); dot: points; step: a step line (holds y until the next x); line. */
  style: 'bar' | 'dot' | 'step' | 'line';
  /** The right-hand axis; otherwise the left one. */
  right?: boolean;
  points: GraphPoint[];
}

export interface Range {
  min: number;
  max: number;
}

/** The series and the ranges of the axes (y2: the right-hand axis, when a series uses it). */
export interface PlotData {
  series: PlotSeries[];
  x: Range;
  y: Range;
  y2?: Range;
}

/** "Nice" tick values over a range (steps of 1, 2 or 5 × 10^k), about `count` of them. */
export function ticks(r: Range, count = 6): number[] {
  const span = r.max - r.min;
  if (!(span > 0) || !Number.isFinite(span)) return [r.min];
  // d3's tick step: a power of ten times 1, 2 or 5, whichever is nearest the span / count.
  const raw = span / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const err = raw / mag;
  const step = mag * (err >= Math.sqrt(50) ? 10 : err >= Math.sqrt(10) ? 5 : err >= Math.sqrt(2) ? 2 : 1);
  const out: number[] = [];
  for (let v = Math.ceil(r.min / step) * step; v <= r.max + step * 1e-9 && out.length < 100; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

/** A linear map from a range onto pixels [p0, p1]. */
export function scale(r: Range, p0: number, p1: number): (v: number) => number {
  const span = r.max - r.min || 1;
  return (v) => p0 + ((v - r.min) / span) * (p1 - p0);
}

/** The range with a margin of `f` of its span on each side (so points do not sit on the frame). */
export function padded(r: Range, f = 0.03): Range {
  const m = (r.max - r.min) * f;
  return { min: r.min - m, max: r.max + m };
}

export interface Hit {
  series: string;
  point: GraphPoint;
  /** Distance in pixels. */
  dist: number;
}

/**
 * The point nearest to pixel (px, py) within `radius` pixels (a bar counts along its whole length),
 * given the pixel maps of the axes; null when none is that close.
 */
export function nearest(graph: PlotData, px: number, py: number, sx: (v: number) => number, sy: (v: number) => number, sy2: (v: number) => number, radius = 10): Hit | null {
  let best: Hit | null = null;
  for (const s of graph.series) {
    const fy = s.right ? sy2 : sy;
    for (const p of s.points) {
      if (p.no <= 0) continue;
      const dx = sx(p.x) - px;
      if (Math.abs(dx) > radius) continue;
      let dy: number;
      if (p.y2 === undefined) dy = fy(p.y) - py;
      else {
        const a = fy(p.y);
        const b = fy(p.y2);
        dy = py < Math.min(a, b) ? Math.min(a, b) - py : py > Math.max(a, b) ? py - Math.max(a, b) : 0;
      }
      const dist = Math.hypot(dx, dy);
      if (dist <= radius && (!best || dist < best.dist)) best = { series: s.id, point: p, dist };
    }
  }
  return best;
}

/** The packets a graph can select, in time order (arrow keys step through them). */
export function selectable(graph: PlotData): number[] {
  const seen = new Map<number, number>();
  for (const s of graph.series) for (const p of s.points) if (p.no > 0 && !seen.has(p.no)) seen.set(p.no, p.x);
  return [...seen.entries()].sort((a, b) => a[1] - b[1] || a[0] - b[0]).map(([no]) => no);
}
