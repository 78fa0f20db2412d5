/*
 * Wireshark 4.0's format_text (epan/strutil.c), byte for byte: how packet bytes that should be
 * text appear in labels, Info and string fields (DNS names, HTTP lines, XML, SVCB values …).
 *
 *   - printable ASCII as it is; C escapes for \a \b \f \n \r \t \v; other ASCII as `\ooo`;
 *   - a UTF-8 sequence decoded permissively (overlong forms and code points up to the old 6-byte
 *     range accepted), then shown as itself when g_unichar_isprint says so, else as `\uXXXX`
 *     or `\UXXXXXXXX` (upper-case hex);
 *   - a sequence cut short by a byte that is not a continuation is one U+FFFD, and that byte
 *     starts over; a stray continuation byte, 0xFE or 0xFF is one U+FFFD each; a code point above
 *     U+10FFFF or a surrogate is U+FFFD.
 */
import { ESCAPES, asciiBytesText, printableText } from './printable-text.js';

const HEX = '0123456789ABCDEF';
const REPLACEMENT = 0xfffd;

/** Not printable to glib (g_unichar_isprint): controls, format characters, unassigned, surrogates. */
const NOT_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cn}\p{Cs}]/u;

/** glib's g_unichar_isprint for a code point already known to be valid. */
export function isPrintable(cp: number): boolean {
  if (cp >= 0x20 && cp < 0x7f) return true;
  if (cp < 0xa0) return false;
  return !NOT_PRINTABLE.test(String.fromCodePoint(cp));
}

function escapeCodePoint(cp: number): string {
  if (cp <= 0xffff) return `\\u${HEX[(cp >> 12) & 15]}${HEX[(cp >> 8) & 15]}${HEX[(cp >> 4) & 15]}${HEX[cp & 15]}`;
  let s = '\\U';
  for (let shift = 28; shift >= 0; shift -= 4) s += HEX[(cp >>> shift) & 15];
  return s;
}

/** format_text of `d[start, end)`. */
export function formatText(d: Uint8Array, start: number, end: number): string {
  const plain = printableText(d, start, end);
  if (plain !== null) return plain;
  let s = '';
  let runStart = start;
  let i = start;
  while (i < end) {
    const c = d[i]!;
    if (c >= 0x20 && c < 0x7f) {
      i++;
      continue;
    }
    if (i > runStart) s += asciiBytesText(d, runStart, i);
    i++;
    if (c < 0x80) {
      s += ESCAPES[c] ?? '\\' + ((c >> 6) & 3) + ((c >> 3) & 7) + (c & 7);
    } else {
      let need: number;
      let cp: number;
      if ((c & 0xe0) === 0xc0) { need = 1; cp = c & 0x1f; }
      else if ((c & 0xf0) === 0xe0) { need = 2; cp = c & 0x0f; }
      else if ((c & 0xf8) === 0xf0) { need = 3; cp = c & 0x07; }
      else if ((c & 0xfc) === 0xf8) { need = 4; cp = c & 0x03; }
      else if ((c & 0xfe) === 0xfc) { need = 5; cp = c & 0x01; }
      else { need = -1; cp = REPLACEMENT; }
      for (let k = 0; k < need; k++) {
        if (i >= end || (d[i]! & 0xc0) !== 0x80) {
          cp = REPLACEMENT;
          break;
        }
        cp = cp * 64 + (d[i]! & 0x3f);
        i++;
      }
      if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) cp = REPLACEMENT;
      s += isPrintable(cp) ? String.fromCodePoint(cp) : escapeCodePoint(cp);
    }
    runStart = i;
  }
  if (i > runStart) s += asciiBytesText(d, runStart, i);
  return s;
}

/**
 * format_text for a string that is already characters (a field value): controls as C escapes,
 * characters glib does not call printable as `\uXXXX` / `\UXXXXXXXX`.
 */
export function formatString(s: string): string {
  let out = '';
  let run = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f) continue;
    const cp = c >= 0xd800 && c < 0xdc00 ? s.codePointAt(i)! : c;
    const w = cp > 0xffff ? 2 : 1;
    if (cp >= 0xa0 && (cp === REPLACEMENT || isPrintable(cp))) {
      i += w - 1;
      continue;
    }
    out += s.slice(run, i);
    out += c < 0x80 ? ESCAPES[c] ?? '\\' + ((c >> 6) & 3) + ((c >> 3) & 7) + (c & 7) : escapeCodePoint(cp);
    i += w - 1;
    run = i + 1;
  }
  return run === 0 ? s : out + s.slice(run);
}
