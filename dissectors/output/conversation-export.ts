/**
 * One conversation (a TCP connection or a UDP conversation, by tcp.stream / udp.stream) exported
 * as one JSON document that tells its whole story: the capture it came from; the summary
 * (endpoints with MAC vendors, outcome code and history, handshake and close with ISNs, options
 * and RTTs, counts and bytes each way, analysis flags counted); every packet with its time,
 * direction, both endpoints' states and full decode tree (field names, display values, offsets);
 * the payload each way (UTF-8 text where it is text, base64 otherwise) with message boundaries;
 * and the application messages (HTTP request/response pairs with headers, DNS queries with their
 * answers and response time). The format is dissectors/output/conversation.schema.json
 * (`version` below).
 *
 * Pure: the caller hands in a way to walk the capture's packets (twice: once to find the
 * conversation's frames, once to decode them with full trees — stream numbers and TCP state
 * depend on every earlier packet), the capture's metadata, and optionally a MAC vendor lookup
 * (electron/engine/oui.ts lives outside dissectors/). No I/O happens here.
 *
 *   const doc = exportConversation((visit) => readCaptureFile(path, (rec) => visit(rec)), { file, format }, { proto: 'tcp', stream: 3 });
 */
import { formatEther, formatIPv4Bytes, formatIPv6 } from '../core/addr.js';
import { GROUP_NAMES, SEVERITY_NAMES } from '../core/expert.js';
import { displayValue } from '../core/format.js';
import type { FrameMeta, PacketInfo } from '../core/pinfo.js';
import { NodeFlags, type ProtoNode } from '../core/tree.js';
import type { DecodeAsEntry } from '../decode-as.js';
import type { EnabledProtocols } from '../enabled-protocols.js';
import { CaptureDissector } from '../packet.js';
import { ConversationTable } from '../stats/conversations.js';
import { newPacketEnds, packetEnds } from '../stats/packet-addresses.js';
import { addTcpSegmentTap, enableTcpMessageTable, tcpMessagesOf } from '../tcp/desegment.js';
import { FollowCollector } from '../tcp/follow.js';
import { CHUNK_DATA, CHUNK_MISSING } from '../tcp/reassembly.js';
import { tcpTracking, type TcpConnectionInfo } from '../tcp/tracker.js';
import { labelOf } from './text.js';
import { base64 } from '../core/base64.js';

export const EXPORT_VERSION = 1;

/** What the export reads of a packet (a capture reader's PacketRecord fits). */
export interface ExportPacket {
  num: number;
  tsSec: number;
  tsNsec: number;
  hasTs: boolean;
  linkType: number;
  interfaceId: number;
  origLen: number;
  data: Uint8Array;
  comments?: readonly string[];
}

/** Calls `visit` for every packet of the capture, in order (the record may be reused after the call). */
export type PacketWalk = (visit: (p: ExportPacket) => void) => void;

export interface ExportCaptureInfo {
  /** File name (or path) the capture came from. */
  file: string;
  format: 'pcap' | 'pcapng';
  fileSize?: number;
}

export interface ExportOptions {
  proto: 'tcp' | 'udp';
  stream: number;
  /** MAC address → vendor name, where known. */
  vendor?: (mac: Uint8Array) => string | undefined;
  /** Producer string for the document ("packetloom 0.1.0"). */
  generator?: string;
  /** Decode As entries the capture is dissected with (dissectors/decode-as.ts). */
  decodeAs?: readonly DecodeAsEntry[];
  /** Protocols and heuristics switched off (dissectors/enabled-protocols.ts). */
  protocols?: EnabledProtocols;
}

export interface ExportTreeNode {
  /** Display-filter field name ('' for a text line). */
  field: string;
  label: string;
  /** The value as the tree shows it (value names, units), for fields that have one. */
  value?: string;
  /** Data source (0 = the frame; see the packet's `sources`), offset and length of the bytes. */
  source: number;
  offset: number;
  length: number;
  generated?: boolean;
  expert?: { severity: string; group: string; message: string };
  children?: ExportTreeNode[];
}

export interface ExportEndpoint {
  address: string;
  port: number;
  mac?: string;
  vendor?: string;
  packets: number;
  bytes: number;
  payloadBytes: number;
  isn?: number;
  mss?: number;
  windowScale?: number;
  sackPermitted?: boolean;
  timestamps?: boolean;
  finalState?: string;
}

export interface ExportPacketEntry {
  no: number;
  /** Seconds since the epoch, since the capture's first packet, since the conversation's first packet. */
  time: number;
  relTime: number;
  convTime: number;
  dir: 'c2s' | 's2c';
  length: number;
  capturedLength: number;
  protocol: string;
  info: string;
  states?: { client: string; server: string; clientBefore?: string; serverBefore?: string; transition?: string; inferred: boolean };
  analysis?: string[];
  sources: { name: string; length: number }[];
  tree: ExportTreeNode[];
}

export interface ExportPayloadDir {
  bytes: number;
  encoding: 'utf8' | 'base64';
  data: string;
  /** Bytes the capture is missing (acknowledged but never seen). */
  missingBytes: number;
  segments: { frame: number; start: number; end: number; missing?: boolean }[];
  messages: { frame: number; start: number; end: number; protocol: string }[];
}

export interface ExportHttpHeader {
  name: string;
  value: string;
}

export interface ExportHttpExchange {
  request?: { frame: number; method: string; uri: string; version: string; headers: ExportHttpHeader[] };
  response?: { frame: number; version: string; code: number; phrase: string; headers: ExportHttpHeader[] };
  /** Request → response, seconds (http.time). */
  time?: number;
}

export interface ExportDnsRecord {
  name: string;
  type: string;
  data?: string;
  ttl?: number;
}

export interface ExportDnsTransaction {
  id: number;
  query?: { frame: number; questions: ExportDnsRecord[] };
  response?: { frame: number; rcode: string; answers: ExportDnsRecord[] };
  /** Query → response, seconds (dns.time). */
  time?: number;
}

export interface ConversationExport {
  $schema: string;
  version: number;
  generator: string;
  capture: {
    file: string;
    format: 'pcap' | 'pcapng';
    fileSize?: number;
    packets: number;
    firstTime: number | null;
    lastTime: number | null;
  };
  conversation: {
    proto: 'tcp' | 'udp';
    stream: number;
    filter: string;
    client: ExportEndpoint;
    server: ExportEndpoint;
    /** For TCP: client/server came from the port heuristic (no SYN seen); for UDP always true-ish: the first sender is the client. */
    rolesHeuristic: boolean;
    firstFrame: number;
    lastFrame: number;
    start: number;
    relStart: number;
    duration: number;
    packets: number;
    bytes: number;
    outcome?: { code: string; text: string };
    history?: string;
    handshake?: {
      synFrame: number | null;
      synAckFrame: number | null;
      ackFrame: number | null;
      clientIsn: number | null;
      serverIsn: number | null;
      rttSynToSynAck: number | null;
      rttSynAckToAck: number | null;
      rtt: number | null;
    };
    close?: { by: 'client' | 'server' | null; how: 'FIN' | 'RST' | null; frame: number | null };
    analysis: Record<string, number>;
  };
  packets: ExportPacketEntry[];
  payload: { c2s: ExportPayloadDir; s2c: ExportPayloadDir };
  messages: { http: ExportHttpExchange[]; dns: ExportDnsTransaction[] };
}

export class ExportError extends Error {}

function frameMeta(p: ExportPacket): FrameMeta {
  const m: FrameMeta = { num: p.num, tsSec: p.tsSec, tsNsec: p.tsNsec, hasTs: p.hasTs, linkType: p.linkType, interfaceId: p.interfaceId, origLen: p.origLen };
  if (p.comments) m.comments = p.comments;
  return m;
}

function epoch(p: ExportPacket): number {
  return p.hasTs ? p.tsSec + p.tsNsec / 1e9 : 0;
}

/* ---- Decode trees ---- */

function treeNode(n: ProtoNode): ExportTreeNode {
  const f = n.field;
  const out: ExportTreeNode = { field: f ? f.abbrev : '', label: '', source: n.source, offset: n.offset, length: n.length };
  if (n.expert) {
    const e = n.expert;
    out.field = e.def.abbrev;
    out.label = `Expert Info (${SEVERITY_NAMES[e.def.severity]}/${GROUP_NAMES[e.def.group]}): ${e.message}`;
    out.expert = { severity: SEVERITY_NAMES[e.def.severity], group: GROUP_NAMES[e.def.group], message: e.message };
  } else {
    out.label = labelOf(n, undefined);
    if (f && f.type !== 'protocol' && f.type !== 'none' && n.value !== undefined && n.value !== null) out.value = displayValue(f, n.value);
  }
  if (n.flags & NodeFlags.Generated) out.generated = true;
  const kids = n.children;
  if (kids) {
    const c: ExportTreeNode[] = [];
    for (const k of kids) if (!(k.flags & NodeFlags.Hidden)) c.push(treeNode(k));
    if (c.length) out.children = c;
  }
  return out;
}

/** Every node of a tree with the field `name` (hidden ones too), in tree order. */
function nodesOf(root: ProtoNode, name: string, out: ProtoNode[] = []): ProtoNode[] {
  for (const k of root.children ?? []) {
    if (k.field?.abbrev === name) out.push(k);
    nodesOf(k, name, out);
  }
  return out;
}

function first(root: ProtoNode, name: string): ProtoNode | undefined {
  for (const k of root.children ?? []) {
    if (k.field?.abbrev === name) return k;
    const f = first(k, name);
    if (f) return f;
  }
  return undefined;
}

function text(n: ProtoNode | undefined): string {
  if (!n || n.value === undefined || n.value === null) return '';
  return typeof n.value === 'string' ? n.value : displayValue(n.field!, n.value);
}

function num(n: ProtoNode | undefined): number | undefined {
  if (!n) return undefined;
  const v = n.value;
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v && typeof v === 'object' && 'sec' in v && 'nsec' in v) return v.sec + v.nsec / 1e9;
  return undefined;
}

/* ---- Application messages ---- */

function headers(httpNode: ProtoNode, field: string): ExportHttpHeader[] {
  const out: ExportHttpHeader[] = [];
  for (const n of nodesOf(httpNode, field)) {
    const line = text(n).replace(/\r?\n$/, '');
    const c = line.indexOf(':');
    if (c > 0) out.push({ name: line.slice(0, c), value: line.slice(c + 1).trim() });
  }
  return out;
}

/** HTTP messages of one packet, paired by the request/response links the HTTP dissector adds. */
function collectHttp(root: ProtoNode, frame: number, reqs: Map<number, ExportHttpExchange>, list: ExportHttpExchange[]): void {
  for (const h of nodesOf(root, 'http')) {
    const method = first(h, 'http.request.method');
    if (method) {
      const ex: ExportHttpExchange = {
        request: { frame, method: text(method), uri: text(first(h, 'http.request.uri')), version: text(first(h, 'http.request.version')), headers: headers(h, 'http.request.line') },
      };
      reqs.set(frame * 1000 + list.length, ex);
      list.push(ex);
      continue;
    }
    const code = first(h, 'http.response.code');
    if (!code) continue;
    const response = { frame, version: text(first(h, 'http.response.version')), code: num(code) ?? 0, phrase: text(first(h, 'http.response.phrase')), headers: headers(h, 'http.response.line') };
    const reqIn = num(first(h, 'http.request_in'));
    const time = num(first(h, 'http.time'));
    // The oldest request of that frame without a response.
    const ex = reqIn !== undefined ? list.find((e) => e.request?.frame === reqIn && !e.response) : undefined;
    if (ex) {
      ex.response = response;
      if (time !== undefined) ex.time = time;
    } else {
      const lone: ExportHttpExchange = { response };
      if (time !== undefined) lone.time = time;
      list.push(lone);
    }
  }
}

function dnsRecords(dnsNode: ProtoNode, nameField: string, typeField: string): ExportDnsRecord[] {
  const names = nodesOf(dnsNode, nameField);
  const types = nodesOf(dnsNode, typeField);
  return names.map((n, i) => {
    const r: ExportDnsRecord = { name: text(n), type: types[i] ? displayValue(types[i]!.field!, types[i]!.value).replace(/ \(.*\)$/, '') : '' };
    return r;
  });
}

/** Answer records with their data (address, name …) and TTL: the resource record subtrees. */
function dnsAnswers(dnsNode: ProtoNode): ExportDnsRecord[] {
  const out: ExportDnsRecord[] = [];
  const DATA = ['dns.a', 'dns.aaaa', 'dns.cname', 'dns.ns', 'dns.ptr.domain_name', 'dns.mx.mail_exchange', 'dns.txt', 'dns.srv.target', 'dns.soa.mname'];
  const walk = (n: ProtoNode) => {
    for (const k of n.children ?? []) {
      const name = k.children?.find((c) => c.field?.abbrev === 'dns.resp.name');
      if (name) {
        const type = k.children!.find((c) => c.field?.abbrev === 'dns.resp.type');
        const r: ExportDnsRecord = { name: text(name), type: type ? displayValue(type.field!, type.value).replace(/ \(.*\)$/, '') : '' };
        const data = k.children!.find((c) => c.field !== null && DATA.includes(c.field.abbrev));
        if (data) r.data = text(data);
        const ttl = num(k.children!.find((c) => c.field?.abbrev === 'dns.resp.ttl'));
        if (ttl !== undefined) r.ttl = ttl;
        out.push(r);
      } else {
        walk(k);
      }
    }
  };
  // Answers only: the "Answers" subtree (additional records and authorities are not answers).
  for (const k of dnsNode.children ?? []) if (k.label?.startsWith('Answers')) walk(k);
  return out;
}

function collectDns(root: ProtoNode, frame: number, list: ExportDnsTransaction[]): void {
  for (const d of [...nodesOf(root, 'dns'), ...nodesOf(root, 'mdns'), ...nodesOf(root, 'llmnr')]) {
    const id = num(first(d, 'dns.id')) ?? 0;
    const isResponse = num(first(d, 'dns.flags.response')) === 1 || first(d, 'dns.flags.response')?.value === true;
    if (!isResponse) {
      list.push({ id, query: { frame, questions: dnsRecords(d, 'dns.qry.name', 'dns.qry.type') } });
      continue;
    }
    const rcodeNode = first(d, 'dns.flags.rcode');
    const response = { frame, rcode: rcodeNode ? displayValue(rcodeNode.field!, rcodeNode.value) : '', answers: dnsAnswers(d) };
    const to = num(first(d, 'dns.response_to'));
    const time = num(first(d, 'dns.time'));
    const t = to !== undefined ? list.find((x) => x.query?.frame === to && x.id === id && !x.response) : undefined;
    if (t) {
      t.response = response;
      if (time !== undefined) t.time = time;
    } else {
      const lone: ExportDnsTransaction = { id, response };
      if (time !== undefined) lone.time = time;
      list.push(lone);
    }
  }
}

/* ---- Payload ---- */

/** UTF-8 text when the bytes decode as UTF-8 and are mostly printable, else base64. */
export function encodePayload(b: Uint8Array): { encoding: 'utf8' | 'base64'; data: string } {
  if (b.length === 0) return { encoding: 'utf8', data: '' };
  try {
    const s = new TextDecoder('utf-8', { fatal: true }).decode(b);
    let control = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) control++;
    }
    if (control === 0) return { encoding: 'utf8', data: s };
  } catch {
    // not UTF-8
  }
  return { encoding: 'base64', data: base64(b) };
}

class PayloadBuilder {
  private parts: Uint8Array[] = [];
  size = 0;
  missing = 0;
  readonly segments: ExportPayloadDir['segments'] = [];
  readonly messages: ExportPayloadDir['messages'] = [];

  add(frame: number, bytes: Uint8Array, missing = false): void {
    const start = this.size;
    this.parts.push(bytes);
    this.size += bytes.length;
    const seg: ExportPayloadDir['segments'][number] = { frame, start, end: this.size };
    if (missing) {
      seg.missing = true;
      this.missing += bytes.length;
    }
    this.segments.push(seg);
  }

  build(): ExportPayloadDir {
    const all = new Uint8Array(this.size);
    let o = 0;
    for (const p of this.parts) {
      all.set(p, o);
      o += p.length;
    }
    return { bytes: this.size, ...encodePayload(all), missingBytes: this.missing, segments: this.segments, messages: this.messages };
  }
}

/* ---- The export ---- */

/**
 * Builds the export of conversation `opts.stream` of `opts.proto`. Throws ExportError when the
 * capture has no such conversation.
 */
export function exportConversation(walk: PacketWalk, capture: ExportCaptureInfo, opts: ExportOptions): ConversationExport {
  const { proto, stream } = opts;
  if (!Number.isSafeInteger(stream) || stream < 0) throw new ExportError(`invalid ${proto} stream number ${stream}`);

  // Pass 1: which frames belong to the conversation (summary pass).
  const frames = new Set<number>();
  {
    const d = new CaptureDissector({ info: false, decodeAs: opts.decodeAs, protocols: opts.protocols });
    const ends = newPacketEnds();
    walk((p) => {
      const pinfo = d.dissect(frameMeta(p), p.data, false);
      if (packetEnds(proto, pinfo, ends) && ends.stream === stream) frames.add(p.num);
    });
  }
  if (frames.size === 0) throw new ExportError(`the capture has no ${proto.toUpperCase()} conversation ${stream} (${proto}.stream eq ${stream} matches no packet)`);

  // Pass 2: decode, with full trees for the conversation's packets.
  const d = new CaptureDissector({ decodeAs: opts.decodeAs, protocols: opts.protocols });
  if (proto === 'tcp') enableTcpMessageTable(d.ctx);
  const follow = proto === 'tcp' ? new FollowCollector({ stream }) : null;
  const untap = follow
    ? addTcpSegmentTap((seg) => {
      if (seg.pinfo.ctx === d.ctx) follow.segment(seg);
    })
    : null;
  const table = new ConversationTable(proto);
  const packets: ExportPacketEntry[] = [];
  const http: ExportHttpExchange[] = [];
  const httpReqs = new Map<number, ExportHttpExchange>();
  const dns: ExportDnsTransaction[] = [];
  const udpPayload: [PayloadBuilder, PayloadBuilder] = [new PayloadBuilder(), new PayloadBuilder()];
  const macs: { a?: Uint8Array; b?: Uint8Array } = {};
  let total = 0;
  let firstTime: number | null = null;
  let lastTime: number | null = null;
  let convStart = -1;
  const ends = newPacketEnds();
  let aAddr: Uint8Array | null = null;
  let aPort = -1;
  try {
    walk((p) => {
      total++;
      if (p.hasTs) {
        const t = epoch(p);
        if (firstTime === null || t < firstTime) firstTime = t;
        if (lastTime === null || t > lastTime) lastTime = t;
      }
      const mine = frames.has(p.num);
      const pinfo = d.dissect(frameMeta(p), p.data, mine);
      if (!mine) return;
      table.add(pinfo);
      packetEnds(proto, pinfo, ends);
      if (aAddr === null) {
        aAddr = ends.src.slice(ends.srcOff, ends.srcOff + ends.len);
        aPort = ends.sport;
      }
      const fromA = ends.sport === aPort && sameAt(ends.src, ends.srcOff, aAddr, ends.len);
      if (pinfo.dlSrcOff >= 0 && pinfo.dlDstOff >= 0) {
        const src = pinfo.data.slice(pinfo.dlSrcOff, pinfo.dlSrcOff + 6);
        const dst = pinfo.data.slice(pinfo.dlDstOff, pinfo.dlDstOff + 6);
        if (fromA) { macs.a ??= src; macs.b ??= dst; } else { macs.b ??= src; macs.a ??= dst; }
      }
      const t = epoch(p);
      if (convStart < 0) convStart = t;
      packets.push(packetEntry(p, pinfo, t, convStart, fromA));
      collectHttp(pinfo.tree, p.num, httpReqs, http);
      collectDns(pinfo.tree, p.num, dns);
      if (proto === 'udp') {
        const u = first(pinfo.tree, 'udp') ?? first(pinfo.tree, 'udplite');
        if (u && u.source === 0) {
          // The UDP item covers the header; the datagram's length is in udp.length.
          const start = u.offset + 8;
          const ulen = num(u.children?.find((k) => k.field?.abbrev === 'udp.length')) ?? 8;
          const end = Math.min(u.offset + Math.max(ulen, 8), pinfo.data.length);
          if (end > start) {
            const b = udpPayload[fromA ? 0 : 1];
            b.messages.push({ frame: p.num, start: b.size, end: b.size + end - start, protocol: topProtocol(pinfo) });
            b.add(p.num, pinfo.data.slice(start, end));
          }
        }
      }
    });
  } finally {
    untap?.();
  }

  const row = table.rows()[0]!;
  const conn = proto === 'tcp' ? tcpTracking(d.ctx).connection(stream) : undefined;
  // Client = the connection's client (TCP roles) or side A, the first sender (UDP).
  const aIsClient = conn ? conn.client.address === row.addressA && conn.client.port === row.portA : true;
  const endpoint = (isA: boolean): ExportEndpoint => {
    const e: ExportEndpoint = {
      address: isA ? row.addressA : row.addressB,
      port: (isA ? row.portA : row.portB) ?? 0,
      packets: isA ? row.packetsAtoB : row.packetsBtoA,
      bytes: isA ? row.bytesAtoB : row.bytesBtoA,
      payloadBytes: 0,
    };
    const mac = isA ? macs.a : macs.b;
    if (mac) {
      e.mac = formatEther(mac, 0);
      const v = opts.vendor?.(mac);
      if (v) e.vendor = v;
    }
    return e;
  };
  const client = endpoint(aIsClient);
  const server = endpoint(!aIsClient);
  if (conn) {
    tcpEndpoint(client, conn.client);
    tcpEndpoint(server, conn.server);
  }
  // Directions: packets were marked from side A; turn that into client → server.
  if (!aIsClient) for (const p of packets) p.dir = p.dir === 'c2s' ? 's2c' : 'c2s';

  let payload: { c2s: ExportPayloadDir; s2c: ExportPayloadDir };
  if (follow) {
    payload = tcpPayload(follow, d, stream, conn, client);
  } else {
    const [a, b] = udpPayload;
    client.payloadBytes = (aIsClient ? a : b).size;
    server.payloadBytes = (aIsClient ? b : a).size;
    payload = aIsClient ? { c2s: a.build(), s2c: b.build() } : { c2s: b.build(), s2c: a.build() };
  }

  const conversation: ConversationExport['conversation'] = {
    proto,
    stream,
    filter: `${proto}.stream eq ${stream}`,
    client,
    server,
    rolesHeuristic: conn ? conn.rolesHeuristic : true,
    firstFrame: packets[0]!.no,
    lastFrame: packets[packets.length - 1]!.no,
    start: convStart,
    relStart: row.relStart,
    duration: row.duration,
    packets: row.packets,
    bytes: row.bytes,
    analysis: conn ? { ...conn.analysis } : {},
  };
  if (conn) {
    conversation.outcome = { code: conn.connState, text: conn.connStateText };
    conversation.history = conn.history;
    const h = conn.handshake;
    conversation.handshake = {
      synFrame: h.synFrame,
      synAckFrame: h.synAckFrame,
      ackFrame: h.ackFrame,
      clientIsn: conn.client.isn,
      serverIsn: conn.server.isn,
      rttSynToSynAck: h.synToSynAck,
      rttSynAckToAck: h.synAckToAck,
      rtt: h.rtt,
    };
    conversation.close = { ...conn.close };
  }
  const cap: ConversationExport['capture'] = { file: capture.file, format: capture.format, packets: total, firstTime, lastTime };
  if (capture.fileSize !== undefined) cap.fileSize = capture.fileSize;
  return {
    $schema: 'https://packetloom.dev/schemas/conversation.schema.json',
    version: EXPORT_VERSION,
    generator: opts.generator ?? 'packetloom',
    capture: cap,
    conversation,
    packets,
    payload,
    messages: { http, dns },
  };
}

function sameAt(a: Uint8Array, off: number, b: Uint8Array, len: number): boolean {
  for (let i = 0; i < len; i++) if (a[off + i] !== b[i]) return false;
  return true;
}

function tcpEndpoint(e: ExportEndpoint, s: TcpConnectionInfo['client']): void {
  e.payloadBytes = s.payloadBytes;
  if (s.isn !== null) e.isn = s.isn;
  if (s.mss !== null) e.mss = s.mss;
  if (s.windowScale !== null) e.windowScale = s.windowScale;
  e.sackPermitted = s.sackPermitted;
  e.timestamps = s.timestamps;
  e.finalState = s.state;
}

function topProtocol(pinfo: PacketInfo): string {
  return pinfo.protocol || 'data';
}

const ANALYSIS_PREFIX = 'tcp.analysis.';

function packetEntry(p: ExportPacket, pinfo: PacketInfo, t: number, convStart: number, fromA: boolean): ExportPacketEntry {
  const root = pinfo.tree;
  const m = pinfo.meta;
  const e: ExportPacketEntry = {
    no: p.num,
    time: t,
    relTime: (m.relSec ?? 0) + (m.relNsec ?? 0) / 1e9,
    convTime: t - convStart,
    dir: fromA ? 'c2s' : 's2c',
    length: p.origLen,
    capturedLength: p.data.length,
    protocol: pinfo.protocol,
    info: pinfo.info,
    sources: [{ name: 'Frame', length: p.data.length }, ...pinfo.sources.map((s) => ({ name: s.name, length: s.data.length }))],
    tree: [],
  };
  const client = first(root, 'tcp.state.client');
  if (client) {
    const s: NonNullable<ExportPacketEntry['states']> = { client: text(client), server: text(first(root, 'tcp.state.server')), inferred: first(root, 'tcp.state.inferred')?.value === true };
    const cb = first(root, 'tcp.state.client_before');
    const sb = first(root, 'tcp.state.server_before');
    const tr = first(root, 'tcp.state.transition');
    if (cb) s.clientBefore = text(cb);
    if (sb) s.serverBefore = text(sb);
    if (tr) s.transition = text(tr);
    e.states = s;
  }
  const flags = first(root, 'tcp.analysis.flags');
  if (flags) {
    const names = new Set<string>();
    const walkFlags = (n: ProtoNode) => {
      for (const k of n.children ?? []) {
        const a = k.expert?.def.abbrev ?? k.field?.abbrev ?? '';
        if (a.startsWith(ANALYSIS_PREFIX) && a !== 'tcp.analysis.flags') names.add(a.slice(ANALYSIS_PREFIX.length));
        walkFlags(k);
      }
    };
    walkFlags(flags);
    if (names.size) e.analysis = [...names];
  }
  for (const k of root.children ?? []) if (!(k.flags & NodeFlags.Hidden)) e.tree.push(treeNode(k));
  return e;
}

/** Both directions' reassembled bytes (client → server first), segments and message boundaries. */
function tcpPayload(follow: FollowCollector, d: CaptureDissector, stream: number, conn: TcpConnectionInfo | undefined, client: ExportEndpoint): { c2s: ExportPayloadDir; s2c: ExportPayloadDir } {
  const dirs: [PayloadBuilder, PayloadBuilder] = [new PayloadBuilder(), new PayloadBuilder()];
  // Chunk offsets per direction → offsets in our buffers (gaps are kept as zero bytes).
  const chunkAt: { dir: 0 | 1; seq: number; len: number; start: number }[] = [];
  for (const c of follow.reassembler.chunks) {
    if (c.kind !== CHUNK_DATA && c.kind !== CHUNK_MISSING) continue;
    const b = dirs[c.dir];
    const start = b.size;
    if (c.kind === CHUNK_MISSING) b.add(c.frame, new Uint8Array(c.len), true);
    else b.add(c.frame, follow.chunkBytes(c));
    chunkAt.push({ dir: c.dir, seq: c.seq, len: c.len, start });
  }
  for (const dir of [0, 1] as const) {
    for (const m of tcpMessagesOf(d.ctx, stream, dir)) {
      const c = chunkAt.find((x) => x.dir === dir && seqIn(m.seq, x.seq, x.len));
      if (!c) continue;
      const start = c.start + ((m.seq - c.seq) >>> 0);
      dirs[dir].messages.push({ frame: m.frame, start, end: start + m.len, protocol: m.protocol });
    }
  }
  // Node 0 is the first sender; the client may be node 1.
  const n0 = follow.node0;
  const node0IsClient = !conn || !n0 ? true : n0.port === client.port && addrText(n0) === client.address;
  const [c2s, s2c] = node0IsClient ? dirs : [dirs[1], dirs[0]];
  return { c2s: c2s.build(), s2c: s2c.build() };
}

function seqIn(seq: number, start: number, len: number): boolean {
  return ((seq - start) >>> 0) < len;
}

function addrText(e: { af: 4 | 6; addr: Uint8Array }): string {
  return e.af === 4 ? formatIPv4Bytes(e.addr, 0) : formatIPv6(e.addr, 0);
}
