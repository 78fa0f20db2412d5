/**
 * Wireshark 4.0's format_text (dissectors/core/format-text.ts). Expected strings: tshark 4.0.17
 * showing DNS query names with these bytes in a label (`tshark -n -r`, the Info column).
 */
import { describe, expect, it } from 'vitest';
import { formatString, formatText } from '../../../dissectors/core/format-text.js';

const CASES: [string, number[], string][] = [
  ['a 3-byte sequence cut short by ASCII: one U+FFFD, the ASCII byte starts over', [0x70, 0x61, 0x63, 0xe3, 0x80, 0x74], 'pac\ufffdt'],
  ['an unassigned code point (U+05FC)', [0x61, 0xd7, 0xbc, 0x62], 'a\\u05FCb'],
  ['a C1 control (U+0085)', [0x63, 0xc2, 0x85, 0x64], 'c\\u0085d'],
  ['an overlong form of "A", decoded', [0x65, 0xc1, 0x81, 0x66], 'eAf'],
  ['a stray continuation byte', [0x67, 0x80, 0x68], 'g\ufffdh'],
  ['0xFE', [0x69, 0xfe, 0x6a], 'i\ufffdj'],
  ['a 4-byte character (U+1F600)', [0xf0, 0x9f, 0x98, 0x80, 0x6b], '\u{1f600}k'],
  ['a format character (U+200B)', [0x6c, 0xe2, 0x80, 0x8b, 0x6d], 'l\\u200Bm'],
  ['above U+10FFFF', [0x6e, 0xf4, 0x90, 0x80, 0x80, 0x6f], 'n\ufffdo'],
  ['a surrogate (U+D800)', [0x70, 0xed, 0xa0, 0x80, 0x71], 'p\ufffdq'],
  ['an old 5-byte sequence (beyond Unicode)', [0x72, 0xf8, 0x88, 0x80, 0x80, 0x80, 0x73], 'r\ufffds'],
  ['an overlong NUL', [0x74, 0xc0, 0x80, 0x75], 't\\u0000u'],
  ['a 3-byte lead, one continuation, then ASCII', [0x76, 0xe0, 0x80, 0x77], 'v\ufffdw'],
  ['a non-character (U+FFFE)', [0xef, 0xbf, 0xbe, 0x78], '\\uFFFEx'],
  ['private use (U+E000) is printable', [0xee, 0x80, 0x80, 0x79], '\ue000y'],
  ['unassigned U+0378', [0x7a, 0xcd, 0xb8], 'z\\u0378'],
  ['ASCII controls', [0x09, 0x00, 0x7f, 0x1b], '\\t\\000\\177\\033'],
];

describe("format_text, as Wireshark 4.0's", () => {
  for (const [what, bytes, want] of CASES) {
    it(what, () => {
      expect(formatText(Uint8Array.from(bytes), 0, bytes.length)).toBe(want);
    });
  }

  it('formatString gives the same for a string already decoded (field values)', () => {
    expect(formatString('a\u05fcb\u0085\u200b\t\u{1f600}\ufffd')).toBe('a\\u05FCb\\u0085\\u200B\\t\u{1f600}\ufffd');
    expect(formatString('plain text')).toBe('plain text');
  });
});
