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

/** True when a NUL in `b` has something other than NULs after it (as Wireshark checks it: strayAfterNul). */
export function hasStrayAfterNul(b: Uint8Array): boolean {
  return strayAfterNul(b, 0, b.length);
}

/**
 * Wireshark 4.0's detect_trailing_stray_characters on the bytes `from` to `to` of `d` read as
 * ENC_ASCII: it looks at the converted string (each byte of 0x80 and more became U+FFFD, three
 * bytes) from its first NUL up to the item's length in the packet — so past the NUL only as far
 * as the packet's length reaches in the longer converted string, and not at all when what came
 * before the NUL already fills it.
 */
export function strayAfterNul(d: Uint8Array, from: number, to: number): boolean {
  const length = to - from;
  let ci = 0;
  let i = from;
  for (; i < to && d[i] !== 0; i++) ci += d[i]! < 0x80 ? 1 : 3;
  if (i >= to) return false;
  // The converted bytes after the NUL, up to the item's length.
  for (ci++, i++; i < to && ci < length; i++) {
    if (d[i] !== 0) return true;
    ci++;
  }
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
