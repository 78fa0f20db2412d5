// What Find Packet looks for (electron/engine/find-pattern.ts): hex values in Wireshark's forms,
// strings as narrow and wide bytes, ASCII case folding, regular expressions, with clear errors.
import { describe, expect, it } from 'vitest';
import { findRegex, indexOfBytes, latin1, parseHexValue, stringPatterns } from '../../../electron/engine/find-pattern.js';

const b = (...v: number[]) => Uint8Array.from(v);

describe('find patterns', () => {
  it('reads hex values with or without separators, in either case', () => {
    for (const t of ['001b21', '00:1b:21', '00 1B 21', '00-1b-21', '00.1b.21', ' 0x001b21 ']) expect(parseHexValue(t), t).toEqual(b(0x00, 0x1b, 0x21));
    for (const t of ['0', '00:1', 'zz', '00:1g', 'GET']) expect(parseHexValue(t), t).toMatch(/not a valid hex value/);
    expect(parseHexValue('')).toMatch(/Enter the bytes/);
  });

  it('writes a string as UTF-8 (narrow) and UTF-16LE (wide)', () => {
    expect(stringPatterns('Hé', 'narrow')).toEqual([b(0x48, 0xc3, 0xa9)]);
    expect(stringPatterns('Hé', 'wide')).toEqual([b(0x48, 0, 0xe9, 0)]);
    expect(stringPatterns('中', 'both')).toEqual([b(0xe4, 0xb8, 0xad), b(0x2d, 0x4e)]);
  });

  it('finds bytes, folding ASCII letters only when asked', () => {
    const hay = new TextEncoder().encode('xxHost: Example.TEST\r\n');
    expect(indexOfBytes(hay, new TextEncoder().encode('example.test'), true)).toBe(8);
    expect(indexOfBytes(hay, new TextEncoder().encode('example.test'), false)).toBe(-1);
    expect(indexOfBytes(hay, new TextEncoder().encode('Example.TEST'), false)).toBe(8);
    expect(indexOfBytes(hay, b(), true)).toBe(-1);
    expect(indexOfBytes(b(1, 2), b(1, 2, 3), false)).toBe(-1);
    // Only a-z fold: '[' (0x5b) and '{' (0x7b) stay apart.
    expect(indexOfBytes(b(0x7b), b(0x5b), true)).toBe(-1);
    // Every position of a match is found, the last one too.
    for (let i = 0; i < 10; i++) {
      const h = new Uint8Array(10);
      h[i] = 7;
      expect(indexOfBytes(h, b(7), false)).toBe(i);
    }
  });

  it('compiles regular expressions, case-insensitive unless asked, and says why one is wrong', () => {
    expect((findRegex('get /x', false) as RegExp).test('GET /x')).toBe(true);
    expect((findRegex('get /x', true) as RegExp).test('GET /x')).toBe(false);
    expect(findRegex('a(', false)).toMatch(/^"a\(" is not a valid regular expression: /);
    expect(findRegex('', false)).toMatch(/Enter a regular expression/);
  });

  it('reads bytes as Latin-1, one character per byte, for any length', () => {
    expect(latin1(b(0x41, 0x00, 0xe9, 0xff))).toBe('A\u0000\u00e9\u00ff');
    const big = new Uint8Array(20000).fill(0x61);
    expect(latin1(big)).toBe('a'.repeat(20000));
  });
});
