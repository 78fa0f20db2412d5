/**
 * Real contract-shaped data for the analysis-view tests, made from real captures (fixtures/own,
 * fixtures/corpus) by the real dissector: ConnectionView from the per-packet tcp.state.* and
 * tcp.analysis.* fields plus the tracker's connection summary; FollowResult from the TCP payloads
 * (with the "auto" message boundaries from tcp.pdu.ranges); conversation, endpoint and expert
 * rows. The engine builds the same shapes; these builders only read what the dissector gives.
 */
import { fileURLToPath } from 'node:url';
import type {
  ConnectionPacket, ConnectionView, ConversationRow, EndpointRow, ExpertRow, FollowChunk, FollowMessage, FollowResult, Severity, TcpState,
} from '../../../electron/api/contract.js';
import { extractFields } from '../../../dissectors/output/fields.js';
import { CaptureDissector } from '../../../dissectors/packet.js';
import { tcpFlagsText } from '../../../dissectors/protocols/tcp.js';
import { tcpConnections, type TcpConnectionInfo } from '../../../dissectors/tcp/tracker.js';
import { fileFrames, type FrameInput } from '../../helpers/tcp-frames.js';
import { lookupVendor } from '../../../electron/engine/oui.js';
import { connectionViewOf } from '../../../electron/engine/views.js';

export const OWN = fileURLToPath(new URL('../../../fixtures/own/', import.meta.url));
export const CORPUS = fileURLToPath(new URL('../../../fixtures/corpus/', import.meta.url));

const FIELDS = [
  'tcp.stream', 'tcp.flags', 'tcp.seq', 'tcp.ack', 'tcp.len', 'tcp.window_size', 'frame.time_epoch', 'tcp.state.client', 'tcp.state.server',
  'tcp.state.transition', 'tcp.state.inferred', 'tcp.srcport', 'ip.src', 'ipv6.src', 'tcp.payload', 'tcp.pdu.ranges',
  'tcp.analysis.retransmission', 'tcp.analysis.fast_retransmission', 'tcp.analysis.spurious_retransmission', 'tcp.analysis.out_of_order',
  'tcp.analysis.lost_segment', 'tcp.analysis.ack_lost_segment', 'tcp.analysis.zero_window', 'tcp.analysis.zero_window_probe',
  'tcp.analysis.zero_window_probe_ack', 'tcp.analysis.duplicate_ack', 'tcp.analysis.keep_alive', 'tcp.analysis.keep_alive_ack',
  'tcp.analysis.window_update', 'tcp.analysis.window_full', 'tcp.options.sack_le', 'tcp.options.sack_re', 'tcp.analysis.ack_rtt',
  'tcp.analysis.bytes_in_flight',
  '_ws.expert.severity', '_ws.expert.group', '_ws.expert.message', 'frame.len', 'eth.src', 'eth.dst',
];

const ANALYSIS: [string, string][] = [
  ['tcp.analysis.retransmission', 'retransmission'], ['tcp.analysis.fast_retransmission', 'fast-retransmission'],
  ['tcp.analysis.spurious_retransmission', 'spurious-retransmission'], ['tcp.analysis.out_of_order', 'out-of-order'],
  ['tcp.analysis.lost_segment', 'lost-segment'], ['tcp.analysis.ack_lost_segment', 'ack-lost-segment'],
  ['tcp.analysis.zero_window', 'zero-window'], ['tcp.analysis.zero_window_probe', 'zero-window-probe'],
  ['tcp.analysis.zero_window_probe_ack', 'zero-window-probe-ack'],
  ['tcp.analysis.duplicate_ack', 'duplicate-ack'], ['tcp.analysis.keep_alive', 'keep-alive'],
  ['tcp.analysis.keep_alive_ack', 'keep-alive-ack'],
  ['tcp.analysis.window_update', 'window-update'], ['tcp.analysis.window_full', 'window-full'],
];

/** One dissected frame: every wanted field's values. */
export interface Dissected {
  no: number;
  f: Record<string, string[]>;
}

export interface Capture {
  frames: Dissected[];
  connections: TcpConnectionInfo[];
}

const cache = new Map<string, Capture>();

/** Dissects a capture file (full trees, catch off) and keeps the fields the builders need. */
export function dissectFile(path: string): Capture {
  return cache.get(path) ?? dissectInput(path, fileFrames(path));
}

/**
 * Dissects frames (e.g. crafted with test/helpers/tcp-frames.ts) and keeps them under `key`, which
 * the builders below then take in place of a file path.
 */
export function dissectInput(key: string, input: readonly FrameInput[]): Capture {
  const d = new CaptureDissector({ catchErrors: false });
  const frames = input.map((fr, i) => {
    const p = d.dissect(
      { num: i + 1, tsSec: fr.tsSec, tsNsec: fr.tsNsec, hasTs: true, linkType: fr.linkType ?? 1, interfaceId: 0, origLen: fr.origLen ?? fr.data.length },
      fr.data,
      true,
    );
    const vals = extractFields(p.tree, FIELDS);
    const f: Record<string, string[]> = {};
    FIELDS.forEach((n, k) => { f[n] = vals[k]!; });
    return { no: i + 1, f };
  });
  const out = { frames, connections: tcpConnections(d.ctx) };
  cache.set(key, out);
  return out;
}

const one = (d: Dissected, name: string): string => d.f[name]?.[0] ?? '';


/** The handshake view of one TCP stream, as the engine's `connection` call returns it. */
export function connectionView(path: string, stream: number, live = false, upToPacket = Infinity): ConnectionView {
  const cap = dissectFile(path);
  const info = cap.connections.find((c) => c.stream === stream);
  if (!info) throw new Error(`no tcp.stream ${stream} in ${path}`);
  const mine = cap.frames.filter((d) => one(d, 'tcp.stream') === String(stream) && d.no <= upToPacket);
  if (!mine.length) throw new Error(`no packet of tcp.stream ${stream} up to ${upToPacket}`);
  const t0 = Number(one(mine[0]!, 'frame.time_epoch'));
  const clientPort = info.client.port;
  const packets: ConnectionPacket[] = mine.map((d) => withGraphFields(d, {
    no: d.no,
    time: Number(one(d, 'frame.time_epoch')) - t0,
    dir: Number(one(d, 'tcp.srcport')) === clientPort && (one(d, 'ip.src') || one(d, 'ipv6.src')) === info.client.address ? 'c2s' : 's2c',
    flags: tcpFlagsText(parseInt(one(d, 'tcp.flags'), 16)),
    seq: Number(one(d, 'tcp.seq')),
    ack: Number(one(d, 'tcp.ack')),
    len: Number(one(d, 'tcp.len')),
    win: Number(one(d, 'tcp.window_size')),
    client: one(d, 'tcp.state.client') as TcpState,
    server: one(d, 'tcp.state.server') as TcpState,
    transition: one(d, 'tcp.state.transition'),
    inferred: one(d, 'tcp.state.inferred') === '1',
    analysis: ANALYSIS.filter(([field]) => (d.f[field]?.length ?? 0) > 0).map(([, name]) => name),
  }));
  return connectionViewOf(info, stream, packets, live);
}

/** The stream graphs' extras: SACK edges, the ACK's RTT, bytes in flight (as the engine adds them). */
function withGraphFields(d: Dissected, p: ConnectionPacket): ConnectionPacket {
  const le = d.f['tcp.options.sack_le'] ?? [];
  const re = d.f['tcp.options.sack_re'] ?? [];
  if (le.length > 0) p.sack = le.flatMap((l, k) => [Number(l), Number(re[k])]);
  const rtt = one(d, 'tcp.analysis.ack_rtt');
  if (rtt !== '') p.ackRtt = Number(rtt);
  const inFlight = one(d, 'tcp.analysis.bytes_in_flight');
  if (inFlight !== '') p.inFlight = Number(inFlight);
  return p;
}

function hexToBase64(hex: string): string {
  return Buffer.from(hex.replace(/:/g, ''), 'hex').toString('base64');
}

/**
 * Follow TCP stream: every payload-carrying segment in capture order, its offset in its
 * direction (relative seq − 1), and the "auto" messages from tcp.pdu.ranges (frame:first-last of
 * the payloads an application message came from).
 */
export function followResult(path: string, stream: number): FollowResult {
  const view = connectionView(path, stream);
  const cap = dissectFile(path);
  const mine = cap.frames.filter((d) => one(d, 'tcp.stream') === String(stream));
  const dirOf = new Map(view.packets.map((p) => [p.no, p.dir] as const));
  const chunks: FollowChunk[] = [];
  const offsetOf = new Map<number, number>();
  for (const d of mine) {
    const hex = one(d, 'tcp.payload');
    if (!hex) continue;
    const p = view.packets.find((x) => x.no === d.no)!;
    offsetOf.set(d.no, p.seq - 1);
    chunks.push({ dir: dirOf.get(d.no)!, no: d.no, streamOffset: p.seq - 1, bytes: hexToBase64(hex), time: one(d, 'frame.time_epoch') ?? '0.000000000' });
  }
  const messages: FollowMessage[] = [];
  for (const d of mine) {
    for (const ranges of d.f['tcp.pdu.ranges'] ?? []) {
      const parts = ranges.split(',').map((r) => /^(\d+):(\d+)-(\d+)$/.exec(r.trim())).filter((m) => m !== null);
      if (!parts.length) continue;
      const first = parts[0]!;
      const last = parts[parts.length - 1]!;
      const startNo = Number(first[1]);
      const endNo = Number(last[1]);
      const start = offsetOf.get(startNo);
      const endBase = offsetOf.get(endNo);
      if (start === undefined || endBase === undefined) continue;
      messages.push({ dir: dirOf.get(startNo)!, start: start + Number(first[2]), end: endBase + Number(last[3]) + 1, label: `PDU in #${d.no}` });
    }
  }
  const sum = (dir: 'c2s' | 's2c') => chunks.filter((c) => c.dir === dir).reduce((n, c) => n + Buffer.from(c.bytes, 'base64').length, 0);
  return {
    proto: 'tcp', stream,
    client: `${view.client.address}:${view.client.port}`, server: `${view.server.address}:${view.server.port}`,
    chunks, messages, bytesC2S: sum('c2s'), bytesS2C: sum('s2c'),
  };
}

/** TCP conversation rows from the tracker's summaries (what the engine's `conversations` gives for tcp). */
export function tcpConversations(path: string): ConversationRow[] {
  const cap = dissectFile(path);
  const t0 = Number(one(cap.frames[0]!, 'frame.time_epoch'));
  return cap.connections.map((c) => ({
    kind: 'tcp', addressA: c.client.address, portA: c.client.port, addressB: c.server.address, portB: c.server.port,
    packets: c.client.packets + c.server.packets, bytes: c.client.bytes + c.server.bytes,
    packetsAtoB: c.client.packets, bytesAtoB: c.client.bytes, packetsBtoA: c.server.packets, bytesBtoA: c.server.bytes,
    relStart: c.startTime - t0, duration: c.duration, stream: c.stream,
    outcome: c.connState, outcomeText: c.connStateText, history: c.history, handshakeRtt: c.handshake.rtt ?? undefined,
    filter: `tcp.stream eq ${c.stream}`,
  }));
}

/** Ethernet endpoints counted from eth.src / eth.dst and frame.len. */
export function ethEndpoints(path: string): EndpointRow[] {
  const cap = dissectFile(path);
  const rows = new Map<string, EndpointRow>();
  const row = (a: string) => {
    let r = rows.get(a);
    if (!r) rows.set(a, (r = { kind: 'eth', address: a, packets: 0, bytes: 0, txPackets: 0, txBytes: 0, rxPackets: 0, rxBytes: 0 }));
    return r;
  };
  for (const d of cap.frames) {
    const src = one(d, 'eth.src');
    const dst = one(d, 'eth.dst');
    if (!src || !dst) continue;
    const len = Number(one(d, 'frame.len'));
    const s = row(src);
    s.packets++; s.bytes += len; s.txPackets++; s.txBytes += len;
    const r = row(dst);
    r.packets++; r.bytes += len; r.rxPackets++; r.rxBytes += len;
  }
  return [...rows.values()];
}

const SEVERITY: Record<string, Severity> = { Chat: 'chat', Note: 'note', Warning: 'warning', Warn: 'warning', Error: 'error' };

/** Expert rows grouped by severity, group and message, from the _ws.expert fields of every packet. */
export function expertRows(path: string): ExpertRow[] {
  const cap = dissectFile(path);
  const rows = new Map<string, ExpertRow>();
  for (const d of cap.frames) {
    const sev = d.f['_ws.expert.severity'] ?? [];
    sev.forEach((s, k) => {
      const severity = SEVERITY[s];
      if (!severity) return;
      const group = d.f['_ws.expert.group']?.[k] ?? '';
      const summary = d.f['_ws.expert.message']?.[k] ?? '';
      const key = `${severity}|${group}|${summary}`;
      let r = rows.get(key);
      if (!r) rows.set(key, (r = { severity, group, protocol: '', summary, count: 0, packets: [] }));
      r.count++;
      if (r.packets.at(-1) !== d.no) r.packets.push(d.no);
    });
  }
  return [...rows.values()];
}

/** The capture's time of the first packet (epoch seconds). */
export function firstTime(path: string): number {
  return Number(one(dissectFile(path).frames[0]!, 'frame.time_epoch'));
}

function macBytes(s: string): Uint8Array {
  return Uint8Array.from(s.split(':').map((h) => parseInt(h, 16)));
}

/** Ethernet conversations from eth.src / eth.dst and frame.len, with the registered vendor names. */
export function ethConversations(path: string): ConversationRow[] {
  const cap = dissectFile(path);
  const t0 = firstTime(path);
  const rows = new Map<string, ConversationRow & { last: number }>();
  for (const d of cap.frames) {
    const src = one(d, 'eth.src');
    const dst = one(d, 'eth.dst');
    if (!src || !dst) continue;
    const t = Number(one(d, 'frame.time_epoch')) - t0;
    const len = Number(one(d, 'frame.len'));
    const key = [src, dst].sort().join('/');
    let r = rows.get(key);
    if (!r) {
      r = {
        kind: 'eth', addressA: src, addressB: dst, vendorA: lookupVendor(macBytes(src))?.name, vendorB: lookupVendor(macBytes(dst))?.name,
        packets: 0, bytes: 0, packetsAtoB: 0, bytesAtoB: 0, packetsBtoA: 0, bytesBtoA: 0, relStart: t, duration: 0, last: t,
        filter: `eth.addr eq ${src} and eth.addr eq ${dst}`,
      };
      rows.set(key, r);
    }
    r.packets++;
    r.bytes += len;
    if (src === r.addressA) {
      r.packetsAtoB++;
      r.bytesAtoB += len;
    } else {
      r.packetsBtoA++;
      r.bytesBtoA += len;
    }
    r.last = t;
    r.duration = t - r.relStart;
  }
  return [...rows.values()].map(({ last: _last, ...r }) => r);
}
