/**
 * The display-filter parser (Wireshark's grammar.lemon, 4.0), by recursive descent:
 *
 *   filter     := ε | test
 *   test       := test OR test | test XOR test | test AND test | NOT test | ( test ) | relation
 *                 (or < xor < and < not)
 *   relation   := [any | all] value cmp value [cmp value …]      a < b <= c means a < b and b <= c
 *               | [any | all] entity contains entity
 *               | [any | all] entity matches entity
 *               | [any | all] entity [not] in { element, … }     element := entity [.. entity]
 *               | value                                          existence / non-zero
 *   value      := value & value | value + value | value - value | value * value | value / value
 *               | value % value | + entity | - entity | { value } | entity
 *                 (& < + - < * / % < unary)
 *   entity     := string | 'c' | word | field [# layer] | ${ field } | word ( value, … )
 *               | entity [ range, … ]
 *
 * Names are looked up in the field registry here, as Wireshark's scanner does: a word that names
 * a field or protocol is a field, any other word a literal for the semantic check to interpret.
 */
import { fieldByName } from '../core/fields.js';
import type { ArithOp, CmpOp, Expr, Pos, Quantifier, RangeNode, SetElement, Test } from './ast.js';
import { FilterError } from './errors.js';
import { COMPARISONS, tokenize, type Token, type TokenKind } from './lexer.js';

/** Parses a filter; null for an empty filter (which matches every packet). Throws FilterError. */
export function parseFilter(text: string): Test | null {
  return new Parser(tokenize(text)).filter();
}

const ARITH: Readonly<Partial<Record<TokenKind, readonly [ArithOp, number]>>> = {
  bitand: ['&', 1], plus: ['+', 2], minus: ['-', 2], star: ['*', 3], slash: ['/', 3], percent: ['%', 3],
};

class Parser {
  private i = 0;

  constructor(private readonly toks: Token[]) {}

  private peek(k = 0): Token {
    return this.toks[Math.min(this.i + k, this.toks.length - 1)]!;
  }

  private next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.i++;
    return t;
  }

  private unexpected(t: Token): never {
    if (t.kind === 'eof') throw new FilterError('Unexpected end of filter expression.', t.start, t.end);
    throw new FilterError(`"${t.text}" was unexpected in this context.`, t.start, t.end);
  }

  private expect(kind: TokenKind): Token {
    const t = this.peek();
    if (t.kind !== kind) this.unexpected(t);
    return this.next();
  }

  filter(): Test | null {
    if (this.peek().kind === 'eof') return null;
    const t = this.or();
    if (this.peek().kind !== 'eof') this.unexpected(this.peek());
    return t;
  }

  private binary(kind: 'or' | 'xor' | 'and', sub: () => Test): Test {
    let a = sub();
    while (this.peek().kind === kind) {
      this.next();
      const b = sub();
      a = { k: kind, a, b, start: a.start, end: b.end };
    }
    return a;
  }

  private or(): Test {
    return this.binary('or', () => this.xor());
  }

  private xor(): Test {
    return this.binary('xor', () => this.and());
  }

  private and(): Test {
    return this.binary('and', () => this.not());
  }

  private not(): Test {
    const t = this.peek();
    if (t.kind === 'not') {
      this.next();
      const a = this.not();
      return { k: 'not', a, start: t.start, end: a.end };
    }
    if (t.kind === 'lparen') {
      this.next();
      const e = this.or();
      this.expect('rparen');
      return e;
    }
    return this.relation();
  }

  private relation(): Test {
    let quant: Quantifier = null;
    const q = this.peek();
    if (q.kind === 'any' || q.kind === 'all') {
      this.next();
      quant = q.kind;
    }
    const a = this.value();
    const t = this.peek();
    const start = quant ? q.start : a.start;
    if (COMPARISONS.has(t.kind)) {
      // a op b [op c …]: each comparison shares its operands with its neighbours.
      let left = a;
      let test: Test | null = null;
      while (COMPARISONS.has(this.peek().kind)) {
        const op = this.next();
        const right = this.value();
        const cmp: Test = { k: 'cmp', op: op.kind as CmpOp, opText: op.text, a: left, b: right, quant, start: left.start, end: right.end };
        test = test ? { k: 'and', a: test, b: cmp, start, end: right.end } : cmp;
        left = right;
      }
      if (test!.k === 'cmp') test!.start = start;
      return test!;
    }
    if (t.kind === 'contains' || t.kind === 'matches' || t.kind === 'in' || (t.kind === 'not' && this.peek(1).kind === 'in')) {
      // These take an entity on the left, not an arithmetic expression.
      if (a.k === 'arith' || a.k === 'neg' || braced(a)) this.unexpected(t);
      if (t.kind === 'contains' || t.kind === 'matches') {
        this.next();
        const b = this.entity();
        return { k: t.kind, a, b, quant, start, end: b.end };
      }
      const negated = t.kind === 'not';
      if (negated) this.next();
      this.next();
      const { set, end } = this.set();
      return { k: 'in', a, set, negated, quant, start, end };
    }
    if (quant) this.unexpected(t);
    return { k: 'value', e: a, start: a.start, end: a.end };
  }

  private set(): { set: SetElement[]; end: number } {
    this.expect('lbrace');
    const set: SetElement[] = [];
    for (;;) {
      const lo = this.setEntity();
      let hi: Expr | null = null;
      if (this.peek().kind === 'dotdot') {
        this.next();
        hi = this.setEntity();
      }
      set.push({ lo, hi });
      const t = this.peek();
      if (t.kind === 'comma') {
        this.next();
        continue;
      }
      if (t.kind === 'rbrace') {
        this.next();
        return { set, end: t.end };
      }
      // Wireshark 3.x separated set elements with whitespace (`{80 443 8000..8080}`), and the
      // issue writes them so; tshark 4 wants commas. Both are accepted: another element may
      // follow directly, and anything else is still an error at that token.
      if (t.kind === 'eof') this.unexpected(t);
    }
  }

  private setEntity(): Expr {
    const t = this.peek();
    if (t.kind === 'plus') {
      this.next();
      return this.entity();
    }
    if (t.kind === 'minus') {
      this.next();
      const a = this.entity();
      return { k: 'neg', a, opAt: pos(t), start: t.start, end: a.end };
    }
    return this.entity();
  }

  /** value := arithmetic over entities, by precedence climbing. */
  private value(minPrec = 1): Expr {
    let a = this.unary();
    for (;;) {
      const t = this.peek();
      const op = ARITH[t.kind];
      if (!op || op[1] < minPrec) return a;
      this.next();
      const b = this.value(op[1] + 1);
      a = { k: 'arith', op: op[0], a, b, opAt: pos(t), start: a.start, end: b.end };
    }
  }

  private unary(): Expr {
    const t = this.peek();
    if (t.kind === 'plus') {
      this.next();
      return this.entity();
    }
    if (t.kind === 'minus') {
      this.next();
      const a = this.entity();
      return { k: 'neg', a, opAt: pos(t), start: t.start, end: a.end };
    }
    if (t.kind === 'lbrace') {
      this.next();
      const e = this.value();
      this.expect('rbrace');
      BRACED.add(e);
      return e;
    }
    return this.entity();
  }

  private entity(): Expr {
    const t = this.next();
    let e: Expr;
    switch (t.kind) {
      case 'string':
        e = { k: 'string', bytes: t.bytes!, text: t.text, start: t.start, end: t.end };
        break;
      case 'charconst':
        e = { k: 'char', value: t.value!, text: t.text, start: t.start, end: t.end };
        break;
      case 'dollar': {
        this.expect('lbrace');
        const w = this.expect('word');
        const def = fieldByName(w.text);
        if (!def) throw new FilterError(`${w.text} is not a valid field`, w.start, w.end);
        const close = this.expect('rbrace');
        e = { k: 'ref', def, name: w.text, start: t.start, end: close.end };
        break;
      }
      case 'word': {
        if (this.peek().kind === 'lparen') {
          this.next();
          const args: Expr[] = [];
          if (this.peek().kind !== 'rparen') {
            args.push(this.value());
            while (this.peek().kind === 'comma') {
              this.next();
              args.push(this.value());
            }
          }
          const close = this.expect('rparen');
          e = { k: 'call', name: t.text, nameAt: pos(t), args, start: t.start, end: close.end };
          break;
        }
        const def = fieldByName(t.text);
        let layers: RangeNode[] | null = null;
        let end = t.end;
        if (this.peek().kind === 'hash') {
          this.next();
          const l = this.peek();
          if (l.kind === 'layer') {
            this.next();
            layers = [{ kind: 'one', from: Number(l.text), text: l.text, start: l.start, end: l.end }];
            end = l.end;
          } else if (l.kind === 'lbracket') {
            this.next();
            layers = this.ranges();
            end = this.peek(-1).end;
          } else {
            this.unexpected(l);
          }
          if (!def) throw new FilterError(`${t.text} is not a valid field`, t.start, t.end);
        }
        e = def ? { k: 'field', name: t.text, def, layers, start: t.start, end } : { k: 'word', text: t.text, start: t.start, end: t.end };
        break;
      }
      default:
        this.unexpected(t);
    }
    while (this.peek().kind === 'lbracket') {
      this.next();
      const ranges = this.ranges();
      e = { k: 'slice', of: e, ranges, start: e.start, end: this.peek(-1).end };
    }
    return e;
  }

  /** range, … ] (after the `[`). */
  private ranges(): RangeNode[] {
    const out: RangeNode[] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'range') this.unexpected(t);
      this.next();
      out.push(parseRange(t));
      const s = this.next();
      if (s.kind === 'rbracket') return out;
      if (s.kind !== 'comma') this.unexpected(s);
    }
  }
}

/** Expressions written in braces ({a + b}): not entities, so not allowed before contains/in. */
const BRACED = new WeakSet<Expr>();

function braced(e: Expr): boolean {
  return BRACED.has(e);
}

function pos(t: Pos): Pos {
  return { start: t.start, end: t.end };
}

/** One slice range: `i:n`, `i-j`, `i:`, `:n`, `i` (i may be negative: from the end). */
export function parseRange(t: Token): RangeNode {
  const s = t.text;
  const at = { text: s, start: t.start, end: t.end };
  let m = /^(-?[0-9]+)(.*)$/.exec(s);
  let from: number;
  let rest: string;
  if (m) {
    from = Number(m[1]);
    rest = m[2]!;
  } else if (s.startsWith(':')) {
    from = 0;
    rest = s;
  } else {
    const bad = /^[^:-]*/.exec(s)![0] || s;
    throw new FilterError(`"${bad}" is not a valid number.`, t.start, t.start + bad.length);
  }
  if (rest === '') return { kind: 'one', from, ...at };
  if (rest === ':') return { kind: 'end', from, ...at };
  if ((m = /^:([0-9]+)$/.exec(rest))) return { kind: 'len', from, len: Number(m[1]), ...at };
  if ((m = /^-(-?[0-9]+)$/.exec(rest))) {
    const to = Number(m[1]);
    // tshark 4.0 wants i < j (a one-item range is [i] or [i:1]).
    if (from >= 0 && to >= 0 && from >= to) throw new FilterError(`Range ${s} isn't valid because ${from} is greater or equal than ${to}`, t.start, t.end);
    return { kind: 'to', from, to, ...at };
  }
  throw new FilterError(`"${s}" is not a valid range.`, t.start, t.end);
}
