/**
 * HTTP/1.1 chunked transfer coding (RFC 9112 §7.1) on raw bytes:
 *
 *   chunked-body = *chunk last-chunk trailer-section CRLF
 *   chunk        = chunk-size [ chunk-ext ] CRLF chunk-data CRLF
 *   last-chunk   = 1*("0") [ chunk-ext ] CRLF
 *
 * `scanChunked` finds where a chunked body ends (for desegmentation: is all of it there yet?);
 * `decodeChunked` removes the coding. Both accept LF or CR LF line ends and ignore extensions, as
 * Wireshark does. Unlike Wireshark 4.0's req_resp_hdrs_do_reassembly, the scan waits for the whole
 * trailer section and its final empty line, however the last bytes are split across segments.
 */
import { findLineEnd, parseHex, type LineEnd } from './text.js';

/** `scanChunked`: the body is not complete yet. */
export const CHUNKED_NEED_MORE = -1;
/** `scanChunked`: a chunk-size line that is not a number (or absurdly large): stop waiting. */
export const CHUNKED_BAD = -2;

/** Largest chunk size Wireshark waits for (req_resp_hdrs.c). */
const MAX_CHUNK = 2 ** 31;

const le: LineEnd = { next: 0 };

/** Reads a chunk-size line's number the way sscanf("%x") does (extensions after `;` ignored); −1 if none. */
function sizeOf(d: Uint8Array, start: number, lineEnd: number): number {
  let stop = start;
  while (stop < lineEnd && d[stop] !== 0x3b) stop++;
  const h = parseHex(d, start, stop);
  if (h.digits === 0) return -1;
  if (h.negative && h.value !== 0) return MAX_CHUNK + 1; // an unsigned %x of a negative number is huge
  return h.value;
}

/**
 * Where the chunked body starting at `start` ends in `d[start, end)`: the offset after its final
 * empty line, CHUNKED_NEED_MORE when more bytes are needed, or CHUNKED_BAD when a size line is not
 * a hex number (or is over 2^31) and waiting would be pointless.
 */
export function scanChunked(d: Uint8Array, start: number, end: number): number {
  let off = start;
  for (;;) {
    if (off >= end) return CHUNKED_NEED_MORE;
    const len = findLineEnd(d, off, end, true, le);
    if (len < 0) return CHUNKED_NEED_MORE;
    const size = sizeOf(d, off, off + len);
    if (size < 0 || size > MAX_CHUNK) return CHUNKED_BAD;
    off = le.next;
    if (size === 0) {
      // trailer-section: header lines up to an empty line.
      for (;;) {
        if (off >= end) return CHUNKED_NEED_MORE;
        const tl = findLineEnd(d, off, end, true, le);
        if (tl < 0) return CHUNKED_NEED_MORE;
        off = le.next;
        if (tl === 0) return off;
      }
    }
    // chunk-data CRLF (the CRLF is not checked, as in Wireshark).
    if (off + size + 2 > end) return CHUNKED_NEED_MORE;
    off += size + 2;
  }
}

export interface Dechunked {
  /** The chunk data, concatenated. */
  body: Uint8Array;
  /** Offset after the last byte of the chunked body that was read. */
  end: number;
  /** The last chunk and the final empty line were found. */
  complete: boolean;
  /** Trailer fields (raw lines without their line ends). */
  trailers: string[];
  /** Why decoding stopped early, if it did. */
  error?: string;
}

/**
 * Removes the chunked coding of the body at `d[start, end)`. Stops at the end of the chunked body
 * (`complete`), at the end of the data, or at a size line that is not a number (`error`).
 */
export function decodeChunked(d: Uint8Array, start: number, end: number): Dechunked {
  const parts: Uint8Array[] = [];
  const trailers: string[] = [];
  let total = 0;
  let off = start;
  let complete = false;
  let error: string | undefined;
  for (;;) {
    if (off >= end) break;
    const len = findLineEnd(d, off, end, true, le);
    if (len < 0) break;
    const size = sizeOf(d, off, off + len);
    if (size < 0 || size > MAX_CHUNK) {
      error = 'bad chunk size';
      break;
    }
    const dataStart = le.next;
    if (size === 0) {
      let t = dataStart;
      for (;;) {
        if (t >= end) break;
        const tl = findLineEnd(d, t, end, true, le);
        if (tl < 0) break;
        if (tl === 0) {
          complete = true;
          t = le.next;
          break;
        }
        let line = '';
        for (let i = t; i < t + tl; i++) line += String.fromCharCode(d[i]!);
        trailers.push(line);
        t = le.next;
      }
      off = complete ? t : dataStart;
      break;
    }
    const avail = Math.min(size, end - dataStart);
    parts.push(d.subarray(dataStart, dataStart + avail));
    total += avail;
    if (avail < size || dataStart + size + 2 > end) {
      off = Math.min(end, dataStart + size + 2);
      break;
    }
    off = dataStart + size + 2;
  }
  const body = new Uint8Array(total);
  let p = 0;
  for (const part of parts) {
    body.set(part, p);
    p += part.length;
  }
  return error === undefined ? { body, end: off, complete, trailers } : { body, end: off, complete, trailers, error };
}
