/**
 * tshark's glossary reports (`-G fields`, `-G protocols`, `-G values`): the field registry in
 * Wireshark's format (epan/proto.c proto_registrar_dump_*), so `packetloom -G fields | grep tcp.`
 * lists what we dissect, with the names, types and bit masks a Wireshark user looks up.
 *
 *   P  <name> <abbrev>                                                    (-G fields, a protocol)
 *   F  <name> <abbrev> <FT_type> <parent> <base> <bitmask> <description>  (-G fields, a field)
 *   <name> <short name> <abbrev>                                          (-G protocols)
 *   V  <abbrev> <value> <name>  /  T  <abbrev> <true> <false>              (-G values)
 */
import { allFields, registrarOf, type Base, type FieldDef, type ProtocolDef } from '../core/fields.js';
import { ftNumber } from './json-raw.js';

export const GLOSSARY_REPORTS = ['fields', 'protocols', 'values'] as const;
export type GlossaryReport = (typeof GLOSSARY_REPORTS)[number];

/** Wireshark 4.0's ftenum names (epan/ftypes/ftypes.h), by number. */
const FT_NAMES: Readonly<Record<number, string>> = {
  0: 'FT_NONE', 1: 'FT_PROTOCOL', 2: 'FT_BOOLEAN', 3: 'FT_CHAR',
  4: 'FT_UINT8', 5: 'FT_UINT16', 6: 'FT_UINT24', 7: 'FT_UINT32', 8: 'FT_UINT40', 9: 'FT_UINT48', 10: 'FT_UINT56', 11: 'FT_UINT64',
  12: 'FT_INT8', 13: 'FT_INT16', 14: 'FT_INT24', 15: 'FT_INT32', 16: 'FT_INT40', 17: 'FT_INT48', 18: 'FT_INT56', 19: 'FT_INT64',
  20: 'FT_IEEE_11073_SFLOAT', 21: 'FT_IEEE_11073_FLOAT', 22: 'FT_FLOAT', 23: 'FT_DOUBLE',
  24: 'FT_ABSOLUTE_TIME', 25: 'FT_RELATIVE_TIME', 26: 'FT_STRING', 27: 'FT_STRINGZ', 28: 'FT_UINT_STRING',
  29: 'FT_ETHER', 30: 'FT_BYTES', 31: 'FT_UINT_BYTES', 32: 'FT_IPv4', 33: 'FT_IPv6', 34: 'FT_IPXNET', 35: 'FT_FRAMENUM', 36: 'FT_GUID',
  37: 'FT_OID', 38: 'FT_EUI64',
};

const BASE_NAMES: Readonly<Record<Base, string>> = {
  dec: 'BASE_DEC', hex: 'BASE_HEX', dec_hex: 'BASE_DEC_HEX', hex_dec: 'BASE_HEX_DEC', oct: 'BASE_OCT',
  none: 'BASE_NONE', pt_tcp: 'BASE_PT_TCP', pt_udp: 'BASE_PT_UDP', oui: 'BASE_OUI', custom: 'BASE_CUSTOM',
  // Time displays: Wireshark prints no base for a time field.
  unix: '', utc: '',
  // An address display: tshark prints no base for an FT_IPv4 (BASE_NETMASK only changes its label).
  netmask: '',
};

function isProtocol(f: FieldDef): f is ProtocolDef {
  return f.type === 'protocol';
}

/** FT_CHAR and the integers: the types whose base tshark names. */
function isIntegerFt(ft: number): boolean {
  return ft >= 3 && ft <= 19;
}

/** What tshark prints in the base column: BASE_* of an integer, the parent width of a boolean. */
function baseText(f: FieldDef, ft: number): string {
  if (isIntegerFt(ft)) return BASE_NAMES[f.base] || 'BASE_NONE';
  if (ft === 2) return String(f.mask !== undefined ? (f.bits ?? 0) : 0);
  return '';
}

function fieldLines(fields: readonly FieldDef[]): string[] {
  // A name registered again (defineFieldAgain) is listed once, as tshark lists its first registration.
  const seen = new Set<string>();
  return fields.filter((f) => !seen.has(f.abbrev) && seen.add(f.abbrev)).map((f) => {
    if (isProtocol(f)) return `P\t${f.name}\t${f.abbrev}`;
    const ft = ftNumber(f);
    const mask = f.hfMask ?? f.mask ?? 0;
    return ['F', f.name, f.abbrev, FT_NAMES[ft] ?? `FT_${ft}`, registrarOf(f.abbrev), baseText(f, ft), `0x${mask.toString(16)}`, f.blurb ?? ''].join('\t');
  });
}

function protocolLines(fields: readonly FieldDef[]): string[] {
  return fields.filter(isProtocol).map((p) => `${p.name}\t${p.short}\t${p.abbrev}`);
}

/** Value names (`V`, in hex for a BASE_HEX field as tshark) and a boolean's true/false texts (`T`). */
function valueLines(fields: readonly FieldDef[]): string[] {
  const out: string[] = [];
  for (const f of fields) {
    if (isProtocol(f)) continue;
    if (f.vals && isIntegerFt(ftNumber(f)) && f.base !== 'custom') {
      for (const [v, name] of f.vals) out.push(`V\t${f.abbrev}\t${f.base === 'hex' && !f.valsExt ? `0x${v.toString(16)}` : String(v)}\t${name}`);
    } else if (f.type === 'boolean') {
      // Ours default to Set / Not set (Wireshark's tfs_set_notset); True/False is Wireshark's
      // default for a boolean registered without strings, which it does not list.
      const [t, fl] = f.tfs ?? ['Set', 'Not set'];
      if (!(t === 'True' && fl === 'False')) out.push(`T\t${f.abbrev}\t${t}\t${fl}`);
    }
  }
  return out;
}

/** The report's text, one line per field, protocol or value (registration order, as tshark). */
export function glossary(report: GlossaryReport, fields: readonly FieldDef[] = allFields()): string {
  const lines = report === 'fields' ? fieldLines(fields) : report === 'protocols' ? protocolLines(fields) : valueLines(fields);
  return lines.length ? lines.join('\n') + '\n' : '';
}
