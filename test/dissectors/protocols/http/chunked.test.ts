import { describe, expect, it } from 'vitest';
import { CHUNKED_BAD, CHUNKED_NEED_MORE, decodeChunked, scanChunked } from '../../../../dissectors/protocols/http/chunked.js';

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

const BODY = '5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\n\r\n';

describe('scanChunked', () => {
  it('finds the end of a chunked body, extensions ignored', () => {
    const d = enc(`${BODY}NEXT`);
    expect(scanChunked(d, 0, d.length)).toBe(BODY.length);
  });

  it('needs more data at every cut of the body, including inside the final 0 CRLF CRLF', () => {
    const d = enc(BODY);
    for (let cut = 0; cut < d.length; cut++) expect(scanChunked(d, 0, cut), `cut ${cut}`).toBe(CHUNKED_NEED_MORE);
    expect(scanChunked(d, 0, d.length)).toBe(d.length);
  });

  it('waits for the whole trailer section and its empty line', () => {
    const t = '3\r\nabc\r\n0\r\nX-A: 1\r\nX-B: 2\r\n\r\n';
    const d = enc(t);
    for (let cut = 0; cut < d.length; cut++) expect(scanChunked(d, 0, cut), `cut ${cut}`).toBe(CHUNKED_NEED_MORE);
    expect(scanChunked(d, 0, d.length)).toBe(d.length);
  });

  it('accepts bare LF line ends', () => {
    const d = enc('3\nabc\r\n0\n\n');
    expect(scanChunked(d, 0, d.length)).toBe(d.length);
  });

  it('gives up on a size that is not a hex number or is over 2^31', () => {
    expect(scanChunked(enc('zz\r\nabc'), 0, 7)).toBe(CHUNKED_BAD);
    expect(scanChunked(enc('80000001\r\n'), 0, 10)).toBe(CHUNKED_BAD);
    expect(scanChunked(enc('-1\r\n'), 0, 4)).toBe(CHUNKED_BAD);
  });
});

describe('decodeChunked', () => {
  it('joins the chunk data and reports the trailers', () => {
    const d = enc('5\r\nhello\r\n0\r\nX-Trailer: a\r\n\r\nrest');
    const r = decodeChunked(d, 0, d.length);
    expect(dec(r.body)).toBe('hello');
    expect(r.complete).toBe(true);
    expect(r.trailers).toEqual(['X-Trailer: a']);
    expect(r.end).toBe(d.length - 4);
  });

  it('keeps what is there of a body cut short', () => {
    const d = enc('5\r\nhello\r\n6\r\n wo');
    const r = decodeChunked(d, 0, d.length);
    expect([dec(r.body), r.complete, r.end]).toEqual(['hello wo', false, d.length]);
  });

  it('stops at a bad size line with an error', () => {
    const d = enc('3\r\nabc\r\nqq\r\n');
    const r = decodeChunked(d, 0, d.length);
    expect([dec(r.body), r.complete, r.error]).toEqual(['abc', false, 'bad chunk size']);
  });
});
