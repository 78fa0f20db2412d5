/**
 * Strings of printable-ASCII bytes, remembered: header values, URIs, methods and DNS names repeat
 * from message to message, and building each one again costs more than finding it. For bytes in
 * 0x20–0x7e, Wireshark's ENC_ASCII strings, format_text and Latin-1 all give the same text, so one
 * cached string stands for all of them; anything else (controls, NUL, bytes ≥ 0x80) is left to
 * the caller's own decoder.
 *
 * A direct-mapped table of SLOTS strings indexed by a hash of the bytes: a hit compares the
 * string's characters with the bytes and allocates nothing; a miss decodes once and takes the slot.
 * Bounded (SLOTS strings of at most MAX_LEN characters), and pure: the same bytes always give
 * the same text, whatever the table holds.
 */

const SLOTS = 4096;
/** Longer runs are decoded each time (rarely repeated, and the hash pass costs as much). */
const MAX_LEN = 128;
const slots: (string | undefined)[] = new Array<string | undefined>(SLOTS).fill(undefined);
const latin1 = new TextDecoder('latin1');

/**
 * The text of `d[start, end)` when every byte is printable ASCII (0x20–0x7e), else null. An
 * empty range gives ''.
 */
export function printableText(d: Uint8Array, start: number, end: number): string | null {
  const len = end - start;
  if (len <= 0) return '';
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    const c = d[i]!;
    if (c < 0x20 || c > 0x7e) return null;
    h = Math.imul(h ^ c, 0x01000193);
  }
  if (len > MAX_LEN) return asciiBytesText(d, start, end);
  const slot = (h ^ (h >>> 15)) & (SLOTS - 1);
  const s = slots[slot];
  if (s !== undefined && s.length === len) {
    let i = 0;
    while (i < len && s.charCodeAt(i) === d[start + i]) i++;
    if (i === len) return s;
  }
  const t = asciiBytesText(d, start, end);
  slots[slot] = t;
  return t;
}

/** Bytes below 0x80 to a flat string (one allocation; TextDecoder's latin1 is windows-1252, ASCII below 0x80). */
export function asciiBytesText(d: Uint8Array, start: number, end: number): string {
  if (end - start <= 8) {
    let s = '';
    for (let i = start; i < end; i++) s += String.fromCharCode(d[i]!);
    return s;
  }
  return latin1.decode(d.subarray(start, end));
}

/** The C escapes of Wireshark's format_text (\a \b \f \n \r \t \v). */
export const ESCAPES: Readonly<Record<number, string>> = { 7: '\\a', 8: '\\b', 12: '\\f', 10: '\\n', 13: '\\r', 9: '\\t', 11: '\\v' };
