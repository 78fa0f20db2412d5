/**
 * Display-filter values: the types a filter works with (the field registry's types, as Wireshark's
 * ftypes), how literals become values of a type (Wireshark's fvalue_from_literal /
 * fvalue_from_string / fvalue_from_charconst, with tshark 4.0's error messages), and how values
 * compare at run time.
 *
 * Run-time representation, per kind:
 *   uint, int, bool, ipv4, double   number (bool is 0/1; ipv4 the address as unsigned 32 bits)
 *   uint64                           bigint (numbers are accepted too: comparisons are loose)
 *   ipv6, ether, bytes               Uint8Array
 *   string                           string
 *   abstime, reltime                 Timestamp
 *   protocol                         ProtoValue (the protocol's bytes)
 *   none                             null (fields without a value: only their presence counts)
 */
import { formatEther, formatIPv4, formatIPv6 } from '../core/addr.js';
import type { FieldDef, FieldType, Timestamp } from '../core/fields.js';
import { fail, type Span } from './errors.js';

/** A filter type: a field type, or a signed 64-bit result (an unsigned value negated). */
export type FType = FieldType | 'int64';

export type Kind =
  | 'uint' | 'uint64' | 'int' | 'bool' | 'ipv4' | 'ipv6' | 'ether' | 'eui64' | 'bytes' | 'string'
  | 'abstime' | 'reltime' | 'double' | 'protocol' | 'none';

/**
 * A protocol's value, as Wireshark's FT_PROTOCOL: `length` is the extent of its tree item
 * (len(), comparisons), `item` the bytes of that extent that its data really has (slices), `all`
 * its data to the end (contains, matches).
 */
export interface ProtoValue {
  length: number;
  item: Uint8Array;
  all: Uint8Array;
}

export type Value = number | bigint | string | Uint8Array | Timestamp | ProtoValue | null;

export function kindOf(t: FType): Kind {
  switch (t) {
    case 'uint8': case 'uint16': case 'uint24': case 'uint32': case 'framenum': return 'uint';
    case 'uint64': return 'uint64';
    case 'int8': case 'int16': case 'int32': case 'int64': return 'int';
    case 'boolean': return 'bool';
    case 'ipv4': return 'ipv4';
    case 'ipv6': return 'ipv6';
    case 'ether': return 'ether';
    case 'bytes': return 'bytes';
    case 'eui64': return 'eui64';
    case 'string': return 'string';
    case 'abs_time': return 'abstime';
    case 'rel_time': return 'reltime';
    case 'double': case 'float': return 'double';
    case 'protocol': return 'protocol';
    default: return 'none';
  }
}

/** Wireshark's ftype_pretty_name. */
export function typeName(t: FType): string {
  switch (t) {
    case 'uint8': return 'Unsigned integer (1 byte)';
    case 'uint16': return 'Unsigned integer (2 bytes)';
    case 'uint24': return 'Unsigned integer (3 bytes)';
    case 'uint32': return 'Unsigned integer (4 bytes)';
    case 'uint64': return 'Unsigned integer (8 bytes)';
    case 'int8': return 'Signed integer (1 byte)';
    case 'int16': return 'Signed integer (2 bytes)';
    case 'int32': return 'Signed integer (4 bytes)';
    case 'int64': return 'Signed integer (8 bytes)';
    case 'boolean': return 'Boolean';
    case 'ether': return 'Ethernet or other MAC address';
    case 'eui64': return 'EUI64 address';
    case 'ipv4': return 'IPv4 address';
    case 'ipv6': return 'IPv6 address';
    case 'string': return 'Character string';
    case 'bytes': return 'Byte sequence';
    case 'framenum': return 'Frame number';
    case 'abs_time': return 'Date and time';
    case 'rel_time': return 'Time offset';
    case 'double': return 'Floating point (double-precision)';
    case 'float': return 'Floating point (single-precision)';
    case 'protocol': return 'Protocol';
    default: return 'Label';
  }
}

/** Wireshark's ftype_name (FT_UINT16 …). */
export function ftName(t: FType): string {
  switch (t) {
    case 'ether': return 'FT_ETHER';
    case 'eui64': return 'FT_EUI64';
    case 'ipv4': return 'FT_IPv4';
    case 'ipv6': return 'FT_IPv6';
    case 'abs_time': return 'FT_ABSOLUTE_TIME';
    case 'rel_time': return 'FT_RELATIVE_TIME';
    default: return 'FT_' + t.toUpperCase();
  }
}

/** Width in bytes of an integer type (for len()). */
export function byteWidth(t: FType): number {
  switch (t) {
    case 'uint8': case 'int8': case 'boolean': return 1;
    case 'uint16': case 'int16': return 2;
    case 'uint24': return 3;
    case 'uint32': case 'int32': case 'framenum': case 'ipv4': return 4;
    case 'uint64': case 'int64': case 'double': return 8;
    case 'float': return 4;
    case 'ether': return 6;
    case 'eui64': return 8;
    case 'ipv6': return 16;
    default: return 0;
  }
}

/** Wireshark's compatible_ftypes: may a field of type `a` be compared with a field of type `b`? */
export function compatible(a: FType, b: FType): boolean {
  const ka = kindOf(a);
  const kb = kindOf(b);
  switch (ka) {
    case 'ether': case 'bytes': return kb === 'ether' || kb === 'bytes';
    case 'uint': case 'uint64': return kb === 'uint' || kb === 'uint64';
    case 'abstime': case 'reltime': case 'bool': case 'ipv4': case 'ipv6': case 'protocol': case 'none':
      return a === b;
    default:
      return ka === kb;
  }
}

/** Types that can be sliced into bytes. */
export function canSlice(t: FType): boolean {
  const k = kindOf(t);
  return k === 'bytes' || k === 'ether' || k === 'string' || k === 'protocol' || k === 'ipv4' || k === 'ipv6';
}

/** Types `contains` and `matches` work on (tshark also takes, and never matches, value-less fields). */
export function canContain(t: FType): boolean {
  const k = kindOf(t);
  return k === 'bytes' || k === 'ether' || k === 'string' || k === 'protocol' || k === 'none';
}

export function canMatch(t: FType): boolean {
  return canContain(t);
}

/** Arithmetic a type allows (Wireshark's ftype_can_add etc.). */
export function canArith(t: FType, op: string): boolean {
  const k = kindOf(t);
  if (k === 'uint' || k === 'uint64' || k === 'int') return true;
  if (k === 'double') return op !== '%' && op !== '&';
  if (k === 'reltime') return op === '+' || op === '-';
  return false;
}

/** Types unary minus applies to. */
export function canNegate(t: FType): boolean {
  const k = kindOf(t);
  return k === 'uint' || k === 'uint64' || k === 'int' || k === 'double' || k === 'reltime';
}

/** A constant of a type, ready for comparisons; `prefix` is an IPv4/IPv6 netmask length. */
export interface Const {
  type: FType;
  value: Value;
  prefix?: number;
  /** For integer fields compared with a value-string name that several values carry. */
  alternatives?: number[];
}

// ---------------------------------------------------------------------------------------------
// Literals

function maxOf(t: FType): bigint {
  switch (t) {
    case 'uint8': return 0xffn;
    case 'uint16': return 0xffffn;
    case 'uint24': return 0xffffffn;
    case 'uint32': case 'framenum': return 0xffffffffn;
    case 'uint64': return 0xffffffffffffffffn;
    case 'int8': return 0x7fn;
    case 'int16': return 0x7fffn;
    case 'int32': return 0x7fffffffn;
    default: return 0x7fffffffffffffffn;
  }
}

/** strtoul with base 0 (decimal, 0x hex, 0 octal, 0b binary); null when not a number. */
export function parseInteger(s: string): bigint | null {
  if (/^[1-9][0-9]*$/.test(s) || s === '0') return BigInt(s);
  if (/^0[xX][0-9A-Fa-f]+$/.test(s)) return BigInt(s);
  if (/^0[bB][01]+$/.test(s)) return BigInt(s);
  if (/^0[0-7]+$/.test(s)) return BigInt('0o' + s.slice(1));
  return null;
}

/**
 * Hex bytes as Wireshark's hex_str_to_bytes reads them (separators optional): pairs or quads of
 * hex digits, separated by `:`, `-` or `.`, a lone digit before a separator or at the end.
 */
export function parseHexBytes(s: string): Uint8Array | null {
  const out: number[] = [];
  const hex = (c: string | undefined) => c !== undefined && /[0-9A-Fa-f]/.test(c);
  const sep = (c: string | undefined) => c === ':' || c === '-' || c === '.';
  let p = 0;
  if (s.length === 0) return null;
  while (p < s.length) {
    if (hex(s[p]) && hex(s[p + 1]) && hex(s[p + 2]) && hex(s[p + 3])) {
      out.push(parseInt(s.slice(p, p + 2), 16), parseInt(s.slice(p + 2, p + 4), 16));
      p += 4;
    } else if (hex(s[p]) && hex(s[p + 1])) {
      out.push(parseInt(s.slice(p, p + 2), 16));
      p += 2;
    } else if (hex(s[p]) && (p + 1 === s.length || sep(s[p + 1]))) {
      out.push(parseInt(s[p]!, 16));
      p += 1;
    } else {
      return null;
    }
    if (p < s.length && sep(s[p])) {
      p++;
      if (p === s.length) return null;
    }
  }
  return Uint8Array.from(out);
}

/** Dotted-quad IPv4 with an optional /prefix; undefined when not an address, a string error for a bad prefix. */
export function parseIPv4(s: string): { addr: number; prefix: number } | string | undefined {
  const m = /^([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})(?:\/([0-9]+))?$/.exec(s);
  if (!m) return undefined;
  const o = [m[1], m[2], m[3], m[4]].map(Number);
  if (o.some((x) => x > 255)) return undefined;
  const prefix = m[5] === undefined ? 32 : Number(m[5]);
  if (prefix > 32) return `Netmask bits in a CIDR IPv4 address should be <= 32, not ${m[5]}`;
  return { addr: ((o[0]! << 24) >>> 0) + (o[1]! << 16) + (o[2]! << 8) + o[3]!, prefix };
}

/** RFC 4291 text of an IPv6 address (with an embedded IPv4 tail) and an optional /prefix. */
export function parseIPv6(s: string): { addr: Uint8Array; prefix: number } | string | undefined {
  const m = /^([0-9A-Fa-f:.]+)(?:\/([0-9]+))?$/.exec(s);
  if (!m || !m[1]!.includes(':')) return undefined;
  const addr = ipv6Bytes(m[1]!);
  if (!addr) return undefined;
  const prefix = m[2] === undefined ? 128 : Number(m[2]);
  if (prefix > 128) return `Prefix in a IPv6 address should be <= 128, not ${m[2]}`;
  return { addr, prefix };
}

function ipv6Bytes(s: string): Uint8Array | null {
  let tail: number[] = [];
  let text = s;
  const v4 = /(^|:)([0-9]+\.[0-9]+\.[0-9]+\.[0-9]+)$/.exec(text);
  if (v4) {
    const a = parseIPv4(v4[2]!);
    if (typeof a !== 'object') return null;
    tail = [(a.addr >>> 16) & 0xffff, a.addr & 0xffff];
    text = text.slice(0, text.length - v4[2]!.length);
    if (text.endsWith(':') && !text.endsWith('::')) text = text.slice(0, -1);
  }
  const parts = text.split('::');
  if (parts.length > 2) return null;
  const group = (p: string): number[] | null => {
    if (p === '') return [];
    const out: number[] = [];
    for (const g of p.split(':')) {
      if (!/^[0-9A-Fa-f]{1,4}$/.test(g)) return null;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const head = group(parts[0]!);
  if (!head) return null;
  let words: number[];
  if (parts.length === 2) {
    const rest = group(parts[1]!);
    if (!rest) return null;
    const fill = 8 - head.length - rest.length - tail.length;
    if (fill < 1) return null;
    words = [...head, ...new Array<number>(fill).fill(0), ...rest, ...tail];
  } else {
    words = [...head, ...tail];
  }
  if (words.length !== 8) return null;
  const b = new Uint8Array(16);
  words.forEach((w, i) => {
    b[2 * i] = w >> 8;
    b[2 * i + 1] = w & 255;
  });
  return b;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * An absolute time as Wireshark 4.0 reads one: "Nov 12, 1999 08:55:44.123" or
 * "2011-07-04 12:34:56" (also "2011-07-04", "2011-07-04T12:34:56Z"). Read as UTC: tshark reads
 * it in the local time zone, so compare with tshark under TZ=UTC.
 */
export function parseAbsTime(s: string): Timestamp | null {
  let y: number, mo: number, d: number, time: string | undefined;
  let m = /^\s*([A-Za-z]{3})\s+([0-9]{1,2}),\s*([0-9]{4})(?:\s+(\S+))?\s*$/.exec(s);
  if (m) {
    mo = MONTHS.indexOf(m[1]!.toLowerCase());
    if (mo < 0) return null;
    d = Number(m[2]);
    y = Number(m[3]);
    time = m[4];
  } else if ((m = /^\s*([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[T\s]+([0-9:.]+)Z?)?\s*$/.exec(s))) {
    y = Number(m[1]);
    mo = Number(m[2]) - 1;
    d = Number(m[3]);
    time = m[4];
  } else {
    return null;
  }
  let h = 0, mi = 0, sec = 0, nsec = 0;
  if (time !== undefined) {
    const t = /^([0-9]{1,2}):([0-9]{2})(?::([0-9]{2})(?:\.([0-9]{1,9}))?)?$/.exec(time);
    if (!t) return null;
    h = Number(t[1]);
    mi = Number(t[2]);
    sec = Number(t[3] ?? 0);
    nsec = t[4] ? Number(t[4].padEnd(9, '0')) : 0;
  }
  if (mo > 11 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return null;
  return { sec: Date.UTC(y, mo, d, h, mi, sec) / 1000, nsec };
}

/** Seconds as a time offset: "1", "1.5", ".25". */
export function parseSeconds(s: string): Timestamp | null {
  const m = /^([0-9]*)(?:\.([0-9]{0,9})[0-9]*)?$/.exec(s);
  if (!m || s === '' || s === '.' || (m[1] === '' && !m[2])) return null;
  return { sec: Number(m[1] || '0'), nsec: Number((m[2] ?? '').padEnd(9, '0')) };
}

/** A JS string from filter-literal bytes: UTF-8 when they are UTF-8, Latin-1 otherwise. */
export function textOf(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return latin1(bytes);
  }
}

export function latin1(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 8192) s += String.fromCharCode(...b.subarray(i, i + 8192));
  return s;
}

/** The bytes of a string value (Latin-1 when every character fits, else UTF-8). */
export function stringBytes(s: string): Uint8Array {
  let wide = false;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) > 0xff) {
      wide = true;
      break;
    }
  }
  if (wide) return new TextEncoder().encode(s);
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i);
  return b;
}

/** Value names of a field that equal `s` (case-insensitively), or null. */
function valsLookup(hf: FieldDef | undefined, s: string): number[] | null {
  if (!hf?.vals) return null;
  const low = s.toLowerCase();
  const out: number[] = [];
  for (const [v, name] of hf.vals) if (name.toLowerCase() === low) out.push(v);
  return out.length ? out : null;
}

function notFound(s: string, hf: FieldDef | undefined, at: Span): never {
  fail(`"${s}" cannot be found among the possible values for ${hf?.abbrev ?? 'this field'}.`, at);
}

function intConst(t: FType, v: bigint, text: string, at: Span): Const {
  if (v > maxOf(t)) fail(`"${text}" too big for this field, maximum ${maxOf(t)}.`, at);
  return { type: t, value: t === 'uint64' ? v : Number(v) };
}

function fromVals(t: FType, vals: number[]): Const {
  return vals.length === 1 ? { type: t, value: vals[0]! } : { type: t, value: vals[0]!, alternatives: vals };
}

function boolFromName(s: string, hf: FieldDef | undefined, word: boolean): number | null {
  if (word && (s === 'True' || s === 'TRUE')) return 1;
  if (word && (s === 'False' || s === 'FALSE')) return 0;
  const [t, f] = hf?.tfs ?? ['Set', 'Not set'];
  if (s.toLowerCase() === t.toLowerCase()) return 1;
  if (s.toLowerCase() === f.toLowerCase()) return 0;
  return null;
}

/**
 * An unquoted literal as a value of type `t`. `hf` is the field on the other side (for value
 * names); `partial` allows byte strings shorter than the type (for `contains`).
 */
export function fromWord(w: string, t: FType, hf: FieldDef | undefined, partial: boolean, at: Span): Const {
  switch (kindOf(t)) {
    case 'uint': case 'uint64': case 'int': {
      const v = parseInteger(w);
      if (v !== null) return intConst(t, v, w, at);
      const vals = valsLookup(hf, w);
      if (vals) return fromVals(t, vals);
      if (hf?.vals) notFound(w, hf, at);
      return fail(`"${w}" is not a valid number.`, at);
    }
    case 'bool': {
      const v = parseInteger(w);
      if (v !== null) return { type: t, value: v !== 0n ? 1 : 0 };
      const b = boolFromName(w, hf, true);
      if (b === null) notFound(w, hf, at);
      return { type: t, value: b };
    }
    case 'ipv4': {
      const a = parseIPv4(w);
      if (typeof a === 'string') fail(a, at);
      if (!a) fail(`"${w}" is not a valid hostname or IPv4 address.`, at);
      return { type: t, value: a.addr, prefix: a.prefix };
    }
    case 'ipv6': {
      const a = parseIPv6(w);
      if (typeof a === 'string') fail(a, at);
      if (!a) fail(`"${w}" is not a valid hostname or IPv6 address.`, at);
      return { type: t, value: a.addr, prefix: a.prefix };
    }
    case 'eui64': {
      // Wireshark's eui64_from_literal: a 64-bit number first, else 8 bytes with separators.
      const v = parseInteger(w);
      if (v !== null && v >= 0n && v <= 0xffffffffffffffffn) {
        const b = new Uint8Array(8);
        for (let i = 7, x = v; i >= 0; i--, x >>= 8n) b[i] = Number(x & 0xffn);
        return { type: t, value: b };
      }
      const b = parseHexBytes(w);
      if (!b || b.length !== 8) fail(`"${w}" is not a valid EUI-64 address.`, at);
      return { type: t, value: b };
    }
    case 'ether': {
      const b = parseHexBytes(w);
      if (!b) fail(`"${w}" is not a valid Ethernet address.`, at);
      if (b.length > 6) fail(`"${w}" contains too many bytes to be a valid Ethernet address.`, at);
      if (b.length < 6 && !partial) fail(`"${w}" contains too few bytes to be a valid Ethernet address.`, at);
      return { type: t, value: b };
    }
    case 'bytes': {
      const b = parseHexBytes(w);
      if (!b) fail(`"${w}" is not a valid byte string.`, at);
      return { type: t, value: b };
    }
    case 'protocol':
      // A protocol compares with bytes, or with the text of the literal.
      return { type: t, value: parseHexBytes(w) ?? new TextEncoder().encode(w) };
    case 'string':
      return { type: t, value: w };
    case 'double': {
      if (!/^([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(w) && !/^0[xX][0-9A-Fa-f]+$/.test(w)) fail(`"${w}" is not a valid number.`, at);
      return { type: t, value: Number(w) };
    }
    case 'reltime': {
      const ts = parseSeconds(w);
      if (!ts) fail(`"${w}" is not a valid time.`, at);
      return { type: t, value: ts };
    }
    case 'abstime': {
      // Seconds since the epoch.
      const ts = parseSeconds(w);
      if (!ts) fail(`"${w}" is not a valid absolute time. Example: "Nov 12, 1999 08:55:44.123" or "2011-07-04 12:34:56"`, at);
      return { type: t, value: ts };
    }
    default:
      return { type: t, value: null };
  }
}

/** A quoted string as a value of type `t`. */
export function fromString(bytes: Uint8Array, t: FType, hf: FieldDef | undefined, at: Span): Const {
  const s = textOf(bytes);
  const cannot = (): never => fail(`${typeName(t)} cannot be converted from a string ("${s}").`, at);
  switch (kindOf(t)) {
    case 'uint': case 'uint64': case 'int': {
      const vals = valsLookup(hf, s);
      if (vals) return fromVals(t, vals);
      if (hf?.vals) notFound(s, hf, at);
      return cannot();
    }
    case 'bool': {
      const b = boolFromName(s, hf, false);
      if (b === null) notFound(s, hf, at);
      return { type: t, value: b };
    }
    case 'bytes': case 'protocol':
      return { type: t, value: bytes };
    case 'string':
      return { type: t, value: s };
    case 'abstime': {
      if (hfBaseUnix(hf)) return cannotTimeOffset(s, at);
      const ts = parseAbsTime(s);
      if (!ts) fail(`"${s}" is not a valid absolute time. Example: "Nov 12, 1999 08:55:44.123" or "2011-07-04 12:34:56"`, at);
      return { type: t, value: ts };
    }
    case 'none':
      return { type: t, value: null };
    default:
      return cannot();
  }
}

function hfBaseUnix(hf: FieldDef | undefined): boolean {
  return hf?.base === 'unix';
}

function cannotTimeOffset(s: string, at: Span): never {
  fail(`Time offset cannot be converted from a string ("${s}").`, at);
}

/** A character constant as a value of type `t`. */
export function fromChar(v: number, text: string, t: FType, at: Span): Const {
  switch (kindOf(t)) {
    case 'uint': case 'uint64': case 'int':
      return intConst(t, BigInt(v), text, at);
    case 'bool':
      return { type: t, value: v ? 1 : 0 };
    case 'bytes': case 'protocol': case 'ether':
      return { type: t, value: Uint8Array.of(v) };
    case 'string':
      return { type: t, value: String.fromCharCode(v) };
    case 'none':
      return { type: t, value: null };
    default:
      return fail(`${typeName(t)} cannot be converted from a character constant (${text}).`, at);
  }
}

// ---------------------------------------------------------------------------------------------
// Run-time comparisons

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Byte strings order by length first, then by content (Wireshark's bytes cmp_order). */
export function bytesCompare(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return 0;
}

export function bytesContain(hay: Uint8Array, needle: Uint8Array): boolean {
  const n = needle.length;
  if (n === 0) return true;
  const first = needle[0]!;
  const last = hay.length - n;
  outer: for (let i = hay.indexOf(first); i !== -1 && i <= last; i = hay.indexOf(first, i + 1)) {
    for (let j = 1; j < n; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

export function timeCompare(a: Timestamp, b: Timestamp): number {
  if (a.sec !== b.sec) return a.sec < b.sec ? -1 : 1;
  if (a.nsec !== b.nsec) return a.nsec < b.nsec ? -1 : 1;
  return 0;
}

function prefixBytesCompare(a: Uint8Array, b: Uint8Array, bits: number): number {
  for (let i = 0; i < 16; i++) {
    const m = bits >= 8 * (i + 1) ? 0xff : bits <= 8 * i ? 0 : (0xff << (8 - (bits - 8 * i))) & 0xff;
    const x = (a[i] ?? 0) & m;
    const y = (b[i] ?? 0) & m;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

function ipv4Mask(bits: number): number {
  return bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
}

/**
 * The ordering of two values of kind `k` (−1, 0, 1); `prefix` masks IPv4/IPv6 addresses (the
 * shorter netmask of the two sides, as Wireshark compares `ip.addr == 10.0.0.0/8`). Protocols
 * compare their own bytes.
 */
export function comparator(k: Kind, prefix: number | undefined): (a: Value, b: Value) => number {
  switch (k) {
    case 'uint': case 'int': case 'bool': case 'double': case 'uint64':
      return (a, b) => ((a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0);
    case 'ipv4': {
      const m = ipv4Mask(prefix ?? 32);
      return (a, b) => {
        const x = ((a as number) & m) >>> 0;
        const y = ((b as number) & m) >>> 0;
        return x < y ? -1 : x > y ? 1 : 0;
      };
    }
    case 'ipv6': {
      const bits = prefix ?? 128;
      return (a, b) => prefixBytesCompare(a as Uint8Array, b as Uint8Array, bits);
    }
    case 'ether': case 'eui64': case 'bytes':
      return (a, b) => bytesCompare(a as Uint8Array, b as Uint8Array);
    case 'protocol':
      return (a, b) => bytesCompare(protoItem(a), protoItem(b));
    case 'string':
      return (a, b) => ((a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0);
    case 'abstime': case 'reltime':
      return (a, b) => timeCompare(a as Timestamp, b as Timestamp);
    default:
      return () => NaN;
  }
}

/** Equality of two values of kind `k` (faster than comparator(..) === 0 for the common kinds). */
export function equality(k: Kind, prefix: number | undefined): (a: Value, b: Value) => boolean {
  switch (k) {
    case 'uint': case 'int': case 'bool': case 'double': case 'uint64':
      // Loose on purpose: 64-bit fields may hold a bigint or a number.
      // eslint-disable-next-line eqeqeq
      return (a, b) => a == b;
    case 'string':
      return (a, b) => a === b;
    case 'ipv4':
      if ((prefix ?? 32) === 32) return (a, b) => a === b;
      break;
    case 'ether': case 'eui64': case 'bytes':
      return (a, b) => bytesEqual(a as Uint8Array, b as Uint8Array);
    case 'none':
      return () => false;
  }
  const c = comparator(k, prefix);
  return (a, b) => c(a, b) === 0;
}

function protoItem(v: Value): Uint8Array {
  return v instanceof Uint8Array ? v : (v as ProtoValue).item;
}

/** The bytes a value is made of (for slices and contains). */
export function valueBytes(k: Kind, v: Value, whole: boolean): Uint8Array {
  switch (k) {
    case 'protocol':
      return v instanceof Uint8Array ? v : whole ? (v as ProtoValue).all : (v as ProtoValue).item;
    case 'string':
      return stringBytes(v as string);
    case 'ipv4': {
      const a = v as number;
      return Uint8Array.of(a >>> 24, (a >>> 16) & 255, (a >>> 8) & 255, a & 255);
    }
    default:
      return v as Uint8Array;
  }
}

/** len(): the length in bytes of a value. */
export function valueLength(t: FType, v: Value): number {
  switch (kindOf(t)) {
    case 'string': return stringBytes(v as string).length;
    case 'bytes': case 'ether': case 'ipv6': return (v as Uint8Array).length;
    case 'protocol': return v instanceof Uint8Array ? v.length : (v as ProtoValue).length;
    default: return byteWidth(t);
  }
}

/** string(): Wireshark's text of a value in filter syntax; null for types it does not convert. */
export function valueString(t: FType, v: Value): string | null {
  switch (kindOf(t)) {
    case 'uint': case 'uint64': case 'int': return String(v);
    case 'ipv4': return formatIPv4(v as number);
    case 'ipv6': return formatIPv6(v as Uint8Array);
    case 'ether': return formatEther(v as Uint8Array);
    default: return null;
  }
}

/** Types string() converts. */
export function canString(t: FType): boolean {
  const k = kindOf(t);
  return k === 'uint' || k === 'uint64' || k === 'int' || k === 'ipv4' || k === 'ipv6' || k === 'ether';
}
