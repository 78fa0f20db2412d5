/**
 * The table of `-z io,stat` (dissectors/stats/io-stat.ts) as tshark 4.0's tap-iostat.c draws it,
 * character for character: the widths it derives from the capture's duration and from the largest
 * value each column held, its centred labels (and the label it leaves out of a wide column), the
 * last interval written "<> Dur", and the interval as time since the first packet or (-t a, ad,
 * adoy, u, ud, udoy) as the time of day.
 */
import { IoStat, MAX_INTERVALS, type IoCalc, type IoColumnData } from '../../dissectors/stats/io-stat.js';
import type { TimeColumn } from './time-column.js';

/** Digits of `val`, at most `max` (tshark's magnitude()). */
function magnitude(val: number, max: number): number {
  let mag = 0;
  for (let i = 0; i < max; i++) {
    mag++;
    val = Math.floor(val / 10);
    if (val === 0) break;
  }
  return mag;
}

const right = (s: string, w: number) => s.padStart(w, ' ');
const left = (s: string, w: number) => s.padEnd(w, ' ');
/** printf("%*s", w, "|"): the bar right-aligned in `w`. */
const bar = (w: number) => right('|', w);

/** tshark's printcenter(): a label centred in a column of `lenval` (nothing at all when the column is much wider). */
function center(label: string, lenval: number): string {
  const lenlab = label.length;
  const len = 6 - (Math.trunc((lenval - lenlab) / 2) + 1);
  if (len > 0 && len < 6) {
    const sp = ' '.repeat(6 - len);
    return (lenval - lenlab) % 2 === 0 ? `${sp}${label}${sp}|` : ` ${sp}${label}${sp}|`;
  }
  if (len > 0 && len <= 15) return `${label}|`;
  return '';
}

interface Width {
  fr: number;
  val: number;
}

type ValueKind = 'int' | 'real' | 'time';

function valueKind(d: IoColumnData): ValueKind {
  const t = d.col.field?.type;
  if (d.col.calc === 'COUNT' || d.col.calc === 'BYTES' || d.col.calc === 'FRAMES' || d.col.calc === 'FRAMES BYTES') return 'int';
  if (t === 'double' || t === 'float') return 'real';
  if (t === 'rel_time') return 'time';
  return 'int';
}

const NAME_LEN = (c: IoCalc) => (c === 'FRAMES BYTES' ? 5 : c.length);

/** The whole table, with its leading blank line. */
export function ioStatText(io: IoStat, time: TimeColumn): string {
  const spec = io.spec;
  const lines: string[] = [''];
  let duration = io.elapsedSec * 1e6 + Math.floor((io.elapsedNsec + 500) / 1000);
  let interval: number;
  let whole = false;
  if (spec.interval > duration || spec.interval === Infinity) {
    interval = duration;
    whole = true;
  } else {
    interval = spec.interval;
  }
  let durSecs = Math.floor(duration / 1e6);
  let durMag = magnitude(durSecs, 5);
  const invlMag = magnitude(Math.floor(interval / 1e6), 5);
  let invlPrec: number;
  let borderlen: number;
  if (interval === duration) {
    invlPrec = durMag >= 2 ? 1 : durMag === 1 ? 3 : 6;
    borderlen = 30 + durMag + (invlPrec === 0 ? 0 : invlPrec + 1);
  } else {
    invlPrec = spec.invlPrec;
    borderlen = 25 + Math.max(invlMag, durMag) + (invlPrec === 0 ? 0 : invlPrec + 1);
  }
  // The duration rounded to the interval's precision.
  let dv = 1000000;
  for (let i = 0; i < invlPrec; i++) dv = Math.floor(dv / 10);
  if (duration % dv > 5 * Math.floor(dv / 10)) {
    duration += 5 * Math.floor(dv / 10);
    duration = Math.floor(duration / dv) * dv;
    durSecs = Math.floor(duration / 1e6);
    durMag = magnitude(durSecs, 5);
  }
  if (whole) interval = duration;

  const absolute = time.format !== 'r';
  const withDate = time.format === 'ad' || time.format === 'adoy' || time.format === 'ud' || time.format === 'udoy';
  let invlColW = invlPrec === 0 ? 2 * durMag + 8 : 2 * durMag + 2 * invlPrec + 10;
  invlColW = withDate ? Math.max(invlColW, ISO_BUFSIZE + invlPrec - 6) : Math.max(invlColW, 12);

  // Column widths.
  const widths: Width[] = [];
  let tabrow = 0;
  for (const d of io.data) {
    const c = d.col.calc;
    const w: Width = { fr: 0, val: 0 };
    widths.push(w);
    if (c === 'FRAMES' || c === 'FRAMES BYTES') {
      w.fr = Math.max(6, magnitude(d.maxFrames, 15));
      tabrow += w.fr + 3;
      if (c === 'FRAMES BYTES') {
        w.val = Math.max(5, magnitude(d.maxValue, 15));
        tabrow += w.val + 3;
      }
      continue;
    }
    if (c === 'BYTES' || c === 'COUNT') {
      w.val = Math.max(5, magnitude(d.maxValue, 15));
    } else {
      const k = valueKind(d);
      if (k === 'real') {
        w.val = magnitude(d.maxValue, 15) + 7;
      } else if (k === 'time') {
        let max = d.maxValue;
        if (c === 'LOAD') max = interval > 0 ? Math.floor(max / interval) : 0;
        else if (c !== 'AVG') max = Math.floor((max + 5e8) / 1e9);
        w.val = magnitude(max, 15) + 7;
      } else {
        w.val = Math.max(NAME_LEN(c), magnitude(d.maxValue, 15));
      }
    }
    tabrow += w.val + 3;
  }
  const tabrowW = invlColW + tabrow;
  borderlen = Math.max(borderlen, tabrowW);
  let maxFilter = 0;
  for (const d of io.data) maxFilter = Math.max(maxFilter, d.col.text !== null ? d.col.text.length + 11 : 26);
  if (maxFilter > borderlen && borderlen < 102) borderlen = Math.min(maxFilter, 102);
  if (borderlen - tabrowW === 1) borderlen++;

  // The header: duration, interval, the columns' filters.
  lines.push('='.repeat(borderlen));
  lines.push(`|${left(' IO Statistics', borderlen - 2)}|`);
  lines.push(`|${' '.repeat(borderlen - 2)}|`);
  const durPrec = invlPrec === 0 ? 6 : invlPrec;
  const durW = magnitude(io.elapsedSec, 5) + (invlPrec === 0 ? 0 : invlPrec + 1);
  const withBar = (s: string) => s + bar(borderlen - s.length);
  // Padded for the width the time would have with at most five digits of seconds (a longer one
  // pushes the bar out, as in tshark 4.0).
  const timeLine = (name: string, text: string, assumed: number) => `| ${name}: ${right(text, durW)} secs${' '.repeat(Math.max(0, borderlen - 18 - assumed))}|`;
  lines.push(timeLine('Duration', printfFixed(io.elapsedSec + io.elapsedNsec / 1e9, durPrec), magnitude(io.elapsedSec, 5) + durPrec + 1));
  lines.push(timeLine('Interval', fixedTime(Math.floor(interval / 1e6), (interval % 1e6) * 1000, invlPrec), durW));
  lines.push(`|${' '.repeat(borderlen - 2)}|`);
  io.data.forEach((d, j) => {
    let s = `${j === 0 ? '| Col ' : '|     '}${j + 1}: `;
    let filter = d.col.text;
    if (filter === null) {
      s += 'Frames and bytes';
    } else {
      const maxW = borderlen - 11;
      while (filter.length > maxW) {
        const sp = filter.slice(0, maxW).lastIndexOf(' ');
        const len = sp >= 0 ? sp : maxW;
        lines.push(withBar(s + filter.slice(0, len)));
        s = '|         ';
        filter = filter.slice(sp >= 0 ? len + 1 : len);
      }
      s += filter;
    }
    lines.push(withBar(s));
  });
  lines.push(`|-${'-'.repeat(borderlen - 3)}|`);

  // The column numbers and labels.
  const filler = tabrowW < borderlen ? bar(borderlen - tabrowW) : '';
  let row = `|${bar(invlColW - 1)}`;
  io.data.forEach((d, j) => {
    const w = widths[j]!;
    const c = d.col.calc;
    const padding = c === 'FRAMES BYTES' ? w.fr + w.val + 3 : c === 'FRAMES' ? w.fr : w.val;
    row += `${left(String(j + 1), 2)}${' '.repeat(padding)}|`;
  });
  lines.push(row + filler);
  const label = !absolute ? '| Interval' : withDate ? '| Date and time' : '| Time    ';
  row = label + bar(invlColW - label.length);
  io.data.forEach((d, j) => {
    const w = widths[j]!;
    const c = d.col.calc;
    if (c === 'FRAMES') row += center('FRAMES', w.fr);
    else if (c === 'FRAMES BYTES') row += center('Frames', w.fr) + center('Bytes', w.val);
    else row += center(c, w.val);
  });
  lines.push(row + filler);
  lines.push(`|-${'-'.repeat(tabrowW - 3)}|${filler}`);

  // One row per interval.
  const numRows = interval === 0 || duration === 0 ? 0 : Math.floor(duration / interval) + (duration % interval > 0 ? 1 : 0);
  if (io.tooMany || numRows > MAX_INTERVALS) {
    return `\nio,stat: the capture lasts ${printfFixed(io.elapsedSec + io.elapsedNsec / 1e9, 6)} s: at an interval of ${fixedTime(Math.floor(interval / 1e6), (interval % 1e6) * 1000, 6)} s that is ${numRows.toLocaleString('en-US')} rows, more than the ${MAX_INTERVALS.toLocaleString('en-US')} a table may have; give a longer interval\n`;
  }
  const invl = (sec: number, frac: number) => (invlPrec === 0 ? right(String(sec), durMag) : `${right(String(sec), durMag)}.${String(frac).padStart(invlPrec, '0')}`);
  let t = 0;
  for (let i = 0; i < numRows; i++) {
    const lastRow = i === numRows - 1;
    const invlEnd = lastRow ? duration : t + interval;
    let s: string;
    if (absolute) {
      s = `| ${left(absoluteTime(io, t, invlPrec, time), invlColW - 4)} |`;
    } else if (invlPrec === 0) {
      if (lastRow) {
        const maxw = durMag >= 3 ? durMag + 1 : 3;
        s = `| ${durMag === 1 ? ' ' : ''}${invl(Math.floor(t / 1e6), 0)} <> ${left('Dur', maxw)}|`;
      } else {
        const inner = `${invl(Math.floor(t / 1e6), 0)} <> ${invl(Math.floor(invlEnd / 1e6), 0)}`;
        s = durMag === 1 ? `|  ${inner}  |` : `| ${inner} |`;
      }
    } else {
      s = `| ${invl(Math.floor(t / 1e6), Math.floor((t % 1e6) / dv))} <> ${invl(Math.floor(invlEnd / 1e6), Math.floor((invlEnd % 1e6) / dv))} |`;
    }
    io.data.forEach((d, j) => {
      s += cellText(d, i, widths[j]!, lastRow, interval, invlEnd - t);
    });
    lines.push(s + filler);
    t += interval;
  }
  lines.push('='.repeat(borderlen));
  return lines.join('\n') + '\n';
}

/** One column's cell of interval `i`: " value |" (two for frames and bytes). */
function cellText(d: IoColumnData, i: number, w: Width, lastRow: boolean, interval: number, span: number): string {
  const c = d.col.calc;
  const it = i <= d.last ? d.cell(i) : undefined;
  const frames = it?.frames ?? 0;
  const counter = it?.counter ?? 0;
  const int = (v: number, width: number) => ` ${right(String(v), width)} |`;
  const timeCell = (us: number) => ` ${right(String(Math.floor(us / 1e6)), w.val - 7)}.${String(us % 1e6).padStart(6, '0')} |`;
  switch (c) {
    case 'FRAMES':
      return int(frames, w.fr);
    case 'FRAMES BYTES':
      return int(frames, w.fr).slice(0, -1) + `| ${right(String(counter), w.val)} |`;
    case 'BYTES':
    case 'COUNT':
      return int(counter, w.val);
    default:
      break;
  }
  const k = valueKind(d);
  if (!it) return k === 'time' ? timeCell(0) : k === 'real' ? ` ${right((0).toFixed(6), w.val)} |` : int(0, w.val);
  const num = it.num === 0 ? 1 : it.num;
  if (k === 'real') return ` ${right((c === 'AVG' ? it.real / num : it.real).toFixed(6), w.val)} |`;
  if (k === 'time') {
    if (c === 'LOAD') {
      const div = lastRow ? span : interval;
      return ` ${right(String(Math.floor(counter / div)), w.val - 7)}.${String(Math.floor(((counter % div) * 1e6) / div)).padStart(6, '0')} |`;
    }
    const ns = c === 'AVG' ? Math.floor(counter / num) : counter;
    return timeCell(Math.floor((ns + 500) / 1000));
  }
  return int(c === 'AVG' ? Math.floor(counter / num) : counter, w.val);
}

/** NSTIME_ISO8601_BUFSIZE: "YYYY-MM-DDTHH:MM:SS.123456789Z" and its NUL. */
const ISO_BUFSIZE = 31;

/** C's printf("%.*f", digits, d): like toFixed, but an exact tie goes to the even digit. */
function printfFixed(d: number, digits: number): string {
  const t = d * 10 ** digits;
  if (!Number.isInteger(t) && Number.isInteger(t * 2)) {
    const down = Math.floor(t);
    return ((down % 2 === 0 ? down : down + 1) / 10 ** digits).toFixed(digits);
  }
  return d.toFixed(digits);
}

/** Seconds and nanoseconds with `digits` decimals, cut. */
function fixedTime(sec: number, nsec: number, digits: number): string {
  return digits === 0 ? String(sec) : `${sec}.${String(Math.floor(nsec / 10 ** (9 - digits))).padStart(digits, '0')}`;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** The start of an interval as a time of day (-t a, u) or a date and time (ad, adoy, ud, udoy). */
function absoluteTime(io: IoStat, tUs: number, prec: number, time: TimeColumn): string {
  let sec = (io.startSec ?? 0) + Math.floor(tUs / 1e6);
  let nsec = io.startNsec + (tUs % 1e6) * 1000;
  if (nsec >= 1e9) {
    nsec -= 1e9;
    sec++;
  }
  const utc = time.format.startsWith('u');
  const d = new Date(sec * 1000);
  const y = utc ? d.getUTCFullYear() : d.getFullYear();
  const mo = utc ? d.getUTCMonth() : d.getMonth();
  const day = utc ? d.getUTCDate() : d.getDate();
  const frac = prec === 0 ? '' : '.' + String(Math.floor(nsec / 10 ** (9 - prec))).padStart(prec, '0');
  const hms = `${pad2(utc ? d.getUTCHours() : d.getHours())}:${pad2(utc ? d.getUTCMinutes() : d.getMinutes())}:${pad2(utc ? d.getUTCSeconds() : d.getSeconds())}${frac}`;
  const z = utc ? 'Z' : '';
  if (time.format === 'ad' || time.format === 'ud') return `${String(y).padStart(4, '0')}-${pad2(mo + 1)}-${pad2(day)} ${hms}${z}`;
  if (time.format === 'adoy' || time.format === 'udoy') {
    const doy = Math.round((Date.UTC(y, mo, day) - Date.UTC(y, 0, 1)) / 86400000) + 1;
    return `${String(y).padStart(4, '0')}/${String(doy).padStart(3, '0')} ${hms}${z}`;
  }
  return hms + z;
}
