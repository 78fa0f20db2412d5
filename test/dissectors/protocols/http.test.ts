/**
 * HTTP/1.x. Expected values are tshark 4.0.17's on the same bytes (its -V, -T fields and Info),
 * except the deliberate differences listed in dissectors/protocols/http.ts, each tested below.
 *
 * Most tests feed TCP payloads through FakeTcp (test/dissectors/protocols/http/fake-tcp.ts), which
 * plays TCP's side of the desegmentation contract, so that every split and every TCP answer can be
 * driven; a few go through the whole chain (Ethernet, IPv4, TCP). The corpus captures are checked
 * against tshark in http-corpus.test.ts.
 */
import { fileURLToPath } from 'node:url';
import { deflateSync, gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { heuristicTable } from '../../../dissectors/core/dispatch.js';
import { BoundsError, MalformedError } from '../../../dissectors/core/errors.js';
import { CaptureContext, DESEGMENT_ONE_MORE_SEGMENT, DESEGMENT_UNTIL_FIN, PacketInfo } from '../../../dissectors/core/pinfo.js';
import { ProtoNode } from '../../../dissectors/core/tree.js';
import { Tvb } from '../../../dissectors/core/tvb.js';
import { extractFields, findNodes } from '../../../dissectors/output/fields.js';
import { treeLines } from '../../../dissectors/output/text.js';
import { http } from '../../../dissectors/protocols/http.js';
import { readCaptureFile } from '../../../electron/engine/read-capture.js';
import { checkTruncations, dissect, fieldsOf, hexDump } from '../../helpers/corpus-link.js';
import { FakeTcp, type SegmentResult } from './http/fake-tcp.js';
import { concat as cat } from '../../helpers/hex.js';
import { compareFrames } from '../../helpers/http-bodies.js';

const enc = (s: string) => new TextEncoder().encode(s);

/** Field values joined with ',' (tshark -E occurrence=a -E aggregator=,). */
function fields(tree: ProtoNode, names: readonly string[]): Record<string, string> {
  const v = extractFields(tree, names);
  return Object.fromEntries(names.map((n, i) => [n, v[i]!.join(',')]));
}

/** The -V lines of the HTTP subtree(s) and what HTTP called (from the first HTTP line on). */
function vText(tree: ProtoNode): string[] {
  const lines = treeLines(tree);
  const i = lines.findIndex((l) => l.startsWith('Hypertext Transfer Protocol'));
  return i < 0 ? [] : lines.slice(i);
}

const PAIRING = ['http.request_number', 'http.response_number', 'http.request_in', 'http.response_in', 'http.prev_request_in',
  'http.prev_response_in', 'http.next_request_in', 'http.next_response_in', 'http.response_for.uri'];

// handshake-http.pcapng (fixtures/own) frame 14: curl's GET from 10.99.0.1:40080 to 10.99.0.2:80.
// 0000  02 00 00 99 00 02 02 00 00 99 00 01 08 00 45 00   ..............E.
// 0010  00 91 a5 c0 40 00 40 06 7f de 0a 63 00 01 0a 63   ....@.@....c...c
// 0020  00 02 9c 90 00 50 f8 87 76 50 f2 bb a2 f0 80 18   .....P..vP......
// 0030  00 40 c0 b0 00 00 01 01 08 0a c9 9d 5c b7 39 70   .@..........\.9p
// 0040  79 bf 47 45 54 20 2f 69 6e 64 65 78 2e 68 74 6d   y.GET /index.htm
// 0050  6c 20 48 54 54 50 2f 31 2e 31 0d 0a 48 6f 73 74   l HTTP/1.1..Host
// 0060  3a 20 77 77 77 2e 70 61 63 6b 65 74 6c 6f 6f 6d   : www.packetloom
// 0070  2e 74 65 73 74 0d 0a 55 73 65 72 2d 41 67 65 6e   .test..User-Agen
// 0080  74 3a 20 63 75 72 6c 2f 37 2e 38 38 2e 31 0d 0a   t: curl/7.88.1..
// 0090  41 63 63 65 70 74 3a 20 2a 2f 2a 0d 0a 0d 0a      Accept: */*....
const GET_FRAME = hexDump(`
0000  02 00 00 99 00 02 02 00 00 99 00 01 08 00 45 00   ..............E.
0010  00 91 a5 c0 40 00 40 06 7f de 0a 63 00 01 0a 63   ....@.@....c...c
0020  00 02 9c 90 00 50 f8 87 76 50 f2 bb a2 f0 80 18   .....P..vP......
0030  00 40 c0 b0 00 00 01 01 08 0a c9 9d 5c b7 39 70   .@..........\\.9p
0040  79 bf 47 45 54 20 2f 69 6e 64 65 78 2e 68 74 6d   y.GET /index.htm
0050  6c 20 48 54 54 50 2f 31 2e 31 0d 0a 48 6f 73 74   l HTTP/1.1..Host
0060  3a 20 77 77 77 2e 70 61 63 6b 65 74 6c 6f 6f 6d   : www.packetloom
0070  2e 74 65 73 74 0d 0a 55 73 65 72 2d 41 67 65 6e   .test..User-Agen
0080  74 3a 20 63 75 72 6c 2f 37 2e 38 38 2e 31 0d 0a   t: curl/7.88.1..
0090  41 63 63 65 70 74 3a 20 2a 2f 2a 0d 0a 0d 0a      Accept: */*....
`);

// Crafted: two responses in one segment from 10.0.0.2:80 (tshark 4.0 shows both).
// 0000  02 00 00 00 00 02 02 00 00 00 00 01 08 00 45 00   ..............E.
// 0010  00 9c 00 01 40 00 40 06 26 59 0a 00 00 02 0a 00   ....@.@.&Y......
// 0020  00 01 00 50 9c 40 00 00 13 89 00 00 04 21 50 18   ...P.@.......!P.
// 0030  ff ff 00 00 00 00 48 54 54 50 2f 31 2e 31 20 32   ......HTTP/1.1 2
// 0040  30 30 20 4f 4b 0d 0a 43 6f 6e 74 65 6e 74 2d 54   00 OK..Content-T
// 0050  79 70 65 3a 20 74 65 78 74 2f 68 74 6d 6c 0d 0a   ype: text/html..
// 0060  43 6f 6e 74 65 6e 74 2d 4c 65 6e 67 74 68 3a 20   Content-Length:
// 0070  35 0d 0a 0d 0a 68 65 6c 6c 6f 48 54 54 50 2f 31   5....helloHTTP/1
// 0080  2e 31 20 34 30 34 20 4e 6f 74 20 46 6f 75 6e 64   .1 404 Not Found
// 0090  0d 0a 43 6f 6e 74 65 6e 74 2d 4c 65 6e 67 74 68   ..Content-Length
// 00a0  3a 20 33 0d 0a 0d 0a 6e 6f 70                     : 3....nop
const TWO_RESPONSES_FRAME = hexDump(`
0000  02 00 00 00 00 02 02 00 00 00 00 01 08 00 45 00   ..............E.
0010  00 9c 00 01 40 00 40 06 26 59 0a 00 00 02 0a 00   ....@.@.&Y......
0020  00 01 00 50 9c 40 00 00 13 89 00 00 04 21 50 18   ...P.@.......!P.
0030  ff ff 00 00 00 00 48 54 54 50 2f 31 2e 31 20 32   ......HTTP/1.1 2
0040  30 30 20 4f 4b 0d 0a 43 6f 6e 74 65 6e 74 2d 54   00 OK..Content-T
0050  79 70 65 3a 20 74 65 78 74 2f 68 74 6d 6c 0d 0a   ype: text/html..
0060  43 6f 6e 74 65 6e 74 2d 4c 65 6e 67 74 68 3a 20   Content-Length:
0070  35 0d 0a 0d 0a 68 65 6c 6c 6f 48 54 54 50 2f 31   5....helloHTTP/1
0080  2e 31 20 34 30 34 20 4e 6f 74 20 46 6f 75 6e 64   .1 404 Not Found
0090  0d 0a 43 6f 6e 74 65 6e 74 2d 4c 65 6e 67 74 68   ..Content-Length
00a0  3a 20 33 0d 0a 0d 0a 6e 6f 70                     : 3....nop
`);

describe('HTTP through Ethernet/IPv4/TCP', () => {
  it('decodes a request as tshark does (Info, Protocol, fields)', () => {
    const p = dissect(1, GET_FRAME);
    expect([p.protocol, p.info]).toEqual(['HTTP', 'GET /index.html HTTP/1.1 ']);
    expect(fieldsOf(p, ['http.request', 'http.request.method', 'http.request.uri', 'http.request.version', 'http.host', 'http.user_agent',
      'http.accept', 'http.request.line', 'http.request.full_uri', 'http.request_number', 'http.response', 'frame.protocols'])).toEqual({
      'http.request': '1', 'http.request.method': 'GET', 'http.request.uri': '/index.html', 'http.request.version': 'HTTP/1.1',
      'http.host': 'www.packetloom.test', 'http.user_agent': 'curl/7.88.1', 'http.accept': '*/*',
      'http.request.line': 'Host: www.packetloom.test\r\n,User-Agent: curl/7.88.1\r\n,Accept: */*\r\n',
      'http.request.full_uri': 'http://www.packetloom.test/index.html', 'http.request_number': '1', 'http.response': '',
      'frame.protocols': 'eth:ethertype:ip:tcp:http',
    });
    expect(vText(p.tree)).toEqual([
      'Hypertext Transfer Protocol',
      '    GET /index.html HTTP/1.1\\r\\n',
      '        [Expert Info (Chat/Sequence): GET /index.html HTTP/1.1\\r\\n]',
      '            [GET /index.html HTTP/1.1\\r\\n]',
      '            [Severity level: Chat]',
      '            [Group: Sequence]',
      '        Request Method: GET',
      '        Request URI: /index.html',
      '        Request Version: HTTP/1.1',
      '    Host: www.packetloom.test\\r\\n',
      '    User-Agent: curl/7.88.1\\r\\n',
      '    Accept: */*\\r\\n',
      '    \\r\\n',
      '    [Full request URI: http://www.packetloom.test/index.html]',
      '    [HTTP request 1/1]',
    ]);
    expect(p.expertCounts[1]).toBe(1); // the chat item
  });

  it('survives every truncation of the request frame', () => {
    checkTruncations(1, GET_FRAME);
  });

  it('shows two responses of one segment, with the Info of both (fence)', () => {
    const p = dissect(1, TWO_RESPONSES_FRAME);
    expect([p.protocol, p.info]).toEqual(['HTTP', 'HTTP/1.1 200 OK  (text/html)HTTP/1.1 404 Not Found ']);
    expect(fieldsOf(p, ['http.response.code', 'http.response.phrase', 'http.response.code.desc', 'http.content_length_header', 'http.content_length',
      'http.content_type', 'http.file_data', 'http.response_number', 'http.response.line', 'frame.protocols'])).toEqual({
      'http.response.code': '200,404', 'http.response.phrase': 'OK,Not Found', 'http.response.code.desc': 'OK,Not Found',
      'http.content_length_header': '5,3', 'http.content_length': '5,3', 'http.content_type': 'text/html', 'http.file_data': 'hello,nop',
      'http.response_number': '1,2', 'http.response.line': 'Content-Type: text/html\r\n,Content-Length: 5\r\n,Content-Length: 3\r\n',
      'frame.protocols': 'eth:ethertype:ip:tcp:http:data-text-lines:data',
    });
    checkTruncations(1, TWO_RESPONSES_FRAME);
  });
});

/** The TCP payloads of handshake-http.pcapng, by frame number. */
function ownCapture(): Map<number, { payload: Uint8Array; sec: number; nsec: number; fromClient: boolean; fin: boolean }> {
  const out = new Map<number, { payload: Uint8Array; sec: number; nsec: number; fromClient: boolean; fin: boolean }>();
  readCaptureFile(fileURLToPath(new URL('../../../fixtures/own/handshake-http.pcapng', import.meta.url)), (rec) => {
    const d = rec.data;
    if (d[12] !== 0x08 || d[13] !== 0x00 || d[23] !== 6) return;
    const ihl = (d[14]! & 15) * 4;
    const tcp = 14 + ihl;
    const doff = (d[tcp + 12]! >> 4) * 4;
    const sport = (d[tcp]! << 8) | d[tcp + 1]!;
    out.set(rec.num, { payload: d.slice(tcp + doff), sec: rec.tsSec, nsec: rec.tsNsec, fromClient: sport !== 80, fin: (d[tcp + 13]! & 1) === 1 });
  });
  return out;
}

describe('HTTP over TCP desegmentation', () => {
  it('reassembles the response over six segments of handshake-http.pcapng as tshark does', () => {
    const t = new FakeTcp({ clientPort: 40080 });
    const results = new Map<number, SegmentResult>();
    for (const [num, f] of ownCapture()) {
      if (f.payload.length === 0) continue;
      results.set(num, t.segment(f.fromClient ? 'c' : 's', f.payload, { num, sec: f.sec, nsec: f.nsec }));
    }
    expect([results.get(14)!.protocol, results.get(14)!.info]).toEqual(['HTTP', 'GET /index.html HTTP/1.1 ']);
    const first = results.get(16)!;
    expect([first.protocol, first.info, first.called, first.held]).toEqual(['TCP', 'HTTP/1.1 200 OK  [TCP segment of a reassembled PDU]', true, 187]);
    expect(first.tree.children ?? []).toEqual([]);
    for (const n of [18, 20, 22, 24]) expect([results.get(n)!.protocol, results.get(n)!.called]).toEqual(['TCP', false]);
    const last = results.get(26)!;
    expect([last.protocol, last.info]).toEqual(['HTTP', 'HTTP/1.1 200 OK  (text/html)']);
    expect(last.sources.map((s) => [s.name, s.data.length])).toEqual([['Reassembled TCP (2410 bytes)', 2410]]);
    expect(fields(last.tree, ['http.response.code', 'http.server', 'http.date', 'http.content_type', 'http.content_length', 'http.last_modified',
      'http.time', 'http.request_in', 'http.response_number', 'http.response_for.uri'])).toEqual({
      'http.response.code': '200', 'http.server': 'SimpleHTTP/0.6 Python/3.11.2', 'http.date': 'Sat, 21 Nov 2026 23:04:13 GMT',
      'http.content_type': 'text/html', 'http.content_length': '2223', 'http.last_modified': 'Thu, 01 Jan 2026 00:00:00 GMT',
      'http.time': '0.011141304', 'http.request_in': '14', 'http.response_number': '1',
      'http.response_for.uri': 'http://www.packetloom.test/index.html',
    });
    const lines = vText(last.tree);
    expect(lines.slice(0, 25)).toEqual([
      'Hypertext Transfer Protocol',
      '    HTTP/1.1 200 OK\\r\\n',
      '        [Expert Info (Chat/Sequence): HTTP/1.1 200 OK\\r\\n]',
      '            [HTTP/1.1 200 OK\\r\\n]',
      '            [Severity level: Chat]',
      '            [Group: Sequence]',
      '        Response Version: HTTP/1.1',
      '        Status Code: 200',
      '        [Status Code Description: OK]',
      '        Response Phrase: OK',
      '    Server: SimpleHTTP/0.6 Python/3.11.2\\r\\n',
      '    Date: Sat, 21 Nov 2026 23:04:13 GMT\\r\\n',
      '    Content-type: text/html\\r\\n',
      '    Content-Length: 2223\\r\\n',
      '        [Content length: 2223]',
      '    Last-Modified: Thu, 01 Jan 2026 00:00:00 GMT\\r\\n',
      '    \\r\\n',
      '    [HTTP response 1/1]',
      '    [Time since request: 0.011141304 seconds]',
      '    [Request in frame: 14]',
      '    [Request URI: http://www.packetloom.test/index.html]',
      '    File Data: 2223 bytes',
      'Line-based text data: text/html (45 lines)',
      '    <!DOCTYPE html>\\n',
      '    <html><head><title>Packetloom fixture</title></head><body>\\n',
    ]);
  });

  it('reads the Content-Length for reassembly as Wireshark does: spaces and a sign around digits, up to 2^31-1, up to a NUL', () => {
    // [value, bytes asked for after the 3 body bytes present] — anything that is not a length
    // leaves a response to the end of the connection.
    const cases: [string, number][] = [
      ['10', 7], [' \t+10 \t', 7], ['-0', DESEGMENT_ONE_MORE_SEGMENT], ['0010', 7], ['10\u000020', 7],
      ['-10', DESEGMENT_UNTIL_FIN], ['10x', DESEGMENT_UNTIL_FIN], ['+', DESEGMENT_UNTIL_FIN], ['', DESEGMENT_UNTIL_FIN],
      ['2147483648', DESEGMENT_UNTIL_FIN], ['1 0', DESEGMENT_UNTIL_FIN], ['\u00a010', DESEGMENT_UNTIL_FIN],
    ];
    for (const [v, want] of cases) {
      const t = new FakeTcp();
      t.segment('c', 'GET / HTTP/1.1\r\n\r\n');
      t.segment('s', `HTTP/1.1 200 OK\r\nContent-Length:${v}\r\n\r\nabc`);
      expect(t.pinfo.desegmentLen, JSON.stringify(v)).toBe(want);
    }
  });

  it('asks for exactly the missing Content-Length bytes, one more segment for headers, until FIN for a close-delimited body', () => {
    const t = new FakeTcp();
    t.segment('c', 'GET / HTTP/1.1\r\n\r\n');
    const r = t.segment('s', 'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc');
    expect([t.pinfo.desegmentOffset, t.pinfo.desegmentLen, r.held]).toEqual([0, 7, 42]);
    const h = new FakeTcp();
    h.segment('s', 'HTTP/1.1 200 OK\r\nContent-Len');
    expect([h.pinfo.desegmentOffset, h.pinfo.desegmentLen]).toEqual([0, DESEGMENT_ONE_MORE_SEGMENT]);
    const f = new FakeTcp();
    f.segment('c', 'GET / HTTP/1.0\r\n\r\n');
    const a = f.segment('s', 'HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nabc');
    expect([f.pinfo.desegmentLen, a.protocol, a.info]).toEqual([DESEGMENT_UNTIL_FIN, 'TCP', 'HTTP/1.0 200 OK  [TCP segment of a reassembled PDU]']);
    expect(f.segment('s', 'def\n').called).toBe(false);
    const end = f.segment('s', '', { fin: true });
    expect([end.protocol, end.info]).toEqual(['HTTP', 'HTTP/1.0 200 OK  (text/plain)']);
    expect(fields(end.tree, ['http.file_data', 'http.response_number', 'http.request_in'])).toEqual({ 'http.file_data': 'abcdef\n', 'http.response_number': '1', 'http.request_in': '1' });
    // With FIN on the segment itself, nothing more can come: dissect at once.
    const g = new FakeTcp();
    const once = g.segment('s', 'HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nbye\n', { fin: true });
    expect([once.protocol, once.info, once.held]).toEqual(['HTTP', 'HTTP/1.0 200 OK  (text/plain)', 0]);
  });

  it('gives the same fields however a request and its response are split into segments', () => {
    const req = 'POST /submit?a=1&b=two HTTP/1.1\r\nHost: example.org\r\nContent-Type: text/plain\r\nContent-Length: 11\r\n\r\nhello world';
    const resp = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/html\r\n\r\n5\r\n<p>hi\r\n4;x=y\r\n</p>\r\n0\r\nX-T: 1\r\n\r\n';
    const names = ['http.request.method', 'http.request.uri', 'http.request.uri.query.parameter', 'http.host', 'http.content_length', 'http.file_data',
      'http.response.code', 'http.chunk_size', 'http.chunked_trailer_part', 'http.response_number', 'http.response_for.uri'];
    const whole = (segs: string[][]) => {
      const t = new FakeTcp();
      let out: Record<string, string> = {};
      let info = '';
      for (const [d, s] of segs) {
        const r = t.segment(d as 'c' | 's', s!);
        if (r.protocol === 'HTTP') {
          const f = fields(r.tree, names);
          out = Object.fromEntries(Object.entries(f).map(([k, v]) => [k, v || out[k] || '']));
          info += `${r.info}|`;
        }
      }
      return { out, info };
    };
    const ref = whole([['c', req], ['s', resp]]);
    expect(ref.out).toEqual({
      'http.request.method': 'POST', 'http.request.uri': '/submit?a=1&b=two', 'http.request.uri.query.parameter': 'a=1,b=two', 'http.host': 'example.org',
      'http.content_length': '11', 'http.file_data': '<p>hi</p>', 'http.response.code': '200', 'http.chunk_size': '5,4,0',
      'http.chunked_trailer_part': 'X-T: 1\r\n', 'http.response_number': '1', 'http.response_for.uri': 'http://example.org/submit?a=1&b=two',
    });
    expect(ref.info).toBe('POST /submit?a=1&b=two HTTP/1.1  (text/plain)|HTTP/1.1 200 OK  (text/html)|');
    for (let i = 1; i < req.length; i++) {
      expect(whole([['c', req.slice(0, i)], ['c', req.slice(i)], ['s', resp]]), `request cut at ${i}`).toEqual(ref);
    }
    for (let i = 1; i < resp.length; i++) {
      expect(whole([['c', req], ['s', resp.slice(0, i)], ['s', resp.slice(i)]]), `response cut at ${i}`).toEqual(ref);
      const j = Math.min(resp.length - 1, i + 7);
      if (j > i) expect(whole([['c', req], ['s', resp.slice(0, i)], ['s', resp.slice(i, j)], ['s', resp.slice(j)]]), `response cut at ${i}, ${j}`).toEqual(ref);
    }
  });

  it('completes a chunked body whose last bytes are split anywhere (tshark 4.0: Malformed on 0\\r\\n\\r + \\n)', () => {
    const head = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\n5\r\nhello\r\n6\r\n world\r\n';
    const tail = '0\r\n\r\n';
    for (let i = 0; i <= tail.length; i++) {
      const t = new FakeTcp();
      t.segment('c', 'GET /a HTTP/1.1\r\nHost: x\r\n\r\n');
      const a = t.segment('s', head + tail.slice(0, i));
      const b = t.segment('s', tail.slice(i));
      const done = i === tail.length ? a : b;
      expect([done.protocol, done.info], `cut at ${i}`).toEqual(['HTTP', 'HTTP/1.1 200 OK  (text/plain)']);
      expect(fields(done.tree, ['http.file_data', 'http.chunk_size', 'http.response_number']), `cut at ${i}`).toEqual({
        'http.file_data': 'hello world', 'http.chunk_size': '5,6,0', 'http.response_number': '1',
      });
      expect(done.experts[4], `cut at ${i}`).toBe(0);
      if (i < tail.length) expect([a.protocol, a.info]).toEqual(['TCP', 'HTTP/1.1 200 OK  [TCP segment of a reassembled PDU]']);
      // The next response on the connection is intact.
      const next = t.segment('s', 'HTTP/1.1 204 No Content\r\n\r\n');
      expect(next.info).toBe('HTTP/1.1 204 No Content ');
    }
  });

  it('waits for a chunked trailer section up to its empty line (tshark 4.0 stops after one line)', () => {
    const t = new FakeTcp();
    const a = t.segment('s', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nX-A: 1\r\n');
    expect([a.protocol, a.held]).toEqual(['TCP', a.held]);
    const b = t.segment('s', 'X-B: 2\r\n\r\n');
    expect(fields(b.tree, ['http.chunked_trailer_part', 'http.file_data'])).toEqual({ 'http.chunked_trailer_part': 'X-A: 1\r\nX-B: 2\r\n', 'http.file_data': 'abc' });
  });

  it('reads a chunked trailer as a C string: a NUL ends it, with "Trailing stray characters" after (tshark 4.0, from mutation fuzzing)', () => {
    const t = new FakeTcp();
    t.segment('c', 'GET /c HTTP/1.1\r\n\r\n');
    const r = t.segment('s', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nX-A: 1\0junk\r\n\r\n');
    const lines = vText(r.tree);
    const at = lines.findIndex((l) => l.startsWith('        trailer-part'));
    expect(lines.slice(at, at + 5)).toEqual([
      '        trailer-part: X-A: 1',
      '            [Expert Info (Warning/Undecoded): Trailing stray characters]',
      '                [Trailing stray characters]',
      '                [Severity level: Warning]',
      '                [Group: Undecoded]',
    ]);
  });

  it('shows the chunks, trailer and de-chunked body as tshark -V does', () => {
    const t = new FakeTcp();
    t.segment('c', 'GET /c HTTP/1.1\r\n\r\n');
    const r = t.segment('s', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: Text/Plain; charset=utf-8\r\n\r\n5;ext=1\r\nhello\r\n0\r\nX-Trailer: a\r\nY: b\r\n\r\n');
    const lines = vText(r.tree);
    expect(lines.slice(lines.indexOf('    [HTTP response 1/1]'))).toEqual([
      '    [HTTP response 1/1]',
      '    [Time since request: 0.001000000 seconds]',
      '    [Request in frame: 1]',
      '    [Request URI: /c]',
      '    HTTP chunked response',
      '        Data chunk (5 octets)',
      '            Chunk size: 5 octets',
      '            Chunk data: 68656c6c6f',
      '            Chunk boundary: 0d0a',
      '        End of chunked encoding',
      '            Chunk size: 0 octets',
      '        trailer-part: X-Trailer: a\\r\\nY: b\\r\\n',
      '        \\r\\n',
      '    File Data: 5 bytes',
      'Line-based text data: text/plain (1 lines)',
      '    hello',
    ]);
    expect(r.sources.map((s) => s.name)).toEqual(['De-chunked entity body']);
    expect(fields(r.tree, ['http.chunk_data', 'http.chunk_boundary', 'http.transfer_encoding', 'http.content_type'])).toEqual({
      'http.chunk_data': '68656c6c6f', 'http.chunk_boundary': '0d0a', 'http.transfer_encoding': 'chunked', 'http.content_type': 'Text/Plain; charset=utf-8',
    });
  });
});

describe('HTTP request/response pairing', () => {
  it('numbers exchanges and links neighbours in one pass, as tshark (no response_in on requests)', () => {
    const t = new FakeTcp();
    const get = (u: string) => `GET ${u} HTTP/1.1\r\nHost: h\r\n\r\n`;
    const ok = 'HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n';
    const r1 = t.segment('c', get('/1'));
    const s1 = t.segment('s', ok);
    const r2 = t.segment('c', get('/2'));
    const s2 = t.segment('s', ok);
    expect(fields(r1.tree, PAIRING)).toMatchObject({ 'http.request_number': '1', 'http.response_in': '', 'http.prev_request_in': '' });
    expect(fields(s1.tree, PAIRING)).toMatchObject({ 'http.response_number': '1', 'http.request_in': '1', 'http.response_for.uri': 'http://h/1' });
    expect(fields(r2.tree, PAIRING)).toMatchObject({ 'http.request_number': '2', 'http.prev_request_in': '1', 'http.response_in': '' });
    expect(fields(s2.tree, PAIRING)).toMatchObject({ 'http.response_number': '2', 'http.request_in': '3', 'http.prev_request_in': '1', 'http.prev_response_in': '2', 'http.response_for.uri': 'http://h/2' });
    expect(fields(s2.tree, ['http.time'])).toEqual({ 'http.time': '0.001000000' });
  });

  it('pairs pipelined responses with the oldest unanswered request (tshark 4.0: with the latest)', () => {
    const t = new FakeTcp();
    const req = t.segment('c', 'GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(req.info).toBe('GET /a HTTP/1.1 GET /b HTTP/1.1 ');
    expect(fields(req.tree, ['http.request_number', 'http.prev_request_in', 'http.request.full_uri'])).toEqual({
      'http.request_number': '1,2', 'http.prev_request_in': '1', 'http.request.full_uri': 'http://x/a,http://x/b',
    });
    const resp = t.segment('s', 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5\r\n\r\nhelloHTTP/1.1 404 Not Found\r\nContent-Length: 3\r\n\r\nnop');
    expect(resp.info).toBe('HTTP/1.1 200 OK  (text/html)HTTP/1.1 404 Not Found ');
    expect(fields(resp.tree, PAIRING)).toEqual({
      'http.request_number': '', 'http.response_number': '1,2', 'http.request_in': '1,1', 'http.response_in': '', 'http.prev_request_in': '1',
      'http.prev_response_in': '2', 'http.next_request_in': '1', 'http.next_response_in': '', 'http.response_for.uri': 'http://x/a,http://x/b',
    });
  });

  it('treats 100 Continue as tshark does: it answers the request, the final response stands alone', () => {
    // ndpi-ipp.pcap stream 0: POST (7), 100 Continue (9), 200 OK (15).
    const t = new FakeTcp({ serverPort: 631 });
    t.segment('c', 'POST /ipp/ HTTP/1.1\r\nHost: 10.10.10.251\r\nContent-Length: 0\r\n\r\n');
    const r = t.segment('s', 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
    expect(r.info).toBe('HTTP/1.1 100 Continue HTTP/1.1 200 OK ');
    expect(fields(r.tree, PAIRING)).toEqual({
      'http.request_number': '', 'http.response_number': '1,2', 'http.request_in': '1', 'http.response_in': '', 'http.prev_request_in': '1',
      'http.prev_response_in': '2', 'http.next_request_in': '', 'http.next_response_in': '', 'http.response_for.uri': 'http://10.10.10.251/ipp/,http://10.10.10.251/ipp/',
    });
  });

  it('shows what Wireshark\'s second pass shows when a packet is dissected again: the links later messages completed', () => {
    const ctx = new CaptureContext();
    const t = new FakeTcp({ ctx });
    const a = t.segment('c', 'GET /1 HTTP/1.1\r\nHost: h\r\n\r\n', { num: 1 });
    const b = t.segment('s', 'HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n', { num: 2 });
    t.segment('c', 'HEAD /2 HTTP/1.1\r\nHost: h\r\n\r\n', { num: 3 });
    const first = [fields(a.tree, PAIRING), fields(b.tree, PAIRING)];
    const again = new FakeTcp({ ctx });
    const a2 = again.segment('c', 'GET /1 HTTP/1.1\r\nHost: h\r\n\r\n', { num: 1, visited: true });
    const b2 = again.segment('s', 'HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n', { num: 2, visited: true });
    // Request 1 learnt its response (2) and the next request (3); response 2, the next request too.
    expect(first[0]).toMatchObject({ 'http.response_in': '', 'http.next_request_in': '' });
    expect([fields(a2.tree, PAIRING), fields(b2.tree, PAIRING)]).toEqual([
      { ...first[0], 'http.response_in': '2', 'http.next_request_in': '3' },
      { ...first[1], 'http.next_request_in': '3' },
    ]);
    // The revisit changed nothing: the next response still answers request 2 (a HEAD: no body).
    const c = t.segment('s', 'HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n', { num: 4 });
    expect(fields(c.tree, ['http.response_number', 'http.request_in', 'http.file_data'])).toEqual({ 'http.response_number': '2', 'http.request_in': '3', 'http.file_data': '' });
  });

  it('keys the stream by ports when TCP passes no TcpPayloadInfo', () => {
    const t = new FakeTcp({ noInfo: true });
    t.segment('c', 'GET /p HTTP/1.1\r\n\r\n');
    const r = t.segment('s', 'HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n');
    expect(fields(r.tree, ['http.request_in', 'http.response_for.uri'])).toEqual({ 'http.request_in': '1', 'http.response_for.uri': '/p' });
  });
});

describe('HTTP bodies', () => {
  it('has no body after HEAD, 1xx, 204, 304, even with Content-Length and bytes after (tshark 4.0 takes them)', () => {
    const t = new FakeTcp();
    t.segment('c', 'HEAD /a HTTP/1.1\r\nHost: x\r\n\r\n');
    const h = t.segment('s', 'HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n');
    expect([h.protocol, h.info, h.held]).toEqual(['HTTP', 'HTTP/1.1 200 OK ', 0]);
    t.segment('c', 'HEAD /b HTTP/1.1\r\nHost: x\r\n\r\nGET /c HTTP/1.1\r\nHost: x\r\n\r\n');
    const two = t.segment('s', 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nHTTP/1.1 304 Not Modified\r\nContent-Length: 3\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n');
    expect(two.info).toBe('HTTP/1.1 200 OK HTTP/1.1 304 Not Modified HTTP/1.1 204 No Content ');
    expect(fields(two.tree, ['http.response.code', 'http.file_data'])).toEqual({ 'http.response.code': '200,304,204', 'http.file_data': '' });
  });

  it('dissects what is there when TCP cannot hold bytes back', () => {
    const t = new FakeTcp({ desegment: false });
    t.segment('c', 'GET / HTTP/1.1\r\n\r\n');
    const r = t.segment('s', 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 2223\r\n\r\n<html>\n<bo');
    expect([r.protocol, r.info, r.held]).toEqual(['HTTP', 'HTTP/1.1 200 OK  (text/html)', 0]);
    expect(fields(r.tree, ['http.content_length', 'http.file_data'])).toEqual({ 'http.content_length': '2223', 'http.file_data': '<html>\n<bo' });
    // The rest of that body, then: not HTTP, but the stream is HTTP: Continuation.
    const c = t.segment('s', 'dy>\n</html>\n');
    expect([c.protocol, c.info]).toEqual(['HTTP', 'Continuation']);
  });

  it('decodes gzip and deflate bodies into "Uncompressed entity body" and reports bodies that do not inflate', () => {
    const html = '<html>\nhi\n</html>\n';
    const gz = gzipSync(enc(html));
    const t = new FakeTcp();
    t.segment('c', 'GET /gz HTTP/1.1\r\n\r\n');
    const r = t.segment('s', cat(`HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Type: text/html\r\nContent-Length: ${gz.length}\r\n\r\n`, gz));
    expect(r.info).toBe('HTTP/1.1 200 OK  (text/html)');
    expect(vText(r.tree).slice(-6)).toEqual([
      `    Content-encoded entity body (gzip): ${gz.length} bytes -> 18 bytes`,
      '    File Data: 18 bytes',
      'Line-based text data: text/html (3 lines)',
      '    <html>\\n',
      '    hi\\n',
      '    </html>\\n',
    ]);
    expect(r.sources.map((s) => [s.name, s.data.length])).toEqual([['Uncompressed entity body', 18]]);
    expect(fields(r.tree, ['http.file_data', 'http.content_encoding'])).toEqual({ 'http.file_data': html, 'http.content_encoding': 'gzip' });

    const raw = deflateSync(enc('a\nb\n'));
    t.segment('c', 'GET /defl HTTP/1.1\r\n\r\n');
    const d = t.segment('s', cat(`HTTP/1.1 200 OK\r\nContent-Encoding: deflate\r\nContent-Type: text/plain\r\nContent-Length: ${raw.length}\r\n\r\n`, raw));
    expect(fields(d.tree, ['http.file_data'])).toEqual({ 'http.file_data': 'a\nb\n' });

    t.segment('c', 'GET /bad HTTP/1.1\r\n\r\n');
    const bad = t.segment('s', 'HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Type: text/plain\r\nContent-Length: 4\r\n\r\nabcd');
    expect(bad.info).toBe('HTTP/1.1 200 OK ');
    expect(vText(bad.tree).slice(-8)).toEqual([
      '    Content-encoded entity body (gzip): 4 bytes',
      '        [Expert Info (Warning/Undecoded): Decompression failed]',
      '            [Decompression failed]',
      '            [Severity level: Warning]',
      '            [Group: Undecoded]',
      '        Data (4 bytes)',
      '            Data: 61626364',
      '            [Length: 4]',
    ]);
    expect(fields(bad.tree, ['http.file_data', 'http.decompression_failed', 'data.data'])).toEqual({ 'http.file_data': '', 'http.decompression_failed': '1', 'data.data': '61626364' });
  });

  it('hands bodies to data-text-lines, data (octet-stream, or no type) or media by Content-Type', () => {
    const t = new FakeTcp();
    const resp = (h: string, b: string) => `HTTP/1.1 200 OK\r\n${h}Content-Length: ${b.length}\r\n\r\n${b}`;
    const cases: [string, string, string, string][] = [
      ['Content-Type: application/x-javascript\r\n', 'a()', 'HTTP/1.1 200 OK  (application/x-javascript)', 'data-text-lines'],
      ['Content-Type: application/octet-stream; foo=bar\r\n', '\x00\x01', 'HTTP/1.1 200 OK ', 'data'],
      ['', 'abcd', 'HTTP/1.1 200 OK ', 'data'],
      ['Content-Type: application/foo; v=1\r\n', 'abcd', 'HTTP/1.1 200 OK  (application/foo)', 'media'],
    ];
    for (const [h, b, info, top] of cases) {
      t.segment('c', 'GET / HTTP/1.1\r\n\r\n');
      const r = t.segment('s', resp(h, b));
      expect(r.info, h).toBe(info);
      expect(t.pinfo.layers[t.pinfo.layerCount - 1], h).toBe(findNodes(r.tree, top)[0]?.field?.id);
    }
    t.segment('c', 'GET / HTTP/1.1\r\n\r\n');
    const m = t.segment('s', resp('Content-Type: application/foo; v=1\r\n', 'abcd'));
    expect(vText(m.tree).slice(-2)).toEqual(['Media Type', '    Media type: application/foo; v=1 (4 bytes)']);
    expect(fields(m.tree, ['media.type', 'http.file_data'])).toEqual({ 'media.type': '61626364', 'http.file_data': 'abcd' });
  });

  it('honours Content-Length in requests and takes none without it', () => {
    const t = new FakeTcp();
    const r = t.segment('c', 'POST /f HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 7\r\n\r\na=1&b=2GET /next HTTP/1.1\r\n\r\n');
    expect(r.info).toBe('POST /f HTTP/1.1  (application/x-www-form-urlencoded)GET /next HTTP/1.1 ');
    expect(fields(r.tree, ['http.file_data', 'http.request.uri'])).toEqual({ 'http.file_data': 'a=1&b=2', 'http.request.uri': '/f,/next' });
  });
});

describe('HTTP headers and expert items', () => {
  it('flags illegal header names, shows unknown headers as request lines, keeps the Wireshark token set', () => {
    const t = new FakeTcp();
    const r = t.segment('c', "GET / HTTP/1.1\r\nX'Y: 1\r\nX\\Z: 2\r\nA B: 3\r\n: empty\r\nHost: h\r\n\r\n");
    expect(vText(r.tree).slice(9, 24)).toEqual([
      "    X'Y: 1\\r\\n",
      '        [Expert Info (Warning/Protocol): Illegal characters found in header name]',
      '            [Illegal characters found in header name]',
      '            [Severity level: Warning]',
      '            [Group: Protocol]',
      '    X\\Z: 2\\r\\n',
      '    A B: 3\\r\\n',
      '        [Expert Info (Warning/Protocol): Illegal characters found in header name]',
      '            [Illegal characters found in header name]',
      '            [Severity level: Warning]',
      '            [Group: Protocol]',
      '    : empty\\r\\n',
      '        [Expert Info (Warning/Protocol): Illegal characters found in header name]',
      '            [Illegal characters found in header name]',
      '            [Severity level: Warning]',
    ]);
    expect(fields(r.tree, ['http.request.line', 'http.host'])).toEqual({
      'http.request.line': "X'Y: 1\r\n,X\\Z: 2\r\n,A B: 3\r\n,: empty\r\n,Host: h\r\n", 'http.host': 'h',
    });
    expect(r.experts[3]).toBe(3);
  });

  it('marks an unknown or invalid header line with bytes after a NUL as tshark does (Trailing stray characters); known headers are not', () => {
    // tshark 4.0 on the same lines: the check of an FT_STRING item (the line with its CRLF), first.
    const t = new FakeTcp();
    const r = t.segment('c', 'GET / HTTP/1.1\r\nX-Foo: a\0\r\nBad Name\0x: y\r\nHost: a\0b\r\nX-Bar: a\0\0\0\0\r\n\r\n');
    const lines = vText(r.tree).filter((l) => !/^ {12}\[(Severity|Group)/.test(l));
    expect(lines.slice(7, 18)).toEqual([
      '    X-Foo: a\\000\\r\\n',
      '        [Expert Info (Warning/Undecoded): Trailing stray characters]',
      '            [Trailing stray characters]',
      '    Bad Name\\000x: y\\r\\n',
      '        [Expert Info (Warning/Undecoded): Trailing stray characters]',
      '            [Trailing stray characters]',
      '        [Expert Info (Warning/Protocol): Illegal characters found in header name]',
      '            [Illegal characters found in header name]',
      '    Host: a\\000b\\r\\n',
      '    X-Bar: a\\000\\000\\000\\000\\r\\n',
      '        [Expert Info (Warning/Undecoded): Trailing stray characters]',
    ]);
    // The summary pass raises the same experts.
    const s = new FakeTcp({ full: false }).segment('c', 'GET / HTTP/1.1\r\nX-Foo: a\0\r\n\r\n');
    expect(s.experts[3]).toBe(1);
  });

  it('shows notifications with http.notification and unknown headers as http.unknown_header', () => {
    const t = new FakeTcp();
    const r = t.segment('c', 'NOTIFY * HTTP/1.1\r\nFoo: bar\r\nHost: h\r\n\r\n');
    expect(r.info).toBe('NOTIFY * HTTP/1.1 ');
    expect(fields(r.tree, ['http.notification', 'http.request', 'http.request.method', 'http.unknown_header', 'http.request.line', 'http.request.full_uri', 'http.request_number'])).toEqual({
      'http.notification': '1', 'http.request': '', 'http.request.method': 'NOTIFY', 'http.unknown_header': 'Foo: bar\\r\\n', 'http.request.line': '',
      'http.request.full_uri': 'http://h*', 'http.request_number': '',
    });
  });

  it('warns about Content-Length with Transfer-Encoding and unknown codings (tshark matches "chunked" case-sensitively)', () => {
    const t = new FakeTcp();
    t.segment('c', 'GET / HTTP/1.1\r\n\r\n');
    const r = t.segment('s', 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n');
    expect(fields(r.tree, ['http.te_and_length', 'http.chunk_size', 'http.file_data'])).toEqual({
      'http.te_and_length': '1', 'http.chunk_size': '3,0', 'http.file_data': 'abc',
    });
    t.segment('c', 'GET / HTTP/1.1\r\n\r\n');
    const c = t.segment('s', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: Chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n');
    expect(fields(c.tree, ['http.te_unknown', 'http.chunk_size', 'http.file_data'])).toEqual({
      'http.te_unknown': '1', 'http.chunk_size': '', 'http.file_data': '3\r\nabc\r\n0\r\n\r\n',
    });
  });

  it('escapes controls in Info and labels (format_text) and reads field values as ASCII', () => {
    const t = new FakeTcp();
    const req = cat('GET /a\x01b\x07\x7f', Uint8Array.from([0xc3, 0xa9, 0xff]), ' HTTP/1.1\r\nHost: x\x01y\x07z\x0b\x7f\\q"', Uint8Array.from([0xc3, 0xa9, 0xff, 0x1b]), '\r\nX-Foo: a\tb\r\nUser-Agent: \r\n\r\n');
    const r = t.segment('c', req);
    expect(r.info).toBe('GET /a\\001b\\a\\177é\ufffd HTTP/1.1 ');
    expect(vText(r.tree).slice(6, 12)).toEqual([
      '        Request Method: GET',
      '        Request URI: /a\\001b\\a\\177\ufffd\ufffd\ufffd',
      '        Request Version: HTTP/1.1',
      '    Host: x\\001y\\az\\v\\177\\q"é\ufffd\\033\\r\\n',
      '    X-Foo: a\\tb\\r\\n',
      '    User-Agent: \\r\\n',
    ]);
    expect(fields(r.tree, ['http.host', 'http.request.uri', 'http.user_agent', 'http.request.full_uri'])).toEqual({
      'http.host': 'x\x01y\x07z\x0b\x7f\\q"\ufffd\ufffd\ufffd\x1b', 'http.request.uri': '/a\x01b\x07\x7f\ufffd\ufffd\ufffd', 'http.user_agent': '',
      'http.request.full_uri': 'http://x\x01y\x07z\x0b\x7f\\q"é\ufffd\x1b/a\x01b\x07\x7f\ufffd\ufffd\ufffd',
    });
  });

  it('reads odd start lines as tshark: no version, a short status, an empty URI', () => {
    const t = new FakeTcp();
    const a = t.segment('c', 'GET /zero\r\n\r\n');
    expect([a.info, fields(a.tree, ['http.request.uri', 'http.request.version'])]).toEqual(['GET /zero ', { 'http.request.uri': '/zero', 'http.request.version': '' }]);
    expect(findNodes(a.tree, 'http.request.version')).toHaveLength(1);
    const b = t.segment('s', 'HTTP/1.1 20 OK\r\nContent-Length: 0\r\n\r\n');
    expect(fields(b.tree, ['http.response.version', 'http.response.code', 'http.response.phrase'])).toEqual({ 'http.response.version': 'HTTP/1.1', 'http.response.code': '', 'http.response.phrase': '' });
    const c = t.segment('s', 'HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n');
    expect(fields(c.tree, ['http.response.code', 'http.response.code.desc', 'http.response.phrase'])).toEqual({ 'http.response.code': '200', 'http.response.code.desc': 'OK', 'http.response.phrase': '' });
    const d = t.segment('s', 'HTTP/1.1 299 Odd\r\nContent-Length: 0\r\n\r\nHTTP/1.1 777 X\r\nContent-Length: 0\r\n\r\n');
    expect(fields(d.tree, ['http.response.code.desc'])).toEqual({ 'http.response.code.desc': 'Success - Others,Unknown (777)' });
    const e = t.segment('c', 'GET  HTTP/1.1\r\n\r\n');
    expect(fields(e.tree, ['http.request.uri', 'http.request.version'])).toEqual({ 'http.request.uri': '', 'http.request.version': 'HTTP/1.1' });
  });

  it('decodes Basic credentials and cookie pairs', () => {
    const t = new FakeTcp();
    const r = t.segment('c', 'GET / HTTP/1.1\r\nAuthorization: Basic dXNlcjpwYXNz\r\nCookie: a=1; b=2 ;c=3\r\n\r\n');
    expect(fields(r.tree, ['http.authorization', 'http.authbasic', 'http.cookie', 'http.cookie_pair'])).toEqual({
      'http.authorization': 'Basic dXNlcjpwYXNz', 'http.authbasic': 'user:pass', 'http.cookie': 'a=1; b=2 ;c=3', 'http.cookie_pair': 'a=1,b=2 ,c=3',
    });
  });

  it('skips a leading CRLF with an error item, calls later non-HTTP bytes Continuation, ignores binary before any request', () => {
    const t = new FakeTcp();
    const lead = t.segment('c', '\r\nGET /a HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(lead.info).toBe('GET /a HTTP/1.1 ');
    expect(vText(lead.tree).slice(0, 6)).toEqual([
      'Hypertext Transfer Protocol',
      '    Leading CRLF previous message in the stream may have extra CRLF',
      '        [Expert Info (Error/Malformed): Leading CRLF previous message in the stream may have extra CRLF]',
      '            [Leading CRLF previous message in the stream may have extra CRLF]',
      '            [Severity level: Error]',
      '            [Group: Malformed]',
    ]);
    const tailCrlf = t.segment('s', 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5\r\n\r\nhello\r\n');
    expect(tailCrlf.info).toBe('HTTP/1.1 200 OK  (text/html)Continuation');
    const bin = t.segment('s', '\x00\x01garbage');
    expect([bin.protocol, bin.info]).toEqual(['HTTP', 'Continuation']);
    expect(fields(bin.tree, ['data.data'])).toEqual({ 'data.data': '000167617262616765' });
    const fresh = new FakeTcp();
    const none = fresh.segment('s', '\x16\x03\x01\x00\x05hello');
    expect([none.protocol, none.info.startsWith('80 '), none.tree.children ?? []]).toEqual(['TCP', true, []]);
  });
});

describe('HTTP protocol switches and the heuristic', () => {
  it('hands the bytes after 101 Switching Protocols to data', () => {
    const t = new FakeTcp();
    t.segment('c', 'GET /chat HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n');
    const r = t.segment('s', cat('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n', Uint8Array.of(0x81, 5), 'hello'));
    expect([r.info, fields(r.tree, ['http.upgrade', 'data.data'])]).toEqual(['HTTP/1.1 101 Switching Protocols ', { 'http.upgrade': 'websocket', 'data.data': '810568656c6c6f' }]);
    const later = t.segment('c', 'GET / HTTP/1.1\r\n\r\n');
    expect([later.protocol, fields(later.tree, ['http.request.method', 'data.len'])]).toEqual(['TCP', { 'http.request.method': '', 'data.len': '18' }]);
  });

  it('shows a CONNECT tunnel\'s bytes with the proxy target', () => {
    const t = new FakeTcp({ serverPort: 3128 });
    t.segment('c', 'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n');
    const ok = t.segment('s', 'HTTP/1.1 200 Connection established\r\n\r\n');
    expect(ok.info).toBe('HTTP/1.1 200 Connection established ');
    const tls = t.segment('c', '\x16\x03\x01\x00\x05hello');
    // The tunnel goes to the target's port: TLS on 443 (tshark shows the same record).
    expect(fields(tls.tree, ['http.proxy_connect_host', 'http.proxy_connect_port', 'tls.record.length', 'data.len'])).toEqual({ 'http.proxy_connect_host': 'example.com', 'http.proxy_connect_port': '443', 'tls.record.length': '5', 'data.len': '' });
  });

  it('claims a stream whose first line starts or ends with HTTP/1.x, then the rest of it', () => {
    const heur = heuristicTable('tcp').list.find((h) => h.spec === http)!.fn;
    const ctx = new CaptureContext();
    const pinfo = new PacketInfo(ctx);
    const run = (num: number, s: string, stream = 7) => {
      const bytes = enc(s);
      const root = new ProtoNode(null, 0, bytes.length, null);
      pinfo.reset({ num, tsSec: 0, tsNsec: 0, hasTs: true, linkType: 1, interfaceId: 0, origLen: bytes.length }, bytes, root);
      pinfo.srcPort = 5000;
      pinfo.dstPort = 443;
      pinfo.setInfo('tcp');
      const ok = heur(Tvb.frame(bytes, bytes.length), pinfo, root, { stream, fromClient: true });
      return { ok, info: pinfo.info, root };
    };
    expect(run(1, 'hello world\r\n').ok).toBe(false);
    expect(run(2, 'GET / HTTP/1.\r\n').ok).toBe(false); // 14 bytes but not "HTTP/1.x" at its end
    expect(run(3, 'HTTP/1.1 200 OK\r\n\r\n', 8).ok).toBe(true);
    const r = run(4, 'GET / http/1.1\r\nHost: h\r\n\r\n');
    expect([r.ok, r.info]).toEqual([true, 'GET / http/1.1 ']);
    expect(fields(r.root, ['http.tls_port', '_ws.expert.message'])).toEqual({ 'http.tls_port': '1', '_ws.expert.message': 'Unencrypted HTTP protocol detected over encrypted port, could indicate a dangerous misconfiguration.,GET / http/1.1\\r\\n' });
    const cont = run(5, 'more bytes');
    expect([cont.ok, cont.info]).toEqual([true, 'Continuation']);
    expect(run(6, 'more bytes', 9).ok).toBe(false);
  });
});

describe('HTTP robustness', () => {
  const messages = [
    'GET /a?x=1&y HTTP/1.1\r\nHost: h\r\nCookie: a=1; b\r\nAuthorization: Basic dXNlcjpwYXNz\r\nContent-Length: 3\r\n\r\nabc',
    'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\n5\r\nhello\r\n0\r\nX-T: 1\r\n\r\n',
    'HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Type: text/html\r\nContent-Length: 40\r\n\r\n',
    '\r\nHTTP/1.0 404 Not Found\r\nX\'Y: 1\r\nContent-Type: application/foo\r\n\r\nbody',
    'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nff\r\nshort\r\n',
  ];

  it('only throws BoundsError/MalformedError on every truncation (captured and reported), both passes agreeing', () => {
    const gz = gzipSync(enc('<html>'.repeat(20)));
    const inputs = messages.map(enc);
    inputs[2] = cat(messages[2]!, gz.subarray(0, 40));
    for (const msg of inputs) {
      for (let cap = 0; cap <= msg.length; cap++) {
        for (const rep of [msg.length, cap]) {
          const cols: string[][] = [];
          for (const full of [false, true]) {
            const t = new FakeTcp({ desegment: false, full });
            t.segment('c', 'GET / HTTP/1.1\r\n\r\n');
            try {
              const r = t.segment('s', msg.slice(0, cap), { reportedLen: rep });
              cols.push([r.protocol, r.info]);
            } catch (e) {
              if (!(e instanceof BoundsError || e instanceof MalformedError)) throw e;
              cols.push(['threw', e.name]);
            }
          }
          expect(cols[1], `cap ${cap} rep ${rep}`).toEqual(cols[0]);
        }
      }
    }
  });

  it('never asks TCP for more when the capture cut the segment', () => {
    const msg = enc(messages[0]!);
    for (let cap = 1; cap < msg.length; cap++) {
      const t = new FakeTcp();
      t.segment('s', 'HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n');
      try {
        t.segment('c', msg.slice(0, cap), { reportedLen: msg.length });
      } catch (e) {
        if (!(e instanceof BoundsError || e instanceof MalformedError)) throw e;
      }
      expect(t.pinfo.desegmentLen, `cap ${cap}`).toBe(0);
    }
  });
});

describe('HTTP without a start line', () => {
  /** One TCP segment 10.0.0.2:80 → 10.0.0.1:`port` (PSH, ACK) carrying `payload`, in an Ethernet frame. */
  function segment(port: number, payload: string): Uint8Array {
    const p = enc(payload);
    const tcp = [0, 80, port >> 8, port & 0xff, 0, 0, 3, 0xe8, 0, 0, 0x13, 0x88, 0x50, 0x18, 0xfa, 0xf0, 0, 0, 0, 0];
    const total = 20 + tcp.length + p.length;
    const ip = [0x45, 0, total >> 8, total & 0xff, 0, 1, 0, 0, 64, 6, 0, 0, 10, 0, 0, 2, 10, 0, 0, 1];
    return cat(new Uint8Array([2, 0x11, 0x22, 0x33, 0x44, 0x55, 2, 0x77, 0x88, 0x99, 0xaa, 0xbb, 8, 0, ...ip, ...tcp]), p);
  }

  it('takes a first line with a colon as a header line (a capture that starts inside headers), as tshark 4.0', () => {
    const payloads = ['abc: def\r\nxyz\r\n', 'abc def\r\n', 'abc:def\r\n\r\n', ': x\r\n\r\n', 'Host: x\r\n\r\n', 'x\r\n', 'abc: def\r\n\r\nbody', 'a(b: c\r\n\r\n'];
    const frames = payloads.map((p, i) => ({ what: JSON.stringify(p), data: segment(3000 + i, p) }));
    expect(compareFrames(frames, /^(Hypertext Transfer Protocol|\[Malformed)/, ['http.file_data', 'frame.protocols', '_ws.expert.message'])).toEqual([]);
  });
});
