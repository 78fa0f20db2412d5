/**
 * An SVG plot of PlotData (scales.ts): axes with ticks, each series as one path (so a connection of
 * 100,000 segments is still a handful of elements), the selected packet ringed. Drag a box to zoom
 * in; a click (or arrow keys) selects the nearest packet; hovering reads it out. Drawn at the pixel
 * size of its box. Used by the TCP stream graphs and the I/O graph.
 */
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { nearest, padded, scale, selectable, ticks, type GraphPoint, type Hit, type PlotData, type PlotSeries, type Range } from './scales.js';

/** Margins around the plotting area; the size is the box the plot is given (900×340 until measured). */
export const PLOT = { width: 900, height: 340, left: 78, right: 78, top: 12, bottom: 44 } as const;
const MIN = { width: 360, height: 140 };

/** The pixel size of `el`'s box, followed as the pane is resized (drawn in pixels: text never stretches). */
function useBoxSize(el: { current: HTMLElement | null }): { width: number; height: number } {
  const [size, setSize] = useState<{ width: number; height: number }>({ width: PLOT.width, height: PLOT.height });
  useEffect(() => {
    const node = el.current;
    if (!node || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => {
      const width = Math.max(MIN.width, Math.floor(node.clientWidth));
      const height = Math.max(MIN.height, Math.floor(node.clientHeight));
      setSize((s) => (s.width === width && s.height === height ? s : { width, height }));
    });
    ro.observe(node);
    return () => ro.disconnect();
  }, [el]);
  return size;
}

export interface Zoom {
  x: Range;
  y: Range;
}

/** What the axes and the plot are called, in the user's language. */
export interface PlotLabels {
  /** The plot as a whole (its accessible name). */
  title: string;
  x: string;
  y: string;
  y2?: string;
}

interface Props {
  graph: PlotData;
  labels: PlotLabels;
  /** data-* attributes of the svg (what it shows: kind, direction …). */
  data?: Record<string, string>;
  /** The svg's class beside `pl-plot` (which view draws it). */
  className?: string;
  zoom: Zoom | null;
  onZoom(z: Zoom | null): void;
  selectedNo: number | null;
  onSelectPacket?: (no: number) => void;
  onHover(hit: Hit | null): void;
}

const fmt = new Intl.NumberFormat(undefined, { maximumFractionDigits: 6 });
/** A tick label: compact for large numbers (12k, 3.4M), as many decimals as the step needs. */
export function tickLabel(v: number, step: number): string {
  const a = Math.abs(v);
  if (a >= 1e6 && step >= 1e5) return `${Number((v / 1e6).toPrecision(4))}M`;
  if (a >= 1e4 && step >= 1e3) return `${Number((v / 1e3).toPrecision(4))}k`;
  const decimals = step >= 1 ? 0 : Math.min(9, Math.ceil(-Math.log10(step)));
  return fmt.format(Number(v.toFixed(decimals)));
}

function pathOf(s: PlotSeries, sx: (v: number) => number, sy: (v: number) => number): string {
  const out: string[] = [];
  const r = (v: number) => Math.round(v * 10) / 10;
  if (s.style === 'bar') {
    for (const p of s.points) {
      const x = r(sx(p.x));
      const a = r(sy(p.y));
      const b = r(sy(p.y2 ?? p.y));
      // tcptrace's I-beam: the bar and a short tick at each end.
      out.push(`M${x},${a}V${b}M${x - 2},${a}h4M${x - 2},${b}h4`);
    }
  } else if (s.style === 'dot') {
    for (const p of s.points) out.push(`M${r(sx(p.x)) - 1.5},${r(sy(p.y))}h3`);
  } else {
    s.points.forEach((p, k) => {
      const x = r(sx(p.x));
      const y = r(sy(p.y));
      if (k === 0) out.push(`M${x},${y}`);
      // A step line holds the previous value until this point's time, then jumps.
      else out.push(s.style === 'step' ? `H${x}V${y}` : `L${x},${y}`);
    });
  }
  return out.join('');
}

export function Plot({ graph, labels, data = {}, className = '', zoom, onZoom, selectedNo, onSelectPacket, onHover }: Props) {
  const svg = useRef<SVGSVGElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const size = useBoxSize(box);
  const [drag, setDrag] = useState<{ x0: number; y0: number; x1: number; y1: number } | null>(null);
  const x = zoom?.x ?? padded(graph.x);
  const y = zoom?.y ?? padded(graph.y);
  const y2 = graph.y2 ? padded(graph.y2) : null;
  const p = { ...PLOT, ...size, right: graph.y2 ? PLOT.right : 24 };
  const x0 = p.left;
  const x1 = p.width - p.right;
  const top = p.top;
  const bottom = p.height - p.bottom;
  const sx = scale(x, x0, x1);
  const sy = scale(y, bottom, top);
  const sy2 = y2 ? scale(y2, bottom, top) : sy;
  // Keyed by the ranges' numbers (the padded ranges are new objects on every render).
  const key = [x.min, x.max, y.min, y.max, y2?.min, y2?.max, p.width, p.height].join();
  const paths = useMemo(() => graph.series.map((s) => ({ s, d: pathOf(s, sx, s.right ? sy2 : sy) })), [graph, key]); // sx, sy, sy2 follow key
  const order = useMemo(() => selectable(graph), [graph]);
  // The selected packet's points: searched when the graph or the selection changes, not on every hover.
  const selected = useMemo(() => {
    const out: { s: PlotSeries; p: GraphPoint }[] = [];
    if (selectedNo !== null) for (const s of graph.series) for (const pt of s.points) if (pt.no === selectedNo) out.push({ s, p: pt });
    return out;
  }, [graph, selectedNo]);

  const toSvg = (e: { clientX: number; clientY: number }): { x: number; y: number } | null => {
    const m = svg.current?.getScreenCTM();
    if (!m) return null;
    const pt = new DOMPoint(e.clientX, e.clientY).matrixTransform(m.inverse());
    return { x: pt.x, y: pt.y };
  };
  const inside = (q: { x: number; y: number }) => q.x >= x0 && q.x <= x1 && q.y >= top && q.y <= bottom;
  const hitAt = (q: { x: number; y: number }) => nearest(graph, q.x, q.y, sx, sy, sy2);

  const onDown = (e: PointerEvent<SVGSVGElement>) => {
    const q = toSvg(e);
    if (!q || !inside(q) || e.button !== 0) return;
    svg.current?.setPointerCapture?.(e.pointerId);
    setDrag({ x0: q.x, y0: q.y, x1: q.x, y1: q.y });
  };
  const onMove = (e: PointerEvent<SVGSVGElement>) => {
    const q = toSvg(e);
    if (!q) return;
    if (drag) setDrag({ ...drag, x1: Math.min(x1, Math.max(x0, q.x)), y1: Math.min(bottom, Math.max(top, q.y)) });
    else onHover(inside(q) ? hitAt(q) : null);
  };
  const onUp = () => {
    if (!drag) return;
    setDrag(null);
    if (Math.abs(drag.x1 - drag.x0) > 6 && Math.abs(drag.y1 - drag.y0) > 6) {
      const inv = (px: number, a: number, b: number, r: Range) => r.min + ((px - a) / (b - a)) * (r.max - r.min);
      const xs = [inv(drag.x0, x0, x1, x), inv(drag.x1, x0, x1, x)].sort((a, b) => a - b);
      const ys = [inv(drag.y0, bottom, top, y), inv(drag.y1, bottom, top, y)].sort((a, b) => a - b);
      onZoom({ x: { min: xs[0]!, max: xs[1]! }, y: { min: ys[0]!, max: ys[1]! } });
      return;
    }
    const hit = hitAt({ x: drag.x0, y: drag.y0 });
    if (hit) onSelectPacket?.(hit.point.no);
  };
  const onKey = (e: KeyboardEvent<SVGSVGElement>) => {
    if (e.key === 'Escape') {
      onZoom(null);
    } else if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      if (order.length === 0) return;
      const i = selectedNo === null ? -1 : order.indexOf(selectedNo);
      const j = e.key === 'ArrowRight' ? Math.min(order.length - 1, i + 1) : i < 0 ? order.length - 1 : Math.max(0, i - 1);
      onSelectPacket?.(order[j]!);
    } else return;
    e.preventDefault();
  };

  const xt = ticks(x, 8);
  const yt = ticks(y, 6);
  const y2t = y2 ? ticks(y2, 6) : [];
  const stepOf = (v: number[]) => (v.length > 1 ? v[1]! - v[0]! : 1);
  const clip = `sg-clip-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;

  return (
    <div className="sg-canvas" ref={box}>
      <svg
        ref={svg}
        className={`pl-plot ${className}`}
        {...Object.fromEntries(Object.entries(data).map(([k, v]) => [`data-${k}`, v]))}
        data-zoomed={zoom ? '1' : '0'}
        width={p.width}
        height={p.height}
        viewBox={`0 0 ${p.width} ${p.height}`}
        style={{ touchAction: 'none', userSelect: 'none' }}
        role="img"
        tabIndex={0}
        aria-label={labels.title}
        onPointerDown={onDown}
        onPointerMove={onMove}
        onPointerUp={onUp}
        onPointerLeave={() => onHover(null)}
        onKeyDown={onKey}
      >
        <defs>
          <clipPath id={clip}>
            <rect x={x0} y={top} width={x1 - x0} height={bottom - top} />
          </clipPath>
        </defs>
        <rect className="sg-frame" x={x0} y={top} width={x1 - x0} height={bottom - top} />
        {xt.map((v) => (
          <g key={`x${v}`} className="sg-tick">
            <line x1={sx(v)} x2={sx(v)} y1={top} y2={bottom} className="sg-grid" />
            <text x={sx(v)} y={bottom + 14} textAnchor="middle">{tickLabel(v, stepOf(xt))}</text>
          </g>
        ))}
        {yt.map((v) => (
          <g key={`y${v}`} className="sg-tick">
            <line x1={x0} x2={x1} y1={sy(v)} y2={sy(v)} className="sg-grid" />
            <text x={x0 - 6} y={sy(v) + 4} textAnchor="end">{tickLabel(v, stepOf(yt))}</text>
          </g>
        ))}
        {y2t.map((v) => (
          <text key={`r${v}`} className="sg-tick sg-right" x={x1 + 6} y={sy2(v) + 4}>{tickLabel(v, stepOf(y2t))}</text>
        ))}
        <text className="sg-axis" x={(x0 + x1) / 2} y={p.height - 6} textAnchor="middle">{labels.x}</text>
        <text className="sg-axis" transform={`translate(14 ${(top + bottom) / 2}) rotate(-90)`} textAnchor="middle">{labels.y}</text>
        {graph.y2 && labels.y2 && (
          <text className="sg-axis sg-right" transform={`translate(${p.width - 10} ${(top + bottom) / 2}) rotate(90)`} textAnchor="middle">{labels.y2}</text>
        )}
        <g clipPath={`url(#${clip})`}>
          {paths.map(({ s, d }) => (
            <path key={s.id} className={`sg-series sg-${s.id}`} data-series={s.id} data-count={s.points.length} d={d} fill="none" />
          ))}
          {selected.map(({ s, p: pt }) => (
            <circle key={s.id} className="sg-selected" data-no={pt.no} data-series={s.id} cx={sx(pt.x)} cy={(s.right ? sy2 : sy)(pt.y2 === undefined ? pt.y : (pt.y + pt.y2) / 2)} r={6} />
          ))}
        </g>
        {drag && <rect className="sg-zoom-box" x={Math.min(drag.x0, drag.x1)} y={Math.min(drag.y0, drag.y1)} width={Math.abs(drag.x1 - drag.x0)} height={Math.abs(drag.y1 - drag.y0)} />}
      </svg>
    </div>
  );
}
