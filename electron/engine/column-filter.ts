/**
 * The fastest path for display filters: a filter made only of comparisons of the index's number
 * columns with literals (`tcp.port == 80 && tcp.len > 0`, `ip.addr == 10.0.0.0/8`), integer sets
 * (`tcp.port in {80 443 8000..8080}`), the presence of protocols the layer list tells
 * (fast-filter.ts lets only those through) and of TCP/UDP fields, joined by and/or/xor/not, is
 * compiled into a predicate that reads the columns straight away: no stand-in tree, no value
 * arrays.
 *
 * It answers what fast-filter.ts's stand-in tree answers (test/electron/engine/column-filter.test.ts
 * compares the two on every packet of every capture; the session corpus test holds the fast path
 * to full dissection). The semantics are compile.ts's: `==` some value equals, `!=` both sides
 * present and no value equals (tshark 4.0's "all not equal"), `===` every value equals, `~=` some
 * value differs, `> >= < <=` some value compares so, `in` some value is in the set; a field the
 * packet lacks has no values. IPv4 fields compare with address literals masked to their /prefix.
 * Anything else (IPv6, strings, `any` and `all`, slices, functions, other fields) returns null:
 * the stand-in tree runs it.
 */
import type { Expr, Test } from '../../dissectors/filter/ast.js';
import { parseIPv4 } from '../../dissectors/filter/values.js';
import type { Session } from './session.js';
import { ANALYSIS_FIELD_FLAGS } from '../../dissectors/tcp/tracker.js';

/** Packet `i`'s values of a field, written to `out` (at most two); returns how many. */
type Values = (s: Session, i: number, out: Float64Array) => number;
export type ColumnPredicate = (s: Session, i: number) => boolean;

const tcpIn = (s: Session, i: number) => s.layerSets[s.columns.layers[i]!]!.tcp;
const udpIn = (s: Session, i: number) => s.layerSets[s.columns.layers[i]!]!.udp;

const VALUES: Record<string, Values> = {
  'frame.number': (_s, i, o) => ((o[0] = i + 1), 1),
  'frame.len': (s, i, o) => ((o[0] = s.index.origLenOf(i)), 1),
  'frame.cap_len': (s, i, o) => ((o[0] = s.index.capLen[i]!), 1),
  'tcp.srcport': (s, i, o) => (tcpIn(s, i) ? ((o[0] = s.columns.sport[i]!), 1) : 0),
  'tcp.dstport': (s, i, o) => (tcpIn(s, i) ? ((o[0] = s.columns.dport[i]!), 1) : 0),
  'tcp.port': (s, i, o) => (tcpIn(s, i) ? ((o[0] = s.columns.sport[i]!), (o[1] = s.columns.dport[i]!), 2) : 0),
  'tcp.stream': (s, i, o) => (tcpIn(s, i) ? ((o[0] = s.columns.stream[i]! - 1), 1) : 0),
  'tcp.len': (s, i, o) => (tcpIn(s, i) ? ((o[0] = s.columns.tcpLen[i]!), 1) : 0),
  'tcp.flags': (s, i, o) => (tcpIn(s, i) ? ((o[0] = s.columns.tcpFlags[i]! & 0x0fff), 1) : 0),
  'udp.srcport': (s, i, o) => (udpIn(s, i) ? ((o[0] = s.columns.sport[i]!), 1) : 0),
  'udp.dstport': (s, i, o) => (udpIn(s, i) ? ((o[0] = s.columns.dport[i]!), 1) : 0),
  'udp.port': (s, i, o) => (udpIn(s, i) ? ((o[0] = s.columns.sport[i]!), (o[1] = s.columns.dport[i]!), 2) : 0),
};
// The TCP analysis items (fields without a value: only whether the packet has one is asked).
for (const [name, bits] of Object.entries(ANALYSIS_FIELD_FLAGS)) VALUES[name] = (s, i, o) => (s.columns.analysis[i]! & bits ? ((o[0] = 1), 1) : 0);

const ipIn = (s: Session, i: number) => s.layerSets[s.columns.layers[i]!]!.ip;
/** An IPv4 address the session's string table holds (4 bytes) as an unsigned number. */
function u32(s: Session, id: number): number {
  const b = s.strings.bytes[id]!;
  return ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
}

/** IPv4 fields: their literals are addresses, with an optional /prefix. */
const ADDRESSES: Record<string, Values> = {
  'ip.src': (s, i, o) => (ipIn(s, i) ? ((o[0] = u32(s, s.columns.src[i]!)), 1) : 0),
  'ip.dst': (s, i, o) => (ipIn(s, i) ? ((o[0] = u32(s, s.columns.dst[i]!)), 1) : 0),
  'ip.addr': (s, i, o) => (ipIn(s, i) ? ((o[0] = u32(s, s.columns.src[i]!)), (o[1] = u32(s, s.columns.dst[i]!)), 2) : 0),
};

/** An IPv4 field's values and the literal, both masked to the literal's prefix (compile.ts compares them so). */
function address(a: Expr, b: Expr): { v: Values; c: number } | null {
  if (a.k !== 'field' || a.layers !== null || b.k !== 'word') return null;
  const v = ADDRESSES[a.def.abbrev];
  const lit = parseIPv4(b.text);
  if (!v || lit === undefined || typeof lit === 'string') return null;
  const m = lit.prefix === 0 ? 0 : (0xffffffff << (32 - lit.prefix)) >>> 0;
  if (m === 0xffffffff) return { v, c: lit.addr };
  return {
    v: (s, i, o) => {
      const n = v(s, i, o);
      for (let k = 0; k < n; k++) o[k] = (o[k]! & m) >>> 0;
      return n;
    },
    c: (lit.addr & m) >>> 0,
  };
}

/** A protocol's presence: in the packet's layer set (frame is in every packet). */
function present(id: number, frame: boolean): ColumnPredicate {
  if (frame) return () => true;
  // Per layer set (they never change once made): 1 has it, 0 has not, undefined not looked at.
  const memo: (0 | 1 | undefined)[] = [];
  return (s, i) => {
    const ls = s.columns.layers[i]!;
    let m = memo[ls];
    if (m === undefined) m = memo[ls] = s.layerSets[ls]!.ids.includes(id) ? 1 : 0;
    return m === 1;
  };
}

/** An unsigned integer literal as the filter compiler reads one: decimal, 0x hex, 0 octal. */
function integer(e: Expr): number | null {
  if (e.k !== 'word') return null;
  const t = e.text;
  if (/^(0|[1-9][0-9]{0,14})$/.test(t)) return Number(t);
  if (/^0[xX][0-9a-fA-F]{1,12}$/.test(t)) return parseInt(t.slice(2), 16);
  if (/^0[0-7]{1,16}$/.test(t)) return parseInt(t.slice(1), 8);
  return null;
}

function values(e: Expr): Values | null {
  return e.k === 'field' && e.layers === null ? (VALUES[e.def.abbrev] ?? null) : null;
}

/** The predicate for `t`, or null when some part of it is not answered from the columns. */
export function columnPredicate(t: Test): ColumnPredicate | null {
  switch (t.k) {
    case 'and': case 'or': case 'xor': {
      const a = columnPredicate(t.a);
      const b = a && columnPredicate(t.b);
      if (!a || !b) return null;
      if (t.k === 'and') return (s, i) => a(s, i) && b(s, i);
      if (t.k === 'or') return (s, i) => a(s, i) || b(s, i);
      return (s, i) => a(s, i) !== b(s, i);
    }
    case 'not': {
      const a = columnPredicate(t.a);
      return a && ((s, i) => !a(s, i));
    }
    case 'value': {
      const e = t.e;
      if (e.k !== 'field' || e.layers !== null) return null;
      // (fast-filter.ts has let only the protocols a layer set tells exactly through.)
      if (e.def.type === 'protocol') return present(e.def.id, e.def.abbrev === 'frame');
      const v = VALUES[e.def.abbrev] ?? ADDRESSES[e.def.abbrev];
      if (!v) return null;
      const o = new Float64Array(2);
      return (s, i) => v(s, i, o) > 0;
    }
    case 'cmp':
      return t.quant === null ? comparison(t.op, t.a, t.b) : null;
    case 'in':
      return t.quant === null ? membership(t) : null;
    default:
      return null;
  }
}

function comparison(op: Extract<Test, { k: 'cmp' }>['op'], a: Expr, b: Expr): ColumnPredicate | null {
  const ip = address(a, b);
  const v = ip ? ip.v : values(a);
  const c = ip ? ip.c : integer(b);
  if (v === null || c === null) return null;
  const o = new Float64Array(2);
  switch (op) {
    case 'any_eq':
      return (s, i) => {
        const n = v(s, i, o);
        return (n > 0 && o[0] === c) || (n > 1 && o[1] === c);
      };
    case 'all_ne':
      return (s, i) => {
        const n = v(s, i, o);
        return n > 0 && o[0] !== c && (n < 2 || o[1] !== c);
      };
    case 'all_eq':
      return (s, i) => {
        const n = v(s, i, o);
        return n > 0 && o[0] === c && (n < 2 || o[1] === c);
      };
    case 'any_ne':
      return (s, i) => {
        const n = v(s, i, o);
        return (n > 0 && o[0] !== c) || (n > 1 && o[1] !== c);
      };
    case 'gt':
      return (s, i) => {
        const n = v(s, i, o);
        return (n > 0 && o[0]! > c) || (n > 1 && o[1]! > c);
      };
    case 'ge':
      return (s, i) => {
        const n = v(s, i, o);
        return (n > 0 && o[0]! >= c) || (n > 1 && o[1]! >= c);
      };
    case 'lt':
      return (s, i) => {
        const n = v(s, i, o);
        return (n > 0 && o[0]! < c) || (n > 1 && o[1]! < c);
      };
    case 'le':
      return (s, i) => {
        const n = v(s, i, o);
        return (n > 0 && o[0]! <= c) || (n > 1 && o[1]! <= c);
      };
  }
}

/** `field in {80 443 8000..8080}`: some value is one of the set's (`not in`: none is). */
function membership(t: Extract<Test, { k: 'in' }>): ColumnPredicate | null {
  const v = values(t.a);
  if (v === null) return null;
  const lo: number[] = [];
  const hi: number[] = [];
  for (const el of t.set) {
    const l = integer(el.lo);
    const h = el.hi === null ? l : integer(el.hi);
    if (l === null || h === null) return null;
    lo.push(l);
    hi.push(h);
  }
  const o = new Float64Array(2);
  const inSet = (x: number) => {
    for (let k = 0; k < lo.length; k++) if (x >= lo[k]! && x <= hi[k]!) return true;
    return false;
  };
  const some: ColumnPredicate = (s, i) => {
    const n = v(s, i, o);
    return (n > 0 && inSet(o[0]!)) || (n > 1 && inSet(o[1]!));
  };
  return t.negated ? (s, i) => !some(s, i) : some;
}
