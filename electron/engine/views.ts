/**
 * The session's tables and views beyond rows and packets: conversations and endpoints (the
 * accumulators of dissectors/stats, fed during indexing), capture properties, expert info, one
 * TCP connection with its per-packet endpoint states (the handshake view), follow stream with
 * message boundaries, and save. Each takes the session and validated params.
 */
import { writeSync, writeFileSync } from 'node:fs';
import { exportConversation, ExportError, type ExportPacket, type PacketWalk } from '../../dissectors/output/conversation-export.js';
import type {
  CaptureProperties, ConnectionPacket, ConnectionView, ConvKind, ConversationRow, EndpointRow, ExpertRow, FollowChunk,
  FindParams, FollowMessage, FollowResult, Framing, IoGraphSpec, TcpState,
} from '../api/contract.js';
import { PcapngWriter } from '../../dissectors/capture/pcapng-writer.js';
import { PcapWriter } from '../../dissectors/capture/pcap-writer.js';
import { fieldByName, type Timestamp } from '../../dissectors/core/fields.js';
import type { ProtoNode } from '../../dissectors/core/tree.js';
import { tcpFlagsText } from '../../dissectors/protocols/tcp.js';
import { CaptureDissector } from '../../dissectors/packet.js';
import { addTcpSegmentTap, enableTcpMessageTable, tcpMessagesOf, type TcpMessage } from '../../dissectors/tcp/desegment.js';
import { frameMessages } from '../../dissectors/tcp/framing.js';
import { FollowCollector } from '../../dissectors/tcp/follow.js';
import { TvbFollowCollector } from '../../dissectors/output/tvb-follow.js';
import { addUdpPayloadTap } from '../../dissectors/protocols/udp.js';
import { addHttpFollowTap } from '../../dissectors/protocols/http.js';
import { secondsText, type FollowEndpoint, type FollowRecord } from '../../dissectors/output/follow-text.js';
import { formatIPv4Bytes, formatIPv6 } from '../../dissectors/core/addr.js';
import { CHUNK_DATA, CHUNK_MISSING } from '../../dissectors/tcp/reassembly.js';
import { tcpTracking, type TcpConnectionInfo } from '../../dissectors/tcp/tracker.js';
import { EngineError } from './errors.js';
import { ioGraph } from './io-graph.js';
import { findPacket } from './find-packet.js';
import { exportDissections, type DissectionFormat } from './export-dissections.js';
import { protocolHierarchy } from './protocol-hierarchy.js';
import { statsTree } from './stats-trees.js';
import { exportObject, exportObjects, saveExportObjects } from './export-objects.js';
import { credentials } from './credentials.js';
import { abandonOutput, openEngineOutput, openOutput, type OutputFile } from './output-file.js';
import { F_TCP, F_UDP } from './index-flags.js';
import { lookupVendor } from './oui.js';
import type { Session } from './session.js';
import { sessionTables, type ConvTables, type EndpointTables } from './conversation-tables.js';

const vendor = (mac: Uint8Array) => lookupVendor(mac)?.name;

/**
 * Conversations and endpoints of every kind over the packets indexed so far, counted once
 * (conversation-tables.ts, from the index columns); a kind's rows are made when first asked for.
 * Cached until more packets arrive.
 */
interface Tables {
  packets: number;
  conv: ConvTables;
  ends: EndpointTables;
  conversations: Partial<Record<ConvKind, ConversationRow[]>>;
  endpoints: Partial<Record<ConvKind, EndpointRow[]>>;
}
const tables = new WeakMap<Session, { packets: number; result: Promise<Tables> }>();

/** The tables, counted in slices that let other calls through. */
function statsTables(s: Session): Promise<Tables> {
  const have = tables.get(s);
  if (have && have.packets === s.count) return have.result;
  const n = s.count;
  const result = sessionTables(s, n, STATS_SLICE_MS).then(({ conv, ends }) => ({ packets: n, conv, ends, conversations: {}, endpoints: {} }));
  tables.set(s, { packets: n, result });
  result.catch(() => tables.delete(s));
  return result;
}
const STATS_SLICE_MS = 25;

export async function conversations(s: Session, kind: ConvKind): Promise<ConversationRow[]> {
  const t = await statsTables(s);
  const rows = (t.conversations[kind] ??= t.conv[kind].rows({ vendor }));
  const name = kind === 'eth' ? undefined : s.hostNameOf;
  if (!name) return rows;
  // With network names on, IP addresses' names beside them (the addresses stay: filters use them).
  return rows.map((r) => {
    const a = name(r.addressA);
    const b = name(r.addressB);
    return a === undefined && b === undefined ? r : { ...r, ...(a !== undefined ? { nameA: a } : {}), ...(b !== undefined ? { nameB: b } : {}) };
  });
}

export async function endpoints(s: Session, kind: ConvKind): Promise<EndpointRow[]> {
  const t = await statsTables(s);
  const rows = (t.endpoints[kind] ??= t.ends[kind].rows({ vendor }));
  const name = kind === 'eth' ? undefined : s.hostNameOf;
  if (!name) return rows;
  return rows.map((r) => {
    const n = name(r.address);
    return n === undefined ? r : { ...r, name: n };
  });
}

export function properties(s: Session): CaptureProperties {
  return s.properties();
}

/**
 * Expert items of every packet indexed so far, as tshark's one pass raises them: the session's
 * index pass counts them as it goes (Session.expertRows; the same items, messages and protocols as
 * the full tree's, test/dissectors/expert-summary.test.ts).
 */
export function expert(s: Session): Promise<ExpertRow[]> {
  return Promise.resolve(s.expertRows());
}

// ---------------------------------------------------------------------------------------------
// One TCP connection

const HF = (n: string) => fieldByName(n)!;
const F_SEQ = HF('tcp.seq');
const F_ACK = HF('tcp.ack');
const F_LEN = HF('tcp.len');
const F_WIN = HF('tcp.window_size');
const F_FLAGS = HF('tcp.flags');
const F_STREAM = HF('tcp.stream');
const F_CLIENT = HF('tcp.state.client');
const F_SERVER = HF('tcp.state.server');
const F_TRANSITION = HF('tcp.state.transition');
const F_INFERRED = HF('tcp.state.inferred');
const F_ANALYSIS_FLAGS = HF('tcp.analysis.flags');
const F_SACK_LE = HF('tcp.options.sack_le');
const F_SACK_RE = HF('tcp.options.sack_re');
const F_ACK_RTT = HF('tcp.analysis.ack_rtt');
const F_IN_FLIGHT = HF('tcp.analysis.bytes_in_flight');
const F_UDP_STREAM = HF('udp.stream');

/** The TCP protocol node of a tree that belongs to `stream` (the first one). */
function tcpNodeOf(tree: ProtoNode, stream: number): ProtoNode | null {
  for (const p of tree.children ?? []) {
    if (p.field?.abbrev !== 'tcp') continue;
    const st = p.children?.find((c) => c.field === F_STREAM);
    if (st && st.value === stream) return p;
  }
  return null;
}

/**
 * The nodes under `n` by field: the first of each (breadth first, nearest the top), and every SACK
 * edge in order (a SACK option's edges are siblings). One walk per packet: a connection view reads a
 * dozen fields of each of its packets, and a download has hundreds of thousands of them.
 */
function fieldsUnder(n: ProtoNode): { first: Map<unknown, ProtoNode>; sackLe: number[]; sackRe: number[] } {
  const first = new Map<unknown, ProtoNode>();
  const sackLe: number[] = [];
  const sackRe: number[] = [];
  const queue: ProtoNode[] = [...(n.children ?? [])];
  for (let k = 0; k < queue.length; k++) {
    const c = queue[k]!;
    if (c.field && !first.has(c.field)) first.set(c.field, c);
    if (c.value !== undefined && c.field === F_SACK_LE) sackLe.push(Number(c.value));
    else if (c.value !== undefined && c.field === F_SACK_RE) sackRe.push(Number(c.value));
    if (c.children) queue.push(...c.children);
  }
  return { first, sackLe, sackRe };
}

/** Packet indexes of a TCP stream, in order. */
export function streamPackets(s: Session, stream: number): number[] {
  return s.streamPackets(stream);
}

export function connection(s: Session, stream: number): ConnectionView {
  const info = tcpTracking(s.dissector.ctx).connection(stream);
  if (!info) throw new EngineError('bad-request', `connection: there is no TCP stream ${stream}`);
  const packets: ConnectionPacket[] = [];
  const list = streamPackets(s, stream);
  const ix = s.index;
  const first = list[0] ?? 0;
  for (const i of list) {
    const pi = s.revisit(i);
    const t = tcpNodeOf(pi.tree, stream);
    if (!t) continue;
    const { first: f, sackLe: le, sackRe: re } = fieldsUnder(t);
    const child = (def: unknown) => f.get(def);
    const flags = Number(child(F_FLAGS)?.value ?? 0);
    const fromClient = s.strings.strings[s.columns.src[i]!] === info.client.address && s.columns.sport[i] === info.client.port;
    const analysis: string[] = [];
    const af = child(F_ANALYSIS_FLAGS);
    for (const e of af?.children ?? []) {
      if (e.expert && e.expert.def.abbrev.startsWith('tcp.analysis.')) analysis.push(e.expert.def.abbrev.slice('tcp.analysis.'.length).replace(/_/g, '-'));
    }
    const p: ConnectionPacket = {
      no: i + 1,
      time: ix.tsSecOf(i) - ix.tsSecOf(first) + (ix.tsNsec[i]! - ix.tsNsec[first]!) / 1e9,
      dir: fromClient ? 'c2s' : 's2c',
      flags: tcpFlagsText(flags),
      seq: Number(child(F_SEQ)?.value ?? 0),
      ack: flags & 0x10 ? Number(child(F_ACK)?.value ?? 0) : 0,
      len: Number(child(F_LEN)?.value ?? 0),
      win: Number(child(F_WIN)?.value ?? 0),
      client: (child(F_CLIENT)?.value as TcpState | undefined) ?? 'CLOSED',
      server: (child(F_SERVER)?.value as TcpState | undefined) ?? 'CLOSED',
      transition: String(child(F_TRANSITION)?.value ?? ''),
      inferred: Boolean(child(F_INFERRED)?.value),
      analysis,
    };
    // The stream graph's extras, as tshark's fields say them (relative SACK edges, as tcp.seq).
    if (le.length > 0 && le.length === re.length) p.sack = le.flatMap((l, k) => [l, re[k]!]);
    const rtt = child(F_ACK_RTT)?.value as Timestamp | undefined;
    if (rtt) p.ackRtt = rtt.sec + rtt.nsec / 1e9;
    const inFlight = child(F_IN_FLIGHT)?.value;
    if (inFlight !== undefined) p.inFlight = Number(inFlight);
    packets.push(p);
  }
  return connectionViewOf(info, stream, packets, s.info.kind === 'live' && !s.complete);
}

/** A connection's handshake-view summary (endpoints, outcome, RTTs, close) around its packets. */
export function connectionViewOf(info: TcpConnectionInfo, stream: number, packets: ConnectionPacket[], live: boolean): ConnectionView {
  const ep = (e: TcpConnectionInfo['client']): ConnectionView['client'] => {
    const o: ConnectionView['client'] = { address: e.address, port: e.port, sack: e.sackPermitted, timestamps: e.timestamps };
    if (e.isn !== null) o.isn = e.isn;
    if (e.mss !== null) o.mss = e.mss;
    if (e.windowScale !== null) o.windowScale = e.windowScale;
    return o;
  };
  const view: ConnectionView = {
    stream,
    client: ep(info.client),
    server: ep(info.server),
    roleHeuristic: info.rolesHeuristic,
    outcome: info.connState,
    outcomeText: info.connStateText,
    history: info.history,
    duration: info.duration,
    packets,
    live,
  };
  if (info.handshake.synToSynAck !== null) view.rttSynToSynAck = info.handshake.synToSynAck;
  if (info.handshake.synAckToAck !== null) view.rttSynAckToAck = info.handshake.synAckToAck;
  if (info.close.by) view.closedBy = info.close.by;
  if (info.close.how) view.closedWith = info.close.how;
  return view;
}

// ---------------------------------------------------------------------------------------------
// Follow

/** Most bytes a follow returns per direction (the rest is cut, as a GUI would page it). */
export const MAX_FOLLOW_BYTES = 16 * 1024 * 1024;

export function follow(s: Session, proto: 'tcp' | 'udp' | 'http', stream: number, framing: Framing = { kind: 'auto' }): FollowResult {
  return proto === 'tcp' ? followTcp(s, stream, framing) : proto === 'udp' ? followUdp(s, stream, framing) : followHttp(s, stream, framing);
}

function b64(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.length).toString('base64');
}

function followTcp(s: Session, stream: number, framing: Framing): FollowResult {
  const info = tcpTracking(s.dissector.ctx).connection(stream);
  if (!info) throw new EngineError('bad-request', `follow: there is no TCP stream ${stream}`);
  const fc = new FollowCollector({ stream });
  const ctx = s.dissector.ctx;
  const untap = addTcpSegmentTap((seg) => {
    if (seg.pinfo.ctx === ctx && seg.pinfo.visited) fc.segment(seg);
  });
  try {
    for (const i of streamPackets(s, stream)) s.revisit(i);
  } finally {
    untap();
  }
  // Node 0 (first sender) is the client unless the client is the other side.
  const n0 = fc.node0;
  const node0IsClient = !n0 || info.client.port === n0.port && info.client.address === s.strings.strings[s.columns.src[streamPackets(s, stream)[0] ?? 0]!];
  const dirOf = (d: 0 | 1): 'c2s' | 's2c' => ((d === 0) === node0IsClient ? 'c2s' : 's2c');
  const chunks: FollowChunk[] = [];
  const dirBytes: [Uint8Array[], Uint8Array[]] = [[], []];
  const total = [0, 0];
  for (const c of fc.reassembler.chunks) {
    if (c.kind !== CHUNK_DATA && c.kind !== CHUNK_MISSING) continue;
    const bytes = fc.chunkBytes(c);
    if (c.kind === CHUNK_DATA && total[c.dir]! + bytes.length <= MAX_FOLLOW_BYTES) {
      chunks.push({ dir: dirOf(c.dir), no: c.frame, streamOffset: c.offset, bytes: b64(bytes), time: secondsText(...fc.frameTime(c.frame)) });
      dirBytes[c.dir].push(bytes);
      total[c.dir]! += bytes.length;
    } else if (c.kind === CHUNK_MISSING) {
      // A gap: nothing to show, but later offsets stay those of the stream.
      total[c.dir]! += 0;
    }
  }
  const messages: FollowMessage[] = [];
  if (framing.kind === 'auto') {
    for (const m of streamMessages(s, stream)) {
      const start = m.seq >= 1 ? m.seq - 1 : m.seq;
      messages.push({ dir: dirOf(m.dir), start, end: start + m.len, label: `${m.protocol.toUpperCase()} message in frame ${m.frame}` });
    }
    labelMessages(messages, fc, node0IsClient);
  } else {
    for (const d of [0, 1] as const) {
      const data = concatChunks(fc, d);
      for (const m of frameMessages(data.bytes, framing)) {
        messages.push({ dir: dirOf(d), start: data.base + m.start, end: data.base + m.end, label: `message ${m.label}${m.complete ? '' : ' (incomplete)'}` });
      }
    }
    messages.sort((a, b) => a.start - b.start || (a.dir < b.dir ? -1 : 1));
  }
  const client = `${info.client.address.includes(':') ? `[${info.client.address}]` : info.client.address}:${info.client.port}`;
  const server = `${info.server.address.includes(':') ? `[${info.server.address}]` : info.server.address}:${info.server.port}`;
  const c2s = node0IsClient ? 0 : 1;
  return {
    proto: 'tcp', stream, client, server, chunks, messages,
    bytesC2S: fc.reassembler.streamLength(c2s as 0 | 1),
    bytesS2C: fc.reassembler.streamLength((1 - c2s) as 0 | 1),
  };
}

/**
 * The application messages of a TCP stream as desegmentation found them: the stream's packets
 * are dissected again by a fresh dissector with the message table on (the session does not keep
 * one for every stream; a revisit does not desegment). In that replay the stream is number 0.
 */
function streamMessages(s: Session, stream: number): TcpMessage[] {
  const d = new CaptureDissector({ ...s.dissectOptions, info: false });
  enableTcpMessageTable(d.ctx);
  for (const i of s.streamPackets(stream)) d.dissect(s.frameMeta(i), s.bytes(i), false);
  return tcpMessagesOf(d.ctx, 0);
}

/** One direction's delivered bytes from its first data chunk on (gaps as zeros), and where they start. */
function concatChunks(fc: FollowCollector, dir: 0 | 1): { bytes: Uint8Array; base: number } {
  const cs = fc.reassembler.chunks.filter((c) => c.dir === dir && (c.kind === CHUNK_DATA || c.kind === CHUNK_MISSING));
  if (!cs.length) return { bytes: new Uint8Array(0), base: 0 };
  const base = cs[0]!.offset;
  const end = Math.min(base + MAX_FOLLOW_BYTES, cs[cs.length - 1]!.offset + cs[cs.length - 1]!.len);
  const out = new Uint8Array(Math.max(0, end - base));
  for (const c of cs) {
    if (c.kind !== CHUNK_DATA || c.offset >= end) continue;
    const b = fc.chunkBytes(c);
    out.set(b.subarray(0, Math.min(b.length, end - c.offset)), c.offset - base);
  }
  return { bytes: out, base };
}

/** Better labels for HTTP and DNS messages: the request/status line, the DNS id. */
function labelMessages(messages: FollowMessage[], fc: FollowCollector, node0IsClient: boolean): void {
  const data: [ReturnType<typeof concatChunks>, ReturnType<typeof concatChunks>] = [concatChunks(fc, 0), concatChunks(fc, 1)];
  for (const m of messages) {
    const d = (m.dir === 'c2s') === node0IsClient ? 0 : 1;
    const { bytes, base } = data[d];
    const a = m.start - base;
    if (a < 0 || a >= bytes.length) continue;
    const b = bytes.subarray(a, Math.min(bytes.length, m.end - base));
    if (m.label.startsWith('HTTP')) {
      let e = 0;
      while (e < b.length && e < 200 && b[e] !== 0x0d && b[e] !== 0x0a) e++;
      const line = Buffer.from(b.subarray(0, e)).toString('latin1');
      if (line) m.label = line.startsWith('HTTP/') ? line : line.replace(/ HTTP\/\d\.\d$/, '');
    } else if (m.label.startsWith('DNS') && b.length >= 5) {
      const id = (b[2]! << 8) | b[3]!;
      const qr = b[4]! & 0x80;
      m.label = `DNS ${qr ? 'response' : 'query'} 0x${id.toString(16).padStart(4, '0')}`;
    }
  }
}

function followUdp(s: Session, stream: number, framing: Framing): FollowResult {
  // The stream's datagrams, as Follow UDP Stream takes them from the UDP layer (udp/follow.ts): the
  // index keeps no udp.stream, so every UDP packet is seen again.
  const fc = new TvbFollowCollector('udp', { stream });
  const ctx = s.dissector.ctx;
  const untap = addUdpPayloadTap((d) => {
    if (d.pinfo.ctx === ctx && d.pinfo.visited) fc.add(d);
  });
  const ix = s.index;
  let seen = false;
  const protocolOf = new Map<number, string>();
  try {
    for (let i = 0; i < ix.count; i++) {
      if (!(ix.flags[i]! & F_UDP)) continue;
      const before = fc.records.length;
      const pi = s.revisit(i);
      if (fc.records.length > before) protocolOf.set(i + 1, pi.protocol);
      seen ||= pi.tree.children?.some((p) => (p.field?.abbrev === 'udp' || p.field?.abbrev === 'udplite') && p.children?.some((c) => c.field === F_UDP_STREAM && c.value === stream)) === true;
    }
  } finally {
    untap();
  }
  if (!seen) throw new EngineError('bad-request', `follow: there is no UDP stream ${stream}`);
  return tvbFollowResult('udp', stream, fc, framing, (r) => `${protocolOf.get(r.frame) ?? 'UDP'} in frame ${r.frame}`);
}

/**
 * Follow HTTP Stream: the HTTP messages of TCP stream `stream` as HTTP's follow tap hands them
 * over (tvb-follow.ts), from a fresh pass over the stream's packets (a revisit does not
 * desegment; in that pass the stream is number 0).
 */
function followHttp(s: Session, stream: number, framing: Framing): FollowResult {
  if (!tcpTracking(s.dissector.ctx).connection(stream)) throw new EngineError('bad-request', `follow: there is no TCP stream ${stream}`);
  const fc = new TvbFollowCollector('http', { stream: 0 });
  const d = new CaptureDissector({ ...s.dissectOptions, info: false });
  const untap = addHttpFollowTap((t) => {
    if (t.pinfo.ctx === d.ctx) fc.add(t);
  });
  try {
    for (const i of s.streamPackets(stream)) d.dissect(s.frameMeta(i), s.bytes(i), false);
  } finally {
    untap();
  }
  return tvbFollowResult('http', stream, fc, framing, (r) => {
    // A message's start line, or what the chunk is.
    let e = 0;
    while (e < r.bytes.length && e < 200 && r.bytes[e] !== 0x0d && r.bytes[e] !== 0x0a) e++;
    const line = Buffer.from(r.bytes.subarray(0, e)).toString('latin1');
    return /^(HTTP\/\d|[A-Z-]+ \S+ HTTP\/\d)/.test(line) ? line : `body in frame ${r.frame}`;
  });
}

/** A follow of chunks (UDP's datagrams, HTTP's messages) as the API returns it. */
function tvbFollowResult(proto: 'udp' | 'http', stream: number, fc: TvbFollowCollector, framing: Framing, label: (r: FollowRecord) => string): FollowResult {
  const chunks: FollowChunk[] = [];
  const messages: FollowMessage[] = [];
  const off = [0, 0];
  for (const r of fc.records) {
    const dir = r.dir === 0 ? 'c2s' : 's2c';
    chunks.push({ dir, no: r.frame, streamOffset: off[r.dir]!, bytes: b64(r.bytes), time: secondsText(r.sec, r.nsec) });
    if (framing.kind === 'auto') {
      messages.push({ dir, start: off[r.dir]!, end: off[r.dir]! + r.bytes.length, label: label(r) });
    } else {
      for (const m of frameMessages(r.bytes, framing)) messages.push({ dir, start: off[r.dir]! + m.start, end: off[r.dir]! + m.end, label: `message ${m.label}` });
    }
    off[r.dir]! += r.bytes.length;
  }
  const end = (e: FollowEndpoint | null) => (e ? fmtEnd(e.af === 6 ? formatIPv6(e.addr, 0) : formatIPv4Bytes(e.addr, 0), e.port) : '');
  return { proto, stream, client: end(fc.node0), server: end(fc.node1), chunks, messages, bytesC2S: off[0]!, bytesS2C: off[1]! };
}

function fmtEnd(addr: string, port: number): string {
  return `${addr.includes(':') ? `[${addr}]` : addr}:${port}`;
}

// ---------------------------------------------------------------------------------------------
// Save

/** Writes all packets, or those of the current view (in packet order), to `path`. */
export function save(s: Session, path: string, format: 'pcap' | 'pcapng', displayedOnly: boolean): { packets: number } {
  const ix = s.index;
  const list = displayedOnly ? s.viewPackets() : null;
  const n = list ? list.length : ix.count;
  // Written to a temporary file first: a failure never leaves half a capture under the name.
  const out = openEngineOutput('save', path);
  const fd = out.fd;
  try {
    const linkTypes = [...new Set(Array.from({ length: n }, (_, k) => ix.linkTypeOf(list ? list[k]! : k)))];
    const nsec = s.meta?.format === 'pcapng' || s.meta?.precision === 'nsec';
    if (format === 'pcap') {
      if (linkTypes.length > 1) throw new EngineError('bad-request', `save: the packets have ${linkTypes.length} link types; pcap holds one (save as pcapng)`);
      const w = new PcapWriter({ linkType: linkTypes[0] ?? 1, precision: nsec ? 'nsec' : 'usec' });
      writeSync(fd, w.header());
      for (let k = 0; k < n; k++) {
        const i = list ? list[k]! : k;
        writeSync(fd, w.packet({ tsSec: ix.tsSecOf(i), tsNsec: ix.tsNsec[i]!, origLen: ix.origLenOf(i), data: s.bytes(i) }));
      }
    } else {
      const w = new PcapngWriter();
      writeSync(fd, w.header());
      // One interface per interface of the source (ids kept), or per link type for pcap sources.
      const ifaces = s.meta?.format === 'pcapng' ? s.meta.interfaces : [];
      const idOf = new Map<string, number>();
      let next = 0;
      for (let k = 0; k < n; k++) {
        const i = list ? list[k]! : k;
        const key = `${ix.interfaceId[i]}/${ix.linkTypeOf(i)}`;
        let id = idOf.get(key);
        if (id === undefined) {
          const src = ifaces[ix.interfaceId[i]!];
          const opts: Parameters<PcapngWriter['addInterface']>[0] = { linkType: ix.linkTypeOf(i), snapLen: src?.snapLen ?? s.meta?.snapLen ?? 0, tsresol: 9 };
          if (src?.name !== undefined) opts.name = src.name;
          if (src?.description !== undefined) opts.description = src.description;
          if (src?.filter !== undefined) opts.filter = src.filter;
          writeSync(fd, w.addInterface(opts));
          id = next++;
          idOf.set(key, id);
        }
        const comments = s.comments.get(i);
        const p: Parameters<PcapngWriter['packet']>[0] = { tsSec: ix.tsSecOf(i), tsNsec: ix.tsNsec[i]!, origLen: ix.origLenOf(i), data: s.bytes(i), interfaceId: id };
        if (comments) p.comments = comments;
        writeSync(fd, w.packet(p));
      }
    }
    out.commit();
  } catch (e) {
    abandonOutput(out, 'save', path, e);
  }
  return { packets: n };
}

// ---------------------------------------------------------------------------------------------
// Conversation export

/**
 * The conversation export (dissectors/output/conversation-export.ts): its two passes read the
 * indexed packets again from the file. Written to `path` when one is given (through a temporary
 * file, like save).
 */
export function exportConversationView(s: Session, proto: 'tcp' | 'udp', stream: number, path?: string): { json: string; path?: string } {
  if (!s.meta) throw new EngineError('busy', 'exportConversation: the file has not been read yet');
  const n = s.count;
  const walk: PacketWalk = (visit) => {
    const p = { num: 0, tsSec: 0, tsNsec: 0, hasTs: true, linkType: 0, interfaceId: 0, origLen: 0, data: new Uint8Array(0) } as ExportPacket & { comments?: readonly string[] };
    s.forEachPacket(n, (meta, buf, start, end) => {
      p.num = meta.num;
      p.tsSec = meta.tsSec;
      p.tsNsec = meta.tsNsec;
      p.hasTs = meta.hasTs;
      p.linkType = meta.linkType;
      p.interfaceId = meta.interfaceId;
      p.origLen = meta.origLen;
      p.data = buf.subarray(start, end);
      if (meta.comments) p.comments = meta.comments;
      else delete p.comments;
      visit(p);
    });
  };
  let doc;
  try {
    doc = exportConversation(walk, { file: s.info.path, format: s.meta.format, fileSize: s.bytesTotal }, { proto, stream, vendor, generator: 'packetloom engine', decodeAs: s.dissectOptions.decodeAs, protocols: s.dissectOptions.protocols });
  } catch (e) {
    if (e instanceof ExportError) throw new EngineError('bad-request', `exportConversation: ${e.message}`);
    throw e;
  }
  const json = JSON.stringify(doc, null, 2);
  if (path === undefined) return { json };
  let out: OutputFile | null = null;
  try {
    out = openOutput(path);
    writeFileSync(out.fd, json);
    out.commit();
  } catch (e) {
    abandonOutput(out, 'exportConversation', path, e);
  }
  return { json, path };
}

/** The session methods implemented here, by name. */
export const sessionViews: Partial<Record<string, (s: Session, p: Record<string, unknown>) => unknown>> = {
  conversations: (s, p) => conversations(s, p.kind as ConvKind),
  endpoints: (s, p) => endpoints(s, p.kind as ConvKind),
  properties: (s) => properties(s),
  expert: (s) => expert(s),
  ioGraph: (s, p) => ioGraph(s, p.interval as number, p.graphs as IoGraphSpec[]),
  protocolHierarchy: (s) => protocolHierarchy(s),
  statsTree: (s, p) => statsTree(s, p.name as string, p.filter as string | undefined),
  findPacket: (s, p) => findPacket(s, p as unknown as FindParams),
  exportDissections: (s, p) => exportDissections(s, p.path as string, p.format as DissectionFormat, (p.displayedOnly as boolean | undefined) ?? false),
  connection: (s, p) => connection(s, p.stream as number),
  follow: (s, p) => follow(s, p.proto as 'tcp' | 'udp' | 'http', p.stream as number, p.framing as Framing | undefined),
  exportConversation: (s, p) => exportConversationView(s, p.proto as 'tcp' | 'udp', p.stream as number, p.path as string | undefined),
  exportObjects: (s) => exportObjects(s),
  resolvedAddresses: (s) => s.resolvedAddresses(),
  credentials: (s) => credentials(s),
  exportObject: (s, p) => exportObject(s, p.index as number),
  saveExportObjects: (s, p) => saveExportObjects(s, p.dir as string, p.indexes as number[] | undefined),
  save: (s, p) => save(s, p.path as string, p.format as 'pcap' | 'pcapng', (p.displayedOnly as boolean | undefined) ?? false),
};
