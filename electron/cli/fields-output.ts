/**
 * `-T fields` rows exactly as tshark 4.0 writes them (epan/print.c write_specified_fields):
 *
 * - values come from the decode tree in tree order (dissectors/output/fields.ts FieldSelector);
 *   `_ws.col.<Title>` names a summary column (`_ws.col.Info`, `_ws.col.Protocol`, …);
 * - occurrence=f|l|a keeps the first, last or all values (a: joined by the aggregator);
 *   occurrence=<n> (a Packetloom extension) keeps the n-th, counted from the end when negative;
 * - a field with no value prints nothing, not even quotes; others are wrapped in the quote
 *   character when one is set; \b \f \n \r \t inside values are written as escapes;
 * - a field named twice gets its values in its LAST column only (tshark indexes fields by name,
 *   so the earlier column stays empty): kept on purpose, to print what tshark prints.
 */
import { fieldByName } from '../../dissectors/core/fields.js';
import type { ProtoNode } from '../../dissectors/core/tree.js';
import { FieldSelector } from '../../dissectors/output/fields.js';
import type { FieldOutputOptions } from './args.js';
import { COLUMN_TITLES, type SummaryColumns } from './columns.js';

export const COLUMN_PREFIX = '_ws.col.';

const COLUMN_BY_TITLE: ReadonlyMap<string, keyof SummaryColumns> = new Map(
  (Object.entries(COLUMN_TITLES) as [keyof SummaryColumns, string][]).map(([k, t]) => [t, k]),
);

/** Names that are neither registered fields nor `_ws.col.*` columns (tshark's "Some fields aren't valid"). */
export function invalidFields(names: readonly string[]): string[] {
  return names.filter((n) => !n.startsWith(COLUMN_PREFIX) && !fieldByName(n));
}

/** True when some field needs the summary columns. */
export function needsColumns(names: readonly string[]): boolean {
  return names.some((n) => n.startsWith(COLUMN_PREFIX));
}

function pick(values: string[], occurrence: FieldOutputOptions['occurrence']): string[] {
  if (values.length === 0 || occurrence === 'a') return values;
  if (occurrence === 'f') return [values[0]!];
  if (occurrence === 'l') return [values[values.length - 1]!];
  const i = occurrence > 0 ? occurrence - 1 : values.length + occurrence;
  const v = values[i];
  return v === undefined ? [] : [v];
}

/** The field selector of each list of names (a run passes the same array for every packet). */
const selectors = new WeakMap<readonly string[], { fields: FieldSelector; isLast: boolean[] }>();

/**
 * The selected values of every wanted field of one packet (one array per name, in the order of
 * `names`), with tshark's rule for names given twice.
 */
export function selectFieldValues(
  tree: ProtoNode,
  names: readonly string[],
  occurrence: FieldOutputOptions['occurrence'],
  columns?: SummaryColumns,
): string[][] {
  let sel = selectors.get(names);
  if (sel === undefined) {
    const last = new Map<string, number>();
    names.forEach((n, i) => last.set(n, i));
    sel = { fields: new FieldSelector(names), isLast: names.map((n, i) => last.get(n) === i) };
    selectors.set(names, sel);
  }
  const treeValues = sel.fields.extract(tree);
  const isLast = sel.isLast;
  return names.map((name, i) => {
    if (!isLast[i]) return [];
    let values = treeValues[i]!;
    if (name.startsWith(COLUMN_PREFIX)) {
      const key = COLUMN_BY_TITLE.get(name.slice(COLUMN_PREFIX.length));
      values = key && columns ? [...values, columns[key]] : values;
    }
    return pick(values, occurrence);
  });
}

/** tshark's print_escaped_csv. */
export function escapeFieldText(s: string): string {
  if (!/[\b\f\n\r\t]/.test(s)) return s;
  return s.replace(/[\b\f\n\r\t]/g, (c) => (c === '\b' ? '\\b' : c === '\f' ? '\\f' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t'));
}

/** The header line (field names joined by the separator), without newline. */
export function fieldsHeader(names: readonly string[], opts: FieldOutputOptions): string {
  return names.join(opts.separator);
}

/** One row (without newline) from selectFieldValues' result. */
export function fieldsRow(values: readonly string[][], opts: FieldOutputOptions): string {
  let row = '';
  for (let i = 0; i < values.length; i++) {
    if (i) row += opts.separator;
    const v = values[i]!;
    if (v.length === 0) continue;
    row += opts.quote + escapeFieldText(v.join(opts.aggregator)) + opts.quote;
  }
  return row;
}
