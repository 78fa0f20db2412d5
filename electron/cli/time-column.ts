/**
 * The Time column in tshark's formats: `-t a|ad|adoy|d|dd|e|r|u|ud|udoy` (what the time is) and
 * `-u s|hms` (how seconds of a relative or delta time are written), as tshark 4.0's
 * column-utils.c writes them, with the decimals of the packet's timestamp resolution:
 *
 *   r   0.500000          seconds since the first packet (the default)
 *   d   0.000298          since the previous packet;  dd: since the previous one displayed
 *   e   1361916156.044429 seconds since 1970-01-01 UTC
 *   a   17:02:36.044429   local time;  ad: 2013-02-26 17:02:36.044429;  adoy: 2013/057 17:02:36.044429
 *   u, ud, udoy           the same in UTC
 *   -u hms: 1h  2m  5.000001s, 1m  1.250000s, 0.500000s (a negative one starts with "- ")
 *
 * A packet without a timestamp has an empty Time. Local time is the process's time zone (TZ).
 */
import type { FrameMeta } from '../../dissectors/core/pinfo.js';

/** A duration (both parts of the same sign) with `digits` decimals, cut (not rounded) as Wireshark does. */
export function formatRelTime(sec: number, nsec: number, digits: number): string {
  const neg = sec < 0 || nsec < 0;
  const s = Math.abs(sec);
  const ns = Math.abs(nsec);
  let out = (neg ? '-' : '') + String(s);
  if (digits > 0) {
    const frac = String(Math.floor(ns / (DIVISORS[9 - digits] ?? 10 ** (9 - digits))));
    out += frac.length >= digits ? '.' + frac : '.' + ZEROS.slice(0, digits - frac.length) + frac;
  }
  return out;
}

export const DIVISORS = [1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000];
const ZEROS = '000000000';

export type TimeFormat = 'r' | 'a' | 'ad' | 'adoy' | 'd' | 'dd' | 'e' | 'u' | 'ud' | 'udoy';

export interface TimeColumn {
  format: TimeFormat;
  /** -u hms: relative and delta times in hours, minutes and seconds. */
  hms: boolean;
}

export const DEFAULT_TIME_COLUMN: Readonly<TimeColumn> = { format: 'r', hms: false };

const FORMATS: readonly [TimeFormat, string][] = [
  ['a', 'absolute'], ['ad', 'absolute with YYYY-MM-DD date'], ['adoy', 'absolute with YYYY/DOY date'],
  ['d', 'delta'], ['dd', 'delta displayed'], ['e', 'epoch'], ['r', 'relative'],
  ['u', 'absolute UTC'], ['ud', 'absolute UTC with YYYY-MM-DD date'], ['udoy', 'absolute UTC with YYYY/DOY date'],
];

/** Applies a `-t` value to `tc`; tshark's message (on one line) for another value. */
export function applyTimeFormat(tc: TimeColumn, v: string): string | void {
  const f = FORMATS.find(([k]) => k === v);
  if (!f) return `Invalid time stamp type "${v}"; it must be one of: ${FORMATS.map(([k, w]) => `"${k}" for ${w}`).join(', ')}`;
  tc.format = f[0];
}

/** Applies a `-u` value to `tc`; tshark's message for another value. */
export function applySecondsFormat(tc: TimeColumn, v: string): string | void {
  if (v !== 's' && v !== 'hms') return `Invalid seconds type "${v}"; it must be one of: "s" for seconds, "hms" for hours, minutes and seconds`;
  tc.hms = v === 'hms';
}

/** True when the column is the default (seconds since the first packet): the summary lines' fast path. */
export function isDefaultTime(tc: TimeColumn): boolean {
  return tc.format === 'r' && !tc.hms;
}

const pad2 = (n: number) => (n < 10 ? '0' : '') + n;

/** `nsec` cut (not rounded) to `digits` decimals, with its point ('' for none). */
function fraction(nsec: number, digits: number): string {
  if (digits <= 0) return '';
  return '.' + String(Math.floor(nsec / 10 ** (9 - digits))).padStart(digits, '0');
}

/** Wireshark's set_time_hour_min_sec. */
function hmsText(sec: number, nsec: number, digits: number): string {
  const neg = sec < 0 || nsec < 0;
  const s = Math.abs(sec);
  const sign = neg ? '- ' : '';
  const frac = fraction(Math.abs(nsec), digits);
  const sec2 = (n: number) => String(n).padStart(2, ' ');
  if (s >= 3600) return `${sign}${Math.floor(s / 3600)}h ${sec2(Math.floor(s / 60) % 60)}m ${sec2(s % 60)}${frac}s`;
  if (s >= 60) return `${sign}${Math.floor(s / 60)}m ${sec2(s % 60)}${frac}s`;
  return `${sign}${s}${frac}s`;
}

function intervalText(sec: number, nsec: number, tc: TimeColumn, digits: number): string {
  return tc.hms ? hmsText(sec, nsec, digits) : formatRelTime(sec, nsec, digits);
}

/** Absolute time of the day (local or UTC), with the date as `ad` or `adoy` want it. */
function absoluteText(sec: number, nsec: number, utc: boolean, date: '' | 'ymd' | 'doy', digits: number): string {
  const d = new Date(sec * 1000);
  const y = utc ? d.getUTCFullYear() : d.getFullYear();
  const mo = utc ? d.getUTCMonth() : d.getMonth();
  const day = utc ? d.getUTCDate() : d.getDate();
  const time = `${pad2(utc ? d.getUTCHours() : d.getHours())}:${pad2(utc ? d.getUTCMinutes() : d.getMinutes())}:${pad2(utc ? d.getUTCSeconds() : d.getSeconds())}${fraction(nsec, digits)}`;
  if (date === 'ymd') return `${String(y).padStart(4, '0')}-${pad2(mo + 1)}-${pad2(day)} ${time}`;
  if (date === 'doy') {
    const doy = Math.round((Date.UTC(y, mo, day) - Date.UTC(y, 0, 1)) / 86400000) + 1;
    return `${String(y).padStart(4, '0')}/${String(doy).padStart(3, '0')} ${time}`;
  }
  return time;
}

/** The Time column of the packet whose meta the dissector has just filled (relative and delta times set). */
export function timeText(m: FrameMeta, tc: TimeColumn, digits: number): string {
  if (!m.hasTs) return '';
  switch (tc.format) {
    case 'r':
      return m.relSec === undefined ? '' : intervalText(m.relSec, m.relNsec ?? 0, tc, digits);
    case 'd':
      return intervalText(m.deltaSec ?? 0, m.deltaNsec ?? 0, tc, digits);
    case 'dd':
      return intervalText(m.deltaDisSec ?? 0, m.deltaDisNsec ?? 0, tc, digits);
    case 'e':
      return formatRelTime(m.tsSec, m.tsNsec, digits);
    case 'a':
      return absoluteText(m.tsSec, m.tsNsec, false, '', digits);
    case 'ad':
      return absoluteText(m.tsSec, m.tsNsec, false, 'ymd', digits);
    case 'adoy':
      return absoluteText(m.tsSec, m.tsNsec, false, 'doy', digits);
    case 'u':
      return absoluteText(m.tsSec, m.tsNsec, true, '', digits);
    case 'ud':
      return absoluteText(m.tsSec, m.tsNsec, true, 'ymd', digits);
    case 'udoy':
      return absoluteText(m.tsSec, m.tsNsec, true, 'doy', digits);
  }
}
