/**
 * JavaScript Object Notation (Wireshark 4.0's packet-json.c): an HTTP body of a JSON media type
 * as its tree of objects, arrays, members and values, with the paths Wireshark adds for filters
 * (`json.path`, `json.path_with_value`, `json.member_with_value`).
 *
 * As in Wireshark 4.0:
 * - the body is one or more objects or arrays (a bare string or number at the top is not
 *   accepted), with strict JSON numbers, the literals true, false, null and NaN, and the string
 *   escapes of RFC 8259 (a `\u0000` and UTF-16 surrogates give no character);
 * - a value that does not parse ends the JSON there: the rest of the body goes to "Line-based
 *   text data";
 * - the Protocol column gets `/JSON` and Info `, JavaScript Object Notation (type)`;
 * - a scalar value adds [Path with value] and [Member with value] before it, a member its Key and
 *   [Path] after its value (so nested keys come before their parent's in `-T fields`).
 */
import { callDissector, type ProtocolSpec } from '../core/dispatch.js';
import { defineField, defineProtocol } from '../core/fields.js';
import type { ProtoNode } from '../core/tree.js';
import type { Tvb } from '../core/tvb.js';
import { contentInfo, registerMediaType, textLines } from './http/media.js';
import { hexDigit } from './http/text.js';

export const proto = defineProtocol('json', 'JavaScript Object Notation', 'JSON', 'application');
const hfArray = defineField('json.array', 'Array', 'none', { blurb: 'JSON array' });
const hfObject = defineField('json.object', 'Object', 'none', { blurb: 'JSON object' });
const hfMember = defineField('json.member', 'Member', 'string', { blurb: 'JSON object member' });
const hfKey = defineField('json.key', 'Key', 'string');
const hfPath = defineField('json.path', 'Path', 'string');
const hfPathWithValue = defineField('json.path_with_value', 'Path with value', 'string');
const hfMemberWithValue = defineField('json.member_with_value', 'Member with value', 'string');
const hfString = defineField('json.value.string', 'String value', 'string', { blurb: 'JSON string value' });
const hfNumber = defineField('json.value.number', 'Number value', 'string', { blurb: 'JSON number value' });
const hfFalse = defineField('json.value.false', 'False value', 'none', { blurb: 'JSON false value' });
const hfNull = defineField('json.value.null', 'Null value', 'none', { blurb: 'JSON null value' });
const hfTrue = defineField('json.value.true', 'True value', 'none', { blurb: 'JSON true value' });
const hfNan = defineField('json.value.nan', 'NaN value', 'none', { blurb: 'JSON NaN value' });

/** Nesting deeper than this is not parsed (the rest of the body is shown as text). */
const MAX_DEPTH = 256;

const enum Kind { Object, Array, String, Number, True, False, Null, NaN }

interface Value {
  kind: Kind;
  start: number;
  end: number;
  members: Member[] | null;
  items: Value[] | null;
}

interface Member {
  start: number;
  end: number;
  keyStart: number;
  keyEnd: number;
  value: Value;
}

const LITERALS: readonly [string, Kind][] = [['true', Kind.True], ['false', Kind.False], ['null', Kind.Null], ['NaN', Kind.NaN]];

/**
 * A JSON parser over `d[start, end)` (byte offsets into the frame's data): `value()` returns the
 * value at `pos`, or null when none parses there (then `pos` is left where the value began).
 */
class Parser {
  pos: number;

  constructor(private readonly d: Uint8Array, start: number, private readonly end: number) {
    this.pos = start;
  }

  ws(): void {
    const d = this.d;
    while (this.pos < this.end) {
      const c = d[this.pos]!;
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
      this.pos++;
    }
  }

  /** An object or an array (the top level). */
  container(): Value | null {
    const c = this.pos < this.end ? this.d[this.pos] : -1;
    if (c !== 0x7b && c !== 0x5b) return null;
    return this.value(0);
  }

  private value(depth: number): Value | null {
    if (depth > MAX_DEPTH || this.pos >= this.end) return null;
    const start = this.pos;
    const c = this.d[start]!;
    let v: Value | null;
    if (c === 0x7b) v = this.object(depth);
    else if (c === 0x5b) v = this.array(depth);
    else if (c === 0x22) v = this.string();
    else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) v = this.number();
    else v = this.literal();
    if (v === null) this.pos = start;
    return v;
  }

  private object(depth: number): Value | null {
    const start = this.pos++;
    const members: Member[] = [];
    this.ws();
    if (this.peek() === 0x7d) {
      this.pos++;
      return { kind: Kind.Object, start, end: this.pos, members, items: null };
    }
    for (;;) {
      this.ws();
      const mStart = this.pos;
      const key = this.string();
      if (key === null) return null;
      this.ws();
      if (this.peek() !== 0x3a) return null;
      this.pos++;
      this.ws();
      const value = this.value(depth + 1);
      if (value === null) return null;
      members.push({ start: mStart, end: value.end, keyStart: key.start, keyEnd: key.end, value });
      this.ws();
      const c = this.peek();
      this.pos++;
      if (c === 0x7d) return { kind: Kind.Object, start, end: this.pos, members, items: null };
      if (c !== 0x2c) return null;
    }
  }

  private array(depth: number): Value | null {
    const start = this.pos++;
    const items: Value[] = [];
    this.ws();
    if (this.peek() === 0x5d) {
      this.pos++;
      return { kind: Kind.Array, start, end: this.pos, members: null, items };
    }
    for (;;) {
      this.ws();
      const v = this.value(depth + 1);
      if (v === null) return null;
      items.push(v);
      this.ws();
      const c = this.peek();
      this.pos++;
      if (c === 0x5d) return { kind: Kind.Array, start, end: this.pos, members: null, items };
      if (c !== 0x2c) return null;
    }
  }

  private peek(): number {
    return this.pos < this.end ? this.d[this.pos]! : -1;
  }

  private string(): Value | null {
    const d = this.d;
    const start = this.pos;
    if (d[start] !== 0x22) return null;
    // The grammar: any byte but `"` and `\`, or an escape of RFC 8259.
    let i = start + 1;
    for (;;) {
      if (i >= this.end) return null;
      const c = d[i]!;
      if (c === 0x22) break;
      if (c !== 0x5c) {
        i++;
        continue;
      }
      const e = i + 1 < this.end ? d[i + 1]! : -1;
      if (e === 0x22 || e === 0x5c || e === 0x2f || e === 0x62 || e === 0x66 || e === 0x6e || e === 0x72 || e === 0x74) i += 2;
      else if (e === 0x75) {
        for (let k = 0; k < 4; k++) if (i + 2 + k >= this.end || hexDigit(d[i + 2 + k]!) < 0) return null;
        i += 6;
      } else return null;
    }
    this.pos = i + 1;
    // Its text is made only for a tree (textOf): the summary pass only needs to know where it ends.
    return { kind: Kind.String, start, end: this.pos, members: null, items: null };
  }

  private number(): Value | null {
    const d = this.d;
    const start = this.pos;
    let i = start;
    const digits = () => {
      const from = i;
      while (i < this.end && d[i]! >= 0x30 && d[i]! <= 0x39) i++;
      return i - from;
    };
    if (d[i] === 0x2d) i++;
    if (i < this.end && d[i] === 0x30) i++;
    else if (digits() === 0) return null;
    if (i < this.end && d[i] === 0x2e) {
      i++;
      if (digits() === 0) return null;
    }
    if (i < this.end && (d[i] === 0x65 || d[i] === 0x45)) {
      i++;
      if (i < this.end && (d[i] === 0x2b || d[i] === 0x2d)) i++;
      if (digits() === 0) return null;
    }
    this.pos = i;
    return { kind: Kind.Number, start, end: i, members: null, items: null };
  }

  private literal(): Value | null {
    const d = this.d;
    const start = this.pos;
    for (const [word, kind] of LITERALS) {
      if (start + word.length > this.end) continue;
      let k = 0;
      while (k < word.length && d[start + k] === word.charCodeAt(k)) k++;
      if (k === word.length) {
        this.pos = start + k;
        return { kind, start, end: this.pos, members: null, items: null };
      }
    }
    return null;
  }
}


/** UTF-8 length announced by a lead byte (ws_utf8_char_len), or −1. */
function utf8CharLen(c: number): number {
  if (c < 0x80) return 1;
  if (c < 0xc0) return -1;
  if (c < 0xe0) return 2;
  if (c < 0xf0) return 3;
  if (c < 0xf8) return 4;
  if (c < 0xfc) return 5;
  if (c < 0xfe) return 6;
  return -1;
}

const NOT_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cn}\p{Cs}]/u;
const REPLACEMENT = [0xef, 0xbf, 0xbd];
const utf8Encoder = new TextEncoder();

/**
 * The bytes of a JSON string's content `d[s, e)` unescaped as Wireshark 4.0's
 * json_string_unescape does, quirks included: a byte that cannot start a UTF-8 character ends
 * the string; a \u escape of a control, format or unassigned character gives nothing, a bad
 * surrogate U+FFFD (eating the character after a lone lead surrogate); and a \u escape that ends
 * the string gives nothing either (its bytes are checked against the input's end).
 */
function unescape(d: Uint8Array, s: number, e: number): Uint8Array {
  const out: number[] = [];
  let i = s;
  const hex4 = (): number => {
    let v = 0;
    for (let k = 0; k < 4; k++) {
      if (i >= e) return -1;
      const h = hexDigit(d[i++]!);
      if (h < 0) return -1;
      v = (v << 4) | h;
    }
    return v;
  };
  while (i < e) {
    let c = d[i]!;
    if (c !== 0x5c) {
      const n = utf8CharLen(c);
      if (n <= 0) break;
      for (let k = 0; k < n && i < e; k++) out.push(d[i++]!);
      continue;
    }
    if (++i >= e) break;
    c = d[i]!;
    const simple = c === 0x62 ? 0x08 : c === 0x66 ? 0x0c : c === 0x6e ? 0x0a : c === 0x72 ? 0x0d : c === 0x74 ? 0x09 : c;
    if (c !== 0x75) {
      i++;
      out.push(simple);
      continue;
    }
    i++;
    let code = hex4();
    let valid = code >= 0;
    if (valid && code >= 0xd800 && code <= 0xdbff) {
      if (i >= e) break;
      if (d[i] === 0x5c) {
        if (++i >= e) break;
        if (d[i] === 0x75) {
          i++;
          const trail = hex4();
          if (trail >= 0xdc00 && trail <= 0xdfff) code = 0x10000 + ((code - 0xd800) << 10) + (trail - 0xdc00);
          else valid = false;
        } else {
          i++;
          valid = false;
        }
      } else {
        i++;
        valid = false;
      }
    } else if (code >= 0xdc00 && code <= 0xdfff) valid = false;
    if (!valid) {
      out.push(...REPLACEMENT);
      continue;
    }
    const ch = String.fromCodePoint(code);
    if (NOT_PRINTABLE.test(ch)) continue;
    // tshark checks the input's end while it copies the character's bytes out.
    if (i < e) out.push(...utf8Encoder.encode(ch));
  }
  return Uint8Array.from(out);
}

const utf8 = new TextDecoder('utf-8');

/** A scalar's text: a string unescaped (between `d[start]` and `d[end]`'s quotes), anything else as written. */
function textOf(d: Uint8Array, start: number, end: number, kind: Kind): string {
  if (kind === Kind.String) return utf8.decode(unescape(d, start + 1, end - 1));
  let text = '';
  for (let k = start; k < end; k++) text += String.fromCharCode(d[k]!);
  return text;
}

function addGeneratedString(parent: ProtoNode, f: typeof hfPath, v: string, tvb?: Tvb, off = 0, len = 0): void {
  if (tvb) parent.addGenerated(f, v, tvb, off, len);
  else parent.addGenerated(f, v);
}

/** The tree of a value under `parent`: `path` is its path, `member` its member name (`[]` in an array). */
function addValue(parent: ProtoNode, tvb: Tvb, v: Value, path: string, member: string): void {
  const at = (n: number) => n - tvb.start;
  switch (v.kind) {
    case Kind.Object: {
      const o = parent.add(hfObject, tvb, at(v.start), v.end - v.start);
      for (const m of v.members!) {
        const key = textOf(tvb.data, m.keyStart, m.keyEnd, Kind.String);
        const mn = o.add(hfMember, tvb, at(m.start), m.end - m.start, key);
        const p = `${path}/${key}`;
        addValue(mn, tvb, m.value, p, key);
        mn.add(hfKey, tvb, at(m.keyStart), m.keyEnd - m.keyStart, key);
        addGeneratedString(mn, hfPath, p, tvb, at(m.start), m.end - m.start);
      }
      return;
    }
    case Kind.Array: {
      const a = parent.add(hfArray, tvb, at(v.start), v.end - v.start);
      for (const item of v.items!) addValue(a, tvb, item, `${path}/[]`, '[]');
      return;
    }
    default: {
      const text = textOf(tvb.data, v.start, v.end, v.kind);
      const off = at(v.start);
      const len = v.end - v.start;
      // Over the value's bytes, as Wireshark's (what -x -T json shows).
      addGeneratedString(parent, hfPathWithValue, `${path}:${text}`, tvb, off, len);
      addGeneratedString(parent, hfMemberWithValue, `${member}:${text}`, tvb, off, len);
      if (v.kind === Kind.String) parent.add(hfString, tvb, off, len, text);
      else if (v.kind === Kind.Number) parent.add(hfNumber, tvb, off, len, text);
      else parent.add(v.kind === Kind.True ? hfTrue : v.kind === Kind.False ? hfFalse : v.kind === Kind.Null ? hfNull : hfNan, tvb, off, len);
    }
  }
}


export const json: ProtocolSpec = {
  proto,
  dissect(tvb, pinfo, tree, info) {
    const ci = contentInfo(info);
    const name = ci?.mediaType;
    pinfo.setProtocol(pinfo.protocol ? `${pinfo.protocol}/JSON` : 'JSON');
    if (pinfo.wantInfo) {
      pinfo.appendInfoSep(', ', 'JavaScript Object Notation');
      if (name) pinfo.appendInfo(` (${name})`);
    }
    const t = tree.addProto(proto, tvb, 0, tvb.length, name ? `${proto.name}: ${name}` : undefined);
    // What was captured of the body: the values that parse, one after another.
    const p = new Parser(tvb.data, tvb.start, tvb.capEnd);
    for (;;) {
      p.ws();
      const v = p.container();
      if (v === null) break;
      if (t.real) addValue(t, tvb, v, '', '');
    }
    const rest = p.pos - tvb.start;
    t.setLength(rest);
    // The rest as text (named in its label, not again in Info).
    if (rest < tvb.length) callDissector(textLines, tvb.sub(rest), pinfo, tree, ci ? { ...ci, quiet: true } : undefined);
  },
};

// packet-json.c's media types (4.0).
for (const type of [
  'application/json', 'application/problem+json', 'application/x-ndjson', 'application/json-rpc', 'application/jsonrequest',
  'application/merge-patch+json', 'application/json-patch+json', 'application/dds-web+json', 'application/vnd.oma.lwm2m+json',
]) registerMediaType(type, json);
