/**
 * The display-filter scanner (Wireshark's epan/dfilter/scanner.l, 4.0 flavour): turns the filter
 * text into tokens with their positions.
 *
 * - Punctuation: ( ) { } , .. [ ] # $ and the operators == != === !== ~= > >= < <= ~ ! && || ^^
 *   + - * / % &; the same operators as words: eq ne any_eq all_ne all_eq any_ne gt ge lt le
 *   contains matches not and or xor in any all bitwise_and. (`xor` / `^^` are not in tshark 4.0,
 *   which came later; Packetloom accepts them.)
 * - Quoted strings "…" with C escapes (\\ \" \' \a \b \f \n \r \t \v \xhh \ooo) and raw strings
 *   r"…" (backslashes kept), character constants 'c'.
 * - Everything else is a word: a field or protocol name, a number, an address, a byte string
 *   (`tcp.port`, `0x50`, `10.0.0.0/8`, `fe80::1`, `00:1b:21`, `a-b-c`). A word is made of
 *   letters, digits and `_ : - /`, with single dots between parts (`..` ends it: `80..90`).
 * - After `[`, everything up to `]` is slice text: comma-separated ranges (`[0:2,4-5]`).
 * - After `#`, a layer number or a `[…]` range list.
 */
import { FilterError } from './errors.js';

export type TokenKind =
  | 'lparen' | 'rparen' | 'lbrace' | 'rbrace' | 'comma' | 'dotdot'
  | 'lbracket' | 'rbracket' | 'range' | 'hash' | 'layer' | 'dollar'
  | 'and' | 'or' | 'xor' | 'not'
  | 'any_eq' | 'all_ne' | 'all_eq' | 'any_ne' | 'gt' | 'ge' | 'lt' | 'le'
  | 'contains' | 'matches' | 'in' | 'any' | 'all'
  | 'plus' | 'minus' | 'star' | 'slash' | 'percent' | 'bitand'
  | 'string' | 'charconst' | 'word' | 'unknown' | 'eof';

export interface Token {
  kind: TokenKind;
  /** The token as written (with quotes for strings). */
  text: string;
  start: number;
  end: number;
  /** For strings: the bytes after escapes. */
  bytes?: Uint8Array;
  /** For character constants: the value. */
  value?: number;
}

/** Comparison tokens (cmp_op in the grammar). */
export const COMPARISONS: ReadonlySet<TokenKind> = new Set(['any_eq', 'all_ne', 'all_eq', 'any_ne', 'gt', 'ge', 'lt', 'le']);

const KEYWORDS: Readonly<Record<string, TokenKind>> = {
  eq: 'any_eq', any_eq: 'any_eq', ne: 'all_ne', all_ne: 'all_ne', all_eq: 'all_eq', any_ne: 'any_ne',
  gt: 'gt', ge: 'ge', lt: 'lt', le: 'le', contains: 'contains', matches: 'matches',
  not: 'not', and: 'and', or: 'or', xor: 'xor', in: 'in', any: 'any', all: 'all', bitwise_and: 'bitand',
};

/** Longest first. */
const PUNCT: readonly (readonly [string, TokenKind])[] = [
  ['===', 'all_eq'], ['!==', 'any_ne'],
  ['==', 'any_eq'], ['!=', 'all_ne'], ['~=', 'any_ne'], ['>=', 'ge'], ['<=', 'le'], ['&&', 'and'], ['||', 'or'],
  ['^^', 'xor'], ['..', 'dotdot'],
  ['(', 'lparen'], [')', 'rparen'], ['{', 'lbrace'], ['}', 'rbrace'], [',', 'comma'],
  ['>', 'gt'], ['<', 'lt'], ['~', 'matches'], ['!', 'not'],
  ['+', 'plus'], ['-', 'minus'], ['*', 'star'], ['/', 'slash'], ['%', 'percent'], ['&', 'bitand'],
  ['$', 'dollar'],
];

function isWordStart(c: string): boolean {
  return /[A-Za-z0-9_:]/.test(c);
}

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z0-9_:\-/]/.test(c);
}

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

const SIMPLE_ESCAPES: Readonly<Record<string, number>> = {
  '\\': 0x5c, '"': 0x22, "'": 0x27, a: 0x07, b: 0x08, f: 0x0c, n: 0x0a, r: 0x0d, t: 0x09, v: 0x0b,
};

/** UTF-8 bytes of a JS string. */
export function utf8(s: string): number[] {
  return Array.from(new TextEncoder().encode(s));
}

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = text.length;
  const push = (kind: TokenKind, start: number, end: number, extra?: Partial<Token>) => {
    out.push({ kind, text: text.slice(start, end), start, end, ...extra });
  };
  while (i < n) {
    const c = text[i]!;
    if (isSpace(c)) {
      i++;
      continue;
    }
    // Raw string r"…" / R"…"
    if ((c === 'r' || c === 'R') && text[i + 1] === '"') {
      i = quotedString(text, i, true, out);
      continue;
    }
    if (c === '"') {
      i = quotedString(text, i, false, out);
      continue;
    }
    if (c === "'") {
      i = charConst(text, i, out);
      continue;
    }
    if (c === '[') {
      push('lbracket', i, i + 1);
      i = rangeText(text, i + 1, out);
      continue;
    }
    if (c === '#') {
      push('hash', i, i + 1);
      i++;
      if (i >= n) continue; // the parser reports the missing layer
      if (text[i] === '[') continue;
      if (!/[0-9]/.test(text[i]!)) throw new FilterError(`Expected digit or "[", not "${text[i]}"`, i, i + 1);
      const s = i;
      while (i < n && /[0-9]/.test(text[i]!)) i++;
      push('layer', s, i);
      continue;
    }
    if (isWordStart(c)) {
      const s = i;
      i++;
      for (;;) {
        if (isWordChar(text[i])) i++;
        else if (text[i] === '.' && isWordChar(text[i + 1])) i += 2;
        else break;
      }
      const w = text.slice(s, i);
      push(KEYWORDS[w] ?? 'word', s, i);
      continue;
    }
    const p = PUNCT.find(([t]) => text.startsWith(t, i));
    if (p) {
      push(p[1], i, i + p[0].length);
      i += p[0].length;
      continue;
    }
    // A character that starts no token: the parser says it was unexpected.
    const cp = text.codePointAt(i)!;
    const len = cp > 0xffff ? 2 : 1;
    push('unknown', i, i + len);
    i += len;
  }
  out.push({ kind: 'eof', text: '', start: n, end: n });
  return out;
}

/** Scans "…" (or r"…") starting at `start`; returns the index after the closing quote. */
function quotedString(text: string, start: number, raw: boolean, out: Token[]): number {
  const bytes: number[] = [];
  let i = start + (raw ? 2 : 1);
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (c === '"') {
      out.push({ kind: 'string', text: text.slice(start, i + 1), start, end: i + 1, bytes: Uint8Array.from(bytes) });
      return i + 1;
    }
    if (c === '\\' && i + 1 < n) {
      const e = text[i + 1]!;
      if (raw) {
        // Raw strings keep the backslash; \" and \\ do not end or fold anything.
        bytes.push(0x5c, ...utf8(e));
        i += 2;
        continue;
      }
      const oct = /^[0-7]{1,3}/.exec(text.slice(i + 1, i + 4));
      if (oct) {
        const v = parseInt(oct[0], 8);
        if (v > 0xff) throw new FilterError(`\\${oct[0]} is larger than 255.`, i, i + 1 + oct[0].length);
        bytes.push(v);
        i += 1 + oct[0].length;
        continue;
      }
      if (e === 'x') {
        const hex = /^[0-9A-Fa-f]{1,2}/.exec(text.slice(i + 2, i + 4));
        if (hex) {
          bytes.push(parseInt(hex[0], 16));
          i += 2 + hex[0].length;
          continue;
        }
      }
      if (e === 'u' || e === 'U') {
        const m = (e === 'u' ? /^u[0-9A-Fa-f]{0,4}/ : /^U[0-9A-Fa-f]{0,8}/).exec(text.slice(i + 1))!;
        throw new FilterError(`\\${m[0]} is not a valid universal character name`, i, i + 1 + m[0].length);
      }
      const simple = SIMPLE_ESCAPES[e];
      if (simple !== undefined) {
        bytes.push(simple);
        i += 2;
        continue;
      }
      const cp = text.codePointAt(i + 1)!;
      const ch = String.fromCodePoint(cp);
      throw new FilterError(`\\${ch} is not a valid character escape sequence`, i, i + 1 + ch.length);
    }
    const cp = text.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    bytes.push(...utf8(ch));
    i += ch.length;
  }
  throw new FilterError('The final quote was missing from a quoted string.', start, start + 1);
}

/** Scans 'c' starting at `start`. */
function charConst(text: string, start: number, out: Token[]): number {
  let i = start + 1;
  const n = text.length;
  while (i < n && text[i] !== "'") i += text[i] === '\\' && i + 1 < n ? 2 : 1;
  if (i >= n) throw new FilterError('The final quote was missing from a character constant.', start, start + 1);
  const body = text.slice(start + 1, i);
  const tok = text.slice(start, i + 1);
  const end = i + 1;
  if (body.length === 0) throw new FilterError('Empty character constant.', start, end);
  let value: number | undefined;
  if (body[0] !== '\\') {
    const cp = body.codePointAt(0)!;
    if (String.fromCodePoint(cp).length === body.length) value = cp;
  } else {
    const e = body.slice(1);
    let m: RegExpExecArray | null;
    if ((m = /^x([0-9A-Fa-f]{1,2})$/.exec(e))) value = parseInt(m[1]!, 16);
    else if ((m = /^([0-7]{1,3})$/.exec(e))) value = parseInt(m[1]!, 8);
    // tshark 4.0 takes these escapes in character constants (not \n, oddly).
    else if (e.length === 1 && '\\\'"abfrtv'.includes(e)) value = SIMPLE_ESCAPES[e];
  }
  if (value === undefined || value > 0xff) throw new FilterError(`${tok} is too long to be a valid character constant.`, start, end);
  out.push({ kind: 'charconst', text: tok, start, end, value });
  return end;
}

/** Scans the inside of `[…]`: comma-separated range texts, then `]`. */
function rangeText(text: string, from: number, out: Token[]): number {
  let i = from;
  const n = text.length;
  let s = i;
  while (i < n && text[i] !== ']') {
    if (text[i] === ',') {
      pushRange(text, s, i, out);
      out.push({ kind: 'comma', text: ',', start: i, end: i + 1 });
      s = i + 1;
    }
    i++;
  }
  if (i >= n) throw new FilterError('The right bracket was missing from a slice.', n, n);
  pushRange(text, s, i, out);
  out.push({ kind: 'rbracket', text: ']', start: i, end: i + 1 });
  return i + 1;
}

function pushRange(text: string, s: number, e: number, out: Token[]): void {
  while (s < e && isSpace(text[s]!)) s++;
  while (e > s && isSpace(text[e - 1]!)) e--;
  if (e > s) out.push({ kind: 'range', text: text.slice(s, e), start: s, end: e });
}
