/**
 * Content-coding removal for HTTP entity bodies (gzip, deflate), as Wireshark's tvb_uncompress
 * does it with zlib: the format is recognised from the data (gzip magic, zlib header, else raw
 * DEFLATE, which some servers send for "deflate"), and whatever could be inflated before the data
 * ran out or went bad is kept (a body cut short by the capture still shows its first part).
 * Nothing inflated at all means failure (null), unless the stream properly ended empty. Uses
 * fflate's streaming inflaters (pure JS).
 */
import { Inflate, inflateSync, Unzlib, unzlibSync } from 'fflate';

/** Content codings this module can remove (lower-case names as they appear in the header). */
export function isInflatable(coding: string): boolean {
  const c = coding.toLowerCase();
  return c === 'gzip' || c === 'x-gzip' || c === 'deflate' || c === 'x-deflate';
}

/** Output larger than this is cut (a decompression bomb must not take the process down). */
export const MAX_INFLATED = 64 * 1024 * 1024;

type Stream = { push(chunk: Uint8Array, final?: boolean): void; ondata: (data: Uint8Array, final: boolean) => void };

/**
 * Runs one inflater over `data`: first the one-shot form (fast, for a whole sound stream), else
 * the streaming form, which keeps what came out before the data ended or went bad. Null when
 * nothing came out.
 */
function run(make: () => Stream, whole: ((d: Uint8Array) => Uint8Array) | null, data: Uint8Array): Uint8Array | null {
  if (whole) {
    try {
      const out = whole(data);
      if (out.length <= MAX_INFLATED) return out;
    } catch {
      // cut short or corrupt: inflate what can be
    }
  }
  const parts: Uint8Array[] = [];
  let total = 0;
  let full = false;
  const s = make();
  s.ondata = (chunk) => {
    if (full || chunk.length === 0) return;
    const room = MAX_INFLATED - total;
    const piece = chunk.length > room ? chunk.subarray(0, room) : chunk;
    parts.push(piece.slice());
    total += piece.length;
    if (total >= MAX_INFLATED) full = true;
  };
  try {
    // Not final: a stream that simply stops is a short capture, not an error.
    s.push(data, false);
  } catch {
    // Corrupt data: keep what came out before it (zlib's Z_DATA_ERROR after some output).
  }
  if (total === 0) return null;
  const out = new Uint8Array(total);
  let p = 0;
  for (const part of parts) {
    out.set(part, p);
    p += part.length;
  }
  return out;
}

function isZlibHeader(d: Uint8Array): boolean {
  if (d.length < 2) return false;
  const cmf = d[0]!;
  const flg = d[1]!;
  return (cmf & 0x0f) === 8 && (cmf >> 4) <= 7 && ((cmf << 8) | flg) % 31 === 0;
}

/** Length of a gzip member header (RFC 1952 §2.3), or −1 when it is not one or is cut short. */
function gzipHeaderLength(d: Uint8Array): number {
  if (d.length < 10 || d[0] !== 0x1f || d[1] !== 0x8b || d[2] !== 8) return -1;
  const flg = d[3]!;
  let p = 10;
  if (flg & 4) {
    if (p + 2 > d.length) return -1;
    p += 2 + (d[p]! | (d[p + 1]! << 8));
  }
  for (const bit of [8, 16]) {
    if (flg & bit) {
      while (p < d.length && d[p] !== 0) p++;
      p++;
    }
  }
  if (flg & 2) p += 2;
  return p <= d.length ? p : -1;
}

const rawStream = () => new Inflate() as unknown as Stream;
const zlibStream = () => new Unzlib() as unknown as Stream;
const rawWhole = (d: Uint8Array) => inflateSync(d);
const zlibWhole = (d: Uint8Array) => unzlibSync(d);

/**
 * Inflates a gzip, zlib or raw DEFLATE body. Returns the uncompressed bytes (possibly only the
 * first part, when the input is cut short or corrupt further on; empty for a stream that holds
 * nothing), or null when nothing could be uncompressed.
 */
export function inflateBody(data: Uint8Array): Uint8Array | null {
  return inflate(data, true);
}

function inflate(data: Uint8Array, oneShot: boolean): Uint8Array | null {
  if (data.length === 0) return null;
  if (data.length >= 2 && data[0] === 0x1f && data[1] === 0x8b) {
    // The gzip header is skipped by hand: fflate's one-shot gunzip sizes its output from the
    // trailer, which is garbage in a body cut short.
    const h = gzipHeaderLength(data);
    return h < 0 ? null : run(rawStream, oneShot ? rawWhole : null, data.subarray(h));
  }
  if (isZlibHeader(data)) {
    const r = run(zlibStream, oneShot ? zlibWhole : null, data);
    if (r) return r;
  }
  return run(rawStream, oneShot ? rawWhole : null, data);
}

/**
 * What `inflateBody` would give, cheaply (for the summary pass, which needs only that): −1
 * nothing (failure), 0 an empty body, 1 some bytes. Inflating a short prefix usually answers.
 */
export function inflateProbe(data: Uint8Array): -1 | 0 | 1 {
  for (const n of [128, 1024]) {
    if (data.length <= n) break;
    const r = inflate(data.subarray(0, n), false);
    if (r !== null && r.length > 0) return 1;
  }
  const r = inflateBody(data);
  return r === null ? -1 : r.length === 0 ? 0 : 1;
}
