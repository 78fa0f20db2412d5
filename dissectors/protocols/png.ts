/**
 * Portable Network Graphics (Wireshark 4.0's packet-png.c): an HTTP body of type image/png (or any
 * body with the PNG signature, by the HTTP heuristic) as its signature and chunks; Info gets
 * ` (PNG)`.
 *
 * As in Wireshark 4.0: a body shorter than 20 bytes or without the signature is left to "Media
 * Type"; each chunk shows its length, type, the three flag bits of the type, its fields (IHDR,
 * tEXt, tIME, pHYs, bKGD, sRGB, cHRM, gAMA) or "Data", and its CRC (not checked); a chunk longer
 * than the rest of the body is malformed before it is shown; zTXt and most later chunk types are
 * "unknown".
 */
import type { ProtocolSpec } from '../core/dispatch.js';
import { defineField, defineProtocol } from '../core/fields.js';
import type { ProtoNode } from '../core/tree.js';
import type { Tvb } from '../core/tvb.js';
import { registerMediaType } from './http/media.js';

export const proto = defineProtocol('png', 'Portable Network Graphics', 'PNG', 'application');
const hfSignature = defineField('png.signature', 'PNG Signature', 'bytes');
const hfData = defineField('png.chunk.data', 'Data', 'none');
const hfType = defineField('png.chunk.type', 'Chunk', 'string');
const hfLen = defineField('png.chunk.len', 'Len', 'uint32');
const hfCrc = defineField('png.chunk.crc', 'CRC', 'uint32', { base: 'hex' });
const hfAncillary = defineField('png.chunk.flag.ancillary', 'Ancillary', 'boolean', { mask: 0x20000000, bits: 32, tfs: ['This is an ANCILLARY chunk', 'This is a CRITICAL chunk'] });
const hfPrivate = defineField('png.chunk.flag.private', 'Private', 'boolean', { mask: 0x00200000, bits: 32, tfs: ['This is a PRIVATE chunk', 'This is a PUBLIC chunk'] });
const hfStc = defineField('png.chunk.flag.stc', 'Safe To Copy', 'boolean', { mask: 0x00000020, bits: 32, tfs: ['This chunk is SAFE TO COPY', 'This chunk is NOT safe to copy'] });
const hfWidth = defineField('png.ihdr.width', 'Width', 'uint32');
const hfHeight = defineField('png.ihdr.height', 'Height', 'uint32');
const hfBitDepth = defineField('png.ihdr.bitdepth', 'Bit Depth', 'uint8');
const hfColourType = defineField('png.ihdr.colour_type', 'Colour Type', 'uint8', {
  vals: { 0: 'Greyscale', 2: 'Truecolour', 3: 'Indexed-colour', 4: 'Greyscale with alpha', 6: 'Truecolour with alpha' },
});
const hfCompression = defineField('png.ihdr.compression_method', 'Compression Method', 'uint8', { vals: { 0: 'Deflate' } });
const hfFilter = defineField('png.ihdr.filter_method', 'Filter Method', 'uint8', { vals: { 0: 'Adaptive' } });
const hfInterlace = defineField('png.ihdr.interlace_method', 'Interlace Method', 'uint8', { vals: { 0: 'No interlace', 1: 'Adam7' } });
const hfIntent = defineField('png.srgb.intent', 'Intent', 'uint8', { vals: { 0: 'Perceptual', 1: 'Relative colorimetric', 2: 'Saturation', 3: 'Absolute colorimetric' } });
const hfKeyword = defineField('png.text.keyword', 'Keyword', 'string');
const hfString = defineField('png.text.string', 'String', 'string');
const hfYear = defineField('png.time.year', 'Year', 'uint16');
const hfMonth = defineField('png.time.month', 'Month', 'uint8');
const hfDay = defineField('png.time.day', 'Day', 'uint8');
const hfHour = defineField('png.time.hour', 'Hour', 'uint8');
const hfMinute = defineField('png.time.minute', 'Minute', 'uint8');
const hfSecond = defineField('png.time.second', 'Second', 'uint8');
const hfHoriz = defineField('png.phys.horiz', 'Horizontal pixels per unit', 'uint32');
const hfVert = defineField('png.phys.vert', 'Vertical pixels per unit', 'uint32');
const hfUnit = defineField('png.phys.unit', 'Unit', 'uint8', { vals: { 0: 'Unit is unknown', 1: 'Unit is METRE' } });
const hfPaletteIndex = defineField('png.bkgd.palette_index', 'Palette Index', 'uint8');
const hfGreyscale = defineField('png.bkgd.greyscale', 'Greyscale', 'uint16', { base: 'hex' });
const hfRed = defineField('png.bkgd.red', 'Red', 'uint16', { base: 'hex' });
const hfGreen = defineField('png.bkgd.green', 'Green', 'uint16', { base: 'hex' });
const hfBlue = defineField('png.bkgd.blue', 'Blue', 'uint16', { base: 'hex' });
const CHRM = [
  defineField('png.chrm.white.x', 'White X', 'float'), defineField('png.chrm.white.y', 'White Y', 'float'),
  defineField('png.chrm.red.x', 'Red X', 'float'), defineField('png.chrm.red.y', 'Red Y', 'float'),
  defineField('png.chrm.green.x', 'Green X', 'float'), defineField('png.chrm.green.y', 'Green Y', 'float'),
  defineField('png.chrm.blue.x', 'Blue X', 'float'), defineField('png.chrm.blue.y', 'Blue Y', 'float'),
];
const hfGamma = defineField('png.gama.gamma', 'Gamma', 'float');

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Chunk names of Wireshark 4.0 (others are "unknown"). */
const CHUNK_NAMES: Record<string, string> = {
  IHDR: 'Image Header', tEXt: 'Textual data', IDAT: 'Image data chunk', IEND: 'Image Trailer', PLTE: 'Palette', tRNS: 'Transparency',
  iTXt: 'International textual data', sBIT: 'Significant bits', bKGD: 'Background colour', pHYs: 'Physical pixel dimensions',
  tIME: 'Image last-modification time', sRGB: 'Standard RGB colour space', cHRM: 'Primary chromaticities and white point', gAMA: 'Image gamma',
  iCCP: 'Embedded ICC profile',
};

function isPng(tvb: Tvb): boolean {
  if (tvb.remaining(0) < 20) return false;
  for (let i = 0; i < 8; i++) if (tvb.u8(i) !== SIGNATURE[i]) return false;
  return true;
}

/** A float: a 32-bit value / 100000. */
function addRatio(t: ProtoNode, f: typeof hfGamma, tvb: Tvb, off: number): void {
  t.add(f, tvb, off, 4, Math.fround(tvb.u32(off) / 100000));
}

/** The fields of a chunk's data (`d`: a view of just its data). */
function chunkFields(type: string, t: ProtoNode, d: Tvb, len: number): void {
  switch (type) {
    case 'IHDR':
      t.add(hfWidth, d, 0, 4, d.u32(0));
      t.add(hfHeight, d, 4, 4, d.u32(4));
      t.add(hfBitDepth, d, 8, 1, d.u8(8));
      t.add(hfColourType, d, 9, 1, d.u8(9));
      t.add(hfCompression, d, 10, 1, d.u8(10));
      t.add(hfFilter, d, 11, 1, d.u8(11));
      t.add(hfInterlace, d, 12, 1, d.u8(12));
      return;
    case 'tEXt': {
      let nul = 0;
      while (nul < len && d.u8(nul) !== 0) nul++;
      // Without the NUL after the keyword, Wireshark 4.0 shows neither.
      if (nul === len) return;
      t.add(hfKeyword, d, 0, nul, latin1(d, 0, nul));
      t.add(hfString, d, nul + 1, len - nul - 1, latin1(d, nul + 1, len));
      return;
    }
    case 'tIME':
      t.add(hfYear, d, 0, 2, d.u16(0));
      t.add(hfMonth, d, 2, 1, d.u8(2));
      t.add(hfDay, d, 3, 1, d.u8(3));
      t.add(hfHour, d, 4, 1, d.u8(4));
      t.add(hfMinute, d, 5, 1, d.u8(5));
      t.add(hfSecond, d, 6, 1, d.u8(6));
      return;
    case 'pHYs':
      t.add(hfHoriz, d, 0, 4, d.u32(0));
      t.add(hfVert, d, 4, 4, d.u32(4));
      t.add(hfUnit, d, 8, 1, d.u8(8));
      return;
    case 'bKGD':
      if (len === 1) t.add(hfPaletteIndex, d, 0, 1, d.u8(0));
      else if (len === 2) t.add(hfGreyscale, d, 0, 2, d.u16(0));
      else if (len === 6) {
        t.add(hfRed, d, 0, 2, d.u16(0));
        t.add(hfGreen, d, 2, 2, d.u16(2));
        t.add(hfBlue, d, 4, 2, d.u16(4));
      }
      return;
    case 'sRGB':
      t.add(hfIntent, d, 0, 1, d.u8(0));
      return;
    case 'cHRM':
      for (let i = 0; i < 8; i++) addRatio(t, CHRM[i]!, d, 4 * i);
      return;
    case 'gAMA':
      addRatio(t, hfGamma, d, 0);
      return;
    default:
      if (len > 0) t.add(hfData, d, 0, len);
  }
}

function latin1(d: Tvb, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i++) s += String.fromCharCode(d.u8(i));
  return s;
}

export const png: ProtocolSpec = {
  proto,
  // A PNG whatever its Content-Type says (Wireshark's dissect_png_heur on HTTP bodies).
  heuristics: [{ table: 'http', name: 'png_http', fn: (tvb, pinfo, tree, info) => isPng(tvb) && png.dissect(tvb, pinfo, tree, info) !== 0 }],
  dissect(tvb, pinfo, tree) {
    if (!isPng(tvb)) return 0;
    if (pinfo.wantInfo) pinfo.appendInfo(' (PNG)');
    const t = tree.addProto(proto, tvb, 0, tvb.length);
    t.add(hfSignature, tvb, 0, 8, tvb.bytes(0, 8));
    let off = 8;
    while (tvb.reportedRemaining(off) > 0) {
      const len = tvb.u32(off);
      const type = latin1(tvb, off + 4, off + 8);
      // The whole chunk must be there before it is shown (as Wireshark's subtree of its length).
      if (len > 0x7fffffff - 12 || tvb.reportedRemaining(off) < len + 12) tvb.check(off, len + 12);
      const c = t.addText(tvb, off, len + 12, `${CHUNK_NAMES[type] ?? 'unknown'} (${type})`);
      c.add(hfLen, tvb, off, 4, len);
      c.add(hfType, tvb, off + 4, 4, type);
      c.add(hfAncillary, tvb, off + 4, 4);
      c.add(hfPrivate, tvb, off + 4, 4);
      c.add(hfStc, tvb, off + 4, 4);
      chunkFields(type, c, tvb.sub(off + 8, len), len);
      c.add(hfCrc, tvb, off + 8 + len, 4, tvb.u32(off + 8 + len));
      off += 12 + len;
    }
  },
};

registerMediaType('image/png', png);
