/**
 * Follow Stream, the pure part: a FollowResult's chunks as bytes; each direction's stream put
 * together; the ASCII / hex dump / raw texts (tshark's); search within a direction's bytes (a
 * match can span segments); the message boundaries for a framing; and the "sticky packet"
 * pieces: one direction's bytes cut at every segment boundary AND every message boundary, so one
 * segment carrying several messages, or one message spread over several segments, shows.
 */
import type { FollowChunk, FollowMessage, FollowResult, Framing } from '../../../electron/api/contract.js';
import { asciiText as sanitized, followHex, yamlPacket, yamlPeers } from '../../../dissectors/output/follow-text.js';
import { frameMessages } from '../../../dissectors/tcp/framing.js';

export type Dir = 'c2s' | 's2c';
export type FollowMode = 'ascii' | 'ebcdic' | 'hex' | 'raw' | 'yaml';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Int16Array(128).fill(-1);
for (let i = 0; i < B64.length; i++) B64_INDEX[B64.charCodeAt(i)] = i;

/** Base64 to bytes (browser and Node alike; padding and whitespace ignored). */
export function base64Bytes(s: string): Uint8Array {
  const out = new Uint8Array(Math.floor((s.length * 3) / 4));
  let n = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const v = c < 128 ? B64_INDEX[c]! : -1;
    if (v < 0) continue;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (acc >> bits) & 0xff;
    }
  }
  return out.subarray(0, n);
}

/** A chunk with its bytes decoded. */
export interface Chunk extends FollowChunk {
  data: Uint8Array;
  index: number;
}

export function decodeChunks(r: FollowResult): Chunk[] {
  return r.chunks.map((c, index) => ({ ...c, index, data: base64Bytes(c.bytes) }));
}

export interface Segment {
  no: number;
  start: number;
  end: number;
}

/** One direction's stream: its bytes by stream offset and the segments that carried them. */
export interface DirStream {
  dir: Dir;
  bytes: Uint8Array;
  segments: Segment[];
}

export function dirStream(chunks: readonly Chunk[], dir: Dir): DirStream {
  const mine = chunks.filter((c) => c.dir === dir);
  const len = mine.reduce((m, c) => Math.max(m, c.streamOffset + c.data.length), 0);
  const bytes = new Uint8Array(len);
  for (const c of mine) bytes.set(c.data, c.streamOffset);
  const segments = mine.map((c) => ({ no: c.no, start: c.streamOffset, end: c.streamOffset + c.data.length })).sort((a, b) => a.start - b.start);
  return { dir, bytes, segments };
}

/** Wireshark's ASCII view: printable ASCII, CR and LF as they are, anything else as '.'. */
export function asciiText(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) {
    const v = b[i]!;
    s += v === 0x0a || v === 0x0d || (v >= 0x20 && v < 0x7f) ? String.fromCharCode(v) : '.';
  }
  return s;
}

/** tshark's hex dump of a chunk (offsets counting in the chunk's direction), one string per line. */
export function hexLines(b: Uint8Array, offset: number): string[] {
  return followHex('', offset, b).split('\n').filter((l) => l !== '');
}

const HEX = '0123456789abcdef';

/** Raw: lower-case hex, no spaces. */
export function rawHex(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += HEX[b[i]! >> 4]! + HEX[b[i]! & 15]!;
  return s;
}

/** EBCDIC, as tshark's follow shows it: the ASCII view read again through Wireshark's EBCDIC table. */
export function ebcdicText(b: Uint8Array): string {
  return sanitized(b, true);
}

/** "10.0.0.1:80" or "[fd00::1]:80" → the host (without brackets) and the port. */
function hostPort(end: string): [string, number] {
  const i = end.lastIndexOf(':');
  const host = end.slice(0, i);
  return [host.startsWith('[') ? host.slice(1, -1) : host, Number(end.slice(i + 1)) || 0];
}

/** One chunk as tshark's yaml follow writes it (peer 0: the client). */
export function yamlChunk(c: Chunk): string {
  return yamlPacket(c.no, c.dir === 'c2s' ? 0 : 1, c.time, c.data);
}

/** The whole follow as text in a mode, for "save as" (client chunks flush left, server ones indented, as tshark; yaml with its peers). */
export function followAsText(chunks: readonly Chunk[], mode: FollowMode, client = '', server = ''): string {
  const pos = { c2s: 0, s2c: 0 };
  const out: string[] = [];
  if (mode === 'yaml') out.push(yamlPeers(...hostPort(client), ...hostPort(server)));
  for (const c of chunks) {
    const indent = c.dir === 's2c' ? '\t' : '';
    if (mode === 'ascii') out.push(asciiText(c.data));
    else if (mode === 'ebcdic') out.push(ebcdicText(c.data));
    else if (mode === 'yaml') out.push(yamlChunk(c));
    else if (mode === 'raw') out.push(indent + rawHex(c.data) + '\n');
    else out.push(hexLines(c.data, pos[c.dir]).map((l) => indent + l + '\n').join(''));
    pos[c.dir] += c.data.length;
  }
  return out.join('');
}

/** The bytes of the whole follow in capture order (what "save as raw" writes). */
export function followBytes(chunks: readonly Chunk[]): Uint8Array {
  const n = chunks.reduce((s, c) => s + c.data.length, 0);
  const out = new Uint8Array(n);
  let at = 0;
  for (const c of chunks) {
    out.set(c.data, at);
    at += c.data.length;
  }
  return out;
}

export interface Match {
  dir: Dir;
  start: number;
  end: number;
}

/** The query as bytes (UTF-8). */
function utf8(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

const lower = (v: number) => (v >= 0x41 && v <= 0x5a ? v + 32 : v);

/** Every occurrence of `query` in a direction's bytes (ASCII letters case-insensitive unless asked), not overlapping. */
export function findMatches(s: DirStream, query: string, caseSensitive = false, limit = 10_000): Match[] {
  const q = utf8(query);
  const out: Match[] = [];
  if (!q.length) return out;
  const b = s.bytes;
  outer: for (let i = 0; i + q.length <= b.length && out.length < limit; i++) {
    for (let k = 0; k < q.length; k++) {
      const x = b[i + k]!;
      const y = q[k]!;
      if (caseSensitive ? x !== y : lower(x) !== lower(y)) continue outer;
    }
    out.push({ dir: s.dir, start: i, end: i + q.length });
    i += q.length - 1;
  }
  return out;
}

/**
 * The parts of a chunk's text ([from, to) in the chunk) with whether each is inside a match, for
 * highlighting in the ASCII view.
 */
export function highlightParts(c: Chunk, matches: readonly Match[]): { from: number; to: number; hit: boolean }[] {
  const lo = c.streamOffset;
  const hi = c.streamOffset + c.data.length;
  const parts: { from: number; to: number; hit: boolean }[] = [];
  let at = 0;
  for (const m of matches) {
    if (m.dir !== c.dir || m.end <= lo || m.start >= hi) continue;
    const from = Math.max(m.start, lo) - lo;
    const to = Math.min(m.end, hi) - lo;
    if (from > at) parts.push({ from: at, to: from, hit: false });
    parts.push({ from, to, hit: true });
    at = to;
  }
  if (at < c.data.length) parts.push({ from: at, to: c.data.length, hit: false });
  return parts;
}

/**
 * The message boundaries for a framing: the engine's (result.messages) for 'auto'; for a
 * user-chosen framing, cut here from each direction's bytes with the same splitter the engine uses.
 */
export function messagesFor(r: FollowResult, framing: Framing, streams: Record<Dir, DirStream>): FollowMessage[] {
  if (framing.kind === 'auto') return r.messages;
  return (['c2s', 's2c'] as const).flatMap((dir) => frameMessages(streams[dir].bytes, framing).map((m) => ({ dir, start: m.start, end: m.end, label: m.label })));
}

/** A run of bytes inside one segment and one message. */
export interface Piece {
  start: number;
  end: number;
  /** Index in segments / messages (-1 when outside every message). */
  segment: number;
  message: number;
  /** This piece begins a segment / a message. */
  segmentStart: boolean;
  messageStart: boolean;
}

/** One direction's messages in stream order. */
export function dirMessages(messages: readonly FollowMessage[], dir: Dir): FollowMessage[] {
  return messages.filter((m) => m.dir === dir).sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * One direction's bytes cut at every segment and every message boundary (up to `limit` bytes).
 * One sweep over the sorted boundaries: linear in segments + messages, so a stream cut into
 * 100 000 lines stays quick. Segments may overlap (retransmissions): a piece belongs to the
 * latest-starting segment that covers it; messages do not overlap.
 */
export function stickyPieces(s: DirStream, messages: readonly FollowMessage[], limit = Infinity): Piece[] {
  const msgs = dirMessages(messages, s.dir);
  const segs = s.segments;
  const len = Math.min(s.bytes.length, limit);
  const points: number[] = [0, len];
  for (const g of segs) points.push(g.start, g.end);
  for (const m of msgs) points.push(m.start, m.end);
  const cuts = Float64Array.from(points.filter((x) => x >= 0 && x <= len)).sort();
  const pieces: Piece[] = [];
  let si = -1; // the last segment starting at or before the piece
  let mi = 0; // the first message not ending before the piece
  let prevSeg = -2;
  let prevMsg = -2;
  for (let k = 0; k + 1 < cuts.length; k++) {
    const start = cuts[k]!;
    const end = cuts[k + 1]!;
    if (end === start) continue;
    while (si + 1 < segs.length && segs[si + 1]!.start <= start) si++;
    let segment = -1;
    for (let j = si; j >= 0 && j > si - 8; j--) {
      if (segs[j]!.end > start) {
        segment = j;
        break;
      }
    }
    while (mi < msgs.length && msgs[mi]!.end <= start) mi++;
    const message = mi < msgs.length && msgs[mi]!.start <= start ? mi : -1;
    pieces.push({
      start, end, segment, message,
      segmentStart: segment >= 0 && (segment !== prevSeg || segs[segment]!.start === start),
      messageStart: message >= 0 && (message !== prevMsg || msgs[message]!.start === start),
    });
    prevSeg = segment;
    prevMsg = message;
  }
  return pieces;
}

/** First index in a sorted array of numbers whose value is above `x`. */
function firstAbove(sorted: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** What the sticky view shows a learner: segments carrying several messages, messages over several segments. */
export function stickyStats(s: DirStream, messages: readonly FollowMessage[]): { segmentsWithSeveral: Segment[]; messagesOverSeveral: FollowMessage[] } {
  const msgs = dirMessages(messages, s.dir);
  const segs = s.segments;
  const msgEnds = msgs.map((m) => m.end);
  // Segment ends made monotone (a running maximum), to find the first segment reaching past a point.
  const segReach: number[] = [];
  segs.forEach((g, i) => segReach.push(Math.max(g.end, i ? segReach[i - 1]! : 0)));
  const segmentsWithSeveral = segs.filter((g) => {
    let n = 0;
    for (let j = firstAbove(msgEnds, g.start); j < msgs.length && msgs[j]!.start < g.end && n < 2; j++) n++;
    return n > 1;
  });
  const messagesOverSeveral = msgs.filter((m) => {
    let n = 0;
    for (let j = firstAbove(segReach, m.start); j < segs.length && segs[j]!.start < m.end && n < 2; j++) if (segs[j]!.end > m.start) n++;
    return n > 1;
  });
  return { segmentsWithSeveral, messagesOverSeveral };
}

/** How many items of a sorted list of ranges overlap [start, end). */
export function countOverlapping(ranges: readonly { start: number; end: number }[], start: number, end: number): number {
  let n = 0;
  for (const r of ranges) if (r.start < end && start < r.end) n++;
  return n;
}

/** The display filter that removes this stream from the packet list (Wireshark's "Filter Out This Stream"). */
export function filterOutText(proto: 'tcp' | 'udp', stream: number): string {
  return `!(${proto}.stream eq ${stream})`;
}
