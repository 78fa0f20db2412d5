/**
 * The packet summary line of `tshark -r f` (tshark 4.0's print_columns with the default columns
 * No., Time, Source, Destination, Protocol, Length, Info):
 *
 *   "    1   0.000000 00:1a:6b:6c:0c:cc → ff:ff:ff:ff:ff:ff ARP 60 Who has 10.10.10.1? Tell 10.10.10.2"
 *
 * - No. right-aligned in at least 5 characters;
 * - Time (seconds since the first packet) right-aligned in at least 10, with as many decimals as
 *   the packet's timestamp resolution (6 for µs, 9 for ns, 2 for pcapng if_tsresol 2 …), empty
 *   for a packet without a timestamp;
 * - Source right-aligned in at least 12, ` → `, Destination left-aligned in at least 12;
 * - then Protocol, Length and Info separated by single spaces.
 * Widths count bytes (UTF-8), as tshark's strlen does.
 */
import type { PacketInfo } from '../../dissectors/core/pinfo.js';
import type { AddressTexts } from './address-texts.js';
import { decimalDigits, utf8Length, type ByteOut } from './byte-out.js';
import { DEFAULT_TIME_COLUMN, DIVISORS, isDefaultTime, timeText, type TimeColumn } from './time-column.js';

/** Decimals of the Time column for a pcap/pcapng if_tsresol value (Wireshark's WTAP_TSPREC_*). */
export function tsDigits(tsresol: number): number {
  const digits = tsresol & 0x80 ? Math.floor((tsresol & 0x7f) * Math.log10(2) + 1e-9) : tsresol;
  if (digits <= 0) return 0;
  if (digits <= 3) return digits;
  if (digits <= 6) return 6;
  return 9;
}


export interface SummaryColumns {
  no: string;
  time: string;
  source: string;
  destination: string;
  protocol: string;
  length: string;
  info: string;
}

/** Column titles, as `_ws.col.<title>` names them. */
export const COLUMN_TITLES: Readonly<Record<keyof SummaryColumns, string>> = {
  no: 'No.', time: 'Time', source: 'Source', destination: 'Destination', protocol: 'Protocol', length: 'Length', info: 'Info',
};

/** The columns of the packet just dissected into `pinfo` (addresses resolved as `addrs` does). */
export function summaryColumns(pinfo: PacketInfo, digits: number, addrs: AddressTexts, time: TimeColumn = DEFAULT_TIME_COLUMN): SummaryColumns {
  const m = pinfo.meta;
  return {
    no: String(m.num),
    time: timeText(m, time, digits),
    source: addrs.text(pinfo.srcKind, pinfo.srcData, pinfo.srcOff),
    destination: addrs.text(pinfo.dstKind, pinfo.dstData, pinfo.dstOff),
    protocol: pinfo.protocol,
    length: String(m.origLen),
    info: pinfo.info,
  };
}

const SPACES = ' '.repeat(16);

function padLeft(s: string, width: number): string {
  if (s.length >= width) return s; // bytes >= UTF-16 units: no padding either way
  const n = utf8Length(s);
  return n >= width ? s : SPACES.slice(0, width - n) + s;
}

function padRight(s: string, width: number): string {
  if (s.length >= width) return s;
  const n = utf8Length(s);
  return n >= width ? s : s + SPACES.slice(0, width - n);
}

/** The summary line (without newline). */
export function summaryLine(c: SummaryColumns): string {
  return `${padLeft(c.no, 5)} ${padLeft(c.time, 10)} ${padLeft(c.source, 12)} \u2192 ${padRight(c.destination, 12)} ${c.protocol} ${c.length} ${c.info}`;
}

/**
 * The summary line of the packet just dissected into `pinfo`, with its newline, written as bytes
 * into `out`: the same text as `summaryLine(summaryColumns(pinfo, digits, res)) + '\n'` without a
 * string per column or per line (the CLI prints one per packet). `extra` (the -z states column)
 * goes before the newline after a space.
 */
export function writeSummaryLine(out: ByteOut, pinfo: PacketInfo, digits: number, addrs: AddressTexts, extra = '', time: TimeColumn = DEFAULT_TIME_COLUMN): void {
  const m = pinfo.meta;
  out.uint(m.num, 5);
  out.byte(0x20);
  if (!isDefaultTime(time)) out.padLeft(timeText(m, time, digits), 10);
  else if (m.hasTs && m.relSec !== undefined) writeRelTime(out, m.relSec, m.relNsec ?? 0, digits, 10);
  else out.spaces(10);
  out.byte(0x20);
  out.padLeft(addrs.text(pinfo.srcKind, pinfo.srcData, pinfo.srcOff), 12);
  out.bytes(ARROW);
  out.padRight(addrs.text(pinfo.dstKind, pinfo.dstData, pinfo.dstOff), 12);
  out.byte(0x20);
  out.text(pinfo.protocol);
  out.byte(0x20);
  out.uint(m.origLen);
  out.byte(0x20);
  out.text(pinfo.info);
  if (extra) {
    out.byte(0x20);
    out.text(extra);
  }
  out.byte(0x0a);
}

/** ` → ` in UTF-8. */
const ARROW = Uint8Array.of(0x20, 0xe2, 0x86, 0x92, 0x20);

/** formatRelTime's text right-aligned in `width`, written as bytes. */
function writeRelTime(out: ByteOut, sec: number, nsec: number, digits: number, width: number): void {
  const neg = sec < 0 || nsec < 0;
  const s = Math.abs(sec);
  const len = (neg ? 1 : 0) + decimalDigits(s) + (digits > 0 ? digits + 1 : 0);
  out.spaces(width - len);
  if (neg) out.byte(0x2d);
  out.uint(s);
  if (digits > 0) {
    out.byte(0x2e);
    out.uint(Math.floor(Math.abs(nsec) / (DIVISORS[9 - digits] ?? 10 ** (9 - digits))), digits, 0x30);
  }
}
