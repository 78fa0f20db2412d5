/**
 * The TCP stream graphs of one connection, as Wireshark's Statistics › TCP Stream Graphs draws them
 * (ui/qt/tcp_stream_dialog.cpp, whose algorithms these follow): for the data sent one way,
 *
 *  - tcptrace: each data segment as a bar from its first to its last sequence number at the time
 *    it was sent; the other side's ACK and ACK + receive window as step lines; SACK blocks as bars
 *    (the first block and the others apart); duplicate ACKs; segments that advertise a zero window;
 *  - Stevens: the sequence number of every segment over time;
 *  - throughput: each segment's length, and the bits per second averaged over a moving time window
 *    (Wireshark's default 1 s);
 *  - round-trip time: for each segment, how long until the ACK (or a SACK) covered it, by the time
 *    the segment was sent; a retransmission is not timed (Karn);
 *  - window scaling: the bytes sent but not yet acknowledged (end of segment − highest ACK), and the
 *    receive window the other side advertised.
 *
 * Unlike Wireshark, tcptrace draws retransmitted segments as their own series (red), and sequence
 * numbers are the relative ones of the packet list (`tcp.seq`). Pure data: the view draws it.
 */
import type { ConnectionPacket, ConnectionView } from '../../../electron/api/contract.js';
import type { GraphPoint, PlotData, PlotSeries, Range } from '../plot/scales.js';

export { nearest, padded, scale, selectable, ticks, type GraphPoint, type Hit, type Range } from '../plot/scales.js';

export type GraphKind = 'tcptrace' | 'stevens' | 'throughput' | 'rtt' | 'window';
export const GRAPH_KINDS: readonly GraphKind[] = ['tcptrace', 'stevens', 'throughput', 'rtt', 'window'];
export type Direction = 'c2s' | 's2c';

export const SERIES_IDS = [
  'segments', 'retransmissions', 'ack', 'rwin', 'sack', 'sack2', 'dupAck', 'zeroWindow', // tcptrace
  'sequence', // Stevens
  'segmentLength', 'throughput', // throughput
  'rtt', // round-trip time
  'bytesOut', 'rwinSize', // window scaling
] as const;
export type SeriesId = (typeof SERIES_IDS)[number];

export interface GraphSeries extends PlotSeries {
  id: SeriesId;
}

export interface StreamGraph extends PlotData {
  kind: GraphKind;
  dir: Direction;
  /** What the left axis counts: sequence numbers, bytes or milliseconds; the right axis bits/s. */
  yUnit: 'seq' | 'bytes' | 'ms';
  series: GraphSeries[];
  x: Range;
  y: Range;
  y2?: Range;
}

/** Wireshark's moving-average window for throughput (seconds). */
export const DEFAULT_MA_WINDOW = 1;

const RETRANS = new Set(['retransmission', 'fast-retransmission', 'spurious-retransmission']);
const has = (p: ConnectionPacket, flag: string): boolean => p.flags.split(/[,\s]+/).includes(flag);
export const isRetransmission = (p: ConnectionPacket): boolean => p.analysis.some((a) => RETRANS.has(a));

/** The direction that carries more payload (the one a user means by "the transfer"). */
export function busierDirection(view: ConnectionView): Direction {
  let c2s = 0;
  let s2c = 0;
  for (const p of view.packets) {
    if (p.dir === 'c2s') c2s += p.len;
    else s2c += p.len;
  }
  return s2c > c2s ? 's2c' : 'c2s';
}

export function buildGraph(view: ConnectionView, kind: GraphKind, dir: Direction, maWindow = DEFAULT_MA_WINDOW): StreamGraph {
  const fwd = (p: ConnectionPacket) => p.dir === dir;
  const series =
    kind === 'tcptrace' ? tcptrace(view.packets, fwd)
    : kind === 'stevens' ? [{ id: 'sequence', style: 'dot', points: view.packets.filter(fwd).map((p) => ({ x: p.time, y: p.seq, no: p.no })) } as GraphSeries]
    : kind === 'throughput' ? throughput(view.packets, fwd, maWindow)
    : kind === 'rtt' ? [{ id: 'rtt', style: 'line', points: roundTrips(view.packets, fwd) } as GraphSeries]
    : windowScaling(view.packets, fwd);
  const left = series.filter((s) => !s.right);
  const right = series.filter((s) => s.right);
  const graph: StreamGraph = {
    kind,
    dir,
    yUnit: kind === 'tcptrace' || kind === 'stevens' ? 'seq' : kind === 'rtt' ? 'ms' : 'bytes',
    series,
    x: extent(series.flatMap((s) => s.points.map((p) => p.x)), view.duration),
    y: extent(left.flatMap((s) => s.points.flatMap((p) => (p.y2 === undefined ? [p.y] : [p.y, p.y2])))),
  };
  if (right.length > 0) graph.y2 = extent(right.flatMap((s) => s.points.map((p) => p.y)));
  return graph;
}

/** [min, max] of the values (0..1 when there are none; a single value gets a span around it). */
function extent(values: number[], fallbackMax = 1): Range {
  if (values.length === 0) return { min: 0, max: fallbackMax > 0 ? fallbackMax : 1 };
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (max === min) return { min: min - (min === 0 ? 0 : Math.abs(min) * 0.05), max: max + (max === 0 ? 1 : Math.abs(max) * 0.05) };
  return { min, max };
}

function tcptrace(packets: ConnectionPacket[], fwd: (p: ConnectionPacket) => boolean): GraphSeries[] {
  const segments: GraphPoint[] = [];
  const retrans: GraphPoint[] = [];
  const ack: GraphPoint[] = [];
  const rwin: GraphPoint[] = [];
  const sack: GraphPoint[] = [];
  const sack2: GraphPoint[] = [];
  const dupAck: GraphPoint[] = [];
  const zeroWindow: GraphPoint[] = [];
  for (const p of packets) {
    if (fwd(p)) {
      if (p.len > 0) (isRetransmission(p) ? retrans : segments).push({ x: p.time, y: p.seq, y2: p.seq + p.len, no: p.no });
      // As packet-tcp.c's TCP_A_ZERO_WINDOW: a zero window outside SYN, FIN and RST.
      if (p.win === 0 && !has(p, 'SYN') && !has(p, 'FIN') && !has(p, 'RST')) zeroWindow.push({ x: p.time, y: p.seq + p.len / 2, no: p.no });
      continue;
    }
    if (!has(p, 'ACK')) continue; // SYNs and RSTs need not carry an ACK
    const s = p.sack ?? [];
    for (let k = 0; k + 1 < s.length; k += 2) (k === 0 ? sack : sack2).push({ x: p.time, y: s[k]!, y2: s[k + 1]!, no: p.no });
    // The same ACK and window again is a duplicate ACK (a window update is not).
    const last = ack.at(-1);
    if (last && last.y === p.ack && rwin.at(-1)!.y === p.ack + p.win) dupAck.push({ x: p.time, y: p.ack, no: p.no });
    ack.push({ x: p.time, y: p.ack, no: p.no });
    rwin.push({ x: p.time, y: p.ack + p.win, no: p.no });
  }
  return [
    { id: 'rwin', style: 'step', points: rwin },
    { id: 'ack', style: 'step', points: ack },
    { id: 'sack', style: 'bar', points: sack },
    { id: 'sack2', style: 'bar', points: sack2 },
    { id: 'segments', style: 'bar', points: segments },
    { id: 'retransmissions', style: 'bar', points: retrans },
    { id: 'dupAck', style: 'dot', points: dupAck },
    { id: 'zeroWindow', style: 'dot', points: zeroWindow },
  ];
}

/**
 * Segment lengths, and throughput as Wireshark's time-based moving average: bits of the segments in
 * the last `win` seconds over `win`, with a point where a segment enters the window and where one
 * leaves it.
 */
function throughput(packets: ConnectionPacket[], fwd: (p: ConnectionPacket) => boolean, win: number): GraphSeries[] {
  const lengths: GraphPoint[] = [];
  const tput: GraphPoint[] = [];
  const mine = packets.filter(fwd);
  let oldest = 0;
  let sum = 0;
  for (let i = 0; i < mine.length; i++) {
    const p = mine[i]!;
    lengths.push({ x: p.time, y: p.len, no: p.no });
    while (oldest < i && p.time - mine[oldest]!.time > win) {
      sum -= mine[oldest]!.len;
      tput.push({ x: mine[oldest]!.time + win, y: (sum * 8) / win, no: mine[oldest]!.no });
      oldest++;
    }
    sum += p.len;
    const last = tput.at(-1);
    // Only a later time adds a point; otherwise the latest point takes the new value.
    if (last && p.time <= last.x) {
      last.y = (sum * 8) / win;
      last.no = p.no;
    } else tput.push({ x: p.time, y: (sum * 8) / win, no: p.no });
  }
  return [
    { id: 'segmentLength', style: 'dot', points: lengths },
    { id: 'throughput', style: 'line', right: true, points: tput },
  ];
}

/** A sent range not yet acknowledged: [seq, end) sent at `time` in packet `no`. */
interface Unacked {
  time: number;
  seq: number;
  end: number;
}

/**
 * Wireshark's RTT graph by time: every new data segment goes on a list of unacknowledged ranges
 * (a segment inside one already listed is a retransmission and is not timed); an ACK beyond a
 * range's start gives that range's RTT (and removes it once fully acknowledged), and a SACK block
 * gives the RTT of the ranges it covers. The point is at the segment's time; `no` is the packet
 * whose ACK or SACK measured it.
 */
function roundTrips(packets: ConnectionPacket[], fwd: (p: ConnectionPacket) => boolean): GraphPoint[] {
  const out: GraphPoint[] = [];
  let list: Unacked[] = [];
  for (const p of packets) {
    if (fwd(p)) {
      if (p.len > 0 && !list.some((u) => p.seq >= u.seq && p.seq < u.end)) list.push({ time: p.time, seq: p.seq, end: p.seq + p.len });
      continue;
    }
    const rtt = (u: Unacked) => out.push({ x: u.time, y: (p.time - u.time) * 1000, no: p.no });
    const next: Unacked[] = [];
    for (const u0 of list) {
      let pieces = [u0];
      if (p.ack > u0.seq) {
        rtt(u0);
        if (p.ack >= u0.end) continue;
        u0.seq = p.ack;
      }
      const s = p.sack ?? [];
      for (let k = 0; k + 1 < s.length && pieces.length > 0; k += 2) pieces = pieces.flatMap((u) => sackRange(u, s[k]!, s[k + 1]!, rtt));
      next.push(...pieces);
    }
    list = next;
  }
  return out;
}

/** What is left of `u` after a SACK block [left, right) (timing the part it covers). */
function sackRange(u: Unacked, left: number, right: number, rtt: (u: Unacked) => void): Unacked[] {
  if (left >= right || u.seq >= right || left >= u.end) return [u];
  rtt(u);
  const leftAcked = u.seq >= left;
  const rightAcked = right >= u.end;
  if (leftAcked && rightAcked) return [];
  if (leftAcked) return [{ ...u, seq: right }];
  if (rightAcked) return [{ ...u, end: left }];
  return [{ ...u, end: left }, { ...u, seq: right }];
}

/** Bytes out (sent beyond the highest ACK so far) and the receive window the other side advertised. */
function windowScaling(packets: ConnectionPacket[], fwd: (p: ConnectionPacket) => boolean): GraphSeries[] {
  const out: GraphPoint[] = [];
  const rwin: GraphPoint[] = [];
  let lastAck: number | null = null;
  for (const p of packets) {
    if (fwd(p)) {
      const end = p.seq + p.len;
      if (lastAck !== null && end >= lastAck) out.push({ x: p.time, y: end - lastAck, no: p.no });
      continue;
    }
    if (!has(p, 'SYN') && !has(p, 'RST')) rwin.push({ x: p.time, y: p.win, no: p.no });
    if (has(p, 'ACK') && (lastAck === null || p.ack >= lastAck)) lastAck = p.ack;
  }
  return [
    { id: 'rwinSize', style: 'step', points: rwin },
    { id: 'bytesOut', style: 'step', points: out },
  ];
}
