/*
 * Strings as Wireshark's proto_tree_add_item holds an FT_STRING (ENC_ASCII, ENC_UTF_8): a C
 * string, so its value ends at the first NUL, and anything but NULs after that NUL gets the
 * expert item "Trailing stray characters" (detect_trailing_stray_characters).
 */
import { defineExpert } from './expert.js';

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
