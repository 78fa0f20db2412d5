/**
 * HTML Form URL Encoded (Wireshark's packet-http-urlencoded.c): the body of an HTTP message of
 * type application/x-www-form-urlencoded, as its key=value pairs with %XX and `+` decoded.
 *
 * As in Wireshark 4.0, a pair ends at `&` and its key at `=` (a pair without one is all key, with
 * an empty value); a NUL byte, or a `%` not followed by two hex digits, ends the list there; a `%`
 * cut off by the end of the body is an exception (a malformed body). The decoded bytes are shown
 * as UTF-8.
 */
import type { ProtocolSpec } from '../core/dispatch.js';
import { defineField, defineProtocol } from '../core/fields.js';
import type { Tvb } from '../core/tvb.js';
import { registerMediaType, type MediaContentInfo } from './http/media.js';
import { formatText } from './http/text.js';

export const proto = defineProtocol('urlencoded-form', 'HTML Form URL Encoded', 'URL Encoded Form Data', 'application');
const hfKey = defineField('urlencoded-form.key', 'Key', 'string');
const hfValue = defineField('urlencoded-form.value', 'Value', 'string');

const utf8 = new TextDecoder('utf-8');

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

/** Where a key or value that starts at `offset` ends (at `stop` or the end), or −1 (get_form_key_value). */
function formEnd(tvb: Tvb, offset: number, stop: number): number {
  while (tvb.reportedRemaining(offset) > 0) {
    const c = tvb.u8(offset);
    if (c === 0) return -1;
    if (c === stop) break;
    if (c === 0x25) {
      if (hexValue(tvb.u8(offset + 1)) < 0 || hexValue(tvb.u8(offset + 2)) < 0) return -1;
      offset += 2;
    }
    offset++;
  }
  return offset;
}

/** The text of `tvb[start, end)`, %XX and `+` decoded (the range was checked by formEnd). */
function formText(tvb: Tvb, start: number, end: number): string {
  const out = new Uint8Array(end - start);
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = tvb.u8(i);
    if (c === 0x25) {
      out[n++] = (hexValue(tvb.u8(i + 1)) << 4) | hexValue(tvb.u8(i + 2));
      i += 2;
    } else out[n++] = c === 0x2b ? 0x20 : c;
  }
  return utf8.decode(out.subarray(0, n));
}

/** A decoded key or value as a tree label shows it (format_text of its bytes). */
function shown(s: string): string {
  const b = new TextEncoder().encode(s);
  return formatText(b, 0, b.length);
}

function contentInfo(d: unknown): MediaContentInfo | undefined {
  return typeof d === 'object' && d !== null && typeof (d as MediaContentInfo).mediaType === 'string' ? (d as MediaContentInfo) : undefined;
}

export const urlencodedForm: ProtocolSpec = {
  proto,
  dissect(tvb, pinfo, tree, info) {
    const name = contentInfo(info)?.mediaType;
    if (name && pinfo.wantInfo) pinfo.appendInfoSep(' ', `(${name})`);
    const t = tree.addProto(proto, tvb, 0, tvb.length, name ? `${proto.name}: ${name}` : undefined);
    // The summary pass walks the pairs too (a `%` cut off by the end is malformed in both), without decoding them.
    const full = t.real;
    let offset = 0;
    while (tvb.reportedRemaining(offset) > 0) {
      const start = offset;
      const item = t.addText(tvb, offset, 0, 'Form item');
      const keyEnd = formEnd(tvb, offset, 0x3d);
      if (keyEnd < 0) break;
      if (full) {
        const key = formText(tvb, offset, keyEnd);
        item.add(hfKey, tvb, offset, keyEnd - offset, key);
        item.setLabel(`Form item: "${shown(key)}"`);
      }
      offset = keyEnd + 1;
      const valueEnd = formEnd(tvb, offset, 0x26);
      if (valueEnd < 0) break;
      if (full) {
        const value = formText(tvb, offset, valueEnd);
        item.add(hfValue, tvb, offset, valueEnd - offset, value);
        item.setLabel(`${item.label} = "${shown(value)}"`);
      }
      offset = valueEnd + 1;
      item.setLength(Math.min(offset, tvb.length) - start);
    }
  },
};

registerMediaType('application/x-www-form-urlencoded', urlencodedForm);
