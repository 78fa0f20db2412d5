/**
 * Follow TCP Stream: one connection's two byte streams, as tshark 4.0's `-z follow,tcp,MODE,FILTER`
 * prints them (ui/cli/tap-follow.c), built on the reassembly of reassembly.ts.
 *
 *   ===================================================================
 *   Follow: tcp,ascii
 *   Filter: tcp.stream eq 0
 *   Node 0: 192.168.1.104:1673            (the side that sent the stream's first segment)
 *   Node 1: 63.245.209.11:80
 *   394                                   (a chunk from node 0: its length, then the bytes)
 *   GET / HTTP/1.1 …
 *   \t1362                                (a chunk from node 1: indented by a tab)
 *   …
 *   ===================================================================
 *
 * Modes: `ascii` (bytes outside 0x20–0x7e become `.`, except CR and LF), `hex` (a hex dump per
 * chunk, offsets counting per direction, node 1's lines indented by a tab), `raw` (lower-case hex,
 * one line per chunk, node 1's indented). A gap the peer acknowledged is the chunk
 * `[N bytes missing in capture file]` followed by a NUL byte, as tshark stores it.
 *
 * `FollowCollector` takes the TCP layer's segments (see desegment.ts `addTcpSegmentTap`), keeps a
 * copy of the payload of the followed connection only, and reassembles it.
 */
import { formatIPv4Bytes, formatIPv6 } from '../core/addr.js';
import { AddrKind, type PacketInfo } from '../core/pinfo.js';
import { CHUNK_DATA, CHUNK_MISSING, missingText, TcpStreamReassembler, type StreamChunk } from './reassembly.js';

export type FollowMode = 'ascii' | 'hex' | 'raw';

export const FOLLOW_MODES: readonly FollowMode[] = ['ascii', 'hex', 'raw'];

const SEPARATOR = '===================================================================\n';

/** An endpoint: address bytes (4 or 16) and port. */
export interface FollowEndpoint {
  af: 4 | 6;
  addr: Uint8Array;
  port: number;
}

/** What to follow: a stream index, or a connection given by its two endpoints (either order). */
export type FollowFilter = { stream: number } | { a: FollowEndpoint; b: FollowEndpoint };

/** What the TCP layer hands a follow listener for each segment (see desegment.ts). */
export interface FollowSegment {
  frame: number;
  stream: number;
  /** Relative sequence / acknowledgment numbers, as tcp.seq / tcp.ack show them. */
  seq: number;
  ack: number;
  flags: number;
  /**
   * Wireshark's sequence-analysis flags shown on the segment (A_* of tcp/analysis.ts): non-zero
   * exactly when its tree has the "TCP Analysis Flags" item (tcp.analysis.flags).
   */
  analysis: number;
  /** tcp.len and the captured payload bytes (a view: copy what you keep). */
  segLen: number;
  payload: Uint8Array;
  pinfo: PacketInfo;
}

function endpointText(e: FollowEndpoint | null): string {
  if (!e) return ':0';
  return e.af === 6 ? `[${formatIPv6(e.addr, 0)}]:${e.port}` : `${formatIPv4Bytes(e.addr, 0)}:${e.port}`;
}

function addrFilter(e: FollowEndpoint, which: 'src' | 'dst'): string {
  const ip = e.af === 6 ? 'ipv6' : 'ip';
  const a = e.af === 6 ? formatIPv6(e.addr, 0) : formatIPv4Bytes(e.addr, 0);
  return `(${ip}.${which} eq ${a} and tcp.${which}port eq ${e.port})`;
}

/** The `Filter:` line tshark prints. */
export function followFilterText(f: FollowFilter): string {
  if ('stream' in f) return `tcp.stream eq ${f.stream}`;
  return `(${addrFilter(f.a, 'src')} and ${addrFilter(f.b, 'dst')}) or (${addrFilter(f.b, 'src')} and ${addrFilter(f.a, 'dst')})`;
}

/**
 * Parses tshark's follow filter argument: a stream index (`3`) or two endpoints
 * (`10.0.0.1:80,10.0.0.2:4242`, IPv6 as `[fe80::1]:80`). Null when it is neither.
 */
export function parseFollowFilter(s: string): FollowFilter | null {
  if (/^\d+$/.test(s)) {
    const n = Number(s);
    return Number.isSafeInteger(n) ? { stream: n } : null;
  }
  const parts = splitEndpoints(s);
  if (!parts) return null;
  const a = parseEndpoint(parts[0]);
  const b = parseEndpoint(parts[1]);
  return a && b ? { a, b } : null;
}

function splitEndpoints(s: string): [string, string] | null {
  // The comma between the endpoints is the one after a port number.
  const m = /^(\[[^\]]+\]:\d+|[^,[\]]+:\d+),(\[[^\]]+\]:\d+|[^,[\]]+:\d+)$/.exec(s);
  return m ? [m[1]!, m[2]!] : null;
}

function parseEndpoint(s: string): FollowEndpoint | null {
  const i = s.lastIndexOf(':');
  const host = s.slice(0, i);
  const port = Number(s.slice(i + 1));
  if (!Number.isInteger(port) || port < 1 || port > 65535) return null;
  if (host.startsWith('[') && host.endsWith(']')) {
    const a = parseIPv6Text(host.slice(1, -1));
    return a ? { af: 6, addr: a, port } : null;
  }
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return null;
  const a = new Uint8Array(4);
  for (let k = 0; k < 4; k++) {
    const v = Number(m[k + 1]);
    if (v > 255) return null;
    a[k] = v;
  }
  return { af: 4, addr: a, port };
}

function parseIPv6Text(s: string): Uint8Array | null {
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const parse = (p: string): number[] | null => {
    if (p === '') return [];
    const out: number[] = [];
    for (const g of p.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const head = parse(halves[0]!);
  const tail = halves.length === 2 ? parse(halves[1]!) : [];
  if (!head || !tail) return null;
  const fill = 8 - head.length - tail.length;
  if ((halves.length === 1 && fill !== 0) || fill < 0) return null;
  const groups = [...head, ...new Array<number>(halves.length === 2 ? fill : 0).fill(0), ...tail];
  const a = new Uint8Array(16);
  groups.forEach((g, k) => {
    a[2 * k] = g >> 8;
    a[2 * k + 1] = g & 255;
  });
  return a;
}

function sameAddr(a: Uint8Array, aOff: number, b: Uint8Array, len: number): boolean {
  for (let i = 0; i < len; i++) if (a[aOff + i] !== b[i]) return false;
  return true;
}

/** The source (or destination) endpoint of the packet being dissected, copied. */
function endpointOf(pinfo: PacketInfo, src: boolean): FollowEndpoint | null {
  const kind = src ? pinfo.srcKind : pinfo.dstKind;
  if (kind !== AddrKind.IPv4 && kind !== AddrKind.IPv6) return null;
  const n = kind === AddrKind.IPv4 ? 4 : 16;
  const data = src ? pinfo.srcData : pinfo.dstData;
  const off = src ? pinfo.srcOff : pinfo.dstOff;
  return { af: n === 4 ? 4 : 6, addr: data.slice(off, off + n), port: src ? pinfo.srcPort : pinfo.dstPort };
}

function isEndpoint(pinfo: PacketInfo, src: boolean, e: FollowEndpoint): boolean {
  const kind = src ? pinfo.srcKind : pinfo.dstKind;
  if (kind !== (e.af === 4 ? AddrKind.IPv4 : AddrKind.IPv6)) return false;
  if ((src ? pinfo.srcPort : pinfo.dstPort) !== e.port) return false;
  return sameAddr(src ? pinfo.srcData : pinfo.dstData, src ? pinfo.srcOff : pinfo.dstOff, e.addr, e.addr.length);
}

/** Collects and reassembles the segments of one followed connection. */
export class FollowCollector {
  readonly reassembler: TcpStreamReassembler;
  /** Node 0 (the source of the first segment followed) and node 1. */
  node0: FollowEndpoint | null = null;
  node1: FollowEndpoint | null = null;
  /** Payload copies of the followed segments, by frame. */
  private readonly payloads = new Map<number, Uint8Array>();

  /** `chunkMin`/`chunkMax`: the chunks to print (from 1), tshark's optional range. */
  constructor(readonly filter: FollowFilter, readonly chunkMin = 1, readonly chunkMax = Number.MAX_SAFE_INTEGER) {
    this.reassembler = new TcpStreamReassembler({ bytes: (f) => this.payloads.get(f) });
  }

  /** True when the segment belongs to the followed connection. */
  matches(s: FollowSegment): boolean {
    const f = this.filter;
    if ('stream' in f) return s.stream === f.stream;
    const p = s.pinfo;
    return (isEndpoint(p, true, f.a) && isEndpoint(p, false, f.b)) || (isEndpoint(p, true, f.b) && isEndpoint(p, false, f.a));
  }

  /** Takes one segment (call for every TCP segment with a known length, in capture order). */
  segment(s: FollowSegment): void {
    if (!this.matches(s)) return;
    const p = s.pinfo;
    if (!this.node0) {
      this.node0 = endpointOf(p, true);
      this.node1 = endpointOf(p, false);
    }
    const n0 = this.node0;
    const dir: 0 | 1 = n0 && isEndpoint(p, true, n0) ? 0 : 1;
    if (s.payload.length) this.payloads.set(s.frame, s.payload.slice());
    this.reassembler.add({ dir, frame: s.frame, seq: s.seq, ack: s.ack, flags: s.flags, segLen: s.segLen, capLen: s.payload.length });
  }

  /** The bytes of a chunk. */
  chunkBytes(c: StreamChunk): Uint8Array {
    if (c.kind === CHUNK_MISSING) return latin1Bytes(missingText(c.len));
    const p = this.payloads.get(c.frame);
    return p ? p.subarray(c.payloadOff, c.payloadOff + c.len) : new Uint8Array(0);
  }

  /** tshark's output for this follow. */
  text(mode: FollowMode): string {
    const printed = this.reassembler.chunks.filter((c) => c.kind === CHUNK_DATA || c.kind === CHUNK_MISSING);
    const chunks = printed.map((c) => ({ dir: c.dir, bytes: this.chunkBytes(c) }));
    return followText(mode, followFilterText(this.filter), this.node0, this.node1, chunks, this.chunkMin, this.chunkMax);
  }
}

function latin1Bytes(s: string): Uint8Array {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i) & 0xff;
  return b;
}

const HEX = '0123456789abcdef';

/** tshark's follow block for chunks given in order (dir 1 = node 1, "the server"). */
export function followText(
  mode: FollowMode,
  filter: string,
  node0: FollowEndpoint | null,
  node1: FollowEndpoint | null,
  chunks: readonly { dir: 0 | 1; bytes: Uint8Array }[],
  chunkMin = 1,
  chunkMax = Number.MAX_SAFE_INTEGER,
): string {
  let out = `\n${SEPARATOR}Follow: tcp,${mode}\nFilter: ${filter}\n`;
  out += `Node 0: ${endpointText(node0)}\n`;
  // tshark brackets node 1's address when node 0's is IPv6.
  out += `Node 1: ${node1 && node0?.af === 6 ? `[${formatIPv6(node1.addr, 0)}]:${node1.port}` : endpointText(node1)}\n`;
  const pos = [0, 0];
  const parts: string[] = [out];
  for (let k = 0; k < chunks.length; k++) {
    const c = chunks[k]!;
    const server = c.dir === 1;
    const b = c.bytes;
    if (k + 1 < chunkMin || k + 1 > chunkMax) {
      pos[c.dir]! += b.length;
      continue;
    }
    if (mode === 'ascii') {
      let s = `${server ? '\t' : ''}${b.length}\n`;
      for (let i = 0; i < b.length; i++) {
        const v = b[i]!;
        s += v === 0x0d || v === 0x0a || (v >= 0x20 && v < 0x7f) ? String.fromCharCode(v) : '.';
      }
      parts.push(s + '\n');
    } else if (mode === 'raw') {
      let s = server ? '\t' : '';
      for (let i = 0; i < b.length; i++) s += HEX[b[i]! >> 4]! + HEX[b[i]! & 15]!;
      parts.push(s + '\n');
    } else {
      parts.push(followHex(server ? '\t' : '', pos[c.dir]!, b));
      pos[c.dir]! += b.length;
    }
  }
  parts.push(SEPARATOR);
  return parts.join('');
}

/**
 * tshark's hex dump of a chunk: 16 bytes a line, upper-case offset, an extra space after 8 bytes,
 * the ASCII column from column 60, less a last space.
 */
export function followHex(prefix: string, offset: number, b: Uint8Array): string {
  const lines: string[] = [];
  for (let i = 0; i < b.length; i += 16) {
    let hex = '';
    let asc = '';
    const n = Math.min(16, b.length - i);
    for (let j = 0; j < n; j++) {
      const v = b[i + j]!;
      hex += HEX[v >> 4]! + HEX[v & 15]! + ' ';
      asc += v >= 0x20 && v < 0x7f ? String.fromCharCode(v) : '.';
      if (j === 7) {
        hex += ' ';
        asc += ' ';
      }
    }
    const off = ((offset + i) >>> 0).toString(16).toUpperCase().padStart(8, '0');
    // tshark drops one space at the end of the ASCII column (the one after byte 8, or a space byte).
    if (asc.endsWith(' ')) asc = asc.slice(0, -1);
    lines.push(`${prefix}${off}  ${hex.padEnd(50, ' ')}${asc}\n`);
  }
  return lines.join('');
}
