/**
 * The semantic check (Wireshark's semcheck.c, 4.0 behaviour): gives every value a type from the
 * field registry, turns literals into constants of the type they are compared with, and rejects
 * what tshark rejects, with its messages:
 *
 *   - the left side of a comparison must be a field, slice or function (`1 == ip.src` is an error),
 *     and a bare literal is not a test (`foo` → "foo is neither a field nor a protocol name.");
 *   - literals take the type of the other side: `tcp.port == 0x50`, `ip.addr == 10.0.0.0/8`,
 *     `eth.src == 00:1b:21:aa:bb:cc`, `ip.proto == UDP` (a value name), `tcp.flags.syn == True`;
 *   - two fields must have compatible types; contains/matches only work on strings and bytes;
 *     slices only on byte-like values; arithmetic only on numbers.
 *
 * The result is a typed tree that compile.ts turns into closures.
 */
import type { FieldDef } from '../core/fields.js';
import type { CmpOp, Expr, Pos, Quantifier, RangeNode, Test } from './ast.js';
import { fail } from './errors.js';
import { compileRegex } from './regex.js';
import {
  canArith, canContain, canMatch, canNegate, canSlice, canString, compatible, fromChar, fromString, fromWord, ftName,
  kindOf, latin1, textOf, typeName, type Const, type FType, type Kind, type Value,
} from './values.js';
import type { Timestamp } from '../core/fields.js';

export type FuncName = 'len' | 'count' | 'string' | 'upper' | 'lower' | 'max' | 'min' | 'abs';

/** A typed value expression. */
export type VExpr =
  | { k: 'field'; type: FType; def: FieldDef; layers: RangeNode[] | null }
  | { k: 'const'; type: FType; c: Const }
  | { k: 'slice'; type: FType; of: VExpr; ranges: RangeNode[] }
  | { k: 'func'; type: FType; name: FuncName; args: VExpr[] }
  | { k: 'ref'; type: FType }
  | { k: 'arith'; type: FType; op: string; a: VExpr; b: VExpr }
  | { k: 'neg'; type: FType; a: VExpr };

export interface CElement {
  lo: VExpr;
  hi: VExpr | null;
  /** How lo/hi compare with the left side (null: the types differ, never equal). */
  kind: Kind | null;
  prefix?: number;
}

/** A typed test. */
export type CTest =
  | { k: 'true' }
  | { k: 'and' | 'or' | 'xor'; a: CTest; b: CTest }
  | { k: 'not'; a: CTest }
  | { k: 'exists'; e: VExpr }
  | { k: 'nonzero'; e: VExpr }
  /** `kind` null: the two sides have different types at run time (e.g. unsigned vs negative). */
  | { k: 'cmp'; op: CmpOp; quant: Quantifier; a: VExpr; b: VExpr; kind: Kind | null; prefix?: number }
  | { k: 'contains'; quant: Quantifier; a: VExpr; b: VExpr; kind: Kind }
  | { k: 'matches'; quant: Quantifier; a: VExpr; re: RegExp; kind: Kind }
  | { k: 'in'; quant: Quantifier; a: VExpr; elems: CElement[]; negated: boolean };

const FUNCS: Readonly<Record<FuncName, readonly [number, number]>> = {
  len: [1, 1], count: [1, 1], string: [1, 1], upper: [1, 1], lower: [1, 1], max: [1, Infinity], min: [1, Infinity], abs: [1, 1],
};

/** Checks a parsed filter against the field registry. Throws FilterError. */
export function checkFilter(t: Test | null, text: string): CTest {
  return t ? new Checker(text).test(t) : { k: 'true' };
}

function isLiteral(e: Expr): boolean {
  return e.k === 'word' || e.k === 'string' || e.k === 'char';
}

/** Literals, and arithmetic made of literals only. */
function isConstant(e: Expr): boolean {
  if (isLiteral(e)) return true;
  if (e.k === 'neg') return isConstant(e.a);
  if (e.k === 'arith') return isConstant(e.a) && isConstant(e.b);
  return false;
}

/** The leftmost literal of a constant expression (where tshark points). */
function firstLeaf(e: Expr): Pos {
  if (e.k === 'neg') return e.opAt;
  if (e.k === 'arith') return firstLeaf(e.a);
  return e;
}

class Checker {
  constructor(private readonly text: string) {}

  private src(p: Pos): string {
    return this.text.slice(p.start, p.end);
  }

  test(t: Test): CTest {
    switch (t.k) {
      case 'and': case 'or': case 'xor':
        return { k: t.k, a: this.test(t.a), b: this.test(t.b) };
      case 'not':
        return { k: 'not', a: this.test(t.a) };
      case 'value':
        return this.bare(t.e);
      case 'cmp':
        return this.cmp(t.op, t.opText, t.a, t.b, t.quant);
      case 'contains':
        return this.contains(t.a, t.b, t.quant);
      case 'matches':
        return this.matches(t.a, t.b, t.quant);
      case 'in':
        return this.in(t.a, t.set, t.negated, t.quant);
    }
  }

  /** A value on its own: a field's presence, or a non-zero result. */
  private bare(e: Expr): CTest {
    if (isLiteral(e)) fail(`${this.src(e)} is neither a field nor a protocol name.`, e);
    if (e.k === 'call') fail('You cannot test whether a function is present.', e.nameAt);
    if (e.k === 'field' || e.k === 'slice' || e.k === 'ref') return { k: 'exists', e: this.own(e) };
    return { k: 'nonzero', e: this.own(e) };
  }

  /** The left side of a comparison: must be a field, slice, function or arithmetic on one. */
  private lhs(e: Expr, what: string): VExpr {
    if (isLiteral(e)) fail(`Left side of ${what} expression must be a field or function, not ${this.src(e)}.`, e);
    return this.own(e);
  }

  /** A value whose type comes from itself (a field, slice, function, arithmetic on a field). */
  private own(e: Expr): VExpr {
    switch (e.k) {
      case 'field':
        return { k: 'field', type: e.def.type, def: e.def, layers: e.layers };
      case 'ref':
        return { k: 'ref', type: e.def.type };
      case 'slice': {
        if (isLiteral(e.of)) fail(`"${this.src(e.of)}" cannot be sliced into a sequence of bytes.`, e.of);
        const of = this.own(e.of);
        if (!canSlice(of.type)) fail(`"${this.src(e.of)}" is a ${typeName(of.type)} and cannot be sliced into a sequence of bytes.`, e.of);
        return { k: 'slice', type: 'bytes', of, ranges: e.ranges };
      }
      case 'call':
        return this.call(e);
      case 'arith': {
        if (isConstant(e.a)) fail('Constant arithmetic expression on the LHS is invalid.', firstLeaf(e.a));
        const a = this.own(e.a);
        if (!canArith(a.type, e.op)) fail(`${ftName(a.type)} cannot ${e.op}.`, e.a);
        const b = this.against(e.b, a.type, undefined, false);
        return { k: 'arith', type: a.type, op: e.op, a, b };
      }
      case 'neg': {
        if (isConstant(e.a)) fail('Constant arithmetic expression on the LHS is invalid.', e.opAt);
        const a = this.own(e.a);
        if (!canNegate(a.type)) fail(`${ftName(a.type)} cannot -.`, e.opAt);
        return { k: 'neg', type: negType(a.type), a };
      }
      default:
        return fail(`Left side of expression must be a field or function, not ${this.src(e)}.`, e);
    }
  }

  private call(e: Extract<Expr, { k: 'call' }>): VExpr {
    const name = e.name as FuncName;
    const limits = Object.prototype.hasOwnProperty.call(FUNCS, name) ? FUNCS[name] : undefined;
    if (!limits) fail(`Function '${e.name}' does not exist`, e.nameAt);
    if (e.args.length < limits[0]) fail(`Function ${name} needs at least ${limits[0]} arguments.`, e.nameAt);
    if (e.args.length > limits[1]) fail(`Function ${name} can only accept ${limits[1]} arguments.`, e.nameAt);
    const fieldArg = (): VExpr => {
      const a = e.args[0]!;
      if (a.k !== 'field') fail(`Only fields can be used as parameter for ${name}()`, a);
      return this.own(a);
    };
    switch (name) {
      case 'len':
        return { k: 'func', type: 'uint32', name, args: [fieldArg()] };
      case 'count':
        return { k: 'func', type: 'uint32', name, args: [fieldArg()] };
      case 'string': {
        const a = fieldArg();
        if (!canString(a.type)) fail(`String conversion for field "${this.src(e.args[0]!)}" is not supported`, e.args[0]!);
        return { k: 'func', type: 'string', name, args: [a] };
      }
      case 'upper': case 'lower': {
        const a = e.args[0]!;
        if (a.k !== 'field' || kindOf(a.def.type) !== 'string') fail(`Only string type fields can be used as parameter for ${name}()`, a);
        return { k: 'func', type: 'string', name, args: [this.own(a)] };
      }
      case 'max': case 'min': {
        const args = e.args.map((a) => {
          if (isConstant(a)) fail('Constant arithmetic expression on the LHS is invalid.', firstLeaf(a));
          return this.own(a);
        });
        const t0 = args[0]!.type;
        args.forEach((a, i) => {
          if (a.type !== t0) fail(`Arguments to '${name}' must have the same type (expected ${ftName(t0)}, got ${ftName(a.type)})`, e.args[i]!);
        });
        return { k: 'func', type: t0, name, args };
      }
      case 'abs': {
        const a0 = e.args[0]!;
        if (isConstant(a0)) fail('Constant arithmetic expression on the LHS is invalid.', firstLeaf(a0));
        const a = this.own(a0);
        if (!canNegate(a.type)) fail(`${ftName(a.type)} cannot -.`, a0);
        return { k: 'func', type: a.type, name, args: [a] };
      }
    }
  }

  /**
   * A value on the right of something of type `t`: literals become constants of that type; a
   * field must have a compatible type. `hf` is the left field (value names); `partial` allows
   * short byte strings (contains).
   */
  private against(e: Expr, t: FType, hf: FieldDef | undefined, partial: boolean, lhs?: Pos): VExpr {
    switch (e.k) {
      case 'word':
        return constant(fromWord(e.text, t, hf, partial, e));
      case 'string':
        return constant(fromString(e.bytes, t, hf, e));
      case 'char':
        return constant(fromChar(e.value, e.text, t, e));
      case 'neg':
        if (isConstant(e.a)) {
          if (!canNegate(t)) fail(`${ftName(t)} cannot -.`, e.opAt);
          const a = this.against(e.a, t, hf, partial, lhs);
          return { k: 'neg', type: negType(t), a };
        }
        break;
      case 'arith':
        if (isConstant(e.a)) {
          if (!canArith(t, e.op)) fail(`${ftName(t)} cannot ${e.op}.`, e.opAt);
          const a = this.against(e.a, t, hf, partial, lhs);
          const b = this.against(e.b, t, hf, partial, lhs);
          return { k: 'arith', type: t, op: e.op, a, b };
        }
        break;
    }
    const v = this.own(e);
    if (!compatible(t, v.type)) {
      if (kindOf(t) === 'bytes' && e.k === 'field') {
        fail(`"${this.src(e)}" is a ${typeName(v.type)} and cannot be converted into a sequence of bytes.`, e);
      }
      fail(`${lhs ? this.src(lhs) : ftName(t)} and ${this.src(e)} are not of compatible types.`, e);
    }
    return v;
  }

  private cmp(op: CmpOp, opText: string, ea: Expr, eb: Expr, quant: Quantifier): CTest {
    const a = this.lhs(ea, `"${opText}"`);
    const b = this.against(eb, a.type, hfOf(a), false, ea);
    return { k: 'cmp', op, quant, a, b, kind: runtimeKind(a.type, b.type), prefix: prefixOf(b) };
  }

  private contains(ea: Expr, eb: Expr, quant: Quantifier): CTest {
    const a = this.lhs(ea, 'contains');
    if (!canContain(a.type)) fail(`${this.src(ea)} (type=${typeName(a.type)}) cannot participate in contains comparison.`, ea);
    const b = this.against(eb, a.type, hfOf(a), true, ea);
    return { k: 'contains', quant, a, b, kind: kindOf(a.type) };
  }

  private matches(ea: Expr, eb: Expr, quant: Quantifier): CTest {
    const a = this.lhs(ea, 'matches');
    if (!canMatch(a.type)) fail(`${this.src(ea)} (type=${typeName(a.type)}) cannot participate in matches comparison.`, ea);
    if (eb.k !== 'string') fail('Matches requires a double quoted string on the right side.', eb);
    const kind = kindOf(a.type);
    // Strings are matched as text, everything else byte by byte (one Latin-1 character per byte).
    const re = compileRegex(kind === 'string' ? textOf(eb.bytes) : latin1(eb.bytes));
    if (typeof re === 'string') fail(re, eb);
    return { k: 'matches', quant, a, re, kind };
  }

  private in(ea: Expr, set: readonly { lo: Expr; hi: Expr | null }[], negated: boolean, quant: Quantifier): CTest {
    if (ea.k !== 'field' && ea.k !== 'slice') fail('Only a field may be tested for membership in a set.', ea);
    const a = this.own(ea);
    const hf = hfOf(a);
    const elems = set.map((el): CElement => {
      const lo = this.against(el.lo, a.type, hf, false, ea);
      const hi = el.hi ? this.against(el.hi, a.type, hf, false, ea) : null;
      let kind = runtimeKind(a.type, lo.type);
      if (hi && runtimeKind(a.type, hi.type) === null) kind = null;
      const p = [prefixOf(lo), hi ? prefixOf(hi) : undefined].filter((x): x is number => x !== undefined);
      return { lo, hi, kind, prefix: p.length ? Math.min(...p) : undefined };
    });
    return { k: 'in', quant, a, elems, negated };
  }
}

function constant(c: Const): VExpr {
  return { k: 'const', type: c.type, c };
}

/** The field whose value names a literal may use. */
function hfOf(v: VExpr): FieldDef | undefined {
  return v.k === 'field' ? v.def : undefined;
}

function prefixOf(v: VExpr): number | undefined {
  return v.k === 'const' ? v.c.prefix : undefined;
}

/** Negating an unsigned value gives a signed one. */
function negType(t: FType): FType {
  const k = kindOf(t);
  return k === 'uint' || k === 'uint64' ? 'int64' : t;
}

/** The kind two values of these types compare as, or null when they never compare equal. */
export function runtimeKind(a: FType, b: FType): Kind | null {
  const ka = kindOf(a);
  const kb = kindOf(b);
  if (ka === kb) return ka;
  if ((ka === 'ether' || ka === 'bytes') && (kb === 'ether' || kb === 'bytes')) return 'bytes';
  if ((ka === 'uint' || ka === 'uint64') && (kb === 'uint' || kb === 'uint64')) return 'uint64';
  return null;
}

/** Negates a constant value (for folding). */
export function negateValue(v: Value): Value {
  if (typeof v === 'number') return -v;
  if (typeof v === 'bigint') return -v;
  if (v && typeof v === 'object' && 'sec' in v) return { sec: -(v as Timestamp).sec, nsec: -(v as Timestamp).nsec };
  return v;
}
