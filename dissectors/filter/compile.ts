/**
 * Compiling a checked filter into closures, and running it on packets.
 *
 * The filter is compiled once: every field it reads gets a slot, every test and value becomes a
 * closure. Per packet, one walk over the decode tree collects the values of exactly those fields
 * into their slots (with the protocol layer each occurrence belongs to, when a filter uses
 * `field#n`); then the closure tree runs on the slots.
 *
 * Semantics (tshark 4.0): a field that occurs several times matches a test if ANY occurrence does
 * (`ip.addr == 10.0.0.1`), except `===` (every occurrence equals) and `!=` (no occurrence equals;
 * 4.0 defines `a != b` as `!(a == b)` for present fields); `!==` / `~=` is "some occurrence
 * differs". A comparison with an absent field is false. Slices that reach past the end of a value
 * give no value.
 *
 * Protocols have two byte ranges: their item (`len(tcp)`, `tcp[0:2]`, `tcp == …` use the header
 * the item covers) and their data to the end of the packet (`tcp contains "GET"`, `tcp matches`),
 * which — as Wireshark's protocol tvbs — stops before a link-layer trailer (Ethernet padding, FCS)
 * that a lower layer found after it.
 */
import { GROUP_NAMES, HF_EXPERT, HF_EXPERT_GROUP, HF_EXPERT_MESSAGE, HF_EXPERT_SEVERITY, SEVERITY_NAMES } from '../core/expert.js';
import { allFields, fieldByName, fieldsByName, type FieldDef, type Timestamp } from '../core/fields.js';
import type { ProtoNode } from '../core/tree.js';
import type { RangeNode } from './ast.js';
import type { CElement, CTest, VExpr } from './check.js';
import {
  bytesContain, comparator, equality, kindOf, latin1, valueBytes, valueLength, valueString,
  type Kind, type ProtoValue, type Value,
} from './values.js';

/** Where a packet's bytes are: the frame (source 0) and reassembled buffers (source i → sources[i-1]). */
export interface PacketData {
  data: Uint8Array;
  sources?: readonly { data: Uint8Array }[];
}

/** Per-packet evaluation state. */
interface Frame {
  vals: Value[][];
  nodes: ProtoNode[][];
  layers: number[][];
  /** Occurrences of each tracked protocol in this packet (for #-n and [n:]). */
  protoTotals: Int32Array;
  /** Link-layer trailers: offset, the offset of the layer that found it, data source. */
  trailers: number[];
  pkt: PacketData;
  protoCache: (ProtoValue[] | null)[];
}

type ValFn = (f: Frame) => readonly Value[];
type TestFn = (f: Frame) => boolean;

const EMPTY: readonly Value[] = [];

/** Fields after which a lower layer's trailer starts (they end their upper layers' data). */
const TRAILER_FIELDS = ['eth.padding', 'eth.trailer', 'eth.fcs', 'vlan.trailer', 'sll.trailer', 'ieee8021ah.trailer'];

/** How a slot's values are taken from its nodes. */
const enum Mode {
  Value = 0,
  Bool = 1,
  /** Protocols and value-less fields: the node counts, its value is computed on use. */
  Node = 2,
}

export interface Program {
  matches(tree: ProtoNode, pkt: PacketData): boolean;
  /** Fields the filter names. */
  fields: FieldDef[];
  /** Every field whose nodes the evaluation reads (the named ones plus internal helpers). */
  treeFields: FieldDef[];
  /** True when the filter reads the implicit _ws.expert fields of expert items. */
  usesExperts: boolean;
}

export function compileProgram(t: CTest): Program {
  return new Compiler().program(t);
}

class Compiler {
  private slots = new Map<number, number>();
  private slotDefs: FieldDef[] = [];
  private slotModes: Mode[] = [];
  private slotLayerProto: number[] = [];
  private named = new Set<FieldDef>();
  private sameNameDefs: FieldDef[] = [];
  private trackLayers = false;
  private needTrailers = false;

  private slot(def: FieldDef): number {
    let s = this.slots.get(def.id);
    if (s === undefined) {
      s = this.slotDefs.length;
      this.slots.set(def.id, s);
      this.slotDefs.push(def);
      this.slotModes.push(def.type === 'protocol' || def.type === 'none' ? Mode.Node : def.type === 'boolean' ? Mode.Bool : Mode.Value);
      this.slotLayerProto.push(-1);
      // The name's other registrations (defineFieldAgain) fill the same slot.
      for (const d of fieldsByName(def.abbrev)) {
        if (d === def || this.slots.has(d.id)) continue;
        this.slots.set(d.id, s);
        this.sameNameDefs.push(d);
      }
    }
    return s;
  }

  program(t: CTest): Program {
    const test = this.test(t);
    const trailerIds = new Set<number>();
    if (this.needTrailers) for (const n of TRAILER_FIELDS) {
      const d = fieldByName(n);
      if (d) trailerIds.add(d.id);
    }
    // Protocols whose occurrences are counted for layers.
    const protoIndex = new Map<number, number>();
    if (this.trackLayers) {
      this.slotDefs.forEach((d, s) => {
        const p = fieldByName(d.proto);
        if (!p) return;
        let i = protoIndex.get(p.id);
        if (i === undefined) protoIndex.set(p.id, (i = protoIndex.size));
        this.slotLayerProto[s] = i;
      });
    }
    const nSlots = this.slotDefs.length;
    const maxId = Math.max(allFields().length, ...this.slotDefs.map((d) => d.id + 1), ...[...trailerIds].map((i) => i + 1));
    const slotOf = new Int32Array(maxId).fill(-1);
    for (const [id, s] of this.slots) slotOf[id] = s;
    const isTrailer = new Uint8Array(maxId);
    for (const id of trailerIds) isTrailer[id] = 1;
    const protoOf = new Int32Array(maxId).fill(-1);
    for (const [id, i] of protoIndex) protoOf[id] = i;
    const modes = Uint8Array.from(this.slotModes);
    const layerProto = Int32Array.from(this.slotLayerProto);
    const expertSlots = [HF_EXPERT, HF_EXPERT_MESSAGE, HF_EXPERT_SEVERITY, HF_EXPERT_GROUP].map((d) => this.slots.get(d.id) ?? -1);
    const usesExperts = expertSlots.some((s) => s >= 0);
    const [sExpert, sMessage, sSeverity, sGroup] = expertSlots as [number, number, number, number];
    const trackLayers = this.trackLayers;
    const counts = new Int32Array(protoIndex.size);

    const frame: Frame = {
      vals: Array.from({ length: nSlots }, () => []),
      nodes: Array.from({ length: nSlots }, () => []),
      layers: Array.from({ length: nSlots }, () => []),
      protoTotals: counts,
      trailers: [],
      pkt: { data: new Uint8Array(0) },
      protoCache: new Array<ProtoValue[] | null>(nSlots).fill(null),
    };
    const { vals, nodes, layers, trailers } = frame;

    const add = (s: number, n: ProtoNode, v: Value) => {
      vals[s]!.push(v);
      nodes[s]!.push(n);
      if (trackLayers) {
        const p = layerProto[s]!;
        layers[s]!.push(p >= 0 ? counts[p]! : 0);
      }
    };

    const walk = (node: ProtoNode): void => {
      const kids = node.children!;
      for (let i = 0; i < kids.length; i++) {
        const c = kids[i]!;
        const f = c.field;
        if (f !== null) {
          const id = f.id;
          if (id < maxId) {
            if (trackLayers && protoOf[id]! >= 0) counts[protoOf[id]!]!++;
            const s = slotOf[id]!;
            if (s >= 0) {
              const m = modes[s]!;
              const v = c.value;
              if (m === Mode.Node) add(s, c, null);
              else if (v !== undefined && v !== null) add(s, c, m === Mode.Bool ? (v ? 1 : 0) : (v as Value));
            }
            if (isTrailer[id]) trailers.push(c.offset, node.offset, c.source);
          }
        }
        if (usesExperts && c.expert !== null) {
          const e = c.expert;
          if (sExpert >= 0) add(sExpert, c, null);
          if (sMessage >= 0) add(sMessage, c, e.message);
          if (sSeverity >= 0) add(sSeverity, c, SEVERITY_NAMES[e.def.severity]);
          if (sGroup >= 0) add(sGroup, c, GROUP_NAMES[e.def.group]);
        }
        if (c.children !== null) walk(c);
      }
    };

    const named = [...this.named];
    const treeFields = [...this.slotDefs, ...this.sameNameDefs];
    for (const id of trailerIds) treeFields.push(allFields()[id]!);
    for (const id of protoIndex.keys()) if (!treeFields.some((d) => d.id === id)) treeFields.push(allFields()[id]!);

    return {
      fields: named,
      treeFields,
      usesExperts,
      matches(tree: ProtoNode, pkt: PacketData): boolean {
        // Emptied only where something was added: setting an array's length is a runtime call
        // even when it is already 0, and this runs for every packet a filter reads.
        for (let s = 0; s < nSlots; s++) {
          if (vals[s]!.length !== 0) vals[s]!.length = 0;
          if (nodes[s]!.length !== 0) nodes[s]!.length = 0;
          if (layers[s]!.length !== 0) layers[s]!.length = 0;
          frame.protoCache[s] = null;
        }
        if (trailers.length !== 0) trailers.length = 0;
        counts.fill(0);
        frame.pkt = pkt;
        if (nSlots > 0 && tree.children !== null) walk(tree);
        return test(frame);
      },
    };
  }

  // ------------------------------------------------------------------------------------------
  // Tests

  private test(t: CTest): TestFn {
    switch (t.k) {
      case 'true':
        return () => true;
      case 'and': {
        const a = this.test(t.a);
        const b = this.test(t.b);
        return (f) => a(f) && b(f);
      }
      case 'or': {
        const a = this.test(t.a);
        const b = this.test(t.b);
        return (f) => a(f) || b(f);
      }
      case 'xor': {
        const a = this.test(t.a);
        const b = this.test(t.b);
        return (f) => a(f) !== b(f);
      }
      case 'not': {
        const a = this.test(t.a);
        return (f) => !a(f);
      }
      case 'exists': {
        const e = this.value(t.e, true);
        return (f) => e(f).length > 0;
      }
      case 'nonzero': {
        const e = this.value(t.e);
        // eslint-disable-next-line eqeqeq
        return (f) => e(f).some((v) => v != 0);
      }
      case 'cmp':
        return this.cmp(t);
      case 'contains': {
        if (t.kind === 'none') return () => false;
        const a = this.value(t.a);
        const b = this.value(t.b);
        const k = t.kind;
        const has =
          k === 'string'
            ? (x: Value, y: Value) => (x as string).includes(y as string)
            : (x: Value, y: Value) => bytesContain(valueBytes(k, x, true), valueBytes(k, y, false));
        return quantified(t.quant, a, b, has);
      }
      case 'matches': {
        if (t.kind === 'none') return () => false;
        const a = this.value(t.a);
        const re = t.re;
        const k = t.kind;
        const test =
          k === 'string' ? (x: Value) => re.test(x as string) : (x: Value) => re.test(latin1(valueBytes(k, x, true)));
        if (t.quant === 'all') return (f) => every(a(f), test);
        return (f) => a(f).some(test);
      }
      case 'in':
        return this.in(t);
    }
  }

  private cmp(t: Extract<CTest, { k: 'cmp' }>): TestFn {
    const a = this.value(t.a);
    const b = this.value(t.b);
    // Fields without a value (labels, expert items) compare with nothing, not even with `!=`.
    if (t.kind === 'none') return () => false;
    if (t.kind === null) {
      // Values of different types are never equal, smaller or larger; `!=` (none equal) holds.
      if (t.op === 'all_ne') return (f) => a(f).length > 0 && b(f).length > 0;
      return () => false;
    }
    const eq = equality(t.kind, t.prefix);
    const cmp = comparator(t.kind, t.prefix);
    const q = t.quant;
    switch (t.op) {
      case 'any_eq': {
        if (t.b.k === 'const' && !t.b.c.alternatives && q !== 'all') {
          const c = t.b.c.value;
          return (f) => {
            const A = a(f);
            for (let i = 0; i < A.length; i++) if (eq(A[i]!, c)) return true;
            return false;
          };
        }
        return quantified(q, a, b, eq);
      }
      case 'all_eq':
        // A value name that several values carry: every occurrence must be one of them.
        if (t.b.k === 'const' && t.b.c.alternatives) return quantified('all', a, b, eq);
        return q === 'any' ? (f) => someAll(a(f), b(f), eq) : (f) => allPairs(a(f), b(f), eq);
      case 'all_ne': {
        const ne = (x: Value, y: Value) => !eq(x, y);
        return q === 'any' ? (f) => someAll(a(f), b(f), ne) : (f) => allPairs(a(f), b(f), ne);
      }
      case 'any_ne':
        return quantified(q, a, b, (x, y) => !eq(x, y));
      case 'gt':
        return quantified(q, a, b, (x, y) => cmp(x, y) > 0);
      case 'ge':
        return quantified(q, a, b, (x, y) => cmp(x, y) >= 0);
      case 'lt':
        return quantified(q, a, b, (x, y) => cmp(x, y) < 0);
      case 'le':
        return quantified(q, a, b, (x, y) => cmp(x, y) <= 0);
    }
  }

  private in(t: Extract<CTest, { k: 'in' }>): TestFn {
    const a = this.value(t.a);
    const elems = t.elems.map((el) => this.element(el));
    const inSet = (f: Frame, x: Value) => {
      for (const e of elems) if (e(f, x)) return true;
      return false;
    };
    const test: TestFn = t.quant === 'all' ? (f) => every(a(f), (x) => inSet(f, x)) : (f) => a(f).some((x) => inSet(f, x));
    return t.negated ? (f) => !test(f) : test;
  }

  private element(el: CElement): (f: Frame, x: Value) => boolean {
    if (el.kind === null) return () => false;
    const lo = this.value(el.lo);
    if (!el.hi) {
      const eq = equality(el.kind, el.prefix);
      return (f, x) => lo(f).some((y) => eq(x, y));
    }
    const hi = this.value(el.hi);
    const cmp = comparator(el.kind, el.prefix);
    return (f, x) => lo(f).some((l) => cmp(x, l) >= 0) && hi(f).some((h) => cmp(x, h) <= 0);
  }

  // ------------------------------------------------------------------------------------------
  // Values

  /** `presence`: only the number of values will be looked at (no protocol bytes needed). */
  private value(v: VExpr, presence = false): ValFn {
    switch (v.k) {
      case 'const': {
        const list: readonly Value[] = v.c.alternatives ? v.c.alternatives : [v.c.value];
        return () => list;
      }
      case 'ref':
        return () => EMPTY;
      case 'field':
        return this.field(v, presence);
      case 'slice': {
        const of = this.value(v.of);
        const k = kindOf(v.of.type);
        const ranges = v.ranges;
        return (f) => {
          const out: Value[] = [];
          for (const x of of(f)) {
            const s = slice(valueBytes(k, x, false), ranges);
            if (s) out.push(s);
          }
          return out;
        };
      }
      case 'neg': {
        const a = this.value(v.a);
        return (f) => a(f).map(negate);
      }
      case 'arith': {
        const a = this.value(v.a);
        const b = this.value(v.b);
        const op = arithmetic(v.op, kindOf(v.type));
        return (f) => {
          const out: Value[] = [];
          for (const x of a(f)) for (const y of b(f)) {
            const r = op(x, y);
            if (r !== null) out.push(r);
          }
          return out;
        };
      }
      case 'func':
        return this.func(v);
    }
  }

  private field(v: Extract<VExpr, { k: 'field' }>, presence: boolean): ValFn {
    const s = this.slot(v.def);
    this.named.add(v.def);
    let get: ValFn;
    if (v.def.type === 'protocol' && !presence) {
      this.needTrailers = true;
      get = (f) => protoValues(f, s);
    } else {
      get = (f) => f.vals[s]!;
    }
    if (!v.layers) return get;
    this.trackLayers = true;
    const ranges = v.layers;
    return (f) => {
      const all = get(f);
      const ls = f.layers[s]!;
      const p = this.slotLayerProto[s]!;
      const total = p >= 0 ? f.protoTotals[p]! : 0;
      const out: Value[] = [];
      for (let i = 0; i < all.length; i++) if (inLayers(ls[i]!, total, ranges)) out.push(all[i]!);
      return out;
    };
  }

  private func(v: Extract<VExpr, { k: 'func' }>): ValFn {
    const args = v.args.map((a) => this.value(a, v.name === 'count'));
    const a0 = args[0]!;
    const t0 = v.args[0]!.type;
    switch (v.name) {
      case 'len':
        return (f) => a0(f).map((x) => valueLength(t0, x));
      case 'count':
        return (f) => {
          const n = a0(f).length;
          return n ? [n] : EMPTY;
        };
      case 'string':
        return (f) => a0(f).map((x) => valueString(t0, x) ?? '');
      case 'upper':
        return (f) => a0(f).map((x) => (x as string).toUpperCase());
      case 'lower':
        return (f) => a0(f).map((x) => (x as string).toLowerCase());
      case 'abs':
        return (f) => a0(f).map(absolute);
      case 'max': case 'min': {
        const cmp = comparator(kindOf(t0), undefined);
        const sign = v.name === 'max' ? 1 : -1;
        return (f) => {
          let best: Value | undefined;
          for (const a of args) for (const x of a(f)) if (best === undefined || sign * cmp(x, best) > 0) best = x;
          return best === undefined ? EMPTY : [best];
        };
      }
    }
  }
}

/** ∃a∃b p(a, b), or with `all`: every a has some b. */
function quantified(q: 'any' | 'all' | null, a: ValFn, b: ValFn, p: (x: Value, y: Value) => boolean): TestFn {
  if (q === 'all') {
    return (f) => {
      const A = a(f);
      const B = b(f);
      if (A.length === 0) return false;
      for (const x of A) if (!B.some((y) => p(x, y))) return false;
      return true;
    };
  }
  return (f) => {
    const A = a(f);
    if (A.length === 0) return false;
    const B = b(f);
    for (let i = 0; i < A.length; i++) for (let j = 0; j < B.length; j++) if (p(A[i]!, B[j]!)) return true;
    return false;
  };
}

/** Both sides present and p holds for every pair. */
function allPairs(A: readonly Value[], B: readonly Value[], p: (x: Value, y: Value) => boolean): boolean {
  if (A.length === 0 || B.length === 0) return false;
  for (const x of A) for (const y of B) if (!p(x, y)) return false;
  return true;
}

/** Some a for which p holds with every b. */
function someAll(A: readonly Value[], B: readonly Value[], p: (x: Value, y: Value) => boolean): boolean {
  if (B.length === 0) return false;
  return A.some((x) => B.every((y) => p(x, y)));
}

function every(A: readonly Value[], p: (x: Value) => boolean): boolean {
  return A.length > 0 && A.every(p);
}

/** Bytes of `b` selected by slice ranges; null when a range reaches outside. */
export function slice(b: Uint8Array, ranges: readonly RangeNode[]): Uint8Array | null {
  const L = b.length;
  const parts: Uint8Array[] = [];
  for (const r of ranges) {
    const start = r.from < 0 ? L + r.from : r.from;
    if (start < 0 || start > L) return null;
    let end: number;
    switch (r.kind) {
      case 'one':
        end = start + 1;
        break;
      case 'len':
        end = start + r.len;
        break;
      case 'end':
        end = L;
        break;
      case 'to':
        end = (r.to < 0 ? L + r.to : r.to) + 1;
        break;
    }
    if (end > L || end < start) return null;
    parts.push(b.subarray(start, end));
  }
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Does layer `n` (1-based; `total` layers) fall in one of the ranges? */
function inLayers(n: number, total: number, ranges: readonly RangeNode[]): boolean {
  for (const r of ranges) {
    const from = r.from < 0 ? total + r.from + 1 : r.from;
    switch (r.kind) {
      case 'one':
        if (n === from) return true;
        break;
      case 'len':
        if (n >= from && n < from + r.len) return true;
        break;
      case 'end':
        if (n >= from) return true;
        break;
      case 'to': {
        const to = r.to < 0 ? total + r.to + 1 : r.to;
        if (n >= from && n <= to) return true;
        break;
      }
    }
  }
  return false;
}

/** The bytes of the protocol items in slot `s` (computed once per packet). */
function protoValues(f: Frame, s: number): ProtoValue[] {
  const cached = f.protoCache[s];
  if (cached) return cached;
  const out: ProtoValue[] = [];
  for (const n of f.nodes[s]!) {
    const src = n.source === 0 ? f.pkt.data : f.pkt.sources?.[n.source - 1]?.data;
    if (!src) continue;
    const start = Math.min(n.offset, src.length);
    let allEnd = src.length;
    const t = f.trailers;
    for (let i = 0; i < t.length; i += 3) {
      // A trailer found by a layer below this protocol ends this protocol's data.
      if (t[i + 2] === n.source && t[i + 1]! < n.offset && t[i]! >= n.offset && t[i]! < allEnd) allEnd = t[i]!;
    }
    out.push({ length: n.length, item: src.subarray(start, Math.max(start, Math.min(n.offset + n.length, allEnd))), all: src.subarray(start, allEnd) });
  }
  f.protoCache[s] = out;
  return out;
}

function negate(v: Value): Value {
  if (typeof v === 'number' || typeof v === 'bigint') return -v;
  const t = v as Timestamp;
  return { sec: -t.sec, nsec: -t.nsec };
}

function absolute(v: Value): Value {
  if (typeof v === 'number') return Math.abs(v);
  if (typeof v === 'bigint') return v < 0n ? -v : v;
  const t = v as Timestamp;
  return t.sec < 0 || t.nsec < 0 ? { sec: -t.sec, nsec: -t.nsec } : t;
}

/** A binary arithmetic operation on values of kind `k`; null for no result (division by zero). */
function arithmetic(op: string, k: Kind): (x: Value, y: Value) => Value | null {
  if (k === 'reltime' || k === 'abstime') {
    const sign = op === '-' ? -1 : 1;
    return (x, y) => {
      const a = x as Timestamp;
      const b = y as Timestamp;
      let sec = a.sec + sign * b.sec;
      let nsec = a.nsec + sign * b.nsec;
      if (nsec >= 1e9) { sec++; nsec -= 1e9; } else if (nsec < 0 && sec > 0) { sec--; nsec += 1e9; }
      return { sec, nsec };
    };
  }
  const integer = k !== 'double';
  return (x, y) => {
    if (typeof x === 'bigint' || typeof y === 'bigint') {
      const a = BigInt(x as number | bigint);
      const b = BigInt(y as number | bigint);
      switch (op) {
        case '+': return a + b;
        case '-': return a - b;
        case '*': return a * b;
        case '/': return b === 0n ? null : a / b;
        case '%': return b === 0n ? null : a % b;
        default: return a & b;
      }
    }
    const a = x as number;
    const b = y as number;
    switch (op) {
      case '+': return a + b;
      case '-': return a - b;
      case '*': return a * b;
      case '/': return b === 0 ? null : integer ? Math.trunc(a / b) : a / b;
      case '%': return b === 0 ? null : a % b;
      default: return Number(BigInt(a) & BigInt(b));
    }
  };
}
