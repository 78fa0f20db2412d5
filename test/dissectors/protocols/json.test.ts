/**
 * JSON bodies: the tree, fields and columns of Wireshark 4.0's JSON dissector, on a frame written
 * out below and on a set of bodies compared with tshark on the spot.
 */
import { describe, expect, it } from 'vitest';
import { treeLines } from '../../../dissectors/output/text.js';
import { checkTruncations, dissect, fieldsOf, hexDump } from '../../helpers/corpus-link.js';
import { httpPostFrame } from '../../helpers/tcp-frames.js';
import { compareBodies } from '../../helpers/http-bodies.js';

// An HTTP POST whose body is {"id":7,"tags":["a",true],"o":{"n":null}} (httpPostFrame).
// 0000  00 11 22 33 44 55 00 66 77 88 99 aa 08 00 45 00   .."3DU.fw.....E.
// 0010  00 a2 00 01 40 00 40 06 26 53 0a 00 00 01 0a 00   ....@.@.&S......
// 0020  00 02 9c 40 00 50 00 00 00 01 00 00 00 01 50 18   ...@.P........P.
// 0030  fa f0 00 00 00 00 50 4f 53 54 20 2f 6a 20 48 54   ......POST /j HT
// 0040  54 50 2f 31 2e 31 0d 0a 48 6f 73 74 3a 20 68 0d   TP/1.1..Host: h.
// 0050  0a 43 6f 6e 74 65 6e 74 2d 54 79 70 65 3a 20 61   .Content-Type: a
// 0060  70 70 6c 69 63 61 74 69 6f 6e 2f 6a 73 6f 6e 0d   pplication/json.
// 0070  0a 43 6f 6e 74 65 6e 74 2d 4c 65 6e 67 74 68 3a   .Content-Length:
// 0080  20 34 31 0d 0a 0d 0a 7b 22 69 64 22 3a 37 2c 22    41....{"id":7,"
// 0090  74 61 67 73 22 3a 5b 22 61 22 2c 74 72 75 65 5d   tags":["a",true]
// 00a0  2c 22 6f 22 3a 7b 22 6e 22 3a 6e 75 6c 6c 7d 7d   ,"o":{"n":null}}
const POST = hexDump(`
0000  00 11 22 33 44 55 00 66 77 88 99 aa 08 00 45 00   .."3DU.fw.....E.
0010  00 a2 00 01 40 00 40 06 26 53 0a 00 00 01 0a 00   ....@.@.&S......
0020  00 02 9c 40 00 50 00 00 00 01 00 00 00 01 50 18   ...@.P........P.
0030  fa f0 00 00 00 00 50 4f 53 54 20 2f 6a 20 48 54   ......POST /j HT
0040  54 50 2f 31 2e 31 0d 0a 48 6f 73 74 3a 20 68 0d   TP/1.1..Host: h.
0050  0a 43 6f 6e 74 65 6e 74 2d 54 79 70 65 3a 20 61   .Content-Type: a
0060  70 70 6c 69 63 61 74 69 6f 6e 2f 6a 73 6f 6e 0d   pplication/json.
0070  0a 43 6f 6e 74 65 6e 74 2d 4c 65 6e 67 74 68 3a   .Content-Length:
0080  20 34 31 0d 0a 0d 0a 7b 22 69 64 22 3a 37 2c 22    41....{"id":7,"
0090  74 61 67 73 22 3a 5b 22 61 22 2c 74 72 75 65 5d   tags":["a",true]
00a0  2c 22 6f 22 3a 7b 22 6e 22 3a 6e 75 6c 6c 7d 7d   ,"o":{"n":null}}
`);
const BODY_AT = 0x87;

/** The lines from the JSON node to the end of the tree (JSON, then any Line-based text data). */
function jsonLines(lines: readonly string[]): string[] {
  const i = lines.findIndex((l) => l.startsWith('JavaScript Object Notation'));
  return i < 0 ? [] : lines.slice(i);
}

const FIELDS = ['json.object', 'json.array', 'json.member', 'json.key', 'json.path', 'json.path_with_value', 'json.member_with_value',
  'json.value.string', 'json.value.number', 'json.value.true', 'json.value.false', 'json.value.null', 'json.value.nan', 'frame.protocols'];

/**
 * Bodies for the comparison with tshark: numbers, literals, escapes, nesting, empty containers,
 * several values, whitespace, what does not parse (then text), and the media types JSON takes.
 */
const BODIES: [string, string][] = [
  ['application/json', '{"a":1,"b":[true,false,null],"c":{"d":"x\\"y\\u00e9\\n"},"e":-1.5e3}'],
  ['application/json', '[]'], ['application/json', '{}'], ['application/json', '{"a":}'], ['application/json', '{"a":1} xyz'],
  ['application/json', '"abc"'], ['application/json', '42'], ['application/json', ' { "k" : [ 1 , [ 2 ] ] } '],
  ['application/json', '[{"x":1},{"y":[]}]'], ['application/json', '[01]'], ['application/json', '[1.]'], ['application/json', '[-0.5e-7]'],
  ['application/json', '[NaN]'], ['application/json', '[truex]'], ['application/json', '["a\\x"]'], ['application/json', '["\\u0041\\ud83d\\ude00\\u0000z"]'],
  ['application/json', '["tab\there"]'], ['application/json', '["\\ud83d\\ude00x"]'], ['application/json', '["x\\ud83d\\ude00"]'],
  ['application/json', '["\\ud83dx"]'], ['application/json', '["\\ude00x"]'], ['application/json', '["\\ud83d\\u0041"]'], ['application/json', '["a\\u00e9"]'],
  ['application/json', '["\\u0001\\u200bx\\u20acy"]'], ['application/json', '{"k\\"q":1}'], ['application/json', '{"a":1,}'], ['application/json', '{"a":1}{"b":2}\r\n'],
  ['application/json; charset=utf-8', '{"long":"' + 'v'.repeat(300) + '"}'], ['application/problem+json', '{"title":"x"}'],
  ['application/x-ndjson', '{"a":1}\n{"b":2}\n'], ['application/vnd.api+json', '{"a":1}'], ['text/json', '{"a":1}'],
];

describe('JSON', () => {
  it('shows a body as its objects, arrays, members and values, as tshark 4.0 does', () => {
    const p = dissect(1, POST);
    expect([p.protocol, p.info]).toEqual(['HTTP/JSON', 'POST /j HTTP/1.1 , JavaScript Object Notation (application/json)']);
    expect(jsonLines(treeLines(p.tree))).toEqual([
      'JavaScript Object Notation: application/json',
      '    Object',
      '        Member: id',
      '            [Path with value: /id:7]',
      '            [Member with value: id:7]',
      '            Number value: 7',
      '            Key: id',
      '            [Path: /id]',
      '        Member: tags',
      '            Array',
      '                [Path with value: /tags/[]:a]',
      '                [Member with value: []:a]',
      '                String value: a',
      '                [Path with value: /tags/[]:true]',
      '                [Member with value: []:true]',
      '                True value',
      '            Key: tags',
      '            [Path: /tags]',
      '        Member: o',
      '            Object',
      '                Member: n',
      '                    [Path with value: /o/n:null]',
      '                    [Member with value: n:null]',
      '                    Null value',
      '                    Key: n',
      '                    [Path: /o/n]',
      '            Key: o',
      '            [Path: /o]',
    ]);
    expect(fieldsOf(p, ['json.key', 'json.path', 'json.member', 'frame.protocols'])).toEqual({
      'json.key': 'id,tags,n,o', 'json.path': '/id,/tags,/o/n,/o', 'json.member': 'id,tags,o,n', 'frame.protocols': 'eth:ethertype:ip:tcp:http:json',
    });
    // The bytes of a member and of its key, for the hex pane.
    const obj = p.tree.children!.find((n) => n.field?.abbrev === 'json')!.children![0]!;
    expect([obj.offset, obj.length]).toEqual([BODY_AT, 41]);
    const tags = obj.children![1]!;
    expect([tags.offset, tags.length]).toEqual([BODY_AT + 8, 17]);
    expect(tags.children!.find((n) => n.field?.abbrev === 'json.key')).toMatchObject({ offset: BODY_AT + 8, length: 6 });
    checkTruncations(1, POST);
  });

  it('shows what does not parse as text, and nests no deeper than it can', () => {
    const bad = dissect(1, httpPostFrame('application/json', '{"a":1} tail'));
    expect(jsonLines(treeLines(bad.tree)).slice(-2)).toEqual(['Line-based text data: application/json (1 lines)', '    tail']);
    expect(bad.info).toBe('POST /j HTTP/1.1 , JavaScript Object Notation (application/json)');
    const deep = httpPostFrame('application/json', '['.repeat(5000) + ']'.repeat(5000));
    const p = dissect(1, deep);
    expect(fieldsOf(p, ['frame.protocols'])['frame.protocols']).toBe('eth:ethertype:ip:tcp:http:json:data-text-lines');
  });

  it('agrees with tshark on the spot: tree, fields and columns of every body', () => {
    expect(compareBodies(BODIES, /^(JavaScript Object Notation|Line-based text data)/, FIELDS)).toEqual([]);
  });

});
