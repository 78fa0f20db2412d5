/**
 * The ladder (sequence) diagram of one TCP connection, as geometry: client lifeline on the left,
 * server on the right, time flowing down. Pure: a ConnectionView in, arrows, state bands, pause
 * breaks and the RTTs out; index.tsx only draws them.
 *
 * Time axis, two ways:
 *   'scale'       y is proportional to the time since the connection's first packet;
 *   'compressed'  one row per packet, and a pause longer than `breakSec` drawn as a break (≈) with
 *                 its length, so a 30-second idle keep-alive does not push the close off screen.
 *
 * States: each packet carries both endpoints' states after it. The sender's state changes where
 * its arrow leaves, the receiver's where it arrives. Before the first packet the client is CLOSED
 * and the server LISTEN (unless the first packet's states are inferred: then the bands start with
 * what it shows). A band is inferred (drawn dashed) when the packet that began it was.
 */
import type { ConnectionPacket, ConnectionView, TcpState } from '../../../electron/api/contract.js';

export type TimeAxis = 'scale' | 'compressed';

export interface LadderOptions {
  axis: TimeAxis;
  /** Compressed axis: pause length (s) that becomes a break. */
  breakSec?: number;
  /** Row height in the compressed axis, and the smallest gap kept between arrows on the scale axis. */
  row?: number;
  /** Scale axis: height of the packets part, at most. */
  maxHeight?: number;
  /** Both states before the first packet drawn (a window into a long connection starts mid-way). */
  initial?: { client: TcpState; server: TcpState; inferred: boolean };
}

export const LADDER = {
  width: 760,
  clientX: 170,
  serverX: 590,
  top: 56,
  bottomPad: 40,
  row: 34,
  /** How far down an arrow's head lands below its tail (the segment is in flight). */
  slant: 14,
  breakHeight: 26,
  breakSec: 1,
  maxHeight: 3000,
} as const;

/** Vertical room a label needs (px). */
export const LABEL_ROOM = 16;

/** The marks an arrow can carry, from the packet's analysis flags. */
export type ArrowMark = 'retransmission' | 'out-of-order' | 'lost-segment' | 'zero-window' | 'duplicate-ack' | 'keep-alive' | 'window-update' | 'other';

export interface LadderArrow {
  no: number;
  index: number;
  dir: 'c2s' | 's2c';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  packet: ConnectionPacket;
  marks: ArrowMark[];
  /** Drawn as a problem (red, dashed): a retransmission, out-of-order or after a lost segment. */
  problem: boolean;
  /** Room for its label: false where arrows crowd together on the scale axis (the label is then in its tooltip). */
  labelled: boolean;
}

export interface StateBand {
  side: 'client' | 'server';
  state: TcpState;
  y1: number;
  y2: number;
  inferred: boolean;
  /** The packet whose arrow changed the state into this one (null for the starting state). */
  from: number | null;
}

export interface LadderBreak {
  /** Where the break is drawn (between two arrows) and the pause it stands for (s). */
  y: number;
  seconds: number;
}

export interface LadderLayout {
  width: number;
  height: number;
  clientX: number;
  serverX: number;
  arrows: LadderArrow[];
  bands: StateBand[];
  breaks: LadderBreak[];
  /** The order in which states first appear, on either lifeline (the learner's path through RFC 9293). */
  stateOrder: TcpState[];
}

const MARKS: Record<string, ArrowMark> = {
  retransmission: 'retransmission',
  'fast-retransmission': 'retransmission',
  'spurious-retransmission': 'retransmission',
  'out-of-order': 'out-of-order',
  'lost-segment': 'lost-segment',
  'ack-lost-segment': 'lost-segment',
  'zero-window': 'zero-window',
  'zero-window-probe': 'zero-window',
  'duplicate-ack': 'duplicate-ack',
  'keep-alive': 'keep-alive',
  'window-update': 'window-update',
};

/** The arrow marks of a packet's analysis flags (each mark once, in a fixed order). */
export function arrowMarks(analysis: readonly string[]): ArrowMark[] {
  const got = new Set<ArrowMark>();
  for (const a of analysis) got.add(MARKS[a] ?? 'other');
  const order: ArrowMark[] = ['retransmission', 'out-of-order', 'lost-segment', 'zero-window', 'duplicate-ack', 'keep-alive', 'window-update', 'other'];
  return order.filter((m) => got.has(m));
}

/** y of each packet's tail on the chosen axis, and the breaks (compressed axis). */
export function packetYs(packets: readonly ConnectionPacket[], opts: LadderOptions): { ys: number[]; breaks: LadderBreak[] } {
  const row = opts.row ?? LADDER.row;
  const ys: number[] = [];
  const breaks: LadderBreak[] = [];
  if (opts.axis === 'compressed') {
    const breakSec = opts.breakSec ?? LADDER.breakSec;
    let y = LADDER.top;
    packets.forEach((p, i) => {
      if (i > 0) {
        const gap = p.time - packets[i - 1]!.time;
        y += row;
        if (gap >= breakSec) {
          breaks.push({ y: y - row / 2 + LADDER.slant / 2, seconds: gap });
          y += LADDER.breakHeight;
        }
      }
      ys.push(y);
    });
    return { ys, breaks };
  }
  // To scale: one pixel factor for the whole connection (about a row per packet on average, within
  // maxHeight); packets close in time crowd together, as they do on the wire.
  const maxHeight = opts.maxHeight ?? LADDER.maxHeight;
  const first = packets[0]?.time ?? 0;
  const span = (packets.at(-1)?.time ?? 0) - first;
  const k = span > 0 ? Math.min(maxHeight, Math.max(row * 4, row * packets.length)) / span : 0;
  for (const p of packets) ys.push(LADDER.top + (p.time - first) * k);
  return { ys, breaks };
}

/** The ladder of a connection. */
export function layoutLadder(view: ConnectionView, opts: LadderOptions): LadderLayout {
  const { ys, breaks } = packetYs(view.packets, opts);
  const cx = LADDER.clientX;
  const sx = LADDER.serverX;
  const arrows: LadderArrow[] = view.packets.map((p, i) => {
    const y1 = ys[i]!;
    const marks = arrowMarks(p.analysis);
    const fromClient = p.dir === 'c2s';
    return {
      no: p.no,
      index: i,
      dir: p.dir,
      x1: fromClient ? cx : sx,
      y1,
      x2: fromClient ? sx : cx,
      y2: y1 + LADDER.slant,
      packet: p,
      marks,
      problem: marks.includes('retransmission') || marks.includes('out-of-order') || marks.includes('lost-segment'),
      labelled: true,
    };
  });
  // A label needs about a text line of room after the previous label.
  let lastLabel = -Infinity;
  for (const a of arrows) {
    a.labelled = a.y1 - lastLabel >= LABEL_ROOM;
    if (a.labelled) lastLabel = a.y1;
  }
  const height = (arrows.at(-1)?.y2 ?? LADDER.top) + LADDER.bottomPad + (view.live ? LADDER.row : 0);
  const bands: StateBand[] = [];
  const stateOrder: TcpState[] = [];
  const seen = (s: TcpState) => {
    if (!stateOrder.includes(s)) stateOrder.push(s);
  };
  for (const side of ['client', 'server'] as const) {
    const firstPacket = view.packets[0];
    let state: TcpState = opts.initial ? opts.initial[side] : firstPacket?.inferred ? firstPacket[side] : side === 'client' ? 'CLOSED' : 'LISTEN';
    let start = LADDER.top - 20;
    let inferred = opts.initial ? opts.initial.inferred : firstPacket?.inferred ?? false;
    let from: number | null = null;
    arrows.forEach((a) => {
      const p = a.packet;
      if (p[side] === state) return;
      const sent = (side === 'client') === (p.dir === 'c2s');
      const y = sent ? a.y1 : a.y2;
      bands.push({ side, state, y1: start, y2: y, inferred, from });
      state = p[side];
      start = y;
      inferred = p.inferred;
      from = p.no;
    });
    bands.push({ side, state, y1: start, y2: height - LADDER.bottomPad / 2, inferred, from });
  }
  // The order states first appear in, reading the diagram top to bottom.
  [...bands].sort((a, b) => a.y1 - b.y1 || (a.side === 'client' ? -1 : 1)).forEach((b) => seen(b.state));
  return { width: LADDER.width, height, clientX: cx, serverX: sx, arrows, bands, breaks, stateOrder };
}

/** Time from a connection's first FIN to the peer's acknowledgement of it (the close RTT), in seconds. */
export function closeRtt(view: ConnectionView): { fin: number; ack: number; seconds: number } | null {
  const fin = view.packets.find((p) => /\bFIN\b/.test(p.flags));
  if (!fin) return null;
  const finEnd = fin.seq + fin.len + 1;
  const ack = view.packets.find((p) => p.dir !== fin.dir && p.time >= fin.time && /\bACK\b/.test(p.flags) && p.ack >= finEnd);
  return ack ? { fin: fin.no, ack: ack.no, seconds: ack.time - fin.time } : null;
}

/** Most arrows drawn at once; a longer connection is shown as a window around the selected packet. */
export const MAX_ARROWS = 600;

export interface LadderWindow {
  /** The packets drawn (all of them when the connection is short enough). */
  packets: ConnectionPacket[];
  /** Index of the first one in the connection, and the connection's packet count. */
  first: number;
  total: number;
  /** Both states before the first packet drawn (undefined at the connection's start). */
  initial?: { client: TcpState; server: TcpState; inferred: boolean };
}

/** The packets to draw: all, or `max` of them centred on the selected packet (from the start when none is). */
export function ladderWindow(view: ConnectionView, selectedNo: number | null, max = MAX_ARROWS): LadderWindow {
  const total = view.packets.length;
  if (total <= max) return { packets: view.packets, first: 0, total };
  const at = selectedNo === null ? -1 : view.packets.findIndex((p) => p.no === selectedNo);
  const first = at < 0 ? 0 : Math.max(0, Math.min(total - max, at - Math.floor(max / 2)));
  const prev = first > 0 ? view.packets[first - 1]! : undefined;
  return {
    packets: view.packets.slice(first, first + max),
    first,
    total,
    initial: prev ? { client: prev.client, server: prev.server, inferred: prev.inferred } : undefined,
  };
}
