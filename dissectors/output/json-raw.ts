/**
 * The `"<name>_raw"` members of `-T json -x` (tshark's write_json_proto_node_hex_dump): for every
 * item that covers bytes, before its value, an array of
 *
 *   [bytes as lower-case hex, offset in its data source, length, the field's bitmask, field type]
 *
 * where a field under a bitmask gives its value in upper-case hex instead of the bytes
 * (`"ip.flags_raw": ["2", 20, 1, 224, 4]`), and the type is Wireshark's ftenum number
 * (FT_UINT8 = 4, FT_STRING = 26 …, epan/ftypes/ftypes.h of 4.0).
 */
import type { FieldDef, FieldType, ProtocolDef } from '../core/fields.js';
import type { ProtoNode } from '../core/tree.js';

/** Wireshark 4.0's ftenum values of our field types. */
const FT: Readonly<Record<FieldType, number>> = {
  none: 0, protocol: 1, boolean: 2,
  uint8: 4, uint16: 5, uint24: 6, uint32: 7, uint64: 11,
  int8: 12, int16: 13, int32: 15,
  float: 22, double: 23, abs_time: 24, rel_time: 25, string: 26, ether: 29, bytes: 30, eui64: 38,
  ipv4: 32, ipv6: 33, framenum: 35,
};
const FT_BYTES = 30;

/** The field type number tshark prints for an item of `f` (a protocol "in name only" holds bytes). */
export function ftNumber(f: FieldDef): number {
  if (f.ftenum !== undefined) return f.ftenum;
  if (f.type === 'protocol' && (f as ProtocolDef).bytesValue) return FT_BYTES;
  return FT[f.type];
}

/**
 * Fields that Wireshark registers twice under one name, each protocol with its own bitmask (our
 * registry has one definition per name): by the protocol the item is in.
 */
const MASK_WITHIN: ReadonlyMap<string, ReadonlyMap<string, number>> = new Map([
  ['ipv6', new Map([['ip.version', 0xf0]])],
  ['mdns', new Map([['dns.qry.class', 0x7fff], ['dns.resp.class', 0x7fff]])],
]);

/** The bits of a masked field, shifted down, read from its bytes (big-endian). */
function maskedValue(b: Uint8Array, mask: number): number {
  let v = 0;
  for (let i = 0; i < b.length && i < 4; i++) v = v * 256 + b[i]!;
  let shift = 0;
  while (shift < 32 && Math.floor(mask / 2 ** shift) % 2 === 0) shift++;
  return Math.floor((v % 2 ** 32) / 2 ** shift) & Math.floor(mask / 2 ** shift);
}

const hex = (b: Uint8Array): string => {
  let s = '';
  for (let i = 0; i < b.length; i++) s += (b[i]! < 16 ? '0' : '') + b[i]!.toString(16);
  return s;
};

/**
 * The raw array's members as JSON texts, or null when the item has none (no bytes, a text item,
 * an expert item). `data` gives the bytes of data source n (0 = the frame).
 */
export function rawMembers(n: ProtoNode, data: (source: number) => Uint8Array | undefined, within: string): string[] | null {
  const f = n.field;
  if (!f || n.expert || n.length <= 0) return null;
  const mask = MASK_WITHIN.get(within)?.get(f.abbrev) ?? f.hfMask ?? f.mask ?? 0;
  const src = data(n.source);
  // A protocol covers what was captured of it (Wireshark's item ends at the captured bytes).
  const length = f.type === 'protocol' && src && n.offset + n.length > src.length ? Math.max(0, src.length - n.offset) : n.length;
  if (length <= 0) return null;
  let first: string;
  // A flag's value is all its bits (tcp.flags.res: 6 for two of three set), not true/false: read
  // from the whole integer the mask applies to, which starts before the byte the item covers
  // when the item covers only the byte of the mask's high bit (tcp.flags.syn: the second of two).
  const width = f.bits !== undefined ? Math.ceil(f.bits / 8) : length;
  const start = length >= width ? n.offset : n.offset - (width - 1 - Math.floor(Math.floor(Math.log2(mask || 1)) / 8));
  if (mask !== 0 && f.type === 'boolean' && src && width <= 4 && start >= 0 && start + width <= src.length) {
    first = JSON.stringify(maskedValue(src.subarray(start, start + width), mask).toString(16).toUpperCase());
  } else if (mask !== 0 && (typeof n.value === 'number' || typeof n.value === 'boolean' || typeof n.value === 'bigint')) {
    let v = typeof n.value === 'bigint' ? BigInt.asUintN(64, n.value) : Number(n.value) >>> 0;
    // A mask our definition lacks (MASK_WITHIN): the value is the whole integer, not yet masked.
    if (f.mask === undefined && typeof v === 'number') v = maskedValue(Uint8Array.of(v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255), mask);
    first = JSON.stringify(v.toString(16).toUpperCase());
  } else if (!src) first = 'null';
  else if (n.offset + length > src.length) first = '"field length invalid!"';
  else first = JSON.stringify(hex(src.subarray(n.offset, n.offset + length)));
  return [first, String(n.offset), String(length), String(mask), String(ftNumber(f))];
}
