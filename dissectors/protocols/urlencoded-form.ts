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
import { defineField, defineProtocol, FT_STRINGZ } from '../core/fields.js';
import type { Tvb } from '../core/tvb.js';
import { contentInfo, registerMediaType } from './http/media.js';
import { formatString, hexDigit } from './http/text.js';

export const proto = defineProtocol('urlencoded-form', 'HTML Form URL Encoded', 'URL Encoded Form Data', 'application');
const hfKey = defineField('urlencoded-form.key', 'Key', 'string', { ftenum: FT_STRINGZ });
const hfValue = defineField('urlencoded-form.value', 'Value', 'string', { ftenum: FT_STRINGZ });

const utf8 = new TextDecoder('utf-8');


/** Where a key or value that starts at `offset` ends (at `stop` or the end), or −1 (get_form_key_value). */
function formEnd(tvb: Tvb, offset: number, stop: number): number {
  while (tvb.reportedRemaining(offset) > 0) {
    const c = tvb.u8(offset);
    if (c === 0) return -1;
    if (c === stop) break;
    if (c === 0x25) {
      if (hexDigit(tvb.u8(offset + 1)) < 0 || hexDigit(tvb.u8(offset + 2)) < 0) return -1;
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
      out[n++] = (hexDigit(tvb.u8(i + 1)) << 4) | hexDigit(tvb.u8(i + 2));
      i += 2;
    } else out[n++] = c === 0x2b ? 0x20 : c;
  }
  return utf8.decode(out.subarray(0, n));
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * A label that Wireshark builds by appending text (proto_item_append_text): cut silently where
 * its 240-byte buffer ends (239 bytes and the NUL), never inside a character.
 */
function appended(label: string): string {
  if (label.length < 80) return label;
  const b = encoder.encode(label);
  if (b.length <= 239) return label;
  let end = 239;
  while (end > 0 && (b[end]! & 0xc0) === 0x80) end--;
  return decoder.decode(b.subarray(0, end));
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
        item.setLabel(appended(`Form item: "${formatString(key)}"`));
      }
      offset = keyEnd + 1;
      const valueEnd = formEnd(tvb, offset, 0x26);
      if (valueEnd < 0) break;
      if (full) {
        const value = formText(tvb, offset, valueEnd);
        item.add(hfValue, tvb, offset, valueEnd - offset, value);
        item.setLabel(appended(`${item.label} = "${formatString(value)}"`));
      }
      offset = valueEnd + 1;
      item.setLength(Math.min(offset, tvb.length) - start);
    }
  },
};

registerMediaType('application/x-www-form-urlencoded', urlencodedForm);
