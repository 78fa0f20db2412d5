/**
 * Compuserve GIF (Wireshark 4.0's packet-imagegif.c): an HTTP body of type image/gif as its
 * header, color maps, extensions, images and trailer; Info gets the version, ` (GIF89a)`.
 *
 * As in Wireshark 4.0: a body that does not start with GIF87a or GIF89a is left to "Media Type";
 * the "Bits per color" of the settings lines read the field with mask 0x60 (so 3 reads as 3, not
 * 4), and the local bits per pixel are image-gif.global.bpp; GIF87a has no "ordered" bits; every byte that starts no known block is an "Unknown GIF data
 * block type" (a warning) of its own; the trailer ends the stream.
 */
import type { ProtocolSpec } from '../core/dispatch.js';
import { defineExpert } from '../core/expert.js';
import { defineField, defineProtocol, FT_UINT_BYTES } from '../core/fields.js';
import { displayValue } from '../core/format.js';
import type { ProtoNode } from '../core/tree.js';
import type { Tvb } from '../core/tvb.js';
import { contentInfo, registerMediaType } from './http/media.js';

const TRUE_FALSE = { 0: 'False', 1: 'True' };

export const proto = defineProtocol('image-gif', 'Compuserve GIF', 'GIF image', 'application');
const hfVersion = defineField('image-gif.version', 'Version', 'string', { blurb: 'GIF Version' });
const hfScreenWidth = defineField('image-gif.screen.width', 'Screen width', 'uint16');
const hfScreenHeight = defineField('image-gif.screen.height', 'Screen height', 'uint16');
const hfGlobalPresent = defineField('image-gif.global.color_map.present', 'Global color map is present', 'uint8', { mask: 0x80, vals: TRUE_FALSE, blurb: 'Indicates if the global color map is present' });
const hfGlobalColorBpp = defineField('image-gif.global.color_bpp', 'Bits per color minus 1', 'uint8', { mask: 0x70, blurb: 'The number of bits per color is one plus the field value.' });
const hfGlobalOrdered = defineField('image-gif.global.color_map.ordered', 'Global color map is ordered', 'uint8', { mask: 0x08, vals: TRUE_FALSE, blurb: 'Indicates whether the global color map is ordered.' });
const hfGlobalBpp = defineField('image-gif.global.bpp', 'Image bits per pixel minus 1', 'uint8', { mask: 0x07, blurb: 'The number of bits per pixel is one plus the field value.' });
const hfBackground = defineField('image-gif.image_background_index', 'Background color index', 'uint8', { blurb: 'Index of the background color in the color map.' });
const hfAspect = defineField('image-gif.global.pixel_aspect_ratio', 'Global pixel aspect ratio', 'uint8', { blurb: 'Gives an approximate value of the aspect ratio of the pixels.' });
const hfGlobalMap = defineField('image-gif.global.color_map', 'Global color map', 'bytes', { blurb: 'Global color map.' });
const hfLeft = defineField('image-gif.image.left', 'Image left position', 'uint16', { blurb: 'Offset between left of Screen and left of Image.' });
const hfTop = defineField('image-gif.image.top', 'Image top position', 'uint16', { blurb: 'Offset between top of Screen and top of Image.' });
const hfWidth = defineField('image-gif.image.width', 'Image width', 'uint16', { blurb: 'Image width.' });
const hfHeight = defineField('image-gif.image.height', 'Image height', 'uint16', { blurb: 'Image height.' });
const hfLocalPresent = defineField('image-gif.local.color_map.present', 'Local color map is present', 'uint8', { mask: 0x80, vals: TRUE_FALSE, blurb: 'Indicates if the local color map is present' });
const hfLocalColorBpp = defineField('image-gif.local.color_bpp', 'Bits per color minus 1', 'uint8', { mask: 0x70, blurb: 'The number of bits per color is one plus the field value.' });
const hfLocalOrdered = defineField('image-gif.local.color_map.ordered', 'Local color map is ordered', 'uint8', { mask: 0x08, vals: TRUE_FALSE, blurb: 'Indicates whether the local color map is ordered.' });
/** Registered (a filter may name it) but never set, as in Wireshark 4.0. */
defineField('image-gif.local.bpp', 'Image bits per pixel minus 1', 'uint8', { mask: 0x07, blurb: 'The number of bits per pixel is one plus the field value.' });
const hfLocalMap = defineField('image-gif.local.color_map', 'Local color map', 'bytes', { blurb: 'Local color map.' });
const hfExtension = defineField('image-gif.extension', 'Extension', 'none', { blurb: 'Extension.' });
const EXTENSIONS: Record<number, string> = { 0x01: 'Plain Text', 0xf9: 'Graphics Control', 0xfe: 'Comment', 0xff: 'Application' };
const hfExtensionLabel = defineField('image-gif.extension.label', 'Extension label', 'uint8', { base: 'hex', vals: EXTENSIONS, blurb: 'Extension label.' });
const hfImage = defineField('image-gif.image', 'Image', 'none', { blurb: 'Image.' });
const hfCodeSize = defineField('image-gif.image.code_size', 'LZW minimum code size', 'uint8', { blurb: 'Minimum code size for the LZW compression.' });
const hfEnd = defineField('image-gif.end', 'Trailer (End of the GIF stream)', 'none', { blurb: 'This byte tells the decoder that the data stream is finished.' });
const hfDataBlock = defineField('image-gif.data_block', 'Data block', 'bytes', { ftenum: FT_UINT_BYTES });

const eiUnknown = defineExpert('gif.data_block_type.unknown', 'protocol', 'warn', 'Unknown GIF data block type');


/** A bit field of the settings byte, read from the tvb (the tree writes `1... .... = …: True (1)`). */
function bits(t: ProtoNode, f: typeof hfGlobalPresent, tvb: Tvb, off: number): void {
  t.add(f, tvb, off, 1);
}

/** The settings byte: its summary line and its bit fields. */
function settings(parent: ProtoNode, tvb: Tvb, off: number, what: 'Global' | 'Local', gif89: boolean): number {
  const v = tvb.u8(off);
  const present = (v & 0x80) !== 0;
  const color = 1 + ((v & 0x60) >> 4);
  const bpp = 1 + (v & 0x07);
  const plural = (n: number) => (n === 1 ? '' : 's');
  const text = `${what === 'Global' ? 'Global' : 'Local'} settings:${present ? ` (${what} color table present)` : ''} (${color} bit${plural(color)} per color) (${bpp} bit${plural(bpp)} per pixel)`;
  const t = parent.addText(tvb, off, 1, text);
  const g = what === 'Global';
  bits(t, g ? hfGlobalPresent : hfLocalPresent, tvb, off);
  bits(t, g ? hfGlobalColorBpp : hfLocalColorBpp, tvb, off);
  if (gif89) bits(t, g ? hfGlobalOrdered : hfLocalOrdered, tvb, off);
  // Wireshark 4.0 files the local bits per pixel under image-gif.global.bpp too.
  bits(t, hfGlobalBpp, tvb, off);
  return v;
}

/** Data sub-blocks (a length byte, then that many bytes) up to and with the empty one; returns the offset after them. */
function dataBlocks(parent: ProtoNode, tvb: Tvb, off: number): number {
  for (;;) {
    const n = tvb.u8(off);
    const data = tvb.bytes(off + 1, n);
    if (parent.real) parent.add(hfDataBlock, tvb, off, 1 + n, data).setLabel(`Data block: ${displayValue(hfDataBlock, data)} (length = ${n})`);
    off += 1 + n;
    if (n === 0) return off;
  }
}

/** The signature, when the body starts with one. */
function signature(tvb: Tvb): string | null {
  if (tvb.remaining(0) < 6) return null;
  const sig = String.fromCharCode(...tvb.bytes(0, 6));
  return sig === 'GIF87a' || sig === 'GIF89a' ? sig : null;
}

export const imageGif: ProtocolSpec = {
  proto,
  // A GIF whatever its Content-Type says (Wireshark's dissect_gif_heur on HTTP bodies).
  heuristics: [{ table: 'http', name: 'gif_http', fn: (tvb, pinfo, tree, info) => signature(tvb) !== null && imageGif.dissect(tvb, pinfo, tree, info) !== 0 }],
  dissect(tvb, pinfo, tree, info) {
    const sig = signature(tvb);
    // Not a GIF: Wireshark's dissector refuses it, and "Media Type" takes the body.
    if (sig === null) return 0;
    const gif89 = sig === 'GIF89a';
    if (pinfo.wantInfo) pinfo.appendInfo(` (${sig})`);
    const t = tree.addProto(proto, tvb, 0, tvb.length, `${proto.name}, Version: ${sig}`);
    t.add(hfVersion, tvb, 0, 6, sig);
    t.add(hfScreenWidth, tvb, 6, 2, tvb.u16le(6));
    t.add(hfScreenHeight, tvb, 8, 2, tvb.u16le(8));
    const flags = settings(t, tvb, 10, 'Global', gif89);
    t.add(hfBackground, tvb, 11, 1, tvb.u8(11));
    const aspect = tvb.u8(12);
    if (aspect) t.add(hfAspect, tvb, 12, 1, aspect).setLabel(`${aspect}, yields an aspect ratio of (15 + ${aspect}) / 64 = ${((15 + aspect) / 64).toFixed(2)}`);
    let off = 13;
    if (flags & 0x80) {
      const len = 3 * (1 << ((flags & 0x07) + 1));
      t.add(hfGlobalMap, tvb, off, len, tvb.bytes(off, len));
      off += len;
    }
    while (tvb.reportedRemaining(off) > 0) {
      const type = tvb.u8(off);
      if (type === 0x21) {
        const label = tvb.u8(off + 1);
        const name = EXTENSIONS[label];
        const e = t.add(hfExtension, tvb, off, 0).setLabel(`Extension: ${name ?? `<Warning: Unknown extension 0x${label.toString(16).padStart(2, '0')}>`}`);
        e.add(hfExtensionLabel, tvb, off + 1, 1, label);
        const end = dataBlocks(e, tvb, off + 2);
        e.setLength(end - off);
        off = end;
      } else if (type === 0x2c) {
        const img = t.add(hfImage, tvb, off, 0);
        img.add(hfLeft, tvb, off + 1, 2, tvb.u16le(off + 1));
        img.add(hfTop, tvb, off + 3, 2, tvb.u16le(off + 3));
        img.add(hfWidth, tvb, off + 5, 2, tvb.u16le(off + 5));
        img.add(hfHeight, tvb, off + 7, 2, tvb.u16le(off + 7));
        const local = settings(img, tvb, off + 9, 'Local', gif89);
        let p = off + 10;
        if (local & 0x80) {
          const len = 3 * (1 << ((local & 0x07) + 1));
          img.add(hfLocalMap, tvb, p, len, tvb.bytes(p, len));
          p += len;
        }
        img.add(hfCodeSize, tvb, p, 1, tvb.u8(p));
        const end = dataBlocks(img, tvb, p + 1);
        img.setLength(end - off);
        off = end;
      } else if (type === 0x3b) {
        t.add(hfEnd, tvb, off, 1);
        break;
      } else {
        // The item is the expert item's own field (gif.data_block_type.unknown), as in Wireshark.
        pinfo.expert(t.addText(tvb, off, 1, 'Unknown GIF data block type'), eiUnknown, tvb, off, 1);
        off++;
      }
    }
  },
};

registerMediaType('image/gif', imageGif);
