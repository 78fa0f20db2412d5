/**
 * MAC address names for `-N m` (Node side): vendor names from the IEEE registries as the npm
 * package `oui-data` ships them, plus a few well-known group addresses (Broadcast, IPv4/IPv6
 * multicast, …) the way Wireshark's `wka` file names them.
 *
 * The database (5 MB of JSON) is loaded on the first look-up only, so a run without `-N m` never
 * reads it.
 *
 * Names look like Wireshark's: `Vendor_xx:xx:xx`, where `Vendor` is the registry's organisation
 * name shortened to at most 8 characters by `shortVendorName` (Wireshark's make-manuf rules: an
 * all-capitals name is title-cased, punctuation and business words such as Inc/Ltd/Corp/GmbH/Co
 * are dropped, the words are joined, and the result is cut to 8 characters). Wireshark's own
 * `manuf` file is made the same way from the same registries, so most names agree
 * (`Dell_f0:92:ab`, `Universa_6c:0c:cc`, `Netgear_23:fb:fa`, `Giga-Byt_b2:de:6e`); where the
 * registry's current name differs from the one Wireshark kept, ours follows the registry
 * (00:e0:18 is `ASUSTekC`, Wireshark says `AsustekI`), but for VirtualBox's 08:00:27, which is
 * `PcsCompu` as in Wireshark (SHORT_OVERRIDES).
 *
 * MA-M (28-bit) and MA-S (36-bit) assignments are matched before the MA-L (24-bit) one, and the
 * bits after the prefix are shown: `Vendor_x:xx:xx` and `Vendor_x:xx`.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { formatHex } from '../../dissectors/core/addr.js';
import type { Resolver } from '../../dissectors/core/format.js';
import { OuiIndex } from './oui-index.js';

const hex2 = (b: number) => b.toString(16).padStart(2, '0');

/** Exact well-known addresses (Wireshark's wka names). */
const WELL_KNOWN: ReadonlyMap<string, string> = new Map([
  ['ff:ff:ff:ff:ff:ff', 'Broadcast'],
  ['01:00:0c:cc:cc:cc', 'CDP/VTP/DTP/PAgP/UDLD'],
  ['01:00:0c:cc:cc:cd', 'PVST+'],
  ['01:00:0c:cd:cd:d0', 'GBPT'],
  ['01:80:c2:00:00:02', 'Slow-Protocols'],
  ['01:80:c2:00:00:03', 'Nearest-non-TPMR-bridge'],
  ['01:80:c2:00:00:08', 'Provider-Bridge'],
  ['01:80:c2:00:00:0d', 'Provider-Bridge-MVRP'],
  ['01:80:c2:00:00:0e', 'LLDP_Multicast'],
  ['01:80:c2:00:00:01', 'MAC-specific-ctrl-proto-01'],
  ['01:80:c2:00:00:04', 'MAC-specific-ctrl-proto-04'],
  ['01:80:c2:00:00:07', 'MEF-Forum-ELMI-proto'],
]);

/**
 * Well-known prefixes: [prefix bytes, prefix length in bits, name], longest first. Names as
 * Wireshark's `wka` file spells them; the addresses are the protocols' own (RFC 2281 HSRP,
 * RFC 5798 VRRP, IEEE 802.1Q reserved group addresses, Microsoft NLB's cluster and per-host
 * addresses).
 */
const WELL_KNOWN_PREFIXES: ReadonlyArray<readonly [readonly number[], number, string]> = [
  [[0x00, 0x00, 0x0c, 0x07, 0xac], 40, 'All-HSRP-routers'],
  [[0x00, 0x00, 0x5e, 0x00, 0x01], 40, 'IETF-VRRP-VRID'],
  [[0x01, 0x80, 0xc2, 0x00, 0x00, 0x00], 44, 'Spanning-tree-(for-bridges)'],
  [[0x01, 0x00, 0x5e, 0x00], 25, 'IPv4mcast'],
  [[0x33, 0x33], 16, 'IPv6mcast'],
  // Microsoft NLB: 02-BF (unicast cluster), 03-BF (multicast cluster), 00-BF, and 02-<host 1..32>.
  [[0x00, 0xbf], 16, 'MS-NLB-VirtServer'],
  [[0x02, 0xbf], 16, 'MS-NLB-VirtServer'],
  [[0x03, 0xbf], 16, 'MS-NLB-VirtServer-Multicast'],
  ...Array.from({ length: 32 }, (_, i) => [[0x02, i + 1], 16, `MS-NLB-PhysServer-${String(i + 1).padStart(2, '0')}`] as const),
];

function matchesPrefix(a: Uint8Array, prefix: readonly number[], bits: number): boolean {
  for (let i = 0; i * 8 < bits; i++) {
    const take = Math.min(8, bits - i * 8);
    const mask = (0xff << (8 - take)) & 0xff;
    if ((a[i]! & mask) !== (prefix[i]! & mask)) return false;
  }
  return true;
}

/**
 * `IPv6mcast_01:00:03`: the bytes after a well-known prefix (from the first byte the prefix does
 * not fully cover), leading zero bytes left out but at least one byte kept — what Wireshark shows.
 * As Wireshark's eth_addr_resolve, exact names and prefixes of 24 bits or more (`long`) come
 * before the vendor registry, shorter prefixes after it.
 */
function wellKnownName(a: Uint8Array, long: boolean): string | undefined {
  if (long) {
    const exact = WELL_KNOWN.get(Array.from(a, hex2).join(':'));
    if (exact) return exact;
  }
  for (const [prefix, bits, name] of WELL_KNOWN_PREFIXES) {
    if (bits >= 24 !== long || !matchesPrefix(a, prefix, bits)) continue;
    const first = Math.floor(bits / 8); // the first byte the prefix does not fully cover
    const shown: string[] = [];
    for (let j = first; j < 6; j++) {
      const b = j === first && bits % 8 ? a[j]! & (0xff >> bits % 8) : a[j]!;
      if (shown.length === 0 && b === 0 && j < 5) continue;
      shown.push(hex2(b));
    }
    return `${name}_${shown.join(':')}`;
  }
  return undefined;
}

/** Business words Wireshark's make-manuf drops from vendor names. */
const GENERAL_TERMS =
  /\W(the|incorporated|inc|plc|systems|corporation|corp|s\/a|a\/s|ab|ag|kg|gmbh|company|co|limited|ltd|holding|spa)(?= )/giu;

/** Python's str.title(): a capital after every non-letter, small letters elsewhere. */
function titleCase(s: string): string {
  return s.toLowerCase().replace(/(^|[^\p{L}])(\p{L})/gu, (_m, before: string, letter: string) => before + letter.toUpperCase());
}

/** A registry organisation name shortened to Wireshark's 8-character manuf form. */
export function shortVendorName(org: string): string {
  let s = org.split(/\s+/u).filter(Boolean).join(' ');
  if (s === s.toUpperCase() && s !== s.toLowerCase()) s = titleCase(s);
  s = ` ${s} `.replace(/["',.()]/gu, ' ').replace(/ & /gu, ' ');
  const plain = s.replace(GENERAL_TERMS, '');
  if (plain.trim() !== '') s = plain;
  s = s.replace(/\s+/gu, '');
  return Array.from(s).slice(0, 8).join('') || org.slice(0, 8);
}

/** A look-up of the registry: 6, 7 or 9 upper-case hex digits → the entry's text. */
interface OuiTable {
  get(key: string): string | undefined;
}
let table: OuiTable | null = null;

/** The oui-data table (read on first use, indexed in place: oui-index.ts). */
function ouiTable(): OuiTable {
  if (!table) {
    const require = createRequire(import.meta.url);
    const bytes = readFileSync(require.resolve('oui-data'));
    table = OuiIndex.fromJson(bytes) ?? new Map(Object.entries(JSON.parse(bytes.toString('utf8')) as Record<string, string>));
  }
  return table;
}

/** True once the vendor database has been read (for tests of the lazy load). */
export function ouiLoaded(): boolean {
  return table !== null;
}

export interface Vendor {
  /** Organisation name (the registry entry's first line). */
  name: string;
  /** Shortened name, as used in `Vendor_xx:xx:xx`. */
  short: string;
  /** Prefix length: 24 (MA-L), 28 (MA-M) or 36 (MA-S). */
  bits: 24 | 28 | 36;
}

/**
 * Short names Wireshark's manuf file sets by hand over the registry's: 00:00:00 is Xerox's, but
 * an all-zero address (ARP's unknown target) is far more common, so Wireshark calls it `00:00:00`.
 */
const SHORT_OVERRIDES: ReadonlyMap<string, string> = new Map([
  ['000000', '00:00:00'],
  // VirtualBox's virtual NICs: the registry now says "PCS Systemtechnik GmbH", but every Wireshark
  // user knows these as PcsCompu_xx:xx:xx, and they are in a great many captures.
  ['080027', 'PcsCompu'],
]);

/**
 * DEC's locally administered blocks, which Wireshark's manuf names although no registry holds
 * them (DECnet Phase IV's AA-00-04-00-xx-xx is seen in old captures).
 */
const DEC_BLOCKS = ['DecObsol', 'DecObsol', 'DecObsol', 'DecGloba', 'DecLocal'];

const vendorCache = new Map<string, Vendor | null>();

/** The registered vendor of a MAC address (longest prefix first), or undefined. */
export function lookupVendor(a: Uint8Array): Vendor | undefined {
  if (a.length < 6) return undefined;
  const hex = Array.from(a.subarray(0, 6), hex2).join('').toUpperCase();
  const cached = vendorCache.get(hex);
  if (cached !== undefined) return cached ?? undefined;
  const t = ouiTable();
  let found: Vendor | null = null;
  for (const [digits, bits] of [[9, 36], [7, 28], [6, 24]] as const) {
    const entry = t.get(hex.slice(0, digits));
    if (entry !== undefined) {
      found = { ...vendorOf(entry, bits === 24 ? hex.slice(0, 6) : undefined), bits };
      break;
    }
  }
  vendorCache.set(hex, found);
  return found ?? undefined;
}

/**
 * Wireshark's resolved form of a MAC address: a well-known name, `Vendor_xx:xx:xx`, or undefined
 * (group and locally administered addresses have no vendor).
 */
export function etherName(a: Uint8Array): string | undefined {
  if (a.length < 6) return undefined;
  // The 48 bits as one number: a capture has few addresses, each asked for on every packet shown.
  const key = (((a[0]! << 16) | (a[1]! << 8) | a[2]!) * 0x1000000) + ((a[3]! << 16) | (a[4]! << 8) | a[5]!);
  const cached = nameCache.get(key);
  if (cached !== undefined) return cached ?? undefined;
  const name = resolveEtherName(a);
  if (nameCache.size >= NAME_CACHE_MAX) nameCache.clear();
  nameCache.set(key, name ?? null);
  return name;
}

const NAME_CACHE_MAX = 1 << 16;
const nameCache = new Map<number, string | null>();

function resolveEtherName(a: Uint8Array): string | undefined {
  const wk = wellKnownName(a, true);
  if (wk) return wk;
  const tail = `${hex2(a[3]!)}:${hex2(a[4]!)}:${hex2(a[5]!)}`;
  if (a[0] === 0xaa && a[1] === 0 && a[2]! < DEC_BLOCKS.length) return `${DEC_BLOCKS[a[2]!]}_${tail}`;
  const v = a[0]! & 0x03 ? undefined : lookupVendor(a);
  if (!v) return wellKnownName(a, false);
  switch (v.bits) {
    case 36: return `${v.short}_${(a[4]! & 0x0f).toString(16)}:${hex2(a[5]!)}`;
    case 28: return `${v.short}_${(a[3]! & 0x0f).toString(16)}:${hex2(a[4]!)}:${hex2(a[5]!)}`;
    default: return `${v.short}_${tail}`;
  }
}

/**
 * Wireshark's eui64_to_display with MAC names on: the vendor of the first three bytes (also with
 * the group bit cleared) and the other five, or undefined.
 */
export function eui64Name(a: Uint8Array): string | undefined {
  if (a.length !== 8) return undefined;
  const t = ouiTable();
  for (const b0 of a[0]! & 1 ? [a[0]!, a[0]! & 0xfe] : [a[0]!]) {
    const prefix = [b0, a[1]!, a[2]!].map(hex2).join('').toUpperCase();
    const entry = t.get(prefix);
    if (entry !== undefined) return `${vendorOf(entry, prefix).short}_${formatHex(a.subarray(3), ':')}`;
  }
  return undefined;
}

/** A registry entry's organisation name and Wireshark's short name for it (`prefix`: a 24-bit block, which may have an override). */
function vendorOf(entry: string, prefix: string | undefined): { name: string; short: string } {
  const name = entry.split('\n')[0]!.trim();
  return { name, short: (prefix !== undefined ? SHORT_OVERRIDES.get(prefix) : undefined) ?? shortVendorName(name) };
}

/** etherName as the dissectors ask for it (CaptureOptions.etherName): bytes and offset. */
export function etherNameAt(d: Uint8Array, off: number): string | undefined {
  return etherName(d.subarray(off, off + 6));
}

/** The `ether` half of a Resolver, backed by this module. */
export const ouiResolver: Pick<Resolver, 'ether' | 'eui64'> = { ether: etherName, eui64: eui64Name };
