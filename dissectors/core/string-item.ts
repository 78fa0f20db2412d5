/*
 * Strings as Wireshark's proto_tree_add_item holds an FT_STRING (ENC_ASCII, ENC_UTF_8): a C
 * string, so its value ends at the first NUL, and anything but NULs after that NUL gets the
 * expert item "Trailing stray characters" (detect_trailing_stray_characters).
 */
import { defineExpert } from './expert.js';
import type { FieldDef } from './fields.js';
import type { PacketInfo } from './pinfo.js';
import { asciiBytesText, printableText } from './printable-text.js';
import type { ProtoNode } from './tree.js';
import type { Tvb } from './tvb.js';

export const eiTrailingStray = defineExpert('_ws.string.trailing_stray_characters', 'undecoded', 'warn', 'Trailing stray characters');

/** True when a NUL in `b` has something other than NULs after it. */
export function hasStrayAfterNul(b: Uint8Array): boolean {
  return strayAfterNul(b, 0, b.length);
}

/** hasStrayAfterNul on the bytes `from` to `to` of `d`. */
export function strayAfterNul(d: Uint8Array, from: number, to: number): boolean {
  let i = from;
  while (i < to && d[i] !== 0) i++;
  for (i++; i < to; i++) if (d[i] !== 0) return true;
  return false;
}

/**
 * A string as Wireshark's ENC_ASCII reads it into a field: each byte ≥ 0x80 becomes U+FFFD, and
 * the value ends at the first NUL (field strings are C strings).
 */
export function asciiString(d: Uint8Array, start: number, end: number): string {
  const plain = printableText(d, start, end);
  if (plain !== null) return plain;
  let s = '';
  let runStart = start;
  for (let i = start; i < end; i++) {
    const c = d[i]!;
    if (c === 0) {
      end = i;
      break;
    }
    if (c >= 0x80) {
      if (i > runStart) s += asciiBytesText(d, runStart, i);
      s += '\ufffd';
      runStart = i + 1;
    }
  }
  if (end > runStart) s += asciiBytesText(d, runStart, end);
  return s;
}

/**
 * An ENC_ASCII string field over `len` bytes at `off` (proto_tree_add_item): its value is the C
 * string, up to the first NUL, with the trailing-stray-characters expert when more than NULs
 * follow. Returns that value (what Wireshark then puts in labels and Info).
 */
export function asciiItem(node: ProtoNode, f: FieldDef, tvb: Tvb, off: number, len: number, pinfo: PacketInfo): string {
  tvb.check(off, len);
  const a = tvb.abs(off);
  const text = asciiString(tvb.data, a, a + len);
  const n = node.add(f, tvb, off, len, text);
  if (strayAfterNul(tvb.data, a, a + len)) pinfo.expert(n, eiTrailingStray, tvb, off, len);
  return text;
}
