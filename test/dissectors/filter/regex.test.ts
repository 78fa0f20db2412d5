import { describe, expect, it } from 'vitest';
import { compileRegex } from '../../../dissectors/filter/regex.js';

function re(p: string): RegExp {
  const r = compileRegex(p);
  if (typeof r === 'string') throw new Error(r);
  return r;
}

describe('PCRE patterns as JavaScript regexes', () => {
  it('is caseless unless the pattern turns it off', () => {
    expect(re('get').test('GET /')).toBe(true);
    expect(re('(?i)get').test('GET /')).toBe(true);
    expect(re('(?-i)get').test('GET /')).toBe(false);
    expect(re('(?-i)GET').test('GET /')).toBe(true);
    expect(re('(?i:get) /').test('GET /')).toBe(true);
  });

  it('takes leading s, m and x options', () => {
    expect(re('a.b').test('a\nb')).toBe(false);
    expect(re('(?s)a.b').test('a\nb')).toBe(true);
    expect(re('(?m)^b$').test('a\nb\nc')).toBe(true);
    expect(re('^b$').test('a\nb\nc')).toBe(false);
    expect(re('(?x) a b  # comment').test('ab')).toBe(true);
  });

  it('translates anchors, POSIX classes, named groups and PCRE escapes', () => {
    expect(re('\\Aeth').test('eth:ip')).toBe(true);
    expect(re('\\Aip').test('eth:ip')).toBe(false);
    expect(re('ip\\z').test('eth:ip')).toBe(true);
    expect(re('ip\\Z').test('eth:ip\n')).toBe(true);
    expect(re('ip$').test('eth:ip\n')).toBe(true);
    expect(re('ip$').test('eth:ip\nx')).toBe(false);
    expect(re('^[[:digit:]]+$').test('1234')).toBe(true);
    expect(re('^[[:alpha:][:space:]]+$').test('ab cd')).toBe(true);
    expect(re('[]a]').test(']')).toBe(true);
    expect(re('(?P<m>GET) (?P=m)').test('GET GET')).toBe(true);
    expect(re('\\x{47}ET').test('GET')).toBe(true);
    expect(re('a\\Q.*\\Eb').test('a.*b')).toBe(true);
    expect(re('a\\hb').test('a\tb')).toBe(true);
    expect(re('(?>ab)c').test('abc')).toBe(true);
    expect(re('a++b').test('aab')).toBe(true);
    expect(re('\\$5').test('$5')).toBe(true);
  });

  it('matches bytes as Latin-1 characters', () => {
    expect(re('\xff\x00').test(String.fromCharCode(1, 0xff, 0, 2))).toBe(true);
  });

  it('gives PCRE-like messages for bad patterns', () => {
    expect(compileRegex('(')).toBe('Regex compilation error: missing closing parenthesis.');
    expect(compileRegex('[a')).toBe('Regex compilation error: missing terminating ] for character class.');
    expect(compileRegex('*a')).toBe('Regex compilation error: quantifier does not follow a repeatable item.');
    expect(compileRegex('a(?-i)b')).toMatch(/^Regex compilation error: option settings inside a pattern/);
  });
});
