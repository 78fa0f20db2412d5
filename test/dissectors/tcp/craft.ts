/**
 * Crafted TCP captures with arbitrary payloads (Ethernet, IPv4 or IPv6, TCP), for the reassembly,
 * desegmentation, DNS-over-TCP and follow tests, and to ask tshark about the same bytes when it
 * is installed (`tsharkRun`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CaptureDissector } from '../../../dissectors/packet.js';
import type { PacketInfo } from '../../../dissectors/core/pinfo.js';

export interface Seg {
  /** Seconds since the first packet (default: 0.001 × index). */
  t?: number;
  src: string;
  dst: string;
  sport: number;
  dport: number;
  seq: number;
  ack?: number;
  /** Letters F S R P A U, or bits. */
  flags: string | number;
  win?: number;
  /** Payload: bytes, or a string taken as Latin-1. */
  data?: Uint8Array | string;
  /** Captured length of the frame (the rest is cut off). */
  snap?: number;
  /** UDP instead of TCP (seq/ack/flags ignored). */
  udp?: boolean;
  /** A SACK option with these raw [left, right) edges (after two NOPs). */
  sack?: readonly (readonly [number, number])[];
}

const FLAGS: Record<string, number> = { F: 1, S: 2, R: 4, P: 8, A: 16, U: 32, E: 64, C: 128 };

function flagBits(f: string | number): number {
  if (typeof f === 'number') return f;
  let v = 0;
  for (const c of f) v |= FLAGS[c] ?? 0;
  return v;
}

export function bytesOf(d: Uint8Array | string | undefined): Uint8Array {
  if (d === undefined) return new Uint8Array(0);
  if (typeof d !== 'string') return d;
  const b = new Uint8Array(d.length);
  for (let i = 0; i < d.length; i++) b[i] = d.charCodeAt(i) & 255;
  return b;
}

function addr(a: string): number[] {
  if (!a.includes(':')) return a.split('.').map(Number);
  const halves = a.split('::');
  const g = (p: string) => (p ? p.split(':').map((x) => parseInt(x, 16)) : []);
  const head = g(halves[0]!);
  const tail = halves.length > 1 ? g(halves[1]!) : [];
  const all = [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  return all.flatMap((x) => [x >> 8, x & 255]);
}

function be16(b: number[], v: number): void {
  b.push((v >>> 8) & 255, v & 255);
}
function be32(b: number[], v: number): void {
  b.push((v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255);
}

export function frameOf(s: Seg, id: number): Uint8Array {
  const payload = [...bytesOf(s.data)];
  const l4: number[] = [];
  be16(l4, s.sport);
  be16(l4, s.dport);
  if (s.udp) {
    be16(l4, 8 + payload.length);
    be16(l4, 0);
  } else {
    be32(l4, s.seq >>> 0);
    be32(l4, (s.ack ?? 0) >>> 0);
    const opts: number[] = [];
    if (s.sack?.length) {
      opts.push(1, 1, 5, 2 + 8 * s.sack.length);
      for (const [le, re] of s.sack) {
        be32(opts, le >>> 0);
        be32(opts, re >>> 0);
      }
    }
    be16(l4, ((5 + opts.length / 4) << 12) | flagBits(s.flags));
    be16(l4, s.win ?? 8192);
    be16(l4, 0);
    be16(l4, 0);
    l4.push(...opts);
  }
  l4.push(...payload);
  const src = addr(s.src);
  const dst = addr(s.dst);
  const ip: number[] = [];
  const proto = s.udp ? 17 : 6;
  if (src.length === 4) {
    ip.push(0x45, 0);
    be16(ip, 20 + l4.length);
    be16(ip, id & 0xffff);
    be16(ip, 0x4000);
    ip.push(64, proto, 0, 0, ...src, ...dst);
    let sum = 0;
    for (let i = 0; i < 20; i += 2) sum += (ip[i]! << 8) | ip[i + 1]!;
    while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
    const c = ~sum & 0xffff;
    ip[10] = c >> 8;
    ip[11] = c & 255;
  } else {
    be32(ip, 0x60000000);
    be16(ip, l4.length);
    ip.push(proto, 64, ...src, ...dst);
  }
  const eth = [0, 0x11, 0x22, 0x33, 0x44, 0x55, 0, 0x66, 0x77, 0x88, 0x99, 0xaa];
  be16(eth, src.length === 4 ? 0x0800 : 0x86dd);
  return Uint8Array.from([...eth, ...ip, ...l4]);
}

/** A microsecond pcap (LINKTYPE_ETHERNET). */
export function pcapOf(segs: readonly Seg[]): Uint8Array {
  const out: number[] = [];
  const le32 = (v: number) => out.push(v & 255, (v >>> 8) & 255, (v >>> 16) & 255, (v >>> 24) & 255);
  le32(0xa1b2c3d4);
  out.push(2, 0, 4, 0);
  le32(0);
  le32(0);
  le32(262144);
  le32(1);
  segs.forEach((s, i) => {
    const f = frameOf(s, i + 1);
    const us = Math.round((1_600_000_000 + (s.t ?? i * 0.001)) * 1e6);
    le32(Math.floor(us / 1e6));
    le32(us % 1e6);
    const cap = Math.min(f.length, s.snap ?? f.length);
    le32(cap);
    le32(f.length);
    for (let j = 0; j < cap; j++) out.push(f[j]!);
  });
  return Uint8Array.from(out);
}

export interface Dissected {
  num: number;
  protocol: string;
  info: string;
  pinfo: PacketInfo;
}

/** Dissects crafted segments with full trees, in order; `each` sees every packet while it is current. */
export function dissectSegs(segs: readonly Seg[], each?: (d: Dissected) => void, dissector = new CaptureDissector({ catchErrors: false })): CaptureDissector {
  segs.forEach((s, i) => {
    const f = frameOf(s, i + 1);
    const cap = Math.min(f.length, s.snap ?? f.length);
    const us = Math.round((1_600_000_000 + (s.t ?? i * 0.001)) * 1e6);
    const p = dissector.dissect(
      { num: i + 1, tsSec: Math.floor(us / 1e6), tsNsec: (us % 1e6) * 1000, hasTs: true, linkType: 1, interfaceId: 0, origLen: f.length },
      f.slice(0, cap),
      true,
    );
    each?.({ num: i + 1, protocol: p.protocol, info: p.info, pinfo: p });
  });
  return dissector;
}

export const HAVE_TSHARK = existsSync('/usr/bin/tshark');

/** Runs tshark on the crafted capture with `args` (after `-n -r file`); stdout. */
export function tsharkRun(segs: readonly Seg[], args: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'pl-craft-'));
  try {
    const p = join(dir, 'c.pcap');
    writeFileSync(p, pcapOf(segs));
    const r = spawnSync('tshark', ['-n', '-r', p, ...args], {
      encoding: 'utf8',
      env: { ...process.env, HOME: dir, WIRESHARK_CONFIG_DIR: dir },
      maxBuffer: 1 << 26,
    });
    return r.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Writes the crafted capture to a file (for ad-hoc tshark runs). */
export function writePcap(path: string, segs: readonly Seg[]): void {
  writeFileSync(path, pcapOf(segs));
}

/**
 * A TCP connection between a client and a server, building segments with the sequence numbers
 * kept: `c(data)` sends from the client, `s(data)` from the server (PSH+ACK unless `flags` given).
 */
export class Conn {
  readonly segs: Seg[] = [];
  cseq: number;
  sseq: number;
  private t = 0;
  constructor(
    readonly client = '10.0.0.1',
    readonly server = '10.0.0.2',
    readonly cport = 40000,
    readonly sport = 80,
    cisn = 1000,
    sisn = 5000,
  ) {
    this.cseq = cisn;
    this.sseq = sisn;
  }

  handshake(): this {
    this.push(true, '', 'S');
    this.push(false, '', 'SA');
    this.push(true, '', 'A');
    return this;
  }

  /** Sends `data` from the client (or the server) at the current sequence number (or `at`). */
  push(fromClient: boolean, data: Uint8Array | string, flags = 'PA', at?: number): Seg {
    const b = bytesOf(data);
    const seg: Seg = fromClient
      ? { t: this.t, src: this.client, dst: this.server, sport: this.cport, dport: this.sport, seq: at ?? this.cseq, ack: this.sseq, flags, data: b }
      : { t: this.t, src: this.server, dst: this.client, sport: this.sport, dport: this.cport, seq: at ?? this.sseq, ack: this.cseq, flags, data: b };
    this.t += 0.001;
    if (flags.includes('A') || flags === '') {
      // keep ack as is
    } else {
      seg.ack = 0;
    }
    this.segs.push(seg);
    const adv = b.length + (flags.includes('S') ? 1 : 0) + (flags.includes('F') ? 1 : 0);
    if (at === undefined) {
      if (fromClient) this.cseq = (this.cseq + adv) >>> 0;
      else this.sseq = (this.sseq + adv) >>> 0;
    }
    return seg;
  }

  c(data: Uint8Array | string, flags = 'PA'): Seg {
    return this.push(true, data, flags);
  }

  s(data: Uint8Array | string, flags = 'PA'): Seg {
    return this.push(false, data, flags);
  }

  /** Repeats an earlier segment (a retransmission), later in time. */
  again(seg: Seg): Seg {
    const copy = { ...seg, t: this.t };
    this.t += 0.001;
    this.segs.push(copy);
    return copy;
  }

  /** Moves the clock on. */
  wait(sec: number): this {
    this.t += sec;
    return this;
  }
}
