import { describe, expect, it } from 'vitest';
import { asciiString, cStrip, findLineEnd, formatString, formatText, parseHex, utf8CString } from '../../../../dissectors/protocols/http/text.js';

const enc = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

describe('findLineEnd (tvb_find_line_end)', () => {
  const out = { next: 0 };
  it('ends a line at CR LF, LF, or a CR followed by something else', () => {
    expect([findLineEnd(enc('ab\r\ncd'), 0, 6, true, out), out.next]).toEqual([2, 4]);
    expect([findLineEnd(enc('ab\ncd'), 0, 5, true, out), out.next]).toEqual([2, 3]);
    expect([findLineEnd(enc('ab\rcd'), 0, 5, true, out), out.next]).toEqual([2, 3]);
    expect([findLineEnd(enc('\r\n'), 0, 2, true, out), out.next]).toEqual([0, 2]);
  });
  it('asks for more (−1) without a terminator or after a final CR when desegmenting, else runs to the end', () => {
    expect(findLineEnd(enc('abc'), 0, 3, true, out)).toBe(-1);
    expect(findLineEnd(enc('abc\r'), 0, 4, true, out)).toBe(-1);
    expect([findLineEnd(enc('abc'), 0, 3, false, out), out.next]).toEqual([3, 3]);
    expect([findLineEnd(enc('abc\r'), 0, 4, false, out), out.next]).toEqual([3, 4]);
    expect(findLineEnd(enc('abc'), 3, 3, true, out)).toBe(-1);
    expect([findLineEnd(enc('abc'), 3, 3, false, out), out.next]).toEqual([0, 3]);
  });
  it('looks only inside [start, end)', () => {
    expect(findLineEnd(enc('ab\r\n'), 0, 2, true, out)).toBe(-1);
    expect([findLineEnd(enc('xxab\ncd'), 2, 7, true, out), out.next]).toEqual([2, 5]);
  });
});

describe('formatText (format_text)', () => {
  it('writes C escapes for \\a \\b \\f \\n \\r \\t \\v, octal for other controls, keeps valid UTF-8', () => {
    // The Host line of a crafted request, as tshark -V shows it: Host: x\001y\az\v\177\q"é�\033\r\n
    const line = Uint8Array.from([...enc('Host: x\x01y\x07z\x0b\x7f\\q"'), 0xc3, 0xa9, 0xff, 0x1b, 0x0d, 0x0a]);
    expect(formatText(line, 0, line.length)).toBe('Host: x\\001y\\az\\v\\177\\q"é\ufffd\\033\\r\\n');
    expect(formatText(enc('\x08\x0c\t'), 0, 3)).toBe('\\b\\f\\t');
  });
  it('turns invalid or cut UTF-8 into U+FFFD and re-reads the byte that broke a sequence', () => {
    expect(formatText(Uint8Array.from([0xc3]), 0, 1)).toBe('\ufffd');
    expect(formatText(Uint8Array.from([0xc3, 0x41]), 0, 2)).toBe('\ufffdA');
    expect(formatText(Uint8Array.from([0x80, 0xfe]), 0, 2)).toBe('\ufffd\ufffd');
    expect(formatText(Uint8Array.from([0xe2, 0x82, 0xac]), 0, 3)).toBe('€');
    expect(formatText(Uint8Array.from([0xc2, 0x85]), 0, 2)).toBe('\\u0085');
  });
  it('has a string form for field values', () => {
    expect(formatString('/a\x01b\x07\x7f\ufffd')).toBe('/a\\001b\\a\\177\ufffd');
    expect(formatString('plain')).toBe('plain');
  });
});

describe('asciiString (ENC_ASCII)', () => {
  it('replaces each byte ≥ 0x80 with U+FFFD and stops at NUL', () => {
    expect(asciiString(Uint8Array.from([0x61, 0xc3, 0xa9, 0x62]), 0, 4)).toBe('a\ufffd\ufffdb');
    expect(asciiString(Uint8Array.from([0x47, 0x49, 0x46, 0x01, 0x00, 0x41]), 0, 6)).toBe('GIF\x01');
    expect(asciiString(enc('abc'), 1, 2)).toBe('b');
  });
  it('utf8CString keeps valid UTF-8', () => {
    expect(utf8CString(Uint8Array.from([0xc3, 0xa9, 0xff, 0, 0x41]), 0, 5)).toBe('é\ufffd');
  });
});

describe('parseHex and cStrip', () => {
  it('reads hex like strtol/sscanf: spaces, sign, 0x, then digits', () => {
    expect(parseHex(enc('1a'), 0, 2)).toEqual({ value: 26, digits: 2, negative: false });
    expect(parseHex(enc('  0x10;x'), 0, 8)).toEqual({ value: 16, digits: 2, negative: false });
    expect(parseHex(enc('-5'), 0, 2)).toEqual({ value: 5, digits: 1, negative: true });
    expect(parseHex(enc('zz'), 0, 2).digits).toBe(0);
    expect(parseHex(enc('0x'), 0, 2)).toEqual({ value: 0, digits: 1, negative: false });
  });
  it('strips C whitespace from both ends', () => {
    expect(cStrip(' \t a b \r\n\v')).toBe('a b');
  });
});
