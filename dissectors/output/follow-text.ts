/**
 * What every "Follow … Stream" shares, TCP's (tcp/follow.ts) and UDP's (udp/follow.ts): the
 * filter argument of tshark's `-z follow,PROTO,MODE,FILTER[,RANGE]`, the two endpoints, and the
 * text tshark 4.0 prints (ui/cli/tap-follow.c, follow_draw):
 *
 *   ===================================================================
 *   Follow: udp,ascii
 *   Filter: udp.stream eq 1
 *   Node 0: 192.168.170.8:32796           (the side that sent the first chunk)
 *   Node 1: 192.168.170.20:53
 *   40                                    (a chunk from node 0: its length, then the bytes)
 *   ZS...........1.0.0.127.in-addr.arpa.....
 *   \t63                                  (a chunk from node 1: indented by a tab)
 *   …
 *   ===================================================================
 *
 * Modes: `ascii` (bytes outside 0x20–0x7e become `.`, except CR and LF), `ebcdic` (that text read
 * again through Wireshark's EBCDIC table, as tshark does it), `hex` (a hex dump per chunk,
 * offsets counting per direction, node 1's lines indented by a tab), `raw` (lower-case hex, one
 * line per chunk, node 1's indented), `yaml` (the peers, then each chunk's frame, peer, absolute
 * time and base64 bytes, without the separators).
 */
import { formatIPv4Bytes, formatIPv6 } from '../core/addr.js';
import { AddrKind, type PacketInfo } from '../core/pinfo.js';
import { base64 } from '../core/base64.js';
import { parseIPv6 } from '../filter/values.js';

export type FollowProto = 'tcp' | 'udp' | 'http';
export type FollowMode = 'ascii' | 'ebcdic' | 'hex' | 'raw' | 'yaml';

export const FOLLOW_MODES: readonly FollowMode[] = ['ascii', 'ebcdic', 'hex', 'raw', 'yaml'];

const SEPARATOR = '===================================================================\n';

/** An endpoint: address bytes (4 or 16) and port. */
export interface FollowEndpoint {
  af: 4 | 6;
  addr: Uint8Array;
  port: number;
}

/** What to follow: a stream index, or a conversation given by its two endpoints (either order). */
export type FollowFilter = { stream: number } | { a: FollowEndpoint; b: FollowEndpoint };

/** What a dissector hands a follow listener (UDP a datagram's payload, HTTP a message's headers or body). */
export interface FollowTvb {
  frame: number;
  /** udp.stream, or for HTTP the tcp.stream */
  stream: number;
  /** The captured bytes (a view: the collector copies what it keeps). */
  payload: Uint8Array;
  pinfo: PacketInfo;
}

/** One chunk as tshark's follow keeps it: from node 0 (dir 0) or node 1, its frame and that frame's time. */
export interface FollowRecord {
  dir: 0 | 1;
  bytes: Uint8Array;
  /** The frame the bytes came from (for a TCP gap, the frame that revealed it). */
  frame: number;
  /** Absolute time of the frame (0 for a TCP gap, as tshark). */
  sec: number;
  nsec: number;
}

function endpointText(e: FollowEndpoint | null): string {
  if (!e) return ':0';
  return e.af === 6 ? `[${formatIPv6(e.addr, 0)}]:${e.port}` : `${formatIPv4Bytes(e.addr, 0)}:${e.port}`;
}

function hostText(e: FollowEndpoint | null): string {
  if (!e) return '';
  return e.af === 6 ? formatIPv6(e.addr, 0) : formatIPv4Bytes(e.addr, 0);
}

function addrFilter(proto: 'tcp' | 'udp', e: FollowEndpoint, which: 'src' | 'dst'): string {
  const ip = e.af === 6 ? 'ipv6' : 'ip';
  return `(${ip}.${which} eq ${hostText(e)} and ${proto}.${which}port eq ${e.port})`;
}

/** True when a packet (its tcp.stream or udp.stream, its addresses and ports) is the one a follow filter names. */
export function followMatches(f: FollowFilter, stream: number, p: PacketInfo): boolean {
  if ('stream' in f) return stream === f.stream;
  return (isEndpoint(p, true, f.a) && isEndpoint(p, false, f.b)) || (isEndpoint(p, true, f.b) && isEndpoint(p, false, f.a));
}

/** The `Filter:` line tshark prints. */
export function followFilterText(proto: 'tcp' | 'udp', f: FollowFilter): string {
  if ('stream' in f) return `${proto}.stream eq ${f.stream}`;
  return `(${addrFilter(proto, f.a, 'src')} and ${addrFilter(proto, f.b, 'dst')}) or (${addrFilter(proto, f.b, 'src')} and ${addrFilter(proto, f.a, 'dst')})`;
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

/** An IPv6 address without a prefix length (the display filter's parser), or null. */
function parseIPv6Text(s: string): Uint8Array | null {
  const a = parseIPv6(s);
  return typeof a === 'object' && a.prefix === 128 ? a.addr : null;
}

function sameAddr(a: Uint8Array, aOff: number, b: Uint8Array, len: number): boolean {
  for (let i = 0; i < len; i++) if (a[aOff + i] !== b[i]) return false;
  return true;
}

/** The source (or destination) endpoint of the packet being dissected, copied. */
export function endpointOf(pinfo: PacketInfo, src: boolean): FollowEndpoint | null {
  const kind = src ? pinfo.srcKind : pinfo.dstKind;
  if (kind !== AddrKind.IPv4 && kind !== AddrKind.IPv6) return null;
  const n = kind === AddrKind.IPv4 ? 4 : 16;
  const data = src ? pinfo.srcData : pinfo.dstData;
  const off = src ? pinfo.srcOff : pinfo.dstOff;
  return { af: n === 4 ? 4 : 6, addr: data.slice(off, off + n), port: src ? pinfo.srcPort : pinfo.dstPort };
}

export function isEndpoint(pinfo: PacketInfo, src: boolean, e: FollowEndpoint): boolean {
  const kind = src ? pinfo.srcKind : pinfo.dstKind;
  if (kind !== (e.af === 4 ? AddrKind.IPv4 : AddrKind.IPv6)) return false;
  if ((src ? pinfo.srcPort : pinfo.dstPort) !== e.port) return false;
  return sameAddr(src ? pinfo.srcData : pinfo.dstData, src ? pinfo.srcOff : pinfo.dstOff, e.addr, e.addr.length);
}

export function latin1Bytes(s: string): Uint8Array {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i) & 0xff;
  return b;
}

const HEX = '0123456789abcdef';

/**
 * Wireshark's EBCDIC_to_ASCII table (wsutil/str_util.c): letters, digits and the usual
 * punctuation; everything else a dot. Its first 64 entries pass ASCII control codes through.
 */
const EBCDIC = (() => {
  const t = new Uint8Array(256).fill(0x2e);
  for (let i = 0; i < 0x40; i++) t[i] = i;
  t[0x30] = t[0x31] = t[0x3e] = 0x2e;
  const set = (from: number, chars: string) => {
    for (let k = 0; k < chars.length; k++) if (chars[k] !== '\u0000') t[from + k] = chars.charCodeAt(k);
  };
  set(0x40, ' ');
  set(0x4c, '<(+|&');
  set(0x5a, '!$*);^-/');
  set(0x6a, '|,%_>?');
  set(0x7a, ':#@\'="');
  set(0x81, 'abcdefghi');
  set(0x91, 'jklmnopqr');
  set(0xa1, '~stuvwxyz');
  t[0xad] = 0x5b; // [
  t[0xbd] = 0x5d; // ]
  set(0xc0, '{ABCDEFGHI');
  set(0xd0, '}JKLMNOPQR');
  t[0xe0] = 0x5c; // backslash
  set(0xe2, 'STUVWXYZ');
  set(0xf0, '0123456789');
  return t;
})();

/** A chunk as `ascii` (or `ebcdic`) mode prints it: CR and LF kept, other unprintable bytes a dot. */
export function asciiText(b: Uint8Array, ebcdic: boolean): string {
  let s = '';
  for (let i = 0; i < b.length; i++) {
    let v = b[i]!;
    if (v !== 0x0d && v !== 0x0a && !(v >= 0x20 && v < 0x7f)) v = 0x2e;
    // tshark translates the text it made (not the bytes) from EBCDIC.
    if (ebcdic) v = EBCDIC[v]!;
    s += String.fromCharCode(v);
  }
  return s;
}

/** C's `%.9f` of nstime_to_sec (a double: seconds plus nanoseconds / 1e9): yaml's timestamp. */
export function secondsText(sec: number, nsec: number): string {
  return (sec + nsec / 1e9).toFixed(9);
}

/** The head of tshark's yaml follow: both peers (host without brackets), then `packets:`. */
export function yamlPeers(host0: string, port0: number, host1: string, port1: number): string {
  return `peers:\n  - peer: 0\n    host: ${host0}\n    port: ${port0}\n  - peer: 1\n    host: ${host1}\n    port: ${port1}\npackets:\n`;
}

/** One chunk of tshark's yaml follow: its frame, peer, time and the bytes in base64, 57 bytes (76 characters) a line. */
export function yamlPacket(frame: number, peer: 0 | 1, timestamp: string, b: Uint8Array): string {
  let s = `  - packet: ${frame}\n    peer: ${peer}\n    timestamp: ${timestamp}\n    data: !!binary |\n`;
  for (let i = 0; i < b.length; i += 57) s += `      ${base64(b.subarray(i, Math.min(b.length, i + 57)))}\n`;
  return s;
}

/** tshark's follow output for records given in order (dir 1 = node 1, "the server"). */
export function followText(
  proto: FollowProto,
  mode: FollowMode,
  filter: string,
  node0: FollowEndpoint | null,
  node1: FollowEndpoint | null,
  records: readonly FollowRecord[],
  chunkMin = 1,
  chunkMax = Number.MAX_SAFE_INTEGER,
): string {
  const parts: string[] = [];
  if (mode === 'yaml') {
    parts.push(yamlPeers(hostText(node0), node0?.port ?? 0, hostText(node1), node1?.port ?? 0));
  } else {
    let out = `\n${SEPARATOR}Follow: ${proto},${mode}\nFilter: ${filter}\n`;
    out += `Node 0: ${endpointText(node0)}\n`;
    // tshark brackets node 1's address when node 0's is IPv6.
    out += `Node 1: ${node1 && node0?.af === 6 ? `[${formatIPv6(node1.addr, 0)}]:${node1.port}` : endpointText(node1)}\n`;
    parts.push(out);
  }
  const pos = [0, 0];
  for (let k = 0; k < records.length; k++) {
    const c = records[k]!;
    const server = c.dir === 1;
    const b = c.bytes;
    if (k + 1 < chunkMin || k + 1 > chunkMax) {
      pos[c.dir]! += b.length;
      continue;
    }
    if (mode === 'ascii' || mode === 'ebcdic') {
      parts.push(`${server ? '\t' : ''}${b.length}\n${asciiText(b, mode === 'ebcdic')}\n`);
    } else if (mode === 'raw') {
      let s = server ? '\t' : '';
      for (let i = 0; i < b.length; i++) s += HEX[b[i]! >> 4]! + HEX[b[i]! & 15]!;
      parts.push(s + '\n');
    } else if (mode === 'yaml') {
      parts.push(yamlPacket(c.frame, c.dir, secondsText(c.sec, c.nsec), b));
    } else {
      parts.push(followHex(server ? '\t' : '', pos[c.dir]!, b));
      pos[c.dir]! += b.length;
    }
  }
  if (mode !== 'yaml') parts.push(SEPARATOR);
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
