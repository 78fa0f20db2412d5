/**
 * PNG bodies: Wireshark 4.0's "Portable Network Graphics" on a frame written out below (every
 * truncation of it too) and on crafted PNGs compared with tshark on the
 * spot (every chunk type it decodes, unknown chunks, cut and broken PNGs, PNGs under other types).
 */
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { treeLines } from '../../../dissectors/output/text.js';
import { checkTruncations, dissect, fieldsOf, hexDump } from '../../helpers/corpus-link.js';
import { compareBodies, linesFrom } from '../../helpers/http-bodies.js';

// An HTTP POST of a 16×8 PNG: IHDR, a tEXt chunk and IEND (httpPostFrame('image/png', …)).
// 0000  00 11 22 33 44 55 00 66 77 88 99 aa 08 00 45 00   .."3DU.fw.....E.
// 0010  00 b3 00 01 40 00 40 06 26 42 0a 00 00 01 0a 00   ....@.@.&B......
// 0020  00 02 9c 40 00 50 00 00 00 01 00 00 00 01 50 18   ...@.P........P.
// 0030  fa f0 00 00 00 00 50 4f 53 54 20 2f 6a 20 48 54   ......POST /j HT
// 0040  54 50 2f 31 2e 31 0d 0a 48 6f 73 74 3a 20 68 0d   TP/1.1..Host: h.
// 0050  0a 43 6f 6e 74 65 6e 74 2d 54 79 70 65 3a 20 69   .Content-Type: i
// 0060  6d 61 67 65 2f 70 6e 67 0d 0a 43 6f 6e 74 65 6e   mage/png..Conten
// 0070  74 2d 4c 65 6e 67 74 68 3a 20 36 35 0d 0a 0d 0a   t-Length: 65....
// 0080  89 50 4e 47 0d 0a 1a 0a 00 00 00 0d 49 48 44 52   .PNG........IHDR
// 0090  00 00 00 10 00 00 00 08 08 06 00 00 00 f0 76 7f   ..............v.
// 00a0  97 00 00 00 08 74 45 58 74 54 69 74 6c 65 00 48   .....tEXtTitle.H
// 00b0  69 ff 0f a7 7d 00 00 00 00 49 45 4e 44 ae 42 60   i...}....IEND.B`
// 00c0  82                                                .
const POST = hexDump(`
0000  00 11 22 33 44 55 00 66 77 88 99 aa 08 00 45 00   .."3DU.fw.....E.
0010  00 b3 00 01 40 00 40 06 26 42 0a 00 00 01 0a 00   ....@.@.&B......
0020  00 02 9c 40 00 50 00 00 00 01 00 00 00 01 50 18   ...@.P........P.
0030  fa f0 00 00 00 00 50 4f 53 54 20 2f 6a 20 48 54   ......POST /j HT
0040  54 50 2f 31 2e 31 0d 0a 48 6f 73 74 3a 20 68 0d   TP/1.1..Host: h.
0050  0a 43 6f 6e 74 65 6e 74 2d 54 79 70 65 3a 20 69   .Content-Type: i
0060  6d 61 67 65 2f 70 6e 67 0d 0a 43 6f 6e 74 65 6e   mage/png..Conten
0070  74 2d 4c 65 6e 67 74 68 3a 20 36 35 0d 0a 0d 0a   t-Length: 65....
0080  89 50 4e 47 0d 0a 1a 0a 00 00 00 0d 49 48 44 52   .PNG........IHDR
0090  00 00 00 10 00 00 00 08 08 06 00 00 00 f0 76 7f   ..............v.
00a0  97 00 00 00 08 74 45 58 74 54 69 74 6c 65 00 48   .....tEXtTitle.H
00b0  69 ff 0f a7 7d 00 00 00 00 49 45 4e 44 ae 42 60   i...}....IEND.B\`
00c0  82                                                .
`);

const PNG_START = /^(Portable Network Graphics|Compuserve GIF|Media Type|Data|\[Malformed)/;
const SIG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function be32(v: number): number[] {
  return [(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
}
/** A chunk with its length and CRC. */
function chunk(type: string, data: number[]): number[] {
  const body = Buffer.from([...Buffer.from(type, 'latin1'), ...data]);
  return [...be32(data.length), ...body, ...be32(crc32(body) >>> 0)];
}
const IHDR = chunk('IHDR', [...be32(16), ...be32(8), 8, 2, 0, 0, 1]);
const IEND = chunk('IEND', []);
const png = (...chunks: number[][]) => Uint8Array.from([...SIG, ...IHDR, ...chunks.flat(), ...IEND]);

const FIELDS = ['png.chunk.type', 'png.chunk.len', 'png.chunk.crc', 'png.chunk.flag.ancillary', 'png.ihdr.width', 'png.ihdr.colour_type', 'png.text.keyword',
  'png.text.string', 'png.time.year', 'png.phys.unit', 'png.bkgd.greyscale', 'png.chrm.white.x', 'png.chrm.blue.y', 'png.gama.gamma', 'png.chunk.data', 'frame.protocols'];

describe('PNG', () => {
  it('shows a PNG body as tshark 4.0 does, with (PNG) in Info', () => {
    const p = dissect(1, POST);
    expect([p.protocol, p.info]).toEqual(['HTTP', 'POST /j HTTP/1.1  (PNG)']);
    expect(linesFrom(treeLines(p.tree), PNG_START)).toEqual([
      'Portable Network Graphics',
      '    PNG Signature: 89504e470d0a1a0a',
      '    Image Header (IHDR)',
      '        Len: 13',
      '        Chunk: IHDR',
      '        ..0. .... .... .... .... .... .... .... = Ancillary: This is a CRITICAL chunk',
      '        .... .... ..0. .... .... .... .... .... = Private: This is a PUBLIC chunk',
      '        .... .... .... .... .... .... ..0. .... = Safe To Copy: This chunk is NOT safe to copy',
      '        Width: 16',
      '        Height: 8',
      '        Bit Depth: 8',
      '        Colour Type: Truecolour with alpha (6)',
      '        Compression Method: Deflate (0)',
      '        Filter Method: Adaptive (0)',
      '        Interlace Method: No interlace (0)',
      '        CRC: 0xf0767f97',
      '    Textual data (tEXt)',
      '        Len: 8',
      '        Chunk: tEXt',
      '        ..1. .... .... .... .... .... .... .... = Ancillary: This is an ANCILLARY chunk',
      '        .... .... ..0. .... .... .... .... .... = Private: This is a PUBLIC chunk',
      '        .... .... .... .... .... .... ..1. .... = Safe To Copy: This chunk is SAFE TO COPY',
      '        Keyword: Title',
      '        String: Hi',
      '        CRC: 0xff0fa77d',
      '    Image Trailer (IEND)',
      '        Len: 0',
      '        Chunk: IEND',
      '        ..0. .... .... .... .... .... .... .... = Ancillary: This is a CRITICAL chunk',
      '        .... .... ..0. .... .... .... .... .... = Private: This is a PUBLIC chunk',
      '        .... .... .... .... .... .... ..0. .... = Safe To Copy: This chunk is NOT safe to copy',
      '        CRC: 0xae426082',
    ]);
    expect(fieldsOf(p, ['png.chunk.type', 'frame.protocols'])).toEqual({ 'png.chunk.type': 'IHDR,tEXt,IEND', 'frame.protocols': 'eth:ethertype:ip:tcp:http:png' });
    checkTruncations(1, POST);
  });

  it('agrees with tshark on the spot: chunk types, floats, unknown chunks, cut and broken PNGs, PNGs under other types', () => {
    const u32s = (...v: number[]) => v.flatMap(be32);
    const bodies: [string, Uint8Array][] = [
      ['image/png', png(chunk('gAMA', u32s(45455)), chunk('cHRM', u32s(31270, 32900, 64000, 33000, 30000, 60000, 15000, 6000)), chunk('sRGB', [1]),
        chunk('PLTE', [0, 1, 2, 3, 4, 5, 6, 7, 8]), chunk('tRNS', [0, 1]), chunk('tEXt', [...Buffer.from('Title'), 0, ...Buffer.from('Hello world')]),
        chunk('zTXt', [67, 0, 0, 120, 156]), chunk('iTXt', [75, 0, 0, 0]), chunk('IDAT', [120, 156, 99, 0, 0]))],
      ['image/png', png(chunk('bKGD', [5]), chunk('bKGD', [0, 1, 0, 2, 0, 3]), chunk('bKGD', [1, 2]), chunk('bKGD', [1, 2, 3]),
        chunk('pHYs', [...u32s(100, 200), 0]), chunk('pHYs', [...u32s(2835, 2835), 1]), chunk('tIME', [7, 232, 2, 29, 23, 59, 60]), chunk('abCd', [1, 2, 3]),
        chunk('iCCP', [1]), chunk('sBIT', [8, 8, 8]))],
      ['image/png', png(chunk('cHRM', u32s(1, 12345678, 100000, 99999999, 5, 150, 0, 0xffffffff)), chunk('gAMA', u32s(1)), chunk('tEXt', [...Buffer.from('NoNul')]))],
      ['image/png', png(chunk('tIME', [7]))],
      ['image/png', Uint8Array.from([...SIG, ...IHDR.slice(0, 10)])],
      ['image/png', Uint8Array.from([...Buffer.from('NOTPNG'), ...new Array(20).fill(0)])],
      ['image/png', Uint8Array.from([...SIG, ...chunk('IDAT', []), 0, 0])],
      ['image/png', Uint8Array.from([...SIG, ...be32(0x7fffffff), ...Buffer.from('IDAT'), ...new Array(10).fill(0)])],
      ['image/gif', png()],
      ['application/octet-stream', png()],
    ];
    expect(compareBodies(bodies, PNG_START, FIELDS)).toEqual([]);
  });
});
