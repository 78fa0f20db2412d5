import { describe, expect, it } from 'vitest';
import { FilterError } from '../../../dissectors/filter/errors.js';
import { tokenize, type Token } from '../../../dissectors/filter/lexer.js';

const kinds = (s: string) => tokenize(s).map((t) => t.kind);
const texts = (s: string) => tokenize(s).filter((t) => t.kind !== 'eof').map((t) => t.text);

function lexError(s: string): { message: string; start: number; end: number } {
  try {
    tokenize(s);
  } catch (e) {
    if (e instanceof FilterError) return { message: e.message, start: e.start, end: e.end };
    throw e;
  }
  throw new Error(`no error for ${s}`);
}

function only(s: string): Token {
  const t = tokenize(s);
  expect(t).toHaveLength(2);
  return t[0]!;
}

describe('display-filter lexer', () => {
  it('gives every token its position', () => {
    const t = tokenize('tcp.port==80&&!udp');
    expect(t.map((x) => [x.kind, x.text, x.start, x.end])).toEqual([
      ['word', 'tcp.port', 0, 8],
      ['any_eq', '==', 8, 10],
      ['word', '80', 10, 12],
      ['and', '&&', 12, 14],
      ['not', '!', 14, 15],
      ['word', 'udp', 15, 18],
      ['eof', '', 18, 18],
    ]);
  });

  it('knows every operator, as symbol and as word', () => {
    expect(kinds('== eq any_eq != ne all_ne === all_eq !== any_ne ~=')).toEqual([
      'any_eq', 'any_eq', 'any_eq', 'all_ne', 'all_ne', 'all_ne', 'all_eq', 'all_eq', 'any_ne', 'any_ne', 'any_ne', 'eof',
    ]);
    expect(kinds('> gt >= ge < lt <= le')).toEqual(['gt', 'gt', 'ge', 'ge', 'lt', 'lt', 'le', 'le', 'eof']);
    expect(kinds('contains matches ~ in any all')).toEqual(['contains', 'matches', 'matches', 'in', 'any', 'all', 'eof']);
    expect(kinds('and && or || not ! xor ^^')).toEqual(['and', 'and', 'or', 'or', 'not', 'not', 'xor', 'xor', 'eof']);
    expect(kinds('+ - * / % & bitwise_and')).toEqual(['plus', 'minus', 'star', 'slash', 'percent', 'bitand', 'bitand', 'eof']);
    expect(kinds('( ) { } , .. $')).toEqual(['lparen', 'rparen', 'lbrace', 'rbrace', 'comma', 'dotdot', 'dollar', 'eof']);
  });

  it('reads addresses, numbers and byte strings as single words', () => {
    for (const w of ['10.0.0.0/8', 'fe80::/10', '::ffff:1.2.3.4', '00:1b:21:aa:bb:cc', '00-1b-21-aa-bb-cc', '001b.21aa.bbcc', '0x50', '0120', 'mac-lte', '_ws.expert.message']) {
      expect(only(w)).toMatchObject({ kind: 'word', text: w, start: 0, end: w.length });
    }
  });

  it('ends a word at "..", a trailing dot, and characters that are not part of words', () => {
    expect(texts('80..8080')).toEqual(['80', '..', '8080']);
    expect(texts('1.2.3.4..1.2.3.9')).toEqual(['1.2.3.4', '..', '1.2.3.9']);
    expect(kinds('80.')).toEqual(['word', 'unknown', 'eof']);
    expect(texts('fe80::1%eth0')).toEqual(['fe80::1', '%', 'eth0']);
    expect(kinds('tcp.port = 80')).toEqual(['word', 'unknown', 'word', 'eof']);
    expect(kinds('a | b ^ c')).toEqual(['word', 'unknown', 'word', 'unknown', 'word', 'eof']);
  });

  it('decodes quoted strings with C escapes into bytes', () => {
    const t = only('"a\\n\\t\\"\\\\\\x41\\101\\x7\\0"');
    expect(t.kind).toBe('string');
    expect(Array.from(t.bytes!)).toEqual([0x61, 0x0a, 0x09, 0x22, 0x5c, 0x41, 0x41, 0x07, 0x00]);
    expect(Array.from(only('"é"').bytes!)).toEqual([0xc3, 0xa9]);
    expect(only('"a b"').text).toBe('"a b"');
  });

  it('keeps backslashes in raw strings', () => {
    const t = only('r"\\d+\\"x"');
    expect(t.kind).toBe('string');
    expect(new TextDecoder().decode(t.bytes)).toBe('\\d+\\"x');
  });

  it('reports bad strings where they are', () => {
    expect(lexError('x == "\\z"')).toEqual({ message: '\\z is not a valid character escape sequence', start: 6, end: 8 });
    expect(lexError('x == "\\777"')).toEqual({ message: '\\777 is larger than 255.', start: 6, end: 10 });
    expect(lexError('x == "abc')).toEqual({ message: 'The final quote was missing from a quoted string.', start: 5, end: 6 });
    expect(lexError('x contains "\\u0065"').message).toBe('\\u0065 is not a valid universal character name');
  });

  it('reads character constants', () => {
    expect(only("'P'")).toMatchObject({ kind: 'charconst', value: 80 });
    expect(only("'\\x50'").value).toBe(0x50);
    expect(only("'\\120'").value).toBe(0o120);
    expect(only("'\\\\'").value).toBe(0x5c);
    expect(only("'\\''").value).toBe(0x27);
    expect(lexError("x == ''")).toMatchObject({ message: 'Empty character constant.', start: 5, end: 7 });
    expect(lexError("x == 'ab'").message).toBe("'ab' is too long to be a valid character constant.");
    expect(lexError("x == 'P").message).toBe('The final quote was missing from a character constant.');
  });

  it('reads slice ranges as text between [ and ]', () => {
    const t = tokenize('eth.src[0:3, -2:,4-5]');
    expect(t.map((x) => [x.kind, x.text, x.start])).toEqual([
      ['word', 'eth.src', 0], ['lbracket', '[', 7], ['range', '0:3', 8], ['comma', ',', 11], ['range', '-2:', 13],
      ['comma', ',', 16], ['range', '4-5', 17], ['rbracket', ']', 20], ['eof', '', 21],
    ]);
    expect(lexError('tcp[1:2')).toEqual({ message: 'The right bracket was missing from a slice.', start: 7, end: 7 });
  });

  it('reads layer numbers after #', () => {
    expect(kinds('ip.src#2')).toEqual(['word', 'hash', 'layer', 'eof']);
    expect(kinds('ip.src#[1-2]')).toEqual(['word', 'hash', 'lbracket', 'range', 'rbracket', 'eof']);
    expect(lexError('ip.src#x == 1')).toEqual({ message: 'Expected digit or "[", not "x"', start: 7, end: 8 });
  });
});
