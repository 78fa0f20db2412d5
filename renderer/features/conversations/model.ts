/**
 * Conversations, endpoints and live connections, the pure part: the columns of each table, a
 * stable sort, and for a live capture the per-connection states, the half-open count per server
 * and the SYN-flood alert (the same rule as dissectors/tcp/syn-flood.ts: more than `threshold`
 * half-open connections to one server whose first SYN is within the last `windowSec`).
 */
import type { ConnectionView, ConversationRow, ConvKind, EndpointRow, TcpState } from '../../../electron/api/contract.js';
import { SYN_FLOOD_DEFAULTS } from '../../../dissectors/tcp/syn-flood.js';

export const KINDS: readonly ConvKind[] = ['eth', 'ipv4', 'ipv6', 'tcp', 'udp'];

export type SortDir = 'asc' | 'desc';

export type ConvColumn =
  | 'addressA' | 'nameA' | 'vendorA' | 'portA' | 'addressB' | 'nameB' | 'vendorB' | 'portB' | 'packets' | 'bytes' | 'packetsAtoB' | 'bytesAtoB'
  | 'packetsBtoA' | 'bytesBtoA' | 'relStart' | 'duration' | 'stream' | 'outcome' | 'history' | 'handshakeRtt';

export type EndpointColumn = 'address' | 'name' | 'vendor' | 'port' | 'packets' | 'bytes' | 'txPackets' | 'txBytes' | 'rxPackets' | 'rxBytes';

/**
 * The conversation columns shown for a kind (ports for tcp/udp, vendors for eth, TCP outcome and
 * RTT), with the host names beside the addresses when `names` (Host names on, some address named).
 */
export function conversationColumns(kind: ConvKind, names = false): ConvColumn[] {
  const ports = kind === 'tcp' || kind === 'udp';
  const cols: ConvColumn[] = ['addressA'];
  if (names) cols.push('nameA');
  if (kind === 'eth') cols.push('vendorA');
  if (ports) cols.push('portA');
  cols.push('addressB');
  if (names) cols.push('nameB');
  if (kind === 'eth') cols.push('vendorB');
  if (ports) cols.push('portB');
  cols.push('packets', 'bytes', 'packetsAtoB', 'bytesAtoB', 'packetsBtoA', 'bytesBtoA', 'relStart', 'duration');
  if (ports) cols.push('stream');
  if (kind === 'tcp') cols.push('outcome', 'history', 'handshakeRtt');
  return cols;
}

export function endpointColumns(kind: ConvKind, names = false): EndpointColumn[] {
  const cols: EndpointColumn[] = ['address'];
  if (names) cols.push('name');
  if (kind === 'eth') cols.push('vendor');
  if (kind === 'tcp' || kind === 'udp') cols.push('port');
  cols.push('packets', 'bytes', 'txPackets', 'txBytes', 'rxPackets', 'rxBytes');
  return cols;
}

/** Dotted IPv4 as a number, for sorting addresses in numeric order; null for anything else. */
function ipv4Number(s: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  return m ? ((Number(m[1]) * 256 + Number(m[2])) * 256 + Number(m[3])) * 256 + Number(m[4]) : null;
}

/** Compares two cell values: absent last, numbers by value, IPv4 numerically, other text naturally. */
export function compareValues(a: unknown, b: unknown): number {
  const none = (v: unknown) => v === undefined || v === null || v === '';
  if (none(a) || none(b)) return none(a) === none(b) ? 0 : none(a) ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = String(a);
  const sb = String(b);
  const na = ipv4Number(sa);
  const nb = ipv4Number(sb);
  if (na !== null && nb !== null) return na - nb;
  return sa.localeCompare(sb, 'en', { numeric: true });
}

/** Rows sorted by a column, stably (equal rows keep their order); absent values last either way. */
export function sortRows<T extends object>(rows: readonly T[], column: keyof T | null, dir: SortDir): T[] {
  if (column === null) return [...rows];
  const sign = dir === 'asc' ? 1 : -1;
  return rows
    .map((r, i) => ({ r, i }))
    .sort((x, y) => {
      const a = x.r[column];
      const b = y.r[column];
      const absent = (v: unknown) => v === undefined || v === null || v === '';
      if (absent(a) !== absent(b)) return absent(a) ? 1 : -1;
      return sign * compareValues(a, b) || x.i - y.i;
    })
    .map((x) => x.r);
}

/** The Zeek outcome code without its "roles flipped" mark (^SF → SF). */
export function outcomeCode(code: string | undefined): string {
  return (code ?? '').replace(/^\^/, '');
}

/** One live TCP connection: both endpoints' current states. */
export interface LiveConnection {
  stream: number;
  client: string;
  server: string;
  clientState: TcpState;
  serverState: TcpState;
  packets: number;
  /** Packet number of its first and last packet (to select them). */
  firstNo: number;
  lastNo: number;
  /** Seconds since the capture's first packet: its first packet (its SYN) and its last one. */
  firstTime: number;
  lastTime: number;
  inferred: boolean;
}

/**
 * A live connection from the engine's connection view; `startTime` is when the connection's first
 * packet came, in seconds since the capture started (ConversationRow.relStart).
 */
export function liveFromView(view: ConnectionView, startTime: number): LiveConnection | null {
  const first = view.packets[0];
  const last = view.packets.at(-1);
  if (!first || !last) return null;
  return {
    stream: view.stream,
    client: `${view.client.address}:${view.client.port}`,
    server: `${view.server.address}:${view.server.port}`,
    clientState: last.client,
    serverState: last.server,
    packets: view.packets.length,
    firstNo: first.no,
    lastNo: last.no,
    firstTime: startTime,
    lastTime: startTime + last.time,
    inferred: last.inferred,
  };
}

/** Half-open: a connection request not yet answered by a completed handshake, reset or close. */
export function isHalfOpen(c: Pick<LiveConnection, 'clientState' | 'serverState'>): boolean {
  return c.serverState === 'SYN-RECEIVED' || (c.clientState === 'SYN-SENT' && c.serverState === 'LISTEN');
}

export interface ServerHalfOpen {
  server: string;
  halfOpen: number;
  total: number;
  /** Above the threshold: a possible SYN flood. */
  alert: boolean;
}

/**
 * Half-open connections per server among those whose first packet is within `windowSec` of the
 * latest packet seen, most first; `alert` above the threshold.
 */
export function halfOpenPerServer(
  conns: readonly LiveConnection[],
  opts: { threshold?: number; windowSec?: number } = {},
): ServerHalfOpen[] {
  const threshold = opts.threshold ?? SYN_FLOOD_DEFAULTS.threshold;
  const windowSec = opts.windowSec ?? SYN_FLOOD_DEFAULTS.windowSec;
  const now = conns.reduce((m, c) => Math.max(m, c.lastTime), 0);
  const by = new Map<string, ServerHalfOpen>();
  for (const c of conns) {
    let s = by.get(c.server);
    if (!s) by.set(c.server, (s = { server: c.server, halfOpen: 0, total: 0, alert: false }));
    s.total++;
    if (isHalfOpen(c) && now - c.firstTime <= windowSec) s.halfOpen++;
  }
  const out = [...by.values()];
  for (const s of out) s.alert = s.halfOpen > threshold;
  return out.sort((a, b) => b.halfOpen - a.halfOpen || compareValues(a.server, b.server));
}

/** Conversation or endpoint rows of a kind, wherever the parent keeps them. */
export type RowsByKind<T extends ConversationRow | EndpointRow> = Partial<Record<ConvKind, T[]>>;
