/**
 * JPEG bodies: Wireshark 4.0's "JPEG File Interchange Format" on a frame written out below (every
 * truncation of it too) and on crafted JPEGs compared with tshark on the spot (JFIF, JFXX and
 * unknown APP0s, Exif with every value type and the IFDs it points to, bogus offsets, APP2, fill
 * bytes, stand-alone and reserved markers, cut and broken JPEGs, JPEGs under other types).
 */
import { describe, expect, it } from 'vitest';
import { treeLines } from '../../../dissectors/output/text.js';
import { checkTruncations, dissect, fieldsOf, hexDump } from '../../helpers/corpus-link.js';
import { compareBodies, linesFrom } from '../../helpers/http-bodies.js';

// An HTTP POST of an 8×8 JPEG: SOI, APP0 (JFIF 1.2, 72 dpi), COM "hi", SOF0, SOS, five bytes of
// entropy-coded data (with an escaped ff 00) and EOI (httpPostFrame('image/jpeg', …)).
const POST = hexDump(`
0000  00 11 22 33 44 55 00 66 77 88 99 aa 08 00 45 00   .."3DU.fw.....E.
0010  00 ab 00 01 40 00 40 06 26 4a 0a 00 00 01 0a 00   ....@.@.&J......
0020  00 02 9c 40 00 50 00 00 00 01 00 00 00 01 50 18   ...@.P........P.
0030  fa f0 00 00 00 00 50 4f 53 54 20 2f 6a 20 48 54   ......POST /j HT
0040  54 50 2f 31 2e 31 0d 0a 48 6f 73 74 3a 20 68 0d   TP/1.1..Host: h.
0050  0a 43 6f 6e 74 65 6e 74 2d 54 79 70 65 3a 20 69   .Content-Type: i
0060  6d 61 67 65 2f 6a 70 65 67 0d 0a 43 6f 6e 74 65   mage/jpeg..Conte
0070  6e 74 2d 4c 65 6e 67 74 68 3a 20 35 36 0d 0a 0d   nt-Length: 56...
0080  0a ff d8 ff e0 00 10 4a 46 49 46 00 01 02 01 00   .......JFIF.....
0090  48 00 48 00 00 ff fe 00 04 68 69 ff c0 00 0b 08   H.H......hi.....
00a0  00 08 00 08 01 01 11 00 ff da 00 08 01 01 00 00   ................
00b0  3f 00 d2 cf ff 00 20 ff d9                        ?..... ..
`);

const START = /^(JPEG File Interchange Format|Portable Network Graphics|Compuserve GIF|Media Type|Data|\[Malformed)/;

const b16 = (v: number) => [(v >> 8) & 255, v & 255];
const l16 = (v: number) => [v & 255, (v >> 8) & 255];
const b32 = (v: number) => [(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
const l32 = (v: number) => [v & 255, (v >>> 8) & 255, (v >>> 16) & 255, (v >>> 24) & 255];
const ascii = (s: string) => [...Buffer.from(s, 'latin1')];

/** A marker segment: marker, length (2 + data unless given), data. */
const seg = (marker: number, data: number[], len = data.length + 2) => [0xff, marker, ...b16(len), ...data];
const SOI = [0xff, 0xd8];
const EOI = [0xff, 0xd9];
const JFIF = seg(0xe0, [...ascii('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0]);
const SOF0 = seg(0xc0, [8, 0, 16, 0, 16, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
const SOS = seg(0xda, [3, 1, 0x00, 2, 0x11, 3, 0x11, 0, 63, 0x12]);
const DQT = seg(0xdb, [0, ...new Array(8).fill(1)]);
const jpeg = (...parts: number[][]) => Uint8Array.from([...SOI, ...parts.flat(), ...EOI]);

/** An IFD entry: tag, type, count, and the 4-byte value or offset field, in the given byte order. */
function entry(le: boolean, tag: number, type: number, count: number, field: number[]): number[] {
  return [...(le ? l16(tag) : b16(tag)), ...(le ? l16(type) : b16(type)), ...(le ? l32(count) : b32(count)), ...field];
}

/**
 * An Exif APP1: "Exif\0\0", a TIFF header with its first IFD at 8, the IFD's entries (12 bytes
 * each), the next-IFD offset, then `extra` (data the entries point to, from offset 14 + 12·n).
 */
function exif(le: boolean, entries: number[][], next: number[] = [0, 0, 0, 0], extra: number[] = []): number[] {
  const tiff = [...(le ? ascii('II') : ascii('MM')), ...(le ? l16(42) : b16(42)), ...(le ? l32(8) : b32(8)),
    ...(le ? l16(entries.length) : b16(entries.length)), ...entries.flat(), ...next, ...extra];
  return seg(0xe1, [...ascii('Exif\0\0'), ...tiff]);
}

const FIELDS = ['image-jfif.marker', 'image-jfif.length', 'image-jfif.identifier', 'image-jfif.ifd.tag', 'image-jfif.ifd.tag_exif', 'image-jfif.ifd.tag_gps',
  'image-jfif.ifd.value_ascii', 'image-jfif.ifd.value_short', 'image-jfif.ifd.value_long', 'image-jfif.ifd.value_rational.numerator',
  'image-jfif.ifd.value_srational.denominator', 'image-jfif.ifd.value_undefined', 'image-jfif.remain_seg_data', 'image-jfif.entropy_coded_segment',
  'image-jfif.fill_bytes', 'image-jfif.comment', 'image-jfif.sof.h_i', '_ws.expert.message', 'frame.protocols'];

describe('JPEG (JFIF)', () => {
  it('shows a JPEG body as tshark 4.0 does, with (JPEG JFIF image) in Info', () => {
    const p = dissect(1, POST);
    expect([p.protocol, p.info]).toEqual(['HTTP', 'POST /j HTTP/1.1  (JPEG JFIF image)']);
    expect(linesFrom(treeLines(p.tree), START)).toEqual([
      'JPEG File Interchange Format',
      '    Marker: Start of Image (0xffd8)',
      '    Marker segment: Reserved for application segments - 0 (0xFFE0)',
      '        Marker: Reserved for application segments - 0 (0xffe0)',
      '        Length: 16',
      '        Identifier: JFIF',
      '        Version: 1.2',
      '            Major Version: 1',
      '            Minor Version: 2',
      '        Units: Dots per inch (1)',
      '        Xdensity: 72',
      '        Ydensity: 72',
      '        Xthumbnail: 0',
      '        Ythumbnail: 0',
      '    Comment header: Comment (0xFFFE)',
      '        Marker: Comment (0xfffe)',
      '        Length: 4',
      '        Comment: hi',
      '    Start of Frame header: Start of Frame (non-differential, Huffman coding) - Baseline DCT (0xFFC0)',
      '        Marker: Start of Frame (non-differential, Huffman coding) - Baseline DCT (0xffc0)',
      '        Length: 11',
      '        Sample Precision (bits): 8',
      '        Lines: 8',
      '        Samples per line: 8',
      '        Number of image components in frame: 1',
      '        Component identifier: 1',
      '        0001 .... = Horizontal sampling factor: 1',
      '        .... 0001 = Vertical sampling factor: 1',
      '        Quantization table destination selector: 0',
      '    Start of Segment header: Start of Scan (0xFFDA)',
      '        Marker: Start of Scan (0xffda)',
      '        Length: 8',
      '        Number of image components in scan: 1',
      '        Scan component selector: 1',
      '        0000 .... = DC entropy coding table destination selector: 0',
      '        .... 0000 = AC entropy coding table destination selector: 0',
      '        Start of spectral or predictor selection: 0',
      '        End of spectral selection: 63',
      '        0000 .... = Successive approximation bit position high: 0',
      '        .... 0000 = Successive approximation bit position low or point transform: 0',
      '    Entropy-coded segment (dissection is not yet implemented): d2cfff0020',
      '    Marker: End of Image (0xffd9)',
    ]);
    expect(fieldsOf(p, ['image-jfif.comment', 'frame.protocols'])).toEqual({ 'image-jfif.comment': 'hi', 'frame.protocols': 'eth:ethertype:ip:tcp:http:image-jfif' });
    checkTruncations(1, POST);
  });

  it('agrees with tshark on the spot: APP0 kinds, Exif IFDs, bogus offsets, other segments and markers', () => {
    const LE = true;
    const BE = false;
    // Values the entries point to start after the IFD: 8 + 2 + 12·n + 4 (from the TIFF header).
    const at = (n: number, k = 0) => 14 + 12 * n + k;
    const bodies: [string, Uint8Array][] = [
      // APP0: a JFIF with a 1×2 thumbnail, JFXX, an unknown identifier; DQT, DHT-like segments, fill bytes, RST markers.
      ['image/jpeg', jpeg(seg(0xe0, [...ascii('JFIF\0'), 1, 2, 2, 0, 10, 0, 20, 1, 2, 1, 2, 3, 4, 5, 6]), seg(0xe0, [...ascii('JFXX\0'), 0x13, 9, 9]),
        seg(0xe0, [...ascii('Other\0'), 7, 7]), DQT, seg(0xc4, [0, 1, 2]), SOF0, SOS, [0x11, 0x22, 0xff, 0xff, 0xff, 0xd0, 0x33, 0xff, 0xd7, 0x44])],
      // Exif first (a warning), little-endian: one entry of each type, inline and outside, and the Exif and GPS IFDs.
      ['image/jpeg', jpeg(exif(LE, [
        entry(LE, 0x0100, 3, 1, [...l16(640), 0, 0]),
        entry(LE, 0x0102, 3, 2, [...l16(8), ...l16(8)]),
        entry(LE, 0x010f, 2, 6, l32(at(9))),
        entry(LE, 0x0110, 2, 3, ascii('ab\0\0')),
        entry(LE, 0x011a, 5, 1, l32(at(9, 6))),
        entry(LE, 0x9999, 10, 1, l32(at(9, 14))),
        entry(LE, 0x0128, 7, 2, [1, 2, 0, 0]),
        entry(LE, 0x8769, 4, 1, l32(at(9, 22))),
        entry(LE, 0x8825, 4, 1, l32(at(9, 22 + 2 + 12 * 2 + 4))),
      ], [0, 0, 0, 0], [
        ...ascii('Canon\0'), ...l32(72), ...l32(1), ...l32(-5 >>> 0), ...l32(3),
        // Exif IFD: ExifVersion (UNDEFINED 4 inline), PixelXDimension (LONG), then no next IFD.
        ...l16(2), ...entry(LE, 0x9000, 7, 4, ascii('0230')), ...entry(LE, 0xa002, 4, 1, l32(640)), 0, 0, 0, 0,
        // GPS IFD: GPSVersionID (BYTE ×4), an SLONG.
        ...l16(2), ...entry(LE, 0x0000, 1, 4, [2, 3, 0, 0]), ...entry(LE, 0x0005, 9, 1, l32(-7 >>> 0)), 0, 0, 0, 0,
      ]), JFIF, SOF0, SOS, [1, 2, 3])],
      // Big-endian Exif after a JFIF APP0 (no warning), an unknown type, and a second IFD in the chain.
      ['image/jpeg', jpeg(JFIF, exif(BE, [entry(BE, 0x0112, 3, 1, [...b16(6), 0, 0]), entry(BE, 0x1234, 6, 1, b32(0))], b32(at(2)),
        [...b16(1), ...entry(BE, 0x0201, 4, 1, b32(99)), 0, 0, 0, 0]), SOS, [9])],
      // Bogus offsets: a value outside the segment, an Exif pointer past it, a next IFD pointing back.
      ['image/jpeg', jpeg(exif(LE, [entry(LE, 0x010e, 2, 10, l32(5000)), entry(LE, 0x8769, 4, 1, l32(9000)), entry(LE, 0xa005, 4, 1, l32(at(3)))], l32(4),
        [...l16(1), ...entry(LE, 0x0001, 2, 4, ascii('R98\0')), 0, 0, 0, 0]))],
      // A first IFD offset below 8; a wrong byte order; an APP1 that is not Exif; APP2 FPXR and another APP2.
      ['image/jpeg', jpeg(seg(0xe1, [...ascii('Exif\0\0II'), ...l16(42), ...l32(4)]), seg(0xe1, [...ascii('Exif\0\0XX'), 0, 0]),
        seg(0xe1, [...ascii('http://ns.adobe.com/xap/1.0/\0'), 1, 2]), seg(0xe2, [...ascii('FPXR\0'), 0, 1]), seg(0xe2, [...ascii('ICC_PROFILE\0'), 1, 1]))],
      // A marker segment with no data, a reserved marker (it ends the image), a TEM marker.
      ['image/jpeg', jpeg(JFIF, [0xff, 0x01], seg(0xdd, []), [0xff, 0x02, 1, 2, 3])],
      // Cut and broken: cut in a segment, a length past the end, a length below 2, no NUL in the identifier.
      ['image/jpeg', Uint8Array.from([...SOI, ...JFIF, ...SOF0.slice(0, 8)])],
      ['image/jpeg', Uint8Array.from([...SOI, ...JFIF, 0xff, 0xdb, 0x10, 0x00, 1, 2, 3])],
      ['image/jpeg', jpeg(JFIF, [0xff, 0xdb, 0x00, 0x01])],
      ['image/jpeg', jpeg(JFIF, seg(0xe0, ascii('JFIFJFIF')))],
      ['image/jpeg', jpeg(JFIF, seg(0xfe, []))],
      ['image/jpeg', Uint8Array.from([...SOI, ...JFIF, ...SOS, 1, 2, 0xff])],
      // Not a JPEG under image/jpeg (too short, no SOI, no identifier); JPEGs under other types.
      ['image/jpeg', Uint8Array.from([...SOI, ...JFIF.slice(0, 10)])],
      ['image/jpeg', Uint8Array.from([0xff, 0xd9, ...JFIF.slice(2), 0, 0])],
      ['image/jpeg', jpeg(seg(0xe0, [...ascii('JFIX\0'), ...new Array(12).fill(0)]))],
      ['image/jpg', jpeg(JFIF)],
      ['image/jfif', jpeg(JFIF)],
      ['application/octet-stream', jpeg(JFIF, DQT)],
      ['text/plain', jpeg(exif(LE, []), DQT)],
    ];
    expect(compareBodies(bodies, START, FIELDS)).toEqual([]);
  });
});
