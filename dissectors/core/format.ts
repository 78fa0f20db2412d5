/**
 * Turning field values into text: tshark's `-T fields` form, and the decode tree's labels.
 * Formatting happens here, lazily, never in dissectors: the summary pass pays nothing for it.
 */
import { formatEther, formatHex, formatIPv4, formatIPv6 } from './addr.js';
import { isInteger, widthOf, type FieldDef, type Timestamp } from './fields.js';
import type { FieldValue, ProtoNode } from './tree.js';
import { formatString } from './format-text.js';

/**
 * Optional name resolution used by labels and columns (`-N`). Pure code only sees this interface:
 * the tables behind it (the OUI database on the Node side, the port table in
 * dissectors/resolve/services.ts) are loaded by whoever creates the resolver, and only when asked.
 */
export interface Resolver {
  /** `-N m`: the name of a MAC address (`Intel_12:34:56`, `Broadcast`), or undefined. */
  ether?(bytes: Uint8Array): string | undefined;
  /** `-N m`: an EUI-64 with its vendor (`CIMSYS_33:44:55:66:77`), or undefined. */
  eui64?(bytes: Uint8Array): string | undefined;
  /** `-N t`: the service name of a TCP/UDP port (`http`), or undefined. */
  port?(transport: 'tcp' | 'udp', port: number): string | undefined;
  /** `-N n`: the host name of an IPv4 address (a uint32), or undefined (dissectors/resolve/host-names.ts). */
  host4?(addr: number): string | undefined;
  /** `-N n`: the host name of the IPv6 address of these 16 bytes, or undefined. */
  host6?(bytes: Uint8Array): string | undefined;
}

/** Bytes shown in a label before it is cut with `…` (Wireshark's bytes_to_str: 36). */
const LABEL_MAX_BYTES = 36;

function hexWidth(f: FieldDef): number {
  return Math.ceil(widthOf(f.type) / 4);
}

/**
 * Hex digits of a label (Wireshark's hfinfo_hex_digits): for a masked field, those of the mask's
 * span (lowest to highest set bit: `Reserved: 0x00` for a 6-bit mask in 16 bits); -T fields keeps
 * the type's width.
 */
function labelHexWidth(f: FieldDef): number {
  const m = f.mask;
  if (m === undefined || m === 0) return hexWidth(f);
  const span = Math.floor(Math.log2(m / 2 ** shift(m))) + 1;
  return Math.ceil(span / 4);
}

function hex(v: number | bigint, width: number): string {
  return '0x' + v.toString(16).padStart(width, '0');
}

/** `sec.nnnnnnnnn` (9 decimals), negative durations keep their sign. */
export function formatTimestamp(t: Timestamp): string {
  if (t.sec < 0 || t.nsec < 0) {
    const total = -(BigInt(t.sec) * 1_000_000_000n + BigInt(t.nsec));
    return '-' + (total / 1_000_000_000n).toString() + '.' + (total % 1_000_000_000n).toString().padStart(9, '0');
  }
  return `${t.sec}.${String(t.nsec).padStart(9, '0')}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Feb 26, 2013 22:02:36.044429000 UTC`, Wireshark's absolute time (always in UTC here). */
export function formatUtc(t: Timestamp): string {
  if (!Number.isSafeInteger(t.sec)) return formatTimestamp(t);
  const days = Math.floor(t.sec / 86400);
  const rest = t.sec - days * 86400;
  const [y, m, d] = civilFromDays(days);
  const p2 = (n: number) => String(n).padStart(2, '0');
  // Wireshark prints the day like strftime's %e: space-padded ("Jan  7, 2001").
  return `${MONTHS[m - 1]} ${String(d).padStart(2, ' ')}, ${y} ${p2(Math.floor(rest / 3600))}:${p2(Math.floor(rest / 60) % 60)}:${p2(rest % 60)}.${String(t.nsec).padStart(9, '0')} UTC`;
}

/**
 * Year, month (1–12) and day of the proleptic Gregorian calendar for days since 1970-01-01, for
 * any safe integer (H. Hinnant's civil_from_days): gmtime's answer also far beyond the years a JS
 * Date holds (pcapng timestamps can say year 586524, and tshark prints it).
 */
export function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return [y, m, d];
}

/**
 * The value of a byte-string item that has none at all (a zero-length DHCP option value): tshark
 * shows and prints it as `<MISSING>`, where an empty one that was set is `<none>`.
 */
export const MISSING_BYTES = new Uint8Array(0);

/** A field's value as tshark 4.0 prints it with `-T fields` (and in JSON). */
export function fieldText(f: FieldDef, v: FieldValue): string {
  if (v === undefined || v === null) return '';
  if (v === MISSING_BYTES) return '<MISSING>';
  switch (f.type) {
    case 'boolean':
      return v ? '1' : '0';
    case 'ether':
      return formatEther(v as Uint8Array);
    case 'eui64':
      return formatHex(v as Uint8Array, ':');
    case 'ipv4':
      return formatIPv4(v as number);
    case 'ipv6':
      return formatIPv6(v as Uint8Array);
    case 'bytes':
      // tshark 4.0 shows an empty byte string as "<none>" (e.g. an IPv6 PadN option with no data).
      return (v as Uint8Array).length === 0 ? '<none>' : formatHex(v as Uint8Array);
    case 'string':
      return v as string;
    case 'abs_time':
      return f.base === 'unix' ? formatTimestamp(v as Timestamp) : formatUtc(v as Timestamp);
    case 'rel_time':
      return formatTimestamp(v as Timestamp);
    case 'double':
      return String(v);
    case 'float':
      return gFormat(v as number);
    default:
      if (isInteger(f.type)) return intText(f, v as number | bigint, false);
      return String(v);
  }
}

function intText(f: FieldDef, v: number | bigint, forLabel: boolean): string {
  switch (f.base) {
    case 'hex':
      return hex(v, forLabel ? labelHexWidth(f) : hexWidth(f));
    case 'oct':
      return '0' + v.toString(8);
    case 'dec_hex':
      return forLabel ? `${v} (${hex(v, labelHexWidth(f))})` : String(v);
    case 'hex_dec':
      return forLabel ? `${hex(v, labelHexWidth(f))} (${v})` : hex(v, hexWidth(f));
    default:
      return String(v);
  }
}

/** bitPattern texts of fields up to 16 bits wide, by width, mask and value (bounded). */
const bitPatterns = new Map<number, string>();
const MAX_BIT_PATTERNS = 4096;

/** `0100 .... = ` for a masked field: the bits of the mask drawn over the field's width. */
export function bitPattern(mask: number, bits: number, value: number): string {
  if (bits > 32 || mask < 0 || mask > 0xffffffff || !Number.isInteger(mask) || !Number.isInteger(value)) return bitPatternWide(mask, bits, value);
  // Every tree has several (IPv4 and TCP header lengths, flags, offsets): made once each.
  const small = bits <= 16 && mask <= 0xffff && value >= 0 && value <= 0xffff;
  // Unique below 2^37: mask and value 16 bits each, width 0‥16.
  const key = small ? (mask * 0x10000 + value) * 32 + bits : -1;
  if (small) {
    const have = bitPatterns.get(key);
    if (have !== undefined) return have;
  }
  const m = mask >>> 0;
  const sh = m === 0 ? 0 : 31 - Math.clz32(m & -m);
  const shifted = (value * 2 ** sh) % 2 ** 32;
  let s = '';
  for (let i = bits - 1; i >= 0; i--) {
    s += (m >>> i) & 1 ? (Math.floor(shifted / 2 ** i) % 2 === 1 ? '1' : '0') : '.';
    if (i % 4 === 0 && i) s += ' ';
  }
  s += ' = ';
  if (small) {
    if (bitPatterns.size >= MAX_BIT_PATTERNS) bitPatterns.clear();
    bitPatterns.set(key, s);
  }
  return s;
}

/** bitPattern for fields wider than 32 bits (doubles all the way). */
function bitPatternWide(mask: number, bits: number, value: number): string {
  const shifted = value * 2 ** shift(mask);
  let s = '';
  for (let i = bits - 1; i >= 0; i--) {
    const bit = 2 ** i;
    const inMask = Math.floor(mask / bit) % 2 === 1;
    s += inMask ? (Math.floor(shifted / bit) % 2 === 1 ? '1' : '0') : '.';
    if (i % 4 === 0 && i) s += ' ';
  }
  return s + ' = ';
}

function shift(mask: number): number {
  let s = 0;
  while (s < 32 && Math.floor(mask / 2 ** s) % 2 === 0) s++;
  return s;
}

/**
 * A bitmask item's label as Wireshark's proto_tree_add_bitmask writes it (BMT_NO_INT|BMT_NO_TFS):
 * the value in `hexDigits` hex digits, then each of `fields` that is set and boolean by its name,
 * and each with value names as `Name: value name` (`Flags: 0x8500, Response, Opcode: Query`).
 */
export function bitmaskLabel(label: string, value: number, hexDigits: number, fields: readonly FieldDef[]): string {
  return bitmaskAppend(`${label}: 0x${value.toString(16).padStart(hexDigits, '0')}`, value, fields);
}

/** bitmaskLabel after a header written by the caller (a decimal one: `C-Type: 15`). */
export function bitmaskAppend(head: string, value: number, fields: readonly FieldDef[]): string {
  let s = head;
  for (const f of fields) {
    const bits = value & f.mask!;
    if (f.type === 'boolean') {
      if (bits) s += `, ${f.name}`;
    } else if (f.vals) {
      s += `, ${f.name}: ${f.vals.get(bits / (f.mask! & -f.mask!)) ?? 'Unknown'}`;
    }
  }
  return s;
}

/** A field's value as shown in the decode tree (value names, units, hex forms). */
export function displayValue(f: FieldDef, v: FieldValue, res?: Resolver): string {
  if (v === undefined) return '<MISSING>';
  if (v === null) return '';
  if (f.type === 'boolean') {
    const [t, fl] = f.tfs ?? ['Set', 'Not set'];
    return v ? t : fl;
  }
  if (f.type === 'eui64') {
    // Wireshark's FT_EUI64 label always has a resolved form beside the address (the address
    // again when names are off or the vendor is unknown).
    const s = formatHex(v as Uint8Array, ':');
    return `${res?.eui64?.(v as Uint8Array) ?? s} (${s})`;
  }
  if (f.type === 'ether' && res?.ether) {
    // With MAC names on, Wireshark shows the address beside its name even when it has none.
    const mac = formatEther(v as Uint8Array);
    return `${res.ether(v as Uint8Array) ?? mac} (${mac})`;
  }
  if (f.type === 'ipv4' && res?.host4 && f.base !== 'netmask') {
    // With network names on, Wireshark shows an address beside its name (itself when it has none); not a netmask.
    const a = formatIPv4(v as number);
    return `${res.host4(v as number) ?? a} (${a})`;
  }
  if (f.type === 'ipv6' && res?.host6) {
    const a = formatIPv6(v as Uint8Array);
    return `${res.host6(v as Uint8Array) ?? a} (${a})`;
  }
  if (f.type === 'bytes' && (v as Uint8Array).length > 0) {
    const b = v as Uint8Array;
    return (b.length > LABEL_MAX_BYTES ? formatHex(b.subarray(0, LABEL_MAX_BYTES)) + '\u2026' : formatHex(b)) + (f.unit ?? '');
  }
  if (res?.port && typeof v === 'number') {
    // Ports (BASE_PT_TCP / BASE_PT_UDP): with port resolution on, `http (80)` or `46656 (46656)`.
    const transport = f.base === 'pt_tcp' ? 'tcp' : f.base === 'pt_udp' ? 'udp' : undefined;
    if (transport) return `${res.port(transport, v) ?? v} (${v})`;
  }
  if (isInteger(f.type)) {
    const n = v as number;
    // A field with value names shows "Unknown" for a value it has no name for (Wireshark's rule),
    // but for special values only (BASE_SPECIAL_VALS), which leave other values plain.
    const name = f.vals ? (f.vals.get(Number(n)) ?? (f.specialVals ? undefined : 'Unknown')) : undefined;
    const num = intText(f, n, true);
    if (name !== undefined) {
      // BASE_NONE with value names shows the name alone (`Checksum Status: Good`).
      if (f.base === 'none') return name;
      return f.base === 'dec' ? `${name} (${n})` : `${name} (${num})`;
    }
    return num + (f.unit ?? '');
  }
  // A string's controls as format_text escapes them (a line break would break the label).
  if (f.type === 'string') return formatString(v as string) + (f.unit ?? '');
  return fieldText(f, v) + (f.unit ?? '');
}

/** The label of a tree node, as Wireshark would show it. */
export function nodeLabel(n: ProtoNode, res?: Resolver): string {
  if (n.label !== null) return n.label;
  const f = n.field;
  if (!f) return '';
  if (f.type === 'protocol' || f.type === 'none') return f.name;
  const prefix = f.mask !== undefined && f.bits ? bitPattern(f.mask, f.bits, Number(n.value ?? 0)) : '';
  return `${prefix}${f.name}: ${displayValue(f, n.value, res)}`;
}

const DIGIT = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/**
 * The decimal text of a uint32 (`String(n)`, about twice as fast for values such as TCP
 * timestamps): a number at or above 2^31 is a double to V8, whose general number-to-text path is
 * slow, so the text is made from its first digits (a small integer) and its last digit.
 */
export function uint32Text(n: number): string {
  if (n < 0x80000000) return String(n | 0);
  const q = Math.floor(n / 10);
  return String(q | 0) + DIGIT[n - q * 10]!;
}

/** C's `%g` with six significant digits (how Wireshark shows an FT_FLOAT value). */
export function gFormat(v: number): string {
  if (v === 0 || !Number.isFinite(v)) return String(v);
  const exp = Math.floor(Math.log10(Math.abs(Number(v.toPrecision(6)))));
  if (exp < -4 || exp >= 6) {
    const [m, e] = v.toExponential(5).split('e') as [string, string];
    const mant = m.includes('.') ? m.replace(/0+$/, '').replace(/\.$/, '') : m;
    const n = Number(e);
    return `${mant}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
  }
  return String(Number(v.toPrecision(6)));
}
