// Draws the app icon, build/icon.png (512×512 RGBA), with no image library: a rounded square in
// a blue gradient with a woven pattern — three "packet" threads crossing three warp threads, over
// and under in turn, as on a loom. Run `node build/make-icon.mjs` after changing it; the PNG is
// committed (electron-builder makes the .ico/.icns for Windows and macOS from it).
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SIZE = 512;
const SS = 4; // supersampling per axis, for smooth edges

/** Colour (RGBA 0..1) at a point in icon coordinates (0..512), or null for transparent. */
function shade(x, y) {
  // Rounded square with a margin, as desktop icons have.
  const m = 24, r = 96, lo = m, hi = SIZE - m;
  const cx = Math.min(Math.max(x, lo + r), hi - r);
  const cy = Math.min(Math.max(y, lo + r), hi - r);
  if (x < lo || x > hi || y < lo || y > hi || (x - cx) ** 2 + (y - cy) ** 2 > r * r) return null;
  const t = (x + y) / (2 * SIZE);
  let col = [0.05 + 0.05 * t, 0.32 - 0.12 * t, 0.62 - 0.18 * t, 1]; // teal-blue to deep blue

  // Warp (vertical) and weft (horizontal) threads.
  const bands = [160, 256, 352];
  const half = 26;
  const inV = bands.findIndex((b) => Math.abs(x - b) <= half);
  const inH = bands.findIndex((b) => Math.abs(y - b) <= half);
  const within = (v) => v > 88 && v < SIZE - 88;
  const warp = [0.85, 0.93, 1, 1];
  const weft = [1, 0.72, 0.25, 1]; // amber "packets"
  const onV = inV >= 0 && within(y);
  const onH = inH >= 0 && within(x);
  if (onV && onH) {
    // Over and under in turn.
    col = (inV + inH) % 2 === 0 ? weft : warp;
  } else if (onH) {
    col = weft;
  } else if (onV) {
    col = warp;
  }
  return col;
}

const rows = [];
for (let py = 0; py < SIZE; py++) {
  const row = Buffer.alloc(1 + SIZE * 4); // filter byte 0 (None) + RGBA pixels
  for (let px = 0; px < SIZE; px++) {
    let r = 0, g = 0, b = 0, a = 0;
    for (let sy = 0; sy < SS; sy++) {
      for (let sx = 0; sx < SS; sx++) {
        const c = shade(px + (sx + 0.5) / SS, py + (sy + 0.5) / SS);
        if (!c) continue;
        r += c[0] * c[3]; g += c[1] * c[3]; b += c[2] * c[3]; a += c[3];
      }
    }
    const n = SS * SS;
    const o = 1 + px * 4;
    if (a > 0) {
      row[o] = Math.round((r / a) * 255);
      row[o + 1] = Math.round((g / a) * 255);
      row[o + 2] = Math.round((b / a) * 255);
    }
    row[o + 3] = Math.round((a / n) * 255);
  }
  rows.push(row);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(SIZE, 0);
ihdr.writeUInt32BE(SIZE, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // colour type: RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const out = join(dirname(fileURLToPath(import.meta.url)), 'icon.png');
writeFileSync(out, png);
console.log(`wrote ${out} (${png.length} bytes)`);
