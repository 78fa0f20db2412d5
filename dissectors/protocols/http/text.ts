/**
 * Text helpers shared by the HTTP dissector and the HTTP stream parser, on raw bytes (no Tvb):
 * Wireshark's line finder (tvb_find_line_end), its label formatter (format_text) and its ASCII
 * string decoder (ENC_ASCII), plus the C library number parsers Wireshark's HTTP code relies on.
 * Pure functions: no allocation beyond the strings they return (printable-ASCII strings come from
 * a table of recent ones, printable-text.ts).
 */

export { formatString } from '../../core/format-text.js';

/** Where the line after the one `findLineEnd` found starts (its `next_offset`). */
export interface LineEnd {
  next: number;
}

/**
 * Wireshark 4.0's tvb_find_line_end over `d[start, end)`: the length of the line starting at
 * `start` (without its terminator: CR LF, LF, or CR alone), and in `out.next` where the next line
 * starts. Without a terminator: −1 when `desegment` (the caller may ask for more data), else the
 * line runs to `end`. A CR as the very last byte is "maybe CR LF": −1 when `desegment`.
 */
export function findLineEnd(d: Uint8Array, start: number, end: number, desegment: boolean, out: LineEnd): number {
  let i = start;
  while (i < end) {
    const c = d[i]!;
    if (c === 0x0a) {
      out.next = i + 1;
      return i - start;
    }
    if (c === 0x0d) {
      if (i + 1 >= end) {
        if (desegment) return -1;
        out.next = i + 1;
        return i - start;
      }
      out.next = d[i + 1] === 0x0a ? i + 2 : i + 1;
      return i - start;
    }
    i++;
  }
  if (desegment) return -1;
  out.next = end;
  return end - start;
}

/** Printable ASCII (g_ascii_isprint). */
export function isPrint(c: number): boolean {
  return c >= 0x20 && c < 0x7f;
}


/** Wireshark's format_text (dissectors/core/format-text.ts): how HTTP lines appear in labels and Info. */
export { formatText } from '../../core/format-text.js';

/** Wireshark's ENC_ASCII into a field (core/string-item.ts). */
export { asciiString } from '../../core/string-item.js';

const utf8Decoder = new TextDecoder('utf-8');

/** Bytes as UTF-8 (invalid sequences become U+FFFD), ending at the first NUL like a C string. */
export function utf8CString(d: Uint8Array, start: number, end: number): string {
  const nul = d.subarray(start, end).indexOf(0);
  return utf8Decoder.decode(d.subarray(start, nul < 0 ? end : start + nul));
}

/** Lower-case ASCII letters only (g_ascii_strdown). */
export function asciiLower(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
  }
  return s;
}

/** C isspace in the "C" locale. */
export function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

/** g_strstrip: removes leading and trailing C whitespace. */
export function cStrip(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isSpace(s.charCodeAt(a))) a++;
  while (b > a && isSpace(s.charCodeAt(b - 1))) b--;
  return s.slice(a, b);
}

/** The value of a hex digit (ws_xton), or −1. */
export function hexDigit(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  return -1;
}

/**
 * A hexadecimal number as C's strtol/sscanf("%x") read it from `d[start, end)`: leading
 * whitespace, an optional sign and an optional `0x`, then hex digits. `digits` is how many digits
 * were read (0: nothing parsed; strtol then yields 0 and sscanf fails). The value saturates at
 * 2^53 (far past any chunk size that matters).
 */
export function parseHex(d: Uint8Array, start: number, end: number): { value: number; digits: number; negative: boolean } {
  let i = start;
  while (i < end && isSpace(d[i]!)) i++;
  let negative = false;
  if (i < end && (d[i] === 0x2b || d[i] === 0x2d)) {
    negative = d[i] === 0x2d;
    i++;
  }
  if (i + 1 < end && d[i] === 0x30 && (d[i + 1] === 0x78 || d[i + 1] === 0x58) && i + 2 < end && hexDigit(d[i + 2]!) >= 0) i += 2;
  let value = 0;
  let digits = 0;
  for (; i < end; i++) {
    const h = hexDigit(d[i]!);
    if (h < 0) break;
    value = value < 2 ** 53 ? value * 16 + h : value;
    digits++;
  }
  return { value, digits, negative };
}
