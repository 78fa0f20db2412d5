/**
 * GIF bodies: Wireshark 4.0's "Compuserve GIF" on a frame written out below (every truncation of
 * it too) and on crafted GIFs compared with tshark on the spot.
 */
import { describe, expect, it } from 'vitest';
import { treeLines } from '../../../dissectors/output/text.js';
import { checkTruncations, dissect, fieldsOf, hexDump } from '../../helpers/corpus-link.js';
import { compareBodies, linesFrom } from '../../helpers/http-bodies.js';

// An HTTP POST of a 2×3 GIF89a: a global color map, a Graphics Control extension, one image with
// a local color map, the trailer (httpPostFrame('image/gif', …)).
// 0000  00 11 22 33 44 55 00 66 77 88 99 aa 08 00 45 00   .."3DU.fw.....E.
// 0010  00 a4 00 01 40 00 40 06 26 51 0a 00 00 01 0a 00   ....@.@.&Q......
// 0020  00 02 9c 40 00 50 00 00 00 01 00 00 00 01 50 18   ...@.P........P.
// 0030  fa f0 00 00 00 00 50 4f 53 54 20 2f 6a 20 48 54   ......POST /j HT
// 0040  54 50 2f 31 2e 31 0d 0a 48 6f 73 74 3a 20 68 0d   TP/1.1..Host: h.
// 0050  0a 43 6f 6e 74 65 6e 74 2d 54 79 70 65 3a 20 69   .Content-Type: i
// 0060  6d 61 67 65 2f 67 69 66 0d 0a 43 6f 6e 74 65 6e   mage/gif..Conten
// 0070  74 2d 4c 65 6e 67 74 68 3a 20 35 30 0d 0a 0d 0a   t-Length: 50....
// 0080  47 49 46 38 39 61 02 00 03 00 91 01 00 00 01 02   GIF89a..........
// 0090  03 04 05 06 07 08 09 0a 0b 21 f9 04 01 02 03 04   .........!......
// 00a0  00 2c 01 00 02 00 03 00 04 00 00 02 03 61 62 63   .,...........abc
// 00b0  00 3b                                             .;
const POST = hexDump(`
0000  00 11 22 33 44 55 00 66 77 88 99 aa 08 00 45 00   .."3DU.fw.....E.
0010  00 a4 00 01 40 00 40 06 26 51 0a 00 00 01 0a 00   ....@.@.&Q......
0020  00 02 9c 40 00 50 00 00 00 01 00 00 00 01 50 18   ...@.P........P.
0030  fa f0 00 00 00 00 50 4f 53 54 20 2f 6a 20 48 54   ......POST /j HT
0040  54 50 2f 31 2e 31 0d 0a 48 6f 73 74 3a 20 68 0d   TP/1.1..Host: h.
0050  0a 43 6f 6e 74 65 6e 74 2d 54 79 70 65 3a 20 69   .Content-Type: i
0060  6d 61 67 65 2f 67 69 66 0d 0a 43 6f 6e 74 65 6e   mage/gif..Conten
0070  74 2d 4c 65 6e 67 74 68 3a 20 35 30 0d 0a 0d 0a   t-Length: 50....
0080  47 49 46 38 39 61 02 00 03 00 91 01 00 00 01 02   GIF89a..........
0090  03 04 05 06 07 08 09 0a 0b 21 f9 04 01 02 03 04   .........!......
00a0  00 2c 01 00 02 00 03 00 04 00 00 02 03 61 62 63   .,...........abc
00b0  00 3b                                             .;
`);

const GIF_START = /^(Compuserve GIF|Media Type|\[Malformed)/;

/** A GIF: header, optional global color map (from the flags), then `blocks`, then the trailer unless `trailer` is false. */
function gif(blocks: number[], o: { version?: string; flags?: number; aspect?: number; trailer?: boolean } = {}): Uint8Array {
  const flags = o.flags ?? 0x91;
  const map = flags & 0x80 ? Array.from({ length: 3 * (1 << ((flags & 7) + 1)) }, (_, i) => i & 0xff) : [];
  return Uint8Array.from([...Buffer.from(o.version ?? 'GIF89a'), 2, 0, 3, 0, flags, 1, o.aspect ?? 0, ...map, ...blocks, ...(o.trailer === false ? [] : [0x3b])]);
}
const IMAGE = [0x2c, 1, 0, 2, 0, 3, 0, 4, 0, 0x81, ...Array.from({ length: 12 }, (_, i) => i), 2, 3, 0x61, 0x62, 0x63, 0];
const GRAPHICS = [0x21, 0xf9, 4, 1, 2, 3, 4, 0];

const FIELDS = ['image-gif.version', 'image-gif.screen.width', 'image-gif.screen.height', 'image-gif.global.bpp', 'image-gif.global.pixel_aspect_ratio',
  'image-gif.extension.label', 'image-gif.image.width', 'image-gif.image.code_size', 'image-gif.data_block', 'image-gif.end', 'frame.protocols'];

describe('GIF', () => {
  it('shows a GIF body as tshark 4.0 does, with the version in Info', () => {
    const p = dissect(1, POST);
    expect([p.protocol, p.info]).toEqual(['HTTP', 'POST /j HTTP/1.1  (GIF89a)']);
    expect(linesFrom(treeLines(p.tree), GIF_START)).toEqual([
      'Compuserve GIF, Version: GIF89a',
      '    Version: GIF89a',
      '    Screen width: 2',
      '    Screen height: 3',
      '    Global settings: (Global color table present) (1 bit per color) (2 bits per pixel)',
      '        1... .... = Global color map is present: True (1)',
      '        .001 .... = Bits per color minus 1: 1',
      '        .... 0... = Global color map is ordered: False (0)',
      '        .... .001 = Image bits per pixel minus 1: 1',
      '    Background color index: 1',
      '    Global color map: 000102030405060708090a0b',
      '    Extension: Graphics Control',
      '        Extension label: Graphics Control (0xf9)',
      '        Data block: 01020304 (length = 4)',
      '        Data block: <none> (length = 0)',
      '    Image',
      '        Image left position: 1',
      '        Image top position: 2',
      '        Image width: 3',
      '        Image height: 4',
      '        Local settings: (1 bit per color) (1 bit per pixel)',
      '            0... .... = Local color map is present: False (0)',
      '            .000 .... = Bits per color minus 1: 0',
      '            .... 0... = Local color map is ordered: False (0)',
      '            .... .000 = Image bits per pixel minus 1: 0',
      '        LZW minimum code size: 2',
      '        Data block: 616263 (length = 3)',
      '        Data block: <none> (length = 0)',
      '    Trailer (End of the GIF stream)',
    ]);
    expect(fieldsOf(p, ['image-gif.data_block', 'frame.protocols'])).toEqual({ 'image-gif.data_block': '01020304,<none>,616263,<none>', 'frame.protocols': 'eth:ethertype:ip:tcp:http:image-gif' });
    checkTruncations(1, POST);
  });

  it('agrees with tshark on the spot: extensions, GIF87a, aspect ratio, unknown blocks, cut GIFs, GIFs under another type, no GIF', () => {
    const bodies: [string, Uint8Array][] = [
      ['image/gif', gif([...GRAPHICS, ...IMAGE], { aspect: 49 })],
      ['image/gif', gif(IMAGE, { version: 'GIF87a', flags: 0 })],
      ['image/gif', gif([0x21, 0xfe, 5, ...Buffer.from('hello'), 0, 0x21, 0xff, 11, ...Buffer.from('NETSCAPE2.0'), 3, 1, 0, 0, 0, 0x21, 0x01, 12, ...new Array(12).fill(0), 0, ...IMAGE])],
      ['image/gif', gif([0x99, ...Buffer.from('junk')])],
      ['image/gif', Uint8Array.from(Buffer.from('NOTAGIF1234567890'))],
      ['image/gif', gif(IMAGE, { trailer: false })],
      ['image/gif', gif([...GRAPHICS, ...IMAGE]).subarray(0, 30)],
      ['image/gif', gif(IMAGE, { flags: 0x7f })],
      ['image/gif', gif([0x21, 0x42, 2, 0x61, 0x62, 0, ...IMAGE])],
      ['image/gif', gif([0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 100, ...Array.from({ length: 100 }, (_, i) => i), 0])],
      ['image/png', gif(IMAGE)],
      ['text/plain', gif(IMAGE)],
    ];
    expect(compareBodies(bodies, GIF_START, FIELDS)).toEqual([]);
  });
});
