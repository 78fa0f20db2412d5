/**
 * A tiny Ethernet/IPv4/TCP (and UDP) frame builder for the TCP stream-tracker tests, and runners
 * that put frames (built here, or read from a capture file) through the real dissector
 * (CaptureDissector with the catch off) and extract fields the way `tshark -T fields` does.
 */
import { extractFields } from '../../dissectors/output/fields.js';
import { CaptureDissector, type DissectOptions } from '../../dissectors/packet.js';
import type { PacketInfo } from '../../dissectors/core/pinfo.js';
import { readCaptureFile } from '../../electron/engine/read-capture.js';

/** One TCP segment to build. Addresses are dotted IPv4. */
export interface TcpSeg {
  /** Capture time in seconds. */
  t: number;
  src: string;
  dst: string;
  sport: number;
  dport: number;
  seq: number;
  ack?: number;
  /** Flag letters: S A F R P U. */
  flags: string;
  win?: number;
  /** Payload bytes (filled with 'x'). */
  len?: number;
  mss?: number;
  /** Window-scale shift. */
  ws?: number;
  sackPerm?: boolean;
  /** Option bytes written as they are after the others (then NOPs to a multiple of 4). */
  rawOptions?: number[];
}

const FLAGS: Record<string, number> = { F: 0x01, S: 0x02, R: 0x04, P: 0x08, A: 0x10, U: 0x20 };

function ip4(a: string): number[] {
  return a.split('.').map(Number);
}

function push16(b: number[], v: number): void {
  b.push((v >>> 8) & 255, v & 255);
}

function push32(b: number[], v: number): void {
  b.push((v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255);
}

/** An IPv4 header (correct checksum, DF, TTL 64) followed by `payload`. */
export function ipv4Packet(src: string, dst: string, proto: number, payload: number[], id = 1): number[] {
  const b: number[] = [0x45, 0];
  push16(b, 20 + payload.length);
  push16(b, id & 0xffff);
  push16(b, 0x4000);
  b.push(64, proto, 0, 0, ...ip4(src), ...ip4(dst));
  let sum = 0;
  for (let i = 0; i < 20; i += 2) sum += (b[i]! << 8) | b[i + 1]!;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  const c = ~sum & 0xffff;
  b[10] = c >>> 8;
  b[11] = c & 255;
  return [...b, ...payload];
}

/** The TCP header (with options) and payload of a segment. Checksum left at 0 (not verified). */
export function tcpBytes(s: TcpSeg): number[] {
  const opts: number[] = [];
  if (s.mss !== undefined) { opts.push(2, 4); push16(opts, s.mss); }
  if (s.sackPerm) opts.push(4, 2);
  if (s.ws !== undefined) opts.push(1, 3, 3, s.ws);
  if (s.rawOptions) opts.push(...s.rawOptions);
  while (opts.length % 4) opts.push(1);
  let fl = 0;
  for (const ch of s.flags) fl |= FLAGS[ch] ?? 0;
  const b: number[] = [];
  push16(b, s.sport);
  push16(b, s.dport);
  push32(b, s.seq >>> 0);
  push32(b, (s.ack ?? 0) >>> 0);
  push16(b, (((20 + opts.length) / 4) << 12) | fl);
  push16(b, s.win ?? 64240);
  push16(b, 0);
  push16(b, 0);
  b.push(...opts);
  for (let i = 0; i < (s.len ?? 0); i++) b.push(0x78);
  return b;
}

const ETH = [0, 0x11, 0x22, 0x33, 0x44, 0x55, 0, 0x66, 0x77, 0x88, 0x99, 0xaa, 0x08, 0x00];

/** A segment as an Ethernet frame. */
export function tcpFrame(s: TcpSeg, id = 1): Uint8Array {
  return Uint8Array.from([...ETH, ...ipv4Packet(s.src, s.dst, 6, tcpBytes(s), id)]);
}

/** A segment carrying `payload` (instead of `len` bytes of 'x') as an Ethernet frame. */
export function tcpFrameWith(s: TcpSeg, payload: Uint8Array, id = 1): Uint8Array {
  return Uint8Array.from([...ETH, ...ipv4Packet(s.src, s.dst, 6, [...tcpBytes({ ...s, len: 0 }), ...payload], id)]);
}

/** An HTTP POST with a body of type `contentType`, whole in one frame (10.0.0.1:sport → 10.0.0.2:80). */
export function httpPostFrame(contentType: string, body: string | Uint8Array, sport = 40000): Uint8Array {
  const b = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  const head = new TextEncoder().encode(`POST /j HTTP/1.1\r\nHost: h\r\nContent-Type: ${contentType}\r\nContent-Length: ${b.length}\r\n\r\n`);
  const payload = new Uint8Array(head.length + b.length);
  payload.set(head);
  payload.set(b, head.length);
  return tcpFrameWith({ t: 0, src: '10.0.0.1', dst: '10.0.0.2', sport, dport: 80, seq: 1, ack: 1, flags: 'PA' }, payload);
}

/** A UDP datagram as an Ethernet frame. */
export function udpFrame(src: string, dst: string, sport: number, dport: number, payloadLen = 4): Uint8Array {
  const u: number[] = [];
  push16(u, sport);
  push16(u, dport);
  push16(u, 8 + payloadLen);
  push16(u, 0);
  for (let i = 0; i < payloadLen; i++) u.push(0x61);
  return Uint8Array.from([...ETH, ...ipv4Packet(src, dst, 17, u)]);
}

/** An ICMP destination-unreachable (port) from `from` quoting the first `quote` bytes of `ipPacket`. */
export function icmpErrorFrame(from: string, to: string, ipPacketBytes: number[], quote = 28): Uint8Array {
  const icmp = [3, 3, 0, 0, 0, 0, 0, 0, ...ipPacketBytes.slice(0, quote)];
  let sum = 0;
  for (let i = 0; i < icmp.length; i += 2) sum += (icmp[i]! << 8) | (icmp[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  const c = ~sum & 0xffff;
  icmp[2] = c >>> 8;
  icmp[3] = c & 255;
  return Uint8Array.from([...ETH, ...ipv4Packet(from, to, 1, icmp)]);
}

/** Helpers for one connection: `c(...)` builds a client → server segment, `s(...)` the reverse. */
export function connection(client: string, cport: number, server: string, sport: number) {
  type Extra = Partial<Omit<TcpSeg, 't' | 'seq' | 'ack' | 'flags'>>;
  return {
    c: (t: number, flags: string, seq: number, ack = 0, extra: Extra = {}): TcpSeg => ({ t, src: client, dst: server, sport: cport, dport: sport, seq, ack, flags, ...extra }),
    s: (t: number, flags: string, seq: number, ack = 0, extra: Extra = {}): TcpSeg => ({ t, src: server, dst: client, sport, dport: cport, seq, ack, flags, ...extra }),
  };
}

/** What one dissected frame gave: its columns, the wanted fields (tshark -T fields text) and expert counts. */
export interface FrameResult {
  num: number;
  protocol: string;
  info: string;
  fields: Record<string, string>;
  /** Expert items per severity: comment, chat, note, warn, error. */
  experts: number[];
}

export interface FrameInput {
  tsSec: number;
  tsNsec: number;
  data: Uint8Array;
  linkType?: number;
  origLen?: number;
}

function result(p: PacketInfo, num: number, names: readonly string[]): FrameResult {
  const vals = extractFields(p.tree, names);
  const fields: Record<string, string> = {};
  names.forEach((n, i) => { fields[n] = vals[i]!.join(','); });
  return { num, protocol: p.protocol, info: p.info, fields, experts: [...p.expertCounts] };
}

/**
 * Dissects `frames` in order through one CaptureDissector (catch off), with full trees (or the
 * summary pass with `full` false, where only the columns and expert counts are meaningful).
 */
export function dissectFrames(frames: readonly FrameInput[], names: readonly string[], opts: DissectOptions & { full?: boolean } = {}): { results: FrameResult[]; dissector: CaptureDissector } {
  const d = new CaptureDissector({ catchErrors: false, ...opts });
  const full = opts.full ?? true;
  const results = frames.map((f, i) => {
    const p = d.dissect(
      { num: i + 1, tsSec: f.tsSec, tsNsec: f.tsNsec, hasTs: true, linkType: f.linkType ?? 1, interfaceId: 0, origLen: f.origLen ?? f.data.length },
      f.data,
      full,
    );
    return result(p, i + 1, names);
  });
  return { results, dissector: d };
}

/** Where crafted captures start (Wireshark treats a zero timestamp as "none", e.g. for the iRTT). */
export const CRAFT_EPOCH = 1_700_000_000;

/** Crafted segments as frames (`t` in seconds after CRAFT_EPOCH → sec/nsec). */
export function segFrames(segs: readonly TcpSeg[]): FrameInput[] {
  return segs.map((s, i) => {
    const ns = Math.round(s.t * 1e9);
    return { tsSec: CRAFT_EPOCH + Math.floor(ns / 1e9), tsNsec: ns % 1e9, data: tcpFrame(s, i + 1) };
  });
}

/** Frames as a classic nanosecond pcap (LINKTYPE_ETHERNET), e.g. to show them to tshark. */
export function pcapOf(frames: readonly FrameInput[]): Uint8Array {
  const out: number[] = [];
  const le32 = (v: number) => out.push(v & 255, (v >>> 8) & 255, (v >>> 16) & 255, (v >>> 24) & 255);
  le32(0xa1b23c4d);
  out.push(2, 0, 4, 0);
  le32(0);
  le32(0);
  le32(262144);
  le32(1);
  for (const f of frames) {
    le32(f.tsSec);
    le32(f.tsNsec);
    le32(f.data.length);
    le32(f.origLen ?? f.data.length);
    for (const b of f.data) out.push(b);
  }
  return Uint8Array.from(out);
}

/** Every record of a capture file as frames. */
export function fileFrames(path: string): FrameInput[] {
  const out: FrameInput[] = [];
  readCaptureFile(path, (rec) => {
    out.push({ tsSec: rec.tsSec, tsNsec: rec.tsNsec, data: rec.data.slice(), linkType: rec.linkType, origLen: rec.origLen });
  });
  return out;
}

/** A SYN flood: 150 SYNs to 10.0.0.2:80 within 1 s from distinct clients, every tenth completing its handshake. */
export function synFlood(): TcpSeg[] {
  const segs: TcpSeg[] = [];
  for (let i = 0; i < 150; i++) {
    const t = i * 0.006;
    const client = `10.1.${i >> 8}.${(i & 255) + 1}`;
    const port = 10000 + i;
    const isn = 1000 + i * 7919;
    segs.push({ t, src: client, dst: '10.0.0.2', sport: port, dport: 80, seq: isn, flags: 'S', mss: 1460 });
    if (i % 10 === 0) {
      segs.push({ t: t + 0.001, src: '10.0.0.2', dst: client, sport: 80, dport: port, seq: 90000 + i, ack: isn + 1, flags: 'SA', mss: 1460 });
      segs.push({ t: t + 0.002, src: client, dst: '10.0.0.2', sport: port, dport: 80, seq: isn + 1, ack: 90001 + i, flags: 'A' });
    }
  }
  return segs;
}
