import { describe, expect, it } from 'vitest';
import { CaptureDissector } from '../../../dissectors/packet.js';
import { treeLines } from '../../../dissectors/output/text.js';
import { checkTruncations, dissect, fieldsOf, hex, hexDump } from '../../helpers/corpus-link.js';

// An HTTP POST in one frame, its body a form: a `+`, UTF-8 in %XX, an escaped & and =, an empty
// value and a key without `=` (written by a script for this test; tshark 4.0 reads it as below).
// 0000  02 00 00 00 00 02 02 00 00 00 00 01 08 00 45 00   ..............E.
// 0010  00 d5 00 01 40 00 40 06 26 20 0a 00 00 01 0a 00   ....@.@.& ......
// 0020  00 02 9c 40 00 50 00 00 03 e8 00 00 07 d0 50 18   ...@.P........P.
// 0030  fa f0 2b 39 00 00 50 4f 53 54 20 2f 66 6f 72 6d   ..+9..POST /form
// 0040  20 48 54 54 50 2f 31 2e 31 0d 0a 48 6f 73 74 3a    HTTP/1.1..Host:
// 0050  20 31 30 2e 30 2e 30 2e 32 0d 0a 43 6f 6e 74 65    10.0.0.2..Conte
// 0060  6e 74 2d 54 79 70 65 3a 20 61 70 70 6c 69 63 61   nt-Type: applica
// 0070  74 69 6f 6e 2f 78 2d 77 77 77 2d 66 6f 72 6d 2d   tion/x-www-form-
// 0080  75 72 6c 65 6e 63 6f 64 65 64 0d 0a 43 6f 6e 74   urlencoded..Cont
// 0090  65 6e 74 2d 4c 65 6e 67 74 68 3a 20 36 35 0d 0a   ent-Length: 65..
// 00a0  0d 0a 6e 61 6d 65 3d 57 65 69 2b 5a 68 61 6e 67   ..name=Wei+Zhang
// 00b0  26 63 69 74 79 3d 25 45 35 25 38 43 25 39 37 25   &city=%E5%8C%97%
// 00c0  45 34 25 42 41 25 41 43 26 6e 6f 74 65 3d 61 25   E4%BA%AC&note=a%
// 00d0  32 36 62 25 33 44 63 26 65 6d 70 74 79 3d 26 66   26b%3Dc&empty=&f
// 00e0  6c 61 67                                          lag
const POST = hexDump(`
0000  02 00 00 00 00 02 02 00 00 00 00 01 08 00 45 00   ..............E.
0010  00 d5 00 01 40 00 40 06 26 20 0a 00 00 01 0a 00   ....@.@.& ......
0020  00 02 9c 40 00 50 00 00 03 e8 00 00 07 d0 50 18   ...@.P........P.
0030  fa f0 2b 39 00 00 50 4f 53 54 20 2f 66 6f 72 6d   ..+9..POST /form
0040  20 48 54 54 50 2f 31 2e 31 0d 0a 48 6f 73 74 3a    HTTP/1.1..Host:
0050  20 31 30 2e 30 2e 30 2e 32 0d 0a 43 6f 6e 74 65    10.0.0.2..Conte
0060  6e 74 2d 54 79 70 65 3a 20 61 70 70 6c 69 63 61   nt-Type: applica
0070  74 69 6f 6e 2f 78 2d 77 77 77 2d 66 6f 72 6d 2d   tion/x-www-form-
0080  75 72 6c 65 6e 63 6f 64 65 64 0d 0a 43 6f 6e 74   urlencoded..Cont
0090  65 6e 74 2d 4c 65 6e 67 74 68 3a 20 36 35 0d 0a   ent-Length: 65..
00a0  0d 0a 6e 61 6d 65 3d 57 65 69 2b 5a 68 61 6e 67   ..name=Wei+Zhang
00b0  26 63 69 74 79 3d 25 45 35 25 38 43 25 39 37 25   &city=%E5%8C%97%
00c0  45 34 25 42 41 25 41 43 26 6e 6f 74 65 3d 61 25   E4%BA%AC&note=a%
00d0  32 36 62 25 33 44 63 26 65 6d 70 74 79 3d 26 66   26b%3Dc&empty=&f
00e0  6c 61 67                                          lag
`);
const BODY_AT = 0xa2;

/** The frame with another body (the IP and TCP lengths and checksums are not fixed up: not looked at here). */
function withBody(body: string): Uint8Array {
  const head = new TextDecoder().decode(POST.subarray(0x36, BODY_AT)).replace('Content-Length: 65', `Content-Length: ${body.length}`);
  const payload = new TextEncoder().encode(head + body);
  const f = new Uint8Array(0x36 + payload.length);
  f.set(POST.subarray(0, 0x36));
  f.set(payload, 0x36);
  // IPv4 total length.
  f[0x10] = (f.length - 14) >> 8;
  f[0x11] = (f.length - 14) & 0xff;
  return f;
}

const FIELDS = ['urlencoded-form.key', 'urlencoded-form.value', 'frame.protocols'];

function formLines(p: ReturnType<typeof dissect>): string[] {
  const lines = treeLines(p.tree);
  return lines.slice(lines.findIndex((l) => l.startsWith('HTML Form URL Encoded')));
}

describe('HTML Form URL Encoded', () => {
  it('decodes the pairs of a form body as tshark 4.0 does', () => {
    const p = dissect(1, POST);
    expect(fieldsOf(p, FIELDS)).toEqual({
      'urlencoded-form.key': 'name,city,note,empty,flag',
      'urlencoded-form.value': 'Wei Zhang,北京,a&b=c,,',
      'frame.protocols': 'eth:ethertype:ip:tcp:http:urlencoded-form',
    });
    expect([p.protocol, p.info]).toEqual(['HTTP', 'POST /form HTTP/1.1  (application/x-www-form-urlencoded)']);
    expect(formLines(p)).toEqual([
      'HTML Form URL Encoded: application/x-www-form-urlencoded',
      '    Form item: "name" = "Wei Zhang"',
      '        Key: name',
      '        Value: Wei Zhang',
      '    Form item: "city" = "北京"',
      '        Key: city',
      '        Value: 北京',
      '    Form item: "note" = "a&b=c"',
      '        Key: note',
      '        Value: a&b=c',
      '    Form item: "empty" = ""',
      '        Key: empty',
      '        Value: ',
      '    Form item: "flag" = ""',
      '        Key: flag',
      '        Value: ',
    ]);
    // Where each key and value is, for the bytes pane: the encoded bytes.
    const form = p.tree.children!.find((n) => n.field?.abbrev === 'urlencoded-form')!;
    const city = form.children![1]!;
    expect([city.offset, city.length]).toEqual([BODY_AT + 15, 24]);
    expect(city.children!.map((n) => [n.field!.abbrev, n.offset, n.length])).toEqual([
      ['urlencoded-form.key', BODY_AT + 15, 4],
      ['urlencoded-form.value', BODY_AT + 20, 18],
    ]);
    checkTruncations(1, POST);
  });

  it('stops at a NUL byte or a % without two hex digits, as tshark does', () => {
    const nul = dissect(1, withBody('a=1&b\u0000=2&c=3'));
    expect(fieldsOf(nul, FIELDS.slice(0, 2))).toEqual({ 'urlencoded-form.key': 'a', 'urlencoded-form.value': '1' });
    expect(formLines(nul)).toEqual(['HTML Form URL Encoded: application/x-www-form-urlencoded', '    Form item: "a" = "1"', '        Key: a', '        Value: 1', '    Form item']);
    const bad = dissect(1, withBody('a=%zz&b=2'));
    expect(fieldsOf(bad, FIELDS.slice(0, 2))).toEqual({ 'urlencoded-form.key': 'a', 'urlencoded-form.value': '' });
    expect(formLines(bad)).toEqual(['HTML Form URL Encoded: application/x-www-form-urlencoded', '    Form item: "a"', '        Key: a']);
    const hexes = dissect(1, withBody('x=%41%4a+%7e&y'));
    expect(fieldsOf(hexes, FIELDS.slice(0, 2))).toEqual({ 'urlencoded-form.key': 'x,y', 'urlencoded-form.value': 'AJ ~,' });
  });

  it('is malformed when a % escape is cut off by the end of the body, and only the form is', () => {
    const d = withBody('a=1&b=%4');
    // The dispatcher's catch on, as in the app: the form's exception becomes [Malformed Packet].
    const p = new CaptureDissector().dissect({ num: 1, tsSec: 0, tsNsec: 0, hasTs: true, linkType: 1, interfaceId: 0, origLen: d.length }, d, true);
    expect(fieldsOf(p, FIELDS.slice(0, 2))).toEqual({ 'urlencoded-form.key': 'a,b', 'urlencoded-form.value': '1' });
    expect(p.malformed).toBe(true);
    expect(treeLines(p.tree).filter((l) => l.startsWith('[Malformed'))).toEqual(['[Malformed Packet: URL Encoded Form Data]']);
    expect(p.info).toBe('POST /form HTTP/1.1  (application/x-www-form-urlencoded)[Malformed Packet]');
    checkTruncations(1, d);
  });

  it('leaves other media types alone', () => {
    const p = dissect(1, hex(Buffer.from(withBody('a=1')).toString('hex').replace(Buffer.from('x-www-form-urlencoded').toString('hex'), Buffer.from('x-www-form-urlencodex').toString('hex'))));
    expect(fieldsOf(p, ['urlencoded-form.key', 'frame.protocols'])).toEqual({ 'urlencoded-form.key': '', 'frame.protocols': 'eth:ethertype:ip:tcp:http:media' });
  });
});
