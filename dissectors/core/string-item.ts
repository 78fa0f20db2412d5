/*
 * Strings as Wireshark's proto_tree_add_item holds an FT_STRING (ENC_ASCII, ENC_UTF_8): a C
 * string, so its value ends at the first NUL, and anything but NULs after that NUL gets the
 * expert item "Trailing stray characters" (detect_trailing_stray_characters).
 */
import { defineExpert } from './expert.js';

export const eiTrailingStray = defineExpert('_ws.string.trailing_stray_characters', 'undecoded', 'warn', 'Trailing stray characters');

/** True when a NUL in `b` has something other than NULs after it. */
export function hasStrayAfterNul(b: Uint8Array): boolean {
  const nul = b.indexOf(0);
  if (nul < 0) return false;
  for (let i = nul + 1; i < b.length; i++) if (b[i] !== 0) return true;
  return false;
}
