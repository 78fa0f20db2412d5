import { describe, expect, it } from 'vitest';
import { formatIPv6 } from '../../../dissectors/core/addr.js';

/** 16 bytes from eight 16-bit words, at offset `off` of a buffer that has other bytes around them. */
function bytes(words: number[], off = 0): Uint8Array {
  const d = new Uint8Array(off + 18).fill(0xaa);
  words.forEach((w, i) => {
    d[off + 2 * i] = w >> 8;
    d[off + 2 * i + 1] = w & 255;
  });
  return d;
}

describe('formatIPv6', () => {
  // RFC 5952 text, with the embedded-IPv4 forms of Wireshark's inet_ntop.
  const cases: [number[], string][] = [
    [[0x2001, 0xdb8, 0, 0, 0, 0, 0, 1], '2001:db8::1'],
    [[0, 0, 0, 0, 0, 0, 0, 0], '::'],
    [[0, 0, 0, 0, 0, 0, 0, 1], '::1'],
    [[0xfe80, 0, 0, 0, 0xc000, 0x54ff, 0xfef5, 0], 'fe80::c000:54ff:fef5:0'],
    [[0, 0, 0, 0, 0, 0xffff, 0xc000, 0x0201], '::ffff:192.0.2.1'],
    [[0, 0, 0, 0, 0, 0, 0xc000, 0x0201], '::192.0.2.1'],
    [[0x2001, 0xdb8, 0, 1, 1, 1, 1, 1], '2001:db8:0:1:1:1:1:1'],
    [[0x2001, 0, 0, 1, 0, 0, 0, 1], '2001:0:0:1::1'],
    [[1, 0, 0, 2, 0, 0, 3, 4], '1::2:0:0:3:4'],
    [[0xff02, 0, 0, 0, 0, 0, 0, 0], 'ff02::'],
    [[0xabcd, 0xef01, 0x2345, 0x6789, 0xffff, 0x10, 0x100, 0x1000], 'abcd:ef01:2345:6789:ffff:10:100:1000'],
  ];
  it.each(cases)('%j is %s', (words, text) => {
    expect(formatIPv6(bytes(words))).toBe(text);
    expect(formatIPv6(bytes(words, 3), 3)).toBe(text);
  });

  it('gives each call its own text (no state carried between addresses)', () => {
    expect([formatIPv6(bytes([0x2001, 0xdb8, 0, 0, 0, 0, 0, 1])), formatIPv6(bytes([0, 0, 0, 0, 0, 0, 0, 2]))]).toEqual(['2001:db8::1', '::2']);
  });
});
