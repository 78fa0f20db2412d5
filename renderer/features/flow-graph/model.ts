/**
 * Statistics › Flow Graph (Wireshark's sequence diagram of a capture), as geometry: one lifeline
 * per address in order of first appearance, one arrow per packet from its source to its
 * destination, time flowing down, the Info column as the arrow's label. Pure: the rows of the
 * packet list in, hosts and arrows out; index.tsx draws them. Where the handshake view shows one
 * TCP connection between two endpoints, this shows how the conversations of a capture follow each
 * other: the ARP before the DNS query, the DNS answer before the SYN, the GET after the handshake.
 */
import type { Row } from '../../../electron/api/contract.js';
import { inConversationOf } from '../find/conversation.js';

export const FLOW = {
  /** Left margin: the time column. */
  left: 96,
  /** Space between two lifelines. */
  column: 170,
  top: 52,
  row: 28,
  /** The comment column to the right of the last lifeline. */
  comment: 360,
  bottomPad: 24,
  /** A label longer than this is cut with an ellipsis (the whole text is in the arrow's title). */
  labelChars: 34,
} as const;

/** Most packets one graph draws (Wireshark draws every packet; a window keeps the page light). */
export const MAX_FLOW_PACKETS = 1000;

export interface FlowArrow {
  no: number;
  time: number;
  from: number;
  to: number;
  x1: number;
  x2: number;
  y: number;
  label: string;
  /** "TCP: 40080 → 80 [SYN] …": protocol and the whole Info. */
  comment: string;
  protocol: string;
  /** The packet's TCP or UDP stream, for colouring the arrows of one conversation alike. */
  stream: string | null;
}

export interface FlowGraph {
  hosts: { name: string; x: number }[];
  arrows: FlowArrow[];
  width: number;
  height: number;
}

export function cut(s: string, n: number): string {
  const t = s.trim();
  return t.length <= n ? t : `${t.slice(0, n - 1)}…`;
}

/** Keeps the rows `keep` says (TCP only, one conversation …) and lays them out. */
export function layoutFlow(rows: readonly Row[], keep: (r: Row) => boolean = () => true): FlowGraph {
  const index = new Map<string, number>();
  const hostOf = (a: string) => {
    let i = index.get(a);
    if (i === undefined) index.set(a, (i = index.size));
    return i;
  };
  const kept = rows.filter(keep);
  for (const r of kept) {
    hostOf(r.source);
    hostOf(r.destination);
  }
  const x = (i: number) => FLOW.left + FLOW.column / 2 + i * FLOW.column;
  const arrows = kept.map((r, k): FlowArrow => {
    const from = index.get(r.source)!;
    const to = index.get(r.destination)!;
    return {
      no: r.no,
      time: r.time,
      from,
      to,
      x1: x(from),
      x2: x(to),
      y: FLOW.top + k * FLOW.row + FLOW.row / 2,
      label: cut(r.info, FLOW.labelChars),
      comment: `${r.protocol}: ${r.info.trim()}`,
      protocol: r.protocol,
      stream: r.tcpStream !== undefined ? `tcp${r.tcpStream}` : r.udpStream !== undefined ? `udp${r.udpStream}` : null,
    };
  });
  const hosts = [...index.keys()].map((name, i) => ({ name, x: x(i) }));
  return {
    hosts,
    arrows,
    width: FLOW.left + Math.max(1, hosts.length) * FLOW.column + FLOW.comment,
    height: FLOW.top + arrows.length * FLOW.row + FLOW.bottomPad,
  };
}

/** Which packets a flow graph shows: every displayed one, TCP only, or the selected packet's conversation. */
export type FlowScope = 'all' | 'tcp' | 'conversation';

export function scopeTest(scope: FlowScope, selected: Row | null): (r: Row) => boolean {
  if (scope === 'tcp') return (r) => r.tcpStream !== undefined;
  if (scope === 'conversation' && selected) return inConversationOf(selected);
  return () => true;
}

/** The first view position of the window of at most MAX_FLOW_PACKETS rows that shows `pos` (a little below its top). */
export function windowStart(pos: number, displayed: number): number {
  if (displayed <= MAX_FLOW_PACKETS || pos < 0) return 0;
  return Math.max(0, Math.min(pos - 50, displayed - MAX_FLOW_PACKETS));
}
