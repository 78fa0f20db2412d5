/**
 * The syntax tree of a display filter, as the parser builds it: every node keeps its position in
 * the filter text (`start` inclusive, `end` exclusive) for error messages.
 */
import type { FieldDef } from '../core/fields.js';

export interface Pos {
  start: number;
  end: number;
}

/** One range of a slice or layer list (Wireshark's drange_node). */
export type RangeNode =
  /** [i:n] — n items from i */
  | { kind: 'len'; from: number; len: number; text: string; start: number; end: number }
  /** [i-j] — from i to j inclusive */
  | { kind: 'to'; from: number; to: number; text: string; start: number; end: number }
  /** [i:] — from i to the end */
  | { kind: 'end'; from: number; text: string; start: number; end: number }
  /** [i] — item i */
  | { kind: 'one'; from: number; text: string; start: number; end: number };

export type ArithOp = '+' | '-' | '*' | '/' | '%' | '&';

/** Values: things that can be compared (Wireshark's entities and arithmetic expressions). */
export type Expr =
  /** A field or protocol name, optionally restricted to protocol layers (`ip.src#2`). */
  | ({ k: 'field'; name: string; def: FieldDef; layers: RangeNode[] | null } & Pos)
  /** A word that is not a field name: a literal whose meaning depends on the other side. */
  | ({ k: 'word'; text: string } & Pos)
  /** "…" or r"…" */
  | ({ k: 'string'; bytes: Uint8Array; text: string } & Pos)
  /** 'c' */
  | ({ k: 'char'; value: number; text: string } & Pos)
  | ({ k: 'slice'; of: Expr; ranges: RangeNode[] } & Pos)
  | ({ k: 'call'; name: string; nameAt: Pos; args: Expr[] } & Pos)
  /** ${field}: a field of the selected packet (there is none when filtering a file: no value). */
  | ({ k: 'ref'; def: FieldDef; name: string } & Pos)
  | ({ k: 'arith'; op: ArithOp; a: Expr; b: Expr; opAt: Pos } & Pos)
  | ({ k: 'neg'; a: Expr; opAt: Pos } & Pos);

/** Comparison operators, by their tshark 4.0 names. */
export type CmpOp = 'any_eq' | 'all_ne' | 'all_eq' | 'any_ne' | 'gt' | 'ge' | 'lt' | 'le';

export type Quantifier = 'any' | 'all' | null;

export interface SetElement {
  lo: Expr;
  hi: Expr | null;
}

/** Tests: things that are true or false. */
export type Test =
  | ({ k: 'and' | 'or' | 'xor'; a: Test; b: Test } & Pos)
  | ({ k: 'not'; a: Test } & Pos)
  /** `op` as written (`==`, `eq`…) is `opText`, for messages. */
  | ({ k: 'cmp'; op: CmpOp; opText: string; a: Expr; b: Expr; quant: Quantifier } & Pos)
  | ({ k: 'contains'; a: Expr; b: Expr; quant: Quantifier } & Pos)
  | ({ k: 'matches'; a: Expr; b: Expr; quant: Quantifier } & Pos)
  | ({ k: 'in'; a: Expr; set: SetElement[]; negated: boolean; quant: Quantifier } & Pos)
  /** A bare value: existence of a field, or a non-zero arithmetic result. */
  | ({ k: 'value'; e: Expr } & Pos);

export function span(a: Pos, b: Pos): Pos {
  return { start: a.start, end: b.end };
}
