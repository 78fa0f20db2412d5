/**
 * `-z io,stat,INTERVAL[,COLUMN]...` read as tshark's iostat_init and register_io_tap read it:
 * the interval in seconds (0: the whole capture) and its decimals, then columns split at commas —
 * a piece that is not a valid column is joined with the next one, since a filter may hold commas
 * — each a display filter, empty (frames and bytes), or FUNC(field)filter with FUNC one of FRAMES,
 * BYTES, FRAMES BYTES, COUNT, SUM, MIN, MAX, AVG, LOAD (the field's type must allow it).
 */
import { fieldByName, type FieldDef } from '../../dissectors/core/fields.js';
import { compileFilter } from '../../dissectors/filter/index.js';
import type { IoCalc, IoColumn, IoStatSpec } from '../../dissectors/stats/io-stat.js';

const USAGE = 'invalid "-z io,stat,<interval>[,<filter>][,<filter>]..." argument';
const CALCS: readonly IoCalc[] = ['FRAMES', 'BYTES', 'FRAMES BYTES', 'COUNT', 'SUM', 'MIN', 'MAX', 'AVG', 'LOAD'];
const INTEGER_TYPES = new Set(['uint8', 'uint16', 'uint24', 'uint32', 'uint64', 'int8', 'int16', 'int32']);

/** One column, or why it is not one. */
function column(text: string | null): IoColumn | string {
  if (text === null) return { calc: 'FRAMES BYTES', field: null, filter: null, text: null };
  let calc: IoCalc = 'FRAMES BYTES';
  let flt = text;
  let field: FieldDef | null = null;
  let fname = '';
  // Every name the column starts with, in order, as tshark tries them ("FRAMES BYTES" matches
  // FRAMES first, then itself).
  for (const name of CALCS) {
    if (!text.startsWith(name)) continue;
    calc = name;
    if (text[name.length] !== '(') {
      // FRAMES or BYTES alone: that count of every packet.
      if (name === 'FRAMES' || name === 'BYTES') flt = '';
      continue;
    }
    const close = text.indexOf(')', name.length + 1);
    if (close < 0) return 'Closing parenthesis missing from calculated expression.';
    fname = text.slice(name.length + 1, close);
    const countsOnly = name === 'FRAMES' || name === 'BYTES';
    if (countsOnly && fname !== '') return `${name} does not require or allow a field name within the parens.`;
    if (!countsOnly && fname === '') return `You didn't specify a field name for ${name}(*).`;
    flt = text.slice(close + 1);
    if (!countsOnly) {
      field = fieldByName(fname) ?? null;
      if (!field) return `There is no field named '${fname}'.`;
    }
    break;
  }
  if (field && calc !== 'COUNT') {
    const t = field.type;
    if (t === 'float' || t === 'double') {
      if (calc === 'LOAD') return `${fname} is a float field, so ${calc}(*) calculations are not supported on it.`;
    } else if (t === 'rel_time') {
      // SUM, MIN, MAX, AVG and LOAD.
    } else if (!INTEGER_TYPES.has(t)) {
      return `${fname} doesn't have integral values, so ${calc}(*) calculations are not supported on it.`;
    } else if (calc === 'LOAD') {
      return 'LOAD() is only supported for relative-time fields such as smb.time';
    }
  }
  let filter = null;
  if (flt.trim() !== '') {
    const r = compileFilter(flt);
    if (!r.ok) return `"${flt}" isn't a valid display filter: ${r.error.message}`;
    filter = r.filter.empty ? null : r.filter;
  }
  return { calc, field, filter, text };
}

/** The interval in µs and its decimals, and where the columns start in `v` (after "io,stat,"). */
function interval(v: string): { us: number; prec: number; rest: string } | string {
  const m = /^io,stat,([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/.exec(v);
  if (!m || v.endsWith(',')) return USAGE;
  const rest = v.slice(m[0].length);
  if (rest !== '' && !rest.startsWith(',')) return USAGE;
  const f = Number(m[1]);
  if (f === 0) return { us: Infinity, prec: 0, rest };
  const us = Math.floor(f * 1e6 + 0.5);
  if (us < 1) return '"-z" interval must be >=0.000001 seconds or "0" for the entire capture duration.';
  let prec = 6;
  for (let i = 10; i < 1e7; i *= 10) {
    if (us % i > 0) break;
    prec--;
  }
  // "1.00,…": as many decimals as written, though the interval is whole seconds. Without a
  // column after it, tshark 4.0 measures to a comma it does not find and shows six.
  const dot = m[1]!.indexOf('.');
  if (prec === 0 && dot >= 0) {
    const decimals = m[1]!.length - dot - 1;
    if (rest === '') prec = 6;
    else if (decimals > 0) prec = Math.min(decimals, 6);
  }
  return { us, prec, rest };
}

/** Parses `io,stat,…`; null when `v` is not an io,stat argument. */
export function parseIoStat(v: string): IoStatSpec | string | null {
  if (v !== 'io,stat' && !v.startsWith('io,stat,')) return null;
  const iv = interval(v);
  if (typeof iv === 'string') return iv;
  const columns: IoColumn[] = [];
  if (iv.rest === '') {
    columns.push(column(null) as IoColumn);
    return { interval: iv.us, invlPrec: iv.prec, columns };
  }
  // Columns between commas; a piece that is no column takes the next piece with it.
  const pieces = iv.rest.slice(1).split(',');
  let start = 0;
  let error = '';
  for (let end = 0; end < pieces.length; end++) {
    const raw = pieces.slice(start, end + 1).join(',');
    const text = raw.trim();
    const c = column(text === '' ? null : text);
    if (typeof c === 'string') {
      error = c;
      continue;
    }
    columns.push(c);
    error = '';
    start = end + 1;
  }
  if (error) return `Couldn't register io,stat tap: ${error}`;
  return { interval: iv.us, invlPrec: iv.prec, columns };
}
