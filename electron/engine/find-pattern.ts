/**
 * What Edit › Find Packet looks for, as Wireshark's search bar (ui/qt/search_frame.cpp, file.c
 * cf_find_packet_*) takes it: a hex value ("00:1b:21", "001b21", "00 1b 21"), a string searched in
 * packet bytes as UTF-8 ("narrow"), UTF-16LE ("wide") or both, ASCII letters folded unless the
 * search is case sensitive, and regular expressions. Pure functions over bytes and text.
 */

export type FindCharset = 'both' | 'narrow' | 'wide';

/** A hex value's bytes, or an error message. Pairs of hex digits, maybe separated by spaces, colons, dots or dashes. */
export function parseHexValue(text: string): Uint8Array | string {
  const digits = text.trim().replace(/^0x/i, '').replace(/[\s:.-]/g, '');
  if (digits.length === 0) return 'Enter the bytes to find, in hex (for example 00:1b:21 or 001b21)';
  if (!/^[0-9a-fA-F]+$/.test(digits) || digits.length % 2 !== 0) return `"${text}" is not a valid hex value: pairs of hex digits, such as 00:1b:21 or 001b21`;
  const out = new Uint8Array(digits.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(digits.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** The byte sequences a string is searched as in packet bytes (UTF-8 and/or UTF-16LE). */
export function stringPatterns(text: string, charset: FindCharset): Uint8Array[] {
  const out: Uint8Array[] = [];
  if (charset !== 'wide') out.push(new TextEncoder().encode(text));
  if (charset !== 'narrow') {
    const w = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      w[2 * i] = c & 0xff;
      w[2 * i + 1] = c >>> 8;
    }
    out.push(w);
  }
  return out;
}

const fold = (b: number): number => (b >= 0x61 && b <= 0x7a ? b - 0x20 : b);

/**
 * The first offset of `needle` in `hay` (−1: none); with `foldCase`, ASCII letters match either
 * case (as Wireshark's g_ascii_toupper on both sides).
 */
export function indexOfBytes(hay: Uint8Array, needle: Uint8Array, foldCase: boolean): number {
  const n = needle.length;
  if (n === 0 || n > hay.length) return -1;
  const first = foldCase ? fold(needle[0]!) : needle[0]!;
  outer: for (let i = 0, last = hay.length - n; i <= last; i++) {
    if ((foldCase ? fold(hay[i]!) : hay[i]!) !== first) continue;
    for (let k = 1; k < n; k++) {
      const a = hay[i + k]!;
      const b = needle[k]!;
      if (foldCase ? fold(a) !== fold(b) : a !== b) continue outer;
    }
    return i;
  }
  return -1;
}

/** A regular expression for the search bar, or an error message. Case-insensitive unless asked. */
export function findRegex(text: string, caseSensitive: boolean): RegExp | string {
  if (text.length === 0) return 'Enter a regular expression to find';
  try {
    return new RegExp(text, caseSensitive ? '' : 'i');
  } catch (e) {
    return `"${text}" is not a valid regular expression: ${(e as Error).message.replace(/^Invalid regular expression: /, '')}`;
  }
}

/** Bytes as text with one character per byte (Latin-1), for a regular expression over packet bytes. */
export function latin1(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 8192) s += String.fromCharCode(...b.subarray(i, i + 8192));
  return s;
}
