import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseHttpConversation, parseHttpStream } from '../../../../dissectors/protocols/http.js';
import { concat as cat } from '../../../helpers/hex.js';

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

const REQ1 = 'GET /a?x=1 HTTP/1.1\r\nHost: example.com\r\nUser-Agent: t\r\n\r\n';
const REQ2 = 'POST /form HTTP/1.1\r\nHost: example.com\r\nContent-Length: 7\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\na=1&b=2';
const REQ3 = 'HEAD /h HTTP/1.1\r\nHost: example.com\r\n\r\n';

describe('parseHttpStream', () => {
  it('gives each request its byte ranges, start line, headers and body', () => {
    const d = enc(REQ1 + REQ2 + REQ3);
    const r = parseHttpStream(d);
    expect(r.end).toBe(d.length);
    expect(r.messages.map((m) => [m.kind, m.method, m.uri, m.version, m.start, m.headerEnd, m.bodyEnd, m.framing, m.complete])).toEqual([
      ['request', 'GET', '/a?x=1', 'HTTP/1.1', 0, REQ1.length, REQ1.length, 'none', true],
      ['request', 'POST', '/form', 'HTTP/1.1', REQ1.length, REQ1.length + REQ2.length - 7, REQ1.length + REQ2.length, 'content-length', true],
      ['request', 'HEAD', '/h', 'HTTP/1.1', REQ1.length + REQ2.length, d.length, d.length, 'none', true],
    ]);
    expect(r.messages[0]!.headers).toEqual([{ name: 'Host', value: 'example.com' }, { name: 'User-Agent', value: 't' }]);
    expect(dec(r.messages[1]!.body)).toBe('a=1&b=2');
    expect(r.messages[1]!.contentType).toBe('application/x-www-form-urlencoded');
  });

  it('frames responses by Content-Length, chunked coding, connection close, and knows bodiless ones', () => {
    const gz = gzipSync(enc('<p>hi</p>\n'));
    const resp = [
      'HTTP/1.1 100 Continue\r\n\r\n',
      'HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc',
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\nContent-Type: text/html; charset=utf-8\r\n\r\n',
      `${gz.length.toString(16)}\r\n`, gz, '\r\n0\r\nX-T: 1\r\n\r\n',
      'HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\n', // answers HEAD: no body
      'HTTP/1.1 304 Not Modified\r\nContent-Length: 9\r\n\r\n',
      'HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end',
    ];
    const d = cat(...resp);
    const r = parseHttpStream(d, { requestMethods: ['GET', 'GET', 'HEAD', 'GET', 'GET'] });
    expect(r.messages.map((m) => [m.status, m.reason, m.framing, m.complete])).toEqual([
      [100, 'Continue', 'none', true],
      [200, 'OK', 'content-length', true],
      [200, 'OK', 'chunked', true],
      [200, 'OK', 'none', true],
      [304, 'Not Modified', 'none', true],
      [200, 'OK', 'close', true],
    ]);
    const chunked = r.messages[2]!;
    expect(chunked.body).toEqual(gz);
    expect(dec(chunked.decodedBody)).toBe('<p>hi</p>\n');
    expect(chunked.contentType).toBe('text/html');
    expect(chunked.trailers).toEqual([{ name: 'X-T', value: '1' }]);
    expect(dec(r.messages[5]!.body)).toBe('until the end');
    expect(r.end).toBe(d.length);
    // The same bytes with the connection still open: the last body is not complete.
    const open = parseHttpStream(d, { requestMethods: ['GET', 'GET', 'HEAD', 'GET', 'GET'], closed: false });
    expect(open.messages[5]!.complete).toBe(false);
  });

  it('marks a message cut short and stops at bytes that are not HTTP', () => {
    const cut = parseHttpStream(enc('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc'));
    expect(cut.messages.map((m) => [m.complete, m.bodyEnd, dec(m.body)])).toEqual([[false, 42, 'abc']]);
    const headersCut = parseHttpStream(enc('GET / HTTP/1.1\r\nHost: x\r\nAcc'));
    expect(headersCut.messages.map((m) => [m.complete, m.method, m.headers.length])).toEqual([[false, 'GET', 1]]);
    const junk = parseHttpStream(enc(`${REQ1}\x16\x03\x01junk`));
    expect([junk.messages.length, junk.end]).toEqual([1, REQ1.length]);
    expect(parseHttpStream(enc('\x16\x03\x01')).messages).toEqual([]);
  });

  it('skips empty lines between messages and joins folded header lines', () => {
    const r = parseHttpStream(enc(`\r\n${REQ3}\r\nGET / HTTP/1.1\r\nX-Long: a\r\n  b\r\n\r\n`));
    expect(r.messages.map((m) => m.start)).toEqual([2, 2 + REQ3.length + 2]);
    expect(r.messages[1]!.headers).toEqual([{ name: 'X-Long', value: 'a b' }]);
  });

  it('stops after a protocol switch (101, CONNECT)', () => {
    const up = parseHttpStream(enc('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n\x81\x05hello'), { requestMethods: ['GET'] });
    expect([up.messages.length, up.switched, up.end]).toEqual([1, true, 56]);
    const tunnel = parseHttpStream(enc('HTTP/1.1 200 Connection established\r\n\r\n\x16\x03\x01'), { requestMethods: ['CONNECT'] });
    expect([tunnel.messages[0]!.framing, tunnel.switched, tunnel.end]).toEqual(['none', true, 39]);
  });

  it('reports bodies it could not decode', () => {
    const r = parseHttpStream(enc('HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 4\r\n\r\nabcd'));
    expect([dec(r.messages[0]!.decodedBody), r.messages[0]!.problems]).toEqual(['abcd', ['decompression failed']]);
    const br = parseHttpStream(enc('HTTP/1.1 200 OK\r\nContent-Encoding: br\r\nContent-Length: 4\r\n\r\nabcd'));
    expect(br.messages[0]!.problems).toEqual(['content coding not decoded: br']);
  });
});

describe('parseHttpConversation', () => {
  it('pairs final responses with requests in order, 1xx kept as interim, HEAD answered without a body', () => {
    const client = enc(REQ2 + REQ3 + REQ1);
    const server = enc('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\nHTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n');
    const c = parseHttpConversation(client, server);
    expect(c.exchanges.map((e) => [e.request?.method, e.response?.status, e.interim.map((i) => i.status)])).toEqual([
      ['POST', 201, [100]],
      ['HEAD', 200, []],
      ['GET', 404, []],
    ]);
    expect(c.responses.end).toBe(server.length);
  });

  it('keeps responses without a request (capture started late)', () => {
    const c = parseHttpConversation(new Uint8Array(0), enc('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n'));
    expect(c.exchanges.map((e) => [e.request, e.response?.status])).toEqual([[null, 200]]);
  });
});
