/**
 * The table of printable-ASCII strings: the same text as decoding the bytes, whatever the table
 * holds (hits, misses, slots taken by other strings), and null for anything not printable ASCII.
 */
import { describe, expect, it } from 'vitest';
import { asciiBytesText, printableText } from '../../../dissectors/core/printable-text.js';
import { asciiLower, asciiString, formatText } from '../../../dissectors/protocols/http/text.js';

const enc = new TextEncoder();
const ref = (b: Uint8Array, s: number, e: number) => String.fromCharCode(...b.subarray(s, e));

describe('printableText', () => {
  it('is the text of printable bytes, null otherwise, and never another string from the table', () => {
    let seed = 7;
    const rnd = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) % n;
    const buf = new Uint8Array(400);
    for (let round = 0; round < 30000; round++) {
      // Short alphabets and lengths: many repeats, many slot collisions, lengths past the table's limit.
      const len = round % 50 === 0 ? 129 + rnd(200) : rnd(20);
      const start = rnd(8);
      for (let i = 0; i < len; i++) buf[start + i] = 0x61 + rnd(3);
      if (round % 17 === 0 && len > 0) buf[start + rnd(len)] = [0, 0x0a, 0x7f, 0x80, 0xff][rnd(5)]!;
      const bad = buf.subarray(start, start + len).some((c) => c < 0x20 || c > 0x7e);
      const got = printableText(buf, start, start + len);
      expect(got).toBe(bad ? null : ref(buf, start, start + len));
    }
  });

  it('gives the empty string for an empty range, and decodes ASCII bytes', () => {
    expect(printableText(new Uint8Array(4), 2, 2)).toBe('');
    const b = enc.encode('GET /index.html?q=1 HTTP/1.1');
    expect(asciiBytesText(b, 0, b.length)).toBe('GET /index.html?q=1 HTTP/1.1');
    expect(asciiBytesText(b, 0, 3)).toBe('GET');
  });

  it('leaves escapes, U+FFFD and NUL ends to the text helpers', () => {
    const b = Uint8Array.of(0x61, 0x09, 0x62, 0xc3, 0xa9, 0x00, 0x63);
    expect(formatText(b, 0, 5)).toBe('a\\tb\u00e9');
    expect(asciiString(b, 0, 7)).toBe('a\tb\ufffd\ufffd');
    expect(formatText(b, 0, 1)).toBe('a');
  });
});

describe('asciiLower', () => {
  it('lowers ASCII letters only, and returns a string without capitals as it is', () => {
    expect(asciiLower('Text/HTML; Charset=\u00c9')).toBe('text/html; charset=\u00c9');
    const s = 'text/html';
    expect(asciiLower(s)).toBe(s);
  });
});
